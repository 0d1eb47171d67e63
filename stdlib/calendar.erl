%% calendar.erl -- Moat standard library: OTP 25's `calendar` module.
%%
%% Dates are proleptic Gregorian; day 0 is {0,1,1}, second 0 is its
%% midnight.  The local/universal conversions are erlang BIFs
%% (vm/bif_io.c).  Not provided (undef): rfc3339_to_system_time/1,2,
%% system_time_to_rfc3339/1,2 and local_time_to_universal_time_dst/1.
-module(calendar).

-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         datetime_to_gregorian_seconds/1, day_of_the_week/1,
         day_of_the_week/3, gregorian_days_to_date/1,
         gregorian_seconds_to_datetime/1, is_leap_year/1,
         iso_week_number/0, iso_week_number/1, last_day_of_the_month/2,
         local_time/0, local_time_to_universal_time/1,
         local_time_to_universal_time/2, now_to_datetime/1,
         now_to_local_time/1, now_to_universal_time/1,
         seconds_to_daystime/1, seconds_to_time/1,
         system_time_to_local_time/2, system_time_to_universal_time/2,
         time_difference/2, time_to_seconds/1, universal_time/0,
         universal_time_to_local_time/1, valid_date/1, valid_date/3]).

-define(SECONDS_PER_DAY, 86400).
-define(DAYS_TO_1970, 719528).

%%% Days ---------------------------------------------------------------------

date_to_gregorian_days({Y, M, D}) -> date_to_gregorian_days(Y, M, D).

date_to_gregorian_days(Y, M, D)
  when is_integer(Y), Y >= 0, is_integer(M), M >= 1, M =< 12,
       is_integer(D), D >= 1 ->
    Last = last_day_of_the_month(Y, M),
    if
        D =< Last -> days_before_year(Y) + days_before_month(Y, M) + D - 1
    end.

%% Days in the years 0 .. Y-1 (year 0 is a leap year).
days_before_year(0) -> 0;
days_before_year(Y) ->
    P = Y - 1,
    Y * 365 + P div 4 - P div 100 + P div 400 + 1.

days_before_month(Y, M) ->
    Base = element(M, {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}),
    case M > 2 andalso is_leap_year(Y) of
        true -> Base + 1;
        false -> Base
    end.

gregorian_days_to_date(Days) when is_integer(Days), Days >= 0 ->
    Y = year_of(Days),
    DayOfYear = Days - days_before_year(Y),
    {M, D} = month_day(Y, DayOfYear, 1),
    {Y, M, D}.

year_of(Days) ->
    Guess = Days div 366,
    year_from(Guess, Days).

year_from(Y, Days) ->
    case days_before_year(Y + 1) =< Days of
        true -> year_from(Y + 1, Days);
        false -> Y
    end.

month_day(Y, DayOfYear, M) ->
    Len = last_day_of_the_month(Y, M),
    case DayOfYear < Len of
        true -> {M, DayOfYear + 1};
        false -> month_day(Y, DayOfYear - Len, M + 1)
    end.

day_of_the_week({Y, M, D}) -> day_of_the_week(Y, M, D).

%% 1 is Monday; {0,1,1} was a Saturday.
day_of_the_week(Y, M, D) ->
    (date_to_gregorian_days(Y, M, D) + 5) rem 7 + 1.

is_leap_year(Y) when is_integer(Y), Y >= 0 ->
    (Y rem 4 =:= 0 andalso Y rem 100 =/= 0) orelse Y rem 400 =:= 0.

last_day_of_the_month(Y, M) when is_integer(Y), Y >= 0 ->
    last_day(Y, M).

last_day(Y, 2) ->
    case is_leap_year(Y) of
        true -> 29;
        false -> 28
    end;
last_day(_, M) when M =:= 4; M =:= 6; M =:= 9; M =:= 11 -> 30;
last_day(_, M) when is_integer(M), M > 0, M < 13 -> 31.

valid_date({Y, M, D}) -> valid_date(Y, M, D).

valid_date(Y, M, D) when is_integer(Y), is_integer(M), is_integer(D) ->
    Y >= 0 andalso M > 0 andalso M < 13 andalso D > 0 andalso
        D =< last_day(Y, M).

iso_week_number() ->
    {Date, _} = local_time(),
    iso_week_number(Date).

%% The week (Monday first) that holds the year's first Thursday is week 1.
iso_week_number({Y, _, _} = Date) ->
    Days = date_to_gregorian_days(Date),
    W01This = week1_monday(Y),
    if
        Days < W01This ->
            {Y - 1, (Days - week1_monday(Y - 1)) div 7 + 1};
        true ->
            W01Next = week1_monday(Y + 1),
            if
                Days >= W01Next -> {Y + 1, 1};
                true -> {Y, (Days - W01This) div 7 + 1}
            end
    end.

week1_monday(Y) ->
    Jan4 = date_to_gregorian_days(Y, 1, 4),
    Jan4 - (day_of_the_week(Y, 1, 4) - 1).

%%% Seconds ---------------------------------------------------------------------

datetime_to_gregorian_seconds({Date, Time}) ->
    date_to_gregorian_days(Date) * ?SECONDS_PER_DAY + time_to_seconds(Time).

gregorian_seconds_to_datetime(Secs) when is_integer(Secs), Secs >= 0 ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    {gregorian_days_to_date(Days), seconds_to_time(Rest)}.

seconds_to_daystime(Secs) ->
    Days = floor_div(Secs, ?SECONDS_PER_DAY),
    {Days, seconds_to_time(Secs - Days * ?SECONDS_PER_DAY)}.

floor_div(A, B) when A >= 0 -> A div B;
floor_div(A, B) -> -((-A + B - 1) div B).

seconds_to_time(Secs)
  when is_integer(Secs), Secs >= 0, Secs < ?SECONDS_PER_DAY ->
    {Secs div 3600, Secs rem 3600 div 60, Secs rem 60}.

time_to_seconds({H, M, S}) when is_integer(H), is_integer(M), is_integer(S) ->
    H * 3600 + M * 60 + S.

time_difference({{_, _, _}, {_, _, _}} = T1, {{_, _, _}, {_, _, _}} = T2) ->
    seconds_to_daystime(datetime_to_gregorian_seconds(T2) -
                            datetime_to_gregorian_seconds(T1)).

%%% Now and system time ------------------------------------------------------

local_time() -> erlang:localtime().

universal_time() -> erlang:universaltime().

local_time_to_universal_time(DateTime) ->
    erlang:localtime_to_universaltime(DateTime).

local_time_to_universal_time(DateTime, IsDst) ->
    erlang:localtime_to_universaltime(DateTime, IsDst).

universal_time_to_local_time(DateTime) ->
    erlang:universaltime_to_localtime(DateTime).

now_to_datetime(Now) -> now_to_universal_time(Now).

now_to_universal_time({MegaSecs, Secs, MicroSecs})
  when is_integer(MegaSecs), is_integer(Secs), is_integer(MicroSecs) ->
    gregorian_seconds_to_datetime(MegaSecs * 1000000 + Secs +
                                      ?DAYS_TO_1970 * ?SECONDS_PER_DAY).

now_to_local_time(Now) ->
    erlang:universaltime_to_localtime(now_to_universal_time(Now)).

system_time_to_universal_time(Time, Unit) ->
    Secs = erlang:convert_time_unit(Time, Unit, second),
    gregorian_seconds_to_datetime(Secs + ?DAYS_TO_1970 * ?SECONDS_PER_DAY).

system_time_to_local_time(Time, Unit) ->
    erlang:universaltime_to_localtime(system_time_to_universal_time(Time, Unit)).
