/*
 * bif_math.c — the math module: libm on doubles, with erl's errors.
 *
 * An argument that is not a number raises badarg; an integer too large
 * for a double, and any result that is not finite (a domain or range
 * error: sqrt(-1), log(0), pow(10, 400), acos(2) ...), raise badarith.
 * Results are always floats (ceil/floor included), as in erl.
 */
#include <math.h>

#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "error.h"
#include "heap.h"

/* 1 ok, 0 not a number (badarg), -1 integer too large (badarith) */
static int to_double(term t, double *d) {
    if (term_is_small(t)) return *d = (double)term_to_small(t), 1;
    if (term_is_float(t)) return *d = float_value(t), 1;
    if (term_is_bignum(t)) return int_to_double(t, d) ? 1 : -1;
    return 0;
}

static term float_result(struct proc *p, double r) {
    if (!isfinite(r)) return raise_badarith(p);
    if (!heap_ensure_free(p, FLOAT_WORDS)) return raise_system_limit(p);
    return float_store(heap_take(p, FLOAT_WORDS), r);
}

static term math1(struct proc *p, term *args, double (*fn)(double)) {
    double x;
    int ok = to_double(args[0], &x);
    if (ok == 0) return raise_badarg(p);
    if (ok < 0) return raise_badarith(p);
    return float_result(p, fn(x));
}

static term math2(struct proc *p, term *args, double (*fn)(double, double)) {
    double x, y;
    int ok1 = to_double(args[0], &x), ok2 = to_double(args[1], &y);
    if (ok1 == 0 || ok2 == 0) return raise_badarg(p);
    if (ok1 < 0 || ok2 < 0) return raise_badarith(p);
    return float_result(p, fn(x, y));
}

term bif_math_pi_0(struct proc *p, term *args) {
    (void)args;
    return float_result(p, 3.14159265358979323846);
}

#define MATH1(name)                                                                         \
    term bif_math_##name##_1(struct proc *p, term *args) { return math1(p, args, name); }
#define MATH2(name, fn)                                                                     \
    term bif_math_##name##_2(struct proc *p, term *args) { return math2(p, args, fn); }

MATH1(sin)
MATH1(cos)
MATH1(tan)
MATH1(asin)
MATH1(acos)
MATH1(atan)
MATH1(sinh)
MATH1(cosh)
MATH1(tanh)
MATH1(asinh)
MATH1(acosh)
MATH1(atanh)
MATH1(exp)
MATH1(log)
MATH1(log2)
MATH1(log10)
MATH1(sqrt)
MATH1(erf)
MATH1(erfc)
MATH1(ceil)
MATH1(floor)
MATH2(atan2, atan2)
MATH2(pow, pow)
MATH2(fmod, fmod)
