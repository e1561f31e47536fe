// The signal system calls, typed: rt_sigaction, rt_sigprocmask, tgkill.
// ring3/signal.hpp builds handlers, masks and raise on them.
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

// struct sigaction as rt_sigaction(2) reads it on x86_64
// (include/linux/signal_types.h, with SA_RESTORER): handler, flags,
// restorer, mask. handler 0 is SIG_DFL, 1 SIG_IGN.
struct KernelSigaction {
    void* handler = nullptr;
    std::uint64_t flags = 0;
    void (*restorer)() = nullptr;
    std::uint64_t mask = 0; // one bit per signal: bit (n - 1) for signal n
};

// The kernel's sigset_t is 64 bits on x86_64 (_NSIG / 8 bytes); it
// rejects any other size with EINVAL.
inline constexpr long sigset_size = 8;

inline Result<void> rt_sigaction(int signo, const KernelSigaction* act,
                                 KernelSigaction* old = nullptr) {
    return Result<void>::from_raw(
        arch::syscall4(nr::rt_sigaction, signo, addr(act), addr(old), sigset_size));
}

// rt_sigprocmask's `how`.
inline constexpr int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

inline Result<void> rt_sigprocmask(int how, const std::uint64_t* set, std::uint64_t* old) {
    return Result<void>::from_raw(
        arch::syscall4(nr::rt_sigprocmask, how, addr(set), addr(old), sigset_size));
}

// tgkill(2): the signal goes to thread tid of thread group tgid.
inline Result<void> tgkill(int tgid, int tid, int signo) {
    return Result<void>::from_raw(arch::syscall3(nr::tgkill, tgid, tid, signo));
}

inline Result<void> kill(int pid, int signo) {
    return Result<void>::from_raw(arch::syscall2(nr::kill, pid, signo));
}

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
