// The ELF validator: every rule ring3-load checks before mapping a program.
// See elf_validate.hpp for the stages; describe() at the end holds the
// messages, one per rule.
#include <ring3/loader/elf_validate.hpp>

namespace ring3::loader {
namespace {

using elf::Phdr;

constexpr bool is_power_of_two(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

// The largest static-PIE image ring3-load places: well inside the range
// above ELF_ET_DYN_BASE where it picks a random base (plan.hpp).
constexpr std::uint64_t max_pie_span = 1ULL << 44;

// Out of line: it is called from some fifty places.
[[gnu::noinline]] Problem problem(Rule r, std::uint16_t index = 0, std::uint64_t a = 0,
                                  std::uint64_t b = 0, std::uint64_t c = 0) {
    Problem p;
    p.rule = r;
    p.index = index;
    p.a = a;
    p.b = b;
    p.c = c;
    return p;
}

// [offset, offset + size) lies inside a file of file_size bytes.
constexpr bool inside_file(std::uint64_t offset, std::uint64_t size, std::uint64_t file_size) {
    return offset <= file_size && size <= file_size - offset;
}

// The PT_LOAD whose file-backed bytes hold [vaddr, vaddr + size), or null.
const Segment* loaded_from_file(const Image& img, std::uint64_t vaddr, std::uint64_t size) {
    for (unsigned i = 0; i < img.load_count; ++i) {
        const Segment& s = img.loads[i];
        if (vaddr >= s.vaddr && vaddr - s.vaddr <= s.filesz && size <= s.filesz - (vaddr - s.vaddr))
            return &s;
    }
    return nullptr;
}

Problem check_load(const Header& h, const Phdr& ph, std::uint16_t i, std::uint64_t file_size,
                   const Options& options) {
    if (ph.p_filesz > ph.p_memsz)
        return problem(Rule::filesz_exceeds_memsz, i, ph.p_filesz, ph.p_memsz);
    if (!inside_file(ph.p_offset, ph.p_filesz, file_size))
        return problem(Rule::segment_outside_file, i, ph.p_offset, ph.p_filesz, file_size);
    if (ph.p_align != 0 && !is_power_of_two(ph.p_align))
        return problem(Rule::align_not_power_of_two, i, ph.p_align);
    if (ph.p_align > max_segment_align) return problem(Rule::align_too_large, i, ph.p_align);
    // mmap maps whole pages: a file page must land on a memory page at the
    // same offset within it (gABI, "Program Loading").
    if ((ph.p_vaddr - ph.p_offset) % page_size != 0)
        return problem(Rule::offset_not_congruent, i, ph.p_vaddr, ph.p_offset);
    if (ph.p_align > page_size && (ph.p_vaddr - ph.p_offset) % ph.p_align != 0)
        return problem(Rule::offset_not_congruent_align, i, ph.p_vaddr, ph.p_offset, ph.p_align);
    if (ph.p_memsz == 0) return {};
    if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
        return problem(Rule::segment_wraps, i, ph.p_vaddr, ph.p_memsz);
    if (ph.p_vaddr + ph.p_memsz > user_space_end)
        return problem(Rule::segment_above_user_space, i, ph.p_vaddr + ph.p_memsz);
    if (h.type == elf::ET_EXEC && page_floor(ph.p_vaddr) < options.min_address)
        return problem(Rule::segment_below_min_address, i, ph.p_vaddr, options.min_address);
    if ((ph.p_flags & elf::PF_W) && (ph.p_flags & elf::PF_X))
        return problem(Rule::segment_writable_executable, i);
    return {};
}

// PT_LOADs ascend and do not overlap byte-wise. Segments may share a
// page (the kernel maps it once, with the later segment's protection;
// ring3-load gives it the union of all), but not when that page would
// then be writable and executable. `page_prot` accumulates the
// protections of every segment touching the last page seen so far.
Problem check_order(const Image& img, const Segment& s, unsigned* page_prot) {
    unsigned prot = s.prot();
    if (img.load_count > 0) {
        const Segment& prev = img.loads[img.load_count - 1];
        if (s.vaddr < prev.vaddr)
            return problem(Rule::segments_unsorted, s.index, s.vaddr, prev.vaddr);
        if (s.vaddr < prev.end()) {
            Problem p = problem(Rule::segments_overlap, s.index, s.vaddr, prev.end());
            p.other = prev.index;
            return p;
        }
        if (page_floor(s.vaddr) == page_floor(prev.end() - 1)) {
            unsigned shared = *page_prot | prot;
            if ((shared & 2) && (shared & 4)) {
                Problem p =
                    problem(Rule::shared_page_writable_executable, s.index, page_floor(s.vaddr));
                p.other = prev.index;
                return p;
            }
            // s may lie wholly inside that page, which keeps accumulating.
            if (page_floor(s.end() - 1) == page_floor(s.vaddr)) prot = shared;
        }
    }
    *page_prot = prot;
    return {};
}

} // namespace

Problem check_header(Bytes start, std::uint64_t file_size, Header* out) {
    std::uint64_t have = start.size() < file_size ? start.size() : file_size;
    if (have < 4 || start[0] != elf::ELFMAG0 || start[1] != 'E' || start[2] != 'L' ||
        start[3] != 'F') {
        if (have >= 2 && start[0] == '#' && start[1] == '!') return problem(Rule::script);
        return problem(Rule::not_elf);
    }
    if (have < sizeof(elf::Ehdr)) return problem(Rule::truncated_ehdr, 0, have);
    auto eh = read_struct<elf::Ehdr>(start.data());
    if (eh.e_ident[elf::EI_CLASS] != elf::ELFCLASS64)
        return problem(Rule::not_64bit, 0, eh.e_ident[elf::EI_CLASS]);
    if (eh.e_ident[elf::EI_DATA] != elf::ELFDATA2LSB)
        return problem(Rule::not_little_endian, 0, eh.e_ident[elf::EI_DATA]);
    if (eh.e_ident[elf::EI_VERSION] != elf::EV_CURRENT)
        return problem(Rule::bad_ident_version, 0, eh.e_ident[elf::EI_VERSION]);
    // ELFOSABI_NONE (System V) or ELFOSABI_GNU (Linux), what x86_64 linkers write.
    if (eh.e_ident[elf::EI_OSABI] != 0 && eh.e_ident[elf::EI_OSABI] != 3)
        return problem(Rule::bad_osabi, 0, eh.e_ident[elf::EI_OSABI]);
    if (eh.e_type != elf::ET_EXEC && eh.e_type != elf::ET_DYN)
        return problem(Rule::not_executable, 0, eh.e_type);
    if (eh.e_machine != elf::EM_X86_64) return problem(Rule::wrong_machine, 0, eh.e_machine);
    if (eh.e_version != elf::EV_CURRENT) return problem(Rule::bad_version, 0, eh.e_version);
    if (eh.e_ehsize != sizeof(elf::Ehdr)) return problem(Rule::bad_ehsize, 0, eh.e_ehsize);
    if (eh.e_phnum == 0) return problem(Rule::no_phdrs);
    if (eh.e_phentsize != sizeof(Phdr)) return problem(Rule::bad_phentsize, 0, eh.e_phentsize);
    // 0xffff (PN_XNUM, the count kept in a section header) lands here too.
    if (eh.e_phnum > max_phnum) return problem(Rule::too_many_phdrs, 0, eh.e_phnum);
    if (eh.e_phoff < sizeof(elf::Ehdr)) return problem(Rule::phdrs_overlap_ehdr, 0, eh.e_phoff);
    if (eh.e_phoff % 8 != 0) return problem(Rule::phdrs_misaligned, 0, eh.e_phoff);
    std::uint64_t bytes = std::uint64_t{eh.e_phnum} * sizeof(Phdr);
    if (!inside_file(eh.e_phoff, bytes, file_size))
        return problem(Rule::phdrs_outside_file, 0, eh.e_phoff, bytes, file_size);
    out->type = eh.e_type;
    out->entry = eh.e_entry;
    out->phoff = eh.e_phoff;
    out->phnum = eh.e_phnum;
    return {};
}

Problem check_program_headers(const Header& h, Bytes table, std::uint64_t file_size,
                              const Options& options, Image* img) {
    img->header = h;
    img->load_count = 0;
    img->has_interp = false;
    img->phdrs_mapped = false;
    img->phdr_vaddr = 0;
    img->align = page_size;
    if (table.size() != h.phdr_bytes())
        return problem(Rule::phdrs_outside_file, 0, h.phoff, h.phdr_bytes(), file_size);

    bool seen_phdr = false, seen_tls = false, seen_stack = false;
    Phdr phdr{}, tls{};
    std::uint16_t phdr_index = 0, tls_index = 0;
    unsigned page_prot = 0;
    for (std::uint16_t i = 0; i < h.phnum; ++i) {
        auto ph = read_struct<Phdr>(table.data() + std::size_t{i} * sizeof(Phdr));
        switch (ph.p_type) {
        case elf::PT_LOAD: {
            if (Problem p = check_load(h, ph, i, file_size, options); !p.ok()) return p;
            if (ph.p_memsz == 0) break; // maps nothing
            Segment s{ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz, ph.p_align, ph.p_flags, i};
            if (Problem p = check_order(*img, s, &page_prot); !p.ok()) return p;
            if (img->load_count == max_loads) return problem(Rule::too_many_loads, i);
            if (ph.p_align > img->align) img->align = ph.p_align;
            img->loads[img->load_count++] = s;
            break;
        }
        case elf::PT_INTERP:
            if (img->has_interp) return problem(Rule::interp_duplicate, i);
            if (!inside_file(ph.p_offset, ph.p_filesz, file_size))
                return problem(Rule::interp_outside_file, i, ph.p_offset, ph.p_filesz, file_size);
            if (ph.p_filesz == 0) return problem(Rule::interp_empty, i);
            if (ph.p_filesz > path_max) return problem(Rule::interp_too_long, i, ph.p_filesz);
            img->has_interp = true;
            img->interp_index = i;
            img->interp_offset = ph.p_offset;
            img->interp_size = ph.p_filesz;
            break;
        case elf::PT_PHDR:
            if (seen_phdr) return problem(Rule::phdr_duplicate, i);
            // gABI: "If it is present, it must precede any loadable segment entry."
            if (img->load_count > 0) return problem(Rule::phdr_after_load, i);
            if (ph.p_offset != h.phoff || ph.p_filesz != h.phdr_bytes() ||
                ph.p_memsz != ph.p_filesz)
                return problem(Rule::phdr_mismatch, i, ph.p_offset, ph.p_filesz, h.phoff);
            seen_phdr = true;
            phdr = ph;
            phdr_index = i;
            break;
        case elf::PT_TLS:
            if (seen_tls) return problem(Rule::tls_duplicate, i);
            if (ph.p_filesz > ph.p_memsz)
                return problem(Rule::tls_filesz_exceeds_memsz, i, ph.p_filesz, ph.p_memsz);
            if (ph.p_align != 0 && !is_power_of_two(ph.p_align))
                return problem(Rule::tls_align_not_power_of_two, i, ph.p_align);
            seen_tls = true;
            tls = ph;
            tls_index = i;
            break;
        case elf::PT_GNU_STACK:
            if (seen_stack) return problem(Rule::stack_duplicate, i);
            // An executable stack would be writable and executable at once.
            if (ph.p_flags & elf::PF_X) return problem(Rule::stack_executable, i);
            seen_stack = true;
            break;
        default:
            break;
        }
    }
    if (img->load_count == 0) return problem(Rule::no_load_segment);

    const Segment& first = img->loads[0];
    const Segment& last = img->loads[img->load_count - 1];
    img->lo = page_floor(first.vaddr);
    img->hi = page_ceil(last.end());
    if (img->is_pie() && img->hi - img->lo > max_pie_span)
        return problem(Rule::image_too_large, 0, img->hi - img->lo, max_pie_span);

    // PT_PHDR, when there is one, must describe mapped file bytes.
    if (seen_phdr) {
        const Segment* s = loaded_from_file(*img, phdr.p_vaddr, phdr.p_memsz);
        if (!s || phdr.p_vaddr - s->vaddr != phdr.p_offset - s->offset)
            return problem(Rule::phdr_not_loaded, phdr_index, phdr.p_vaddr);
    }
    // AT_PHDR as load_elf_binary computes it, PT_PHDR playing no part:
    // e_phoff's place in the last PT_LOAD whose file bytes hold it, else
    // 0 (the load bias, at run time). glibc's static startup derives its
    // load bias from AT_PHDR, and falls back to __ehdr_start for 0.
    for (unsigned k = 0; k < img->load_count; ++k) {
        const Segment& s = img->loads[k];
        if (h.phoff >= s.offset && h.phoff - s.offset < s.filesz) {
            img->phdr_vaddr = s.vaddr + (h.phoff - s.offset);
            img->phdrs_mapped = h.phdr_bytes() <= s.filesz - (h.phoff - s.offset);
        }
    }
    // The TLS initialisation image is copied from memory by the program's
    // startup, so it must be mapped from the file.
    if (seen_tls && tls.p_filesz > 0) {
        const Segment* s = loaded_from_file(*img, tls.p_vaddr, tls.p_filesz);
        if (!s || tls.p_vaddr - s->vaddr != tls.p_offset - s->offset)
            return problem(Rule::tls_not_loaded, tls_index, tls.p_vaddr, tls.p_filesz);
    }

    std::uint64_t entry = h.entry;
    const Segment* in = nullptr;
    for (unsigned k = 0; k < img->load_count && !in; ++k)
        if (entry >= img->loads[k].vaddr && entry < img->loads[k].end()) in = &img->loads[k];
    if (!in) return problem(Rule::entry_outside_segments, 0, entry);
    if (!(in->flags & elf::PF_X)) return problem(Rule::entry_not_executable, in->index, entry);
    if (entry >= in->file_end()) return problem(Rule::entry_in_bss, in->index, entry);
    return {};
}

Problem check_interp(Bytes path, std::uint16_t index) {
    if (path.empty() || path[0] == 0) return problem(Rule::interp_empty, index);
    if (path[path.size() - 1] != 0) return problem(Rule::interp_unterminated, index);
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
        if (path[i] == 0) return problem(Rule::interp_embedded_nul, index, i);
    return {};
}

Problem validate_elf(Bytes file, const Options& options, Image* img) {
    Header h;
    if (Problem p = check_header(file, file.size(), &h); !p.ok()) return p;
    if (Problem p = check_program_headers(h, file.slice(h.phoff, h.phdr_bytes()), file.size(),
                                          options, img);
        !p.ok())
        return p;
    if (img->has_interp) {
        Problem p =
            check_interp(file.slice(img->interp_offset, img->interp_size), img->interp_index);
        if (!p.ok()) return p;
    }
    return {};
}

// ---------------------------------------------------------------------------
// Messages: one per rule, in the order of enum Rule, in one string (no
// pointer table: no relocations, and the loader stays small). They are
// print_layout strings over {index, other, a, b, c, name, load, in}: %d0
// is the program header index, %x2 the number a in hex, %s5 the name of
// the ELF type or machine a stands for; LOAD and IN expand to prefixes
// that name the program header.

namespace {

// clang-format off
#define LOAD "%f6"
#define IN(type) type "%f7"
constexpr char messages[] =
    "valid\0"
    "not an ELF file\0"
    "a #! script, not an ELF program\0"
    "truncated ELF header (%d2 of 64 bytes)\0"
    "not a 64-bit ELF file (EI_CLASS %d2)\0"
    "not a little-endian ELF file (EI_DATA %d2)\0"
    "unknown ELF identification version %d2\0"
    "unsupported OS ABI %d2 (neither System V nor GNU/Linux)\0"
    "not an executable program (e_type %d2: %s5)\0"
    "wrong architecture: %s5 (e_machine %d2), not x86_64\0"
    "unknown ELF version %d2 in e_version\0"
    "e_ehsize is %d2, not 64\0"
    "no program headers\0"
    "e_phentsize is %d2, not 56\0"
    "%d2 program headers, more than fit in a page (73)\0"
    "program headers at offset %x2 overlap the ELF header\0"
    "program headers at offset %x2 are not 8-byte aligned\0"
    "program headers (offset %x2, %d3 bytes) extend past the end of the file (%d4 bytes)\0"
    LOAD "p_filesz %x2 exceeds p_memsz %x3\0"
    LOAD "file bytes at offset %x2 (+%x3) extend past the end of the file (%d4 bytes)\0"
    LOAD "p_align %x2 is not a power of two\0"
    LOAD "p_align %x2 exceeds 1 GiB\0"
    LOAD "p_vaddr %x2 and p_offset %x3 differ modulo the page size\0"
    LOAD "p_vaddr %x2 and p_offset %x3 differ modulo p_align %x4\0"
    LOAD "p_vaddr %x2 + p_memsz %x3 wraps around the address space\0"
    LOAD "ends at %x2, beyond the end of user space (0x7ffffffff000)\0"
    LOAD "starts at %x2, below the lowest mappable address (%x3)\0"
    LOAD "writable and executable at once\0"
    LOAD "at %x2 follows a segment at %x3: PT_LOAD segments must ascend\0"
    LOAD "starts at %x2, inside PT_LOAD segment %d1 (which ends at %x3)\0"
    LOAD "shares the page at %x2 with PT_LOAD segment %d1: that page would be writable and executable\0"
    LOAD "one PT_LOAD segment too many: ring3-load maps 16 at most\0"
    "no PT_LOAD segment: nothing to map\0"
    "the segments span %x2 bytes, more than ring3-load places (%x3)\0"
    "entry point %x2 is outside every PT_LOAD segment\0"
    "entry point %x2 is in PT_LOAD segment %d0, which is not executable\0"
    "entry point %x2 is in the zero-filled part of PT_LOAD segment %d0\0"
    IN("PT_INTERP") "more than one PT_INTERP\0"
    IN("PT_INTERP") "path at offset %x2 (+%x3) extends past the end of the file (%d4 bytes)\0"
    IN("PT_INTERP") "empty interpreter path\0"
    IN("PT_INTERP") "interpreter path of %d2 bytes, longer than PATH_MAX\0"
    IN("PT_INTERP") "interpreter path not NUL-terminated\0"
    IN("PT_INTERP") "interpreter path has a NUL byte at %d2\0"
    IN("PT_PHDR") "more than one PT_PHDR\0"
    IN("PT_PHDR") "follows a PT_LOAD segment\0"
    IN("PT_PHDR") "offset %x2 size %x3 is not the program header table (offset %x4)\0"
    IN("PT_PHDR") "address %x2 is not mapped from the program headers by any PT_LOAD\0"
    IN("PT_TLS") "more than one PT_TLS\0"
    IN("PT_TLS") "p_filesz %x2 exceeds p_memsz %x3\0"
    IN("PT_TLS") "p_align %x2 is not a power of two\0"
    IN("PT_TLS") "initialisation image at %x2 (+%x3) is not mapped from the file by any PT_LOAD\0"
    IN("PT_GNU_STACK") "more than one PT_GNU_STACK\0"
    IN("PT_GNU_STACK") "asks for an executable stack, which would be writable and executable\0";
#undef LOAD
#undef IN
// clang-format on
static_assert(max_phnum == 73 && max_loads == 16 && user_space_end == 0x7ffffffff000,
              "the messages above quote these");

constexpr unsigned count_strings(const char* s, unsigned size) {
    unsigned n = 0;
    for (unsigned i = 0; i < size; ++i) n += s[i] == 0;
    return n - 1; // the literal's own terminator
}
static_assert(count_strings(messages, sizeof messages) == unsigned(Rule::stack_executable) + 1,
              "one message per rule, in the order of enum Rule");
// Each a layout over describe()'s 8 arguments (print.hpp).
static_assert(layouts_ok(messages, count_strings(messages, sizeof messages), 8),
              "a message names an argument describe() does not give");

// Names for the numbers in messages: a list of codes and one of names,
// the last name for any other code.
constexpr std::uint16_t type_codes[] = {0, 1, 4};
constexpr char type_names[] = "ET_NONE, no file type\0ET_REL, a relocatable object file\0"
                              "ET_CORE, a core dump\0unknown type";
constexpr std::uint16_t machine_codes[] = {3, 8, 20, 21, 22, 40, 183, 243, 258};
constexpr char machine_names[] = "i386\0MIPS\0PowerPC\0PowerPC64\0s390\0ARM\0AArch64\0RISC-V\0"
                                 "LoongArch\0another machine";

template <unsigned N>
const char* name_of(std::uint64_t v, const std::uint16_t (&codes)[N], const char* names) {
    unsigned i = 0;
    while (i < N && codes[i] != v) ++i;
    return nth(names, i);
}

} // namespace

void describe(const Problem& p, OutStream& t) {
    const char* name = p.rule == Rule::wrong_machine ? name_of(p.a, machine_codes, machine_names)
                                                     : name_of(p.a, type_codes, type_names);
    const std::uint64_t args[] = {p.index,
                                  p.other,
                                  p.a,
                                  p.b,
                                  p.c,
                                  reinterpret_cast<std::uintptr_t>(name),
                                  reinterpret_cast<std::uintptr_t>("PT_LOAD segment %d0: "),
                                  reinterpret_cast<std::uintptr_t>(" (program header %d0): ")};
    print_layout_unchecked(t, nth(messages, static_cast<unsigned>(p.rule)), args);
}

} // namespace ring3::loader
