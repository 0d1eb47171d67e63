%% logger.erl -- Moat standard library: the minimal logger of OTP 25.
%%
%% One primary level, shared by every process and by the VM's own crash
%% reports (it lives in C: vm/bif_logger.c, module moat_logger). There is
%% one handler, erl's default one, printing
%%   =ERROR REPORT==== 7-Dec-2026::01:02:03.456789 ===
%%   the message
%% to standard_error (erl writes to standard_io: docs/deviations.md). The
%% event is formatted and written by the calling process, in one write.
-module(logger).

-export([emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, allow/2,
         set_primary_config/2, get_primary_config/0, format_report/1]).

emergency(A) -> log(emergency, A).
emergency(A, B) -> log(emergency, A, B).
emergency(A, B, C) -> log(emergency, A, B, C).
alert(A) -> log(alert, A).
alert(A, B) -> log(alert, A, B).
alert(A, B, C) -> log(alert, A, B, C).
critical(A) -> log(critical, A).
critical(A, B) -> log(critical, A, B).
critical(A, B, C) -> log(critical, A, B, C).
error(A) -> log(error, A).
error(A, B) -> log(error, A, B).
error(A, B, C) -> log(error, A, B, C).
warning(A) -> log(warning, A).
warning(A, B) -> log(warning, A, B).
warning(A, B, C) -> log(warning, A, B, C).
notice(A) -> log(notice, A).
notice(A, B) -> log(notice, A, B).
notice(A, B, C) -> log(notice, A, B, C).
info(A) -> log(info, A).
info(A, B) -> log(info, A, B).
info(A, B, C) -> log(info, A, B, C).
debug(A) -> log(debug, A).
debug(A, B) -> log(debug, A, B).
debug(A, B, C) -> log(debug, A, B, C).

%% log(Level, StringOrReport)
log(Level, Msg) when is_map(Msg); is_list(Msg); is_binary(Msg) ->
    do_log(Level, msg(Msg));
log(Level, Msg) ->
    erlang:error(function_clause, [Level, Msg]).

%% log(Level, Format, Args) | log(Level, StringOrReport, Metadata)
log(Level, Report, Meta) when is_map(Meta), (is_map(Report) orelse is_list(Report) orelse is_binary(Report)) ->
    do_log(Level, msg(Report));
log(Level, Format, Args) when is_list(Args), (is_list(Format) orelse is_atom(Format) orelse is_binary(Format)) ->
    do_log(Level, {Format, Args});
log(Level, A, B) ->
    erlang:error(function_clause, [Level, A, B]).

log(Level, Format, Args, Meta) when is_map(Meta) ->
    log(Level, Format, Args).

msg(Report) when is_map(Report) -> {report, lists:sort(maps:to_list(Report))};
msg(S) when is_binary(S) -> {string, S};
msg(L) ->
    case is_proplist(L) of
        true when L =/= [] -> {report, L};
        _ -> {string, L}
    end.

is_proplist([{K, _} | T]) when is_atom(K) -> is_proplist(T);
is_proplist([]) -> true;
is_proplist(_) -> false.

-define(IS_LEVEL(L), (L =:= emergency orelse L =:= alert orelse L =:= critical orelse
                      L =:= error orelse L =:= warning orelse L =:= notice orelse
                      L =:= info orelse L =:= debug)).

do_log(Level, Msg) when not ?IS_LEVEL(Level) ->
    erlang:error(function_clause, [Level, Msg]);
do_log(Level, Msg) ->
    case moat_logger:allows(Level) of
        true -> write(Level, format_msg(Msg));
        false -> ok
    end.

allow(Level, _Module) -> moat_logger:allows(Level).

format_msg({string, S}) -> S;
format_msg({report, R}) -> format_report(R);
format_msg({Format, Args}) ->
    try io_lib:format(Format, Args)
    catch _:_ -> io_lib:format("FORMAT ERROR: ~tp - ~tp", [Format, Args])
    end.

%% Key-value reports print one "    key: value" line each, as erl's
%% default formatter does.
format_report(R) when is_map(R) -> format_report(lists:sort(maps:to_list(R)));
format_report(R) ->
    lists:join($\n, [io_lib:format("    ~tp: ~tp", [K, V]) || {K, V} <- R]).

write(Level, Text) ->
    Kind = [C - 32 || C <- atom_to_list(Level)],
    io:put_chars(standard_error,
                 ["=", Kind, " REPORT==== ", moat_logger:timestamp(), " ===\n", Text, "\n"]).

set_primary_config(level, L) ->
    try moat_logger:set_level(L)
    catch error:badarg -> {error, {invalid_level, L}}
    end;
set_primary_config(K, V) when K =/= filter_default, K =/= filters, K =/= metadata ->
    {error, {invalid_primary_config, {K, V}}}.

get_primary_config() ->
    #{filter_default => log, filters => [], level => moat_logger:level(), metadata => #{}}.
