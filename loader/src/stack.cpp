// The initial stack builder (stack.hpp).
#include <ring3/elf.hpp>
#include <ring3/loader/stack.hpp>

namespace ring3::loader {
namespace {

// The entries the loader sets for the program, and the order in which
// those the kernel did not pass are appended.
constexpr std::uint64_t program_entries[] = {
    elf::AT_PHDR,  elf::AT_PHENT,  elf::AT_PHNUM,  elf::AT_PAGESZ, elf::AT_BASE,
    elf::AT_ENTRY, elf::AT_SECURE, elf::AT_RANDOM, elf::AT_EXECFN,
};
constexpr unsigned program_entry_count = sizeof program_entries / sizeof program_entries[0];

struct AuxValues {
    std::uint64_t phdr, random, execfn;
};

std::uint64_t value_for(const StackSpec& spec, const AuxValues& v, std::uint64_t type,
                        std::uint64_t kernel_value) {
    switch (type) {
    case elf::AT_PHDR:
        return v.phdr;
    case elf::AT_PHENT:
        return spec.program.phent;
    case elf::AT_PHNUM:
        return spec.program.phnum;
    case elf::AT_ENTRY:
        return spec.program.entry;
    case elf::AT_BASE:
        return spec.program.base;
    case elf::AT_RANDOM:
        return v.random;
    case elf::AT_EXECFN:
        return v.execfn;
    case elf::AT_PAGESZ:
        return kernel_value ? kernel_value : 4096;
    default:
        return kernel_value; // AT_SECURE too: as secure as ring3-load ran
    }
}

// Writes the program's auxv as (type, value) pairs to `out` (when not
// null; no alignment needed), AT_NULL last; returns the number of entries.
std::size_t merge_auxv(const StackSpec& spec, const AuxValues& v, unsigned char* out) {
    std::size_t n = 0;
    auto emit = [&](std::uint64_t type, std::uint64_t value) {
        if (out) {
            const std::uint64_t pair[2] = {type, value};
            __builtin_memcpy(out + 16 * n, pair, 16);
        }
        ++n;
    };
    unsigned seen = 0; // bit i: program_entries[i] was in the kernel's auxv
    for (const AuxEntry* a = spec.auxv; a && a->type != elf::AT_NULL; ++a) {
        if (a->type == elf::AT_EXECFD) continue; // ring3-load's descriptor, not the program's
        for (unsigned i = 0; i < program_entry_count; ++i)
            if (a->type == program_entries[i]) seen |= 1u << i;
        emit(a->type, value_for(spec, v, a->type, a->value));
    }
    for (unsigned i = 0; i < program_entry_count; ++i)
        if (!(seen & (1u << i)))
            emit(program_entries[i], value_for(spec, v, program_entries[i], 0));
    emit(elf::AT_NULL, 0);
    return n;
}

constexpr std::uint64_t align_down(std::uint64_t v, std::uint64_t a) { return v & ~(a - 1); }

} // namespace

std::size_t stack_bytes(const StackSpec& spec) {
    std::size_t auxc = merge_auxv(spec, {}, nullptr);
    std::size_t words = 1 + spec.argc + 1 + spec.envc + 1 + 2 * auxc;
    // Each of the three blobs may need up to 15 bytes of alignment.
    return spec.execfn.size() + 1 + 15 + 16 + 15 + spec.phdrs.size() + 15 + 8 * words;
}

bool build_stack(const StackSpec& spec, unsigned char* buf, std::size_t size, std::uint64_t addr,
                 StackLayout* out) {
    if (size < stack_bytes(spec)) return false;
    auto at = [&](std::uint64_t a) { return buf + (a - addr); };
    auto copy = [&](std::uint64_t a, const void* src, std::size_t n) {
        const auto* s = static_cast<const unsigned char*>(src);
        for (std::size_t i = 0; i < n; ++i) at(a)[i] = s[i];
    };
    // Where everything goes, from the top down.
    std::uint64_t top = addr + size;
    std::uint64_t execfn = top - (spec.execfn.size() + 1);
    std::uint64_t random = align_down(execfn - 16, 16);
    std::uint64_t p = random;
    std::uint64_t phdr = spec.program.phdr;
    bool copy_phdrs = phdr == 0 && !spec.phdrs.empty();
    if (copy_phdrs) p = phdr = align_down(p - spec.phdrs.size(), 8);
    AuxValues values{phdr, random, execfn};
    std::size_t auxc = merge_auxv(spec, values, nullptr);
    std::size_t words = 1 + spec.argc + 1 + spec.envc + 1 + 2 * auxc;
    std::uint64_t sp = align_down(p - 8 * words, 16);

    // Every byte from sp up is written: padding is zero.
    for (std::uint64_t q = sp; q < top; ++q) *at(q) = 0;
    copy(execfn, spec.execfn.data(), spec.execfn.size());
    copy(random, spec.random.data(), spec.random.size() < 16 ? spec.random.size() : 16);
    if (copy_phdrs) copy(phdr, spec.phdrs.data(), spec.phdrs.size());

    std::uint64_t w = sp;
    auto word = [&](std::uint64_t v) {
        copy(w, &v, 8);
        w += 8;
    };
    word(spec.argc);
    for (std::size_t i = 0; i < spec.argc; ++i)
        word(reinterpret_cast<std::uintptr_t>(spec.argv[i]));
    word(0);
    std::uint64_t envp = w;
    for (std::size_t i = 0; i < spec.envc; ++i)
        word(reinterpret_cast<std::uintptr_t>(spec.envp[i]));
    word(0);
    std::uint64_t auxv = w;
    merge_auxv(spec, values, at(auxv));

    out->sp = sp;
    out->argv = sp + 8;
    out->envp = envp;
    out->auxv = auxv;
    out->auxc = auxc;
    out->phdrs = phdr;
    out->random = random;
    out->execfn = execfn;
    out->top = top;
    return true;
}

} // namespace ring3::loader
