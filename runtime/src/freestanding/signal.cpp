#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/signal.hpp>

extern "C" void __ring3_sigreturn();

namespace ring3::sig {
namespace {

// struct sigaction as rt_sigaction(2) reads it on x86_64
// (include/linux/signal_types.h, struct sigaction without SA_RESTORER
// emulation): handler, flags, restorer, mask.
struct KernelSigaction {
    void* handler;
    std::uint64_t flags;
    void (*restorer)();
    Set mask;
};

Result<void> install(int signo, void* handler, std::uint64_t flags, Set mask) {
    KernelSigaction act{handler, flags | SA_RESTORER, __ring3_sigreturn, mask};
    return Result<void>::from_raw(
        arch::syscall4(nr::rt_sigaction, signo, reinterpret_cast<long>(&act), 0, sizeof(Set)));
}

} // namespace

Result<void> set_handler(int signo, Handler handler, std::uint64_t flags, Set mask) {
    return install(signo, reinterpret_cast<void*>(handler), flags & ~SA_SIGINFO, mask);
}

Result<void> set_info_handler(int signo, InfoHandler handler, std::uint64_t flags, Set mask) {
    return install(signo, reinterpret_cast<void*>(handler), flags | SA_SIGINFO, mask);
}

Result<void> ignore(int signo) { return install(signo, reinterpret_cast<void*>(1), 0, 0); }
Result<void> reset(int signo) { return install(signo, nullptr, 0, 0); }

Result<void> procmask(int how, const Set* set, Set* old) {
    return Result<void>::from_raw(arch::syscall4(nr::rt_sigprocmask, how,
                                                 reinterpret_cast<long>(set),
                                                 reinterpret_cast<long>(old), sizeof(Set)));
}

Result<void> raise(int signo) {
    long pid = arch::syscall0(nr::getpid);
    long tid = arch::syscall0(nr::gettid);
    return Result<void>::from_raw(arch::syscall3(nr::tgkill, pid, tid, signo));
}

Result<void> kill(int pid, int signo) {
    return Result<void>::from_raw(arch::syscall2(nr::kill, pid, signo));
}

} // namespace ring3::sig
