// memcpy, memmove, memset, memcmp and bcmp: compilers emit calls to them on
// their own (struct copies, zero-initialisation, clang's memcmp==0 -> bcmp),
// even with -ffreestanding, so every ring3 program needs them.
//
// `rep movsb` / `rep stosb` are fast on every x86_64 with ERMS (Ivy Bridge
// and later, Zen) and keep these tiny. This file is compiled with
// -fno-builtin so the compiler cannot turn a loop here back into a call to
// the function being defined.
#include <cstddef>
#include <cstdint>

extern "C" {

void* memcpy(void* __restrict dst, const void* __restrict src, std::size_t n) {
    void* ret = dst;
    asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
    return ret;
}

void* memmove(void* dst, const void* src, std::size_t n) {
    auto* d = static_cast<unsigned char*>(dst);
    const auto* s = static_cast<const unsigned char*>(src);
    auto da = reinterpret_cast<std::uintptr_t>(d);
    auto sa = reinterpret_cast<std::uintptr_t>(s);
    if (da <= sa || da - sa >= n) {
        // No harmful overlap: a forward copy is correct.
        asm volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        return dst;
    }
    // dst overlaps the tail of src: copy backwards.
    while (n--) d[n] = s[n];
    return dst;
}

void* memset(void* dst, int c, std::size_t n) {
    void* ret = dst;
    asm volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(c) : "memory");
    return ret;
}

int memcmp(const void* a, const void* b, std::size_t n) {
    const auto* x = static_cast<const unsigned char*>(a);
    const auto* y = static_cast<const unsigned char*>(b);
    for (std::size_t i = 0; i < n; ++i)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

int bcmp(const void* a, const void* b, std::size_t n) { return memcmp(a, b, n); }

std::size_t strlen(const char* s) {
    std::size_t n = 0;
    while (s[n]) ++n;
    return n;
}

} // extern "C"
