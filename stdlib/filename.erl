%% filename.erl -- Moat standard library: OTP 25's `filename` module for
%% Unix file names.
%%
%% Names are strings, atoms, deep lists or binaries; a function given a
%% binary answers with binaries, as OTP's does.  Everything is computed on
%% the flattened string form.  basedir/2,3 follow the XDG directories of
%% Linux; #{os => windows | darwin} raises badarg.  Not provided (undef):
%% validate/1 and the Windows-only behaviour (volumerelative paths).
-module(filename).

-export([basedir/2, basedir/3]).
-export([absname/1, absname/2, absname_join/2, append/2, basename/1,
         basename/2, dirname/1, extension/1, flatten/1, join/1, join/2,
         nativename/1, pathtype/1, rootname/1, rootname/2, split/1]).

%%% Conversions -------------------------------------------------------------

str(B) when is_binary(B) -> unicode:characters_to_list(B);
str(A) when is_atom(A) -> atom_to_list(A);
str(L) when is_list(L) -> flat(L).

flat(L) -> lists:flatten([flat_part(X) || X <- L]).
flat_part(A) when is_atom(A) -> atom_to_list(A);
flat_part(L) when is_list(L) -> flat(L);
flat_part(C) when is_integer(C) -> C.

%% The answer in the caller's kind: a binary if any input was one.
out(S, true) -> unicode:characters_to_binary(S);
out(S, false) -> S.

any_bin(L) -> lists:any(fun erlang:is_binary/1, L).

flatten(B) when is_binary(B) -> B;
flatten(A) when is_atom(A) -> atom_to_list(A);
flatten(L) when is_list(L) -> flatten_keep(L, []).

%% Atoms become characters; binaries stay as they are.
flatten_keep([H | T], Tail) when is_list(H) -> flatten_keep(H, flatten_keep(T, Tail));
flatten_keep([H | T], Tail) when is_atom(H) -> atom_to_list(H) ++ flatten_keep(T, Tail);
flatten_keep([H | T], Tail) -> [H | flatten_keep(T, Tail)];
flatten_keep([], Tail) -> Tail.

nativename(N) -> out(normalize(str(N)), is_binary(N)).

%%% Joining -------------------------------------------------------------------

join([Name]) -> out(normalize(str(Name)), is_binary(Name));
join([A, B | Rest]) -> join([join(A, B) | Rest]).

join(A, B) ->
    S = case str(B) of
            [$/ | _] = Abs -> Abs;
            Rel -> str(A) ++ "/" ++ Rel
        end,
    out(normalize(S), any_bin([A, B])).

%% No empty components and no trailing "/"; a "." component followed by a
%% "/" is dropped, except the first of a relative name (as erl:
%% "a/./b" -> "a/b", "./x" stays, "x/./" -> "x", "a/." stays).
normalize([$/ | _] = S) ->
    case drop_dots(string:lexemes(S, "/"), lists:last(S) =:= $/) of
        [] -> "/";
        Comps -> "/" ++ lists:append(lists:join("/", Comps))
    end;
normalize(S) ->
    Slash = S =/= [] andalso lists:last(S) =:= $/,
    Comps = case string:lexemes(S, "/") of
                ["." | Rest] -> ["." | drop_dots(Rest, Slash)];
                All -> drop_dots(All, Slash)
            end,
    lists:append(lists:join("/", Comps)).

%% Slash: whether a "/" follows the last component
drop_dots(["."], false) -> ["."];
drop_dots(["." | T], Slash) -> drop_dots(T, Slash);
drop_dots([H | T], Slash) -> [H | drop_dots(T, Slash)];
drop_dots([], _) -> [].

append(Dir, Name) ->
    out(str(Dir) ++ "/" ++ str(Name), any_bin([Dir, Name])).

absname(Name) ->
    {ok, Cwd} = file:get_cwd(),
    absname(Name, Cwd).

absname(Name, Dir) ->
    case pathtype(Name) of
        absolute -> join([Name]);
        relative -> join(Dir, Name)
    end.

absname_join(Dir, Name) -> join(Dir, Name).

%% Only the first character counts; a binary is looked into only as the
%% whole name (as erl: [<<"/a">>] is relative).
pathtype(<<$/, _/binary>>) -> absolute;
pathtype(A) when is_atom(A) -> pathtype(atom_to_list(A));
pathtype([$/ | _]) -> absolute;
pathtype([L | T]) when is_list(L) -> pathtype(L ++ T);
pathtype([A | T]) when is_atom(A) -> pathtype(atom_to_list(A) ++ T);
pathtype(Name) when is_list(Name); is_binary(Name) -> relative.

%%% Parts --------------------------------------------------------------------

basename(Name) ->
    S = case lists:reverse(str(Name)) of
            [$/ | R] -> lists:reverse(R);
            _ -> str(Name)
        end,
    out(last_part(S), is_binary(Name)).

last_part(S) ->
    case string:rchr(S, $/) of
        0 -> S;
        I -> lists:nthtail(I, S)
    end.

basename(Name, Ext) ->
    B = str(basename(str(Name))),
    E = str(Ext),
    out(strip_suffix(B, E), is_binary(Name)).

strip_suffix(S, Suffix) ->
    case lists:suffix(Suffix, S) of
        true -> lists:sublist(S, length(S) - length(Suffix));
        false -> S
    end.

dirname(Name) ->
    S = str(Name),
    D = case string:rchr(S, $/) of
            0 -> ".";
            I ->
                case string:strip(lists:sublist(S, I - 1), right, $/) of
                    [] -> "/";
                    P -> P
                end
        end,
    out(D, is_binary(Name)).

extension(Name) ->
    Last = last_part(str(Name)),
    E = case string:rchr(Last, $.) of
            I when I > 1 -> lists:nthtail(I - 1, Last);
            _ -> []
        end,
    out(E, is_binary(Name)).

rootname(Name) ->
    S = str(Name),
    Last = last_part(S),
    Dir = length(S) - length(Last),
    %% OTP does not count a dot that follows a slash
    R = case string:rchr(Last, $.) of
            0 -> S;
            1 when Dir > 0 -> S;
            I -> lists:sublist(S, Dir + I - 1)
        end,
    out(R, is_binary(Name)).

rootname(Name, Ext) ->
    out(strip_suffix(str(Name), str(Ext)), is_binary(Name)).

split(Name) ->
    Parts = case str(Name) of
                [$/ | _] = S -> ["/" | string:lexemes(S, "/")];
                S -> string:lexemes(S, "/")
            end,
    case is_binary(Name) of
        true -> [unicode:characters_to_binary(P) || P <- Parts];
        false -> Parts
    end.

%%% XDG base directories ---------------------------------------------------------

basedir(Type, Application) -> basedir(Type, Application, #{}).

basedir(Type, Application, Opts) when is_map(Opts) ->
    case maps:get(os, Opts, linux) of
        linux -> ok;
        _ -> erlang:error(badarg)
    end,
    App = str(Application),
    Version = case maps:get(version, Opts, undefined) of
                  undefined -> [];
                  V -> [str(V)]
              end,
    Home = os:getenv("HOME", ""),
    Dirs = case Type of
               user_cache -> xdg("XDG_CACHE_HOME", Home ++ "/.cache", App, Version, []);
               user_config -> xdg("XDG_CONFIG_HOME", Home ++ "/.config", App, Version, []);
               user_data -> xdg("XDG_DATA_HOME", Home ++ "/.local/share", App, Version, []);
               user_log -> xdg("XDG_CACHE_HOME", Home ++ "/.cache", App, Version, ["log"]);
               site_config -> [join([D, App | Version]) || D <- xdg_list("XDG_CONFIG_DIRS", "/etc/xdg")];
               site_data -> [join([D, App | Version]) || D <- xdg_list("XDG_DATA_DIRS", "/usr/local/share/:/usr/share/")];
               _ -> erlang:error({case_clause, Type})
           end,
    case is_binary(Application) of
        true when is_list(Dirs), is_list(hd(Dirs)) -> [unicode:characters_to_binary(D) || D <- Dirs];
        true -> unicode:characters_to_binary(Dirs);
        false -> Dirs
    end.

xdg(Var, Default, App, Version, Tail) ->
    Base = case os:getenv(Var) of
               false -> Default;
               "" -> Default;
               Dir -> Dir
           end,
    join([Base, App | Version] ++ Tail).

xdg_list(Var, Default) ->
    Value = case os:getenv(Var) of
                false -> Default;
                "" -> Default;
                V -> V
            end,
    string:lexemes(Value, ":").
