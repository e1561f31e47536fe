// The EINTR shim: linked into test-only variants of the programs
// (test-bin/NAME-eintr, tests/fault/fault.cmake), it makes every blocking
// system call of theirs liable to fail with EINTR or to return short.
//
// Before main, a constructor installs a SIGALRM handler that does nothing,
// without SA_RESTART, so the kernel does not restart an interrupted call
// (signal(7), "Interruption of system calls and library functions by
// signal handlers"): a read(2) or write(2) on a pipe that has moved no
// bytes yet fails with EINTR, one that has moved some returns the short
// count. Then ITIMER_REAL fires every RING3_EINTR_USEC microseconds
// (default 100) for as long as the program runs.
#include <ring3/env.hpp>
#include <ring3/process.hpp>
#include <ring3/signal.hpp>
#include <ring3/syscalls.hpp>

namespace {

void on_alarm(int) {}

std::int64_t period_usec() {
    const char* s = ring3::find_env(ring3::process_info.envp, "RING3_EINTR_USEC");
    std::int64_t v = 0;
    for (; s && *s >= '0' && *s <= '9'; ++s) v = v * 10 + (*s - '0');
    return v > 0 ? v : 100;
}

[[gnu::constructor]] void arm_interruptions() {
    if (!ring3::sig::set_handler(ring3::sig::ALRM, on_alarm, /*flags: no SA_RESTART*/ 0))
        ring3::sys::exit_group(120);
    std::int64_t us = period_usec();
    ring3::sys::ItimerVal t{{us / 1000000, us % 1000000}, {us / 1000000, us % 1000000}};
    if (!ring3::sys::setitimer(ring3::sys::ITIMER_REAL, &t)) ring3::sys::exit_group(121);
}

} // namespace
