// MappingGuard (mapping_guard.hpp): a SIGBUS handler that puts zero pages
// where a guarded file mapping lost its file.
#include <cstdint>
#include <ring3/mapping_guard.hpp>
#include <ring3/signal.hpp>
#include <ring3/syscalls.hpp>

namespace ring3 {
namespace {

// si_code of a SIGBUS for an address with no backing (a file page past the
// end of the file, or one the kernel could not read): BUS_ADRERR
// (include/uapi/asm-generic/siginfo.h).
constexpr int BUS_ADRERR = 2;
constexpr std::uintptr_t page = 4096;

// The guarded range and what happened in it. Written by the handler:
// volatile, so that lost() reads what the handler stored.
volatile std::uintptr_t guard_lo = 0, guard_hi = 0;
volatile int guard_prot = 1;
volatile bool guard_lost = false;
bool installed = false;

void on_sigbus(int, sig::SigInfo* info, void*) {
    auto at = reinterpret_cast<std::uintptr_t>(info->si_addr);
    if (info->si_code == BUS_ADRERR && at >= guard_lo && at < guard_hi) {
        auto lost_page = reinterpret_cast<void*>(at & ~(page - 1));
        if (sys::mmap(lost_page, page, guard_prot,
                      sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_FIXED, -1, 0)) {
            guard_lost = true;
            return; // the access runs again and reads zeros
        }
    }
    // Not ours: the default action, when the access faults again.
    (void)sig::reset(sig::BUS);
}

} // namespace

MappingGuard::MappingGuard(const void* base, std::size_t size, int prot) {
    guard_lost = false;
    guard_prot = prot;
    guard_lo = reinterpret_cast<std::uintptr_t>(base);
    guard_hi = guard_lo + size;
    if (!installed) installed = sig::set_info_handler(sig::BUS, on_sigbus).ok();
}

MappingGuard::~MappingGuard() {
    guard_lo = 0;
    guard_hi = 0;
}

bool MappingGuard::lost() const { return guard_lost; }

} // namespace ring3
