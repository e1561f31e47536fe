// ring3's <fenv.h> rounding modes and exception flags, as ring3::libc
// functions (c_name.hpp). The constants are <fenv.h>'s own (glibc's
// values for x86_64: the x87 control word's rounding bits and status
// bits).
#pragma once

#include "../c_name.hpp"

namespace ring3::libc {

int fegetround() noexcept RING3_C_NAME(fegetround);
int fesetround(int mode) noexcept RING3_C_NAME(fesetround);
int feclearexcept(int excepts) noexcept RING3_C_NAME(feclearexcept);
int fetestexcept(int excepts) noexcept RING3_C_NAME(fetestexcept);
int feraiseexcept(int excepts) noexcept RING3_C_NAME(feraiseexcept);

} // namespace ring3::libc
