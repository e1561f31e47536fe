// errno names and messages, stored compactly: every program that reports
// an error carries the messages, so they are one block of NUL-separated
// text indexed by 16-bit offsets (about 3.4 KB), instead of a table of
// pointers (which would also need relocating in static-PIE programs).
// The names are a separate table, linked only by programs that use them.
#include <ring3/errno.hpp>

#include <cstdint>

namespace ring3 {
namespace {

constexpr int max_errno = 133;

// Compile-time only: the strings in errno_table.inc, by number.
struct Entry {
    const char* name;
    const char* message;
};
constexpr Entry entry(int e) {
    switch (e) {
#define RING3_ERRNO(num, id, name, message)                                                        \
    case num:                                                                                      \
        return {name, message};
#include <ring3/detail/errno_table.inc>
#undef RING3_ERRNO
    default:
        return {nullptr, nullptr};
    }
}

constexpr std::size_t length(const char* s) { return s ? cstr_len(s) : 0; }

template <bool Names>
constexpr const char* field(int e) {
    return Names ? entry(e).name : entry(e).message;
}

template <bool Names>
constexpr std::size_t blob_size() {
    std::size_t n = 1; // offset 0: the empty string, for unused numbers
    for (int e = 0; e <= max_errno; ++e) n += field<Names>(e) ? length(field<Names>(e)) + 1 : 0;
    return n;
}

// The strings of one kind, back to back, and where each starts.
template <bool Names>
struct Packed {
    std::uint16_t offset[max_errno + 1] = {};
    char text[blob_size<Names>()] = {};

    constexpr Packed() {
        std::size_t at = 1;
        for (int e = 0; e <= max_errno; ++e) {
            const char* s = field<Names>(e);
            if (!s) continue;
            offset[e] = static_cast<std::uint16_t>(at);
            for (std::size_t i = 0; s[i]; ++i) text[at++] = s[i];
            text[at++] = '\0';
        }
    }
    Str get(int e) const {
        if (e < 0 || e > max_errno || offset[e] == 0) return {};
        return Str(text + offset[e]);
    }
};
static_assert(blob_size<false>() < 65536);

constexpr Packed<false> messages;
constexpr Packed<true> names;

} // namespace

Str errno_name(int e) {
    Str s = names.get(e);
    return s.empty() ? Str("E?") : s;
}

Str errno_message(int e) {
    if (e == 0) return "Success";
    Str s = messages.get(e);
    return s.empty() ? Str("Unknown error") : s;
}

} // namespace ring3
