-module(bin_size_call).
-export([f/1, g/1]).

id(X) -> X.

f(<<_:(id(3)), R/bits>>) -> R.
g(<<_:(erlang:id(3)), R/bits>>) -> R.
