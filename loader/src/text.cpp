#include <ring3/loader/text.hpp>

namespace ring3::loader {

void Text::put(char c) {
    if (len_ == cap_) {
        if (!sink_) return; // no sink: the text is cut
        flush();
    }
    buf_[len_++] = c;
    col_ = c == '\n' ? 0 : col_ + 1;
}

void Text::flush() {
    if (sink_ && len_ > 0) sink_(ctx_, str());
    len_ = 0;
}

Text& Text::operator<<(Str s) {
    for (char c : s) put(c);
    return *this;
}

Text& Text::operator<<(char c) {
    put(c);
    return *this;
}

Text& Text::dec(std::uint64_t v) {
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    while (n > 0) put(digits[--n]);
    return *this;
}

Text& Text::hex(std::uint64_t v, unsigned min_digits) {
    put('0');
    put('x');
    int n = 16;
    while (n > 1 && (v >> (4 * (n - 1))) == 0 && static_cast<unsigned>(n) > min_digits) --n;
    while (n > 0) put("0123456789abcdef"[(v >> (4 * --n)) & 15]);
    return *this;
}

Text& Text::size(std::uint64_t bytes) {
    if (bytes != 0 && bytes % (1ULL << 30) == 0) return dec(bytes >> 30) << " GiB";
    if (bytes != 0 && bytes % (1ULL << 20) == 0) return dec(bytes >> 20) << " MiB";
    if (bytes != 0 && bytes % (1ULL << 10) == 0) return dec(bytes >> 10) << " KiB";
    return dec(bytes) << " B";
}

Text& Text::prot(unsigned p) {
    put(p & 1 ? 'r' : '-');
    put(p & 2 ? 'w' : '-');
    put(p & 4 ? 'x' : '-');
    return *this;
}

Text& Text::pad_to(std::size_t col) {
    do put(' ');
    while (col_ < col);
    return *this;
}

Text& Text::format(const char* f, const std::uint64_t* args) {
    for (; *f; ++f) {
        if (*f != '%') {
            put(*f);
            continue;
        }
        char conv = *++f;
        if (conv == '%') {
            put('%');
            continue;
        }
        if (conv == '|') {
            pad_to(static_cast<std::size_t>(f[1] - '0') * 10 +
                   static_cast<std::size_t>(f[2] - '0'));
            f += 2;
            continue;
        }
        std::uint64_t v = args[*++f - '0'];
        const char* s = reinterpret_cast<const char*>(v);
        switch (conv) {
        case 'd':
            dec(v);
            break;
        case 'x':
            hex(v);
            break;
        case 'a':
            addr(v);
            break;
        case 'z':
            size(v);
            break;
        case 'p':
            prot(static_cast<unsigned>(v));
            break;
        case 's':
            *this << s;
            break;
        case 'f':
            format(s, args);
            break;
        case 'q': {
            put('"');
            std::size_t n = 0;
            for (; s[n] && n < 60; ++n) put(s[n]);
            *this << (s[n] ? "...\"" : "\"");
            break;
        }
        default:
            break;
        }
    }
    return *this;
}

} // namespace ring3::loader
