%% calendar.erl -- Moat standard library: OTP 25's `calendar` module.
%%
%% Dates are proleptic Gregorian; day 0 is {0,1,1}, second 0 is its
%% midnight.  The local/universal conversions are erlang BIFs
%% (vm/bif_io.c).
-module(calendar).

-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         datetime_to_gregorian_seconds/1, day_of_the_week/1,
         day_of_the_week/3, gregorian_days_to_date/1,
         gregorian_seconds_to_datetime/1, is_leap_year/1,
         iso_week_number/0, iso_week_number/1, last_day_of_the_month/2,
         local_time/0, local_time_to_universal_time/1,
         local_time_to_universal_time_dst/1,
         rfc3339_to_system_time/1, rfc3339_to_system_time/2,
         system_time_to_rfc3339/1, system_time_to_rfc3339/2,
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

%% The universal times that are this local time: none in the hour that
%% the change to summer time skips, two in the hour that repeats.
local_time_to_universal_time_dst(DateTime) ->
    Candidates = lists:usort([erlang:localtime_to_universaltime(DateTime, Dst)
                              || Dst <- [false, true]]),
    [U || U <- Candidates, erlang:universaltime_to_localtime(U) =:= DateTime].

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

%%% RFC 3339 ----------------------------------------------------------------

system_time_to_rfc3339(Time) -> system_time_to_rfc3339(Time, []).

%% As erl: the offset option is "" (local time), "Z", "z", "+HH:MM" (any
%% sign character and optional ":MM", as rfc3339_offset/1 reads it) or an
%% integer in Unit; the time is split into seconds (truncated towards
%% zero) and a fraction printed without its sign, in 3 digits for native;
%% the designator is one element of the result, not flattened.
system_time_to_rfc3339(Time, Opts) ->
    Unit = proplists:get_value(unit, Opts, second),
    Offset = proplists:get_value(offset, Opts, ""),
    Designator = proplists:get_value(time_designator, Opts, $T),
    {Adjusted, OffsetStr} = rfc3339_adjust(Time, Unit, Offset),
    PerSecond = erlang:convert_time_unit(1, second, Unit),
    GSecs = Adjusted div PerSecond + ?DAYS_TO_1970 * ?SECONDS_PER_DAY,
    %% years 0..9999 only
    GSecs >= 0 orelse erlang:error({badarg, [Time, Opts]}),
    {{Y1, Mo, D}, {H, Mi, S}} = gregorian_seconds_to_datetime(GSecs),
    Y1 =< 9999 orelse erlang:error({badarg, [Time, Opts]}),
    FracStr = case Unit of
                  second -> "";
                  _ -> rfc3339_fraction(Adjusted rem rfc3339_factor(Unit), Unit)
              end,
    pad(Y1, 4) ++ "-" ++ pad(Mo, 2) ++ "-" ++ pad(D, 2) ++ [Designator] ++
        pad(H, 2) ++ ":" ++ pad(Mi, 2) ++ ":" ++ pad(S, 2) ++ FracStr ++ OffsetStr.

rfc3339_adjust(Time, Unit, "") ->
    {Off, _} = Adjusted = local_offset(Time, Unit),
    {Time + erlang:convert_time_unit(Off, second, Unit), rfc3339_offset_string(Adjusted)};
rfc3339_adjust(Time, _Unit, Z) when Z =:= "Z"; Z =:= "z" -> {Time, Z};
rfc3339_adjust(Time, Unit, Offset) when is_list(Offset) ->
    {Time - erlang:convert_time_unit(rfc3339_offset(Offset), second, Unit), Offset};
rfc3339_adjust(Time, Unit, Offset) when is_integer(Offset) ->
    %% whole seconds of it (floored) count
    Secs = erlang:convert_time_unit(Offset, Unit, second),
    Sign = if Offset < 0 -> $-; true -> $+ end,
    {Time + erlang:convert_time_unit(Secs, second, Unit),
     [Sign | pad(abs(Secs) div 3600, 2)] ++ ":" ++ pad(abs(Secs) rem 3600 div 60, 2)}.

rfc3339_offset_string({Off, _}) ->
    Sign = if Off < 0 -> $-; true -> $+ end,
    A = abs(Off),
    [Sign | pad(A div 3600, 2)] ++ ":" ++ pad(A rem 3600 div 60, 2).

%% Seconds to add to a local time to get UTC: "+01:00" is -3600
rfc3339_offset(Offset) ->
    [Sign, H1, H2 | Rest] = Offset,
    Hours = list_to_integer([H1, H2]),
    Minutes = case Rest of
                  [] -> 0;
                  [$:, M1, M2] -> list_to_integer([M1, M2])
              end,
    Mag = Hours * 3600 + Minutes * 60,
    case Sign of
        $+ -> -Mag;
        $- -> Mag
    end.

rfc3339_factor(millisecond) -> 1000;
rfc3339_factor(microsecond) -> 1000000;
rfc3339_factor(nanosecond) -> 1000000000;
rfc3339_factor(native) -> 1000000000.

rfc3339_fraction(Rem, native) ->
    [$. | pad(abs(erlang:convert_time_unit(Rem, native, millisecond)), 3)];
rfc3339_fraction(Rem, Unit) ->
    [$. | pad(abs(Rem), length(integer_to_list(rfc3339_factor(Unit))) - 1)].

pad(N, Width) -> string:right(integer_to_list(N), Width, $0).

%% {LocalMinusUtc, Secs} for a system time
local_offset(Time, Unit) ->
    Utc = system_time_to_universal_time(Time, Unit),
    Local = erlang:universaltime_to_localtime(Utc),
    {datetime_to_gregorian_seconds(Local) - datetime_to_gregorian_seconds(Utc), Utc}.

rfc3339_to_system_time(String) -> rfc3339_to_system_time(String, []).

%% As erl: after the seconds, dots and digits are the fraction, the rest
%% the offset; the fraction counts only for units finer than a second, is
%% read as a float and rounded to the unit, and is subtracted from a time
%% before 1970 (erl's arithmetic).
rfc3339_to_system_time(String, Opts) ->
    Unit = proplists:get_value(unit, Opts, second),
    [Y1, Y2, Y3, Y4, $-, Mo1, Mo2, $-, D1, D2, _T,
     H1, H2, $:, Mi1, Mi2, $:, S1, S2 | TimeStr] = String,
    Date = {list_to_integer([Y1, Y2, Y3, Y4]), list_to_integer([Mo1, Mo2]),
            list_to_integer([D1, D2])},
    Time = {list_to_integer([H1, H2]), list_to_integer([Mi1, Mi2]),
            list_to_integer([S1, S2])},
    Secs0 = datetime_to_gregorian_seconds({Date, Time}) - ?DAYS_TO_1970 * ?SECONDS_PER_DAY,
    {FracStr, OffsetStr} =
        lists:splitwith(fun(C) -> C =:= $. orelse (C >= $0 andalso C =< $9) end, TimeStr),
    Secs = case OffsetStr of
               "Z" -> Secs0;
               "z" -> Secs0;
               _ -> Secs0 + rfc3339_offset(OffsetStr)
           end,
    T = erlang:convert_time_unit(Secs, second, Unit),
    case {Unit, FracStr} of
        {second, _} -> T;
        {_, ""} -> T;
        _ ->
            Frac = round(list_to_float([$0 | FracStr]) * rfc3339_factor(Unit)),
            if T < 0 -> T - Frac; true -> T + Frac end
    end.

