// errno: the C library's per-thread error number (C17 7.5). glibc's
// <errno.h> defines `errno` as (*__errno_location()), so code compiled
// against those headers (libstdc++'s objects, a user's C) reads and writes
// it through this function.
//
// ring3's own API returns errors in a Result instead (ring3/result.hpp);
// only the C functions set errno.
#pragma once

#include "../c_name.hpp"

namespace ring3::libc {

int* errno_location() noexcept RING3_C_NAME(__errno_location);

// Sets errno, for the C functions' failure paths.
inline void set_errno(int e) noexcept { *errno_location() = e; }

} // namespace ring3::libc
