// ELF64 structures and constants (System V gABI; include/uapi/linux/elf.h),
// as plain structs whose sizes are checked against the specification.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstdint>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::elf {

struct Ehdr {
    unsigned char e_ident[16];
    std::uint16_t e_type;
    std::uint16_t e_machine;
    std::uint32_t e_version;
    std::uint64_t e_entry;
    std::uint64_t e_phoff;
    std::uint64_t e_shoff;
    std::uint32_t e_flags;
    std::uint16_t e_ehsize;
    std::uint16_t e_phentsize;
    std::uint16_t e_phnum;
    std::uint16_t e_shentsize;
    std::uint16_t e_shnum;
    std::uint16_t e_shstrndx;
};
static_assert(sizeof(Ehdr) == 64);

struct Phdr {
    std::uint32_t p_type;
    std::uint32_t p_flags;
    std::uint64_t p_offset;
    std::uint64_t p_vaddr;
    std::uint64_t p_paddr;
    std::uint64_t p_filesz;
    std::uint64_t p_memsz;
    std::uint64_t p_align;
};
static_assert(sizeof(Phdr) == 56);

struct Dyn {
    std::int64_t d_tag;
    std::uint64_t d_val;
};
static_assert(sizeof(Dyn) == 16);

struct Sym {
    std::uint32_t st_name;
    unsigned char st_info; // binding << 4 | type
    unsigned char st_other;
    std::uint16_t st_shndx;
    std::uint64_t st_value;
    std::uint64_t st_size;
};
static_assert(sizeof(Sym) == 24);

struct Rela {
    std::uint64_t r_offset;
    std::uint64_t r_info;
    std::int64_t r_addend;
};
static_assert(sizeof(Rela) == 24);

// e_ident
inline constexpr unsigned char ELFMAG0 = 0x7f;
inline constexpr int EI_CLASS = 4, EI_DATA = 5, EI_VERSION = 6, EI_OSABI = 7;
inline constexpr unsigned char ELFCLASS64 = 2;
inline constexpr unsigned char ELFDATA2LSB = 1;
inline constexpr unsigned char EV_CURRENT = 1;
// e_type, e_machine
inline constexpr std::uint16_t ET_EXEC = 2, ET_DYN = 3;
inline constexpr std::uint16_t EM_X86_64 = 62;
// p_type
inline constexpr std::uint32_t PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4,
                               PT_PHDR = 6, PT_TLS = 7;
inline constexpr std::uint32_t PT_GNU_EH_FRAME = 0x6474e550, PT_GNU_STACK = 0x6474e551,
                               PT_GNU_RELRO = 0x6474e552, PT_GNU_PROPERTY = 0x6474e553;
// p_flags
inline constexpr std::uint32_t PF_X = 1, PF_W = 2, PF_R = 4;
// d_tag
inline constexpr std::int64_t DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_RELA = 7,
                              DT_RELASZ = 8, DT_RELAENT = 9, DT_RELR = 36, DT_RELRSZ = 35,
                              DT_RELRENT = 37, DT_RELACOUNT = 0x6ffffff9;
// st_info types, st_shndx
inline constexpr unsigned char STT_FUNC = 2;
inline constexpr std::uint16_t SHN_UNDEF = 0;
// x86_64 relocation types
inline constexpr std::uint32_t R_X86_64_RELATIVE = 8;
// auxv types (include/uapi/linux/auxvec.h)
inline constexpr std::uint64_t AT_NULL = 0, AT_IGNORE = 1, AT_EXECFD = 2, AT_PHDR = 3, AT_PHENT = 4,
                               AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9,
                               AT_NOTELF = 10, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
                               AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
                               AT_BASE_PLATFORM = 24, AT_RANDOM = 25, AT_HWCAP2 = 26,
                               AT_RSEQ_FEATURE_SIZE = 27, AT_RSEQ_ALIGN = 28, AT_EXECFN = 31,
                               AT_SYSINFO_EHDR = 33, AT_MINSIGSTKSZ = 51;

namespace detail {
// The names, as codes and one string rather than a table of pointers
// (which a static-PIE program such as ring3-load would relocate).
inline constexpr std::uint8_t aux_codes[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  11, 12, 13,
                                             14, 15, 16, 17, 23, 24, 25, 26, 27, 28, 31, 33, 51};
inline constexpr char aux_names[] =
    "AT_NULL\0AT_IGNORE\0AT_EXECFD\0AT_PHDR\0AT_PHENT\0AT_PHNUM\0AT_PAGESZ\0AT_BASE\0"
    "AT_FLAGS\0AT_ENTRY\0AT_UID\0AT_EUID\0AT_GID\0AT_EGID\0AT_PLATFORM\0AT_HWCAP\0"
    "AT_CLKTCK\0AT_SECURE\0AT_BASE_PLATFORM\0AT_RANDOM\0AT_HWCAP2\0AT_RSEQ_FEATURE_SIZE\0"
    "AT_RSEQ_ALIGN\0AT_EXECFN\0AT_SYSINFO_EHDR\0AT_MINSIGSTKSZ\0AT_?";
} // namespace detail

// "AT_PHDR", "AT_RANDOM", ...; "AT_?" for a type ring3 does not name.
constexpr const char* aux_name(std::uint64_t type) {
    const char* s = detail::aux_names;
    for (std::uint8_t code : detail::aux_codes) {
        if (code == type) return s;
        while (*s) ++s;
        ++s;
    }
    return s;
}

} // namespace ring3::elf
#include <ring3/detail/libc_macros_end.hpp>
