#include <ring3/signal.hpp>
#include <ring3/sys/signals.hpp>

extern "C" void __ring3_sigreturn();

namespace ring3::sig {
namespace {

Result<void> install(int signo, void* handler, std::uint64_t flags, Set mask) {
    sys::KernelSigaction act{handler, flags | SA_RESTORER, __ring3_sigreturn, mask};
    return sys::rt_sigaction(signo, &act);
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
    return sys::rt_sigprocmask(how, set, old);
}

} // namespace ring3::sig
