// ring3's errno table against the host C library's: same numbers, names
// and messages for every errno Linux defines.
#include <cerrno>
#include <cstring>
#include <doctest/doctest.h>
#include <ring3/errno.hpp>

using namespace ring3;

static bool eq(Str a, const char* b) { return a == Str(b); }

TEST_CASE("every errno has glibc's name and message") {
    int named = 0;
    for (int e = 1; e <= 133; ++e) {
        const char* host_name = strerrorname_np(e);
        if (!host_name) {
            CHECK(eq(errno_name(e), "E?"));
            continue;
        }
        ++named;
        CAPTURE(e);
        // glibc names a few numbers by their aliases' first spelling.
        if (e == EDEADLK)
            CHECK(eq(errno_name(e), "EDEADLK"));
        else if (e == EOPNOTSUPP)
            CHECK(eq(errno_name(e), "EOPNOTSUPP"));
        else
            CHECK(eq(errno_name(e), host_name));
        CHECK(eq(errno_message(e), strerror(e)));
    }
    CHECK(named == 131); // 1..133 without 41 and 58
}

TEST_CASE("symbolic constants match the host's") {
    CHECK(err::NOENT == ENOENT);
    CHECK(err::INTR == EINTR);
    CHECK(err::PIPE == EPIPE);
    CHECK(err::NOSPC == ENOSPC);
    CHECK(err::TOO_BIG == E2BIG);
    CHECK(err::HWPOISON == EHWPOISON);
}

TEST_CASE("unknown numbers") {
    CHECK(eq(errno_message(0), "Success"));
    CHECK(eq(errno_message(41), "Unknown error"));
    CHECK(eq(errno_message(-1), "Unknown error"));
    CHECK(eq(errno_message(100000), "Unknown error"));
    CHECK(eq(errno_name(58), "E?"));
}
