// elfinfo FILE...: what an ELF program says about itself, and what
// ring3-load would do with it.
//
// Three parts per file:
//   - the ELF header: type, machine, entry point, where the tables are;
//   - the program headers, field by field (the numbers `readelf -lW`
//     prints, in the same notation);
//   - the loader's view, from ring3-load's own ELF library
//     (loader/src: the validator and the mapping planner): whether
//     ring3-load would run the program or why not, each PT_LOAD segment
//     as the page-rounded mapping it becomes, with its protections and
//     how many of its bytes come from the file and how many are zero
//     (bss), the interpreter a dynamic program asks for, and the exact
//     mmap/mprotect steps `ring3-load --dry-run` would take.
//
// The file is mapped read-only and read through bounds-checked views;
// nothing in it is trusted before the validator has seen it, and the
// program header table is printed only when it lies inside the file.
#include <ring3/elf.hpp>
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/print.hpp>
#include <ring3/loader/trace.hpp>
#include <ring3/mapping_guard.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;
using loader::page_ceil;
using loader::page_floor;

namespace {

constexpr Str usage_text =
    "Usage: elfinfo FILE...\n"
    "Print an ELF program's header and program headers, and what ring3-load\n"
    "would do with it: each mapping (page-rounded, with its protections, its\n"
    "bytes from the file and its zero-filled bss), the interpreter, the entry\n"
    "point, and the mmap/mprotect steps of ring3-load's plan.\n";

// 0x and at least `digits` hex digits, as readelf pads its columns.
Formatted<std::uint64_t> hexw(std::uint64_t v, unsigned digits) {
    return hex(v).prefix().width(digits + 2).fill('0');
}
Formatted<std::uint64_t> hex0x(std::uint64_t v) { return hex(v).prefix(); }

// A size for people: "712 bytes", "8 KiB (8192 bytes)".
struct Size {
    std::uint64_t bytes;
};
void print_to(OutStream& s, Size z) {
    if (z.bytes >= 1024 && z.bytes % 1024 == 0) {
        std::uint64_t v = z.bytes / 1024;
        Str unit = "KiB";
        if (v % 1024 == 0) {
            v /= 1024;
            unit = "MiB";
        }
        s << v << ' ' << unit << " (" << z.bytes << " bytes)";
    } else {
        s << z.bytes << (z.bytes == 1 ? " byte" : " bytes");
    }
}

// The name readelf gives a program header type.
void print_type(OutStream& s, std::uint32_t type, std::uint32_t width) {
    struct Name {
        std::uint32_t type;
        const char* name;
    };
    static constexpr Name names[] = {
        {elf::PT_NULL, "NULL"},
        {elf::PT_LOAD, "LOAD"},
        {elf::PT_DYNAMIC, "DYNAMIC"},
        {elf::PT_INTERP, "INTERP"},
        {elf::PT_NOTE, "NOTE"},
        {5, "SHLIB"},
        {elf::PT_PHDR, "PHDR"},
        {elf::PT_TLS, "TLS"},
        {elf::PT_GNU_EH_FRAME, "GNU_EH_FRAME"},
        {elf::PT_GNU_STACK, "GNU_STACK"},
        {elf::PT_GNU_RELRO, "GNU_RELRO"},
        {elf::PT_GNU_PROPERTY, "GNU_PROPERTY"},
        {0x6474e554, "GNU_SFRAME"},
    };
    for (const Name& n : names) {
        if (n.type == type) {
            s << fmt(n.name).width(width);
            return;
        }
    }
    // Unnamed OS- and processor-specific types as readelf writes them
    // (Go's PT_PAX_FLAGS is LOOS+0x5041580).
    StrBuf<32> b;
    if (type >= 0x60000000 && type <= 0x6fffffff)
        b << "LOOS+" << hex0x(type - 0x60000000u);
    else if (type >= 0x70000000 && type <= 0x7fffffff)
        b << "LOPROC+" << hex0x(type - 0x70000000u);
    else
        b << hex0x(type);
    s << fmt(b.str()).width(width);
}

// "R E", "RW ": readelf's flag column.
void print_flags(OutStream& s, std::uint32_t flags) {
    s << ((flags & elf::PF_R) ? 'R' : ' ') << ((flags & elf::PF_W) ? 'W' : ' ')
      << ((flags & elf::PF_X) ? 'E' : ' ');
}

Str segment_role(const loader::Segment& s) {
    if (s.flags & elf::PF_X) return "code";
    if (s.flags & elf::PF_W) return s.memsz > s.filesz ? "data and bss" : "data";
    return "read-only data";
}

// The part of a file an interpreter path names, without its NUL.
Str c_str_in(Bytes b) {
    std::size_t n = 0;
    while (n < b.size() && b[n] != 0) ++n;
    return {reinterpret_cast<const char*>(b.data()), n};
}

void print_header(const elf::Ehdr& h) {
    io::out << "ELF header\n"
            << "  class, data       ELF64, little-endian, OS/ABI " << h.e_ident[elf::EI_OSABI]
            << '\n'
            << "  type              ";
    switch (h.e_type) {
    case elf::ET_EXEC:
        io::out << "EXEC: linked to run at fixed addresses\n";
        break;
    case elf::ET_DYN:
        io::out << "DYN: position-independent, runs at any (page-aligned) base\n";
        break;
    case 1:
        io::out << "REL: a relocatable object file, not a program\n";
        break;
    case 4:
        io::out << "CORE: a core dump\n";
        break;
    default:
        io::out << hex0x(h.e_type) << ": unknown\n";
    }
    io::out << "  machine           ";
    if (h.e_machine == elf::EM_X86_64)
        io::out << "x86_64";
    else
        io::out << "e_machine " << h.e_machine << " (not x86_64)";
    io::out << "\n  entry point       " << hex0x(h.e_entry) << '\n'
            << "  program headers   " << h.e_phnum << " at offset " << hex0x(h.e_phoff) << ", "
            << h.e_phentsize << " bytes each\n"
            << "  section headers   " << h.e_shnum << " at offset " << hex0x(h.e_shoff) << ", "
            << h.e_shentsize << " bytes each, names in section " << h.e_shstrndx << '\n'
            << "  flags             " << hex0x(h.e_flags) << "\n\n";
}

// The program header table, when it lies inside the file: the loader's
// validator says what is wrong with it otherwise.
void print_program_headers(Bytes file, const elf::Ehdr& h) {
    std::uint64_t bytes = std::uint64_t{h.e_phnum} * sizeof(elf::Phdr);
    if (h.e_phnum == 0 || h.e_phentsize != sizeof(elf::Phdr) ||
        !file.contains_range(h.e_phoff, bytes)) {
        io::out << "Program headers: none that can be read\n\n";
        return;
    }
    io::out << "Program headers\n"
            << "   #  type            offset    vaddr               filesz    memsz     flags  "
               "align\n";
    for (unsigned i = 0; i < h.e_phnum; ++i) {
        auto ph = loader::read_struct<elf::Phdr>(
            file.slice(h.e_phoff + i * sizeof(elf::Phdr), 56).data());
        io::out << dec(i).width(4) << "  ";
        print_type(io::out, ph.p_type, 16);
        // Fixed-width columns as long as the numbers fit, as in readelf.
        io::out << hexw(ph.p_offset, 6) << "  " << hexw(ph.p_vaddr, 16) << "  "
                << hexw(ph.p_filesz, 6) << "  " << hexw(ph.p_memsz, 6) << "  ";
        print_flags(io::out, ph.p_flags);
        io::out << "    " << hex0x(ph.p_align) << '\n';
        if (ph.p_type == elf::PT_INTERP && file.contains_range(ph.p_offset, ph.p_filesz))
            io::out << "        [interpreter: " << c_str_in(file.slice(ph.p_offset, ph.p_filesz))
                    << "]\n";
    }
    io::out << '\n';
}

// ring3-load's plan table, printed by the loader's own trace code into
// io::out.
struct PlanPrinter {
    OutStream* text;
    const loader::Image* img;
    const loader::Plan* plan;
    unsigned next_segment;
};
void print_step(void* ctx, const loader::MapStep& step) {
    auto* p = static_cast<PlanPrinter*>(ctx);
    loader::trace_step(*p->text, *p->img, *p->plan, step, &p->next_segment);
}

loader::Image image; // large: kept out of the stack

// "4 KiB", "8 MiB", "2696 B": the loader's notation.
void print_size(OutStream& s, std::uint64_t bytes) {
    StrBuf<32> t;
    t << loader::Size{bytes};
    s << fmt(t.str()).width(9) << ' ';
}

void print_loader_view(Bytes file) {
    io::out << "What ring3-load does with it\n";
    loader::Problem p = loader::validate_elf(file, loader::Options{}, &image);
    if (!p.ok()) {
        io::out << "  verdict           refuses it: ";
        loader::describe(p, io::out);
        io::out << '\n';
        return;
    }
    const loader::Image& img = image;
    Str interp = "none";
    if (img.has_interp) interp = c_str_in(file.slice(img.interp_offset, img.interp_size));
    io::out << "  verdict           ";
    if (img.has_interp)
        io::out << "runs it: dynamically linked. As execve(2) does, it maps the segments\n"
                << "                    below" << (img.is_pie() ? " (a PIE: at a random base)" : "")
                << ", then the interpreter in the mmap area,\n"
                << "                    and jumps to the interpreter, which maps the libraries\n";
    else if (img.is_pie())
        io::out << "runs it: a static-PIE program, moved by a random load bias (a multiple\n"
                << "                    of " << hex0x(img.align) << ") to at least "
                << hex0x(loader::pie_base) << "; addresses below are link-time ones\n";
    else
        io::out << "runs it: a static program, mapped at the addresses it was linked for\n";
    io::out << "  interpreter       " << interp << '\n'
            << "  entry point       " << hex0x(img.header.entry);
    for (unsigned k = 0; k < img.load_count; ++k) {
        const loader::Segment& s = img.loads[k];
        if (img.header.entry >= s.vaddr && img.header.entry < s.end())
            io::out << " (in segment " << s.index << ", " << segment_role(s) << ')';
    }
    io::out << "\n  program headers   ";
    if (img.phdrs_mapped)
        io::out << "mapped at " << hex0x(img.phdr_vaddr) << " (AT_PHDR)\n";
    else
        io::out << "not all in a segment's file bytes: AT_PHDR " << hex0x(img.phdr_vaddr)
                << " (plus the load bias), as the kernel computes it\n";
    io::out << "  image span        " << hex0x(img.lo) << '-' << hex0x(img.hi) << ", "
            << Size{img.hi - img.lo} << "\n\n";

    io::out << "  Mappings: each PT_LOAD segment becomes whole pages. p_filesz bytes come from\n"
            << "  the file (mapped from the page-aligned offset below p_offset); the other\n"
            << "  p_memsz - p_filesz bytes are zero-filled (bss): the rest of the last file page\n"
            << "  is cleared, further pages are anonymous memory.\n"
            << "     #  pages                          size      prot  file bytes  at offset  "
               "zero-filled\n";
    for (unsigned k = 0; k < img.load_count; ++k) {
        const loader::Segment& s = img.loads[k];
        std::uint64_t lo = page_floor(s.vaddr), hi = page_ceil(s.end());
        io::out << dec(s.index).width(6) << "  " << hexw(lo, 12) << '-' << hexw(hi, 12) << "  ";
        print_size(io::out, hi - lo);
        // "r-x": mmap's protections, as /proc/PID/maps shows them.
        io::out << loader::Prot{s.prot()};
        StrBuf<24> offset;
        offset << hex0x(s.offset);
        io::out << "   " << dec(s.filesz).width(10).left() << "  " << fmt(offset.str()).width(9)
                << "  " << (s.memsz - s.filesz) << '\n';
    }
    if (img.has_interp) return;

    io::out << "\n  The plan, step by step (ring3-load --dry-run prints the same table):\n"
            << "  step     start           end             size      prot  source         why\n";
    loader::Plan plan;
    PlanPrinter printer{&io::out, &img, &plan, 0};
    loader::plan_mappings(img, 0, &plan, print_step, &printer);
}

// Returns false when the file cannot be read or is not a 64-bit
// little-endian ELF file (then nothing of it can be shown).
bool inspect(const char* path, bool several) {
    auto fd = sys::open(path, sys::O_RDONLY | sys::O_CLOEXEC);
    if (!fd) {
        io::warn() << path << ": " << errno_message(fd.error()) << '\n';
        return false;
    }
    sys::Stat st;
    int e = 0;
    if (auto r = sys::fstat(*fd, &st); !r)
        e = r.error();
    else if (st.is_dir())
        e = err::ISDIR;
    Bytes file;
    void* map = nullptr;
    auto size = static_cast<std::size_t>(st.st_size);
    if (e == 0 && size > 0) {
        auto m = sys::mmap(nullptr, size, sys::PROT_READ, sys::MAP_PRIVATE, *fd, 0);
        if (m) {
            map = *m;
            file = Bytes(map, size);
        } else {
            e = m.error();
        }
    }
    if (e) {
        (void)sys::close(*fd);
        io::warn() << path << ": " << errno_message(e) << '\n';
        return false;
    }
    // Should another process shrink the file while it is read, the lost
    // pages read as zeros instead of ending elfinfo with SIGBUS
    // (ring3/mapping_guard.hpp), and what was printed is disowned below.
    MappingGuard guard(map, map ? size : 0);
    // A file cut inside a page it still has reads as zeros without a
    // fault: its size tells.
    auto changed = [&] {
        sys::Stat now;
        return guard.lost() || (sys::fstat(*fd, &now) && now.st_size != st.st_size);
    };

    // The ELF header, checked as far as printing it needs; the validator
    // judges the rest.
    bool ok = file.size() >= sizeof(elf::Ehdr) && file[0] == elf::ELFMAG0 && file[1] == 'E' &&
              file[2] == 'L' && file[3] == 'F' && file[elf::EI_CLASS] == elf::ELFCLASS64 &&
              file[elf::EI_DATA] == elf::ELFDATA2LSB;
    StrBuf<256> why; // why the file cannot be shown, when it cannot
    if (!ok) {
        loader::Header ignored;
        loader::Problem p = loader::check_header(file, file.size(), &ignored);
        if (p.ok())
            why << "not a 64-bit little-endian ELF file";
        else
            loader::describe(p, why);
    } else {
        if (several) io::out << "File: " << path << '\n';
        auto h = loader::read_struct<elf::Ehdr>(file.data());
        print_header(h);
        print_program_headers(file, h);
        print_loader_view(file);
    }
    // Asked once, after everything was read: a changed file's contents
    // (and what they said was wrong) are disowned.
    if (changed()) {
        io::warn() << path << ": file changed while it was being read\n";
        ok = false;
    } else if (!ok) {
        io::warn() << path << ": " << why.str() << '\n';
    }
    (void)sys::close(*fd);
    if (map) (void)sys::munmap(map, size);
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        io::warn() << "no FILE given\n" << usage_text;
        return 2;
    }
    if (Str(argv[1]) == "--help") {
        io::out << usage_text;
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        if (i > 1) io::out << '\n';
        if (!inspect(argv[i], argc > 2)) status = 1;
    }
    return status;
}
