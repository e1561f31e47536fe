// Text: a fixed-capacity text builder for the loader's messages and its
// --trace tables.
//
// The loader must stay small (16 KiB) and must format before anything is
// mapped, so it carries this instead of a stream library: append text,
// decimal and hexadecimal numbers, pad to a column. Text that does not fit
// is cut, never overflowed. When a sink is attached, a full buffer and
// every flush() hand the text to it (the loader's sink writes to a file
// descriptor; the unit tests' sink appends to a string).
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/str.hpp>

namespace ring3::loader {

// Numbers for operator<<: Text << Dec{n} << Hex{addr}. (A bare integer
// would convert to char.)
struct Dec {
    std::uint64_t v;
};
struct Hex {
    std::uint64_t v;
    unsigned digits = 1;
};

class Text {
public:
    using Sink = void (*)(void* ctx, Str text);

    // An empty Text drops what it is given (it can sit in .bss until set).
    constexpr Text() = default;
    Text(char* buf, std::size_t cap, Sink sink = nullptr, void* ctx = nullptr)
        : buf_(buf), cap_(cap), sink_(sink), ctx_(ctx) {}

    Text& operator<<(Str s);
    Text& operator<<(const char* s) { return *this << Str(s); }
    Text& operator<<(char c);
    Text& operator<<(Dec d) { return dec(d.v); }
    Text& operator<<(Hex h) { return hex(h.v, h.digits); }
    // Decimal.
    Text& dec(std::uint64_t v);
    // 0x followed by lowercase hex digits, at least `digits` of them.
    Text& hex(std::uint64_t v, unsigned digits = 1);
    // An address as the tables show it: 0x and 12 hex digits (user space
    // fits in 47 bits).
    Text& addr(std::uint64_t v) { return hex(v, 12); }
    // A size in bytes, in the largest unit that divides it evenly:
    // "4 KiB", "1 MiB", "4080 B".
    Text& size(std::uint64_t bytes);
    // "r-x" from PROT_READ/WRITE/EXEC bits, "---" for none.
    Text& prot(unsigned prot);
    // Spaces up to column `col` of the current line (at least one).
    Text& pad_to(std::size_t col);
    // printf-like, with numbered arguments so one table of strings can use
    // them in any order: %d3 is args[3] in decimal, %x3 in hex, %a3 as an
    // address, %z3 as a size, %p3 as protections, %s3 the C string args[3]
    // points to, %q3 the same quoted and cut at 60 characters, %f3 the
    // format string args[3] points to, over the same args; %|40 pads to
    // column 40; %% is a percent sign. (One call per line keeps the loader
    // small: each << is a call of its own.)
    Text& format(const char* f, const std::uint64_t* args);

    Str str() const { return {buf_, len_}; }
    std::size_t size() const { return len_; }
    void clear() { len_ = col_ = 0; }
    // Hands the text to the sink, if any, and empties the buffer.
    void flush();

private:
    void put(char c);

    char* buf_ = nullptr;
    std::size_t cap_ = 0;
    std::size_t len_ = 0;
    std::size_t col_ = 0; // characters since the last newline
    Sink sink_ = nullptr;
    void* ctx_ = nullptr;
};

} // namespace ring3::loader
