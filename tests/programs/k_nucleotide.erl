%% k-nucleotide (benchmarks game): read the >THREE sequence of a fasta
%% file from stdin, count the k-mers of some lengths with maps.
-module(k_nucleotide).
-export([main/1]).

main(_) ->
    skip_to_three(),
    Seq = read_sequence([]),
    lists:foreach(fun(K) -> frequencies(Seq, K) end, [1, 2]),
    lists:foreach(fun(S) -> specific(Seq, S) end,
                  ["GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"]).

skip_to_three() ->
    case io:get_line('') of
        eof -> ok;
        ">THREE" ++ _ -> ok;
        _ -> skip_to_three()
    end.

read_sequence(Acc) ->
    case io:get_line('') of
        eof -> list_to_binary(lists:reverse(Acc));
        [$> | _] -> list_to_binary(lists:reverse(Acc));
        Line -> read_sequence([string:uppercase(string:trim(Line, trailing)) | Acc])
    end.

count(Seq, K) ->
    Last = byte_size(Seq) - K,
    count(Seq, K, 0, Last, #{}).

count(_, _, I, Last, Map) when I > Last -> Map;
count(Seq, K, I, Last, Map) ->
    Key = binary:part(Seq, I, K),
    count(Seq, K, I + 1, Last, maps:update_with(Key, fun(C) -> C + 1 end, 1, Map)).

frequencies(Seq, K) ->
    Counts = count(Seq, K),
    Total = byte_size(Seq) - K + 1,
    Sorted = lists:sort(fun({A, Ca}, {B, Cb}) -> {Cb, A} =< {Ca, B} end, maps:to_list(Counts)),
    lists:foreach(fun({Key, C}) ->
                          io:format("~s ~.3f~n", [Key, 100 * C / Total])
                  end, Sorted),
    io:nl().

%% Long keys are counted by a scan: a map of all 18-mers would hold
%% almost one key per position.
specific(Seq, S) ->
    Key = list_to_binary(S),
    io:format("~w\t~s~n", [occurrences(Seq, Key, 0, 0), S]).

occurrences(Seq, Key, I, N) when I + byte_size(Key) > byte_size(Seq) -> N;
occurrences(Seq, Key, I, N) ->
    case binary:part(Seq, I, byte_size(Key)) of
        Key -> occurrences(Seq, Key, I + 1, N + 1);
        _ -> occurrences(Seq, Key, I + 1, N)
    end.
