// <time.h>'s clock reading, for <chrono>: libstdc++'s system_clock::now()
// and steady_clock::now() (chrono.o) call clock_gettime(CLOCK_REALTIME)
// and clock_gettime(CLOCK_MONOTONIC).
//
// Through ring3's sys:: layer, which reads the clock through the vDSO
// (no system call; RING3_NO_VDSO=1 turns that off, runtime/src/vdso.cpp).
#include <cerrno>
#include <ctime>
#include <ring3/syscalls.hpp>

// The kernel's struct __kernel_timespec and glibc's struct timespec are
// the same two 64-bit fields on x86_64.
static_assert(sizeof(timespec) == sizeof(ring3::sys::Timespec));

extern "C" int clock_gettime(clockid_t clock, timespec* ts) noexcept {
    auto r = ring3::sys::clock_gettime(clock);
    if (!r.ok()) {
        errno = r.error();
        return -1;
    }
    ts->tv_sec = r->tv_sec;
    ts->tv_nsec = r->tv_nsec;
    return 0;
}

extern "C" time_t time(time_t* t) noexcept {
    auto r = ring3::sys::clock_gettime(ring3::sys::CLOCK_REALTIME);
    time_t now = r ? r->tv_sec : -1;
    if (t != nullptr) *t = now;
    return now;
}
