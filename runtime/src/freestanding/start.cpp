// Program startup: what runs between the kernel's jump to _start
// (runtime/crt0/x86_64/crt0.asm) and main.
//
// Order matters, and each step may only use what the steps before it set up:
//   1. a static-PIE program applies its own relative relocations and makes
//      its RELRO region read-only: until then no global that holds an
//      address (GOT entry, vtable, init_array, pointer table) may be read;
//   2. read argc, argv, envp and auxv off the initial stack;
//   3. set up static TLS and the stack-protector canary (%fs:0x28);
//   4. run preinit_array, then init_array (prioritised constructors first);
//   5. call main and exit with its status (exit.cpp).
// This file is compiled with -fno-stack-protector: until step 3 is done,
// %fs is 0 and a canary check would fault.
#include <ring3/elf.hpp>
#include <ring3/process.hpp>
#include <ring3/startup.hpp>
#include <ring3/syscalls.hpp>

extern "C" int main(int argc, char** argv, char** envp);

// Weak: non-null only when some linked code was compiled with a stack
// protector and so pulled in runtime/src/stack_chk.cpp. A program that
// needs neither TLS nor a canary never sets %fs: no arch_prctl at all.
extern "C" [[gnu::weak]] void __stack_chk_fail();

extern "C" {
// The program's own ELF header, defined by the linker at the start of the
// first PT_LOAD. Hidden, so its address is computed PC-relative: usable
// before any relocation has been applied.
extern const ring3::elf::Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern void (*__preinit_array_start[])(int, char**, char**) __attribute__((visibility("hidden")));
extern void (*__preinit_array_end[])(int, char**, char**) __attribute__((visibility("hidden")));
extern void (*__init_array_start[])(int, char**, char**) __attribute__((visibility("hidden")));
extern void (*__init_array_end[])(int, char**, char**) __attribute__((visibility("hidden")));
}

namespace ring3 {
namespace {

using elf::Phdr;

// Static TLS for the main thread, x86_64 TLS variant II (Drepper, "ELF
// Handling For Thread-Local Storage", section 3.4.2): the TLS image sits
// immediately below the thread pointer, and the thread pointer addresses
// the thread control block, whose first word points to itself.
struct Tcb {
    Tcb* self;                    // %fs:0x00, read by the compiler's TLS code
    void* dtv;                    // %fs:0x08
    Tcb* self2;                   // %fs:0x10, glibc's header.self
    std::uint64_t reserved[2];    // %fs:0x18
    std::uint64_t stack_guard;    // %fs:0x28, the canary -fstack-protector reads
    std::uint64_t pointer_guard;  // %fs:0x30
    std::uint64_t reserved2[9];
};
static_assert(__builtin_offsetof(Tcb, stack_guard) == 0x28);

// Small TLS images live in .bss, so TLS costs no system call beyond
// arch_prctl; larger ones get an anonymous mapping.
constexpr std::size_t static_tls_size = 4096;
alignas(64) unsigned char static_tls_area[static_tls_size];

constexpr int ARCH_SET_FS = 0x1002;

// Step 1 for static-PIE programs (ET_DYN): apply R_X86_64_RELATIVE (RELA)
// and RELR relocations, then mprotect PT_GNU_RELRO read-only. Nothing
// here reads a global or calls through a pointer; it is inlined into
// __ring3_start so no call even needs the stack protector's %fs.
// An ET_EXEC program returns at the first test.
[[gnu::always_inline]] inline void relocate_self() {
    const elf::Ehdr* eh = &__ehdr_start;
    if (eh->e_type != elf::ET_DYN) return;
    auto* ph = reinterpret_cast<const Phdr*>(reinterpret_cast<const char*>(eh) + eh->e_phoff);
    // The load bias: where the header is minus where it was linked.
    std::uintptr_t base = reinterpret_cast<std::uintptr_t>(eh);
    const elf::Dyn* dyn = nullptr;
    const Phdr* relro = nullptr;
    for (unsigned i = 0; i < eh->e_phnum; ++i) {
        if (ph[i].p_type == elf::PT_LOAD && ph[i].p_offset == 0) base -= ph[i].p_vaddr;
        if (ph[i].p_type == elf::PT_DYNAMIC) dyn = reinterpret_cast<const elf::Dyn*>(ph[i].p_vaddr);
        if (ph[i].p_type == elf::PT_GNU_RELRO) relro = &ph[i];
    }
    if (!dyn) return;
    dyn = reinterpret_cast<const elf::Dyn*>(base + reinterpret_cast<std::uintptr_t>(dyn));
    std::uintptr_t rela = 0, relasz = 0, relr = 0, relrsz = 0;
    for (; dyn->d_tag != elf::DT_NULL; ++dyn) {
        if (dyn->d_tag == elf::DT_RELA) rela = dyn->d_val;
        else if (dyn->d_tag == elf::DT_RELASZ) relasz = dyn->d_val;
        else if (dyn->d_tag == elf::DT_RELR) relr = dyn->d_val;
        else if (dyn->d_tag == elf::DT_RELRSZ) relrsz = dyn->d_val;
    }
    auto* r = reinterpret_cast<const elf::Rela*>(base + rela);
    for (std::uintptr_t i = 0; i < relasz / sizeof(elf::Rela); ++i) {
        // A static-PIE program has only relative relocations: no symbols.
        if (static_cast<std::uint32_t>(r[i].r_info) != elf::R_X86_64_RELATIVE) sys::exit_group(127);
        *reinterpret_cast<std::uintptr_t*>(base + r[i].r_offset) = base + r[i].r_addend;
    }
    // RELR (gABI, "relative relocation" compression): an even entry is the
    // address of the next word to relocate; an odd entry is a bitmap of
    // the 63 words that follow the last address, one bit each.
    auto* e = reinterpret_cast<const std::uintptr_t*>(base + relr);
    std::uintptr_t* where = nullptr;
    for (std::uintptr_t i = 0; i < relrsz / sizeof(std::uintptr_t); ++i) {
        if ((e[i] & 1) == 0) {
            where = reinterpret_cast<std::uintptr_t*>(base + e[i]);
            *where++ += base;
        } else {
            std::uintptr_t bits = e[i] >> 1;
            for (int k = 0; bits; ++k, bits >>= 1)
                if (bits & 1) where[k] += base;
            where += 63;
        }
    }
    // The relocated data above (GOT, .data.rel.ro, init_array) is never
    // written again: make it read-only, as ld.so does for dynamic programs.
    if (relro) {
        std::uintptr_t start = (base + relro->p_vaddr) & ~std::uintptr_t{4095};
        std::uintptr_t end = (base + relro->p_vaddr + relro->p_memsz) & ~std::uintptr_t{4095};
        if (end > start) (void)arch::syscall3(nr::mprotect, start, end - start, sys::PROT_READ);
    }
    // The writes above must happen before any later load of a global.
    asm volatile("" ::: "memory");
}

// The auxv entries startup needs, gathered in one pass.
struct StartAux {
    const Phdr* phdr = nullptr;
    std::uint64_t phnum = 0;
    const unsigned char* random = nullptr;
};

StartAux read_aux(const AuxEntry* auxv) {
    StartAux s;
    for (const AuxEntry* a = auxv; a->type != elf::AT_NULL; ++a) {
        if (a->type == elf::AT_PHDR) s.phdr = reinterpret_cast<const Phdr*>(a->value);
        else if (a->type == elf::AT_PHNUM) s.phnum = a->value;
        else if (a->type == elf::AT_RANDOM) s.random = reinterpret_cast<const unsigned char*>(a->value);
    }
    return s;
}

// Sets %fs to a TCB with the TLS image copied below it.
void setup_tls(const AuxEntry* auxv) {
    StartAux aux = read_aux(auxv);
    const Phdr* tls = nullptr;
    // The difference between run-time and link-time addresses: nonzero only
    // for a static-PIE program. PT_PHDR gives the program headers' own
    // link-time address.
    std::uintptr_t bias = 0;
    for (std::uint64_t i = 0; i < aux.phnum; ++i) {
        const Phdr& ph = aux.phdr[i];
        if (ph.p_type == elf::PT_TLS && ph.p_memsz > 0) tls = &ph;
        if (ph.p_type == elf::PT_PHDR) bias = reinterpret_cast<std::uintptr_t>(aux.phdr) - ph.p_vaddr;
    }
    bool need_canary = &__stack_chk_fail != nullptr;
    if (!tls && !need_canary) return;

    std::size_t align = tls && tls->p_align > alignof(Tcb) ? tls->p_align : alignof(Tcb);
    std::size_t image = tls ? (tls->p_memsz + align - 1) & ~(align - 1) : 0;
    std::size_t total = image + sizeof(Tcb) + align;
    unsigned char* area = static_tls_area;
    if (total > static_tls_size) {
        auto m = sys::mmap(nullptr, total, sys::PROT_READ | sys::PROT_WRITE,
                           sys::MAP_PRIVATE | sys::MAP_ANONYMOUS, -1, 0);
        if (!m) sys::exit_group(127);
        area = static_cast<unsigned char*>(*m);
    }
    auto base = (reinterpret_cast<std::uintptr_t>(area) + align - 1) & ~(align - 1);
    auto* tcb = reinterpret_cast<Tcb*>(base + image);
    if (tls) {
        // .tdata is copied; .tbss stays zero (the area is fresh).
        auto* src = reinterpret_cast<const unsigned char*>(tls->p_vaddr + bias);
        auto* dst = reinterpret_cast<unsigned char*>(base);
        for (std::size_t i = 0; i < tls->p_filesz; ++i) dst[i] = src[i];
    }
    tcb->self = tcb;
    tcb->self2 = tcb;
    if (need_canary && aux.random) {
        // 8 of the kernel's 16 AT_RANDOM bytes. The low byte is zeroed so
        // that a string overflow (which stops at a NUL) cannot reproduce it.
        std::uint64_t canary = 0;
        for (int i = 1; i < 8; ++i) canary |= std::uint64_t{aux.random[i]} << (8 * i);
        tcb->stack_guard = canary;
    }
    (void)arch::syscall2(nr::arch_prctl, ARCH_SET_FS, reinterpret_cast<long>(tcb));
}

} // namespace
} // namespace ring3

extern "C" [[noreturn]] void __ring3_start(long* sp) {
    using namespace ring3;
    relocate_self();
    int argc = static_cast<int>(sp[0]);
    char** argv = reinterpret_cast<char**>(sp + 1);
    char** envp = argv + argc + 1;
    char** p = envp;
    while (*p) ++p;
    auto* auxv = reinterpret_cast<AuxEntry*>(p + 1);

    setup_tls(auxv);

    process_info.argc = argc;
    process_info.argv = argv;
    process_info.envp = envp;
    process_info.auxv = auxv;

    for (auto* f = __preinit_array_start; f != __preinit_array_end; ++f) (*f)(argc, argv, envp);
    for (auto* f = __init_array_start; f != __init_array_end; ++f) (*f)(argc, argv, envp);

    exit(main(argc, argv, envp));
}
