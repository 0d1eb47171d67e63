%% init.erl -- Moat standard library: the parts of OTP 25's `init` that a
%% script uses.
%%
%% get_plain_arguments/0 gives the script's name and arguments, as escript
%% does.  stop/0,1 end the OS process at once (OTP stops applications
%% first; Moat has none).  Every other init function raises undef.
-module(init).

-export([get_plain_arguments/0, get_argument/1, get_arguments/0, stop/0,
         stop/1]).

get_plain_arguments() -> moat_io:plain_args().

%% moat takes no -flag arguments for the program.
get_argument(_) -> error.

get_arguments() -> [].

stop() -> erlang:halt(0).

stop(Status) -> erlang:halt(Status).
