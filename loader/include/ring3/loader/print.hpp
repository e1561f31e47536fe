// How ring3-load prints: its messages and its --trace and --dry-run tables
// go through the runtime's OutStream (ring3/stream.hpp), like every ring3
// program's output. This adds what the tables need: addresses, sizes and
// protections as printable values, padding to a column, and format_to, a
// compact way to write a table row (ring3-load must stay small).
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/stream.hpp>

namespace ring3::loader {

// An address as the tables show it: 0x and 12 hex digits (user space
// fits in 47 bits).
struct Addr {
    std::uint64_t v;
};
// A size in bytes, in the largest unit that divides it evenly: "4 KiB",
// "1 MiB", "4080 B".
struct Size {
    std::uint64_t bytes;
};
// "r-x" from PROT_READ/WRITE/EXEC bits, "---" for none.
struct Prot {
    unsigned bits;
};
void print_to(OutStream& s, Addr a);
void print_to(OutStream& s, Size z);
void print_to(OutStream& s, Prot p);

// The n-th string of a NUL-separated list ("a\0b\0c"): a table of strings
// without a table of pointers (which ring3-load would relocate at every
// start).
const char* nth(const char* list, unsigned n);

// Spaces up to column `col` of the current line (at least one).
void pad_to(OutStream& s, std::size_t col);

// printf-like, with numbered arguments so that one table of strings can
// use them in any order: %d3 is args[3] in decimal, %x3 in hex (0x...),
// %a3 as an Addr, %z3 as a Size, %p3 as a Prot, %s3 the C string args[3]
// points to, %q3 the same quoted and cut at 60 characters, %f3 the format
// string args[3] points to, over the same args; %|40 pads to column 40;
// %% is a percent sign. One call per line keeps ring3-load small: each
// `<<` is a call of its own.
void format_to(OutStream& s, const char* f, const std::uint64_t* args);

} // namespace ring3::loader
