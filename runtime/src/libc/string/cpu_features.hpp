// What the processor offers beyond the x86_64 baseline (SSE2), asked with
// cpuid on first use and remembered: the string functions take their AVX2
// paths only where the processor and the kernel support them.
//
// A plain byte read rather than an ifunc or a function pointer: ring3
// programs have no dynamic linker to resolve ifuncs, and a pointer in data
// would need relocating in static-PIE programs before anything could call
// memcpy. Nor a constructor: with --gc-sections, a constructor is kept in
// every program whose objects merely mention memcpy.
#pragma once

namespace ring3::libc {

namespace detail {
// 0: not asked yet; 1: baseline only; 2: AVX2 usable. Hidden, so that
// static-PIE code reads it RIP-relative, without a GOT entry.
// A declaration (clang-tidy takes it for a definition): the definition,
// in cpu_features.cpp, is constant-initialized.
// NOLINTNEXTLINE(bugprone-dynamic-static-initializers)
[[gnu::visibility("hidden")]] extern unsigned char cpu_level;
unsigned char detect_cpu_level() noexcept;
} // namespace detail

inline constexpr unsigned char cpu_unknown = 0, cpu_baseline = 1, cpu_avx2 = 2;

inline unsigned char cpu_level() noexcept { return detail::cpu_level; }

// The first call of a function that dispatches on cpu_level(): asks cpuid,
// then calls the function again. A tail call from the dispatcher, so that
// the dispatcher's fast paths need no stack frame:
//     if (cpu_level() == cpu_unknown) return detect_then<memset>(d, c, n);
template <auto F, class... A>
[[gnu::noinline, gnu::cold]] auto detect_then(A... args) noexcept {
    detail::detect_cpu_level();
    return F(args...);
}

} // namespace ring3::libc
