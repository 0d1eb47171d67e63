-module(unused_in_clause).
-export([f/1, g/1, h/1, m/1, n/1]).

%% a variable bound by every clause and not used after them is reported
%% in each clause that does not use it
f(Y) -> case Y of {Z} -> ok; Z -> ok end, Z.
g(Y) -> case Y of {Z} -> Z; Z -> ok end, Z.
h(Y) -> case Y of {Z} -> Z; [Z] -> ok; _ -> Z = 1 end.
m(Y) -> case Y of {Z} -> Z; Z -> ok end.
n(Y) ->
    receive
        {a, V} -> case V of {W} -> W; W -> ok end;
        V -> V
    after 0 -> Y
    end.
