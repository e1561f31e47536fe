// ring3's <string.h> (runtime/src/libc/string/) against glibc's, in one
// process: every size up to a few hundred bytes at every alignment, the
// page-end cases the vector code must not fault on, and random inputs.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <doctest/doctest.h>
#include <libc/stdlib/stdlib.hpp>
#include <libc/string/cpu_features.hpp>
#include <libc/string/string.hpp>
#include <random>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace r3 = ring3::libc;

namespace {

int sign(int v) { return (v > 0) - (v < 0); }

std::mt19937_64 rng(12345);

// Bytes from a small alphabet, so that searches and comparisons find
// matches and near-matches often.
void fill_random(unsigned char* p, size_t n, int alphabet = 4) {
    for (size_t i = 0; i < n; ++i) p[i] = static_cast<unsigned char>('a' + rng() % alphabet);
}

// Two pages, the second one inaccessible: text placed to end exactly at
// the first page's end shows whether a function reads past the page.
struct GuardedPage {
    unsigned char* page;
    long size = sysconf(_SC_PAGESIZE);
    GuardedPage() {
        void* m =
            mmap(nullptr, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        REQUIRE(m != MAP_FAILED);
        page = static_cast<unsigned char*>(m);
        REQUIRE(mprotect(page + size, size, PROT_NONE) == 0);
    }
    ~GuardedPage() { munmap(page, 2 * size); }
    unsigned char* end() const { return page + size; }
};

constexpr size_t max_len = 300;

} // namespace

TEST_CASE("memcpy and memmove copy every size at every alignment, overlapping both ways") {
    std::vector<unsigned char> src(2 * max_len + 64), a(2 * max_len + 64), b(2 * max_len + 64);
    for (size_t n : {0,  1,  2,  3,   4,   5,   7,   8,   9,   15,  16,  17,  31,  32,  33,
                     63, 64, 65, 127, 128, 129, 200, 255, 256, 257, 300, 511, 512, 513, 600}) {
        for (size_t sa = 0; sa < 33; sa += 3) {
            for (size_t da = 0; da < 33; da += 5) {
                CAPTURE(n);
                CAPTURE(sa);
                CAPTURE(da);
                src.assign(n + 64, 0);
                fill_random(src.data(), src.size(), 256);
                a.assign(n + 64, 0xee);
                b = a;
                CHECK(r3::memcpy(a.data() + da, src.data() + sa, n) == a.data() + da);
                std::memcpy(b.data() + da, src.data() + sa, n);
                CHECK(a == b);
                // Overlapping moves within one buffer, forward and backward.
                std::vector<unsigned char> x(n + 80), y;
                fill_random(x.data(), x.size(), 256);
                y = x;
                CHECK(r3::memmove(x.data() + da, x.data() + sa, n) == x.data() + da);
                std::memmove(y.data() + da, y.data() + sa, n);
                CHECK(x == y);
            }
        }
    }
}

TEST_CASE("memmove of large overlapping blocks, both directions, AVX2 and SSE2 sizes") {
    for (size_t n : {1000, 4096, 10000, 70000}) {
        for (long shift : {-33L, -1L, 1L, 7L, 64L, 129L}) {
            CAPTURE(n);
            CAPTURE(shift);
            std::vector<unsigned char> x(n + 300), y;
            fill_random(x.data(), x.size(), 256);
            y = x;
            r3::memmove(x.data() + 150 + shift, x.data() + 150, n);
            std::memmove(y.data() + 150 + shift, y.data() + 150, n);
            CHECK(x == y);
        }
    }
}

TEST_CASE("mempcpy returns the end of the copy") {
    char buf[16];
    CHECK(r3::mempcpy(buf, "hello", 5) == buf + 5);
    CHECK(std::memcmp(buf, "hello", 5) == 0);
}

TEST_CASE("memset fills every size at every alignment and leaves the rest") {
    for (size_t n = 0; n <= 600; n += (n < 140 ? 1 : 37)) {
        for (size_t da = 0; da < 32; da += 3) {
            CAPTURE(n);
            CAPTURE(da);
            std::vector<unsigned char> a(n + 64, 0x11), b(n + 64, 0x11);
            int c = static_cast<int>(rng() % 256) | (n % 2 ? 0x100 : 0); // only the low byte counts
            CHECK(r3::memset(a.data() + da, c, n) == a.data() + da);
            std::memset(b.data() + da, c, n);
            CHECK(a == b);
        }
    }
    std::vector<unsigned char> big(1 << 20, 1), ref(1 << 20, 1);
    r3::memset(big.data() + 3, 0xab, big.size() - 10);
    std::memset(ref.data() + 3, 0xab, ref.size() - 10);
    CHECK(big == ref);
}

TEST_CASE("memcmp and bcmp order as glibc does, the first difference deciding") {
    for (size_t n = 0; n <= 700; n += (n < 140 ? 1 : 23)) {
        for (int trial = 0; trial < 20; ++trial) {
            CAPTURE(n);
            std::vector<unsigned char> a(n + 1), b;
            fill_random(a.data(), n, 256);
            b = a;
            if (n > 0 && trial > 0) {
                size_t at = trial == 1 ? n - 1 : (trial == 2 ? 0 : rng() % n);
                b[at] = static_cast<unsigned char>(rng() % 256);
                if (trial % 3 == 0 && at + 1 < n)
                    b[at + 1] ^= 0xff; // a later difference must not count
            }
            CHECK(sign(r3::memcmp(a.data(), b.data(), n)) ==
                  sign(std::memcmp(a.data(), b.data(), n)));
            CHECK((r3::bcmp(a.data(), b.data(), n) == 0) ==
                  (std::memcmp(a.data(), b.data(), n) == 0));
        }
    }
    // Bytes above 127 compare as unsigned.
    CHECK(r3::memcmp("\x80", "\x01", 1) > 0);
    CHECK(r3::memcmp("abcdefgh\x80", "abcdefgh\x01", 9) > 0);
    CHECK(r3::memcmp("abcdefghijklmnopq\x80", "abcdefghijklmnopq\x01", 18) > 0);
}

TEST_CASE("memchr, memrchr and strnlen find what glibc finds, at every alignment and length") {
    std::vector<unsigned char> buf(1200);
    for (int trial = 0; trial < 3000; ++trial) {
        size_t off = rng() % 64, n = rng() % (trial < 2000 ? 200 : 1100);
        fill_random(buf.data(), buf.size(), 2 + trial % 30);
        int c = 'a' + static_cast<int>(rng() % 8);
        if (trial % 7 == 0) c += 256; // only the low byte counts
        CAPTURE(off);
        CAPTURE(n);
        CHECK(r3::memchr(buf.data() + off, c, n) == std::memchr(buf.data() + off, c, n));
        CHECK(r3::memrchr(buf.data() + off, c, n) == memrchr(buf.data() + off, c, n));
        buf[off + rng() % (n + 1)] = 0;
        const char* s = reinterpret_cast<const char*>(buf.data() + off);
        CHECK(r3::strnlen(s, n) == strnlen(s, n));
    }
}

TEST_CASE("the scanning functions stop at the page end: no read past the last byte's page") {
    GuardedPage g;
    const unsigned char detected = ring3::libc::detail::detect_cpu_level();
    for (int level = 0; level < 2; ++level)
        for (size_t n = 0; n <= 200; ++n) {
            ring3::libc::detail::cpu_level =
                level == 0 ? 1 : detected; // SSE2 only, then what cpuid says
            unsigned char* p = g.end() - n;
            fill_random(p, n);
            CHECK(r3::memchr(p, 'z', n) == nullptr);
            CHECK(r3::memrchr(p, 'z', n) == nullptr);
            CHECK(r3::memcmp(p, p, n) == 0);
            if (n == 0) continue;
            p[n - 1] = 0; // a string ending at the page's last byte
            const char* s = reinterpret_cast<const char*>(p);
            CHECK(r3::strlen(s) == n - 1);
            CHECK(r3::strchr(s, 'z') == nullptr);
            CHECK(r3::strrchr(s, 'a') == std::strrchr(s, 'a'));
            CHECK(r3::strcmp(s, s) == 0);
            std::string copy(s);
            CHECK(r3::strcmp(s, copy.c_str()) == 0);
            CHECK(r3::strcmp(copy.c_str(), s) == 0);
            CHECK(r3::strnlen(s, 1000) == n - 1);
        }
}

TEST_CASE("strlen at every alignment and length, short and long") {
    std::vector<char> buf(70000);
    for (size_t off = 0; off < 64; ++off) {
        for (size_t n = 0; n < 300; ++n) {
            std::memset(buf.data(), 'x', 400);
            buf[off + n] = 0;
            REQUIRE(r3::strlen(buf.data() + off) == n);
        }
    }
    for (size_t n : {1000, 4095, 4096, 65536, 69000}) {
        std::memset(buf.data(), 'y', buf.size());
        buf[3 + n] = 0;
        CHECK(r3::strlen(buf.data() + 3) == n);
    }
    // Bytes above 127 are not terminators.
    CHECK(r3::strlen("\x80\xff\x01") == 3);
}

TEST_CASE("strcmp and strncmp: sign of the first differing byte, unsigned") {
    for (int trial = 0; trial < 20000; ++trial) {
        std::string a(rng() % 70, 'a'), b;
        fill_random(reinterpret_cast<unsigned char*>(a.data()), a.size(), 3);
        b = a;
        if (trial % 4 != 0 && !b.empty()) b[rng() % b.size()] = static_cast<char>('a' + rng() % 3);
        if (trial % 5 == 0) b.resize(rng() % (b.size() + 1));
        if (trial % 11 == 0 && !b.empty())
            b[rng() % b.size()] = static_cast<char>(0x80 + rng() % 128);
        size_t n = rng() % 80;
        CAPTURE(a);
        CAPTURE(b);
        CHECK(sign(r3::strcmp(a.c_str(), b.c_str())) == sign(std::strcmp(a.c_str(), b.c_str())));
        CHECK(sign(r3::strncmp(a.c_str(), b.c_str(), n)) ==
              sign(std::strncmp(a.c_str(), b.c_str(), n)));
        CHECK(sign(r3::strcoll(a.c_str(), b.c_str())) == sign(std::strcmp(a.c_str(), b.c_str())));
    }
}

TEST_CASE("copying and concatenating: strcpy, stpcpy, strncpy, strcat, strncat") {
    for (int trial = 0; trial < 3000; ++trial) {
        std::string src(rng() % 100, 'q'), pre(rng() % 40, 'p');
        fill_random(reinterpret_cast<unsigned char*>(src.data()), src.size(), 26);
        size_t n = rng() % 120;
        std::vector<char> a(400, '#'), b(400, '#');
        CHECK(r3::strcpy(a.data() + 1, src.c_str()) == a.data() + 1);
        std::strcpy(b.data() + 1, src.c_str());
        CHECK(a == b);
        CHECK(r3::stpcpy(a.data() + 2, src.c_str()) - a.data() ==
              stpcpy(b.data() + 2, src.c_str()) - b.data());
        CHECK(a == b);
        CHECK(r3::strncpy(a.data() + 3, src.c_str(), n) == a.data() + 3);
        std::strncpy(b.data() + 3, src.c_str(), n);
        CHECK(a == b);
        std::strcpy(a.data(), pre.c_str());
        std::strcpy(b.data(), pre.c_str());
        CHECK(r3::strcat(a.data(), src.c_str()) == a.data());
        std::strcat(b.data(), src.c_str());
        CHECK(a == b);
        CHECK(r3::strncat(a.data(), src.c_str(), n) == a.data());
        std::strncat(b.data(), src.c_str(), n);
        CHECK(a == b);
    }
}

TEST_CASE("searching: strchr, strchrnul, strrchr, strstr, memmem, strspn, strcspn, strpbrk") {
    std::vector<char> buf(400);
    for (int trial = 0; trial < 20000; ++trial) {
        size_t off = rng() % 32, n = rng() % 200;
        fill_random(reinterpret_cast<unsigned char*>(buf.data() + off), n, 2 + trial % 6);
        buf[off + n] = 0;
        const char* s = buf.data() + off;
        int c = trial % 50 == 0 ? 0 : 'a' + static_cast<int>(rng() % 8);
        CAPTURE(s);
        CAPTURE(c);
        CHECK(r3::strchr(s, c) == std::strchr(s, c));
        CHECK(r3::strchrnul(s, c) == strchrnul(s, c));
        CHECK(r3::strrchr(s, c) == std::strrchr(s, c));
        std::string needle(rng() % 5, 'a');
        fill_random(reinterpret_cast<unsigned char*>(needle.data()), needle.size(), 2 + trial % 6);
        CAPTURE(needle);
        CHECK(r3::strstr(s, needle.c_str()) == std::strstr(s, needle.c_str()));
        CHECK(r3::memmem(s, n, needle.data(), needle.size()) ==
              memmem(s, n, needle.data(), needle.size()));
        std::string set(rng() % 4, 'a');
        fill_random(reinterpret_cast<unsigned char*>(set.data()), set.size(), 6);
        CHECK(r3::strspn(s, set.c_str()) == std::strspn(s, set.c_str()));
        CHECK(r3::strcspn(s, set.c_str()) == std::strcspn(s, set.c_str()));
        CHECK(r3::strpbrk(s, set.c_str()) == std::strpbrk(s, set.c_str()));
    }
    CHECK(r3::strchr("abc\xff", 0xff) == std::strchr("abc\xff", 0xff));
    CHECK(r3::strrchr("a\xff"
                      "b\xff",
                      -1) != nullptr);
}

TEST_CASE("strtok_r and strtok split as glibc's do") {
    for (int trial = 0; trial < 2000; ++trial) {
        std::string text(rng() % 60, 'a');
        fill_random(reinterpret_cast<unsigned char*>(text.data()), text.size(), 5);
        const char* delims[] = {"a", "ab", "", "xyz", "bd"};
        const char* delim = delims[trial % 5];
        std::string x = text, y = text;
        char *sx = nullptr, *sy = nullptr;
        char* tx = r3::strtok_r(x.data(), delim, &sx);
        char* ty = strtok_r(y.data(), delim, &sy);
        for (;;) {
            REQUIRE((tx == nullptr) == (ty == nullptr));
            if (tx == nullptr) break;
            CHECK(tx - x.data() == ty - y.data());
            tx = r3::strtok_r(nullptr, delim, &sx);
            ty = strtok_r(nullptr, delim, &sy);
        }
        CHECK(x == y);
    }
    char text[] = "  one two  three ";
    CHECK(std::string(r3::strtok(text, " ")) == "one");
    CHECK(std::string(r3::strtok(nullptr, " ")) == "two");
    CHECK(std::string(r3::strtok(nullptr, " ")) == "three");
    CHECK(r3::strtok(nullptr, " ") == nullptr);
}

TEST_CASE("strdup and strndup copy into ring3's allocator, freed by ring3's free") {
    char* a = r3::strdup("hello, world");
    CHECK(std::string(a) == "hello, world");
    char* b = r3::strndup("hello, world", 5);
    CHECK(std::string(b) == "hello");
    char* c = r3::strndup("hi", 100);
    CHECK(std::string(c) == "hi");
    r3::free(a);
    r3::free(b);
    r3::free(c);
}

TEST_CASE("strerror has glibc's text for every number, known or not") {
    for (int e = -5; e <= 140; ++e) {
        CAPTURE(e);
        CHECK(std::string(r3::strerror(e)) == std::string(std::strerror(e)));
    }
    CHECK(std::string(r3::strerror(100000)) == std::strerror(100000));
    CHECK(std::string(r3::strerror(-2147483647 - 1)) == std::strerror(-2147483647 - 1));
}

TEST_CASE("strxfrm in the C locale copies when it fits and always returns the length") {
    char buf[8] = "#######";
    CHECK(r3::strxfrm(buf, "abc", sizeof buf) == std::strxfrm(nullptr, "abc", 0));
    CHECK(std::string(buf) == "abc");
    char small[3] = {'#', '#', '#'};
    CHECK(r3::strxfrm(small, "abcdef", 3) == 6);
    CHECK(small[0] == '#');
    CHECK(r3::strxfrm(nullptr, "abcdef", 0) == 6);
}

TEST_CASE("cpuid found AVX2 where /proc/cpuinfo lists it") {
    FILE* f = std::fopen("/proc/cpuinfo", "r");
    REQUIRE(f != nullptr);
    char line[4096];
    bool listed = false;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "flags", 5) == 0) {
            listed = std::strstr(line, " avx2") != nullptr;
            break;
        }
    std::fclose(f);
    CHECK((ring3::libc::detail::detect_cpu_level() == ring3::libc::cpu_avx2) == listed);
    CHECK(ring3::libc::cpu_level() == ring3::libc::detail::detect_cpu_level());
}

TEST_CASE("the SSE2 paths, as on a processor without AVX2, agree with glibc too") {
    const unsigned char detected = ring3::libc::detail::detect_cpu_level();
    ring3::libc::detail::cpu_level = 1;
    for (int trial = 0; trial < 3000; ++trial) {
        size_t n = 1 + (trial < 2000 ? rng() % 300 : rng() % 5000), sa = rng() % 64,
               da = rng() % 64;
        CAPTURE(n);
        std::vector<unsigned char> x(n + 200), y;
        fill_random(x.data(), x.size(), 256);
        y = x;
        r3::memmove(x.data() + da, x.data() + sa, n);
        std::memmove(y.data() + da, y.data() + sa, n);
        CHECK(x == y);
        r3::memset(x.data() + da, static_cast<int>(n), n);
        std::memset(y.data() + da, static_cast<int>(n), n);
        CHECK(x == y);
        fill_random(x.data(), x.size(), 2);
        y = x;
        y[sa + rng() % n] ^= 1;
        CHECK(sign(r3::memcmp(x.data() + sa, y.data() + sa, n)) ==
              sign(std::memcmp(x.data() + sa, y.data() + sa, n)));
        x[sa + rng() % n] = 'z';
        CHECK(r3::memchr(x.data() + sa, 'z', n) == std::memchr(x.data() + sa, 'z', n));
        x[sa + rng() % n] = 0;
        const char* s = reinterpret_cast<const char*>(x.data() + sa);
        CHECK(r3::strlen(s) == std::strlen(s));
    }
    ring3::libc::detail::cpu_level = detected;
}
