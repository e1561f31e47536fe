// The same integers through std::cout, unsynchronised with stdio.
#include "numbers.hpp"
#include <iostream>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    bench::Numbers numbers;
    long n = bench::count_arg(argc, argv);
    for (long i = 0; i < n; ++i) std::cout << numbers.next() << '\n';
    return 0;
}
