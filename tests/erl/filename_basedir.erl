-module(filename_basedir).
-export([main/1]).

main(_) ->
    P = fun(X) -> io:format("~p~n", [X]) end,
    os:putenv("HOME", "/home/tester"),
    [os:unsetenv(V) || V <- ["XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                             "XDG_CONFIG_DIRS", "XDG_DATA_DIRS"]],
    [P(filename:basedir(T, "app")) || T <- [user_cache, user_config, user_data, user_log,
                                            site_config, site_data]],
    P(filename:basedir(user_cache, "app", #{version => "1.0"})),
    P(filename:basedir(user_log, <<"app">>, #{version => "2", author => "me"})),
    P(filename:basedir(site_data, "app", #{version => "3"})),
    P(filename:basedir(site_config, <<"app">>)),
    os:putenv("XDG_CACHE_HOME", "/var/cache/x"),
    os:putenv("XDG_DATA_DIRS", "/a:/b/:/c"),
    P(filename:basedir(user_cache, "app")),
    P(filename:basedir(user_log, "app")),
    P(filename:basedir(site_data, "app")),
    P(try filename:basedir(bogus, "app") catch C:R -> {C, R} end).
