#include <doctest/doctest.h>
#include <ring3/result.hpp>

using namespace ring3;

namespace {
Result<int> parse_digit(char c) {
    if (c < '0' || c > '9') return Error{err::INVAL};
    return c - '0';
}
Result<int> sum_digits(char a, char b) {
    int x = RING3_TRY(parse_digit(a));
    int y = RING3_TRY(parse_digit(b));
    return x + y;
}
} // namespace

TEST_CASE("Result holds a value or an errno") {
    Result<int> ok = 42;
    CHECK(ok.ok());
    CHECK(*ok == 42);
    CHECK(ok.error() == 0);
    Result<int> bad = Error{err::NOENT};
    CHECK_FALSE(bad.ok());
    CHECK(bad.error() == 2);
    CHECK(bad.value_or(7) == 7);
    CHECK(bad.message() == Str("No such file or directory"));
}

TEST_CASE("from_raw follows the kernel's -errno convention") {
    CHECK(Result<long>::from_raw(0).ok());
    CHECK(*Result<long>::from_raw(123) == 123);
    CHECK(Result<long>::from_raw(-2).error() == err::NOENT);
    CHECK(Result<long>::from_raw(-4095).error() == 4095);
    // -4096 is not an error code: mmap can return such addresses.
    CHECK(Result<long>::from_raw(-4096).ok());
    CHECK(Result<void>::from_raw(-err::PIPE).error() == err::PIPE);
    CHECK(Result<void>::from_raw(0).ok());
}

TEST_CASE("RING3_TRY propagates the first error") {
    CHECK(*sum_digits('3', '4') == 7);
    CHECK(sum_digits('x', '4').error() == err::INVAL);
    CHECK(sum_digits('3', 'y').error() == err::INVAL);
}
