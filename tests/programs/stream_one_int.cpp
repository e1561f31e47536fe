// The smallest use of the streams: one integer, formatted and printed.
// Its size is the streams' fixed cost (docs/BENCHMARKS.md, "Streams").
#include <ring3/stream.hpp>

int main(int argc, char**) {
    ring3::io::out << argc * 42 << '\n';
    return 0;
}
