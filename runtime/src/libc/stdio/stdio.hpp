// ring3's <stdio.h> formatting into memory, as ring3::libc functions
// (c_name.hpp): snprintf, vsnprintf, sprintf, vsprintf, with C's
// conversions (printf_format.cpp). ring3 programs write to files through
// ring3's streams (ring3/stream.hpp); these exist for the code that
// formats with printf's language, such as libstdc++'s to_chars(long double).
#pragma once

#include "../c_name.hpp"

#include <cstdarg>
#include <cstddef>

namespace ring3::libc {

int vsnprintf(char* __restrict buf, std::size_t n, const char* __restrict format,
              va_list args) noexcept RING3_C_NAME(vsnprintf);
int snprintf(char* __restrict buf, std::size_t n, const char* __restrict format, ...) noexcept
    RING3_C_NAME(snprintf);
int vsprintf(char* __restrict buf, const char* __restrict format, va_list args) noexcept
    RING3_C_NAME(vsprintf);
int sprintf(char* __restrict buf, const char* __restrict format, ...) noexcept
    RING3_C_NAME(sprintf);

} // namespace ring3::libc
