// Static-PIE self-relocation, called by crt0 before anything else runs.
//
// A static-PIE program is an ET_DYN image the kernel maps at a random base;
// every stored address (GOT entries, vtables, init_array, pointer tables)
// was written by the linker relative to 0 and must have the base added:
// R_X86_64_RELATIVE relocations in DT_RELA, and their compressed form in
// DT_RELR. Until that is done nothing may read such a global, and no
// function may be stack-protected (%fs is not set up yet). This function
// therefore only reads its own ELF header and dynamic section, found
// PC-relative through the linker-defined __ehdr_start, and makes no call.
//
// Linked only into static-PIE programs: toolchain.cmake passes
// -u __ring3_self_relocate when RING3_STATIC_PIE is ON.
#include <cstdint>
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/detail/link_flags.hpp>
#include <ring3/elf.hpp>

RING3_DEFINE_LINK_FLAG(__ring3_static_pie_linked);

extern "C" const ring3::elf::Ehdr __ehdr_start __attribute__((visibility("hidden")));

extern "C" void __ring3_self_relocate() {
    using namespace ring3;
    const elf::Ehdr* eh = &__ehdr_start;
    if (eh->e_type != elf::ET_DYN) return;
    auto* ph = reinterpret_cast<const elf::Phdr*>(reinterpret_cast<const char*>(eh) + eh->e_phoff);
    // The load bias: where the header is, minus where it was linked.
    std::uintptr_t base = reinterpret_cast<std::uintptr_t>(eh);
    std::uintptr_t dyn_vaddr = 0;
    const elf::Phdr* relro = nullptr;
    for (unsigned i = 0; i < eh->e_phnum; ++i) {
        if (ph[i].p_type == elf::PT_LOAD && ph[i].p_offset == 0) base -= ph[i].p_vaddr;
        if (ph[i].p_type == elf::PT_DYNAMIC) dyn_vaddr = ph[i].p_vaddr;
        if (ph[i].p_type == elf::PT_GNU_RELRO) relro = &ph[i];
    }
    if (!dyn_vaddr) return;
    std::uintptr_t rela = 0, relasz = 0, relr = 0, relrsz = 0;
    for (auto* d = reinterpret_cast<const elf::Dyn*>(base + dyn_vaddr); d->d_tag != elf::DT_NULL;
         ++d) {
        if (d->d_tag == elf::DT_RELA)
            rela = d->d_val;
        else if (d->d_tag == elf::DT_RELASZ)
            relasz = d->d_val;
        else if (d->d_tag == elf::DT_RELR)
            relr = d->d_val;
        else if (d->d_tag == elf::DT_RELRSZ)
            relrsz = d->d_val;
    }
    auto* r = reinterpret_cast<const elf::Rela*>(base + rela);
    for (std::uintptr_t i = 0; i < relasz / sizeof(elf::Rela); ++i) {
        // A static-PIE program has only relative relocations: no symbols
        // to look up. Anything else means a broken link; stop at once.
        if (static_cast<std::uint32_t>(r[i].r_info) != elf::R_X86_64_RELATIVE)
            for (;;) arch::syscall1(nr::exit_group, 127);
        *reinterpret_cast<std::uintptr_t*>(base + r[i].r_offset) = base + r[i].r_addend;
    }
    // RELR: an even entry is the address of a word to relocate; an odd
    // entry is a bitmap over the 63 words after the last address.
    auto* e = reinterpret_cast<const std::uintptr_t*>(base + relr);
    std::uintptr_t* where = nullptr;
    for (std::uintptr_t i = 0; i < relrsz / sizeof(std::uintptr_t); ++i) {
        if ((e[i] & 1) == 0) {
            where = reinterpret_cast<std::uintptr_t*>(base + e[i]);
            *where++ += base;
        } else if (where) { // (a bitmap before any address: a broken link)
            std::uintptr_t bits = e[i] >> 1;
            for (int k = 0; bits; ++k, bits >>= 1)
                if (bits & 1) where[k] += base;
            where += 63;
        }
    }
    // What was just relocated is never written again: read-only, as ld.so
    // does for dynamically linked programs.
    if (relro) {
        std::uintptr_t start = (base + relro->p_vaddr) & ~std::uintptr_t{4095};
        std::uintptr_t end = (base + relro->p_vaddr + relro->p_memsz) & ~std::uintptr_t{4095};
        if (end > start)
            arch::syscall3(nr::mprotect, static_cast<long>(start), static_cast<long>(end - start),
                           1);
    }
    asm volatile("" ::: "memory");
}
