// logl, log2l and log10l: long double logarithms with the x87's own
// instructions, which compute y * log2(x) in extended precision
// (Intel SDM vol. 2, FYL2X and FYL2XP1). <random>'s real distributions
// need logl: libstdc++'s generate_canonical takes log(max - min + 1) in
// long double.
//
// Near x = 1, log2(x) is computed from x - 1 (exact there, Sterbenz) with
// FYL2XP1, which keeps full relative precision where FYL2X would lose it
// to cancellation; FYL2XP1 is defined for |x - 1| < 1 - sqrt(2)/2.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

// y * log2(x) for x > 0, finite.
long double y_log2(long double y, long double x) {
    long double r;
    long double t = x - 1.0L;
    if (t > -0.29L && t < 0.29L) {
        asm("fyl2xp1" : "=t"(r) : "0"(t), "u"(y) : "st(1)");
    } else {
        asm("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    }
    return r;
}

// The special cases every logarithm shares (C11 F.10.3.7): log(+-0) is
// -inf with ERANGE (a pole), log(x < 0) a NaN with EDOM, log(+inf) +inf,
// log(NaN) NaN. Returns false when x is an ordinary positive number.
bool special_case(long double x, long double* out) {
    if (x != x) {
        *out = x + x;
        return true;
    }
    if (x == 0) {
        set_errno(erange);
        *out = -__builtin_infl();
        return true;
    }
    if (x < 0) {
        set_errno(edom);
        *out = __builtin_nanl("");
        return true;
    }
    if (x == __builtin_infl()) {
        *out = x;
        return true;
    }
    return false;
}

} // namespace

long double logl(long double x) {
    long double r;
    if (special_case(x, &r)) return r;
    return y_log2(0.693147180559945309417232121458176568L, x); // ln 2
}

long double log2l(long double x) {
    long double r;
    if (special_case(x, &r)) return r;
    return y_log2(1.0L, x);
}

long double log10l(long double x) {
    long double r;
    if (special_case(x, &r)) return r;
    return y_log2(0.301029995663981195213738894724493027L, x); // log10 2
}

} // namespace ring3::math
