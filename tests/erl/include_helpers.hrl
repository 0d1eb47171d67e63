%% Helper functions and macros included by include_basic.erl.
-define(HELPER_CONST, {helper, 1}).

helper_double(X) -> X * 2.
