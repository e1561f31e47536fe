#include <ring3/loader/print.hpp>

namespace ring3::loader {

void print_to(OutStream& s, Addr a) { s << hex(a.v).prefix().fill('0').width(14); }

void print_to(OutStream& s, Size z) {
    // Characters, not pointers: a table of pointers would be relocated at
    // every start of ring3-load.
    static constexpr char units[][5] = {" B", " KiB", " MiB", " GiB"};
    std::uint64_t v = z.bytes;
    unsigned u = 0;
    while (u < 3 && v != 0 && v % 1024 == 0) {
        v /= 1024;
        ++u;
    }
    s << dec(v) << units[u];
}

void print_to(OutStream& s, Prot p) {
    s.append(p.bits & 1 ? 'r' : '-');
    s.append(p.bits & 2 ? 'w' : '-');
    s.append(p.bits & 4 ? 'x' : '-');
}

const char* nth(const char* list, unsigned n) {
    while (n--) list += cstr_len(list) + 1;
    return list;
}

void pad_to(OutStream& s, std::size_t col) {
    std::size_t at = s.column();
    s.append_fill(' ', at < col ? col - at : 1);
}

void print_layout_unchecked(OutStream& s, const char* f, const std::uint64_t* args) {
    for (; *f; ++f) {
        if (*f != '%') {
            s.append(*f);
            continue;
        }
        char conv = *++f;
        if (conv == '%') {
            s.append('%');
            continue;
        }
        if (conv == '|') {
            pad_to(s, static_cast<std::size_t>(f[1] - '0') * 10 +
                          static_cast<std::size_t>(f[2] - '0'));
            f += 2;
            continue;
        }
        std::uint64_t v = args[*++f - '0'];
        const char* text = reinterpret_cast<const char*>(v);
        switch (conv) {
        case 'd':
            s << dec(v); // the one integer path ring3-load links
            break;
        case 'x':
            s << hex(v).prefix();
            break;
        case 'a':
            print_to(s, Addr{v});
            break;
        case 'z':
            print_to(s, Size{v});
            break;
        case 'p':
            print_to(s, Prot{static_cast<unsigned>(v)});
            break;
        case 's':
            s << text;
            break;
        case 'f':
            print_layout_unchecked(s, text, args);
            break;
        case 'q': {
            std::size_t n = 0;
            while (text[n] && n < 60) ++n;
            s << '"' << Str(text, n) << (text[n] ? "...\"" : "\"");
            break;
        }
        default:
            break;
        }
    }
}

} // namespace ring3::loader
