// <ctype.h> in the C locale (C17 7.4; POSIX's "POSIX locale" classes).
// The class bits are glibc's (<ctype.h>'s _ISupper, ...), so that code
// compiled against glibc's headers, which reads the table through
// __ctype_b_loc() itself, gets the same answers as from the functions.
#include "ctype.hpp"

#include <ctype.h>

namespace ring3::libc {
namespace {

constexpr bool upper(int c) { return c >= 'A' && c <= 'Z'; }
constexpr bool lower(int c) { return c >= 'a' && c <= 'z'; }
constexpr bool digit(int c) { return c >= '0' && c <= '9'; }
constexpr bool space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
constexpr bool print(int c) { return c >= 0x20 && c < 0x7f; }

constexpr unsigned short classes(int c) {
    unsigned v = 0;
    if (upper(c)) v |= _ISupper;
    if (lower(c)) v |= _ISlower;
    if (upper(c) || lower(c)) v |= _ISalpha | _ISalnum;
    if (digit(c)) v |= _ISdigit | _ISxdigit | _ISalnum;
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) v |= _ISxdigit;
    if (space(c)) v |= _ISspace;
    if (print(c)) v |= _ISprint;
    if (print(c) && c != ' ') v |= _ISgraph;
    if (c == ' ' || c == '\t') v |= _ISblank;
    if ((c >= 0 && c < 0x20) || c == 0x7f) v |= _IScntrl;
    if (print(c) && c != ' ' && !upper(c) && !lower(c) && !digit(c)) v |= _ISpunct;
    return static_cast<unsigned short>(v);
}

// Indexed from -128: entry i is for the value i - 128. Bytes above 127
// belong to no class in the C locale; the negative values are what a
// signed char holding such a byte reads as.
template <class T, class F>
struct Table {
    T entries[384];
    constexpr explicit Table(F f) : entries() {
        for (int i = 0; i < 384; ++i) entries[i] = f(i - 128);
    }
};

constexpr auto class_of = [](int c) { return c < 0 ? static_cast<unsigned short>(0) : classes(c); };
// glibc maps a negative value (a signed char's byte above 127) to the byte
// itself, as unsigned: -128 -> 128; except EOF (-1), which stays EOF.
constexpr int mapped_lower(int c) { return c < -1 ? c + 256 : upper(c) ? c + 32 : c; }
constexpr int mapped_upper(int c) { return c < -1 ? c + 256 : lower(c) ? c - 32 : c; }
constexpr auto lower_of = [](int c) { return static_cast<std::int32_t>(mapped_lower(c)); };
constexpr auto upper_of = [](int c) { return static_cast<std::int32_t>(mapped_upper(c)); };

constexpr Table<unsigned short, decltype(class_of)> class_table(class_of);
constexpr Table<std::int32_t, decltype(lower_of)> lower_table(lower_of);
constexpr Table<std::int32_t, decltype(upper_of)> upper_table(upper_of);

int is(int c, unsigned mask) {
    if (c < -128 || c > 255) return 0;
    return class_table.entries[c + 128] & mask;
}

} // namespace

int isalnum(int c) noexcept { return is(c, _ISalnum); }
int isalpha(int c) noexcept { return is(c, _ISalpha); }
int isblank(int c) noexcept { return is(c, _ISblank); }
int iscntrl(int c) noexcept { return is(c, _IScntrl); }
int isdigit(int c) noexcept { return is(c, _ISdigit); }
int isgraph(int c) noexcept { return is(c, _ISgraph); }
int islower(int c) noexcept { return is(c, _ISlower); }
int isprint(int c) noexcept { return is(c, _ISprint); }
int ispunct(int c) noexcept { return is(c, _ISpunct); }
int isspace(int c) noexcept { return is(c, _ISspace); }
int isupper(int c) noexcept { return is(c, _ISupper); }
int isxdigit(int c) noexcept { return is(c, _ISxdigit); }
int isascii(int c) noexcept { return (c & ~0x7f) == 0; }
int toascii(int c) noexcept { return c & 0x7f; }
int tolower(int c) noexcept { return c >= -128 && c < 256 ? mapped_lower(c) : c; }
int toupper(int c) noexcept { return c >= -128 && c < 256 ? mapped_upper(c) : c; }

// The pointers are set on each call rather than initialised in data, so
// that static-PIE programs need no relocation for them.
const unsigned short** ctype_b_loc() noexcept {
    static const unsigned short* table;
    table = class_table.entries + 128;
    return &table;
}
const std::int32_t** ctype_tolower_loc() noexcept {
    static const std::int32_t* table;
    table = lower_table.entries + 128;
    return &table;
}
const std::int32_t** ctype_toupper_loc() noexcept {
    static const std::int32_t* table;
    table = upper_table.entries + 128;
    return &table;
}

} // namespace ring3::libc
