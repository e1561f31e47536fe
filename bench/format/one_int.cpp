// What formatting one integer costs on disk: the size report.
#ifdef RING3_BENCH_LIBC
#include <cstdio>
int main(int argc, char**) {
    std::printf("%d\n", argc * 42);
    return 0;
}
#else
#include <ring3/stream.hpp>
int main(int argc, char**) {
    ring3::io::out << argc * 42 << '\n';
    return 0;
}
#endif
