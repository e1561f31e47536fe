// ring3-load --trace and --dry-run: readable tables of what the loader
// does, for people learning how a program is mapped. Pure formatting over
// the Image, the Plan and the built stack.
#pragma once

#include <cstdint>
#include <ring3/elf.hpp>
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/print.hpp>
#include <ring3/loader/stack.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

// Whether an auxv entry is a count or a number (printed in decimal:
// AT_PAGESZ 4096, AT_UID 1000) rather than an address or a set of bits
// (hex). --trace, the stack picture and maps all print them so.
constexpr bool aux_is_number(std::uint64_t type) {
    return type == elf::AT_PHENT || type == elf::AT_PHNUM || type == elf::AT_PAGESZ ||
           (type >= elf::AT_FLAGS && type != elf::AT_ENTRY && type != elf::AT_PLATFORM &&
            type != elf::AT_HWCAP && type != elf::AT_BASE_PLATFORM && type != elf::AT_RANDOM &&
            type != elf::AT_HWCAP2 && type != elf::AT_EXECFN && type != elf::AT_SYSINFO_EHDR);
}

// What kind of program this is and where its pieces are; `interpreter`:
// the program's interpreter (PT_INTERP), placed by the kernel's mmap.
void trace_image(OutStream& t, Str path, const Image& img, const Plan& plan,
                 bool interpreter = false);
// One row of the plan's table, for each step as the planner hands it
// over; the gaps that stay reserved get rows of their own. `next` starts
// at 0 and tracks which segment's steps begin next.
void trace_step(OutStream& t, const Image& img, const Plan& plan, const MapStep& step,
                unsigned* next);
// The initial stack, from the buffer build_stack filled (`buf` holds the
// run-time addresses [addr, layout.top)), and the auxv in it.
void trace_stack(OutStream& t, const StackSpec& spec, const StackLayout& layout,
                 const unsigned char* buf, std::uint64_t addr);
// The last line: the jump.
void trace_jump(OutStream& t, std::uint64_t entry, std::uint64_t sp);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
