// Shared by the math tests: inputs (special values, random bits, random
// values in a range), a bit-exact comparison with glibc including errno,
// and ulp error against a reference.
#pragma once

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace math_test {

// RING3_MATH_SAMPLES sets the random inputs per function (the default
// keeps `make test` fast; the numbers in docs/math.md use 2000000).
inline std::size_t samples() {
    static std::size_t n = [] {
        const char* s = std::getenv("RING3_MATH_SAMPLES");
        return s ? std::strtoull(s, nullptr, 10) : std::size_t{20000};
    }();
    return n;
}

struct Rng {
    std::uint64_t state;
    std::uint64_t next() { // splitmix64
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }
};

template <typename T>
std::uint64_t to_bits(T x) {
    if constexpr (sizeof(T) == 8) {
        std::uint64_t b;
        std::memcpy(&b, &x, 8);
        return b;
    } else if constexpr (sizeof(T) == 4) {
        std::uint32_t b;
        std::memcpy(&b, &x, 4);
        return b;
    } else {
        std::uint64_t m;
        std::uint16_t se;
        std::memcpy(&m, &x, 8);
        std::memcpy(&se, reinterpret_cast<const char*>(&x) + 8, 2);
        return m ^ (static_cast<std::uint64_t>(se) << 48) ^ se;
    }
}

template <typename T>
T from_u64(std::uint64_t b) {
    if constexpr (sizeof(T) == 8) {
        T x;
        std::memcpy(&x, &b, 8);
        return x;
    } else {
        std::uint32_t v = static_cast<std::uint32_t>(b);
        T x;
        std::memcpy(&x, &v, 4);
        return x;
    }
}

// Equal results: the same bits, or both NaN (glibc's NaN sign and
// payload are not part of its contract).
template <typename T>
bool same(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
        if constexpr (sizeof(T) > 8)
            return a == b && std::signbit(a) == std::signbit(b);
        else
            return to_bits(a) == to_bits(b);
    } else {
        return a == b;
    }
}

template <typename T>
std::string show(T x) {
    char buf[64];
    if constexpr (std::is_floating_point_v<T>)
        std::snprintf(buf, sizeof buf, "%La", static_cast<long double>(x));
    else
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(x));
    return buf;
}

template <typename T>
std::vector<T> specials() {
    using L = std::numeric_limits<T>;
    std::vector<T> v = {T(0),
                        L::denorm_min(),
                        L::min() - L::denorm_min(),
                        L::min(),
                        T(0.5),
                        T(1) - L::epsilon() / 2,
                        T(1),
                        T(1) + L::epsilon(),
                        T(1.5),
                        T(2),
                        T(2.5),
                        T(3),
                        T(3.5),
                        T(10),
                        T(100.25),
                        L::max(),
                        L::infinity(),
                        T(1) / L::epsilon(),
                        T(1) / L::epsilon() + T(0.5) * (sizeof(T) == 4 ? 2 : 1),
                        T(0.49999999999999994),
                        T(1e-300 * (sizeof(T) == 8)),
                        T(709.7),
                        T(88.7),
                        T(-745.2),
                        T(1e22),
                        T(1e300 * (sizeof(T) == 8))};
    std::size_t n = v.size();
    for (std::size_t i = 0; i < n; ++i) v.push_back(-v[i]);
    v.push_back(L::quiet_NaN());
    v.push_back(-L::quiet_NaN());
    return v;
}

// Inputs: the special values, then random bit patterns, then values
// uniform in [lo, hi].
template <typename T>
std::vector<T> inputs(T lo, T hi, std::uint64_t seed = 1) {
    std::vector<T> v = specials<T>();
    Rng rng{seed};
    std::size_t n = samples();
    for (std::size_t i = 0; i < n / 2; ++i) v.push_back(from_u64<T>(rng.next()));
    for (std::size_t i = 0; i < n / 2; ++i)
        v.push_back(static_cast<T>(lo + (hi - lo) * static_cast<T>(rng.unit())));
    return v;
}

// Runs `call` (which calls ring3's or glibc's function for input i) with
// errno cleared and compares results and errno; counts mismatches and
// reports the first few.
struct Exact {
    std::string name;
    std::size_t checked = 0;
    std::size_t mismatches = 0;

    template <typename R>
    void compare(const std::string& args, R ours, int ours_errno, R theirs, int theirs_errno) {
        ++checked;
        if (same(ours, theirs) && ours_errno == theirs_errno) return;
        if (++mismatches <= 5)
            MESSAGE(name << "(" << args << "): ring3 " << show(ours) << " errno " << ours_errno
                         << ", glibc " << show(theirs) << " errno " << theirs_errno);
    }
};

template <typename F>
auto with_errno(F f, int& e) {
    errno = 0;
    auto r = f();
    e = errno;
    return r;
}

} // namespace math_test
