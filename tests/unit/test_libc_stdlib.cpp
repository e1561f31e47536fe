// ring3's <stdlib.h> (runtime/src/libc/stdlib/) against glibc's: integer
// parsing (values, errno and end pointers on edge cases and random text),
// abs and div, qsort and bsearch, and malloc's family over ring3's
// allocator.
#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <doctest/doctest.h>
#include <libc/errno/errno.hpp>
#include <libc/stdlib/stdlib.hpp>
#include <random>
#include <string>
#include <vector>

namespace r3 = ring3::libc;

namespace {

std::mt19937_64 rng(777);

// Calls ring3's and glibc's parser on text and checks value, errno and
// end pointer are the same.
template <class R3, class Glibc>
void same_parse(const std::string& text, int base, R3 ours, Glibc theirs) {
    CAPTURE(text);
    CAPTURE(base);
    char *e1 = nullptr, *e2 = nullptr;
    *r3::errno_location() = 0;
    errno = 0;
    auto a = ours(text.c_str(), &e1, base);
    int err1 = *r3::errno_location();
    auto b = theirs(text.c_str(), &e2, base);
    int err2 = errno;
    CHECK(a == b);
    CHECK(err1 == err2);
    if (base < 0 || base == 1 || base > 36) {
        // glibc leaves *end untouched for a base it rejects; so does ring3.
        // (AddressSanitizer's strtol interceptor writes it, so glibc is not
        // asked here.)
        CHECK(e1 == nullptr);
        return;
    }
    CHECK(e1 - text.c_str() == e2 - text.c_str());
}

void all_parsers(const std::string& text, int base) {
    same_parse(text, base, r3::strtol, strtol);
    same_parse(text, base, r3::strtoul, strtoul);
    same_parse(text, base, r3::strtoll, strtoll);
    same_parse(text, base, r3::strtoull, strtoull);
    same_parse(text, base, r3::strtoimax, strtoimax);
    same_parse(text, base, r3::strtoumax, strtoumax);
}

} // namespace

TEST_CASE("strtol and its family: edge cases as glibc parses them") {
    const char* cases[] = {"0",
                           "-0",
                           "+0",
                           "42",
                           "  \t\n\v\f\r-42xyz",
                           "+",
                           "-",
                           "",
                           "   ",
                           "0x",
                           "0x1f",
                           "0X1F",
                           "0xg",
                           "-0x10",
                           "010",
                           "09",
                           "0b101",
                           "z",
                           "Zz",
                           "9223372036854775807",
                           "9223372036854775808",
                           "-9223372036854775808",
                           "-9223372036854775809",
                           "18446744073709551615",
                           "18446744073709551616",
                           "-18446744073709551615",
                           "-18446744073709551616",
                           "99999999999999999999999",
                           "-1",
                           "  +-1",
                           "1 2",
                           "0x8000000000000000",
                           "-0x8000000000000000",
                           "777777777777777777777",
                           "1777777777777777777777",
                           "2000000000000000000000",
                           ("\xff"
                            "12"),
                           "12\xff"};
    for (const char* c : cases)
        for (int base : {0, 2, 8, 10, 16, 36, 1, 37, -1}) all_parsers(c, base);
}

TEST_CASE("strtol and its family: random text in every base") {
    const char alphabet[] = "0123456789abcdefxyzXABF +-\t";
    for (int trial = 0; trial < 20000; ++trial) {
        std::string text(rng() % 25, ' ');
        for (char& ch : text) ch = alphabet[rng() % (sizeof alphabet - 1)];
        if (trial % 3 == 0) text = std::to_string(static_cast<long long>(rng())) + text;
        int base = static_cast<int>(rng() % 37);
        all_parsers(text, base == 1 ? 0 : base);
    }
}

TEST_CASE("atoi, atol and atoll are strtol's base 10") {
    for (const char* s : {"12", " -7x", "2147483648", "-2147483649", "99999999999999999999", "x"}) {
        CAPTURE(s);
        CHECK(r3::atoi(s) == atoi(s));
        CHECK(r3::atol(s) == atol(s));
        CHECK(r3::atoll(s) == atoll(s));
    }
}

TEST_CASE("abs and div") {
    for (int v : {0, 1, -1, INT_MAX, INT_MIN + 1, 12345, -98765}) CHECK(r3::abs(v) == std::abs(v));
    CHECK(r3::labs(LONG_MIN + 1) == LONG_MAX);
    CHECK(r3::llabs(-5) == 5);
    CHECK(r3::imaxabs(-5) == 5);
    for (int a : {7, -7, 0, INT_MAX, INT_MIN})
        for (int b : {1, -1, 2, -3, 7, INT_MAX}) {
            if (a == INT_MIN && b == -1) continue;
            r3::div_t x = r3::div(a, b);
            std::div_t y = std::div(a, b);
            CHECK(x.quot == y.quot);
            CHECK(x.rem == y.rem);
            r3::lldiv_t lx = r3::lldiv(a * 3LL, b);
            CHECK(lx.quot == a * 3LL / b);
            CHECK(lx.rem == a * 3LL % b);
            r3::ldiv_t l = r3::ldiv(a * 5L, b);
            CHECK(l.quot == a * 5L / b);
        }
}

namespace {
int compare_ints(const void* a, const void* b) {
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    return (x > y) - (x < y);
}
struct Wide {
    std::uint32_t key;
    char payload[13];
};
int compare_wide(const void* a, const void* b, void* calls) {
    ++*static_cast<long*>(calls);
    auto x = static_cast<const Wide*>(a)->key, y = static_cast<const Wide*>(b)->key;
    return (x > y) - (x < y);
}
} // namespace

TEST_CASE("qsort sorts as std::sort does: random, sorted, reversed, equal keys, odd sizes") {
    for (int trial = 0; trial < 300; ++trial) {
        size_t n = trial < 200 ? rng() % 100 : rng() % 20000;
        std::vector<int> v(n);
        int range = trial % 4 == 0 ? 3 : 1000000;
        for (int& x : v) x = static_cast<int>(rng() % range) - range / 2;
        if (trial % 5 == 1) std::sort(v.begin(), v.end());
        if (trial % 5 == 2) std::sort(v.rbegin(), v.rend());
        std::vector<int> w = v;
        r3::qsort(v.data(), n, sizeof(int), compare_ints);
        std::sort(w.begin(), w.end());
        CHECK(v == w);
    }
    // 17-byte elements and qsort_r's argument; comparisons stay O(n log n)
    // even for an organ-pipe input.
    std::vector<Wide> ws(50000);
    for (size_t i = 0; i < ws.size(); ++i) {
        ws[i].key = static_cast<std::uint32_t>(i < ws.size() / 2 ? i : ws.size() - i);
        std::memset(ws[i].payload, static_cast<int>(ws[i].key & 0xff), sizeof ws[i].payload);
    }
    long calls = 0;
    r3::qsort_r(ws.data(), ws.size(), sizeof(Wide), compare_wide, &calls);
    CHECK(calls < 4 * 50000L * 16); // O(n log n), far from the n * n / 4 of a quadratic sort
    for (size_t i = 1; i < ws.size(); ++i) REQUIRE(ws[i - 1].key <= ws[i].key);
    for (const Wide& w : ws) REQUIRE(w.payload[12] == static_cast<char>(w.key & 0xff));
}

TEST_CASE("bsearch finds every element and misses every gap") {
    std::vector<int> v;
    for (int i = 0; i < 1000; ++i) v.push_back(2 * i);
    for (int k = -1; k <= 2000; ++k) {
        void* ours = r3::bsearch(&k, v.data(), v.size(), sizeof(int), compare_ints);
        void* theirs = std::bsearch(&k, v.data(), v.size(), sizeof(int), compare_ints);
        CHECK(ours == theirs);
    }
    int k = 0;
    CHECK(r3::bsearch(&k, v.data(), 0, sizeof(int), compare_ints) == nullptr);
}

TEST_CASE("malloc, calloc, realloc, free, aligned_alloc, posix_memalign over ring3's allocator") {
    auto* p = static_cast<unsigned char*>(r3::malloc(100));
    REQUIRE(p != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
    CHECK(r3::malloc_usable_size(p) >= 100);
    std::memset(p, 0xab, 100);
    p = static_cast<unsigned char*>(r3::realloc(p, 100000));
    REQUIRE(p != nullptr);
    for (int i = 0; i < 100; ++i) REQUIRE(p[i] == 0xab);
    p = static_cast<unsigned char*>(r3::realloc(p, 2 << 20)); // a large block
    REQUIRE(p != nullptr);
    for (int i = 0; i < 100; ++i) REQUIRE(p[i] == 0xab);
    p = static_cast<unsigned char*>(r3::realloc(p, 10));
    REQUIRE(p != nullptr);
    for (int i = 0; i < 10; ++i) REQUIRE(p[i] == 0xab);
    r3::free(p);
    r3::free(nullptr);

    // calloc clears recycled memory.
    void* dirty = r3::malloc(256);
    std::memset(dirty, 0xff, 256);
    r3::free(dirty);
    auto* z = static_cast<unsigned char*>(r3::calloc(16, 16));
    for (int i = 0; i < 256; ++i) REQUIRE(z[i] == 0);
    r3::free(z);
    *r3::errno_location() = 0;
    CHECK(r3::calloc(SIZE_MAX / 2, 3) == nullptr);
    CHECK(*r3::errno_location() == ENOMEM);
    CHECK(r3::reallocarray(nullptr, SIZE_MAX / 2, 3) == nullptr);

    for (size_t align : {16, 64, 4096, 65536}) {
        void* a = r3::aligned_alloc(align, 100);
        REQUIRE(a != nullptr);
        CHECK(reinterpret_cast<std::uintptr_t>(a) % align == 0);
        r3::free(a);
        void* b = nullptr;
        CHECK(r3::posix_memalign(&b, align, 1000) == 0);
        CHECK(reinterpret_cast<std::uintptr_t>(b) % align == 0);
        r3::free(b);
    }
    void* untouched = &p;
    void* out = untouched;
    CHECK(r3::posix_memalign(&out, 24, 10) == EINVAL);
    CHECK(r3::posix_memalign(&out, 4, 10) == EINVAL);
    CHECK(out == untouched);
    *r3::errno_location() = 0;
    CHECK(r3::aligned_alloc(3, 10) == nullptr);
    CHECK(*r3::errno_location() == EINVAL);
}
