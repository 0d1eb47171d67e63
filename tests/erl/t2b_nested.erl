-module(t2b_nested).
-export([main/1]).
%% External term format of nested and mixed terms, printed byte by byte.

main(_) ->
    Ts = [{ok, [1, 2], <<"x">>},
          [{a, 1}, {b, 2.5}],
          #{list => [1], tuple => {}, bin => <<>>},
          {[[[[]]]]},
          [<<1:1>>, <<2:2>>],
          {-1, -256, 1 bsl 40, -(1 bsl 40)},
          "string with spaces",
          [1000, 2000],
          {"", [], <<>>, {}}],
    lists:foreach(fun(T) ->
                          B = term_to_binary(T),
                          io:format("~p~n~w~n", [T, binary_to_list(B)]),
                          true = (binary_to_term(B) =:= T)
                  end, Ts),
    io:format("~p~n", [byte_size(term_to_binary(lists:seq(1, 255)))]),
    io:format("~p~n", [byte_size(term_to_binary(lists:seq(1, 256)))]),
    io:format("~p~n", [byte_size(term_to_binary(lists:duplicate(70000, $a)))]),
    io:format("~w~n", [binary_to_list(term_to_binary(lists:duplicate(3, 255)))]).
