// The same integers through glibc's printf.
#include "numbers.hpp"
#include <cstdio>

int main(int argc, char** argv) {
    bench::Numbers numbers;
    long n = bench::count_arg(argc, argv);
    for (long i = 0; i < n; ++i) std::printf("%lld\n", static_cast<long long>(numbers.next()));
    return 0;
}
