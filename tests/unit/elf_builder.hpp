// Hand-built ELF files for the loader's unit tests: a small valid program
// whose headers each test then breaks in one precise way.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <ring3/elf.hpp>
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/print.hpp>
#include <ring3/str.hpp>

namespace testelf {

using ring3::elf::Ehdr;
using ring3::elf::Phdr;

struct File {
    std::vector<unsigned char> bytes;

    template <class T>
    T get(std::size_t off) const {
        T v;
        std::memcpy(&v, bytes.data() + off, sizeof v);
        return v;
    }
    template <class T>
    void put(std::size_t off, const T& v) {
        if (bytes.size() < off + sizeof v) bytes.resize(off + sizeof v);
        std::memcpy(bytes.data() + off, &v, sizeof v);
    }
    Ehdr ehdr() const { return get<Ehdr>(0); }
    Phdr phdr(unsigned i) const { return get<Phdr>(ehdr().e_phoff + i * sizeof(Phdr)); }
    void set_phdr(unsigned i, const Phdr& p) { put(ehdr().e_phoff + i * sizeof(Phdr), p); }

    // Changes the ELF header / program header i through f.
    template <class F>
    File& eh(F f) {
        Ehdr e = ehdr();
        f(e);
        put(0, e);
        return *this;
    }
    template <class F>
    File& ph(unsigned i, F f) {
        Phdr p = phdr(i);
        f(p);
        set_phdr(i, p);
        return *this;
    }
    // Appends a program header. The table may grow to 8 entries (to 0x1c0)
    // in the files made below; test data goes at 0x1d0.
    File& add(const Phdr& p) {
        Ehdr e = ehdr();
        put(e.e_phoff + e.e_phnum * sizeof(Phdr), p);
        ++e.e_phnum;
        put(0, e);
        // PT_PHDR, when first, describes the whole table.
        if (e.e_phnum > 1 && phdr(0).p_type == ring3::elf::PT_PHDR)
            ph(0, [&](Phdr& h) { h.p_filesz = h.p_memsz = e.e_phnum * sizeof(Phdr); });
        return *this;
    }
    ring3::Bytes view() const { return {bytes.data(), bytes.size()}; }
};

inline Phdr load(std::uint64_t off, std::uint64_t vaddr, std::uint64_t filesz, std::uint64_t memsz,
                 std::uint32_t flags, std::uint64_t align = 0x1000) {
    return {ring3::elf::PT_LOAD, flags, off, vaddr, vaddr, filesz, memsz, align};
}
inline Phdr other(std::uint32_t type, std::uint64_t off, std::uint64_t vaddr, std::uint64_t filesz,
                  std::uint64_t memsz, std::uint32_t flags = ring3::elf::PF_R,
                  std::uint64_t align = 8) {
    return {type, flags, off, vaddr, vaddr, filesz, memsz, align};
}

constexpr std::uint32_t R = ring3::elf::PF_R, W = ring3::elf::PF_W, X = ring3::elf::PF_X;

// A static program linked at 0x400000, laid out as ld.lld lays out ring3's
// programs: headers and read-only data, code, data with bss.
//   [0] PT_PHDR   [1] PT_LOAD R   [2] PT_LOAD R+X   [3] PT_LOAD R+W   [4] PT_GNU_STACK
inline File static_exec() {
    File f;
    f.bytes.assign(0x2100, 0);
    Ehdr e{};
    const unsigned char ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    std::memcpy(e.e_ident, ident, sizeof ident);
    e.e_type = ring3::elf::ET_EXEC;
    e.e_machine = ring3::elf::EM_X86_64;
    e.e_version = 1;
    e.e_entry = 0x401000;
    e.e_phoff = 64;
    e.e_ehsize = 64;
    e.e_phentsize = 56;
    e.e_phnum = 0;
    f.put(0, e);
    f.add(other(ring3::elf::PT_PHDR, 64, 0x400040, 5 * 56, 5 * 56));
    f.add(load(0, 0x400000, 0x200, 0x200, R));
    f.add(load(0x1000, 0x401000, 0x100, 0x100, R | X));
    f.add(load(0x2000, 0x402000, 0x80, 0x3000, R | W));
    f.add(other(ring3::elf::PT_GNU_STACK, 0, 0, 0, 0, R | W, 16));
    return f;
}

// The same as a static-PIE program linked at 0.
inline File static_pie() {
    File f = static_exec();
    f.eh([](Ehdr& e) {
        e.e_type = ring3::elf::ET_DYN;
        e.e_entry = 0x1000;
    });
    for (unsigned i = 0; i < 4; ++i)
        f.ph(i, [](Phdr& p) { p.p_vaddr = p.p_paddr = p.p_vaddr - 0x400000; });
    return f;
}

// The message validate_elf gives, or "valid".
inline std::string message(const File& f, ring3::loader::Image* out = nullptr) {
    static ring3::loader::Image img;
    ring3::loader::Problem p = ring3::loader::validate_elf(f.view(), {}, out ? out : &img);
    ring3::StrBuf<512> t;
    ring3::loader::describe(p, t);
    return {t.str().data(), t.str().size()};
}

} // namespace testelf
