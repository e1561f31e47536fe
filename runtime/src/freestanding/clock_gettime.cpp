// <time.h>'s clock reading, for <chrono>: libstdc++'s system_clock::now()
// and steady_clock::now() (chrono.o) call clock_gettime(CLOCK_REALTIME)
// and clock_gettime(CLOCK_MONOTONIC).
//
// Through ring3's sys:: layer: a system call today; the vDSO's entry
// (issue 21) replaces sys::clock_gettime without touching this file.
#include <cerrno>
#include <ctime>
#include <ring3/syscalls.hpp>

// The kernel's struct __kernel_timespec and glibc's struct timespec are
// the same two 64-bit fields on x86_64.
static_assert(sizeof(timespec) == sizeof(ring3::sys::Timespec));

extern "C" int clock_gettime(clockid_t clock, timespec* ts) noexcept {
    auto r = ring3::sys::clock_gettime(clock, reinterpret_cast<ring3::sys::Timespec*>(ts));
    if (!r.ok()) {
        errno = r.error();
        return -1;
    }
    return 0;
}

extern "C" time_t time(time_t* t) noexcept {
    ring3::sys::Timespec ts{};
    (void)ring3::sys::clock_gettime(ring3::sys::clock_id::realtime, &ts);
    if (t != nullptr) *t = ts.tv_sec;
    return ts.tv_sec;
}
