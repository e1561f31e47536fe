// The same count with glibc's getline(3).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    FILE* f = std::fopen(argv[1], "r");
    if (!f) return 1;
    char* buf = nullptr;
    std::size_t cap = 0;
    ssize_t n;
    std::uint64_t lines = 0, bytes = 0;
    while ((n = getline(&buf, &cap, f)) > 0) {
        ++lines;
        bytes += static_cast<std::uint64_t>(n) - (buf[n - 1] == '\n');
    }
    std::printf("%llu %llu\n", static_cast<unsigned long long>(lines),
                static_cast<unsigned long long>(bytes));
    std::free(buf);
    return 0;
}
