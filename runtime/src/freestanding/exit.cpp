// Process exit: exit, _exit, _Exit and abort with their C signatures.
//
// exit(status) runs, in this order (C++ [basic.start.term], C 7.22.4.4):
//   1. atexit / __cxa_atexit handlers in reverse order of registration; static
//      destructors are registered through __cxa_atexit as each object is
//      constructed, so they interleave with atexit handlers as the standard
//      requires; handlers registered while exiting run too;
//   2. fini_array (__attribute__((destructor))), last entry first;
//   3. the buffered streams are flushed;
//   4. exit_group(status).
// Steps 1 and 3 are weak hooks, so a program that registers nothing and
// uses no stream links none of their code.
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/startup.hpp>
#include <ring3/syscalls.hpp>

extern "C" {
extern void (*__fini_array_start[])() __attribute__((visibility("hidden")));
extern void (*__fini_array_end[])() __attribute__((visibility("hidden")));
// Defined by runtime/src/atexit.cpp when a program registers a handler.
[[gnu::weak]] void __ring3_run_atexit();
// Defined by the stream library when a program uses it; returns the exit
// status to use (a failed flush of stdout turns 0 into 1).
[[gnu::weak]] int __ring3_flush_streams(int status);
}

extern "C" [[noreturn]] void exit(int status) noexcept {
    if (__ring3_run_atexit) __ring3_run_atexit();
    for (auto* f = __fini_array_end; f != __fini_array_start;) (*--f)();
    if (__ring3_flush_streams) status = __ring3_flush_streams(status);
    ring3::sys::exit_group(status);
}

extern "C" [[noreturn]] void _exit(int status) noexcept { ring3::sys::exit_group(status); }
extern "C" [[noreturn]] void _Exit(int status) noexcept { ring3::sys::exit_group(status); }

extern "C" [[noreturn]] void abort() noexcept {
    using namespace ring3;
    constexpr int SIGABRT = 6;
    // Unblock SIGABRT, then raise it. If a handler returns, restore the
    // default action and raise again, as POSIX requires of abort().
    std::uint64_t set = 1ULL << (SIGABRT - 1);
    constexpr int SIG_UNBLOCK = 1;
    (void)arch::syscall4(nr::rt_sigprocmask, SIG_UNBLOCK, reinterpret_cast<long>(&set), 0, 8);
    long pid = arch::syscall0(nr::getpid);
    long tid = arch::syscall0(nr::gettid);
    (void)arch::syscall3(nr::tgkill, pid, tid, SIGABRT);
    struct {
        unsigned long handler, flags, restorer, mask;
    } dfl = {0, 0, 0, 0};
    (void)arch::syscall4(nr::rt_sigaction, SIGABRT, reinterpret_cast<long>(&dfl), 0, 8);
    (void)arch::syscall3(nr::tgkill, pid, tid, SIGABRT);
    sys::exit_group(127);
}
