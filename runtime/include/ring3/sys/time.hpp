// Clocks and sleeping: clock_gettime (through the vDSO), clock_nanosleep,
// setitimer.
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

// Clock ids (include/uapi/linux/time.h).
inline constexpr int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
                     CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4,
                     CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;

// The system call itself: what the vDSO falls back to, and what code that
// must not depend on the vDSO calls.
inline Result<Timespec> clock_gettime_syscall(int clock) {
    Timespec t;
    long r = arch::syscall2(nr::clock_gettime, clock, addr(&t));
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return t;
}

// The time of `clock`, read through the vDSO's __vdso_clock_gettime when
// the kernel mapped one (no system call for the clocks it serves), else
// through the system call. RING3_NO_VDSO=1 in the environment turns the
// vDSO off (valgrind does not follow it). Defined in runtime/src/vdso.cpp.
Result<Timespec> clock_gettime(int clock);

// The time as nanoseconds, for measuring intervals.
inline std::int64_t to_ns(Timespec t) { return t.tv_sec * 1000000000 + t.tv_nsec; }

inline constexpr int TIMER_ABSTIME = 1;

// clock_nanosleep(2): sleeps for `t` (or until `t` with TIMER_ABSTIME).
// Interrupted by a handled signal it fails with EINTR and stores what was
// left in *remaining (relative sleeps only).
inline Result<void> clock_nanosleep(int clock, int flags, const Timespec& t,
                                    Timespec* remaining = nullptr) {
    return Result<void>::from_raw(
        arch::syscall4(nr::clock_nanosleep, clock, flags, addr(&t), addr(remaining)));
}

// setitimer(2) (include/uapi/linux/time_types.h, struct __kernel_old_itimerval):
// ITIMER_REAL sends SIGALRM when `value` expires, then every `interval`.
struct Timeval {
    std::int64_t tv_sec, tv_usec;
};
struct ItimerVal {
    Timeval it_interval, it_value;
};
inline constexpr int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

inline Result<void> setitimer(int which, const ItimerVal* value, ItimerVal* old = nullptr) {
    return Result<void>::from_raw(arch::syscall3(nr::setitimer, which, addr(value), addr(old)));
}

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
