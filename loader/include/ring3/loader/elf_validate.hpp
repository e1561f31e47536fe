// ELF validation for ring3-load: pure functions over bytes, nothing mapped.
//
// Every rule a program must satisfy before ring3-load maps a byte of it,
// checked with overflow-safe arithmetic, each failure with its own
// message (describe()). The rules are those of the System V gABI and of
// the kernel's fs/binfmt_elf.c, made stricter where the kernel trusts the
// file and lets a bad one die by SIGSEGV after exec (unsorted or
// overlapping PT_LOADs, an entry point outside executable memory,
// segments writable and executable, program headers outside the file).
//
// Three stages, so that the loader reads only what it needs (the first
// page, and the program header table or PT_INTERP when they lie beyond
// it): check_header, check_program_headers, check_interp. validate_elf
// runs all three over a whole file (the unit tests and the fuzzer).
#pragma once

#include <cstdint>
#include <ring3/elf.hpp>
#include <ring3/loader/print.hpp>
#include <ring3/str.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

inline constexpr std::uint64_t page_size = 4096;
// v rounded down, and up, to a page boundary. page_ceil needs
// v <= 2^64 - page_size (addresses below user_space_end are).
constexpr std::uint64_t page_floor(std::uint64_t v) { return v & ~(page_size - 1); }
constexpr std::uint64_t page_ceil(std::uint64_t v) { return page_floor(v + page_size - 1); }
// TASK_SIZE_MAX on x86_64 with 4-level paging: the top page below 2^47
// is never mapped (arch/x86/include/asm/page_64_types.h).
inline constexpr std::uint64_t user_space_end = 0x7ffffffff000;
// The lowest address ring3-load maps a fixed-address program at: the
// common vm.mmap_min_addr (Documentation/admin-guide/sysctl/vm.rst); the
// kernel lets privileged processes go lower, ring3-load does not.
inline constexpr std::uint64_t default_min_address = 0x10000;
// The kernel reads at most one page of program headers (load_elf_phdrs:
// ELF_MIN_ALIGN), i.e. 73 of them.
inline constexpr std::uint64_t max_phdr_bytes = 4096;
inline constexpr unsigned max_phnum = max_phdr_bytes / sizeof(elf::Phdr);
// Linkers emit 2 to 6 PT_LOAD segments; ring3-load maps up to 16, which
// keeps an Image small (the loader keeps it in one page with the rest of
// its state).
inline constexpr unsigned max_loads = 16;
inline constexpr std::uint64_t max_segment_align = 1ULL << 30;
// PATH_MAX, NUL included (include/uapi/linux/limits.h).
inline constexpr std::uint64_t path_max = 4096;

// A T read from bytes of the file, which need not be aligned for it; the
// caller has checked that sizeof(T) of them are there.
template <class T>
T read_struct(const unsigned char* p) {
    T v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

// One enumerator per rule; describe() gives each its message.
enum class Rule : std::uint8_t {
    ok = 0,
    // The ELF header.
    not_elf,
    script,
    truncated_ehdr,
    not_64bit,
    not_little_endian,
    bad_ident_version,
    bad_osabi,
    not_executable,
    wrong_machine,
    bad_version,
    bad_ehsize,
    no_phdrs,
    bad_phentsize,
    too_many_phdrs,
    phdrs_overlap_ehdr,
    phdrs_misaligned,
    phdrs_outside_file,
    // PT_LOAD segments.
    filesz_exceeds_memsz,
    segment_outside_file,
    align_not_power_of_two,
    align_too_large,
    offset_not_congruent,
    offset_not_congruent_align,
    segment_wraps,
    segment_above_user_space,
    segment_below_min_address,
    segment_writable_executable,
    segments_unsorted,
    segments_overlap,
    shared_page_writable_executable,
    too_many_loads,
    no_load_segment,
    image_too_large,
    // The entry point.
    entry_outside_segments,
    entry_not_executable,
    entry_in_bss,
    // PT_INTERP.
    interp_duplicate,
    interp_outside_file,
    interp_empty,
    interp_too_long,
    interp_unterminated,
    interp_embedded_nul,
    // PT_PHDR.
    phdr_duplicate,
    phdr_after_load,
    phdr_mismatch,
    phdr_not_loaded,
    // PT_TLS.
    tls_duplicate,
    tls_filesz_exceeds_memsz,
    tls_align_not_power_of_two,
    tls_not_loaded,
    // PT_GNU_STACK.
    stack_duplicate,
    stack_executable,
};

// What is wrong, and where: the program header concerned and up to three
// numbers for the message (which ones depends on the rule).
struct Problem {
    Rule rule = Rule::ok;
    std::uint16_t index = 0;
    std::uint16_t other = 0;
    std::uint64_t a = 0, b = 0, c = 0;

    constexpr bool ok() const { return rule == Rule::ok; }
};

// The message for a problem, e.g. "PT_LOAD segment 2: p_filesz 0x2000
// exceeds p_memsz 0x1000".
void describe(const Problem& p, OutStream& out);

// The ELF header fields the later stages need.
struct Header {
    std::uint16_t type; // ET_EXEC or ET_DYN
    std::uint64_t entry;
    std::uint64_t phoff;
    std::uint16_t phnum;

    std::uint64_t phdr_bytes() const { return std::uint64_t{phnum} * sizeof(elf::Phdr); }
};

// A PT_LOAD segment with a nonzero p_memsz, as validated.
struct Segment {
    std::uint64_t vaddr, memsz, offset, filesz, align;
    std::uint32_t flags; // PF_R | PF_W | PF_X
    std::uint16_t index; // its position in the program header table

    std::uint64_t end() const { return vaddr + memsz; }
    std::uint64_t file_end() const { return vaddr + filesz; }
    // PROT_READ/WRITE/EXEC bits (1, 2, 4): PF_R/W/X in the other order.
    unsigned prot() const { return "\0\4\2\6\1\5\3\7"[flags & 7]; }
};

// A validated program: what the planner and the stack builder need.
// Addresses are link-time ones (a static-PIE program adds its bias).
// Zero-initialised (no member defaults): the loader keeps one in .bss,
// with the segment array last so that a program with few segments touches
// only the start of it.
struct Image {
    Header header;
    // PT_INTERP's file range, when there is one.
    bool has_interp;
    std::uint16_t interp_index;
    std::uint64_t interp_offset, interp_size;
    // AT_PHDR (plus the bias) as the kernel computes it: where e_phoff
    // lands in the last PT_LOAD whose file bytes hold it, else 0; and
    // whether that segment's file bytes hold the whole table.
    bool phdrs_mapped;
    std::uint64_t phdr_vaddr;
    // The largest p_align of the PT_LOADs, at least the page size: a
    // static-PIE base is a multiple of it.
    std::uint64_t align;
    // The page-rounded span of all PT_LOADs: [lo, hi).
    std::uint64_t lo, hi;
    unsigned load_count;
    Segment loads[max_loads];

    bool is_pie() const { return header.type == elf::ET_DYN; }
};

struct Options {
    std::uint64_t min_address = default_min_address;
};

// Stage 1: `start` holds the first bytes of the file (at least the 64 of
// the ELF header when the file has them), `file_size` is the whole size.
Problem check_header(Bytes start, std::uint64_t file_size, Header* out);
// Stage 2: `table` holds exactly header.phdr_bytes() bytes read from
// header.phoff.
Problem check_program_headers(const Header& header, Bytes table, std::uint64_t file_size,
                              const Options& options, Image* out);
// Stage 3: the bytes of PT_INTERP (image.interp_offset, interp_size);
// `index` is its program header's, for the message.
Problem check_interp(Bytes path, std::uint16_t index = 0);
// All three over a whole file in memory.
Problem validate_elf(Bytes file, const Options& options, Image* out);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
