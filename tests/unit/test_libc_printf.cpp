// ring3's snprintf family (runtime/src/libc/stdio/) against glibc's, byte
// for byte and return value for return value: every conversion with
// random flags, widths, precisions and values, doubles and long doubles
// from every range (subnormals, huge, exact ties), and truncation.
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <doctest/doctest.h>
#include <libc/stdio/stdio.hpp>
#include <random>
#include <string>

namespace r3 = ring3::libc;

// The formats are built at run time, on purpose.
#pragma clang diagnostic ignored "-Wformat-security"
#pragma clang diagnostic ignored "-Wformat-nonliteral"

namespace {

std::mt19937_64 rng(4242);
int shown = 0;

// Formats with ring3's and glibc's snprintf into large buffers and
// compares bytes and return values.
template <class... A>
void same(const std::string& fmt, A... args) {
    static char ours[20000], theirs[20000];
    int a = r3::snprintf(ours, sizeof ours, fmt.c_str(), args...);
    int b = std::snprintf(theirs, sizeof theirs, fmt.c_str(), args...);
    bool ok = a == b && std::strcmp(ours, theirs) == 0;
    if (!ok && ++shown <= 30) {
        CAPTURE(fmt);
        CAPTURE(std::string(ours).substr(0, 200));
        CAPTURE(std::string(theirs).substr(0, 200));
        CHECK(ok);
    } else {
        CHECK(ok);
    }
}

std::string random_flags() {
    std::string f;
    const char flags[] = "-+ #0";
    for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) f += flags[rng() % 5];
    return f;
}

std::string random_width_precision(bool precision_ok = true) {
    std::string s;
    if (rng() % 2) s += std::to_string(rng() % 30);
    if (precision_ok && rng() % 2)
        s += "." + (rng() % 5 ? std::to_string(rng() % 25) : std::string());
    return s;
}

double random_double() {
    switch (rng() % 6) {
    case 0: {
        std::uint64_t bits = rng();
        double d;
        std::memcpy(&d, &bits, 8);
        return d;
    }
    case 1:
        return static_cast<double>(static_cast<std::int64_t>(rng()) % 100000) / 8;
    case 2:
        return std::ldexp(static_cast<double>(rng() % 1000), static_cast<int>(rng() % 60) - 30);
    case 3:
        return static_cast<double>(rng() % 1000000) / 1000.0;
    case 4:
        return 0.5 + static_cast<double>(rng() % 10); // ties
    default:
        return std::ldexp(static_cast<double>(rng()), static_cast<int>(rng() % 2200) - 1100);
    }
}

long double random_long_double() {
    switch (rng() % 4) {
    case 0:
        return std::ldexp(static_cast<long double>(rng()), static_cast<int>(rng() % 33000) - 16500);
    case 1:
        return static_cast<long double>(random_double());
    case 2:
        return 0.5L + static_cast<long double>(rng() % 100);
    default:
        return static_cast<long double>(static_cast<std::int64_t>(rng())) / 1024;
    }
}

} // namespace

TEST_CASE("integers, characters, strings and pointers with random flags, width and precision") {
    for (int trial = 0; trial < 20000; ++trial) {
        std::string spec = "%" + random_flags() + random_width_precision();
        long long v = static_cast<long long>(rng()) >> (rng() % 64);
        if (rng() % 8 == 0) v = 0;
        const char* lengths[] = {"", "hh", "h", "l", "ll", "j", "z", "t"};
        std::string len = lengths[rng() % 8];
        for (char conv : {'d', 'i', 'u', 'o', 'x', 'X'}) {
            std::string fmt = "<" + spec + len + conv + ">";
            if (len == "" || len == "hh" || len == "h")
                same(fmt, static_cast<int>(v));
            else
                same(fmt, v);
        }
        std::string s = "hello, world";
        same("[%" + random_flags() + random_width_precision() + "s]", s.c_str() + rng() % 12);
        same("[%" + random_flags() + random_width_precision(false) + "c]",
             static_cast<int>('a' + rng() % 26));
        same("[%" + random_flags() + random_width_precision(false) + "p]",
             reinterpret_cast<void*>(rng()));
    }
    same("%s|%.3s|%10s|%-10s|", static_cast<const char*>(nullptr),
         static_cast<const char*>(nullptr), static_cast<const char*>(nullptr),
         static_cast<const char*>(nullptr));
    same("%p %10p %-10p|", static_cast<void*>(nullptr), static_cast<void*>(nullptr),
         static_cast<void*>(nullptr));
    same("%*d|%-*d|%.*d|%*.*d", 5, 42, 5, 42, 4, 42, -6, 3, 42);
    same("%% %5% %y 100%");
    same("%#o %#.0o %.0d %#x %#X %#.3x", 0, 0, 0, 0, 255, 255);
    same("%lld %llu %hhd %hd", LLONG_MIN, ULLONG_MAX, 200, 70000);
}

TEST_CASE("doubles in every conversion: f F e E g G a A, random flags, width and precision") {
    const char convs[] = "fFeEgGaA";
    for (int trial = 0; trial < 30000; ++trial) {
        double v = random_double();
        std::string fmt = "<%" + random_flags() + random_width_precision() + convs[rng() % 8] + ">";
        same(fmt, v);
    }
    const double inf = INFINITY, nan = NAN;
    for (double v : {0.0,   -0.0,   1.0,     0.5,     1.5,          2.5,         -2.5, 0.125,
                     1e300, 1e-300, DBL_MAX, DBL_MIN, DBL_TRUE_MIN, 123456789.0, 0.1,  1e21,
                     1e22,  9.5,    0.05,    0.015,   inf,          -inf,        nan,  -nan}) {
        for (const char* f : {"%f",    "%.0f",   "%.1f",   "%.20f", "%e",      "%.0e",     "%#.0e",
                              "%.17e", "%g",     "%#g",    "%.0g",  "%.17g",   "%a",       "%.0a",
                              "%.3a",  "%#a",    "%+f",    "% e",   "%010.3f", "%-12.4g|", "%012a",
                              "%015f", "%.400f", "%.800e", "%G",    "%E",      "%A"}) {
            same(f, v);
        }
    }
}

TEST_CASE("long doubles: exact digits from subnormals to the largest") {
    const char convs[] = "fFeEgGaA";
    for (int trial = 0; trial < 6000; ++trial) {
        long double v = random_long_double();
        std::string fmt =
            "<%" + random_flags() + random_width_precision() + "L" + convs[rng() % 8] + ">";
        same(fmt, v);
    }
    const long double inf = INFINITY, nan = NAN;
    for (long double v :
         {0.0L, -0.0L, 1.0L, 0.1L, LDBL_MAX, LDBL_MIN, LDBL_TRUE_MIN, 2.5L, 1e4000L, inf, nan}) {
        for (const char* f :
             {"%Lf", "%.0Lf", "%.30Le", "%Lg", "%.25Lg", "%La", "%.3La", "%.0La", "%.60Lf"})
            same(f, v);
    }
}

TEST_CASE("truncation: the return value is the untruncated length, the buffer is terminated") {
    char buf[8];
    CHECK(r3::snprintf(buf, sizeof buf, "%s-%d", "abcdef", 12345) == 12);
    CHECK(std::string(buf) == "abcdef-");
    CHECK(r3::snprintf(nullptr, 0, "%.100f", 1.0) == 102);
    char one[1] = {'x'};
    CHECK(r3::snprintf(one, 1, "abc") == 3);
    CHECK(one[0] == '\0');
    char big[64];
    CHECK(r3::sprintf(big, "%d %s %.2f", 7, "x", 2.345) == std::sprintf(buf, "%d", 0) * 0 + 8);
    CHECK(std::string(big) == "7 x 2.35");
    int n = -1;
    r3::snprintf(big, sizeof big, "abc%nd", &n);
    CHECK(n == 3);
}
