// The system and the process's resources: uname, prlimit64, getrusage.
#pragma once

#include <ring3/str.hpp>
#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

// struct new_utsname (include/uapi/linux/utsname.h): six NUL-terminated
// fields of 65 bytes.
struct Utsname {
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
};
static_assert(sizeof(Utsname) == 390);

inline Result<Utsname> uname() {
    Utsname u{};
    long r = arch::syscall1(nr::uname, addr(&u));
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return u;
}

// Resource numbers (include/uapi/asm-generic/resource.h).
inline constexpr int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3,
                     RLIMIT_CORE = 4, RLIMIT_NOFILE = 7, RLIMIT_AS = 9;
inline constexpr std::uint64_t RLIM_INFINITY = ~std::uint64_t{0};

// struct rlimit64.
struct Rlimit {
    std::uint64_t cur = 0; // the soft limit, what the kernel enforces
    std::uint64_t max = 0; // the hard limit, the ceiling for cur
};

// prlimit64(2): pid 0 is the calling process. Sets *new_limit when given,
// and returns the limit as it was.
inline Result<Rlimit> prlimit(int pid, int resource, const Rlimit* new_limit = nullptr) {
    Rlimit old{};
    long r = arch::syscall4(nr::prlimit64, pid, resource, addr(new_limit), addr(&old));
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return old;
}

inline Result<Rlimit> getrlimit(int resource) { return prlimit(0, resource); }

// struct rusage (include/uapi/linux/resource.h), named fields instead of
// indices: the kernel fills the times and the counters in the first half;
// the rest of the BSD fields stay zero on Linux.
struct Rusage {
    struct {
        std::int64_t sec, usec;
    } utime, stime;
    long maxrss; // KiB
    long ixrss, idrss, isrss;
    long minflt; // page faults served without I/O
    long majflt; // page faults that read from disk
    long nswap;
    long inblock, oublock;
    long msgsnd, msgrcv, nsignals;
    long nvcsw, nivcsw; // voluntary and involuntary context switches
};
static_assert(sizeof(Rusage) == 144);

inline constexpr int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

inline Result<Rusage> getrusage(int who = RUSAGE_SELF) {
    Rusage u{};
    long r = arch::syscall2(nr::getrusage, who, addr(&u));
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return u;
}

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
