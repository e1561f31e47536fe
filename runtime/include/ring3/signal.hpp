// Signals: handlers, masks, raise and kill, over rt_sigaction(2) and
// rt_sigprocmask(2).
//
// The kernel returns from a handler through the address in sa_restorer,
// which must issue rt_sigreturn; libc normally supplies it. ring3's is a
// two-instruction NASM trampoline (runtime/src/freestanding/sigreturn.asm),
// installed with SA_RESTORER on every handler set here.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstdint>
#include <ring3/result.hpp>
#include <ring3/sys/process.hpp>
#include <ring3/sys/signals.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sig {

// Signal numbers (arch/x86/include/uapi/asm/signal.h).
inline constexpr int HUP = 1, INT = 2, QUIT = 3, ILL = 4, TRAP = 5, ABRT = 6, BUS = 7, FPE = 8,
                     KILL = 9, USR1 = 10, SEGV = 11, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15,
                     CHLD = 17, CONT = 18, STOP = 19, TSTP = 20, XFSZ = 25, WINCH = 28, SYS = 31;

// sa_flags (include/uapi/asm-generic/signal-defs.h, asm/signal.h).
inline constexpr std::uint64_t SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4,
                               SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
                               SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000,
                               SA_RESTORER = 0x04000000;

// The kernel's siginfo_t: 128 bytes; the fields common to every signal,
// and the faulting address for SIGSEGV/SIGBUS/SIGILL/SIGFPE.
struct SigInfo {
    int si_signo;
    int si_errno;
    int si_code;
    int pad;
    union {
        void* si_addr; // fault signals
        struct {
            int si_pid; // kill, sigqueue
            unsigned si_uid;
        } sender;
        unsigned char raw[112];
    };
};
static_assert(sizeof(SigInfo) == 128);

using Set = std::uint64_t; // one bit per signal: bit (n - 1) for signal n
inline constexpr Set bit(int signo) { return Set{1} << (signo - 1); }

using Handler = void (*)(int);
using InfoHandler = void (*)(int, SigInfo*, void* ucontext);

inline constexpr Handler default_action = nullptr;                 // SIG_DFL
inline const Handler ignore_action = reinterpret_cast<Handler>(1); // SIG_IGN

// Installs `handler` for `signo`. Without SA_RESTART in `flags`, a system
// call interrupted by the signal fails with EINTR.
Result<void> set_handler(int signo, Handler handler, std::uint64_t flags = 0, Set mask = 0);
// The same with SA_SIGINFO: the handler receives the SigInfo.
Result<void> set_info_handler(int signo, InfoHandler handler, std::uint64_t flags = 0,
                              Set mask = 0);
Result<void> ignore(int signo);
Result<void> reset(int signo);

// rt_sigprocmask: how is one of these.
inline constexpr int SIG_BLOCK = sys::SIG_BLOCK, SIG_UNBLOCK = sys::SIG_UNBLOCK,
                     SIG_SETMASK = sys::SIG_SETMASK;
Result<void> procmask(int how, const Set* set, Set* old);

// Sends `signo` to the calling thread (raise(3)) or to process `pid`.
inline Result<void> raise(int signo) { return sys::tgkill(sys::getpid(), sys::gettid(), signo); }
inline Result<void> kill(int pid, int signo) { return sys::kill(pid, signo); }

} // namespace ring3::sig
#include <ring3/detail/libc_macros_end.hpp>
