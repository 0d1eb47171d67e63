-module(calendar_rfc3339).
-export([main/1]).

main(_) ->
    P = fun(X) -> io:format("~p~n", [X]) end,
    P(calendar:system_time_to_rfc3339(1700000000, [{offset, "Z"}])),
    P(calendar:system_time_to_rfc3339(1700000000123, [{offset, "+02:00"}, {unit, millisecond}])),
    P(calendar:system_time_to_rfc3339(-1, [{offset, "Z"}, {unit, microsecond}, {time_designator, $\s}])),
    P(calendar:system_time_to_rfc3339(1700000000, [{offset, 3600}])),
    P(calendar:system_time_to_rfc3339(1700000000, [{offset, -5400}])),
    P(calendar:system_time_to_rfc3339(0, [{offset, "Z"}, {unit, nanosecond}])),
    P(calendar:system_time_to_rfc3339(951782400, [{offset, "-00:00"}])),
    P(calendar:rfc3339_to_system_time("2023-11-14T22:13:20Z")),
    P(calendar:rfc3339_to_system_time("2023-11-15T00:13:20.123+02:00", [{unit, millisecond}])),
    P(calendar:rfc3339_to_system_time("2023-11-15T00:13:20.123456789+02:00", [{unit, microsecond}])),
    P(calendar:rfc3339_to_system_time("2023-11-14 22:13:20.5Z", [{unit, nanosecond}])),
    P(calendar:rfc3339_to_system_time("1969-12-31T23:59:59-01:00")),
    P(try calendar:rfc3339_to_system_time("2023-02-30T00:00:00Z") catch C:R -> {C, R} end),
    S = calendar:system_time_to_rfc3339(erlang:system_time(second)),
    P(length(S)),
    rand:seed(exsss, {1, 2, 3}),
    io:format("~w~n", [[rand:bytes(N) || N <- [0, 1, 3, 7, 8, 14, 15]]]),
    {B, St} = rand:bytes_s(9, rand:seed_s(exsss, 99)),
    io:format("~w~n", [{B, rand:export_seed_s(St)}]),
    ok.
