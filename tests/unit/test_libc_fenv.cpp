// ring3's <fenv.h> (runtime/src/libc/fenv/) against glibc's: a mode set by
// one is read back by the other, and arithmetic in float, double and long
// double rounds in that direction; exception flags set and cleared by one
// are seen by the other.
#include <cfenv>
#include <doctest/doctest.h>
#include <initializer_list>
#include <libc/fenv/fenv.hpp>

namespace r3 = ring3::libc;

namespace {
// volatile: computed at run time, in the current rounding mode.
volatile double one = 1.0, three = 3.0;
volatile float onef = 1.0f, threef = 3.0f;
volatile long double onel = 1.0L, threel = 3.0L;
} // namespace

namespace {
struct Thirds {
    double d;
    float f;
    long double l;
};
// 1/3 in the current mode, computed at run time.
Thirds thirds() { return {one / three, onef / threef, onel / threel}; }
} // namespace

TEST_CASE("fesetround sets SSE and x87 rounding; fegetround agrees with glibc") {
    Thirds by_mode[4];
    const int modes[] = {FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO, FE_TONEAREST};
    for (int i = 0; i < 4; ++i) {
        CAPTURE(modes[i]);
        REQUIRE(r3::fesetround(modes[i]) == 0);
        CHECK(std::fegetround() == modes[i]);
        CHECK(r3::fegetround() == modes[i]);
        by_mode[i] = thirds();
    }
    const Thirds &down = by_mode[0], &up = by_mode[1], &zero = by_mode[2], &nearest = by_mode[3];
    // 1/3 is inexact in every type: upward is one step above downward, in
    // float, double and long double alike.
    CHECK(up.d > down.d);
    CHECK(up.f > down.f);
    CHECK(up.l > down.l);
    CHECK(zero.d == down.d);
    CHECK(zero.f == down.f);
    CHECK(zero.l == down.l);
    CHECK((nearest.d == down.d || nearest.d == up.d));
    CHECK(r3::fesetround(0x123) != 0);
    CHECK(r3::fegetround() == FE_TONEAREST);
}

TEST_CASE("exception flags: raised, tested and cleared across ring3 and glibc") {
    std::feclearexcept(FE_ALL_EXCEPT);
    CHECK(r3::fetestexcept(FE_ALL_EXCEPT) == 0);
    volatile double zero = 0.0;
    volatile double r = one / zero;
    (void)r;
    CHECK(r3::fetestexcept(FE_DIVBYZERO) == FE_DIVBYZERO);
    CHECK(r3::feclearexcept(FE_DIVBYZERO) == 0);
    CHECK(std::fetestexcept(FE_ALL_EXCEPT) == 0);
    CHECK(r3::feraiseexcept(FE_OVERFLOW | FE_INEXACT) == 0);
    CHECK(std::fetestexcept(FE_ALL_EXCEPT) == (FE_OVERFLOW | FE_INEXACT));
    CHECK(r3::fetestexcept(FE_OVERFLOW) == FE_OVERFLOW);
    // An x87 flag, cleared through its environment.
    volatile long double big = 1e4000L;
    volatile long double prod = big * big;
    (void)prod;
    CHECK(r3::fetestexcept(FE_OVERFLOW) == FE_OVERFLOW);
    r3::feclearexcept(FE_ALL_EXCEPT);
    CHECK(std::fetestexcept(FE_ALL_EXCEPT) == 0);
}
