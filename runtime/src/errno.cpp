#include <ring3/errno.hpp>

namespace ring3 {
namespace {

struct ErrnoEntry {
    const char* name;
    const char* message;
};

// Indexed by errno number; entries Linux leaves unused stay null.
constexpr int max_errno = 133;
constexpr ErrnoEntry make_entry(int e) {
    switch (e) {
#define RING3_ERRNO(num, id, name, message) \
    case num: return {name, message};
#include <ring3/detail/errno_table.inc>
#undef RING3_ERRNO
    default: return {nullptr, nullptr};
    }
}

struct ErrnoTable {
    ErrnoEntry entries[max_errno + 1];
    constexpr ErrnoTable() : entries() {
        for (int e = 0; e <= max_errno; ++e) entries[e] = make_entry(e);
    }
};

constexpr ErrnoTable table;

} // namespace

Str errno_name(int e) {
    if (e < 0 || e > max_errno || table.entries[e].name == nullptr) return "E?";
    return table.entries[e].name;
}

Str errno_message(int e) {
    if (e == 0) return "Success";
    if (e < 0 || e > max_errno || table.entries[e].message == nullptr) return "Unknown error";
    return table.entries[e].message;
}

} // namespace ring3
