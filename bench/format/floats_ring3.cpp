// Writes the benchmark's doubles, one per line, through io::out: with 3
// decimals (fixed) or in the shortest form that reads back.
#include "numbers.hpp"
#include <ring3/stream.hpp>

int main(int argc, char** argv) {
    bench::Doubles numbers;
    long n = bench::count_arg(argc, argv);
    if (bench::shortest_arg(argc, argv)) {
        for (long i = 0; i < n; ++i) ring3::io::out << numbers.next() << '\n';
    } else {
        for (long i = 0; i < n; ++i) ring3::io::out << ring3::fixed(numbers.next(), 3) << '\n';
    }
    return 0;
}
