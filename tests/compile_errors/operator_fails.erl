-module(operator_fails).

%% an operator on literals that cannot be evaluated (erlc folds them at
%% compile time and warns; also in guards)
-export([f/1]).
f(X) ->
    A = [catch 1 + foo, catch 1 / 0, catch 1 div 0, catch 1.0 div 2, catch 1 rem 0, catch -a, catch bnot 1.0, catch not 1,
         catch (1 + 2) * a, catch (1 + a) * 2, catch 1 + 2.5, catch a and true, catch true and false, catch 1 or 2,
         catch a ++ [1], catch [1] ++ a, catch "ab" -- a, catch [1] -- [2], catch {a} + 1, catch "s" + 1, catch [] * 2,
         catch 1 / 0.0, catch 1 band 1.5, catch 1 bsl a, catch X + a, catch 10 div (5 - 5), catch 1.5 rem 1,
         catch 100000000000000000000000 + a, catch (1 bsl 80) + 1, catch 1 - - a, catch 1 == a, catch a < 1,
         catch [a | b] ++ [c], catch 1 xor true, catch (2 > 1) and true, catch 5 / (2 - 2), catch 3 rem (1 - 1)],
    B = case X of Z when 1 / 0 > 2 -> Z; _ -> 0 end,
    {A, B}.
