%% Shared record definitions for the rec_* and include_* tests.
-record(point, {x = 0, y = 0}).
-record(person, {name, age = 0 :: integer(), email = "none", tags = []}).
-record(empty, {}).
-define(ORIGIN, #point{}).
-define(SQUARE(X), ((X) * (X))).
