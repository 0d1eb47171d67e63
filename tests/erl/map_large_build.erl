-module(map_large_build).
%% Large maps built one key at a time (maps:put and M#{K => V}), then
%% looked up, updated, removed from and matched. Iteration order is never
%% printed: lists are sorted first.
-define(N, 100000).
-define(HALF, 50000).
-define(LAST, 99999).
-define(F, 20000).
-include("map_large.hrl").
