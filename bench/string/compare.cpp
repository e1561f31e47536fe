// ring3's string functions against glibc's, in one process. Each function
// at each size is called in batches through a pointer the compiler cannot
// see through (so neither side is inlined or folded); ring3's and glibc's
// batches alternate in a random order every round, and the median batch
// time per call is reported with the ratio glibc / ring3 (above 1: ring3
// is faster). Built by bench/string.sh, which compiles ring3's functions
// under their hosted names (ring3_libc_memcpy, ...) with the flags of a
// ring3 program, and links glibc statically (no PLT on glibc's side).
//
// What each call does: memcpy and memmove copy n bytes between distinct
// buffers, memset fills n bytes, memcmp compares two equal n-byte buffers
// (the whole length is read), memchr looks for a byte that is the last of
// the n, strlen measures an n-byte string. The copies and fills cycle
// through 16 alignments; the searches start 3 bytes past an aligned
// address.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <libc/string/string.hpp>
#include <random>
#include <vector>

namespace r3 = ring3::libc;

namespace {

using Copy = void* (*)(void*, const void*, std::size_t);
using Set = void* (*)(void*, int, std::size_t);
using Cmp = int (*)(const void*, const void*, std::size_t);
using Chr = void* (*)(const void*, int, std::size_t);
using Len = std::size_t (*)(const char*);

void* glibc_memchr(const void* s, int c, std::size_t n) {
    return const_cast<void*>(std::memchr(s, c, n));
}

// Volatile, so that the calls stay calls through an unknown pointer.
struct Pair {
    const char* name;
    void* volatile ring3;
    void* volatile glibc;
};

constexpr std::size_t max_size = 1 << 20;
unsigned char* dst;
unsigned char* src;
unsigned char* cmp_a;
unsigned char* cmp_b;
std::uintptr_t sink;

// Calls fn `iters` times on n bytes; returns the seconds taken.
double batch(const char* name, void* fn, std::size_t n, int iters) {
    auto t0 = std::chrono::steady_clock::now();
    std::uintptr_t acc = 0;
    if (!std::strcmp(name, "memcpy") || !std::strcmp(name, "memmove")) {
        auto f = reinterpret_cast<Copy>(fn);
        for (int i = 0; i < iters; ++i)
            acc += reinterpret_cast<std::uintptr_t>(f(dst + (i & 15), src + ((i * 7) & 15), n));
    } else if (!std::strcmp(name, "memset")) {
        auto f = reinterpret_cast<Set>(fn);
        for (int i = 0; i < iters; ++i)
            acc += reinterpret_cast<std::uintptr_t>(f(dst + (i & 15), i & 0x7f, n));
    } else if (!std::strcmp(name, "memcmp")) {
        auto f = reinterpret_cast<Cmp>(fn);
        for (int i = 0; i < iters; ++i)
            acc += static_cast<std::uintptr_t>(f(cmp_a + 3, cmp_b + 3, n));
    } else if (!std::strcmp(name, "memchr")) {
        auto f = reinterpret_cast<Chr>(fn);
        src[3 + n - 1] = 'z';
        for (int i = 0; i < iters; ++i) acc += reinterpret_cast<std::uintptr_t>(f(src + 3, 'z', n));
        src[3 + n - 1] = 'a';
    } else {
        auto f = reinterpret_cast<Len>(fn);
        src[3 + n] = 0;
        for (int i = 0; i < iters; ++i) acc += f(reinterpret_cast<const char*>(src + 3));
        src[3 + n] = 'a';
    }
    auto t1 = std::chrono::steady_clock::now();
    sink += acc;
    return std::chrono::duration<double>(t1 - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    int rounds = argc > 1 ? std::atoi(argv[1]) : 31;
    dst = static_cast<unsigned char*>(std::aligned_alloc(64, max_size + 128));
    src = static_cast<unsigned char*>(std::aligned_alloc(64, max_size + 128));
    cmp_a = static_cast<unsigned char*>(std::aligned_alloc(64, max_size + 128));
    cmp_b = static_cast<unsigned char*>(std::aligned_alloc(64, max_size + 128));
    std::memset(src, 'a', max_size + 128);
    std::memset(dst, 'b', max_size + 128);
    std::memset(cmp_a, 'c', max_size + 128);
    std::memset(cmp_b, 'c', max_size + 128);

    Pair pairs[] = {
        {"memcpy", reinterpret_cast<void*>(static_cast<Copy>(r3::memcpy)),
         reinterpret_cast<void*>(static_cast<Copy>(std::memcpy))},
        {"memmove", reinterpret_cast<void*>(static_cast<Copy>(r3::memmove)),
         reinterpret_cast<void*>(static_cast<Copy>(std::memmove))},
        {"memset", reinterpret_cast<void*>(static_cast<Set>(r3::memset)),
         reinterpret_cast<void*>(static_cast<Set>(std::memset))},
        {"memcmp", reinterpret_cast<void*>(static_cast<Cmp>(r3::memcmp)),
         reinterpret_cast<void*>(static_cast<Cmp>(std::memcmp))},
        {"memchr", reinterpret_cast<void*>(static_cast<Chr>(r3::memchr)),
         reinterpret_cast<void*>(static_cast<Chr>(glibc_memchr))},
        {"strlen", reinterpret_cast<void*>(static_cast<Len>(r3::strlen)),
         reinterpret_cast<void*>(static_cast<Len>(std::strlen))},
    };
    const std::size_t sizes[] = {8, 32, 128, 1024, 64 * 1024, 1024 * 1024};
    std::mt19937 rng(1);

    std::printf("%-8s %8s %12s %12s %8s\n", "function", "bytes", "ring3 ns", "glibc ns",
                "glibc/ring3");
    double log_sum = 0;
    int count = 0;
    for (Pair& p : pairs) {
        for (std::size_t n : sizes) {
            // About 1 MiB of work per batch, at least 4 calls, at most 20000.
            int iters = static_cast<int>(std::clamp<std::size_t>((1 << 20) / n, 4, 20000));
            std::vector<double> t_r3, t_gl;
            batch(p.name, p.ring3, n, iters); // warm both up
            batch(p.name, p.glibc, n, iters);
            for (int r = 0; r < rounds; ++r) {
                if (rng() & 1) {
                    t_r3.push_back(batch(p.name, p.ring3, n, iters));
                    t_gl.push_back(batch(p.name, p.glibc, n, iters));
                } else {
                    t_gl.push_back(batch(p.name, p.glibc, n, iters));
                    t_r3.push_back(batch(p.name, p.ring3, n, iters));
                }
            }
            double a = median(t_r3) / iters * 1e9, b = median(t_gl) / iters * 1e9;
            std::printf("%-8s %8zu %12.2f %12.2f %8.2fx\n", p.name, n, a, b, b / a);
            log_sum += __builtin_log(b / a);
            ++count;
        }
    }
    std::printf("geometric mean of glibc/ring3: %.2fx\n", __builtin_exp(log_sum / count));
    return sink == 42 ? 1 : 0;
}
