// fabs and copysign: the sign bit alone, so NaN payloads pass unchanged.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

double fabs(double x) { return from_bits(bits(x) & ~sign_bit); }
float fabsf(float x) { return from_bits(bits(x) & ~sign_bit_f); }
long double fabsl(long double x) {
    Extended e = ext_bits(x);
    e.se &= 0x7fff;
    return from_ext(e);
}

double copysign(double x, double y) {
    return from_bits((bits(x) & ~sign_bit) | (bits(y) & sign_bit));
}
float copysignf(float x, float y) {
    return from_bits((bits(x) & ~sign_bit_f) | (bits(y) & sign_bit_f));
}
long double copysignl(long double x, long double y) {
    Extended e = ext_bits(x);
    e.se = static_cast<std::uint16_t>((e.se & 0x7fff) | (ext_bits(y).se & 0x8000));
    return from_ext(e);
}

} // namespace ring3::math
