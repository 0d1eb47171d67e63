-module(shell_mod).
-export([double/1, only_one/1]).

double(X) -> 2 * X.

only_one(1) -> one.

unused() -> ok.
