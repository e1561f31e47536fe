// The vDSO's symbols, and the two calls that go through them:
// sys::clock_gettime and sys::vgetrandom.
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/syscalls.hpp>
#include <ring3/vdso.hpp>

namespace ring3::vdso {

const void* find_symbol(const void* image, Str name) {
    if (!image) return nullptr;
    const auto* base = static_cast<const unsigned char*>(image);
    const auto* eh = static_cast<const elf::Ehdr*>(image);
    const auto* ph = reinterpret_cast<const elf::Phdr*>(base + eh->e_phoff);
    // The vDSO is linked at 0 (or prelinked elsewhere on old kernels): its
    // addresses are relative to the first PT_LOAD's p_vaddr - p_offset.
    const elf::Dyn* dyn = nullptr;
    std::uint64_t load_vaddr = 0;
    bool have_load = false;
    for (unsigned i = 0; i < eh->e_phnum; ++i) {
        if (ph[i].p_type == elf::PT_LOAD && !have_load) {
            load_vaddr = ph[i].p_vaddr - ph[i].p_offset;
            have_load = true;
        }
        if (ph[i].p_type == elf::PT_DYNAMIC)
            dyn = reinterpret_cast<const elf::Dyn*>(base + ph[i].p_offset);
    }
    if (!dyn || !have_load) return nullptr;
    const std::uint32_t* hash = nullptr;
    const elf::Sym* symtab = nullptr;
    const char* strtab = nullptr;
    for (; dyn->d_tag != elf::DT_NULL; ++dyn) {
        const unsigned char* at = base + (dyn->d_val - load_vaddr);
        if (dyn->d_tag == elf::DT_HASH) hash = reinterpret_cast<const std::uint32_t*>(at);
        if (dyn->d_tag == elf::DT_SYMTAB) symtab = reinterpret_cast<const elf::Sym*>(at);
        if (dyn->d_tag == elf::DT_STRTAB) strtab = reinterpret_cast<const char*>(at);
    }
    if (!hash || !symtab || !strtab) return nullptr;
    // DT_HASH: nbucket, nchain, ...; nchain is the number of symbols
    // (System V gABI, "Hash Table"). A linear scan of a dozen is enough.
    std::uint32_t count = hash[1];
    for (std::uint32_t i = 1; i < count; ++i) {
        const elf::Sym& s = symtab[i];
        if (s.st_shndx == elf::SHN_UNDEF || (s.st_info & 0xf) != elf::STT_FUNC) continue;
        if (Str(strtab + s.st_name) == name) return base + (s.st_value - load_vaddr);
    }
    return nullptr;
}

namespace {

using ClockFn = int (*)(int, sys::Timespec*);
using RandomFn = long (*)(void*, std::size_t, unsigned, void*, std::size_t);

// struct vgetrandom_opaque_params (include/uapi/linux/random.h): how much
// state one caller needs and how to map it.
struct RandomParams {
    std::uint32_t size_of_opaque_state;
    std::uint32_t mmap_prot;
    std::uint32_t mmap_flags;
    std::uint32_t reserved[13];
};

// Resolved on first use. ring3 programs are single-threaded; a second
// thread would need its own vgetrandom state.
struct Resolved {
    bool done = false;
    const void* image = nullptr;
    ClockFn clock = nullptr;
    RandomFn random = nullptr;
    void* random_state = nullptr; // mapped on the first vgetrandom
    std::uint32_t random_state_size = 0;
    bool random_failed = false;
};
Resolved resolved;

Resolved& resolve() {
    if (!resolved.done) {
        resolved.done = true;
        if (!resolved.image) {
            const char* off = getenv("RING3_NO_VDSO");
            if (!(off && Str(off) == "1"))
                resolved.image = reinterpret_cast<const void*>(getauxval(elf::AT_SYSINFO_EHDR));
        }
        resolved.clock = reinterpret_cast<ClockFn>(
            const_cast<void*>(find_symbol(resolved.image, "__vdso_clock_gettime")));
        resolved.random = reinterpret_cast<RandomFn>(
            const_cast<void*>(find_symbol(resolved.image, "__vdso_getrandom")));
    }
    return resolved;
}

} // namespace

const void* image() { return resolve().image; }

void use_image(const void* image) {
    if (resolved.random_state) (void)sys::munmap(resolved.random_state, 4096);
    resolved = Resolved{};
    resolved.image = image;
    resolved.done = image == nullptr; // nullptr: no vDSO at all
    if (image) (void)resolve();
}

} // namespace ring3::vdso

namespace ring3::sys {

Result<Timespec> clock_gettime(int clock) {
    auto& r = vdso::resolve();
    if (!r.clock) return clock_gettime_syscall(clock);
    Timespec t;
    int ret = r.clock(clock, &t);
    // The vDSO returns the system call's result for the clocks it
    // does not serve itself: 0 or -errno.
    if (ret != 0) return Error{-ret};
    return t;
}

Result<std::size_t> vgetrandom(void* buf, std::size_t n, unsigned flags) {
    auto& r = vdso::resolve();
    if (!r.random || r.random_failed || (flags & GRND_RANDOM)) return getrandom(buf, n, flags);
    if (!r.random_state) {
        // Asked with a null buffer and opaque_len ~0, the vDSO describes
        // its state instead (lib/vdso/getrandom.c, __cvdso_getrandom_data).
        vdso::RandomParams params{};
        if (r.random(nullptr, 0, 0, &params, ~std::size_t{0}) != 0 ||
            params.size_of_opaque_state > 4096) {
            r.random_failed = true;
            return getrandom(buf, n, flags);
        }
        // One state in one page: a state must not straddle pages, and the
        // flags (MAP_DROPPABLE, VM_WIPEONFORK) make a forked child start
        // from a fresh one.
        auto m = mmap(nullptr, 4096, static_cast<int>(params.mmap_prot),
                      static_cast<int>(params.mmap_flags), -1, 0);
        if (!m) {
            r.random_failed = true;
            return getrandom(buf, n, flags);
        }
        r.random_state = *m;
        r.random_state_size = params.size_of_opaque_state;
    }
    return Result<std::size_t>::from_raw(
        r.random(buf, n, flags, r.random_state, r.random_state_size));
}

} // namespace ring3::sys
