// The NUL-terminated string functions of <string.h>: strlen and strnlen,
// comparing, copying, concatenating, searching, tokenising, duplicating.
//
// strlen, strchr, strrchr and strcmp read 16 bytes at a time (SSE2, and
// strlen AVX2 on long strings): strlen is what every C string costs, and
// the others are its close cousins. The rest are built on them and on
// memory.cpp. Compiled with -fno-builtin, like memory.cpp.
#include "cpu_features.hpp"
#include "string.hpp"

#include <cstdint>
#include <immintrin.h>
#include <ring3/alloc.hpp>

namespace ring3::libc {
namespace {

using u8 = unsigned char;
using std::uintptr_t;

[[gnu::always_inline]] inline __m128i load_aligned(const u8* p) {
    return _mm_load_si128(reinterpret_cast<const __m128i*>(p));
}
[[gnu::always_inline]] inline unsigned eq_mask(__m128i a, __m128i b) {
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(a, b)));
}
[[gnu::always_inline]] inline unsigned ctz(unsigned m) {
    return static_cast<unsigned>(__builtin_ctz(m));
}

[[gnu::target("avx2"), gnu::always_inline]] inline unsigned nul_mask(__m256i v) {
    return static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_setzero_si256())));
}
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i load32(const u8* p) {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
}

// strlen where AVX2 is usable, in the manner of memchr's AVX2 path
// (memory.cpp): the first 32 bytes unaligned unless that crosses a page,
// four aligned 32-byte blocks, then 128 bytes per step from a 128-byte
// boundary, their unsigned minimum telling whether any byte is zero.
[[gnu::target("avx2"), gnu::noinline]] RING3_READS_WITHIN_PAGE size_t strlen_avx2(const u8* s) {
    if ((reinterpret_cast<uintptr_t>(s) & 4095) <= 4096 - 32) {
        if (unsigned m = nul_mask(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s))))
            return ctz(m);
    } else if (unsigned m = nul_mask(load32(s - (reinterpret_cast<uintptr_t>(s) & 31))) >>
                            (reinterpret_cast<uintptr_t>(s) & 31)) {
        return ctz(m);
    }
    // The next four aligned blocks one by one (short strings end there),
    // then from a 128-byte boundary, which may look at some of those
    // bytes again.
    const u8* p = reinterpret_cast<const u8*>((reinterpret_cast<uintptr_t>(s) | 31) + 1);
    if (unsigned m = nul_mask(load32(p))) return static_cast<size_t>(p - s) + ctz(m);
    if (unsigned m = nul_mask(load32(p + 32))) return static_cast<size_t>(p - s) + 32 + ctz(m);
    if (unsigned m = nul_mask(load32(p + 64))) return static_cast<size_t>(p - s) + 64 + ctz(m);
    if (unsigned m = nul_mask(load32(p + 96))) return static_cast<size_t>(p - s) + 96 + ctz(m);
    p = reinterpret_cast<const u8*>((reinterpret_cast<uintptr_t>(p) | 127) + 1);
    for (;;) {
        __m256i a = load32(p), b = load32(p + 32), c = load32(p + 64), d = load32(p + 96);
        __m256i least = _mm256_min_epu8(_mm256_min_epu8(a, b), _mm256_min_epu8(c, d));
        if (nul_mask(least)) {
            if (unsigned m = nul_mask(a)) return static_cast<size_t>(p - s) + ctz(m);
            if (unsigned m = nul_mask(b)) return static_cast<size_t>(p - s) + 32 + ctz(m);
            if (unsigned m = nul_mask(c)) return static_cast<size_t>(p - s) + 64 + ctz(m);
            return static_cast<size_t>(p - s) + 96 + ctz(nul_mask(d));
        }
        p += 128;
    }
}

} // namespace

// Aligned 16-byte blocks from the one holding s[0] (see memchr): first up
// to a 64-byte boundary, then 64 bytes per step, their unsigned minimum
// telling whether any is zero.
RING3_READS_WITHIN_PAGE size_t strlen(const char* str) noexcept {
    const auto* s = reinterpret_cast<const u8*>(str);
    if (cpu_level() == cpu_avx2) return strlen_avx2(s);
    if (cpu_level() == cpu_unknown) [[unlikely]]
        return detect_then<strlen>(str);
    const __m128i zero = _mm_setzero_si128();
    unsigned off = reinterpret_cast<uintptr_t>(s) & 15;
    const u8* p = s - off;
    if (unsigned m = eq_mask(load_aligned(p), zero) >> off) return ctz(m);
    p += 16;
    while (reinterpret_cast<uintptr_t>(p) & 63) {
        if (unsigned m = eq_mask(load_aligned(p), zero)) return static_cast<size_t>(p - s) + ctz(m);
        p += 16;
    }
    for (;;) {
        __m128i a = load_aligned(p), b = load_aligned(p + 16);
        __m128i c = load_aligned(p + 32), d = load_aligned(p + 48);
        __m128i least = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
        if (eq_mask(least, zero)) {
            for (const u8* q = p;; q += 16)
                if (unsigned m = eq_mask(load_aligned(q), zero))
                    return static_cast<size_t>(q - s) + ctz(m);
        }
        p += 64;
    }
}

size_t strnlen(const char* s, size_t max) noexcept {
    const void* nul = memchr(s, 0, max);
    return nul ? static_cast<size_t>(static_cast<const char*>(nul) - s) : max;
}

// 16 bytes of each string at a time where neither read leaves its page,
// a byte at a time across page boundaries.
RING3_READS_WITHIN_PAGE int strcmp(const char* lhs, const char* rhs) noexcept {
    const auto* a = reinterpret_cast<const u8*>(lhs);
    const auto* b = reinterpret_cast<const u8*>(rhs);
    const __m128i zero = _mm_setzero_si128();
    constexpr uintptr_t page = 4096;
    for (;;) {
        if ((reinterpret_cast<uintptr_t>(a) & (page - 1)) <= page - 16 &&
            (reinterpret_cast<uintptr_t>(b) & (page - 1)) <= page - 16) {
            __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
            __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
            unsigned stop = (eq_mask(x, y) ^ 0xffff) | eq_mask(x, zero);
            if (stop) {
                unsigned i = ctz(stop);
                return a[i] - b[i];
            }
            a += 16;
            b += 16;
        } else {
            if (*a != *b || *a == 0) return *a - *b;
            ++a;
            ++b;
        }
    }
}

int strncmp(const char* lhs, const char* rhs, size_t n) noexcept {
    const auto* a = reinterpret_cast<const u8*>(lhs);
    const auto* b = reinterpret_cast<const u8*>(rhs);
    for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i] || a[i] == 0) return a[i] - b[i];
    return 0;
}

char* stpcpy(char* __restrict dst, const char* __restrict src) noexcept {
    size_t n = strlen(src);
    memcpy(dst, src, n + 1);
    return dst + n;
}

char* strcpy(char* __restrict dst, const char* __restrict src) noexcept {
    memcpy(dst, src, strlen(src) + 1);
    return dst;
}

// Copies at most n bytes and pads with NULs to n (C17 7.24.2.4): the
// result is unterminated when src has n bytes or more.
char* strncpy(char* __restrict dst, const char* __restrict src, size_t n) noexcept {
    size_t len = strnlen(src, n);
    memcpy(dst, src, len);
    memset(dst + len, 0, n - len);
    return dst;
}

char* strcat(char* __restrict dst, const char* __restrict src) noexcept {
    strcpy(dst + strlen(dst), src);
    return dst;
}

// Appends at most n bytes of src, then always a NUL.
char* strncat(char* __restrict dst, const char* __restrict src, size_t n) noexcept {
    size_t len = strnlen(src, n);
    char* end = dst + strlen(dst);
    memcpy(end, src, len);
    end[len] = '\0';
    return dst;
}

// The first c or the terminator, in aligned blocks (see memchr).
RING3_READS_WITHIN_PAGE char* strchrnul(const char* str, int c) noexcept {
    const auto* s = reinterpret_cast<const u8*>(str);
    const __m128i zero = _mm_setzero_si128();
    const __m128i needle = _mm_set1_epi8(static_cast<char>(c));
    unsigned off = reinterpret_cast<uintptr_t>(s) & 15;
    const u8* p = s - off;
    __m128i v = load_aligned(p);
    if (unsigned m = (eq_mask(v, zero) | eq_mask(v, needle)) >> off)
        return const_cast<char*>(str + ctz(m));
    for (;;) {
        p += 16;
        v = load_aligned(p);
        if (unsigned m = eq_mask(v, zero) | eq_mask(v, needle))
            return reinterpret_cast<char*>(const_cast<u8*>(p + ctz(m)));
    }
}

char* strchr(const char* s, int c) noexcept {
    char* p = strchrnul(s, c);
    return *p == static_cast<char>(c) ? p : nullptr;
}

// The last c before the terminator: each block's matches, cut at the
// terminator once it appears.
RING3_READS_WITHIN_PAGE char* strrchr(const char* str, int c) noexcept {
    if (static_cast<char>(c) == '\0') return const_cast<char*>(str) + strlen(str);
    const auto* s = reinterpret_cast<const u8*>(str);
    const __m128i zero = _mm_setzero_si128();
    const __m128i needle = _mm_set1_epi8(static_cast<char>(c));
    unsigned off = reinterpret_cast<uintptr_t>(s) & 15;
    const u8* p = s - off;
    const u8* last = nullptr;
    unsigned drop = off; // bytes of the first block before s
    for (;; p += 16, drop = 0) {
        __m128i v = load_aligned(p);
        unsigned z = (eq_mask(v, zero) >> drop) << drop;
        unsigned m = (eq_mask(v, needle) >> drop) << drop;
        if (z) {
            m &= z ^ (z - 1); // matches up to the first NUL
            if (m) last = p + (31 - __builtin_clz(m));
            return reinterpret_cast<char*>(const_cast<u8*>(last));
        }
        if (m) last = p + (31 - __builtin_clz(m));
    }
}

namespace {

// A set of bytes, for strspn, strcspn, strpbrk and strtok.
struct ByteSet {
    std::uint64_t bits[4] = {};
    explicit ByteSet(const char* chars) {
        for (const auto* p = reinterpret_cast<const u8*>(chars); *p; ++p)
            bits[*p >> 6] |= std::uint64_t{1} << (*p & 63);
    }
    bool has(u8 c) const { return (bits[c >> 6] >> (c & 63)) & 1; }
};

} // namespace

size_t strspn(const char* s, const char* accept) noexcept {
    if (accept[0] == '\0') return 0;
    const auto* p = reinterpret_cast<const u8*>(s);
    if (accept[1] == '\0') {
        size_t i = 0;
        while (p[i] == static_cast<u8>(accept[0])) ++i;
        return i;
    }
    ByteSet set(accept);
    size_t i = 0;
    while (p[i] != 0 && set.has(p[i])) ++i;
    return i;
}

size_t strcspn(const char* s, const char* reject) noexcept {
    if (reject[0] == '\0' || reject[1] == '\0')
        return static_cast<size_t>(strchrnul(s, reject[0]) - s);
    const auto* p = reinterpret_cast<const u8*>(s);
    ByteSet set(reject);
    size_t i = 0;
    while (p[i] != 0 && !set.has(p[i])) ++i;
    return i;
}

char* strpbrk(const char* s, const char* accept) noexcept {
    const char* p = s + strcspn(s, accept);
    return *p ? const_cast<char*>(p) : nullptr;
}

char* strstr(const char* hay, const char* needle) noexcept {
    if (needle[0] == '\0') return const_cast<char*>(hay);
    if (needle[1] == '\0') return strchr(hay, needle[0]);
    return static_cast<char*>(memmem(hay, strlen(hay), needle, strlen(needle)));
}

char* strtok_r(char* __restrict s, const char* __restrict delim, char** __restrict save) noexcept {
    // A first call without a string (nothing saved yet) finds no token.
    if (s == nullptr && (s = *save) == nullptr) return nullptr;
    s += strspn(s, delim);
    if (*s == '\0') {
        *save = s;
        return nullptr;
    }
    char* end = s + strcspn(s, delim);
    if (*end != '\0') *end++ = '\0';
    *save = end;
    return s;
}

char* strtok(char* __restrict s, const char* __restrict delim) noexcept {
    static char* save = nullptr; // strtok is not reentrant (C17 7.24.5.8): strtok_r is
    return strtok_r(s, delim, &save);
}

// From ring3's allocator, so free() (stdlib) takes them back.
char* strndup(const char* s, size_t n) noexcept {
    size_t len = strnlen(s, n);
    auto* copy = static_cast<char*>(ring3::alloc::allocate(len + 1));
    if (copy == nullptr) return nullptr;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char* strdup(const char* s) noexcept {
    size_t len = strlen(s);
    auto* copy = static_cast<char*>(ring3::alloc::allocate(len + 1));
    if (copy == nullptr) return nullptr;
    return static_cast<char*>(memcpy(copy, s, len + 1));
}

} // namespace ring3::libc
