// The same doubles through fmt::output_file: "{:.3f}", or "{}" (shortest,
// {fmt}'s Dragonbox).
#include "numbers.hpp"
#include <fmt/os.h>

int main(int argc, char** argv) {
    bench::Doubles numbers;
    long n = bench::count_arg(argc, argv);
    auto out = fmt::output_file("/dev/stdout", fmt::buffer_size = 65536);
    if (bench::shortest_arg(argc, argv)) {
        for (long i = 0; i < n; ++i) out.print("{}\n", numbers.next());
    } else {
        for (long i = 0; i < n; ++i) out.print("{:.3f}\n", numbers.next());
    }
    return 0;
}
