// ring3-load's table formatting (loader/src/print.cpp) over OutStreams.
#include <doctest/doctest.h>
#include <ring3/loader/print.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

using namespace ring3;
using namespace ring3::loader;

namespace {

std::string str(Str s) { return {s.data(), s.size()}; }
std::uint64_t ptr(const char* s) { return reinterpret_cast<std::uintptr_t>(s); }

} // namespace

TEST_CASE("addresses, sizes and protections") {
    StrBuf<256> b;
    b << Addr{0x400000} << ' ' << Addr{0} << ' ' << Addr{0xffffffffff600000};
    CHECK(str(b.str()) == "0x000000400000 0x000000000000 0xffffffffff600000");
    StrBuf<256> z;
    z << Size{0} << '|' << Size{4080} << '|' << Size{4096} << '|' << Size{1 << 20} << '|'
      << Size{3ULL << 30} << '|' << Size{(1ULL << 30) + 4096} << '|' << Size{1ULL << 42};
    CHECK(str(z.str()) == "0 B|4080 B|4 KiB|1 MiB|3 GiB|1048580 KiB|4096 GiB");
    StrBuf<64> p;
    p << Prot{0} << ' ' << Prot{1} << ' ' << Prot{5} << ' ' << Prot{7};
    CHECK(str(p.str()) == "--- r-- r-x rwx");
}

TEST_CASE("print_layout: every conversion") {
    const char* nested = "[%d0 %x1]";
    const std::uint64_t args[] = {42, 0x1f, 0x401000, 8192, 5, ptr("name"), ptr(nested)};
    StrBuf<512> b;
    print_layout(b, "%d0 %x1 %a2 %z3 %p4 %s5 %q5 %f6 100%%", args);
    CHECK(str(b.str()) == "42 0x1f 0x000000401000 8 KiB r-x name \"name\" [42 0x1f] 100%");
}

TEST_CASE("layout_ok: what print_layout checks at compile time") {
    static_assert(layout_ok("%d0 %x1 %a0 %z1 %p0 %s1 %q0 %f1%|40 100%%", 2));
    CHECK(!layout_ok("%d2", 2)); // an argument not given
    CHECK(!layout_ok("%y0", 1)); // no such conversion
    CHECK(!layout_ok("%d", 1));  // no argument number
    CHECK(!layout_ok("%|4", 0)); // a column of one digit
    CHECK(!layout_ok("50%", 0)); // a lone percent sign at the end
    CHECK(layouts_ok("a %d0\0b %x0", 2, 1));
    CHECK(!layouts_ok("a %d0\0b %x1", 2, 1)); // the second names args[1]
}

TEST_CASE("print_layout: %q cuts at 60 characters") {
    std::string longer(70, 'a');
    const std::uint64_t args[] = {ptr(longer.c_str())};
    StrBuf<256> b;
    print_layout(b, "%q0", args);
    CHECK(str(b.str()) == "\"" + std::string(60, 'a') + "...\"");
}

TEST_CASE("pad_to: columns of the current line, at least one space") {
    StrBuf<256> b;
    const std::uint64_t args[] = {ptr("map"), 0x400000};
    print_layout(b, "  %s0%|11%a1%|27|\nab%|04|", args);
    CHECK(str(b.str()) == "  map      0x000000400000  |\nab  |");
    pad_to(b, 3); // already past column 3: one space
    b << '|';
    CHECK(str(b.str()) == "  map      0x000000400000  |\nab  | |");
}

TEST_CASE("pad_to counts what a full buffer already wrote out") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    char buf[8];
    OutStream s(fds[1], buf, sizeof buf);
    s << "0123456789abc"; // more than the buffer: partly written
    pad_to(s, 20);
    s << "|\n";
    REQUIRE(s.flush().ok());
    char got[64] = {};
    auto n = ::read(fds[0], got, sizeof got);
    CHECK(std::string(got, static_cast<std::size_t>(n)) == "0123456789abc       |\n");
    ::close(fds[0]);
    ::close(fds[1]);
}
