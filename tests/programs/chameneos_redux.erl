%% chameneos-redux (benchmarks game): creatures meet at a meeting place
%% and change colour.  Which creatures meet depends on scheduling, so
%% only the deterministic part is printed: the colour table and the total
%% number of meetings of each run (twice the number of meetings).
-module(chameneos_redux).
-export([main/1]).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 6000 end,
    [io:format("~w + ~w -> ~w~n", [A, B, complement(A, B)])
     || A <- [blue, red, yellow], B <- [blue, red, yellow]],
    io:nl(),
    run([blue, red, yellow], N),
    run([blue, red, yellow, red, yellow, blue, red, yellow, red, blue], N).

complement(C, C) -> C;
complement(blue, red) -> yellow;
complement(blue, yellow) -> red;
complement(red, blue) -> yellow;
complement(red, yellow) -> blue;
complement(yellow, blue) -> red;
complement(yellow, red) -> blue.

run(Colours, N) ->
    io:format("~s~n", [lists:append([[$\s | atom_to_list(C)] || C <- Colours])]),
    Broker = spawn(fun() -> broker(N) end),
    Self = self(),
    Ids = lists:seq(1, length(Colours)),
    [spawn(fun() -> creature(Id, C, Broker, Self, 0, 0) end)
     || {Id, C} <- lists:zip(Ids, Colours)],
    Results = [receive {met, Id, Met, SelfMet} -> {Met, SelfMet} end || Id <- Ids],
    Total = lists:sum([M || {M, _} <- Results]),
    SelfTotal = lists:sum([S || {_, S} <- Results]),
    io:format("~s~n~w~n~n", [spell(Total), SelfTotal]).

spell(N) ->
    Names = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
    lists:append([[$\s | element(D - $0 + 1, Names)] || D <- integer_to_list(N)]).

%% The meeting place: pairs up requests until N meetings have happened,
%% then tells every later caller to stop.
broker(0) -> stop_all();
broker(N) ->
    receive
        {meet, P1, Id1, C1} ->
            receive
                {meet, P2, Id2, C2} ->
                    P1 ! {mate, Id2, C2},
                    P2 ! {mate, Id1, C1},
                    broker(N - 1)
            end
    end.

stop_all() ->
    receive {meet, P, _, _} -> P ! stop, stop_all()
    after 1000 -> ok
    end.

creature(Id, Colour, Broker, Main, Met, SelfMet) ->
    Broker ! {meet, self(), Id, Colour},
    receive
        {mate, Other, OtherColour} ->
            Self = case Other of Id -> 1; _ -> 0 end,
            creature(Id, complement(Colour, OtherColour), Broker, Main, Met + 1, SelfMet + Self);
        stop ->
            Main ! {met, Id, Met, SelfMet}
    end.
