// The process identity execve leaves behind, computed as the kernel does
// (fs/binfmt_elf.c, load_elf_binary): the code and data bounds of
// /proc/PID/stat, the ranges of /proc/PID/cmdline and environ, and where
// the brk heap starts. Pure; ring3-load hands the results to
// prctl(PR_SET_MM, PR_SET_MM_MAP) in its trampoline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/loader/elf_validate.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

// start_code/end_code from the executable PT_LOADs, start_data/end_data
// from all of them, each end at p_vaddr + p_filesz; run-time addresses.
// With no executable segment start_code stays ~0 and end_code 0, as in
// the kernel before the bias is added.
struct CodeDataBounds {
    std::uint64_t start_code, end_code, start_data, end_data;
};
CodeDataBounds code_data_bounds(const Image& img, std::uint64_t bias);

// [lo, hi) over n NUL-terminated strings (each end past its NUL); both
// `if_none` when n is 0. The strings need not be in order.
struct AddressRange {
    std::uint64_t lo, hi;
};
AddressRange strings_range(const char* const* strings, std::size_t n, std::uint64_t if_none);

// ELF_ET_DYN_BASE on x86_64 (arch/x86/include/asm/elf.h): 2/3 of
// DEFAULT_MAP_WINDOW, where PIE programs go and where the brk heap of a
// static-PIE program starts.
inline constexpr std::uint64_t elf_et_dyn_base = (user_space_end / 3) * 2;
// arch_randomize_brk on x86_64: up to 1 GiB above the start, in pages.
inline constexpr std::uint64_t brk_random_range = 1ULL << 30;

// Where the brk heap starts (load_elf_binary, Linux 6.x): right after the
// program's last segment (`image_end`, page-rounded), or at
// ELF_ET_DYN_BASE (page-rounded) for a static-PIE program (ET_DYN
// without PT_INTERP), whose image is in the mmap area. With address
// randomisation (not setarch -R), a page further for the former, then up
// to 1 GiB higher in pages, from `random`.
std::uint64_t brk_start(std::uint64_t image_end, bool static_pie, bool randomize,
                        std::uint64_t random);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
