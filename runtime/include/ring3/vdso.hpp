// The vDSO: the small shared object the kernel maps into every process
// (AT_SYSINFO_EHDR) so that clock_gettime and getrandom need no system
// call. sys::clock_gettime and sys::vgetrandom use it.
//
// RING3_NO_VDSO=1 in the environment makes the runtime ignore it (every
// call becomes the system call): valgrind, for one, cannot follow the
// vDSO's code.
#pragma once

#include <ring3/str.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::vdso {

// The address of the defined function `name` in the ELF image mapped at
// `image` (a loaded shared object: program headers, PT_DYNAMIC with
// DT_HASH, DT_SYMTAB, DT_STRTAB), or nullptr. Symbol versions are not
// checked: the x86_64 vDSO defines each name once (LINUX_2.6).
const void* find_symbol(const void* image, Str name);

// The process's vDSO image: AT_SYSINFO_EHDR, or nullptr when the kernel
// passed none or RING3_NO_VDSO=1 is set.
const void* image();

// Makes the runtime use `image` (nullptr: none) instead of asking the
// auxiliary vector, and forgets what it had resolved. For hosted tests,
// whose auxv the runtime does not see.
void use_image(const void* image);

} // namespace ring3::vdso
#include <ring3/detail/libc_macros_end.hpp>
