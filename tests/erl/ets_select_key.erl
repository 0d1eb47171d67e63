-module(ets_select_key).
-export([main/1]).
main(_) ->
  [begin
     T = ets:new(t, [Type]),
     ets:insert(T, [{I, I rem 3, x} || I <- lists:seq(1, 10)] ++ [{{a, 1}, 1, y}, {1.0, f, z}]),
     io:format("~p ~p ~p ~p ~p ~p ~p~n", [Type,
       ets:match_object(T, {5, '_', '_'}),
       ets:select(T, [{{1, '$1', '_'}, [], ['$1']}]),
       ets:select(T, [{{1.0, '$1', '_'}, [], ['$1']}]),
       ets:match(T, {{a, '$1'}, '_', '$2'}),
       ets:match(T, {{a, 1}, '_', '$2'}),
       {ets:select_delete(T, [{{7, '_', '_'}, [], [true]}]), ets:member(T, 7), ets:select_count(T, [{{2, '_', '_'}, [], [true]}])}])
   end || Type <- [set, ordered_set, bag, duplicate_bag]],
  ok.
