// The same doubles through printf: "%.3f", or "%.17g" (printf has no
// shortest form; 17 digits always read back).
#include "numbers.hpp"
#include <cstdio>

int main(int argc, char** argv) {
    bench::Doubles numbers;
    long n = bench::count_arg(argc, argv);
    const char* format = bench::shortest_arg(argc, argv) ? "%.17g\n" : "%.3f\n";
    for (long i = 0; i < n; ++i) std::printf(format, numbers.next());
    return 0;
}
