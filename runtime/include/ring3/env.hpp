// The process environment: arguments, environment variables and the
// auxiliary vector the kernel passed (see process.hpp for the raw view).
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstdint>
#include <ring3/process.hpp>
#include <ring3/str.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3 {

// The value of environment variable `name`, or nullptr when it is unset.
// (A variable set to the empty string returns "", not nullptr.)
const char* getenv(Str name);

// The value of auxv entry `type` (elf::AT_PAGESZ, AT_RANDOM, ...), or 0
// when the kernel did not pass it, as getauxval(3) does.
std::uint64_t getauxval(std::uint64_t type);

// Name-based lookups over any envp/auxv, for code that has them in hand
// (the loader, hosted tests).
const char* find_env(char* const* envp, Str name);
std::uint64_t find_aux(const AuxEntry* auxv, std::uint64_t type);

} // namespace ring3

// The C library names, for code written against <stdlib.h>/<sys/auxv.h>.
extern "C" {
char* getenv(const char* name) noexcept;
unsigned long getauxval(unsigned long type) noexcept;
}
#include <ring3/detail/libc_macros_end.hpp>
