// The same count with std::getline on an std::ifstream.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    std::ios::sync_with_stdio(false);
    std::ifstream f(argv[1]);
    if (!f) return 1;
    std::string line;
    std::uint64_t lines = 0, bytes = 0;
    while (std::getline(f, line)) {
        ++lines;
        bytes += line.size();
    }
    std::cout << lines << ' ' << bytes << '\n';
    return 0;
}
