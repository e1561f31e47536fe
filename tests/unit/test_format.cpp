// Formatting: every option against expected strings, and the numeric edge
// cases against glibc's snprintf (the reference for rounding) and strtod
// (the reference for round trips).
#include <doctest/doctest.h>
#include <ring3/stream.hpp>

#include <cfloat>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using namespace ring3;

namespace {

// Formats with the streams into memory, as std::string for doctest.
template <class T>
std::string show(const T& v) {
    StrBuf<4096> b;
    b << v;
    if (!b.ok()) FAIL("the 4096-byte buffer overflowed");
    return std::string(b.str().data(), b.str().size());
}

template <class... A>
std::string c_format(const char* f, A... a) {
    char buf[4096];
    int n = std::snprintf(buf, sizeof buf, f, a...);
    if (n < 0 || n >= static_cast<int>(sizeof buf)) FAIL("snprintf failed or overflowed");
    return std::string(buf, static_cast<std::size_t>(n));
}

double from_bits(std::uint64_t b) {
    double d;
    std::memcpy(&d, &b, sizeof d);
    return d;
}

std::uint64_t bits_of(double d) {
    std::uint64_t b;
    std::memcpy(&b, &d, sizeof b);
    return b;
}

// In the loops over many values: a doctest assertion only for a value that
// fails, so that a hundred thousand passing values cost no bookkeeping
// (the suite also runs under ASan).
#define CHECK_SAME(a, b)                                                                           \
    do {                                                                                           \
        if (!((a) == (b))) CHECK((a) == (b));                                                      \
    } while (0)
#define CHECK_SAME_MESSAGE(a, b, msg)                                                              \
    do {                                                                                           \
        if (!((a) == (b))) CHECK_MESSAGE((a) == (b), msg);                                         \
    } while (0)

} // namespace

TEST_CASE("decimal integers of every width, against snprintf") {
    const std::int64_t signed_cases[] = {
        0,         1,         -1,        9,         10,           -10,       99,
        100,       12345,     -99999,    INT8_MIN,  INT8_MAX,     INT16_MIN, INT16_MAX,
        INT32_MIN, INT32_MAX, INT64_MIN, INT64_MAX, INT64_MIN + 1};
    for (auto v : signed_cases) CHECK(show(v) == c_format("%" PRId64, v));
    const std::uint64_t unsigned_cases[] = {0,
                                            1,
                                            9,
                                            10,
                                            UINT8_MAX,
                                            UINT16_MAX,
                                            UINT32_MAX,
                                            UINT64_MAX,
                                            UINT64_MAX - 1,
                                            10000000000000000000ULL,
                                            9999999999999999999ULL};
    for (auto v : unsigned_cases) CHECK(show(v) == c_format("%" PRIu64, v));
    // Every power of ten and its neighbours: the digit count boundaries.
    std::uint64_t p = 1;
    for (int i = 0; i < 20; ++i, p *= 10) {
        for (std::uint64_t v : {p - 1, p, p + 1}) CHECK(show(v) == c_format("%" PRIu64, v));
        auto s = static_cast<std::int64_t>(p);
        if (i < 19) CHECK(show(-s) == c_format("%" PRId64, -s));
    }
    std::mt19937_64 rng(1);
    for (int i = 0; i < 50000; ++i) {
        std::uint64_t u = rng() >> (rng() % 64);
        auto s = static_cast<std::int64_t>(rng()) >> (rng() % 64);
        CHECK_SAME(show(u), c_format("%" PRIu64, u));
        CHECK_SAME(show(s), c_format("%" PRId64, s));
    }
    // Each type prints its own value, not a promoted or truncated one.
    CHECK(show(static_cast<short>(-32768)) == "-32768");
    CHECK(show(static_cast<unsigned short>(65535)) == "65535");
    CHECK(show(-2147483647 - 1) == "-2147483648");
    CHECK(show(4294967295u) == "4294967295");
    CHECK(show(-1L) == "-1");
    CHECK(show(18446744073709551615ULL) == "18446744073709551615");
    // int8_t and uint8_t are numbers, char is a character.
    CHECK(show(static_cast<std::int8_t>(-5)) == "-5");
    CHECK(show(static_cast<std::uint8_t>(200)) == "200");
    CHECK(show('x') == "x");
}

TEST_CASE("hex, octal and binary, with prefix and case") {
    CHECK(show(hex(255)) == "ff");
    CHECK(show(hex(255).upper()) == "FF");
    CHECK(show(hex(255).prefix()) == "0xff");
    CHECK(show(hex(255).prefix().upper()) == "0XFF");
    CHECK(show(hex(0)) == "0");
    CHECK(show(hex(0).prefix()) == "0x0");
    CHECK(show(hex(UINT64_MAX)) == "ffffffffffffffff");
    CHECK(show(hex(-42)) == "-2a");
    CHECK(show(hex(INT64_MIN)) == "-8000000000000000");
    CHECK(show(hex(static_cast<std::uint32_t>(-42))) == "ffffffd6");
    CHECK(show(oct(8)) == "10");
    CHECK(show(oct(8).prefix()) == "010");
    CHECK(show(oct(0).prefix()) == "0");
    CHECK(show(oct(UINT64_MAX)) == "1777777777777777777777");
    CHECK(show(bin(5)) == "101");
    CHECK(show(bin(5).prefix()) == "0b101");
    CHECK(show(bin(5).prefix().upper()) == "0B101");
    CHECK(show(bin(0)) == "0");
    CHECK(show(bin(UINT64_MAX)) == std::string(64, '1'));
    CHECK(show(bin(std::uint64_t{1} << 63)) == "1" + std::string(63, '0'));
    CHECK(show(dec(-7)) == "-7");

    std::mt19937_64 rng(2);
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t u = rng() >> (rng() % 64);
        CHECK_SAME(show(hex(u)), c_format("%" PRIx64, u));
        CHECK_SAME(show(hex(u).upper()), c_format("%" PRIX64, u));
        CHECK_SAME(show(oct(u)), c_format("%" PRIo64, u));
        if (u != 0) {
            CHECK_SAME(show(hex(u).prefix()), c_format("%#" PRIx64, u));
            CHECK_SAME(show(oct(u).prefix()), c_format("%#" PRIo64, u));
        }
    }
}

TEST_CASE("width, fill, alignment and sign, against printf where it has them") {
    CHECK(show(dec(42).width(6)) == "    42");
    CHECK(show(dec(42).width(6).left()) == "42    ");
    CHECK(show(dec(42).width(6).center()) == "  42  ");
    CHECK(show(dec(42).width(7).center()) == "  42   ");
    CHECK(show(dec(42).width(6).fill('*')) == "****42");
    CHECK(show(dec(42).width(1)) == "42");
    CHECK(show(dec(-42).width(6).fill('0')) == "-00042");
    CHECK(show(dec(-42).width(6).fill('0').right()) == "000-42");
    CHECK(show(dec(-42).width(6).fill('0').left()) == "-42000");
    CHECK(show(hex(42).prefix().width(8).fill('0')) == "0x00002a");
    CHECK(show(hex(42).prefix().width(8)) == "    0x2a");
    CHECK(show(dec(42).plus()) == "+42");
    CHECK(show(dec(0).plus()) == "+0");
    CHECK(show(dec(42).space()) == " 42");
    CHECK(show(dec(-42).plus()) == "-42");
    CHECK(show(dec(-42).space()) == "-42");
    CHECK(show(dec(7).plus().width(5).fill('0')) == "+0007");

    std::mt19937_64 rng(3);
    for (int i = 0; i < 20000; ++i) {
        auto v = static_cast<std::int64_t>(rng()) >> (rng() % 64);
        int w = static_cast<int>(rng() % 24);
        auto uw = static_cast<std::uint32_t>(w);
        CHECK_SAME(show(dec(v).width(uw)), c_format("%*" PRId64, w, v));
        CHECK_SAME(show(dec(v).width(uw).left()), c_format("%-*" PRId64, w, v));
        CHECK_SAME(show(dec(v).width(uw).fill('0')), c_format("%0*" PRId64, w, v));
        CHECK_SAME(show(dec(v).width(uw).plus()), c_format("%+*" PRId64, w, v));
        CHECK_SAME(show(dec(v).width(uw).space()), c_format("% *" PRId64, w, v));
        auto u = static_cast<std::uint64_t>(v);
        if (u != 0)
            CHECK_SAME(show(hex(u).prefix().width(uw).fill('0')), c_format("%#0*" PRIx64, w, u));
    }
}

TEST_CASE("text, characters, booleans and pointers") {
    CHECK(show("plain") == "plain");
    CHECK(show(Str("view", 2)) == "vi");
    const char* null_text = nullptr;
    CHECK(show(null_text) == "(null)");
    char mutable_text[] = "mutable";
    CHECK(show(mutable_text) == "mutable");
    CHECK(show(fmt("ab").width(5)) == "ab   ");
    CHECK(show(fmt("ab").width(5).right()) == "   ab");
    CHECK(show(fmt("ab").width(5).center()) == " ab  ");
    CHECK(show(fmt("ab").width(5).fill('.')) == "ab...");
    CHECK(show(fmt("abcdef").precision(3)) == "abc");
    CHECK(show(fmt(Str("abcdef")).precision(3).width(5).right()) == "  abc");
    CHECK(show(fmt('x').width(3)) == "x  ");
    CHECK(show(true) == "true");
    CHECK(show(false) == "false");
    CHECK(show(fmt(true).width(6)) == "true  ");
    CHECK(show(reinterpret_cast<const void*>(0x1234)) == "0x1234");
    CHECK(show(nullptr) == "0x0");
    int x = 0;
    CHECK(show(&x) == c_format("%p", static_cast<void*>(&x)));
    CHECK(show(fmt(reinterpret_cast<const void*>(0x1234)).width(10)) == "    0x1234");
    CHECK(show(fmt(reinterpret_cast<const void*>(0x1234)).width(10).fill('0')) == "0x00001234");
}

TEST_CASE("fixed: correctly rounded, as printf %.Nf") {
    // Ties on the exact binary value go to even; what looks like a tie in
    // decimal usually is not one in binary.
    CHECK(show(fixed(0.5, 0)) == "0");
    CHECK(show(fixed(1.5, 0)) == "2");
    CHECK(show(fixed(2.5, 0)) == "2");
    CHECK(show(fixed(-2.5, 0)) == "-2");
    CHECK(show(fixed(0.125, 2)) == "0.12");
    CHECK(show(fixed(0.375, 2)) == "0.38");
    CHECK(show(fixed(2.675, 2)) == "2.67"); // 2.67499999999999982236431605997495353221893310546875
    CHECK(show(fixed(1.005, 2)) == "1.00");
    CHECK(show(fixed(9.995, 2)) == "9.99");
    CHECK(show(fixed(9.9996, 3)) == "10.000");
    CHECK(show(fixed(999.9999, 2)) == "1000.00");
    CHECK(show(fixed(0.0, 3)) == "0.000");
    CHECK(show(fixed(-0.0, 3)) == "-0.000");
    CHECK(show(fixed(-0.0001, 3)) == "-0.000");
    CHECK(show(fixed(0.0005, 3)) == "0.001"); // 0.0005000000000000000104...
    CHECK(show(fixed(0.00049, 3)) == "0.000");
    CHECK(show(fixed(123.456, 0)) == "123");
    CHECK(show(fixed(1e21, 2)) == "1000000000000000000000.00");
    CHECK(show(fixed(NAN, 2)) == "nan");
    CHECK(show(fixed(-NAN, 2)) == "-nan");
    CHECK(show(fixed(INFINITY, 2)) == "inf");
    CHECK(show(fixed(-INFINITY, 2)) == "-inf");
    CHECK(show(fixed(INFINITY, 2).upper()) == "INF");
    CHECK(show(fixed(3.14159, 2).width(8)) == "    3.14");
    CHECK(show(fixed(3.14159, 2).width(8).fill('0')) == "00003.14");
    CHECK(show(fixed(-3.14159, 2).width(8).fill('0')) == "-0003.14");
    CHECK(show(fixed(3.14159, 2).plus()) == "+3.14");
    CHECK(show(fixed(3.14159, 2).width(8).left()) == "3.14    ");
    CHECK(show(fixed(INFINITY, 0).width(6).fill('0')) == "   inf");

    const double edge[] = {0.0,
                           -0.0,
                           1.0,
                           -1.0,
                           0.1,
                           0.5,
                           DBL_MAX,
                           -DBL_MAX,
                           DBL_MIN,
                           DBL_TRUE_MIN,
                           4.35,
                           1e15,
                           1e16,
                           1e17,
                           1e22,
                           1e23,
                           123456789.987654321,
                           9007199254740993.0,
                           0.30000000000000004,
                           5e-324,
                           2.2250738585072009e-308};
    for (double v : edge) {
        for (int p : {0, 1, 2, 3, 6, 10, 17, 20, 30, 60}) {
            CHECK_MESSAGE(show(fixed(v, p)) == c_format("%.*f", p, v), "v=" << v << " p=" << p);
        }
    }
    // The exact expansion of the smallest subnormal: 1074 decimals.
    CHECK(show(fixed(DBL_TRUE_MIN, 1074)) == c_format("%.1074f", DBL_TRUE_MIN));
    CHECK(show(fixed(DBL_TRUE_MIN, 1100)) == c_format("%.1100f", DBL_TRUE_MIN));
    CHECK(show(fixed(DBL_MAX, 5)) == c_format("%.5f", DBL_MAX));

    std::mt19937_64 rng(4);
    // Any bit pattern: huge, tiny, subnormal, NaN payloads.
    for (int i = 0; i < 4000; ++i) {
        double v = from_bits(rng());
        int p = static_cast<int>(rng() % 25);
        CHECK_SAME_MESSAGE(show(fixed(v, p)), c_format("%.*f", p, v),
                           "bits=" << bits_of(v) << " p=" << p);
    }
    // Everyday magnitudes, and numbers made of few decimal digits, where
    // halfway cases sit.
    for (int i = 0; i < 60000; ++i) {
        double v;
        switch (i % 3) {
        case 0:
            v = std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 120) - 100);
            break;
        case 1:
            v = static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000) / 1000.0;
            break;
        default:
            v = static_cast<double>(rng() % 100000) / 8.0;
            break;
        }
        int p = static_cast<int>(rng() % 12);
        CHECK_SAME_MESSAGE(show(fixed(v, p)), c_format("%.*f", p, v), "v=" << v << " p=" << p);
    }
}

TEST_CASE("scientific, as printf %.Ne") {
    CHECK(show(sci(1234.5, 2)) == "1.23e+03");
    CHECK(show(sci(1234.5, 2).upper()) == "1.23E+03");
    CHECK(show(sci(0.0, 3)) == "0.000e+00");
    CHECK(show(sci(-0.0, 0)) == "-0e+00");
    CHECK(show(sci(9.99, 1)) == "1.0e+01");
    CHECK(show(sci(1e-300, 2)) == "1.00e-300");
    CHECK(show(sci(NAN, 2).upper()) == "NAN");
    std::mt19937_64 rng(5);
    for (int i = 0; i < 20000; ++i) {
        double v = i % 2 ? from_bits(rng())
                         : std::ldexp(static_cast<double>(rng() >> 11),
                                      static_cast<int>(rng() % 200) - 100);
        int p = static_cast<int>(rng() % 20);
        CHECK_SAME_MESSAGE(show(sci(v, p)), c_format("%.*e", p, v),
                           "bits=" << bits_of(v) << " p=" << p);
    }
}

namespace {

// The number of significant digits of the shortest text that reads back
// as v, found the slow way: for each length, printf's correctly rounded
// digits and their neighbours in the last place (at a power of two the
// rounding interval is lopsided, so the nearest candidate may fail where
// the next one up succeeds).
int shortest_length(double v) {
    for (int p = 1; p <= 17; ++p) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        std::string s = buf;
        std::size_t e = s.find('e');
        std::string mantissa;
        for (std::size_t i = 0; i < e; ++i)
            if (s[i] >= '0' && s[i] <= '9') mantissa += s[i];
        long long digits = std::stoll(mantissa);
        int exp10 = std::atoi(s.c_str() + e + 1) - (p - 1);
        for (long long d : {digits - 1, digits, digits + 1}) {
            std::string candidate =
                (v < 0 ? "-" : "") + std::to_string(d) + "e" + std::to_string(exp10);
            if (std::strtod(candidate.c_str(), nullptr) == v) return p;
        }
    }
    return 17;
}

int significant_digits(const std::string& s) {
    int n = 0, trailing_zeros = 0;
    bool started = false;
    for (char c : s) {
        if (c == 'e' || c == 'E') break;
        if (c < '0' || c > '9') continue;
        if (c != '0') started = true;
        if (!started) continue;
        ++n;
        trailing_zeros = c == '0' ? trailing_zeros + 1 : 0;
    }
    return n - trailing_zeros;
}

} // namespace

TEST_CASE("shortest round-trip output") {
    CHECK(show(0.1) == "0.1");
    CHECK(show(1.0) == "1");
    CHECK(show(-1.5) == "-1.5");
    CHECK(show(0.0) == "0");
    CHECK(show(-0.0) == "-0");
    CHECK(show(123.456) == "123.456");
    CHECK(show(1e15) == "1000000000000000");
    CHECK(show(1e16) == "1e+16");
    CHECK(show(1e23) == "1e+23");
    CHECK(show(0.0001) == "0.0001");
    CHECK(show(0.00001) == "1e-05");
    CHECK(show(0.30000000000000004) == "0.30000000000000004");
    CHECK(show(5e-324) == "5e-324");
    CHECK(show(DBL_MAX) == "1.7976931348623157e+308");
    CHECK(show(DBL_MIN) == "2.2250738585072014e-308");
    CHECK(show(9007199254740993.0) == "9007199254740992");
    CHECK(show(NAN) == "nan");
    CHECK(show(-INFINITY) == "-inf");
    CHECK(show(0.1f) == "0.1");
    CHECK(show(3.4028235e38f) == "3.4028235e+38");
    CHECK(show(1.17549435e-38f) == "1.1754944e-38");
    CHECK(show(1e-45f) == "1e-45");
    CHECK(show(16777216.0f) == "16777216");
    CHECK(show(fmt(2.5).width(6)) == "   2.5");

    std::mt19937_64 rng(6);
    for (int i = 0; i < 20000; ++i) {
        double v = i % 2 ? from_bits(rng())
                         : std::ldexp(static_cast<double>(rng() >> 11),
                                      static_cast<int>(rng() % 140) - 70);
        if (!std::isfinite(v)) continue;
        std::string s = show(v);
        double back = std::strtod(s.c_str(), nullptr);
        CHECK_SAME_MESSAGE(bits_of(back), bits_of(v), "v bits=" << bits_of(v) << " printed " << s);
        CHECK_SAME_MESSAGE(significant_digits(s), shortest_length(v), "printed " << s);
    }
    // The doubles around powers of two, where the gap below is half the
    // gap above.
    for (int e = -1074; e <= 1023; e += 7) {
        double p2 = std::ldexp(1.0, e);
        for (double v : {p2, std::nextafter(p2, 0.0), std::nextafter(p2, INFINITY)}) {
            if (!std::isfinite(v) || v == 0) continue;
            std::string s = show(v);
            CHECK_SAME_MESSAGE(bits_of(std::strtod(s.c_str(), nullptr)), bits_of(v),
                               "printed " << s);
            CHECK_SAME_MESSAGE(significant_digits(s), shortest_length(v), "printed " << s);
        }
    }
    // Floats read back as the same float.
    for (int i = 0; i < 20000; ++i) {
        auto b = static_cast<std::uint32_t>(rng());
        float f;
        std::memcpy(&f, &b, sizeof f);
        if (!std::isfinite(f)) continue;
        std::string s = show(f);
        float back = std::strtof(s.c_str(), nullptr);
        CHECK_SAME_MESSAGE(std::memcmp(&back, &f, sizeof f), 0, "printed " << s);
        CHECK(significant_digits(s) <= 9);
    }
}

TEST_CASE("parse_int: whole text, sign, bases, overflow") {
    CHECK(*parse_int<int>("0") == 0);
    CHECK(*parse_int<int>("123") == 123);
    CHECK(*parse_int<int>("-123") == -123);
    CHECK(*parse_int<int>("+5") == 5);
    CHECK(*parse_int<long>("007") == 7);
    for (const char* bad : {"", "-", "+", "12a", " 1", "1 ", "--1", "+-1", "0x10", "1.5"})
        CHECK_MESSAGE(parse_int<int>(bad).error() == err::INVAL, bad);
    CHECK(*parse_int<std::int64_t>("9223372036854775807") == INT64_MAX);
    CHECK(*parse_int<std::int64_t>("-9223372036854775808") == INT64_MIN);
    CHECK(parse_int<std::int64_t>("9223372036854775808").error() == err::RANGE);
    CHECK(parse_int<std::int64_t>("-9223372036854775809").error() == err::RANGE);
    CHECK(*parse_int<std::uint64_t>("18446744073709551615") == UINT64_MAX);
    CHECK(parse_int<std::uint64_t>("18446744073709551616").error() == err::RANGE);
    CHECK(parse_int<std::uint64_t>("99999999999999999999999").error() == err::RANGE);
    CHECK(parse_int<std::uint64_t>("99999999999999999999999x").error() == err::INVAL);
    CHECK(parse_int<unsigned>("-1").error() == err::INVAL);
    CHECK(*parse_int<unsigned>("+1") == 1);
    CHECK(*parse_int<std::int8_t>("127") == 127);
    CHECK(parse_int<std::int8_t>("128").error() == err::RANGE);
    CHECK(*parse_int<std::int8_t>("-128") == -128);
    CHECK(parse_int<std::int8_t>("-129").error() == err::RANGE);
    CHECK(*parse_int<std::uint8_t>("255") == 255);
    CHECK(parse_int<std::uint8_t>("256").error() == err::RANGE);
    CHECK(*parse_int<int>("ff", 16) == 255);
    CHECK(*parse_int<int>("FF", 16) == 255);
    CHECK(*parse_int<std::int8_t>("-80", 16) == -128);
    CHECK(*parse_int<int>("101", 2) == 5);
    CHECK(parse_int<int>("102", 2).error() == err::INVAL);
    CHECK(*parse_int<int>("777", 8) == 511);
    CHECK(*parse_int<int>("zz", 36) == 35 * 36 + 35);
    CHECK(parse_int<int>("1", 1).error() == err::INVAL);
    CHECK(parse_int<int>("1", 37).error() == err::INVAL);
    // Every value printed reads back.
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        auto v = static_cast<std::int64_t>(rng()) >> (rng() % 64);
        CHECK_SAME(*parse_int<std::int64_t>(Str(show(v).c_str())), v);
        auto u = rng() >> (rng() % 64);
        std::string h = show(hex(u));
        CHECK_SAME(*parse_int<std::uint64_t>(Str(h.c_str()), 16), u);
    }
}

TEST_CASE("format_dec and format_base write only the digits") {
    char buf[80];
    std::memset(buf, '#', sizeof buf);
    CHECK(format_dec(buf, std::uint64_t{0}) == 1);
    CHECK(buf[0] == '0');
    CHECK(buf[1] == '#');
    CHECK(format_dec(buf, std::int64_t{INT64_MIN}) == max_dec_chars);
    CHECK(std::string(buf, max_dec_chars) == "-9223372036854775808");
    CHECK(format_dec(buf, std::uint64_t{UINT64_MAX}) == max_dec_chars);
    CHECK(format_base(buf, UINT64_MAX, 2) == max_base_chars);
    CHECK(buf[max_base_chars] == '#');
    CHECK(format_base(buf, 0xabcdef, 16, true) == 6);
    CHECK(std::string(buf, 6) == "ABCDEF");
}
