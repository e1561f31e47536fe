// The same doubles through std::cout: std::fixed with 3 decimals, or 17
// significant digits (no shortest form before C++17's to_chars).
#include "numbers.hpp"
#include <iomanip>
#include <iostream>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    bench::Doubles numbers;
    long n = bench::count_arg(argc, argv);
    if (bench::shortest_arg(argc, argv))
        std::cout << std::setprecision(17);
    else
        std::cout << std::fixed << std::setprecision(3);
    for (long i = 0; i < n; ++i) std::cout << numbers.next() << '\n';
    return 0;
}
