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

// How many integers: argv[1], or ten million.
inline long count_arg(int argc, char** argv) {
    long n = 0;
    if (argc < 2) return 10000000;
    for (const char* p = argv[1]; *p >= '0' && *p <= '9'; ++p) n = n * 10 + (*p - '0');
    return n;
}

} // namespace bench
