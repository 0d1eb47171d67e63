-module(case_complex).
-export([main/1]).
%% case over compound values, with guards combining several bound variables.

classify({point, X, Y}) when X =:= 0, Y =:= 0 -> origin;
classify({point, X, _}) when X =:= 0 -> on_y_axis;
classify({point, _, Y}) when Y =:= 0 -> on_x_axis;
classify({point, X, Y}) when X > 0, Y > 0; X < 0, Y < 0 -> odd_quadrant;
classify({point, _, _}) -> even_quadrant;
classify(_) -> not_a_point.

grade(Score) ->
    case Score of
        S when not is_integer(S) -> invalid;
        S when S >= 90 -> a;
        S when S >= 80 -> b;
        S when S >= 70 -> c;
        S when S >= 0 -> f;
        _ -> invalid
    end.

dispatch(Msg) ->
    case Msg of
        {req, Id, get, Path} when is_integer(Id), is_list(Path) -> {get, Id, Path};
        {req, Id, put, Path, Body} when byte_size(Body) < 10 -> {put, Id, Path, small};
        {req, Id, put, Path, _} -> {put, Id, Path, large};
        {req, _, Method, _} -> {unsupported, Method};
        {resp, _, Code} when Code >= 200, Code < 300 -> ok;
        {resp, _, Code} -> {error, Code};
        _ -> unknown
    end.

main(_) ->
    Ps = [{point, 0, 0}, {point, 0, 5}, {point, 3, 0}, {point, 1, 1}, {point, -1, -1},
          {point, -1, 1}, {point, 1, -1}, {circle, 1}],
    io:format("~p~n", [[classify(P) || P <- Ps]]),
    io:format("~p~n", [[grade(S) || S <- [95, 90, 85, 70, 69, 0, -1, 9.5, x]]]),
    Msgs = [{req, 1, get, "/"}, {req, 2, put, "/a", <<"small">>}, {req, 3, put, "/b", <<"a much larger body">>},
            {req, 4, delete, "/c"}, {resp, 5, 204}, {resp, 6, 404}, hello, {req, x, get, "/"}],
    io:format("~p~n", [[dispatch(M) || M <- Msgs]]).
