// The ELF validator (loader/src/elf_validate.cpp): a valid program passes
// with the right facts; each malformation is refused with its own message.
#include "elf_builder.hpp"

#include <doctest/doctest.h>
#include <functional>
#include <set>

using namespace ring3;
using namespace ring3::loader;
using namespace testelf;

TEST_CASE("a valid static program passes, with the facts the loader needs") {
    Image img;
    File f = static_exec();
    REQUIRE(message(f, &img) == "valid");
    CHECK_FALSE(img.is_pie());
    CHECK(img.load_count == 3);
    CHECK(img.loads[0].index == 1);
    CHECK(img.loads[2].vaddr == 0x402000);
    CHECK(img.loads[2].prot() == 3); // PROT_READ | PROT_WRITE
    CHECK(img.lo == 0x400000);
    CHECK(img.hi == 0x405000);
    CHECK(img.align == 0x1000);
    CHECK(img.phdrs_mapped);
    CHECK(img.phdr_vaddr == 0x400040);
    CHECK_FALSE(img.has_interp);
}

TEST_CASE("a valid static-PIE program passes") {
    Image img;
    REQUIRE(message(static_pie(), &img) == "valid");
    CHECK(img.is_pie());
    CHECK(img.lo == 0);
    CHECK(img.hi == 0x5000);
    CHECK(img.phdr_vaddr == 0x40);
}

TEST_CASE("without PT_PHDR, the program headers are found in the PT_LOAD that maps them") {
    Image img;
    File f = static_exec();
    f.ph(0, [](Phdr& p) { p.p_type = elf::PT_NOTE; });
    REQUIRE(message(f, &img) == "valid");
    CHECK(img.phdrs_mapped);
    CHECK(img.phdr_vaddr == 0x400040);
    // Not in any segment's file bytes: AT_PHDR is the load bias, as the
    // kernel computes it (load_elf_binary: phdr_addr stays 0).
    File unmapped = f;
    unmapped.ph(1, [](Phdr& p) {
        p.p_offset = 0x1000;
        p.p_vaddr = 0x400000;
        p.p_filesz = p.p_memsz = 0x10;
    });
    unmapped.ph(2, [](Phdr& p) { p.p_offset = 0x1000; });
    REQUIRE(message(unmapped, &img) == "valid");
    CHECK_FALSE(img.phdrs_mapped);
    CHECK(img.phdr_vaddr == 0);
}

TEST_CASE("AT_PHDR follows e_phoff alone, as the kernel's does") {
    Image img;
    // A p_filesz that stops inside the table: e_phoff is still in the
    // segment's file bytes, so AT_PHDR points there (the rest of the
    // table is in the same file page).
    File f = static_exec();
    f.ph(0, [](Phdr& p) { p.p_type = elf::PT_NOTE; });
    f.ph(1, [](Phdr& p) { p.p_filesz = 0x48; });
    REQUIRE(message(f, &img) == "valid");
    CHECK(img.phdr_vaddr == 0x400040);
    CHECK_FALSE(img.phdrs_mapped);
}

TEST_CASE("p_align above the page size sets the image alignment") {
    Image img;
    File f = static_pie();
    f.ph(3, [](Phdr& p) {
        p.p_align = 0x200000;
        p.p_vaddr = 0x202000;
    });
    REQUIRE(message(f, &img) == "valid");
    CHECK(img.align == 0x200000);
}

TEST_CASE("segments may share a page when it needs not be writable and executable") {
    File f = static_exec();
    // Read-only data right after the code, in the code's last page.
    f.ph(2, [](Phdr& p) { p.p_flags = R; });
    f.ph(1, [](Phdr& p) { p.p_flags = R | X; });
    f.eh([](Ehdr& e) { e.e_entry = 0x400100; });
    f.ph(2, [](Phdr& p) {
        p.p_vaddr = 0x400200;
        p.p_offset = 0x200;
    });
    CHECK(message(f) == "valid");
}

TEST_CASE("empty PT_LOAD segments are ignored") {
    Image img;
    File f = static_exec();
    f.add(load(0x2100, 0x300100, 0, 0, R));
    REQUIRE(message(f, &img) == "valid");
    CHECK(img.load_count == 3);
}

namespace {

struct Case {
    const char* what;
    std::function<void(File&)> breakit;
    const char* expected;
};

// Each case breaks the valid program in one way. Bytes are written
// directly where the header structs cannot express the damage.
const Case cases[] = {
    {"empty file", [](File& f) { f.bytes.clear(); }, "not an ELF file"},
    {"text",
     [](File& f) {
         f.bytes.assign({'h', 'e', 'l', 'l', 'o', '\n'});
     },
     "not an ELF file"},
    {"script",
     [](File& f) {
         f.bytes.assign({'#', '!', '/', 'b', 'i', 'n', '/', 's', 'h', '\n'});
     },
     "a #! script, not an ELF program"},
    {"bad magic", [](File& f) { f.bytes[1] = 'X'; }, "not an ELF file"},
    {"truncated header", [](File& f) { f.bytes.resize(40); },
     "truncated ELF header (40 of 64 bytes)"},
    {"32-bit", [](File& f) { f.bytes[4] = 1; }, "not a 64-bit ELF file (EI_CLASS 1)"},
    {"big-endian", [](File& f) { f.bytes[5] = 2; }, "not a little-endian ELF file (EI_DATA 2)"},
    {"ident version", [](File& f) { f.bytes[6] = 0; }, "unknown ELF identification version 0"},
    {"FreeBSD ABI", [](File& f) { f.bytes[7] = 9; },
     "unsupported OS ABI 9 (neither System V nor GNU/Linux)"},
    {"relocatable", [](File& f) { f.eh([](Ehdr& e) { e.e_type = 1; }); },
     "not an executable program (e_type 1: ET_REL, a relocatable object file)"},
    {"core dump", [](File& f) { f.eh([](Ehdr& e) { e.e_type = 4; }); },
     "not an executable program (e_type 4: ET_CORE, a core dump)"},
    {"aarch64", [](File& f) { f.eh([](Ehdr& e) { e.e_machine = 183; }); },
     "wrong architecture: AArch64 (e_machine 183), not x86_64"},
    {"unknown machine", [](File& f) { f.eh([](Ehdr& e) { e.e_machine = 4242; }); },
     "wrong architecture: another machine (e_machine 4242), not x86_64"},
    {"e_version", [](File& f) { f.eh([](Ehdr& e) { e.e_version = 0; }); },
     "unknown ELF version 0 in e_version"},
    {"e_ehsize", [](File& f) { f.eh([](Ehdr& e) { e.e_ehsize = 52; }); }, "e_ehsize is 52, not 64"},
    {"no program headers", [](File& f) { f.eh([](Ehdr& e) { e.e_phnum = 0; }); },
     "no program headers"},
    {"e_phentsize", [](File& f) { f.eh([](Ehdr& e) { e.e_phentsize = 32; }); },
     "e_phentsize is 32, not 56"},
    {"PN_XNUM", [](File& f) { f.eh([](Ehdr& e) { e.e_phnum = 0xffff; }); },
     "65535 program headers, more than fit in a page (73)"},
    {"74 program headers", [](File& f) { f.eh([](Ehdr& e) { e.e_phnum = 74; }); },
     "74 program headers, more than fit in a page (73)"},
    {"program headers over the ELF header", [](File& f) { f.eh([](Ehdr& e) { e.e_phoff = 8; }); },
     "program headers at offset 0x8 overlap the ELF header"},
    {"program headers misaligned", [](File& f) { f.eh([](Ehdr& e) { e.e_phoff = 0x44; }); },
     "program headers at offset 0x44 are not 8-byte aligned"},
    {"program headers past the end", [](File& f) { f.eh([](Ehdr& e) { e.e_phoff = 0x2000; }); },
     "program headers (offset 0x2000, 280 bytes) extend past the end of the file (8448 bytes)"},
    {"program header offset overflows",
     [](File& f) { f.eh([](Ehdr& e) { e.e_phoff = ~0ULL - 7; }); },
     "program headers (offset 0xfffffffffffffff8, 280 bytes) extend past the end of the file (8448 "
     "bytes)"},
    {"p_filesz > p_memsz", [](File& f) { f.ph(3, [](Phdr& p) { p.p_memsz = 0x40; }); },
     "PT_LOAD segment 3: p_filesz 0x80 exceeds p_memsz 0x40"},
    {"segment past the end of the file",
     [](File& f) { f.ph(3, [](Phdr& p) { p.p_filesz = 0x200; }); },
     "PT_LOAD segment 3: file bytes at offset 0x2000 (+0x200) extend past the end of the file "
     "(8448 bytes)"},
    {"segment offset overflows", [](File& f) { f.ph(3, [](Phdr& p) { p.p_offset = ~0ULL; }); },
     "PT_LOAD segment 3: file bytes at offset 0xffffffffffffffff (+0x80) extend past the end of "
     "the file (8448 bytes)"},
    {"p_align not a power of two", [](File& f) { f.ph(2, [](Phdr& p) { p.p_align = 0x3000; }); },
     "PT_LOAD segment 2: p_align 0x3000 is not a power of two"},
    {"p_align too large", [](File& f) { f.ph(2, [](Phdr& p) { p.p_align = 1ULL << 31; }); },
     "PT_LOAD segment 2: p_align 0x80000000 exceeds 1 GiB"},
    {"p_vaddr and p_offset incongruent",
     [](File& f) { f.ph(2, [](Phdr& p) { p.p_vaddr = 0x401010; }); },
     "PT_LOAD segment 2: p_vaddr 0x401010 and p_offset 0x1000 differ modulo the page size"},
    {"incongruent modulo p_align",
     [](File& f) {
         f.ph(3, [](Phdr& p) {
             p.p_align = 0x200000;
             p.p_vaddr = 0x502000;
         });
     },
     "PT_LOAD segment 3: p_vaddr 0x502000 and p_offset 0x2000 differ modulo p_align 0x200000"},
    {"segment wraps around",
     [](File& f) {
         f.ph(3, [](Phdr& p) {
             p.p_vaddr = 0xfffffffffffff000;
             p.p_offset = 0;
             p.p_filesz = 0;
         });
     },
     "PT_LOAD segment 3: p_vaddr 0xfffffffffffff000 + p_memsz 0x3000 wraps around the address "
     "space"},
    {"segment beyond user space",
     [](File& f) { f.ph(3, [](Phdr& p) { p.p_vaddr = 0x7ffffffff000 - 0x2000; }); },
     "PT_LOAD segment 3: ends at 0x800000000000, beyond the end of user space (0x7ffffffff000)"},
    {"segment below the lowest address",
     [](File& f) { f.ph(1, [](Phdr& p) { p.p_vaddr = 0x1000; }); },
     "PT_LOAD segment 1: starts at 0x1000, below the lowest mappable address (0x10000)"},
    {"writable and executable", [](File& f) { f.ph(2, [](Phdr& p) { p.p_flags = R | W | X; }); },
     "PT_LOAD segment 2: writable and executable at once"},
    {"unsorted",
     [](File& f) {
         f.ph(3, [](Phdr& p) {
             p.p_vaddr = 0x3ff000;
             p.p_offset = 0x2000;
         });
     },
     "PT_LOAD segment 3: at 0x3ff000 follows a segment at 0x401000: PT_LOAD segments must ascend"},
    {"overlapping",
     [](File& f) {
         f.ph(3, [](Phdr& p) {
             p.p_vaddr = 0x401000;
             p.p_offset = 0x2000;
         });
     },
     "PT_LOAD segment 3: starts at 0x401000, inside PT_LOAD segment 2 (which ends at 0x401100)"},
    {"shared page writable and executable",
     [](File& f) {
         f.ph(3, [](Phdr& p) {
             p.p_vaddr = 0x401100;
             p.p_offset = 0x1100;
             p.p_filesz = 0;
         });
     },
     "PT_LOAD segment 3: shares the page at 0x401000 with PT_LOAD segment 2: that page would be "
     "writable and executable"},
    {"17 PT_LOADs",
     [](File& f) {
         f.bytes.resize(0x2200);
         for (unsigned k = 0; k < 14; ++k)
             f.add(load(0x2100, 0x410100 + k * 0x1000, 0x10, 0x10, R));
     },
     "PT_LOAD segment 18: one PT_LOAD segment too many: ring3-load maps 16 at most"},
    {"no PT_LOAD",
     [](File& f) {
         for (unsigned i = 1; i <= 3; ++i) f.ph(i, [](Phdr& p) { p.p_type = elf::PT_NOTE; });
     },
     "no PT_LOAD segment: nothing to map"},
    {"static-PIE too large",
     [](File& f) {
         f.eh([](Ehdr& e) { e.e_type = elf::ET_DYN; });
         f.ph(3, [](Phdr& p) { p.p_memsz = 1ULL << 45; });
     },
     "the segments span 0x200000002000 bytes, more than ring3-load places (0x100000000000)"},
    {"entry outside", [](File& f) { f.eh([](Ehdr& e) { e.e_entry = 0x500000; }); },
     "entry point 0x500000 is outside every PT_LOAD segment"},
    {"entry not executable", [](File& f) { f.eh([](Ehdr& e) { e.e_entry = 0x402010; }); },
     "entry point 0x402010 is in PT_LOAD segment 3, which is not executable"},
    {"entry in bss",
     [](File& f) {
         f.ph(2, [](Phdr& p) { p.p_memsz = 0x800; });
         f.eh([](Ehdr& e) { e.e_entry = 0x401400; });
     },
     "entry point 0x401400 is in the zero-filled part of PT_LOAD segment 2"},
    {"two PT_INTERP",
     [](File& f) {
         f.add(other(elf::PT_INTERP, 0x1d0, 0x4001d0, 4, 4));
         f.add(other(elf::PT_INTERP, 0x1d0, 0x4001d0, 4, 4));
         f.put(0x1d0, std::uint32_t{0x0061622f}); // "/ba\0"
     },
     "PT_INTERP (program header 6): more than one PT_INTERP"},
    {"PT_INTERP past the end", [](File& f) { f.add(other(elf::PT_INTERP, 0x2100, 0, 4, 4)); },
     "PT_INTERP (program header 5): path at offset 0x2100 (+0x4) extends past the end of the file "
     "(8448 bytes)"},
    {"PT_INTERP empty (no bytes)", [](File& f) { f.add(other(elf::PT_INTERP, 0x1d0, 0, 0, 0)); },
     "PT_INTERP (program header 5): empty interpreter path"},
    {"PT_INTERP empty (a NUL)", [](File& f) { f.add(other(elf::PT_INTERP, 0x1f0, 0, 1, 1)); },
     "PT_INTERP (program header 5): empty interpreter path"},
    {"PT_INTERP too long",
     [](File& f) {
         f.bytes.resize(0x4000);
         f.add(other(elf::PT_INTERP, 0x2000, 0, 4097, 4097));
     },
     "PT_INTERP (program header 5): interpreter path of 4097 bytes, longer than PATH_MAX"},
    {"PT_INTERP unterminated",
     [](File& f) {
         f.put(0x1d0, std::uint32_t{0x6162612f}); // "/aba"
         f.add(other(elf::PT_INTERP, 0x1d0, 0, 4, 4));
     },
     "PT_INTERP (program header 5): interpreter path not NUL-terminated"},
    {"PT_INTERP with a NUL inside",
     [](File& f) {
         f.put(0x1d0, std::uint32_t{0x0061002f}); // "/\0a\0"
         f.add(other(elf::PT_INTERP, 0x1d0, 0, 4, 4));
     },
     "PT_INTERP (program header 5): interpreter path has a NUL byte at 1"},
    {"two PT_PHDR", [](File& f) { f.ph(4, [&](Phdr& p) { p = f.phdr(0); }); },
     "PT_PHDR (program header 4): more than one PT_PHDR"},
    {"PT_PHDR after a PT_LOAD",
     [](File& f) {
         Phdr a = f.phdr(0), b = f.phdr(1);
         f.set_phdr(0, b);
         f.set_phdr(1, a);
     },
     "PT_PHDR (program header 1): follows a PT_LOAD segment"},
    {"PT_PHDR not the table", [](File& f) { f.ph(0, [](Phdr& p) { p.p_offset = 0x80; }); },
     "PT_PHDR (program header 0): offset 0x80 size 0x118 is not the program header table (offset "
     "0x40)"},
    {"PT_PHDR not loaded", [](File& f) { f.ph(0, [](Phdr& p) { p.p_vaddr = 0x408000; }); },
     "PT_PHDR (program header 0): address 0x408000 is not mapped from the program headers by any "
     "PT_LOAD"},
    {"two PT_TLS",
     [](File& f) {
         f.add(other(elf::PT_TLS, 0x2000, 0x402000, 8, 16));
         f.add(other(elf::PT_TLS, 0x2000, 0x402000, 8, 16));
     },
     "PT_TLS (program header 6): more than one PT_TLS"},
    {"PT_TLS p_filesz > p_memsz",
     [](File& f) { f.add(other(elf::PT_TLS, 0x2000, 0x402000, 16, 8)); },
     "PT_TLS (program header 5): p_filesz 0x10 exceeds p_memsz 0x8"},
    {"PT_TLS p_align", [](File& f) { f.add(other(elf::PT_TLS, 0x2000, 0x402000, 8, 16, R, 24)); },
     "PT_TLS (program header 5): p_align 0x18 is not a power of two"},
    {"PT_TLS not loaded", [](File& f) { f.add(other(elf::PT_TLS, 0x2000, 0x402040, 0x80, 0x80)); },
     "PT_TLS (program header 5): initialisation image at 0x402040 (+0x80) is not mapped from the "
     "file by any PT_LOAD"},
    {"two PT_GNU_STACK", [](File& f) { f.add(f.phdr(4)); },
     "PT_GNU_STACK (program header 5): more than one PT_GNU_STACK"},
    {"executable stack", [](File& f) { f.ph(4, [](Phdr& p) { p.p_flags = R | W | X; }); },
     "PT_GNU_STACK (program header 4): asks for an executable stack, which would be writable and "
     "executable"},
};

} // namespace

TEST_CASE("each malformation is refused with its own message") {
    std::set<std::string> messages;
    for (const Case& c : cases) {
        std::string what = c.what;
        CAPTURE(what);
        File f = static_exec();
        c.breakit(f);
        CHECK(message(f) == c.expected);
        messages.insert(c.expected);
    }
    // Distinct malformations, and nearly as many distinct messages (a few
    // share one: an empty file and text are both "not an ELF file").
    CHECK(sizeof cases / sizeof cases[0] >= 50);
    CHECK(messages.size() >= 45);
}

TEST_CASE("a valid PT_INTERP passes validation: running it is the loader's decision") {
    Image img;
    File f = static_exec();
    const char path[] = "/lib64/ld-linux-x86-64.so.2";
    std::memcpy(f.bytes.data() + 0x1d0, path, sizeof path);
    f.add(other(elf::PT_INTERP, 0x1d0, 0x4001d0, sizeof path, sizeof path));
    REQUIRE(message(f, &img) == "valid");
    CHECK(img.has_interp);
    CHECK(img.interp_index == 5);
    CHECK(img.interp_offset == 0x1d0);
    CHECK(img.interp_size == sizeof path);
}

TEST_CASE("the stages read only what they are given") {
    File f = static_exec();
    Header h{};
    // The first 64 bytes suffice for the header, whatever the file size.
    CHECK(check_header(f.view().slice(0, 64), f.bytes.size(), &h).ok());
    CHECK(h.phoff == 64);
    CHECK(h.phnum == 5);
    // A table of the wrong length is refused, not read past.
    Image img;
    Problem p = check_program_headers(h, f.view().slice(64, 100), f.bytes.size(), {}, &img);
    CHECK(p.rule == Rule::phdrs_outside_file);
    // The lowest address is an option.
    Options low;
    low.min_address = 0x1000;
    f.ph(1, [](Phdr& ph) { ph.p_vaddr = 0x1000; });
    f.ph(0, [](Phdr& ph) { ph.p_vaddr = 0x1040; });
    CHECK(message(f) ==
          "PT_LOAD segment 1: starts at 0x1000, below the lowest mappable address (0x10000)");
    CHECK(validate_elf(f.view(), low, &img).ok());
}

TEST_CASE("every rule has a message of its own") {
    std::set<std::string> all;
    for (unsigned r = 0; r <= static_cast<unsigned>(Rule::stack_executable); ++r) {
        Problem p;
        p.rule = static_cast<Rule>(r);
        StrBuf<512> t;
        describe(p, t);
        std::string s(t.str().data(), t.str().size());
        CAPTURE(r);
        CHECK(!s.empty());
        CHECK(s.find('%') == std::string::npos);
        all.insert(s);
    }
    CHECK(all.size() == static_cast<unsigned>(Rule::stack_executable) + 1);
}
