// stream_tool MODE [ARG]: the standard streams as a real ring3 program uses
// them, for tests/e2e/streams_*.sh to check from outside.
//
//   numbers N       N lines "i i*i -i" (i from 0), plain decimal
//   yes             "y" lines until the reader goes away
//   partial-exit S  "partial" without newline, then exit(S) from a nested
//                   function: the exit path must flush it
//   lost            "lost" without newline, then _exit(0): nothing flushed
//   nothing         prints nothing (makes no ioctl, no write)
//   warn            one message on stderr through io::warn
//   cat-n           stdin to stdout with line numbers, as `cat -n`
//   crlf            stdin lines without their "\r\n" or "\n", in brackets
//   sum             the sum of the integers on stdin, one per line
//   format          a fixed set of formatted values
//   prompt          "name? " on stdout, reads a line, greets it
#include <ring3/startup.hpp>
#include <ring3/stream.hpp>

using namespace ring3;

namespace {

[[noreturn]] [[gnu::noinline]] void leave(int status) { exit(status); }

int numbers(Str arg) {
    auto n = parse_int<long>(arg);
    if (!n) {
        io::warn() << arg << ": " << n.message() << '\n';
        return 2;
    }
    for (long i = 0; i < *n; ++i) io::out << i << ' ' << i * i << ' ' << -i << '\n';
    return 0;
}

int cat_n() {
    Str line;
    for (long n = 1; io::in.read_line(line); ++n) {
        io::out << dec(n).width(6) << '\t' << line;
        if (io::in.delimited()) io::out << '\n';
    }
    if (!io::in.ok()) {
        io::warn() << "-: " << errno_message(io::in.error()) << '\n';
        return 1;
    }
    return 0;
}

int sum() {
    Str line;
    long total = 0;
    for (long n = 1; io::in.read_line(line); ++n) {
        auto v = parse_int<long>(line);
        if (!v) {
            io::warn() << "line " << n << ": " << v.message() << '\n';
            return 1;
        }
        total += *v;
    }
    io::out << total << '\n';
    return 0;
}

void format() {
    io::out << "int " << -42 << ' ' << 18446744073709551615ULL << ' '
            << (-9223372036854775807LL - 1) << '\n';
    io::out << "hex " << hex(255) << ' ' << hex(255).prefix().upper() << ' '
            << hex(48879).width(8).fill('0') << '\n';
    io::out << "oct " << oct(8).prefix() << " bin " << bin(10).prefix() << '\n';
    io::out << "pad [" << dec(42).width(6) << "] [" << dec(42).width(6).left() << "] ["
            << dec(-42).width(6).fill('0') << "] [" << fmt("ab").width(4).right() << "]\n";
    io::out << "fixed " << fixed(3.14159, 2) << ' ' << fixed(2.5, 0) << ' ' << fixed(-0.0, 1) << ' '
            << fixed(1e21, 1) << '\n';
    io::out << "sci " << sci(123456.0, 3) << ' ' << sci(0.000123, 1).upper() << '\n';
    io::out << "short " << 0.1 << ' ' << 1e16 << ' ' << 2.5f << ' ' << -1.0 / 3 << '\n';
    io::out << "special " << fixed(__builtin_inf(), 2) << ' ' << -__builtin_inf() << ' '
            << __builtin_nan("") << '\n';
    io::out << "misc " << true << ' ' << 'c' << ' ' << static_cast<const void*>(nullptr) << '\n';
}

int prompt() {
    io::out << "name? ";
    Str name;
    if (!io::in.read_line(name)) return 1;
    io::out << "hello, " << name << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Str mode = argc > 1 ? argv[1] : "";
    Str arg = argc > 2 ? argv[2] : "";
    if (mode == "numbers") return numbers(arg);
    if (mode == "yes") {
        for (;;) io::out << "y\n";
    }
    if (mode == "partial-exit") {
        io::out << "partial";
        leave(*parse_int<int>(arg));
    }
    if (mode == "lost") {
        io::out << "lost";
        _exit(0);
    }
    if (mode == "nothing") return 0;
    if (mode == "warn") {
        io::warn() << "something"
                   << ": " << errno_message(err::NOENT) << '\n';
        return 0;
    }
    if (mode == "cat-n") return cat_n();
    if (mode == "crlf") {
        Str line;
        while (io::in.read_line(line, LineEnd::lf_or_crlf)) io::out << '[' << line << "]\n";
        return 0;
    }
    if (mode == "sum") return sum();
    if (mode == "format") {
        format();
        return 0;
    }
    if (mode == "prompt") return prompt();
    io::warn() << "unknown mode: " << mode << '\n';
    return 2;
}
