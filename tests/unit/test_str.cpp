// Str, the string view: search, trimming, splitting, ordering and the
// conversions, each compared with what std::string_view answers.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <doctest/doctest.h>
#include <ring3/errno.hpp>
#include <ring3/format.hpp>
#include <ring3/str.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using namespace ring3;

namespace {
std::vector<std::string> fields(Str s, char sep) {
    std::vector<std::string> out;
    for (Str f : s.split(sep)) out.emplace_back(f.data(), f.size());
    return out;
}
std::vector<std::string> tokens(Str s, Str seps = Str::whitespace) {
    std::vector<std::string> out;
    for (Str t : s.tokenize(seps)) out.emplace_back(t.data(), t.size());
    return out;
}
using V = std::vector<std::string>;
} // namespace

TEST_CASE("find and rfind agree with std::string_view on every position") {
    const char* hay[] = {"", "a", "abcabc", "aaaa", "xyzxyz y", "ab\0ab"};
    const char* needles[] = {"", "a", "ab", "abc", "bca", "aa", "z", "y", "abcabcd"};
    for (const char* h : hay) {
        std::string_view sv(h);
        Str s(h);
        for (const char* n : needles) {
            for (std::size_t pos = 0; pos <= sv.size() + 1; ++pos) {
                CAPTURE(h);
                CAPTURE(n);
                CAPTURE(pos);
                CHECK(s.find(Str(n), pos) == sv.find(n, pos));
                CHECK(s.rfind(Str(n), pos) == sv.rfind(n, pos));
                CHECK(s.find(n[0] ? n[0] : 'q', pos) == sv.find(n[0] ? n[0] : 'q', pos));
                CHECK(s.rfind(n[0] ? n[0] : 'q', pos) == sv.rfind(n[0] ? n[0] : 'q', pos));
                CHECK(s.find_first_of(Str(n), pos) == sv.find_first_of(n, pos));
                CHECK(s.find_first_not_of(Str(n), pos) == sv.find_first_not_of(n, pos));
            }
            CHECK(s.rfind(Str(n)) == sv.rfind(n));
            CHECK(s.contains(Str(n)) == (sv.find(n) != std::string_view::npos));
            CHECK(s.starts_with(Str(n)) == sv.starts_with(n));
            CHECK(s.ends_with(Str(n)) == sv.ends_with(n));
        }
    }
    CHECK(Str("abc").starts_with('a'));
    CHECK_FALSE(Str("").starts_with('a'));
    CHECK(Str("abc").ends_with('c'));
    CHECK(Str("a.b.c").rfind('.') == 3);
}

TEST_CASE("trim removes whitespace or a given set from the ends only") {
    CHECK(Str("  \t a b \n\r").trim() == "a b");
    CHECK(Str(" \t\n").trim().empty());
    CHECK(Str("").trim().empty());
    CHECK(Str("  x ").trim_start() == "x ");
    CHECK(Str("  x ").trim_end() == "  x");
    CHECK(Str("--x-y--").trim("-") == "x-y");
    CHECK(Str("abc").drop_front(1) == "bc");
    CHECK(Str("abc").drop_back(1) == "ab");
    CHECK(Str("abc").drop_back(5).empty());
}

TEST_CASE("split keeps empty fields; tokenize skips them; cut splits once") {
    CHECK(fields("a,b,c", ',') == V{"a", "b", "c"});
    CHECK(fields("a,,b", ',') == V{"a", "", "b"});
    CHECK(fields(",a,", ',') == V{"", "a", ""});
    CHECK(fields("", ',') == V{""});
    CHECK(fields("abc", ',') == V{"abc"});
    CHECK(fields("root:x:0:0::/root:/bin/sh", ':') ==
          V{"root", "x", "0", "0", "", "/root", "/bin/sh"});

    CHECK(tokens("  a  b\tc \n") == V{"a", "b", "c"});
    CHECK(tokens("") == V{});
    CHECK(tokens("   ") == V{});
    CHECK(tokens("word") == V{"word"});
    CHECK(tokens("a,b;;c", ",;") == V{"a", "b", "c"});

    auto c = Str("key=value=more").cut('=');
    CHECK(c.found);
    CHECK(c.before == "key");
    CHECK(c.after == "value=more");
    auto none = Str("plain").cut('=');
    CHECK_FALSE(none.found);
    CHECK(none.before == "plain");
    auto arrow = Str("a -> b").cut(" -> ");
    CHECK(arrow.before == "a");
    CHECK(arrow.after == "b");
}

TEST_CASE("ordering is byte-wise like std::string_view: a map key, sortable") {
    const char* words[] = {"b", "a", "", "ab", "\xff", "B", "aa", "a\x01"};
    std::vector<Str> mine(std::begin(words), std::end(words));
    std::vector<std::string_view> ref(std::begin(words), std::end(words));
    std::sort(mine.begin(), mine.end());
    std::sort(ref.begin(), ref.end());
    REQUIRE(mine.size() == ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i) CHECK(std::string_view(mine[i]) == ref[i]);
    for (const char* a : words)
        for (const char* b : words) {
            int want = std::string_view(a).compare(b);
            int got = Str(a).compare(b);
            CHECK((want < 0) == (got < 0));
            CHECK((want == 0) == (got == 0));
            CHECK((Str(a) < Str(b)) == (std::string_view(a) < std::string_view(b)));
            CHECK((Str(a) >= Str(b)) == (std::string_view(a) >= std::string_view(b)));
        }

    std::map<Str, int> counts;
    for (Str w : Str("to be or not to be").tokenize()) ++counts[w];
    CHECK(counts.size() == 4);
    CHECK(counts["to"] == 2);
    CHECK(counts.begin()->first == "be");
    std::unordered_map<Str, int, StrHash> hashed;
    for (Str w : Str("to be or not to be").tokenize()) ++hashed[w];
    CHECK(hashed["be"] == 2);
    CHECK(Str("abc").hash() != Str("acb").hash());
}

TEST_CASE("conversions to and from std::string_view and std::string") {
    std::string owned = "hello world";
    Str from_string = owned;
    CHECK(from_string.data() == owned.data());
    CHECK(from_string.size() == owned.size());
    std::string_view sv = "a view";
    Str from_view = sv;
    CHECK(from_view == "a view");
    std::string_view back = Str("back");
    CHECK(back == "back");
    auto copy = static_cast<std::string>(Str("copy"));
    CHECK(copy == "copy");
    // A Str with an embedded NUL keeps its length both ways.
    Str nul("a\0b", 3);
    CHECK(std::string_view(nul).size() == 3);
    CHECK(Str(std::string_view(nul)) == nul);
    // Mixed comparisons pick Str's byte order, in either operand order.
    std::string_view b = "b";
    CHECK(Str("a") < b);
    CHECK(b > Str("a"));
    CHECK(b == Str("b"));
    CHECK(Str("b") <= b);
    CHECK(owned >= Str("hello"));
    CHECK(Str("x") != owned);
}

TEST_CASE("parse_double reads a whole Str as strtod does, correctly rounded") {
    const char* texts[] = {"0",
                           "-0",
                           "1.5",
                           "0x1.8p3",
                           "1e-320",
                           "inf",
                           "-nan",
                           "2.2250738585072011e-308",
                           "9007199254740993",
                           "0.1",
                           "123456789012345678901234567890e-10"};
    for (const char* t : texts) {
        CAPTURE(t);
        auto r = parse_double(Str(t));
        errno = 0;
        double expect = std::strtod(t, nullptr);
        bool range = errno == ERANGE;
        if (range) {
            CHECK(r.error() == err::RANGE);
        } else {
            REQUIRE(r);
            double got = *r;
            CHECK(std::memcmp(&got, &expect, sizeof expect) == 0);
        }
    }
    CHECK(parse_double(Str("")).error() == err::INVAL);
    CHECK(parse_double(Str(" 1")).error() == err::INVAL);
    CHECK(parse_double(Str("1.5x")).error() == err::INVAL);
    CHECK(parse_double(Str("1e999")).error() == err::RANGE);
}
