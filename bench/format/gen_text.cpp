// gen_text BYTES > FILE: text lines of 0 to 120 printable characters
// (60 on average, like source code or logs), about BYTES in all, the last
// line complete.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
    std::uint64_t want = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : (1ULL << 30);
    std::uint64_t s = 88172645463325252ULL, written = 0;
    std::vector<char> buf;
    buf.reserve(1 << 20);
    while (written < want) {
        buf.clear();
        while (buf.size() < (1 << 20) - 200) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            unsigned len = static_cast<unsigned>(s % 121);
            std::uint64_t r = s;
            for (unsigned i = 0; i < len; ++i) {
                if (i % 8 == 0) r = r * 6364136223846793005ULL + 1442695040888963407ULL;
                buf.push_back(static_cast<char>(' ' + ((r >> (8 * (i % 8))) & 0xff) % 95));
            }
            buf.push_back('\n');
        }
        std::fwrite(buf.data(), 1, buf.size(), stdout);
        written += buf.size();
    }
    return 0;
}
