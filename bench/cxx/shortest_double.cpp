// Shortest round-trip double to text, three ways, ns per number over the
// same doubles (bench/cxx.sh): std::to_chars (libstdc++'s Ryu), ring3's
// streams (StrBuf << double: runtime/src/format.cpp), and, in the glibc
// build only, {fmt} (Dragonbox). Usage: shortest_double N.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#if __has_include(<ring3/stream.hpp>)
#include <ring3/stream.hpp>
#define HAVE_RING3 1
#else
#include <fmt/format.h>
#include <unistd.h>
#endif

namespace {

// Doubles spread over the magnitudes programs print (1e-6 .. 1e9), with
// full 53-bit mantissas: the hard case for shortest printing.
struct Doubles {
    std::uint64_t s = 88172645463325252ULL;
    double next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double mant = static_cast<double>(s >> 11) / 9007199254740992.0;
        static constexpr double scale[] = {1e-6, 1e-3, 1, 10, 1e3, 1e6, 1e9};
        return mant * scale[s % 7];
    }
};

template <class F>
double ns_per_number(long n, F&& format) {
    Doubles d;
    std::uint64_t total = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n; ++i) total += format(d.next());
    auto t1 = std::chrono::steady_clock::now();
    if (total == 0) std::abort();
    return static_cast<double>(
               std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()) /
           static_cast<double>(n);
}

void emit(const std::string& s) {
#ifdef HAVE_RING3
    ring3::io::out << s;
#else
    (void)!::write(1, s.data(), s.size());
#endif
}

std::string line(std::string_view name, double ns) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, ns, std::chars_format::fixed, 1);
    return std::string(name) + ' ' + std::string(buf, r.ptr) + " ns\n";
}

} // namespace

int main(int argc, char** argv) {
    long n = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 1000000;
    std::string out;
    out += line("to_chars", ns_per_number(n, [](double v) {
                    char buf[32];
                    return static_cast<std::uint64_t>(std::to_chars(buf, buf + sizeof buf, v).ptr -
                                                      buf);
                }));
#ifdef HAVE_RING3
    out += line("ring3", ns_per_number(n, [](double v) {
                    ring3::StrBuf<32> b;
                    b << v;
                    return static_cast<std::uint64_t>(b.str().size());
                }));
#else
    out += line("fmt", ns_per_number(n, [](double v) {
                    char buf[32];
                    return static_cast<std::uint64_t>(fmt::format_to(buf, "{}", v) - buf);
                }));
#endif
    emit(out);
    return 0;
}
