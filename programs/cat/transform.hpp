// What -n -b -s -E -T -v (and -A -e -t) do to the bytes, as GNU cat does
// it, independent of how the input is cut into reads.
//
// Pure: bytes in, bytes out, no system calls; the state (line number,
// position in the line, blank lines seen, a held-back '\r') carries over
// from one call to the next and from one file to the next, as GNU cat's
// does. The hosted unit tests feed it input cut at every position.
#pragma once

#include "options.hpp"
#include <cstddef>
#include <cstdint>

namespace cat {

// GNU's line number: at least six digits wide, right-aligned, then a tab.
class LineNumber {
public:
    LineNumber();
    // Advances to the next number and copies "     N\t" to out (at most
    // max_size bytes).
    char* next(char* out);
    static constexpr std::size_t max_size = 21;

private:
    static constexpr int digits = 20;
    char text_[digits + 1]; // right-aligned digits, then '\t'
    int first_ = digits - 1;
};

class Transform {
public:
    explicit Transform(const Options& options);

    struct Step {
        std::size_t consumed; // input bytes used
        std::size_t produced; // output bytes written
    };
    // Converts a prefix of in[0, n) into out[0, room): all of it unless
    // the output runs short, then as much as fits. Makes progress
    // whenever room >= min_room.
    Step run(const unsigned char* in, std::size_t n, char* out, std::size_t room);
    // At the end of all input: writes what is still owed (a '\r' held
    // back to see whether "\n" follows, for -E); returns its size (<= 1).
    std::size_t finish(char* out);

    static constexpr std::size_t min_room = 64;

private:
    enum class Mode { plain, tabs, notation, notation_and_tabs };
    template <Mode mode>
    const unsigned char* scan(const unsigned char* p, const unsigned char* end, char*& o) const;
    template <Mode mode>
    char* convert_all(const unsigned char* p, const unsigned char* end, char* o) const;

    Options opt_;
    bool mid_line_ = false;   // some bytes of the current line were seen
    int blank_lines_ = 0;     // empty lines just seen, counted up to 2
    bool pending_cr_ = false; // -E: a '\r' ended the last input
    // Output bytes per input byte at most: 1, 2 or 4, as a shift (run()
    // divides by it on every line).
    int expansion_shift_;
    Mode mode_;
    // No line-level work (no -n, -b, -s, and no '\r' to mark for -E
    // without -v): a newline is one more byte of the table ("$\n" with
    // -E), and a buffer converts in one pass with no stop per line.
    bool whole_buffer_ = false;
    bool two_byte_ascii_ = false; // for convert_all: see the constructor
    LineNumber number_;
    // -v and -T: each byte's notation ("^A", "M-x", "M-^?", "^I"...), up to
    // 4 bytes. Left unfilled in plain mode, which does not read it.
    struct alignas(8) Notation { // 8 bytes: an entry's address is a shift
        char text[4];
        std::uint8_t size;
    };
    Notation notation_[256];
};

} // namespace cat
