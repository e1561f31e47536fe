// memcpy, memmove, mempcpy, memset, memcmp, bcmp, memchr, memrchr, memmem.
//
// Compilers call these on their own (struct copies, zero-initialisation,
// clang's memcmp() == 0 -> bcmp), and std::string, std::vector and
// string_view::find spend their time in them, so they are written for
// speed at every size:
//   - up to 128 bytes, no loop: a few loads that overlap in the middle
//     (bytes 0-15 and n-16..n-1 cover any 17 <= n <= 32), all loads done
//     before any store, which also makes the short copies overlap-safe;
//   - longer, where cpuid says AVX2 is usable (cpu_features.hpp), 32-byte
//     vectors, and past 256 bytes a loop over 128 bytes per step with
//     aligned stores, the unaligned head and tail stored on their own;
//     without AVX2, `rep movsb` and `rep stosb`.
// This file is compiled with -fno-builtin so the compiler cannot turn a
// loop here back into a call to the function being defined.
#include "cpu_features.hpp"
#include "string.hpp"

#include <cstdint>
#include <immintrin.h>

namespace ring3::libc {
namespace {

using u8 = unsigned char;
using std::uint16_t;
using std::uint32_t;
using std::uint64_t;
using std::uintptr_t;

template <class T>
[[gnu::always_inline]] inline T load(const void* p) {
    T v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
template <class T>
[[gnu::always_inline]] inline void store(void* p, T v) {
    __builtin_memcpy(p, &v, sizeof v);
}

[[gnu::always_inline]] inline __m128i loadu(const u8* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
[[gnu::always_inline]] inline __m128i load_aligned(const u8* p) {
    return _mm_load_si128(reinterpret_cast<const __m128i*>(p));
}
[[gnu::always_inline]] inline void storeu(u8* p, __m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}
[[gnu::always_inline]] inline unsigned mask(__m128i v) {
    return static_cast<unsigned>(_mm_movemask_epi8(v));
}
[[gnu::always_inline]] inline unsigned eq_mask(__m128i a, __m128i b) {
    return mask(_mm_cmpeq_epi8(a, b));
}

// Copies of more than 128 bytes without AVX2 (processors before 2013):
// `rep movsb`, forward, or backward (direction flag set) when dst overlaps
// the end of src, as memmove requires. Fast on every processor with ERMS
// (Ivy Bridge on), and a few bytes where every byte counts (ring3-load).
[[gnu::noinline]] void* copy_large_sse2(u8* d, const u8* s, size_t n) {
    void* ret = d;
    if (reinterpret_cast<uintptr_t>(d) - reinterpret_cast<uintptr_t>(s) < n) {
        d += n - 1;
        s += n - 1;
        asm volatile("std\n\trep movsb\n\tcld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    } else {
        asm volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    }
    return ret;
}

#define RING3_AVX2 [[gnu::target("avx2"), gnu::noinline]]

[[gnu::target("avx2"), gnu::always_inline]] inline __m256i ld(const u8* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
[[gnu::target("avx2"), gnu::always_inline]] inline void st(u8* p, __m256i v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

RING3_AVX2 void copy_forward_avx2(u8* d, const u8* s, size_t n) {
    __m256i head = ld(s);
    __m256i t0 = ld(s + n - 128), t1 = ld(s + n - 96), t2 = ld(s + n - 64), t3 = ld(s + n - 32);
    size_t skip = 32 - (reinterpret_cast<uintptr_t>(d) & 31);
    u8* dd = d + skip;
    const u8* ss = s + skip;
    u8* end = d + n - 128;
    while (dd < end) {
        __m256i a = ld(ss), b = ld(ss + 32), c = ld(ss + 64), e = ld(ss + 96);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd), a);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 32), b);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 64), c);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 96), e);
        dd += 128;
        ss += 128;
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end), t0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end + 32), t1);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end + 64), t2);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end + 96), t3);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d), head);
}

RING3_AVX2 void copy_backward_avx2(u8* d, const u8* s, size_t n) {
    __m256i h0 = ld(s), h1 = ld(s + 32), h2 = ld(s + 64), h3 = ld(s + 96);
    __m256i tail = ld(s + n - 32);
    u8* dd = reinterpret_cast<u8*>(reinterpret_cast<uintptr_t>(d + n) & ~uintptr_t{31});
    const u8* ss = s + (dd - d);
    while (dd > d + 128) {
        dd -= 128;
        ss -= 128;
        __m256i a = ld(ss), b = ld(ss + 32), c = ld(ss + 64), e = ld(ss + 96);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 96), e);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 64), c);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 32), b);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd), a);
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + n - 32), tail);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d), h0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + 32), h1);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + 64), h2);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + 96), h3);
}

// Copies of 33 bytes and more where AVX2 is usable: as the SSE2 ones,
// with 32-byte vectors.
RING3_AVX2 void* copy_avx2(u8* d, const u8* s, size_t n) {
    if (n <= 64) {
        __m256i a = ld(s), b = ld(s + n - 32);
        st(d, a);
        st(d + n - 32, b);
    } else if (n <= 128) {
        __m256i a = ld(s), b = ld(s + 32), c = ld(s + n - 64), e = ld(s + n - 32);
        st(d, a);
        st(d + 32, b);
        st(d + n - 64, c);
        st(d + n - 32, e);
    } else if (n <= 256) {
        __m256i a = ld(s), b = ld(s + 32), c = ld(s + 64), e = ld(s + 96);
        __m256i f = ld(s + n - 128), g = ld(s + n - 96), h = ld(s + n - 64), i = ld(s + n - 32);
        st(d, a);
        st(d + 32, b);
        st(d + 64, c);
        st(d + 96, e);
        st(d + n - 128, f);
        st(d + n - 96, g);
        st(d + n - 64, h);
        st(d + n - 32, i);
    } else if (reinterpret_cast<uintptr_t>(d) - reinterpret_cast<uintptr_t>(s) < n) {
        copy_backward_avx2(d, s, n);
    } else {
        copy_forward_avx2(d, s, n);
    }
    return d;
}

// memmove and memcpy are one function: every path is overlap-safe, and
// the overlap test costs one compare on the long path only.
// Returns d; the paths that call out do so as tail calls, so that the
// short copies need no stack frame.
[[gnu::always_inline]] inline void* copy(u8* d, const u8* s, size_t n) {
    if (n <= 16) {
        if (n >= 8) {
            uint64_t a = load<uint64_t>(s), b = load<uint64_t>(s + n - 8);
            store(d, a);
            store(d + n - 8, b);
        } else if (n >= 4) {
            uint32_t a = load<uint32_t>(s), b = load<uint32_t>(s + n - 4);
            store(d, a);
            store(d + n - 4, b);
        } else if (n >= 2) {
            uint16_t a = load<uint16_t>(s), b = load<uint16_t>(s + n - 2);
            store(d, a);
            store(d + n - 2, b);
        } else if (n == 1) {
            *d = *s;
        }
        return d;
    }
    if (n <= 32) {
        __m128i a = loadu(s), b = loadu(s + n - 16);
        storeu(d, a);
        storeu(d + n - 16, b);
        return d;
    }
    if (cpu_level() == cpu_avx2) return copy_avx2(d, s, n);
    if (cpu_level() == cpu_unknown) [[unlikely]]
        return detect_then<memmove>(d, s, n);
    if (n <= 64) {
        __m128i a = loadu(s), b = loadu(s + 16), c = loadu(s + n - 32), e = loadu(s + n - 16);
        storeu(d, a);
        storeu(d + 16, b);
        storeu(d + n - 32, c);
        storeu(d + n - 16, e);
        return d;
    }
    if (n <= 128) {
        __m128i a = loadu(s), b = loadu(s + 16), c = loadu(s + 32), e = loadu(s + 48);
        __m128i f = loadu(s + n - 64), g = loadu(s + n - 48), h = loadu(s + n - 32),
                i = loadu(s + n - 16);
        storeu(d, a);
        storeu(d + 16, b);
        storeu(d + 32, c);
        storeu(d + 48, e);
        storeu(d + n - 64, f);
        storeu(d + n - 48, g);
        storeu(d + n - 32, h);
        storeu(d + n - 16, i);
        return d;
    }
    return copy_large_sse2(d, s, n);
}

// memset of more than 128 bytes without AVX2: `rep stosb`, as copies use
// `rep movsb`.
[[gnu::noinline]] void* fill_sse2(u8* d, u8 c, size_t n) {
    void* ret = d;
    asm volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return ret;
}

RING3_AVX2 void* fill_avx2(u8* d, u8 c, size_t n) {
    __m256i v = _mm256_set1_epi8(static_cast<char>(c));
    if (n <= 64) {
        st(d, v);
        st(d + n - 32, v);
        return d;
    }
    if (n <= 128) {
        st(d, v);
        st(d + 32, v);
        st(d + n - 64, v);
        st(d + n - 32, v);
        return d;
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d), v);
    u8* dd = reinterpret_cast<u8*>((reinterpret_cast<uintptr_t>(d) + 32) & ~uintptr_t{31});
    u8* end = d + n - 128;
    while (dd < end) {
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd), v);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 32), v);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 64), v);
        _mm256_store_si256(reinterpret_cast<__m256i*>(dd + 96), v);
        dd += 128;
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end), v);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end + 32), v);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end + 64), v);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(end + 96), v);
    return d;
}

// The first index where a and b differ, as memcmp's result, for n >= 16.
[[gnu::always_inline]] inline int byte_diff(const u8* a, const u8* b, unsigned m) {
    unsigned i = static_cast<unsigned>(__builtin_ctz(m));
    return a[i] - b[i];
}

[[gnu::target("avx2"), gnu::always_inline]] inline unsigned differ(const u8* a, const u8* b) {
    return ~static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(ld(a), ld(b))));
}

// memcmp of more than 32 bytes where AVX2 is usable: up to 128 bytes as
// two or four blocks from each end (in order, so the first difference is
// found first), longer ones 128 bytes per step and the last 128 bytes
// from the end.
RING3_AVX2 int compare_avx2(const u8* a, const u8* b, size_t n) {
    if (n <= 64) {
        if (unsigned m = differ(a, b)) return byte_diff(a, b, m);
        if (unsigned m = differ(a + n - 32, b + n - 32))
            return byte_diff(a + n - 32, b + n - 32, m);
        return 0;
    }
    size_t i = 0;
    if (n > 128) {
        for (; i + 128 <= n; i += 128) {
            __m256i e0 = _mm256_cmpeq_epi8(ld(a + i), ld(b + i));
            __m256i e1 = _mm256_cmpeq_epi8(ld(a + i + 32), ld(b + i + 32));
            __m256i e2 = _mm256_cmpeq_epi8(ld(a + i + 64), ld(b + i + 64));
            __m256i e3 = _mm256_cmpeq_epi8(ld(a + i + 96), ld(b + i + 96));
            __m256i all = _mm256_and_si256(_mm256_and_si256(e0, e1), _mm256_and_si256(e2, e3));
            if (static_cast<unsigned>(_mm256_movemask_epi8(all)) != 0xffffffffu) {
                n = i + 128; // the difference is in these 128 bytes
                break;
            }
        }
        if (i == n) return 0;
        i = n - 128;
        if (unsigned m = differ(a + i, b + i)) return byte_diff(a + i, b + i, m);
        if (unsigned m = differ(a + i + 32, b + i + 32))
            return byte_diff(a + i + 32, b + i + 32, m);
    } else {
        if (unsigned m = differ(a, b)) return byte_diff(a, b, m);
        if (unsigned m = differ(a + 32, b + 32)) return byte_diff(a + 32, b + 32, m);
    }
    if (unsigned m = differ(a + n - 64, b + n - 64)) return byte_diff(a + n - 64, b + n - 64, m);
    if (unsigned m = differ(a + n - 32, b + n - 32)) return byte_diff(a + n - 32, b + n - 32, m);
    return 0;
}

} // namespace

void* memmove(void* dst, const void* src, size_t n) noexcept {
    return copy(static_cast<u8*>(dst), static_cast<const u8*>(src), n);
}

// memcpy is memmove itself (one symbol, two names): memmove's paths are as
// fast, and every program that copies carries the code once.
void* memcpy(void* __restrict dst, const void* __restrict src, size_t n) noexcept
    RING3_C_ALIAS_OF(memmove);

void* mempcpy(void* __restrict dst, const void* __restrict src, size_t n) noexcept {
    copy(static_cast<u8*>(dst), static_cast<const u8*>(src), n);
    return static_cast<u8*>(dst) + n;
}

void* memset(void* dst, int c, size_t n) noexcept {
    auto* d = static_cast<u8*>(dst);
    auto byte = static_cast<u8>(c);
    if (n <= 16) {
        uint64_t v = 0x0101010101010101ULL * byte;
        if (n >= 8) {
            store(d, v);
            store(d + n - 8, v);
        } else if (n >= 4) {
            store(d, static_cast<uint32_t>(v));
            store(d + n - 4, static_cast<uint32_t>(v));
        } else if (n >= 2) {
            store(d, static_cast<uint16_t>(v));
            store(d + n - 2, static_cast<uint16_t>(v));
        } else if (n == 1) {
            *d = byte;
        }
        return dst;
    }
    __m128i v = _mm_set1_epi8(static_cast<char>(byte));
    if (n <= 32) {
        storeu(d, v);
        storeu(d + n - 16, v);
    } else if (cpu_level() == cpu_avx2) {
        return fill_avx2(d, byte, n);
    } else if (cpu_level() == cpu_unknown) [[unlikely]] {
        return detect_then<memset>(dst, c, n);
    } else if (n <= 64) {
        storeu(d, v);
        storeu(d + 16, v);
        storeu(d + n - 32, v);
        storeu(d + n - 16, v);
    } else if (n <= 128) {
        storeu(d, v);
        storeu(d + 16, v);
        storeu(d + 32, v);
        storeu(d + 48, v);
        storeu(d + n - 64, v);
        storeu(d + n - 48, v);
        storeu(d + n - 32, v);
        storeu(d + n - 16, v);
    } else {
        return fill_sse2(d, byte, n);
    }
    return dst;
}

int memcmp(const void* lhs, const void* rhs, size_t n) noexcept {
    const auto* a = static_cast<const u8*>(lhs);
    const auto* b = static_cast<const u8*>(rhs);
    if (n < 16) {
        // Big-endian words compare as the bytes do, first byte first.
        if (n >= 8) {
            uint64_t x = __builtin_bswap64(load<uint64_t>(a)),
                     y = __builtin_bswap64(load<uint64_t>(b));
            if (x == y) {
                x = __builtin_bswap64(load<uint64_t>(a + n - 8));
                y = __builtin_bswap64(load<uint64_t>(b + n - 8));
            }
            return x == y ? 0 : (x < y ? -1 : 1);
        }
        if (n >= 4) {
            uint64_t x = uint64_t{__builtin_bswap32(load<uint32_t>(a))} << 32 |
                         __builtin_bswap32(load<uint32_t>(a + n - 4));
            uint64_t y = uint64_t{__builtin_bswap32(load<uint32_t>(b))} << 32 |
                         __builtin_bswap32(load<uint32_t>(b + n - 4));
            return x == y ? 0 : (x < y ? -1 : 1);
        }
        for (size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return a[i] - b[i];
        return 0;
    }
    if (n <= 32) {
        if (unsigned m = eq_mask(loadu(a), loadu(b)) ^ 0xffff) return byte_diff(a, b, m);
        if (unsigned m = eq_mask(loadu(a + n - 16), loadu(b + n - 16)) ^ 0xffff)
            return byte_diff(a + n - 16, b + n - 16, m);
        return 0;
    }
    if (cpu_level() == cpu_avx2) return compare_avx2(a, b, n);
    if (cpu_level() == cpu_unknown) [[unlikely]]
        return detect_then<memcmp>(lhs, rhs, n);
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m128i e0 = _mm_cmpeq_epi8(loadu(a + i), loadu(b + i));
        __m128i e1 = _mm_cmpeq_epi8(loadu(a + i + 16), loadu(b + i + 16));
        __m128i e2 = _mm_cmpeq_epi8(loadu(a + i + 32), loadu(b + i + 32));
        __m128i e3 = _mm_cmpeq_epi8(loadu(a + i + 48), loadu(b + i + 48));
        if (mask(_mm_and_si128(_mm_and_si128(e0, e1), _mm_and_si128(e2, e3))) != 0xffff) break;
    }
    for (; i + 16 <= n; i += 16)
        if (unsigned m = eq_mask(loadu(a + i), loadu(b + i)) ^ 0xffff)
            return byte_diff(a + i, b + i, m);
    if (i < n) {
        size_t at = n - 16;
        if (unsigned m = eq_mask(loadu(a + at), loadu(b + at)) ^ 0xffff)
            return byte_diff(a + at, b + at, m);
    }
    return 0;
}

// bcmp only promises zero or not; memcmp's answer is one.
int bcmp(const void* a, const void* b, size_t n) noexcept { return memcmp(a, b, n); }

namespace {

[[gnu::target("avx2"), gnu::always_inline]] inline unsigned match_mask(const u8* p,
                                                                       __m256i needle) {
    return static_cast<unsigned>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(p)), needle)));
}

// memchr where AVX2 is usable (n > 0). The first 32 bytes in one unaligned
// load unless that would cross into the next page; then four aligned
// 32-byte blocks, and 128 bytes per step from a 128-byte boundary. An aligned
// block never crosses a page, and memchr must stop at the first match even
// when n runs past the object (C17 7.24.5.1: strnlen relies on it).
RING3_AVX2 RING3_READS_WITHIN_PAGE const u8* find_byte_avx2(const u8* s, u8 c, size_t n) {
    __m256i needle = _mm256_set1_epi8(static_cast<char>(c));
    if ((reinterpret_cast<uintptr_t>(s) & 4095) <= 4096 - 32) {
        if (auto m =
                static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(ld(s), needle)))) {
            unsigned i = static_cast<unsigned>(__builtin_ctz(m));
            return i < n ? s + i : nullptr;
        }
    } else if (unsigned m = match_mask(s - (reinterpret_cast<uintptr_t>(s) & 31), needle) >>
                            (reinterpret_cast<uintptr_t>(s) & 31)) {
        unsigned i = static_cast<unsigned>(__builtin_ctz(m));
        return i < n ? s + i : nullptr;
    }
    const u8* p = reinterpret_cast<const u8*>((reinterpret_cast<uintptr_t>(s) | 31) + 1);
    if (n <= static_cast<size_t>(p - s)) return nullptr;
    n -= static_cast<size_t>(p - s);
    // The next four aligned blocks one by one, then from a 128-byte
    // boundary, which may look at some of those bytes again.
    for (int k = 0; k < 4; ++k) {
        if (unsigned m = match_mask(p, needle)) {
            unsigned i = static_cast<unsigned>(__builtin_ctz(m));
            return i < n ? p + i : nullptr;
        }
        if (n <= 32) return nullptr;
        p += 32;
        n -= 32;
    }
    const u8* aligned =
        reinterpret_cast<const u8*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t{127});
    n += static_cast<size_t>(p - aligned);
    p = aligned;
    while (n > 128) {
        const auto* v = reinterpret_cast<const __m256i*>(p);
        __m256i e0 = _mm256_cmpeq_epi8(_mm256_load_si256(v), needle);
        __m256i e1 = _mm256_cmpeq_epi8(_mm256_load_si256(v + 1), needle);
        __m256i e2 = _mm256_cmpeq_epi8(_mm256_load_si256(v + 2), needle);
        __m256i e3 = _mm256_cmpeq_epi8(_mm256_load_si256(v + 3), needle);
        __m256i any = _mm256_or_si256(_mm256_or_si256(e0, e1), _mm256_or_si256(e2, e3));
        if (_mm256_movemask_epi8(any) != 0) break;
        p += 128;
        n -= 128;
    }
    for (;;) {
        if (unsigned m = match_mask(p, needle)) {
            unsigned i = static_cast<unsigned>(__builtin_ctz(m));
            return i < n ? p + i : nullptr;
        }
        if (n <= 32) return nullptr;
        p += 32;
        n -= 32;
    }
}

} // namespace

// Aligned 16-byte blocks from the one holding s[0]: an aligned block never
// crosses a page, so reading a whole one is safe even past s[n - 1].
RING3_READS_WITHIN_PAGE void* memchr(const void* s, int c, size_t n) noexcept {
    if (n == 0) return nullptr;
    const auto* start = static_cast<const u8*>(s);
    if (cpu_level() == cpu_avx2)
        return const_cast<u8*>(find_byte_avx2(start, static_cast<u8>(c), n));
    if (cpu_level() == cpu_unknown) [[unlikely]]
        return detect_then<memchr>(s, c, n);
    __m128i needle = _mm_set1_epi8(static_cast<char>(c));
    unsigned off = reinterpret_cast<uintptr_t>(start) & 15;
    const u8* p = start - off;
    if (unsigned m = eq_mask(load_aligned(p), needle) >> off) {
        unsigned i = static_cast<unsigned>(__builtin_ctz(m));
        return i < n ? const_cast<u8*>(start + i) : nullptr;
    }
    if (n <= 16 - off) return nullptr;
    n -= 16 - off;
    p += 16;
    // Up to a 64-byte boundary first, so that no step's block crosses a
    // page: memchr must stop at the first match even if n runs past the
    // object (C17 7.24.5.1), as strnlen relies on.
    while (reinterpret_cast<uintptr_t>(p) & 63) {
        if (unsigned m = eq_mask(load_aligned(p), needle)) {
            unsigned i = static_cast<unsigned>(__builtin_ctz(m));
            return i < n ? const_cast<u8*>(p + i) : nullptr;
        }
        if (n <= 16) return nullptr;
        p += 16;
        n -= 16;
    }
    while (n > 64) {
        __m128i e0 = _mm_cmpeq_epi8(load_aligned(p), needle);
        __m128i e1 = _mm_cmpeq_epi8(load_aligned(p + 16), needle);
        __m128i e2 = _mm_cmpeq_epi8(load_aligned(p + 32), needle);
        __m128i e3 = _mm_cmpeq_epi8(load_aligned(p + 48), needle);
        if (mask(_mm_or_si128(_mm_or_si128(e0, e1), _mm_or_si128(e2, e3)))) break;
        p += 64;
        n -= 64;
    }
    for (;;) {
        if (unsigned m = eq_mask(load_aligned(p), needle)) {
            unsigned i = static_cast<unsigned>(__builtin_ctz(m));
            return i < n ? const_cast<u8*>(p + i) : nullptr;
        }
        if (n <= 16) return nullptr;
        p += 16;
        n -= 16;
    }
}

void* memrchr(const void* s, int c, size_t n) noexcept {
    const auto* p = static_cast<const u8*>(s);
    __m128i needle = _mm_set1_epi8(static_cast<char>(c));
    while (n >= 16) {
        if (unsigned m = eq_mask(loadu(p + n - 16), needle))
            return const_cast<u8*>(p + n - 16 + (31 - __builtin_clz(m)));
        n -= 16;
    }
    while (n > 0) {
        --n;
        if (p[n] == static_cast<u8>(c)) return const_cast<u8*>(p + n);
    }
    return nullptr;
}

// Each place where the needle's first byte occurs (memchr), then the rest
// compared (memcmp). Worst case O(hn * nn), as for a needle of many equal
// bytes in a haystack of the same byte; typical text finds the first byte
// rarely and the scan runs at memchr's speed.
void* memmem(const void* hay, size_t hn, const void* needle, size_t nn) noexcept {
    const auto* h = static_cast<const u8*>(hay);
    const auto* nd = static_cast<const u8*>(needle);
    if (nn == 0) return const_cast<u8*>(h);
    if (nn > hn) return nullptr;
    const u8* last = h + (hn - nn); // the last place a match may start
    u8 first = nd[0];
    for (const u8* p = h; p <= last;) {
        p = static_cast<const u8*>(memchr(p, first, static_cast<size_t>(last - p) + 1));
        if (p == nullptr) return nullptr;
        if (memcmp(p + 1, nd + 1, nn - 1) == 0) return const_cast<u8*>(p);
        ++p;
    }
    return nullptr;
}

} // namespace ring3::libc
