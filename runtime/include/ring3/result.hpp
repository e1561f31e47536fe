// Result<T>: a value or an errno, returned by every fallible ring3 call.
//
// There is no global errno and there are no exceptions. A Result is
// [[nodiscard]]: ignoring whether a write failed is a compile-time warning.
// RING3_TRY(expr) unwraps a Result or returns its error from the enclosing
// function, which must itself return a Result.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <ring3/errno.hpp>
#include <type_traits>

namespace ring3 {

// Tag for the error side, so Result<int>{Error{2}} is never read as a value.
struct Error {
    int code;
};

template <class T>
class [[nodiscard]] Result {
public:
    constexpr Result(T value) : value_(value), err_(0) {} // NOLINT(google-explicit-constructor)
    constexpr Result(Error e) : value_(), err_(e.code) {} // NOLINT(google-explicit-constructor)

    // The raw kernel convention: -4095..-1 is an error, anything else a value.
    static constexpr Result from_raw(long ret) {
        if (static_cast<unsigned long>(ret) > -4096UL) return Error{static_cast<int>(-ret)};
        if constexpr (std::is_pointer_v<T>)
            return Result(reinterpret_cast<T>(ret));
        else
            return Result(static_cast<T>(ret));
    }

    constexpr bool ok() const { return err_ == 0; }
    constexpr explicit operator bool() const { return ok(); }
    // The errno when !ok(), 0 otherwise.
    constexpr int error() const { return err_; }
    constexpr T value() const { return value_; }
    constexpr T operator*() const { return value_; }
    // Members of a struct result (Rusage, Utsname, ...), read in place.
    constexpr const T* operator->() const { return &value_; }
    constexpr T value_or(T fallback) const { return ok() ? value_ : fallback; }
    Str message() const { return errno_message(err_); }

private:
    T value_;
    int err_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    constexpr Result() = default;
    constexpr Result(Error e) : err_(e.code) {} // NOLINT(google-explicit-constructor)

    static constexpr Result from_raw(long ret) {
        if (static_cast<unsigned long>(ret) > -4096UL) return Error{static_cast<int>(-ret)};
        return {};
    }

    constexpr bool ok() const { return err_ == 0; }
    constexpr explicit operator bool() const { return ok(); }
    constexpr int error() const { return err_; }
    constexpr void value() const {}
    Str message() const { return errno_message(err_); }

private:
    int err_ = 0;
};

} // namespace ring3

// Evaluates to the value of a Result, or returns its error from the caller.
// (A GNU statement expression: clang and g++ both support it.)
#define RING3_TRY(expr)                                                                            \
    ({                                                                                             \
        auto ring3_try_result_ = (expr);                                                           \
        if (!ring3_try_result_.ok()) return ::ring3::Error{ring3_try_result_.error()};             \
        ring3_try_result_.value();                                                                 \
    })
