// The process identity execve leaves (identity.hpp).
#include <ring3/loader/identity.hpp>

namespace ring3::loader {

CodeDataBounds code_data_bounds(const Image& img, std::uint64_t bias) {
    CodeDataBounds b{~0ULL, 0, 0, 0};
    for (unsigned k = 0; k < img.load_count; ++k) {
        const Segment& s = img.loads[k];
        std::uint64_t start = bias + s.vaddr, end = start + s.filesz;
        bool code = (s.flags & elf::PF_X) != 0;
        if (code && start < b.start_code) b.start_code = start;
        if (code && end > b.end_code) b.end_code = end;
        if (start > b.start_data) b.start_data = start;
        if (end > b.end_data) b.end_data = end;
    }
    return b;
}

AddressRange strings_range(const char* const* strings, std::size_t n, std::uint64_t if_none) {
    AddressRange r{if_none, if_none};
    for (std::size_t i = 0; i < n; ++i) {
        auto lo = reinterpret_cast<std::uintptr_t>(strings[i]);
        std::uint64_t hi = lo + cstr_len(strings[i]) + 1;
        if (i == 0 || lo < r.lo) r.lo = lo;
        if (i == 0 || hi > r.hi) r.hi = hi;
    }
    return r;
}

std::uint64_t brk_start(std::uint64_t image_end, bool static_pie, bool randomize,
                        std::uint64_t random) {
    // A static-PIE program's heap moves out of the mmap area, where the
    // program is, to ELF_ET_DYN_BASE, randomised or not.
    std::uint64_t start = page_ceil(static_pie ? elf_et_dyn_base : image_end);
    if (!randomize) return start;
    // A gap between bss and heap, unless the heap was moved; then
    // arch_randomize_brk (randomize_page over 1 GiB).
    if (!static_pie) start += page_size;
    return start + (random % (brk_random_range / page_size)) * page_size;
}

} // namespace ring3::loader
