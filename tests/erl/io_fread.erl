-module(io_fread).
-export([main/1]).
main(_) ->
F=fun(Fm,S)->io:format("~p~n",[io_lib:fread(Fm,S)]) end, [F(A,B)||{A,B}<-[{"~d ~s","42 hello"},{"~f","3.25"},{"~a~d","abc 12"},{"~f","3"},{"~d","  -17xyz"},{"~d","abc"},{"~s","   "},{"~d",""},{"~3d","12345"},{"~c","abc"},{"~3c"," abcd"},{"~d~l~s","12 ab"},{"~*d ~d","1 2"},{"~-~d","-5"},{"~d,~d","3,4"},{"~d,~d","3;4"},{"~s~s","a b\nc"},{"~f","1.5e3 x"},{"~f","-2.0"},{"~f",".5"},{"~d","+7"},{"~2u","101"},{"~16u","ff"},{"a~d","a1"},{"~d ~d","1\n2"}, {"~d","1.5"},{"~s","abc"}, {"~a", ""}, {"~d~~", "5~"}, {"~5s", "abcdefg"}, {"x", "y"}]],

  {more, C} = io_lib:fread([], "12", "~d ~d"), _ = C,
  io:format("~p~n", [io_lib:fread(C, " 34\n", "~d ~d")]),
  io:format("~p~n", [io_lib:fread([], eof, "~d")]),
  ok.
