// ring3-load's own system calls, counted (stages.hpp): every call through
// the syscall layer adds one to its number's byte here (ring3-load is
// compiled with RING3_COUNT_SYSCALLS, see ring3/arch/x86_64/syscall.hpp);
// --trace ends with the list, so that each call has to earn its place
// (tests/e2e/loader_syscalls.sh compares it with strace).
#include "stages.hpp"
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>

namespace ring3::arch {
// A byte each: ring3-load makes a few dozen calls at most.
unsigned char syscall_counts[counted_syscalls];
} // namespace ring3::arch

namespace ring3::load {
namespace {

// The names strace(1) prints, for the calls ring3-load can make (stored
// as characters: a table of pointers would be relocated at every start).
struct SyscallName {
    unsigned short nr;
    char name[14];
};
constexpr SyscallName syscall_names[] = {
    {nr::read, "read"},
    {nr::write, "write"},
    {nr::close, "close"},
    {nr::fstat, "fstat"},
    {nr::mmap, "mmap"},
    {nr::mprotect, "mprotect"},
    {nr::munmap, "munmap"},
    {nr::pread64, "pread64"},
    {nr::personality, "personality"},
    {nr::prctl, "prctl"},
    {nr::arch_prctl, "arch_prctl"},
    {nr::exit_group, "exit_group"},
    {nr::openat, "openat"},
    {nr::faccessat, "faccessat"},
    {nr::prlimit64, "prlimit64"},
    {nr::getrandom, "getrandom"},
};

} // namespace

void trace_syscall_count(OutStream& t) {
    unsigned total = 0;
    for (unsigned char c : arch::syscall_counts) total += c;
    t << "ring3-load made " << dec(total) << " system calls:";
    const char* sep = " ";
    for (long n = 0; n < arch::counted_syscalls; ++n) {
        if (!arch::syscall_counts[n]) continue;
        t << sep;
        sep = ", ";
        const char* name = nullptr;
        for (const SyscallName& s : syscall_names)
            if (s.nr == n) name = s.name;
        if (name)
            t << name;
        else
            t << "syscall_" << dec(n);
        t << ' ' << dec(arch::syscall_counts[n]);
    }
    t << '\n';
}

} // namespace ring3::load
