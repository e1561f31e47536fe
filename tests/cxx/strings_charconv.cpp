// <string>, <string_view>, <charconv>: built with ring3 and with g++ and
// glibc; the outputs must be identical (tests/e2e/cxx_conformance.sh).
#include "emit.hpp"
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

void strings() {
    section("string");
    std::string s = "hello";
    s += ", world";
    s.insert(0, ">> ");
    s.append(3, '!');
    out << s << ' ' << s.size() << '\n';
    out << s.find("world") << ' ' << s.rfind('l') << ' ' << (s.find("nope") == std::string::npos)
        << '\n';
    out << s.substr(3, 5) << '|' << s.compare("a") << '|' << (s < std::string("z")) << '\n';
    s.replace(3, 5, "HELLO, HELLO");
    out << s << '\n';
    s.erase(0, 3);
    out << s << ' ' << s.starts_with("HELLO") << ' ' << s.ends_with("!!!") << '\n';
    std::string big;
    for (int i = 0; i < 1000; ++i) big += std::to_string(i);
    out << big.size() << ' ' << big.substr(995, 20) << ' ' << big.find("999") << '\n';
    out << std::to_string(-42) << ' ' << std::to_string(1234567890123LL) << ' '
        << std::to_string(3.5) << '\n';
    out << std::stoi("  -17") << ' ' << std::stol("0x1f", nullptr, 16) << ' '
        << std::stoull("18446744073709551615") << ' ' << std::stod("2.5e3") << ' '
        << std::stof("0.1") << '\n';
    std::size_t pos = 0;
    out << std::stoi("123abc", &pos) << ' ' << pos << '\n';
    std::string t(40, 'x');
    t.resize(10);
    t.shrink_to_fit();
    out << t << ' ' << t.capacity() << '\n';
    std::u8string u = u8"\u00e9t\u00e9";
    out << u.size() << '\n';
    std::wstring w = L"wide";
    out << w.size() << ' ' << (w == L"wide") << '\n';
    std::vector<std::string> words;
    std::string_view text = "the quick brown fox jumps over the lazy dog";
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = text.find(' ', i);
        if (j == std::string_view::npos) j = text.size();
        words.emplace_back(text.substr(i, j - i));
        i = j + 1;
    }
    for (const auto& word : words) out << '[' << word << ']';
    out << '\n';
}

void string_views() {
    section("string_view");
    std::string_view v = "  padded text  ";
    v.remove_prefix(v.find_first_not_of(' '));
    v.remove_suffix(v.size() - v.find_last_not_of(' ') - 1);
    out << '[' << v << "] " << v.find("text") << ' ' << v.find_first_of("xt") << ' '
        << v.find_last_of('d') << ' ' << (v == "padded text") << '\n';
    std::string_view hay = "abcabcabcabd";
    out << hay.find("abd") << ' ' << hay.rfind("abc") << ' ' << hay.find('z') << ' '
        << hay.compare("abd") << '\n';
}

template <class T>
void ints(std::string_view label, std::initializer_list<T> values) {
    out << label << ':';
    for (T v : values)
        for (int base : {2, 8, 10, 16, 36}) {
            char buf[80];
            auto r = std::to_chars(buf, buf + sizeof buf, v, base);
            std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
            T back{};
            auto p = std::from_chars(s.data(), s.data() + s.size(), back, base);
            out << ' ' << s << (back == v && p.ec == std::errc{} ? "" : "(!)");
        }
    out << '\n';
}

template <class T>
void floats(std::string_view label, std::initializer_list<T> values) {
    out << label << '\n';
    for (T v : values) {
        char buf[512];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        std::string_view shortest(buf, static_cast<std::size_t>(r.ptr - buf));
        T back{};
        auto p = std::from_chars(shortest.data(), shortest.data() + shortest.size(), back);
        bool same = (std::isnan(v) && std::isnan(back)) || back == v;
        out << "  " << shortest << (same && p.ec == std::errc{} ? "" : "(!)");
        for (auto fmt : {std::chars_format::fixed, std::chars_format::scientific,
                         std::chars_format::general, std::chars_format::hex}) {
            r = std::to_chars(buf, buf + sizeof buf, v, fmt);
            out << ' ' << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
        }
        for (int precision : {0, 3, 17}) {
            r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, precision);
            out << ' ' << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
        }
        out << '\n';
    }
}

void charconv() {
    section("charconv integers");
    ints<int>("int", {0, 1, -1, 42, -2147483647 - 1, 2147483647});
    ints<unsigned long long>("ull", {0, 255, 18446744073709551615ULL});
    ints<short>("short", {-32768, 12345});
    section("charconv floating point");
    floats<double>("double", {0.0, -0.0, 1.0, 0.1, 1.0 / 3, 123456789.0, 1e300, 5e-324,
                              2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740993.0,
                              -2.5, std::numeric_limits<double>::infinity(),
                              std::numeric_limits<double>::quiet_NaN()});
    floats<float>("float", {0.0f, 0.1f, 1.0f / 3, 3.4028235e38f, 1e-45f, -7.25f});
    section("from_chars");
    for (std::string_view s :
         {"1e5", "0.000001", "123.456e-7", "1e400", "-1e-400", "nan", "inf", "-INF", "0x1p3", "1p3",
          "  5", "12abc", ".5", "5.", "4.9406564584124654e-324", "2.4703282292062327e-324",
          "179769313486231580793728971405301e276"}) {
        double d = 0;
        auto r = std::from_chars(s.data(), s.data() + s.size(), d);
        out << s << " -> " << d << " consumed " << (r.ptr - s.data()) << " ec "
            << static_cast<int>(r.ec) << '\n';
        r = std::from_chars(s.data(), s.data() + s.size(), d, std::chars_format::hex);
        out << "  hex " << d << " consumed " << (r.ptr - s.data()) << " ec "
            << static_cast<int>(r.ec) << '\n';
    }
    for (std::string_view s : {"99999999999999999999", "-129", "ff", "+1"}) {
        long long v = 7;
        signed char c = 7;
        auto r = std::from_chars(s.data(), s.data() + s.size(), v, 16);
        auto rc = std::from_chars(s.data(), s.data() + s.size(), c);
        out << s << " -> " << v << ' ' << static_cast<int>(r.ec) << ' ' << static_cast<int>(c)
            << ' ' << static_cast<int>(rc.ec) << '\n';
    }
    // Too small a buffer.
    char tiny[3];
    auto r = std::to_chars(tiny, tiny + sizeof tiny, 123456);
    out << "small buffer ec " << static_cast<int>(r.ec) << '\n';
}

} // namespace

int main() {
    strings();
    string_views();
    charconv();
    out.flush();
    return 0;
}
