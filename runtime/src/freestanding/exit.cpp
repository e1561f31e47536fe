// Process exit without exit handlers: _exit, _Exit and abort. exit()
// itself is in runtime/crt0/x86_64/crt0.asm, with the rest of the startup
// and shutdown sequence.
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/startup.hpp>
#include <ring3/syscalls.hpp>

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
