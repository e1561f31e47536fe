// The mapping plan: which mmap, mprotect and memory writes turn a
// validated Image into a program image at a given load bias. Pure: the
// planner hands each step to a callback, in order; the loader executes
// (and --trace / --dry-run print) them as they come, the unit tests
// collect and compare them. Nothing is stored: a loader that touches less
// memory starts faster (each first touch of a page is a page fault).
//
// The plan follows fs/binfmt_elf.c, with its known gaps closed:
//   - the whole span is reserved first (PROT_NONE), so no segment can land
//     on something else and the gaps between segments stay reserved
//     (CVE-2017-1000253 was a PIE mapped over the stack);
//   - each PT_LOAD is mapped from the file, MAP_PRIVATE, with its final
//     protections; the part of its last file page past p_filesz is
//     zeroed when the segment is writable (padzero; in a read-only
//     segment the kernel leaves the file's bytes there, and so does the
//     plan: programs whose p_filesz stops short of their code run), and
//     anonymous memory follows for the rest of its p_memsz (bss-only
//     segments included, which the kernel mishandled until 2023);
//   - a page shared by two segments is assembled: mapped anonymous
//     read-write, filled from the file with pread, then given the union
//     of their protections (the kernel lets the later mapping win and the
//     earlier segment's bytes vanish).
// No step ever makes memory writable and executable.
#pragma once

#include <cstdint>
#include <ring3/loader/elf_validate.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

// PROT_* bits, as mmap(2) takes them.
inline constexpr unsigned prot_r = 1, prot_w = 2, prot_x = 4;

enum class StepKind : std::uint8_t {
    reserve,  // mmap PROT_NONE anonymous over the whole span, MAP_FIXED_NOREPLACE
    map_file, // mmap MAP_PRIVATE|MAP_FIXED of the file at `offset`
    map_anon, // mmap MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED: zero pages
    zero,     // memset to 0 (the bss part of a mapped, writable file page)
    read,     // pread `len` bytes of the file at `offset` to `addr`
    protect,  // mprotect to `prot`
};

// Why a step is there, for --trace.
enum class Why : std::uint8_t {
    span,        // the reservation of the whole image
    segment,     // a segment's pages that come from the file
    bss_zero,    // the bss part of a segment's last file page
    bss,         // the rest of the bss: anonymous zero pages
    shared_page, // a page shared by segments, assembled
};

struct MapStep {
    StepKind kind;
    Why why;
    std::uint8_t prot;
    // The PT_LOAD concerned (its program header index), or no_segment.
    std::uint16_t segment;
    std::uint64_t addr, len, offset;
};
inline constexpr std::uint16_t no_segment = 0xffff;

// Where the image goes; the steps come through the callback.
struct Plan {
    std::uint64_t bias;   // added to every link-time address
    std::uint64_t lo, hi; // the reserved span, run-time addresses
    std::uint64_t entry;  // run-time entry point
    std::uint64_t phdr;   // run-time program headers, or 0 if not mapped
};

using StepFn = void (*)(void* ctx, const MapStep& step);

// The plan for `img` at `bias` (0 for ET_EXEC; for ET_DYN a multiple of
// img.align, from pie_bias or bias_at): fills `out`, then calls `each`
// (when given) for every step in order, the reservation first.
void plan_mappings(const Image& img, std::uint64_t bias, Plan* out, StepFn each = nullptr,
                   void* ctx = nullptr);

// Static-PIE placement. The kernel puts a PIE program at ELF_ET_DYN_BASE
// (2/3 of TASK_SIZE on x86_64) plus up to 2^28 random pages
// (arch_mmap_rnd); ring3-load draws from the same range, so a loaded
// static-PIE program sits where a PIE program would, far from 0x400000
// and from the loader, which the kernel put in the mmap area.
inline constexpr std::uint64_t pie_base = 0x555555554000;
inline constexpr std::uint64_t pie_random_pages = 1ULL << 28;

// The bias that puts the image's span at the lowest address >= `addr`
// honouring img.align.
std::uint64_t bias_at(const Image& img, std::uint64_t addr);
// A random bias from 64 random bits.
std::uint64_t pie_bias(const Image& img, std::uint64_t random);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
