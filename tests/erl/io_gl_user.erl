-module(io_gl_user).
-export([main/1]).

%% The node's standard io server, user, spoken to through the I/O
%% protocol: io:request/2, io:requests/2 and raw messages.
main(_) ->
    User = whereis(user),
    io:format("~p~n", [is_pid(User)]),
    io:format("~p~n", [io:request(user, {put_chars, unicode, "put_chars request\n"})]),
    io:format("~p~n", [io:request(User, {put_chars, unicode, io_lib, format, ["mfa ~p~n", [x]]})]),
    io:format("~p~n", [io:request(user, {put_chars, latin1, <<"latin1\n">>})]),
    io:format("~p~n", [io:request(user, {put_chars, latin1, <<"caf", 233, "\n">>})]),
    io:format("~p~n", [io:request(user, {put_chars, unicode, [$c, $a, $f, 233, $\n]})]),
    io:format("~p~n", [io:requests(user, [{put_chars, unicode, "a"}, {format, "~p", [b]}, nl])]),
    io:format("~p~n", [io:request(user, {no_such_request})]),
    io:format("~p~n", [io:request(user, {put_chars, unicode, foo})]),
    io:format("~p~n", [io:request(user, {put_chars, latin1, [300]})]),
    io:format("~p~n", [io:request(user, {put_chars, unicode, io_lib, format, ["~p", []]})]),
    io:format("~p~n", [io:request(user, getopts)]),
    io:format("~p~n", [io:request(user, {setopts, [list]})]),
    Ref = make_ref(),
    User ! {io_request, self(), Ref, {put_chars, unicode, "raw message\n"}},
    receive {io_reply, Ref, Reply} -> io:format("raw reply: ~p~n", [Reply]) end,
    io:format(user, "format to user~n", []),
    io:put_chars(User, "put_chars to the pid\n"),
    try io:format(user, id("~p"), []) catch C:R -> io:format("~p:~p~n", [C, R]) end,
    ok.

id(X) -> X.
