// <time.h>'s clock reading, for <chrono>: libstdc++'s system_clock::now()
// and steady_clock::now() (chrono.o) call clock_gettime(CLOCK_REALTIME)
// and clock_gettime(CLOCK_MONOTONIC).
//
// Through ring3's sys:: layer, which reads the clock through the vDSO
// (no system call; RING3_NO_VDSO=1 turns that off, runtime/src/vdso.cpp).
// Declared here with the kernel's types rather than through <time.h>,
// whose CLOCK_* macros would rename sys::'s constants: glibc's struct
// timespec and clockid_t are the kernel's two 64-bit fields and an int on
// x86_64, and a C function's linkage is its name alone.
#include <cerrno>
#include <ring3/syscalls.hpp>

using ring3::sys::Timespec;

extern "C" int clock_gettime(int clock, Timespec* ts) noexcept {
    auto r = ring3::sys::clock_gettime(clock);
    if (!r.ok()) {
        errno = r.error();
        return -1;
    }
    *ts = *r;
    return 0;
}

extern "C" long time(long* t) noexcept {
    auto r = ring3::sys::clock_gettime(ring3::sys::CLOCK_REALTIME);
    long now = r ? r->tv_sec : -1;
    if (t != nullptr) *t = now;
    return now;
}
