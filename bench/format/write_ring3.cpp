// Writes the benchmark's integers, one per line, through io::out.
#include "numbers.hpp"
#include <ring3/stream.hpp>

int main(int argc, char** argv) {
    bench::Numbers numbers;
    long n = bench::count_arg(argc, argv);
    for (long i = 0; i < n; ++i) ring3::io::out << numbers.next() << '\n';
    return 0;
}
