// Randomness: getrandom(2), and vgetrandom, the same through the vDSO's
// __vdso_getrandom where the kernel offers it (Linux 6.11 and later on
// x86_64): no system call once its state is set up.
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

// getrandom(2) flags (include/uapi/linux/random.h).
inline constexpr unsigned GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;

// The system call. Fills up to n bytes (all of them for n <= 256 once the
// pool is initialised, as getrandom(2) guarantees).
inline Result<std::size_t> getrandom(void* buf, std::size_t n, unsigned flags = 0) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::getrandom, addr(buf), static_cast<long>(n), flags));
}

// The same bytes through __vdso_getrandom (lib/vdso/getrandom.c), with
// the system call as fallback when the vDSO lacks it, GRND_RANDOM is
// asked, or RING3_NO_VDSO=1 is set. Defined in runtime/src/vdso.cpp.
Result<std::size_t> vgetrandom(void* buf, std::size_t n, unsigned flags = 0);

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
