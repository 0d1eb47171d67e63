-module(calendar_basic).
-export([main/1]).

main(_) ->
    P = fun(X) -> io:format("~w~n", [X]) end,
    P([calendar:date_to_gregorian_days(D) || D <- [{0,1,1}, {1,1,1}, {1970,1,1}, {2000,2,29}, {2024,12,31}, {1600,3,1}]]),
    P([calendar:gregorian_days_to_date(N) || N <- [0, 365, 366, 719528, 730544, 739616, 584388]]),
    P([calendar:day_of_the_week(D) || D <- [{2024,1,1}, {2000,1,1}, {1970,1,1}, {0,1,1}, {2023,12,31}]]),
    P(calendar:day_of_the_week(2026, 12, 7)),
    P([calendar:is_leap_year(Y) || Y <- [1900, 2000, 2004, 2023, 2400, 0]]),
    P([calendar:last_day_of_the_month(Y, M) || {Y, M} <- [{2023,2}, {2024,2}, {1900,2}, {2024,4}, {2024,12}]]),
    P([calendar:valid_date(D) || D <- [{2023,2,29}, {2024,2,29}, {2024,13,1}, {2024,0,1}, {2024,4,31}, {-1,1,1}]]),
    P(calendar:datetime_to_gregorian_seconds({{1970,1,1},{0,0,0}})),
    P(calendar:datetime_to_gregorian_seconds({{2024,3,15},{13,45,30}})),
    P(calendar:gregorian_seconds_to_datetime(63883950330)),
    P(calendar:gregorian_seconds_to_datetime(0)),
    P(calendar:now_to_datetime({1700, 123456, 999})),
    P(calendar:now_to_universal_time({0, 0, 0})),
    P(calendar:seconds_to_daystime(100000)),
    P(calendar:seconds_to_daystime(-100)),
    P(calendar:seconds_to_time(3661)),
    P(calendar:time_to_seconds({23,59,59})),
    P(calendar:time_difference({{2024,1,1},{0,0,0}}, {{2024,3,1},{12,30,15}})),
    P([calendar:iso_week_number(D) || D <- [{2024,1,1}, {2021,1,3}, {2020,12,31}, {2026,12,31}, {2019,12,30}, {2027,1,1}]]),
    P(calendar:system_time_to_universal_time(1700000000123, millisecond)),
    {D, T} = calendar:universal_time(),
    P({calendar:valid_date(D), tuple_size(T)}),
    {D2, _} = calendar:local_time(),
    P(calendar:valid_date(D2)),
    %% whatever the time zone: local time and back
    U = {{2024, 6, 1}, {12, 0, 0}},
    L = calendar:universal_time_to_local_time(U),
    P(lists:member(U, calendar:local_time_to_universal_time_dst(L))),
    P(calendar:now_to_local_time({1717, 243200, 0}) =:= L),
    P(catch_it(fun() -> calendar:date_to_gregorian_days(2023, 2, 30) end)),
    P(catch_it(fun() -> calendar:seconds_to_time(86400) end)),
    P(catch_it(fun() -> calendar:day_of_the_week(2023, 13, 1) end)),
    ok.

catch_it(F) -> try F() catch C:R -> {C, R} end.
