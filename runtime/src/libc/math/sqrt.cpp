// sqrt: the SSE2 and x87 square-root instructions are correctly rounded
// (IEEE 754 5.4.1), so sqrt is one instruction plus glibc's errno: EDOM
// for an argument below -0.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

double sqrt(double x) {
    if (x < 0) set_errno(edom);
    asm("sqrtsd %0, %0" : "+x"(x));
    return x;
}
float sqrtf(float x) {
    if (x < 0) set_errno(edom);
    asm("sqrtss %0, %0" : "+x"(x));
    return x;
}
long double sqrtl(long double x) {
    if (x < 0) set_errno(edom);
    return x87_sqrt(x);
}

} // namespace ring3::math
