-module(diff_display).
-export([main/1]).

%% erlang:display/1 writes with erts' own printer (not ~w): floats as "%e",
%% strings of 9, 10, 13, 32..126, 160..255, binaries of printable ASCII,
%% maps without spaces, atoms quoted by erts' rule; lines end in "\r\n".
main(_) ->
    Terms = ["a\tb\rc\\d\"e", "a\n", <<"a\tb">>, <<"a b">>, <<"é">>, <<"\"q\\">>,
             <<1, 2:3>>, <<5:3>>, <<>>, "", [160], [159], [255], [256], [31], [127],
             "abc" ++ [1000], 0.0, 5.0e-324, 1.0e-5, 123.456, -1.5, 100.0, 1.0e16,
             <<"abc">>, <<"ab", 200>>, #{}, #{1 => 2, b => [c], "k" => <<"v">>}, {},
             [1, 2 | 3], [[a] | b], '\x{3b1}', 'a@b', '_x', 'aB1_', 'a.b', [], '[]', 'é',
             [$é], <<128>>, 16#FFFFFFFFFFFFFFFF, -(1 bsl 64), "\x{3b1}", <<$\n>>,
             {"nested", [<<"b">>]}, 1.0e100, 'A', 'a b', hello, 'if', '\n', "a'b",
             <<"a'b">>, [$a | $b], fun lists:map/2, -0.0 * 1],
    [erlang:display(T) || T <- Terms],
    [erlang:display({C, [$a, C], <<$a, C>>})
     || C <- [0, 7, 8, 9, 10, 11, 12, 13, 27, 34, 39, 92, 126, 127, 128, 159, 160, 255]],
    io:format("~p~n", [erlang:display(x)]),
    ok.
