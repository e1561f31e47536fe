// The initial stack of a loaded program, built by a pure function into a
// buffer whose run-time address is given, so that the unit tests can
// compare it byte by byte.
//
// The layout is the one the kernel builds (fs/binfmt_elf.c,
// create_elf_tables; System V x86_64 ABI, section 3.4.1), from the final
// stack pointer up:
//
//     sp -> argc
//           argv[0] ... argv[argc-1], NULL
//           envp[0] ... NULL
//           auxv: (type, value) pairs ..., (AT_NULL, 0)
//           padding (zeros) so that sp is 16-byte aligned
//           a copy of the program headers, when no segment maps them
//           16 random bytes (AT_RANDOM)
//           the program's path (AT_EXECFN), NUL-terminated
//     end of the buffer
//
// The argument and environment strings are not copied: argv and envp
// point to the strings the kernel placed at the top of the stack for
// ring3-load, which stay where they are (the loader reuses its own
// stack, below its own frames).
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/process.hpp>
#include <ring3/str.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

// The auxv values that describe the loaded program rather than ring3-load.
struct ProgramAux {
    std::uint64_t phdr = 0; // run-time address of the program headers (0: copy them)
    std::uint64_t phent = 56;
    std::uint64_t phnum = 0;
    std::uint64_t entry = 0; // the program's entry point
    std::uint64_t base = 0;  // the interpreter's base; 0 for a static program
};

struct StackSpec {
    const char* const* argv = nullptr; // argc pointers, used as they are
    std::size_t argc = 0;
    const char* const* envp = nullptr; // envc pointers, used as they are
    std::size_t envc = 0;
    // ring3-load's own auxv, ending with AT_NULL: every entry is passed on
    // except those set for the program (AT_PHDR, AT_PHENT, AT_PHNUM,
    // AT_ENTRY, AT_BASE, AT_EXECFN, AT_RANDOM) and AT_EXECFD (ring3-load's
    // descriptor). Those the kernel did not pass are added, with AT_SECURE
    // (0) and AT_PAGESZ, which programs rely on.
    const AuxEntry* auxv = nullptr;
    ProgramAux program;
    Str execfn;   // copied onto the stack
    Bytes random; // 16 bytes, copied onto the stack
    Bytes phdrs;  // the program header table, copied when program.phdr is 0
};

// Where build_stack put things (run-time addresses), for --trace.
struct StackLayout {
    std::uint64_t sp = 0;
    std::uint64_t argv = 0, envp = 0, auxv = 0;
    std::size_t auxc = 0; // auxv entries, AT_NULL included
    std::uint64_t phdrs = 0, random = 0, execfn = 0;
    std::uint64_t top = 0; // end of the buffer
};

// How many bytes build_stack needs at most for `spec`.
std::size_t stack_bytes(const StackSpec& spec);

// Builds the stack at the top of buf[0, size), which will be at run-time
// address `addr`. False when `size` is too small (stack_bytes is enough).
bool build_stack(const StackSpec& spec, unsigned char* buf, std::size_t size, std::uint64_t addr,
                 StackLayout* out);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
