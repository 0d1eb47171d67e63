-module(map_large_gc).
%% map_large_build at 5,000 keys. This one also runs under the GC-stress
%% build, which skips map_large_build (a collection every few allocations
%% of a 100,000 key map is too slow there). Iteration order is never
%% printed: lists are sorted first.
-define(N, 5000).
-define(HALF, 2500).
-define(LAST, 4999).
-define(F, 2000).
-include("map_large.hrl").
