-module(float_bit_size).
-export([f/1, g/1]).

f(<<X:24/float>>) -> X;
f(<<X:8/float, Y:4/float-unit:8>>) -> {X, Y};
f(<<X:(8*2)/float>>) -> X.

g(X) -> {<<X:24/float>>, <<X:16/float>>, <<X:1/float-unit:32>>, <<X:3/float-unit:8>>}.
