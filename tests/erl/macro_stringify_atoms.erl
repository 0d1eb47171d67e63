-module(macro_stringify_atoms).
-export([main/1]).

%% ??Arg writes atoms as io_lib:write_atom_as_latin1 does: latin1
%% lowercase letters need no quotes ('é' is é), characters above 255 are
%% \x{...} escapes.
-define(S(E), io:format("~w~n", [??E])).

main(_) ->
    ?S('é'), ?S('ünicode'), ?S('αβ'), ?S('Aé'), ?S('a\x{a0}'), ?S('\x{df}x'),
    ?S('ÿ'), ?S('÷'), ?S('aÀ'), ?S('a b'), ?S('else'), ?S('cond'), ?S(aB@1_),
    ?S('a.b'), ?S("α\x{3b2}"), ?S($α), ?S($\s), ?S("\e\d\b\f\v\0"),
    ok.
