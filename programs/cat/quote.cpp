#include "quote.hpp"

using ring3::Str;

namespace cat {

namespace {

bool is_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Outside printable ASCII: escaped as $'\n' or $'\ooo'.
bool unprintable(unsigned char c) { return c < 32 || c >= 127; }

// Safe in a name left unquoted. '#' and '~' are special only at the
// start of a word, '{' and '}' only alone; ':' is quoted because
// messages use it as a separator.
bool bare_ok(unsigned char c, std::size_t i, std::size_t n) {
    if (is_alnum(c)) return true;
    switch (c) {
    case '%':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ']':
    case '_':
    case '@':
        return true;
    case '{':
    case '}':
        return n != 1;
    case '#':
    case '~':
        return i != 0;
    default:
        return false;
    }
}

// Allowed inside "..." when the name contains a single quote: GNU then
// prefers "it's" to 'it'\''s' if every byte is one of these.
bool double_quote_ok(unsigned char c, std::size_t i, std::size_t n) {
    if (is_alnum(c)) return true;
    switch (c) {
    case '%':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case ']':
    case '_':
    case '@':
    case ' ':
    case '\'':
        return true;
    case '#':
    case '~':
        return i == 0;
    case '{':
    case '}':
        return n == 1;
    default:
        return false;
    }
}

char escape_letter(unsigned char c) {
    switch (c) {
    case '\a':
        return 'a';
    case '\b':
        return 'b';
    case '\t':
        return 't';
    case '\n':
        return 'n';
    case '\v':
        return 'v';
    case '\f':
        return 'f';
    case '\r':
        return 'r';
    default:
        return 0;
    }
}

} // namespace

void print_to(ring3::OutStream& s, const Quoted& q) {
    const Str name = q.name;
    const std::size_t n = name.size();
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(name[i]); };

    bool bare = n > 0, has_quote = false, double_ok = true;
    for (std::size_t i = 0; i < n; ++i) {
        bare = bare && bare_ok(byte(i), i, n);
        has_quote = has_quote || byte(i) == '\'';
        double_ok = double_ok && double_quote_ok(byte(i), i, n);
    }
    if (bare) {
        s.append(name.data(), n);
        return;
    }
    if (has_quote && double_ok) {
        s.append('"');
        s.append(name.data(), n);
        s.append('"');
        return;
    }

    // Single quotes, with unprintable bytes in $'...' pieces. gnulib scans
    // a name containing a quote twice and does not reset its "a $'...'
    // piece is open" flag in between: when such a name ends with an
    // unprintable byte, GNU's output starts with an extra '' ('''a'\''b'$'\t').
    // Reproduced so that messages match.
    bool in_dollar = has_quote && unprintable(byte(n - 1));
    s.append('\'');
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char c = byte(i);
        if (unprintable(c)) {
            if (!in_dollar) {
                s.append("'$'", 3);
                in_dollar = true;
            }
            s.append('\\');
            if (char letter = escape_letter(c)) {
                s.append(letter);
            } else {
                s.append(static_cast<char>('0' + (c >> 6)));
                s.append(static_cast<char>('0' + ((c >> 3) & 7)));
                s.append(static_cast<char>('0' + (c & 7)));
            }
        } else if (c == '\'') {
            s.append("'\\''", 4);
            in_dollar = false;
        } else {
            if (in_dollar) {
                s.append("''", 2);
                in_dollar = false;
            }
            s.append(static_cast<char>(c));
        }
    }
    s.append('\'');
}

} // namespace cat
