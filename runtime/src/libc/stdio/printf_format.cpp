// printf's formatting language into memory (C17 7.21.6.1): snprintf,
// vsnprintf, sprintf, vsprintf, with glibc's output byte for byte.
//
// Conversions: d i u o x X c s p n %, flags - + space # 0, width and
// precision (numbers or *), length modifiers hh h l ll j z t L; and f F e E
// g G a A for double and long double. Floating-point output is exact: the
// value m * 2^e becomes the integer m * 5^-e (or m * 2^e) in a big integer
// (runtime/src/big_integer.hpp), whose decimal digits are the value's, all
// of them; rounding to the precision then looks at real digits, ties to
// even, as glibc does in the default rounding mode. The same code serves
// double (53-bit significand) and x87's long double (64).
#include "stdio.hpp"

#include "../../big_integer.hpp"

#include <cstdint>

namespace ring3::libc {
namespace {

using u64 = std::uint64_t;
using detail::BigInteger;

// Where the output goes: the first cap bytes are stored, all are counted.
struct Out {
    char* buf;
    size_t cap;
    size_t count = 0;

    void put(char c) {
        if (count < cap) buf[count] = c;
        ++count;
    }
    void put(const char* s, size_t n) {
        for (size_t i = 0; i < n; ++i) put(s[i]);
    }
    void repeat(char c, long n) {
        for (; n > 0; --n) put(c);
    }
};

enum class Length { none, hh, h, l, ll, j, z, t, L };

struct Spec {
    bool left = false, plus = false, space = false, alt = false, zero = false;
    long width = 0;
    long precision = -1; // -1: none given
    Length length = Length::none;
    char conv = 0;
};

// The arguments, copied so that helpers can take them by reference.
struct Args {
    va_list ap;
};

// Sign or prefix, zeros, body, and the padding the width asks for.
void emit(Out& out, const Spec& s, const char* prefix, size_t prefix_len, long zeros,
          const char* body, size_t body_len, long trailing_zeros = 0) {
    long len = static_cast<long>(prefix_len + body_len) + zeros + trailing_zeros;
    long pad = s.width > len ? s.width - len : 0;
    if (!s.left) out.repeat(' ', pad);
    out.put(prefix, prefix_len);
    out.repeat('0', zeros);
    out.put(body, body_len);
    out.repeat('0', trailing_zeros);
    if (s.left) out.repeat(' ', pad);
}

void format_integer(Out& out, const Spec& s, u64 magnitude, bool negative, bool pointer = false) {
    unsigned base = 10;
    bool upper = s.conv == 'X';
    if (s.conv == 'o') base = 8;
    if (s.conv == 'x' || s.conv == 'X') base = 16;
    const char* digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    size_t n = 0;
    for (u64 v = magnitude; v != 0; v /= base) tmp[sizeof tmp - 1 - n++] = digit_chars[v % base];
    long precision = s.precision < 0 ? 1 : s.precision;
    long zeros = precision > static_cast<long>(n) ? precision - static_cast<long>(n) : 0;
    // '#' with o: the first digit is a 0.
    if (s.alt && base == 8 && zeros == 0 && (n == 0 || tmp[sizeof tmp - n] != '0')) zeros = 1;
    char prefix[3];
    size_t prefix_len = 0;
    // %p takes + and space as the signed conversions do (glibc).
    if (s.conv == 'd' || s.conv == 'i' || pointer) {
        if (negative)
            prefix[prefix_len++] = '-';
        else if (s.plus)
            prefix[prefix_len++] = '+';
        else if (s.space)
            prefix[prefix_len++] = ' ';
    }
    if (s.alt && base == 16 && magnitude != 0) {
        prefix[prefix_len++] = '0';
        prefix[prefix_len++] = upper ? 'X' : 'x';
    }
    if (s.zero && !s.left && s.precision < 0) {
        long len = static_cast<long>(prefix_len + n) + zeros;
        if (s.width > len) zeros += s.width - len;
    }
    emit(out, s, prefix, prefix_len, zeros, tmp + sizeof tmp - n, n);
}

// ---------------------------------------------------------------------------
// Floating point.

struct Decomposed {
    bool negative = false;
    enum Kind { finite, infinite, nan } kind = finite;
    u64 m = 0; // value = m * 2^e
    int e = 0;
    bool long_double = false;
};

Decomposed decompose(double v) {
    u64 bits = __builtin_bit_cast(u64, v);
    Decomposed d;
    d.negative = bits >> 63;
    int exp = static_cast<int>((bits >> 52) & 0x7ff);
    u64 frac = bits & ((u64{1} << 52) - 1);
    if (exp == 0x7ff) {
        d.kind = frac ? Decomposed::nan : Decomposed::infinite;
    } else if (exp == 0) {
        d.m = frac;
        d.e = -1074;
    } else {
        d.m = frac | (u64{1} << 52);
        d.e = exp - 1075;
    }
    return d;
}

struct X87 {
    u64 significand;
    std::uint16_t sign_exponent;
    std::uint16_t pad[3];
};

Decomposed decompose(long double v) {
    auto x = __builtin_bit_cast(X87, v);
    Decomposed d;
    d.long_double = true;
    d.negative = x.sign_exponent >> 15;
    int exp = x.sign_exponent & 0x7fff;
    if (exp == 0x7fff) {
        d.kind = (x.significand << 1) ? Decomposed::nan : Decomposed::infinite;
    } else {
        d.m = x.significand;
        d.e = exp == 0 ? -16445 : exp - 16383 - 63;
    }
    return d;
}

// The exact decimal digits of m * 2^e: value = 0.DIGITS * 10^point, with
// no leading or trailing zeros (count 0 for zero).
struct Digits {
    static constexpr int capacity = 12000; // a long double has at most 11,500
    char d[capacity];
    int count = 0;
    int point = 0;
};

void exact_digits(u64 m, int e, Digits& out) {
    out.count = 0;
    out.point = 0;
    if (m == 0) return;
    static BigInteger n; // 10 KiB: static rather than on the stack
    n.set(m);
    if (e >= 0)
        n.shift_left(e);
    else
        n.mul_pow5(-e); // m * 2^e = m * 5^-e / 10^-e
    // Nine digits at a time, least significant first, then reversed.
    char rev[Digits::capacity + 9];
    int len = 0;
    while (!n.is_zero()) {
        std::uint32_t chunk = n.divide_small(1000000000);
        for (int i = 0; i < 9; ++i) {
            rev[len++] = static_cast<char>('0' + chunk % 10);
            chunk /= 10;
        }
    }
    while (len > 0 && rev[len - 1] == '0') --len;
    out.point = len + (e < 0 ? e : 0);
    int first_nonzero = 0;
    while (first_nonzero < len && rev[first_nonzero] == '0') ++first_nonzero;
    out.count = len - first_nonzero;
    for (int i = 0; i < out.count; ++i) out.d[i] = rev[len - 1 - i];
}

// Keeps the first `keep` digits, rounding to nearest with ties to even.
void round_digits(Digits& x, long keep) {
    if (keep >= x.count) return;
    if (keep < 0) {
        x.count = 0;
        return;
    }
    char next = x.d[keep];
    bool beyond = x.count > keep + 1; // trailing zeros are gone: beyond is nonzero
    bool up = next > '5' || (next == '5' && (beyond || (keep > 0 && ((x.d[keep - 1] - '0') & 1))));
    x.count = static_cast<int>(keep);
    if (up) {
        long i = keep - 1;
        while (i >= 0 && x.d[i] == '9') --i;
        if (i < 0) { // 999 -> 1000
            x.d[0] = '1';
            x.count = 1;
            ++x.point;
            return;
        }
        ++x.d[i];
        x.count = static_cast<int>(i + 1);
    }
    while (x.count > 0 && x.d[x.count - 1] == '0') --x.count;
}

char digit_at(const Digits& x, long i) { return i >= 0 && i < x.count ? x.d[i] : '0'; }

// The body of %f (after the sign): integer part, point, precision digits.
// Written into buf; returns its length.
size_t fixed_body(const Digits& x, long precision, bool point, char* buf) {
    size_t n = 0;
    if (x.point <= 0 || x.count == 0)
        buf[n++] = '0';
    else
        for (long i = 0; i < x.point; ++i) buf[n++] = digit_at(x, i);
    if (precision > 0 || point) buf[n++] = '.';
    for (long i = 0; i < precision; ++i) buf[n++] = digit_at(x, (x.count ? x.point : 0) + i);
    return n;
}

size_t exponent_body(const Digits& x, long precision, bool point, char e_char, char* buf) {
    size_t n = 0;
    buf[n++] = x.count ? x.d[0] : '0';
    if (precision > 0 || point) buf[n++] = '.';
    for (long i = 1; i <= precision; ++i) buf[n++] = digit_at(x, i);
    long exp = x.count ? x.point - 1 : 0;
    buf[n++] = e_char;
    buf[n++] = exp < 0 ? '-' : '+';
    u64 ae = static_cast<u64>(exp < 0 ? -exp : exp);
    char tmp[8];
    int k = 0;
    do {
        tmp[k++] = static_cast<char>('0' + ae % 10);
        ae /= 10;
    } while (ae);
    if (k < 2) tmp[k++] = '0';
    while (k > 0) buf[n++] = tmp[--k];
    return n;
}

// The body of %a: 0x, the leading hex digit, the fraction, p and exponent.
size_t hex_body(const Decomposed& v, long precision, bool alt, bool upper, char* buf,
                size_t& prefix_len) {
    const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    // double: 1.(13 hex digits), subnormals 0.(13 digits) p-1022;
    // long double: glibc's layout, the significand's top 4 bits first.
    int frac_digits = v.long_double ? 15 : 13;
    u64 lead, frac;
    long exp;
    if (v.m == 0) {
        lead = 0;
        frac = 0;
        exp = 0;
    } else if (v.long_double) {
        lead = v.m >> 60;
        frac = v.m & ((u64{1} << 60) - 1);
        exp = v.e + 60;
    } else if (v.m >> 52) {
        lead = 1;
        frac = v.m & ((u64{1} << 52) - 1);
        exp = v.e + 52;
    } else {
        lead = 0;
        frac = v.m;
        exp = -1022;
    }
    int digits = frac_digits;
    if (precision < 0) {
        while (digits > 0 && ((frac >> (4 * (frac_digits - digits))) & 0xf) == 0) --digits;
    } else if (precision < frac_digits) {
        int shift = 4 * (frac_digits - static_cast<int>(precision));
        u64 kept = frac >> shift, rest = frac & ((u64{1} << shift) - 1),
            half = u64{1} << (shift - 1);
        if (rest > half || (rest == half && ((precision > 0 ? kept : lead) & 1))) ++kept;
        if (precision == 0 ? kept != 0 : (kept >> (4 * precision)) != 0) {
            ++lead;
            kept = precision == 0 ? 0 : kept & ((u64{1} << (4 * precision)) - 1);
        }
        frac = kept << shift;
        digits = static_cast<int>(precision);
    } else {
        digits = static_cast<int>(precision);
    }
    if (lead == 16) { // long double 0xf... rounded up: 0x10 is written 0x1, four places up
        lead = 1;
        frac = 0;
        exp += 4;
    }
    size_t n = 0;
    buf[n++] = '0';
    buf[n++] = upper ? 'X' : 'x';
    prefix_len = 2;
    buf[n++] = hex[lead];
    if (digits > 0 || alt) buf[n++] = '.';
    for (int i = 0; i < digits; ++i)
        buf[n++] = i < frac_digits ? hex[(frac >> (4 * (frac_digits - 1 - i))) & 0xf] : '0';
    buf[n++] = upper ? 'P' : 'p';
    buf[n++] = exp < 0 ? '-' : '+';
    u64 ae = static_cast<u64>(exp < 0 ? -exp : exp);
    char tmp[8];
    int k = 0;
    do {
        tmp[k++] = static_cast<char>('0' + ae % 10);
        ae /= 10;
    } while (ae);
    while (k > 0) buf[n++] = tmp[--k];
    return n;
}

void format_float(Out& out, const Spec& s, const Decomposed& v) {
    bool upper = s.conv >= 'A' && s.conv <= 'Z';
    char sign[1];
    size_t sign_len = 0;
    if (v.negative)
        sign[sign_len++] = '-';
    else if (s.plus)
        sign[sign_len++] = '+';
    else if (s.space)
        sign[sign_len++] = ' ';
    if (v.kind != Decomposed::finite) {
        const char* word =
            v.kind == Decomposed::nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        char body[4] = {sign_len ? sign[0] : '\0', word[0], word[1], word[2]};
        emit(out, s, "", 0, 0, sign_len ? body : body + 1, sign_len + 3);
        return;
    }
    // Bodies: up to the integer digits of the largest long double (4933),
    // the precision is written as trailing zeros beyond what is stored.
    static char body[Digits::capacity + 64];
    size_t n = 0, prefix_len = 0;
    long extra_zeros = 0; // precision digits beyond the buffer, all zeros
    char conv = static_cast<char>(s.conv | 0x20);
    if (conv == 'a') {
        n = hex_body(v, s.precision, s.alt, upper, body, prefix_len);
    } else {
        static Digits x;
        exact_digits(v.m, v.e, x);
        long precision = s.precision < 0 ? 6 : s.precision;
        // Digits past the value's last nonzero one are zeros: cap what goes
        // into the buffer, write the rest as padding.
        constexpr long max_precision = 6000;
        if (conv == 'f') {
            round_digits(x, x.point + precision);
            long stored = precision > max_precision ? max_precision : precision;
            extra_zeros = precision - stored;
            n = fixed_body(x, stored, s.alt || extra_zeros > 0, body);
        } else if (conv == 'e') {
            round_digits(x, precision + 1);
            long stored = precision > max_precision ? max_precision : precision;
            n = exponent_body(x, stored, s.alt, upper ? 'E' : 'e', body);
            if (precision > stored) { // the zeros go before the exponent
                size_t e_at = n;
                while (body[e_at - 1] != (upper ? 'E' : 'e')) --e_at;
                --e_at;
                long more = precision - stored;
                for (size_t i = n; i-- > e_at;) body[i + more] = body[i];
                for (long i = 0; i < more; ++i) body[e_at + i] = '0';
                n += more;
            }
        } else { // g
            long p = precision == 0 ? 1 : precision;
            if (p > max_precision) p = max_precision;
            round_digits(x, p);
            long exp = x.count ? x.point - 1 : 0;
            if (exp < p && exp >= -4) {
                n = fixed_body(x, p - 1 - exp, s.alt, body);
            } else {
                n = exponent_body(x, p - 1, s.alt, upper ? 'E' : 'e', body);
            }
            if (!s.alt) { // trailing zeros (and a bare point) go
                size_t point = 0, end = n;
                while (point < n && body[point] != '.') ++point;
                if (point < n) {
                    size_t e_at = point;
                    while (e_at < n && (body[e_at] | 0x20) != 'e') ++e_at;
                    size_t last = e_at;
                    while (last > point + 1 && body[last - 1] == '0') --last;
                    if (last == point + 1) last = point;
                    size_t k = last;
                    for (size_t i = e_at; i < end; ++i) body[k++] = body[i];
                    n = k;
                }
            }
        }
    }
    long zeros = 0;
    size_t total = sign_len + n + static_cast<size_t>(extra_zeros);
    if (s.zero && !s.left && s.width > static_cast<long>(total))
        zeros = s.width - static_cast<long>(total);
    // The sign, then "0x" for %a, then zeros, then the rest.
    char prefix[3];
    size_t plen = 0;
    if (sign_len) prefix[plen++] = sign[0];
    for (size_t i = 0; i < prefix_len; ++i) prefix[plen++] = body[i];
    emit(out, s, prefix, plen, zeros, body + prefix_len, n - prefix_len, extra_zeros);
}

// ---------------------------------------------------------------------------
// The format string.

const char* parse_spec(const char* f, Spec& s, Args& args) {
    for (;; ++f) {
        if (*f == '-')
            s.left = true;
        else if (*f == '+')
            s.plus = true;
        else if (*f == ' ')
            s.space = true;
        else if (*f == '#')
            s.alt = true;
        else if (*f == '0')
            s.zero = true;
        else if (*f == '\'') // grouping: none in the C locale
            continue;
        else
            break;
    }
    if (*f == '*') {
        int w = va_arg(args.ap, int);
        if (w < 0) {
            s.left = true;
            s.width = -static_cast<long>(w);
        } else {
            s.width = w;
        }
        ++f;
    } else {
        while (*f >= '0' && *f <= '9') s.width = s.width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
        ++f;
        if (*f == '*') {
            int p = va_arg(args.ap, int);
            s.precision = p < 0 ? -1 : p;
            ++f;
        } else {
            s.precision = 0;
            while (*f >= '0' && *f <= '9') s.precision = s.precision * 10 + (*f++ - '0');
        }
    }
    switch (*f) {
    case 'h':
        s.length = f[1] == 'h' ? Length::hh : Length::h;
        f += f[1] == 'h' ? 2 : 1;
        break;
    case 'l':
        s.length = f[1] == 'l' ? Length::ll : Length::l;
        f += f[1] == 'l' ? 2 : 1;
        break;
    case 'q':
        s.length = Length::ll;
        ++f;
        break;
    case 'j':
        s.length = Length::j;
        ++f;
        break;
    case 'z':
        s.length = Length::z;
        ++f;
        break;
    case 't':
        s.length = Length::t;
        ++f;
        break;
    case 'L':
        s.length = Length::L;
        ++f;
        break;
    default:
        break;
    }
    s.conv = *f;
    return f;
}

long long signed_arg(const Spec& s, Args& args) {
    switch (s.length) {
    case Length::hh:
        return static_cast<signed char>(va_arg(args.ap, int));
    case Length::h:
        return static_cast<short>(va_arg(args.ap, int));
    case Length::l:
    case Length::z:
    case Length::t:
        return va_arg(args.ap, long);
    case Length::ll:
    case Length::j:
    case Length::L:
        return va_arg(args.ap, long long);
    case Length::none:
        break;
    }
    return va_arg(args.ap, int);
}

unsigned long long unsigned_arg(const Spec& s, Args& args) {
    switch (s.length) {
    case Length::hh:
        return static_cast<unsigned char>(va_arg(args.ap, unsigned));
    case Length::h:
        return static_cast<unsigned short>(va_arg(args.ap, unsigned));
    case Length::l:
    case Length::z:
    case Length::t:
        return va_arg(args.ap, unsigned long);
    case Length::ll:
    case Length::j:
    case Length::L:
        return va_arg(args.ap, unsigned long long);
    case Length::none:
        break;
    }
    return va_arg(args.ap, unsigned);
}

void store_count(const Spec& s, Args& args, size_t count) {
    void* p = va_arg(args.ap, void*);
    switch (s.length) {
    case Length::hh:
        *static_cast<signed char*>(p) = static_cast<signed char>(count);
        break;
    case Length::h:
        *static_cast<short*>(p) = static_cast<short>(count);
        break;
    case Length::l:
    case Length::z:
    case Length::t:
        *static_cast<long*>(p) = static_cast<long>(count);
        break;
    case Length::ll:
    case Length::j:
    case Length::L:
        *static_cast<long long*>(p) = static_cast<long long>(count);
        break;
    case Length::none:
        *static_cast<int*>(p) = static_cast<int>(count);
        break;
    }
}

void format(Out& out, const char* f, Args& args) {
    while (*f) {
        if (*f != '%') {
            out.put(*f++);
            continue;
        }
        const char* start = f;
        Spec s;
        f = parse_spec(f + 1, s, args);
        switch (s.conv) {
        case 'd':
        case 'i': {
            long long v = signed_arg(s, args);
            u64 mag = v < 0 ? 0 - static_cast<u64>(v) : static_cast<u64>(v);
            format_integer(out, s, mag, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            format_integer(out, s, unsigned_arg(s, args), false);
            break;
        case 'c': {
            char c = static_cast<char>(va_arg(args.ap, int));
            emit(out, s, "", 0, 0, &c, 1);
            break;
        }
        case 's': {
            const char* str = va_arg(args.ap, const char*);
            if (str == nullptr) // glibc: "(null)" when the precision allows it all
                str = s.precision < 0 || s.precision >= 6 ? "(null)" : "";
            size_t n = 0;
            while ((s.precision < 0 || n < static_cast<size_t>(s.precision)) && str[n]) ++n;
            emit(out, s, "", 0, 0, str, n);
            break;
        }
        case 'p': {
            void* p = va_arg(args.ap, void*);
            if (p == nullptr) {
                Spec text = s;
                text.precision = -1;
                emit(out, text, "", 0, 0, "(nil)", 5);
            } else {
                Spec hex = s;
                hex.conv = 'x';
                hex.alt = true;
                format_integer(out, hex, reinterpret_cast<std::uintptr_t>(p), false, true);
            }
            break;
        }
        case 'n':
            store_count(s, args, out.count);
            break;
        case '%':
            out.put('%');
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            if (s.length == Length::L)
                format_float(out, s, decompose(va_arg(args.ap, long double)));
            else
                format_float(out, s, decompose(va_arg(args.ap, double)));
            break;
        case '\0': // a lone '%' at the end
            out.put(start, static_cast<size_t>(f - start));
            continue;
        default: // not a conversion: printed as written, as glibc does
            out.put(start, static_cast<size_t>(f + 1 - start));
            break;
        }
        ++f;
    }
}

} // namespace

int vsnprintf(char* __restrict buf, std::size_t n, const char* __restrict format_text,
              va_list ap) noexcept {
    Out out{buf, n ? n - 1 : 0};
    Args args;
    va_copy(args.ap, ap);
    format(out, format_text, args);
    va_end(args.ap);
    if (n) buf[out.count < n - 1 ? out.count : n - 1] = '\0';
    return static_cast<int>(out.count);
}

int snprintf(char* __restrict buf, std::size_t n, const char* __restrict format_text,
             ...) noexcept {
    va_list ap;
    va_start(ap, format_text);
    int r = vsnprintf(buf, n, format_text, ap);
    va_end(ap);
    return r;
}

int vsprintf(char* __restrict buf, const char* __restrict format_text, va_list ap) noexcept {
    return vsnprintf(buf, SIZE_MAX, format_text, ap);
}

int sprintf(char* __restrict buf, const char* __restrict format_text, ...) noexcept {
    va_list ap;
    va_start(ap, format_text);
    int r = vsnprintf(buf, SIZE_MAX, format_text, ap);
    va_end(ap);
    return r;
}

} // namespace ring3::libc
