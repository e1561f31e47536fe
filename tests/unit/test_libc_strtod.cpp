// ring3's strtod, strtof and strtold (runtime/src/libc/stdlib/strtod.cpp
// over ring3::parse_float) against glibc's: the same bits, the same end
// pointer and the same errno, for edge cases, random decimal and hex text,
// and the hardest inputs there are: exact halfway points between two
// neighbouring values, and those points nudged by one unit in their last
// digit.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <doctest/doctest.h>
#include <libc/errno/errno.hpp>
#include <libc/stdlib/stdlib.hpp>
#include <random>
#include <ring3/parse_float.hpp>
#include <string>
#include <vector>

namespace r3 = ring3::libc;

namespace {

std::mt19937_64 rng(2024);

template <class T>
bool same_bits(T a, T b) {
    // long double: the 10 bytes x87 uses, not the padding.
    constexpr std::size_t n = sizeof(T) == 16 ? 10 : sizeof(T);
    return std::memcmp(&a, &b, n) == 0;
}

template <class T>
std::string hex_of(T v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%La", static_cast<long double>(v));
    return buf;
}

int failures = 0;

template <class T, class Ours, class Theirs>
void check_one(const std::string& text, Ours ours, Theirs theirs) {
    char *e1 = nullptr, *e2 = nullptr;
    *r3::errno_location() = 0;
    errno = 0;
    T a = ours(text.c_str(), &e1);
    int err1 = *r3::errno_location();
    T b = theirs(text.c_str(), &e2);
    int err2 = errno;
    bool ok = same_bits(a, b) && err1 == err2 && e1 == e2;
    if (!ok && ++failures <= 20) {
        CAPTURE(text);
        CAPTURE(hex_of(a));
        CAPTURE(hex_of(b));
        CAPTURE(err1);
        CAPTURE(err2);
        CAPTURE(e1 - text.c_str());
        CAPTURE(e2 - text.c_str());
        CHECK(ok);
    } else {
        CHECK(ok);
    }
}

void check_all(const std::string& text) {
    check_one<double>(text, r3::strtod, strtod);
    check_one<float>(text, r3::strtof, strtof);
    check_one<long double>(text, r3::strtold, strtold);
}

std::string random_digits(std::size_t n) {
    std::string s(n, '0');
    for (char& c : s) c = static_cast<char>('0' + rng() % 10);
    return s;
}

} // namespace

TEST_CASE("strtod: edge cases of syntax, range and rounding") {
    const char* cases[] = {
        "0",
        "-0",
        "+0",
        "0.0",
        "-0.0e10",
        "1",
        "-1",
        "1.5",
        ".5",
        "5.",
        ".",
        "-.",
        "+.e1",
        "e1",
        "1e",
        "1e+",
        "1e-",
        "1e+5",
        "1E5",
        "1e-5",
        "  \t\n1.25xyz",
        "1..2",
        "1.2.3",
        "0x",
        "0X",
        "0x1",
        "0x1p",
        "0x1p-",
        "0x1p3",
        "0x.8",
        "0x.p1",
        "0xg",
        "0x1.8p1",
        "-0x1.fffffffffffffp1023",
        "0x1p1024",
        "0x1p-1074",
        "0x1p-1075",
        "0x1.8p-1075",
        "0x1p-1076",
        "0x1.0000000000000800p0",
        "0x1.0000000000000801p0",
        "0x1.00000000000008p0",
        "0x1.00000000000018p0",
        "0x123456789abcdef0123456789abcdef0123456789p0",
        "0x0.0000000000000000000000000001p0",
        "inf",
        "INF",
        "-inf",
        "infinity",
        "-Infinity",
        "infinit",
        "infx",
        "in",
        "nan",
        "NaN",
        "-nan",
        "nan()",
        "nan(123)",
        "nan(0x7f)",
        "nan(0777)",
        "nan(abc_1)",
        "nan(12",
        "nan(-1)",
        "nan(0x)",
        "nan(99999999999999999999999)",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "2e308",
        "1e309",
        "-1e309",
        "1e-307",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "2.225073858507201e-308",
        "4.9406564584124654e-324",
        "5e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2."
        "470328229206232720882843964341106861825299013071623822127928412503377536351043759326499181"
        "808179961898982823477228588654633283551779698981993873980053909390631503565951557022639229"
        "085839244910518443593180284993653615250031937045767824921936562366986365848075700158576926"
        "990370631192827955855133292783433840935197801553124659726357957462276646527282722005637400"
        "648549997709659947045402082816622623785739345073633900796776193057750674017632467360096895"
        "134053553745851666113422376667860416215968046191446729184030053005753084904876539171138659"
        "164623952491262365388187963623937328042389101867234849766823508986338858792562830275599565"
        "752445550725518931369083625477918694866799496832404970582102851318545139621383772282614543"
        "7693412532098591327667236328125e-324",
        "1e-400",
        "-1e-400",
        "1e-45",
        "1.4e-45",
        "7e-46",
        "3.4028235e38",
        "3.4028236e38",
        "1e39",
        "1e4932",
        "1.18973149535723176502e4932",
        "1.2e4932",
        "1e4933",
        "3.6e-4951",
        "1e-4951",
        "1.8e-4951",
        "1e-4952",
        "1e-5000",
        "123456789012345678901234567890",
        "0.000000000000000000000000000001",
        "9007199254740993",
        "9007199254740992.5",
        "9007199254740993.000000000000000000000001",
        "1e22",
        "1e23",
        "8.589973e9",
        "1e-22",
        "4.35e-23",
        "1e999999999999999",
        "1e-999999999999999",
        "0e999999999999999",
        "00000000000000000000000000000000001.5",
        "1.5000000000000000000000000000",
        "0.1",
        "0.2",
        "0.3",
        "3.14159265358979323846264338327950288",
        "2.718281828459045235360287",
    };
    for (const char* c : cases) check_all(c);
}

TEST_CASE("strtod: random decimal text, short and long, over the whole range") {
    for (int trial = 0; trial < 30000; ++trial) {
        std::size_t n = trial % 10 == 0 ? 20 + rng() % 800 : 1 + rng() % 25;
        std::string digits = random_digits(n);
        std::size_t point = rng() % (n + 1);
        std::string text = digits.substr(0, point) + "." + digits.substr(point);
        int range = trial % 3 == 0 ? 5000 : 400;
        long exp = static_cast<long>(rng() % (2 * range)) - range;
        text += "e" + std::to_string(exp);
        if (rng() % 2) text = "-" + text;
        check_all(text);
    }
}

TEST_CASE("strtod: halfway points between neighbouring doubles and floats, exactly and nudged") {
    for (int trial = 0; trial < 4000; ++trial) {
        // A random double anywhere, subnormals included; the midpoint to
        // its successor is exact in long double and printed exactly.
        std::uint64_t bits = rng() & 0x7fefffffffffffffULL;
        if (trial % 4 == 0) bits &= 0x000fffffffffffffULL; // subnormal
        double x;
        std::memcpy(&x, &bits, 8);
        long double mid = (static_cast<long double>(x) + std::nextafter(x, INFINITY)) / 2;
        char buf[1200];
        std::snprintf(buf, sizeof buf, "%.1100Le", mid);
        std::string exact = buf;
        std::size_t e = exact.find('e');
        std::string mant = exact.substr(0, e), tail = exact.substr(e);
        while (mant.back() == '0') mant.pop_back();
        check_one<double>(mant + tail, r3::strtod, strtod);
        check_one<double>(mant + "0000001" + tail, r3::strtod, strtod);
        std::string below = mant;
        // One unit less in the last digit (the last digit is 5: halfway
        // points end in 5).
        below.back() = static_cast<char>(below.back() - 1);
        check_one<double>(below + "9999" + tail, r3::strtod, strtod);

        float f;
        auto fbits = static_cast<std::uint32_t>(rng() & 0x7f7fffff);
        std::memcpy(&f, &fbits, 4);
        double fmid =
            (static_cast<double>(f) + static_cast<double>(std::nextafter(f, INFINITY))) / 2;
        std::snprintf(buf, sizeof buf, "%.200e", fmid);
        exact = buf;
        e = exact.find('e');
        mant = exact.substr(0, e);
        tail = exact.substr(e);
        while (mant.back() == '0') mant.pop_back();
        check_one<float>(mant + tail, r3::strtof, strtof);
        check_one<float>(mant + "1" + tail, r3::strtof, strtof);
    }
}

TEST_CASE("strtold: random long doubles printed exactly read back, and nudged") {
    for (int trial = 0; trial < 3000; ++trial) {
        long double v = std::ldexp(static_cast<long double>(rng()),
                                   static_cast<int>(rng() % 32000) - 16000 - 64);
        char buf[6000];
        std::snprintf(buf, sizeof buf, "%.40Le", v);
        check_one<long double>(buf, r3::strtold, strtold);
        std::snprintf(buf, sizeof buf, "%.25Le", v);
        check_one<long double>(buf, r3::strtold, strtold);
        std::snprintf(buf, sizeof buf, "%La", v);
        check_one<long double>(buf, r3::strtold, strtold);
    }
}

TEST_CASE("strtod: random hexadecimal text") {
    const char hex[] = "0123456789abcdefABCDEF";
    for (int trial = 0; trial < 20000; ++trial) {
        std::string text = "0x";
        std::size_t n = 1 + rng() % 40;
        for (std::size_t i = 0; i < n; ++i) text += hex[rng() % 22];
        if (rng() % 2) text.insert(2 + rng() % (n + 1), ".");
        long exp = static_cast<long>(rng() % 34000) - 17000;
        if (rng() % 4) text += "p" + std::to_string(trial % 2 ? exp : exp / 16);
        check_all(text);
    }
}

TEST_CASE("parse_float takes a length: the number ends where the view ends") {
    auto r = ring3::parse_double("1.2345e10", 4);
    CHECK(r.length == 4);
    CHECK(r.value == 1.23);
    auto inf = ring3::parse_float<float>("infinity", 5);
    CHECK(inf.length == 3);
    CHECK(std::isinf(inf.value));
    auto none = ring3::parse_double("abc", 3);
    CHECK(none.length == 0);
    auto big = ring3::parse_double("1e400", 5);
    CHECK(big.out_of_range);
    CHECK(std::isinf(big.value));
    CHECK(r3::atof("  2.5e1x") == 25.0);
}
