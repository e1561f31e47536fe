// #! line parsing (script.hpp), the rules of fs/binfmt_script.c.
#include <ring3/loader/script.hpp>

namespace ring3::loader {
namespace {

constexpr bool space_or_tab(char c) { return c == ' ' || c == '\t'; }
constexpr bool terminator(char c) { return c == ' ' || c == '\t' || c == 0; }

} // namespace

bool parse_shebang(Bytes head, Shebang* out) {
    // The kernel's buffer: the first 256 bytes, zeros past the end of a
    // shorter file. Reading a zero is reading past `n`.
    std::size_t n = head.size() < shebang_bytes ? head.size() : shebang_bytes;
    const char* b = reinterpret_cast<const char*>(head.data());
    auto at = [&](std::size_t i) { return i < n ? b[i] : '\0'; };
    if (at(0) != '#' || at(1) != '!') return false;
    // The line ends at the first newline within the 256 bytes; without
    // one, before the buffer's last byte, and only if the interpreter's
    // path ends before that (a space, tab or NUL follows it): otherwise
    // the path may have been cut.
    constexpr std::size_t buf_end = shebang_bytes - 1;
    std::size_t end = 2;
    while (end < shebang_bytes && at(end) != '\n') ++end;
    if (end == shebang_bytes) {
        std::size_t i = 2;
        while (i < buf_end && space_or_tab(at(i))) ++i;
        if (i == buf_end) return false;
        while (i < buf_end && !terminator(at(i))) ++i;
        if (i == buf_end) return false;
        end = buf_end;
    }
    while (end > 2 && space_or_tab(at(end - 1))) --end;
    std::size_t i = 2;
    while (i < end && space_or_tab(at(i))) ++i;
    std::size_t name = i;
    while (i < end && !terminator(at(i))) ++i;
    if (i == name) return false;
    out->interpreter = Str(b + name, i - name);
    out->argument = Str();
    // A NUL ends the path with no argument; the argument, a C string,
    // stops at a NUL too.
    if (i == end || at(i) == 0) return true;
    while (i < end && space_or_tab(at(i))) ++i;
    std::size_t arg = i;
    while (i < end && at(i) != 0) ++i;
    out->argument = Str(b + arg, i - arg);
    return true;
}

} // namespace ring3::loader

namespace ring3::loader {

bool prepend_interpreter(ArgvPrefix* prefix, const char* interpreter, const char* argument,
                         const char* script_path) {
    bool has_argument = argument && *argument;
    unsigned add = has_argument ? 2 : 1; // argv[0] is replaced, not kept
    constexpr unsigned capacity = sizeof prefix->items / sizeof prefix->items[0];
    if (prefix->count == 0 || prefix->count + add > capacity) return false;
    for (unsigned i = prefix->count; i-- > 1;) prefix->items[i + add] = prefix->items[i];
    prefix->items[0] = interpreter;
    if (has_argument) prefix->items[1] = argument;
    prefix->items[add] = script_path;
    prefix->count += add;
    return true;
}

} // namespace ring3::loader
