// Process exit without exit handlers: _exit, _Exit and abort. exit()
// itself is in runtime/crt0/x86_64/crt0.asm, with the rest of the startup
// and shutdown sequence.
#include <ring3/signal.hpp>
#include <ring3/startup.hpp>
#include <ring3/sys/process.hpp>

extern "C" void _exit(int status) { ring3::sys::exit_group(status); }
extern "C" void _Exit(int status) noexcept { ring3::sys::exit_group(status); }

extern "C" void abort() noexcept {
    using namespace ring3;
    // Unblock SIGABRT, then raise it. If a handler returns, restore the
    // default action and raise again, as POSIX requires of abort(). The
    // default action is installed without sig::reset's SA_RESTORER
    // trampoline: it is never called.
    sig::Set set = sig::bit(sig::ABRT);
    (void)sys::rt_sigprocmask(sys::SIG_UNBLOCK, &set, nullptr);
    (void)sig::raise(sig::ABRT);
    sys::KernelSigaction dfl{};
    (void)sys::rt_sigaction(sig::ABRT, &dfl);
    (void)sig::raise(sig::ABRT);
    sys::exit_group(127);
}
