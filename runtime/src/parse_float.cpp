// parse_float (ring3/parse_float.hpp): text to float, double or long double,
// correctly rounded.
//
// The stages:
//   1. scan: the syntax only, recording where the digits are and the
//      exponent, so that the longest valid prefix is known before any
//      arithmetic;
//   2. fast path (Clinger): a decimal with at most 15 digits and a power of
//      ten up to 10^22 is one exact double divided or multiplied by
//      another, one correctly rounded operation;
//   3. exact path: the decimal's digits as a big integer D, the value being
//      D * 10^E. For E >= 0, D * 5^E is an integer whose top bits are the
//      significand. For E < 0, the top bits are the quotient of D * 2^s by
//      5^-E, found by long division, and the remainder says whether
//      anything was left over. Either way the result is q * 2^b with q
//      holding more bits than the format keeps and a flag for whether
//      anything nonzero lies below q: enough to round exactly;
//   4. round: to the format's precision, with its subnormals, overflow and
//      glibc's rule for ERANGE (tiny after rounding, and inexact), then
//      the bits assembled by hand.
// Hexadecimal input skips stage 3: its digits are binary already.
//
// Generic over the format: float (24-bit significand), double (53) and
// x87's long double (64) differ only in their Format constants. Digits
// beyond the 12000th are folded into a sticky "something follows": no
// halfway case of any of the three formats needs more (a long double
// halfway point has at most 11,564 significant digits).
#include <ring3/parse_float.hpp>

#include "big_integer.hpp"

using ring3::detail::BigInteger;

#include <cstdint>

namespace ring3 {
namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;
using u128 = unsigned __int128;

struct Format {
    int precision;       // significand bits, the leading one included
    int min_normal_exp;  // exponent of the smallest normal number's leading bit
    int max_exp;         // exponent of the largest finite number's leading bit
    int min_decimal_exp; // below 10^this the value rounds to zero
    int max_decimal_exp; // at or above 10^this it overflows
};

constexpr Format float_format{24, -126, 127, -47, 39};
constexpr Format double_format{53, -1022, 1023, -326, 309};
constexpr Format long_double_format{64, -16382, 16383, -4953, 4933};

// ---------------------------------------------------------------------------
// Stage 1: the syntax.

bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(c | 0x20);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

// A bounded view of the text, where a NUL also ends it.
struct Text {
    const char* p;
    std::size_t n;
    char at(std::size_t i) const { return i < n ? p[i] : '\0'; }
    bool matches(std::size_t i, const char* word) const {
        for (std::size_t k = 0; word[k]; ++k)
            if (lower(at(i + k)) != word[k]) return false;
        return true;
    }
};

// Exponents are clamped well outside every format's range while scanning,
// so that absurd inputs ("1e999999999999") cannot overflow an int.
constexpr long exponent_clamp = 100'000'000;

struct Scanned {
    enum Kind { none, number, hex, infinity, nan } kind = none;
    bool negative = false;
    std::size_t length = 0;
    // number: the significant digits, from the first nonzero one, within
    // [digits_begin, digits_end) (a '.' among them is skipped); the value is
    // 0.DIGITS * 10^point_exp. hex: the same in base 16 and 2^.
    std::size_t digits_begin = 0, digits_end = 0;
    long point_exp = 0;
    std::size_t significant = 0; // how many significant digits
    u64 nan_payload = 0;
    bool has_payload = false;
    bool payload_overflow = false;
};

// The exponent part at i ('e' or 'p' already checked by the caller):
// returns the length it takes, 0 when it is not a valid exponent.
std::size_t scan_exponent(const Text& t, std::size_t i, long& exp) {
    std::size_t j = i + 1;
    bool neg = false;
    if (t.at(j) == '+' || t.at(j) == '-') neg = t.at(j++) == '-';
    if (!is_digit(t.at(j))) return 0;
    long v = 0;
    for (; is_digit(t.at(j)); ++j)
        if (v < exponent_clamp) v = v * 10 + (t.at(j) - '0');
    exp = neg ? -v : v;
    return j - i;
}

// Digits in base 10 or 16 with at most one '.', from i. Fills the digit
// fields of s; returns the end, or i when there are no digits at all.
std::size_t scan_digits(const Text& t, std::size_t i, bool hex, Scanned& s) {
    std::size_t j = i;
    bool seen_point = false, any = false;
    long int_digits = 0; // digits before the point, from the first significant one
    long leading_zeros_after_point = 0;
    bool significant_started = false;
    for (;; ++j) {
        char c = t.at(j);
        if (c == '.' && !seen_point) {
            seen_point = true;
            continue;
        }
        bool digit = hex ? hex_value(c) >= 0 : is_digit(c);
        if (!digit) break;
        any = true;
        if (!significant_started) {
            if (c == '0') {
                if (seen_point) ++leading_zeros_after_point;
                continue;
            }
            significant_started = true;
            s.digits_begin = j;
        }
        ++s.significant;
        if (!seen_point) ++int_digits;
        s.digits_end = j + 1;
    }
    if (!any) return i;
    long e = significant_started ? (int_digits > 0 ? int_digits : -leading_zeros_after_point) : 0;
    if (e > exponent_clamp) e = exponent_clamp;
    if (e < -exponent_clamp) e = -exponent_clamp;
    s.point_exp = e;
    return j;
}

Scanned scan(const Text& t) {
    Scanned s;
    std::size_t i = 0;
    if (t.at(0) == '+' || t.at(0) == '-') s.negative = t.at(i++) == '-';
    if (t.matches(i, "inf")) {
        s.kind = Scanned::infinity;
        s.length = i + (t.matches(i, "infinity") ? 8 : 3);
        return s;
    }
    if (t.matches(i, "nan")) {
        s.kind = Scanned::nan;
        i += 3;
        s.length = i;
        // "nan(chars)": chars are letters, digits and '_'; glibc reads them
        // as an unsigned integer (strtoull, base 0) for the payload.
        if (t.at(i) == '(') {
            std::size_t j = i + 1;
            while (true) {
                char c = t.at(j);
                bool ok = is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') || c == '_';
                if (!ok) break;
                ++j;
            }
            if (t.at(j) == ')') {
                s.length = j + 1;
                std::size_t k = i + 1;
                unsigned base = 10;
                if (t.at(k) == '0' && lower(t.at(k + 1)) == 'x' && hex_value(t.at(k + 2)) >= 0) {
                    base = 16;
                    k += 2;
                } else if (t.at(k) == '0') {
                    base = 8;
                }
                u64 v = 0;
                bool overflow = false;
                std::size_t start = k;
                for (; k < j; ++k) {
                    int d = hex_value(t.at(k));
                    if (d < 0 || static_cast<unsigned>(d) >= base) break;
                    if (__builtin_mul_overflow(v, base, &v) ||
                        __builtin_add_overflow(v, static_cast<u64>(d), &v))
                        overflow = true;
                }
                if (k == j && k > start) {
                    s.nan_payload = overflow ? ~u64{0} : v;
                    s.has_payload = true;
                    // glibc's strtoull sets ERANGE here, and strtod keeps it.
                    s.payload_overflow = overflow;
                }
            }
        }
        return s;
    }
    bool hex = t.at(i) == '0' && lower(t.at(i + 1)) == 'x';
    if (hex) {
        std::size_t end = scan_digits(t, i + 2, true, s);
        if (end == i + 2) { // "0x" without hex digits: the "0" alone is the number
            s = Scanned{};
            s.negative = t.at(0) == '-';
            s.kind = Scanned::number;
            s.length = i + 1;
            return s;
        }
        s.kind = Scanned::hex;
        long pexp = 0;
        if (lower(t.at(end)) == 'p') end += scan_exponent(t, end, pexp);
        s.point_exp = s.point_exp * 4 + pexp; // in bits now
        s.length = end;
        return s;
    }
    std::size_t end = scan_digits(t, i, false, s);
    if (end == i) return Scanned{}; // no digits: no number
    s.kind = Scanned::number;
    long eexp = 0;
    if (lower(t.at(end)) == 'e') end += scan_exponent(t, end, eexp);
    s.point_exp += eexp;
    s.length = end;
    return s;
}

// ---------------------------------------------------------------------------
// Stage 3: big integers, just what the exact path needs.

// The value before rounding: q * 2^exp, plus something nonzero below q when
// sticky. q has more bits than any format keeps.
struct Exact {
    u128 q = 0;
    long exp = 0;
    bool sticky = false;
};

constexpr std::size_t max_digits = 12000;

// The significant digits of s as a big integer D (value = D * 10^dexp),
// folding those beyond max_digits into a last digit 1 when any is nonzero.
void decimal_digits(const Text& t, const Scanned& s, BigInteger& d, long& dexp) {
    d.set(0);
    std::size_t used = 0;
    bool dropped_nonzero = false;
    for (std::size_t i = s.digits_begin; i < s.digits_end; ++i) {
        char c = t.at(i);
        if (c == '.') continue;
        if (used == max_digits) {
            dropped_nonzero |= c != '0';
            continue;
        }
        d.mul_add(10, static_cast<u32>(c - '0'));
        ++used;
    }
    dexp = s.point_exp - static_cast<long>(used);
    if (dropped_nonzero) {
        d.mul_add(10, 1);
        --dexp;
    }
}

Exact exact_decimal(const Text& t, const Scanned& s, int precision) {
    // 10 KiB each: static rather than on the stack. When threads arrive,
    // these need a lock or a per-thread home.
    static BigInteger d, y;
    long dexp;
    decimal_digits(t, s, d, dexp);
    Exact r;
    const int keep = precision + 3;
    if (dexp >= 0) {
        d.mul_pow5(dexp); // D * 10^E = (D * 5^E) * 2^E
        long len = d.bit_length();
        if (len <= keep) {
            bool below;
            r.q = d.bits(0, static_cast<int>(len), below);
            r.exp = dexp;
        } else {
            r.q = d.bits(len - keep, keep, r.sticky);
            r.exp = dexp + (len - keep);
        }
        return r;
    }
    // D / (5^k * 2^k): q = floor(D * 2^s / 5^k) with keep + 1 or keep bits.
    long k = -dexp;
    y.set(1);
    y.mul_pow5(k);
    long shift = keep + y.bit_length() - d.bit_length();
    if (shift > 0)
        d.shift_left(shift);
    else
        y.shift_left(-shift);
    // Restoring division: the quotient has at most keep + 1 bits.
    y.shift_left(keep);
    u128 q = 0;
    for (int i = keep; i >= 0; --i) {
        if (compare(d, y) >= 0) {
            d.subtract(y);
            q |= u128{1} << i;
        }
        y.shift_right_one();
    }
    r.q = q;
    r.sticky = !d.is_zero();
    // Either way, D / 5^k = q * 2^-shift (plus the remainder's part).
    r.exp = -shift - k;
    return r;
}

Exact exact_hex(const Text& t, const Scanned& s) {
    Exact r;
    long used = 0;
    for (std::size_t i = s.digits_begin; i < s.digits_end; ++i) {
        char c = t.at(i);
        if (c == '.') continue;
        if (used < 30) { // 120 bits: more than any format keeps
            r.q = (r.q << 4) | static_cast<unsigned>(hex_value(c));
            ++used;
        } else {
            r.sticky |= c != '0';
        }
    }
    r.exp = s.point_exp - 4 * used;
    return r;
}

// ---------------------------------------------------------------------------
// Stage 4: rounding.

struct Rounded {
    u64 m = 0;  // the significand, below 2^precision
    long e = 0; // value = m * 2^e
    bool infinite = false;
    bool out_of_range = false;
};

int bit_length(u128 v) {
    u64 hi = static_cast<u64>(v >> 64);
    if (hi) return 128 - __builtin_clzll(hi);
    u64 lo = static_cast<u64>(v);
    return lo ? 64 - __builtin_clzll(lo) : 0;
}

// q * 2^shift rounded to an integer, nearest with ties to even; inexact
// says whether anything was lost.
u128 round_shift(u128 q, long shift, bool sticky, bool& inexact) {
    if (shift <= 0) { // q has fewer bits than kept: exact
        inexact = sticky;
        return q << -shift;
    }
    if (shift > 127) {
        inexact = q != 0 || sticky;
        return 0; // below half of the smallest step: rounds to zero
    }
    u128 kept = q >> shift;
    u128 rest = q & ((u128{1} << shift) - 1);
    u128 half = u128{1} << (shift - 1);
    inexact = rest != 0 || sticky;
    if (rest > half || (rest == half && (sticky || (kept & 1)))) ++kept;
    return kept;
}

Rounded round(const Exact& x, const Format& f) {
    Rounded r;
    if (x.q == 0) { // only sticky bits: far below the smallest subnormal
        r.out_of_range = x.sticky;
        return r;
    }
    long len = bit_length(x.q);
    long lead = x.exp + len - 1; // exponent of the leading bit
    long min_e = f.min_normal_exp - (f.precision - 1);
    long e = lead - (f.precision - 1);
    if (e < min_e) e = min_e;
    bool inexact;
    u128 m = round_shift(x.q, e - x.exp, x.sticky, inexact);
    // 24, 53 or 64 (the analyzer cannot see that Format's three values are
    // all there is): masked to say so.
    const unsigned precision = static_cast<unsigned>(f.precision) & 127;
    if (m >> precision) { // rounded up to the next power of two
        m >>= 1;
        ++e;
    }
    // Tiny after rounding (x86 detects tininess after rounding): the value
    // rounded to full precision with an unbounded exponent is below the
    // smallest normal.
    bool tiny = lead < f.min_normal_exp - 1;
    if (lead == f.min_normal_exp - 1) {
        bool unused;
        u128 full = round_shift(x.q, len - f.precision, x.sticky, unused);
        tiny = !(full >> precision);
    }
    r.out_of_range = tiny && inexact;
    if (m != 0 && e + f.precision - 1 > f.max_exp) {
        r.infinite = true;
        r.out_of_range = true;
        return r;
    }
    r.m = static_cast<u64>(m);
    r.e = e;
    return r;
}

// ---------------------------------------------------------------------------
// Assembling the bits of each format.

template <class T>
struct Traits;

template <>
struct Traits<double> {
    static constexpr const Format& format = double_format;
    static double make(bool neg, const Rounded& r) {
        u64 bits;
        if (r.infinite) {
            bits = u64{0x7ff} << 52;
        } else if (r.m >> 52) { // normal
            bits = (static_cast<u64>(r.e + 52 + 1023) << 52) | (r.m & ((u64{1} << 52) - 1));
        } else { // subnormal or zero: e is the minimum
            bits = r.m;
        }
        bits |= u64{neg} << 63;
        return __builtin_bit_cast(double, bits);
    }
    static double nan(bool neg, bool has_payload, u64 payload) {
        u64 bits = (u64{0x7ff} << 52) | (u64{1} << 51);
        if (has_payload) bits |= payload & ((u64{1} << 51) - 1);
        bits |= u64{neg} << 63;
        return __builtin_bit_cast(double, bits);
    }
    // Clinger's fast path: both operands exact, one rounding.
    static bool fast(u64 digits, long exp10, double& out) {
        constexpr double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        if (digits >= (u64{1} << 53) || exp10 < -22 || exp10 > 22) return false;
        auto d = static_cast<double>(digits);
        out = exp10 < 0 ? d / powers[-exp10] : d * powers[exp10];
        return true;
    }
};

template <>
struct Traits<float> {
    static constexpr const Format& format = float_format;
    static float make(bool neg, const Rounded& r) {
        u32 bits;
        if (r.infinite)
            bits = u32{0xff} << 23;
        else if (r.m >> 23)
            bits = (static_cast<u32>(r.e + 23 + 127) << 23) | static_cast<u32>(r.m & 0x7fffff);
        else
            bits = static_cast<u32>(r.m);
        bits |= u32{neg} << 31;
        return __builtin_bit_cast(float, bits);
    }
    static float nan(bool neg, bool has_payload, u64 payload) {
        u32 bits = (u32{0xff} << 23) | (u32{1} << 22);
        if (has_payload) bits |= static_cast<u32>(payload) & ((u32{1} << 22) - 1);
        bits |= u32{neg} << 31;
        return __builtin_bit_cast(float, bits);
    }
    static bool fast(u64 digits, long exp10, float& out) {
        constexpr float powers[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f,
                                    1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
        if (digits >= (u64{1} << 24) || exp10 < -10 || exp10 > 10) return false;
        auto d = static_cast<float>(digits);
        out = exp10 < 0 ? d / powers[-exp10] : d * powers[exp10];
        return true;
    }
};

// x87 extended: a 64-bit significand with its leading bit explicit, then
// 15 exponent bits and the sign (Intel SDM vol. 1, 4.2.2).
struct X87 {
    u64 significand;
    std::uint16_t sign_exponent;
    std::uint16_t pad[3];
};
static_assert(sizeof(X87) == sizeof(long double));

template <>
struct Traits<long double> {
    static constexpr const Format& format = long_double_format;
    static long double make(bool neg, const Rounded& r) {
        X87 x{};
        if (r.infinite) {
            x.significand = u64{1} << 63;
            x.sign_exponent = 0x7fff;
        } else if (r.m >> 63) {
            x.significand = r.m;
            x.sign_exponent = static_cast<std::uint16_t>(r.e + 63 + 16383);
        } else {
            x.significand = r.m;
        }
        x.sign_exponent = static_cast<std::uint16_t>(x.sign_exponent | (neg ? 0x8000 : 0));
        return __builtin_bit_cast(long double, x);
    }
    static long double nan(bool neg, bool has_payload, u64 payload) {
        X87 x{};
        x.significand = (u64{3} << 62);
        if (has_payload) x.significand |= payload & ((u64{1} << 62) - 1);
        x.sign_exponent = static_cast<std::uint16_t>(0x7fff | (neg ? 0x8000 : 0));
        return __builtin_bit_cast(long double, x);
    }
    static bool fast(u64, long, long double&) { return false; }
};

} // namespace

template <class T>
ParsedFloat<T> parse_float(const char* text, std::size_t n) noexcept {
    using Tr = Traits<T>;
    const Format& f = Tr::format;
    Text t{text, n};
    Scanned s = scan(t);
    ParsedFloat<T> out;
    out.length = s.length;
    switch (s.kind) {
    case Scanned::none:
        return out;
    case Scanned::infinity: {
        Rounded inf;
        inf.infinite = true;
        out.value = Tr::make(s.negative, inf);
        return out;
    }
    case Scanned::nan:
        out.value = Tr::nan(s.negative, s.has_payload, s.nan_payload);
        out.out_of_range = s.payload_overflow;
        return out;
    case Scanned::number:
    case Scanned::hex:
        break;
    }
    if (s.significant == 0) { // zero, with its sign
        out.value = Tr::make(s.negative, Rounded{});
        return out;
    }
    Exact x;
    if (s.kind == Scanned::hex) {
        x = exact_hex(t, s);
    } else {
        // Far outside the range: no arithmetic needed.
        if (s.point_exp > f.max_decimal_exp) {
            Rounded inf;
            inf.infinite = true;
            inf.out_of_range = true;
            out.value = Tr::make(s.negative, inf);
            out.out_of_range = true;
            return out;
        }
        if (s.point_exp < f.min_decimal_exp) {
            out.value = Tr::make(s.negative, Rounded{});
            out.out_of_range = true;
            return out;
        }
        if (s.significant <= 15) {
            u64 digits = 0;
            for (std::size_t i = s.digits_begin; i < s.digits_end; ++i)
                if (t.at(i) != '.') digits = digits * 10 + static_cast<u64>(t.at(i) - '0');
            T v;
            if (Tr::fast(digits, s.point_exp - static_cast<long>(s.significant), v)) {
                out.value = s.negative ? -v : v;
                return out;
            }
        }
        x = exact_decimal(t, s, f.precision);
    }
    Rounded r = round(x, f);
    out.value = Tr::make(s.negative, r);
    out.out_of_range = r.out_of_range;
    return out;
}

template ParsedFloat<float> parse_float<float>(const char*, std::size_t) noexcept;
template ParsedFloat<double> parse_float<double>(const char*, std::size_t) noexcept;
template ParsedFloat<long double> parse_float<long double>(const char*, std::size_t) noexcept;

} // namespace ring3
