-module(calendar_rfc3339_edge).
-export([main/1]).

%% calendar:rfc3339_to_system_time/2 and system_time_to_rfc3339/2 on
%% erl's terms: errors (badmatch of the input, case_clause of the offset),
%% the fraction (ignored for seconds, rounded from a float, subtracted
%% before 1970), native's three digits, the year check. No local time:
%% every case names its offset.
t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    B = "2018-02-01T16:17:58",
    Parse = [{"bad", []}, {B ++ "+0100", []}, {B, []}, {"2018-0a-01T16:17:58Z", []},
             {B ++ ".Z", []}, {B ++ ".5Z", []}, {B ++ ".5+01:00", []}, {B ++ "-01:30", []},
             {"2018-02-30T16:17:58Z", []}, {"2018-13-01T16:17:58Z", []}, {B ++ "ZZ", []},
             {"2018/02/01T16:17:58Z", []}, {<<"2018-02-01T16:17:58Z">>, []}, {a, []},
             {B ++ "+1:00", []}, {B ++ "+01:0", []}, {B ++ "+01", []}, {B ++ "01:00", []},
             {B ++ "+01:00x", []}, {B ++ "+24:00", []}, {B ++ "+ab:cd", []}, {B ++ "z", []},
             {B ++ ".abcZ", []}, {B ++ "..5Z", []}, {B ++ ".5", []}, {B ++ ".5aZ", []},
             {B ++ "Z", bad}, {B ++ ".5Z", [{unit, millisecond}]},
             {B ++ ".123456789Z", [{unit, microsecond}]}, {B ++ ".123456789Z", [{unit, nanosecond}]},
             {B ++ ".3Z", [{unit, native}]}, {B ++ ".5Z", [{unit, perf_counter}]},
             {B ++ "Z", [{unit, 1000}]}, {B ++ ".5Z", [{unit, 1000}]}, {B ++ ".5Z", [{unit, bad}]},
             {B ++ "..5Z", [{unit, millisecond}]}, {B ++ ".Z", [{unit, millisecond}]},
             {B ++ ".1005Z", [{unit, millisecond}]}, {B ++ ".9995Z", [{unit, millisecond}]},
             {B ++ "5Z", [{unit, millisecond}]}, {"1969-12-31T23:59:59.5Z", [{unit, millisecond}]},
             {"1970-01-01T00:00:00.5+01:00", [{unit, millisecond}]},
             {"0000-01-01T00:00:00Z", []}, {"9999-12-31T23:59:59Z", []}],
    [io:format("~p ~w: ~w~n", [S, O, t(fun() -> calendar:rfc3339_to_system_time(S, O) end)])
     || {S, O} <- Parse],
    Format = [{T, [{unit, U}, {offset, "Z"}]}
              || T <- [1, 1500, -1, -1500, 999999999],
                 U <- [native, nanosecond, microsecond, millisecond, second, perf_counter, 1000]] ++
        [{0, [{offset, "-02:00"}]}, {0, [{offset, -7200}]}, {1500, [{unit, millisecond}, {offset, 1500}]},
         {1500, [{unit, millisecond}, {offset, -1}]}, {1517498278123, [{offset, "Z"}]},
         {1517498278123, [{unit, millisecond}, {offset, "+01:00"}]}, {0, [{offset, "+01:00x"}]},
         {0, [{offset, "01:00"}]}, {0, [{offset, "+01:00"}, {time_designator, "ab"}]},
         {0, [{offset, "z"}, {time_designator, $\s}]}, {0, [{offset, foo}]}, {0, bad},
         {-62167219200, [{offset, "Z"}]}, {-62167219201, [{offset, "Z"}]},
         {253402300800, [{offset, "Z"}]}, {253402300800, [{offset, "-02:00"}]}],
    [io:format("~w ~w: ~w~n", [T, O, t(fun() -> calendar:system_time_to_rfc3339(T, O) end)])
     || {T, O} <- Format],
    ok.
