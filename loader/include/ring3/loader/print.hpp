// How ring3-load prints: its messages and its --trace and --dry-run tables
// go through the runtime's OutStream (ring3/stream.hpp), like every ring3
// program's output. This adds what the tables need: addresses, sizes and
// protections as printable values, padding to a column, and print_layout, a
// compact way to write a table row (ring3-load must stay small).
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/stream.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

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
// points to, %q3 the same quoted and cut at 60 characters, %f3 the layout
// string args[3] points to, over the same args; %|40 pads to column 40;
// %% is a percent sign. One call per line keeps ring3-load small: each
// `<<` is a call of its own. (Not std::format_to: a layout of its own.)
//
// A literal layout is checked at compile time against its arguments (see
// Layout); a layout chosen at run time from a table goes through
// print_layout_unchecked, its table checked by layouts_ok in a
// static_assert.
void print_layout_unchecked(OutStream& s, const char* f, const std::uint64_t* args);

// True when every conversion of `f` is one print_layout knows, names an
// argument below `n`, and every %| has two digits.
constexpr bool layout_ok(const char* f, std::size_t n) {
    for (; *f; ++f) {
        if (*f != '%') continue;
        char c = *++f;
        if (c == '%') continue;
        if (c == '|') {
            if (f[1] < '0' || f[1] > '9' || f[2] < '0' || f[2] > '9') return false;
            f += 2;
            continue;
        }
        bool known = false;
        for (const char* k = "dxazpsqf"; *k; ++k) known = known || *k == c;
        if (!known || f[1] < '0' || f[1] > '9' || static_cast<std::size_t>(f[1] - '0') >= n)
            return false;
        ++f;
    }
    return true;
}
// The same for each string of a NUL-separated table of `count` layouts.
constexpr bool layouts_ok(const char* list, std::size_t count, std::size_t n) {
    for (; count; --count) {
        if (!layout_ok(list, n)) return false;
        while (*list) ++list;
        ++list;
    }
    return true;
}

// Reached only when a layout fails its check, in a constant expression:
// that is the compile-time error.
void bad_layout_string_for_these_arguments();

// A literal layout over N arguments, checked where it is written.
template <std::size_t N>
struct Layout {
    const char* text;
    consteval Layout(const char* f) : text(f) {
        if (!layout_ok(f, N)) bad_layout_string_for_these_arguments();
    }
};
template <class T>
struct NotDeduced {
    using type = T;
};
template <std::size_t N>
[[gnu::always_inline]] inline void
print_layout(OutStream& s, typename NotDeduced<Layout<N>>::type f, const std::uint64_t (&args)[N]) {
    print_layout_unchecked(s, f.text, args);
}

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
