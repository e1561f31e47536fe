// What every file under ring3/sys/ shares: the raw calls, the table of
// numbers, Result, and `addr`, which passes a pointer as a syscall argument.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/result.hpp>

namespace ring3::sys {

// The kernel reads every argument register as an unsigned long; pointers
// travel as their address.
inline long addr(const void* p) { return reinterpret_cast<long>(p); }

// struct __kernel_timespec (include/uapi/linux/time_types.h): clocks,
// sleeps, timeouts and file times all use it.
struct Timespec {
    std::int64_t tv_sec = 0;
    std::int64_t tv_nsec = 0;
};

} // namespace ring3::sys
