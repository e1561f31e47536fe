// ring3's <ctype.h> (runtime/src/libc/ctype/) against glibc's in the C
// locale: every function for every value from -128 to 255 and EOF, and the
// tables glibc's headers read (__ctype_b_loc, ...) entry by entry.
#include <cctype>
#include <clocale>
#include <cstdint>
#include <cstdio>
#include <doctest/doctest.h>
#include <libc/ctype/ctype.hpp>

namespace r3 = ring3::libc;

TEST_CASE("every class and case mapping agrees with glibc's C locale") {
    REQUIRE(std::setlocale(LC_ALL, "C") != nullptr);
    for (int c = -128; c <= 255; ++c) {
        CAPTURE(c);
        CHECK(!!r3::isalnum(c) == !!isalnum(c));
        CHECK(!!r3::isalpha(c) == !!isalpha(c));
        CHECK(!!r3::isblank(c) == !!isblank(c));
        CHECK(!!r3::iscntrl(c) == !!iscntrl(c));
        CHECK(!!r3::isdigit(c) == !!isdigit(c));
        CHECK(!!r3::isgraph(c) == !!isgraph(c));
        CHECK(!!r3::islower(c) == !!islower(c));
        CHECK(!!r3::isprint(c) == !!isprint(c));
        CHECK(!!r3::ispunct(c) == !!ispunct(c));
        CHECK(!!r3::isspace(c) == !!isspace(c));
        CHECK(!!r3::isupper(c) == !!isupper(c));
        CHECK(!!r3::isxdigit(c) == !!isxdigit(c));
        CHECK(!!r3::isascii(c) == !!isascii(c));
        CHECK(r3::toascii(c) == toascii(c));
        CHECK(r3::tolower(c) == tolower(c));
        CHECK(r3::toupper(c) == toupper(c));
    }
    CHECK(r3::isalpha(EOF) == 0);
    CHECK(r3::tolower(EOF) == EOF);
}

TEST_CASE("the tables behind glibc's header macros are glibc's, entry by entry") {
    const unsigned short* ours = *r3::ctype_b_loc();
    const unsigned short* theirs = *__ctype_b_loc();
    const std::int32_t* our_lower = *r3::ctype_tolower_loc();
    const std::int32_t* their_lower = *__ctype_tolower_loc();
    const std::int32_t* our_upper = *r3::ctype_toupper_loc();
    const std::int32_t* their_upper = *__ctype_toupper_loc();
    for (int c = -128; c <= 255; ++c) {
        CAPTURE(c);
        CHECK(ours[c] == theirs[c]);
        CHECK(our_lower[c] == their_lower[c]);
        CHECK(our_upper[c] == their_upper[c]);
    }
}
