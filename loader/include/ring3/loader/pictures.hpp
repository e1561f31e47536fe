// The pictures themselves: pure functions from what a program gathered to
// a Picture (ring3/loader/picture.hpp), unit-tested hosted
// (tests/unit/test_pictures.cpp). The programs only gather and draw.
#pragma once

#include <cstdint>
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/picture.hpp>
#include <ring3/loader/stack.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

// elfinfo --picture: the file on the left, memory on the right, one arrow
// per PT_LOAD, from the plan ring3-load follows (at bias 0: link-time
// addresses). `name` titles it.
void elf_picture(Picture* p, Str name, std::uint64_t file_size, const Image& img);

// maps --picture: the address space top to bottom, one row per line of
// /proc/PID/maps, the gaps between them squashed into one row each.
struct MapsEntry {
    std::uint64_t lo, hi, offset;
    Str path;      // "" for anonymous memory
    Str role;      // what it is, in words ("the stack", "this program's code")
    char perms[5]; // "r-xp"
    Tint tint;
};
// `e` in the order of /proc/PID/maps (ascending addresses).
void maps_picture(Picture* p, const MapsEntry* e, int n);
// The tint of a mapping from its permissions and path.
Tint maps_tint(const char* perms, Str path);

// maps --stack-picture: the initial stack at the entry point, high to
// low, from what build_stack made (`buf` holds [addr, layout.top)) or
// from a live process's own stack (buf at addr). `path_on_top`: the
// kernel's layout, where the AT_EXECFN string sits above the argument
// strings (fs/binfmt_elf.c: bprm->filename is copied first); ring3-load
// puts it below them.
void stack_picture(Picture* p, const StackSpec& spec, const StackLayout& layout,
                   const unsigned char* buf, std::uint64_t addr, bool path_on_top = false);

// pagefaults --picture: one character (or SVG square) per page. Each
// state byte is a set of PageBits.
enum PageBits : std::uint8_t { page_touched = 1, page_mapped = 2, page_resident = 4 };
struct FaultBar {
    Str label;                  // "after reading page 0"
    const std::uint8_t* states; // one per page
};
// `chunk`: fault-around's size in pages (16), marked on the ruler.
void draw_fault_bars(OutStream& out, Str title, const FaultBar* bars, int n, std::size_t pages,
                     std::size_t chunk, PictureForm form);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
