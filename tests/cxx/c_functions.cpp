// The C pieces users and the library's headers call: <cstring>,
// <cctype>, <cstdlib>.
#include "emit.hpp"
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace {

int compare_ints(const void* a, const void* b) {
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    return (x > y) - (x < y);
}

int sign(int v) { return (v > 0) - (v < 0); }

} // namespace

int main() {
    section("cstring");
    const char* s = "The quick brown fox";
    char buf[64];
    out << std::strlen(s) << ' ' << std::strchr(s, 'q') - s << ' ' << std::strrchr(s, 'o') - s
        << ' ' << std::strstr(s, "brown") - s << ' ' << (std::strstr(s, "cat") == nullptr) << '\n';
    out << sign(std::strcmp("abc", "abd")) << sign(std::strcmp("b", "a"))
        << sign(std::strcmp("x", "x")) << ' ' << sign(std::strncmp("abcdef", "abcxyz", 3)) << ' '
        << sign(std::memcmp("\x80", "\x01", 1)) << '\n';
    std::strcpy(buf, "hello");
    std::strcat(buf, ", world");
    out << buf << ' ' << std::strspn(buf, "leh") << ' ' << std::strcspn(buf, ",") << ' '
        << std::strpbrk(buf, "wr") - buf << '\n';
    std::memset(buf, 'z', 5);
    std::memmove(buf + 2, buf, 8);
    out << std::string_view(buf, 12) << ' '
        << static_cast<const char*>(std::memchr(buf, ',', sizeof buf)) - buf << '\n';
    char big[300];
    for (int i = 0; i < 300; ++i) big[i] = static_cast<char>('a' + i % 26);
    std::memmove(big + 1, big, 250);
    std::memcpy(big + 260, big + 3, 30);
    out << std::string_view(big, 300).substr(240, 60) << '\n';
    std::strncpy(buf, "ab", 5);
    out << static_cast<int>(buf[3]) << ' ' << std::strerror(ENOENT) << '\n';

    section("cctype");
    for (int c = 0; c < 128; ++c) {
        out << (std::isalpha(c) ? 'a' : '-') << (std::isdigit(c) ? 'd' : '-')
            << (std::isspace(c) ? 's' : '-') << (std::isupper(c) ? 'u' : '-')
            << (std::islower(c) ? 'l' : '-') << (std::ispunct(c) ? 'p' : '-')
            << (std::isxdigit(c) ? 'x' : '-') << (std::isprint(c) ? 'r' : '-')
            << (std::iscntrl(c) ? 'c' : '-') << (std::isalnum(c) ? 'n' : '-')
            << (std::isgraph(c) ? 'g' : '-') << (std::isblank(c) ? 'b' : '-')
            << static_cast<char>(std::isprint(std::toupper(c)) ? std::toupper(c) : '.')
            << static_cast<char>(std::isprint(std::tolower(c)) ? std::tolower(c) : '.')
            << ((c % 4 == 3) ? '\n' : ' ');
    }

    section("cstdlib");
    for (const char* n : {"42", "  -17xyz", "0x1F", "0777", "9223372036854775807",
                          "9223372036854775808", "-9223372036854775809", "", "+", "abc", "1e3"}) {
        char* end = nullptr;
        errno = 0;
        long v = std::strtol(n, &end, 0);
        int e = errno;
        errno = 0;
        unsigned long long u = std::strtoull(n, nullptr, 10);
        out << '"' << n << "\" strtol " << v << " end " << end - n << " errno " << e << " strtoull "
            << u << " errno " << errno;
        // atoi of a number out of int's range is undefined: not compared.
        if (v >= -2147483648L && v <= 2147483647L) out << " atoi " << std::atoi(n);
        out << '\n';
    }
    for (const char* n :
         {"3.14", "-2.5e-3", "1e400", "1e-400", "0x1.8p1", "inf", "nan", "  .5x", "abc",
          "4.9406564584124654e-324", "0.1", "123456789012345678901234567890"}) {
        char* end = nullptr;
        errno = 0;
        double d = std::strtod(n, &end);
        int e = errno;
        float f = std::strtof(n, nullptr);
        out << '"' << n << "\" strtod " << d << " end " << end - n << " errno " << e << " strtof "
            << f << " atof " << std::atof(n) << '\n';
    }
    out << std::abs(-5) << ' ' << std::labs(-5L) << ' ' << std::llabs(-5LL) << ' '
        << std::div(17, 5).quot << ' ' << std::div(17, 5).rem << ' ' << std::ldiv(-17, 5).rem
        << '\n';
    int values[] = {5, -3, 99, 0, 42, 7, -100, 8};
    std::qsort(values, 8, sizeof(int), compare_ints);
    for (int v : values) out << v << ' ';
    int key = 42;
    out << static_cast<int*>(std::bsearch(&key, values, 8, sizeof(int), compare_ints)) - values
        << '\n';
    void* p = std::malloc(100);
    std::memset(p, 1, 100);
    p = std::realloc(p, 10000);
    void* z = std::calloc(10, 10);
    out << static_cast<int>(static_cast<unsigned char*>(p)[99]) << ' '
        << static_cast<int>(static_cast<char*>(z)[50]) << '\n';
    std::free(p);
    std::free(z);
    out << (std::getenv("RING3_CONFORMANCE_UNSET") == nullptr) << '\n';
    out.flush();
    return 0;
}
