// The integers every writer prints, identical in all of them: a xorshift64
// sequence turned into mixed magnitudes (bit lengths 0 to 63, so 1 to 19
// digits, evenly) and signs (half negative).
#pragma once

#include <cstdint>

namespace bench {

class Numbers {
public:
    std::int64_t next() {
        std::uint64_t a = step(), b = step();
        auto magnitude = static_cast<std::int64_t>((a >> 1) >> (b & 63));
        return (b & 64) ? -magnitude : magnitude;
    }

private:
    std::uint64_t step() {
        s_ ^= s_ << 13;
        s_ ^= s_ >> 7;
        s_ ^= s_ << 17;
        return s_;
    }
    std::uint64_t s_ = 0x9e3779b97f4a7c15ULL;
};

// The doubles the float writers print: mixed signs, magnitudes from 1e-4
// to 1e8, full 53-bit significands.
class Doubles {
public:
    double next() {
        s_ ^= s_ << 13;
        s_ ^= s_ >> 7;
        s_ ^= s_ << 17;
        static constexpr double scale[12] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,
                                             1e2,  1e3,  1e4,  1e5,  1e6, 1e7};
        double v = static_cast<double>(s_ >> 11) / 9007199254740992.0 * 10 * scale[s_ % 12];
        return (s_ & 16) ? -v : v;
    }

private:
    std::uint64_t s_ = 0x2545f4914f6cdd1dULL;
};

// How many values: argv[1], or ten million.
inline long count_arg(int argc, char** argv) {
    long n = 0;
    if (argc < 2) return 10000000;
    for (const char* p = argv[1]; *p >= '0' && *p <= '9'; ++p) n = n * 10 + (*p - '0');
    return n;
}

// The float writers' mode: argv[2] "fixed" (3 decimals) or "shortest".
inline bool shortest_arg(int argc, char** argv) { return argc > 2 && argv[2][0] == 's'; }

} // namespace bench
