// cpuid and xgetbv, asked once (cpu_features.hpp).
#include "cpu_features.hpp"

#include <cstdint>

namespace ring3::libc::detail {

unsigned char cpu_level = 0;

namespace {

struct Regs {
    std::uint32_t eax, ebx, ecx, edx;
};

Regs cpuid(std::uint32_t leaf, std::uint32_t subleaf) {
    Regs r;
    asm("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(subleaf));
    return r;
}

} // namespace

unsigned char detect_cpu_level() noexcept {
    unsigned char level = 1;
    // AVX2 needs the processor's bit (leaf 7, EBX bit 5) and the kernel's
    // consent to save YMM state (OSXSAVE, then XCR0 bits 1 and 2: SSE and
    // AVX state), as the Intel SDM's "Detection of AVX2" says.
    if (cpuid(0, 0).eax >= 7) {
        Regs one = cpuid(1, 0);
        constexpr std::uint32_t osxsave = 1u << 27, avx = 1u << 28;
        if ((one.ecx & osxsave) && (one.ecx & avx)) {
            std::uint32_t lo, hi;
            asm("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            if ((lo & 6) == 6 && (cpuid(7, 0).ebx & (1u << 5))) level = 2;
        }
    }
    cpu_level = level;
    return level;
}

} // namespace ring3::libc::detail
