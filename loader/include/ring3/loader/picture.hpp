// Pictures for people learning how a file becomes memory: elfinfo
// --picture (file -> memory, one arrow per PT_LOAD), maps --picture (the
// address space, top to bottom), maps --stack-picture (the initial
// stack) and pagefaults --picture (one character per page).
//
// Each picture is one Picture value, built by a pure function from what
// the program gathered, and drawn by one renderer in three forms: text
// with Unicode box drawing (a terminal), plain ASCII (a pipe, a file, an
// old terminal), and SVG (the docs). The same rows make all three, so the
// SVG in docs/tour/ and what a learner's terminal shows cannot disagree.
#pragma once

#include <cstdint>
#include <ring3/str.hpp>
#include <ring3/stream.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::loader {

enum class PictureForm : std::uint8_t { unicode, ascii, svg };

// "--picture" (Unicode on a terminal, ASCII otherwise), "--picture=ascii",
// "--picture=unicode", "--picture=svg" and "--svg": the form, or false
// when `arg` is none of them.
bool parse_picture_option(Str arg, bool stdout_is_tty, PictureForm* form);
// The same for an option parser's --picture[=FORM]: no value picks by
// the terminal; "unicode", "ascii", "svg"; false for another value.
bool parse_picture_form(bool has_value, Str value, bool stdout_is_tty, PictureForm* form);

// What a row is drawn with, by meaning; the SVG's colours, the text's
// shading. Tests look for these colours in the rendered PNGs.
enum class Tint : std::uint8_t { none, read, exec, write, zero, stack, special, gap };
// "#rrggbb" of a tint's stroke (arrows, borders) in the SVG.
const char* tint_colour(Tint t);

// One row: [left]  |box|  --arrow-->  |right|  note
// A row without `right` is a one-column picture (maps, the stack). A
// row that starts a new box gets a rule above it; a row that continues
// the box above does not (a file page shown for two segments).
struct PictureRow {
    StrBuf<48> left;
    StrBuf<64> box;
    StrBuf<24> arrow; // empty: no arrow
    StrBuf<48> right;
    StrBuf<160> note;
    Tint tint = Tint::none;
    bool gap = false;    // a squashed gap, drawn dotted
    bool new_box = true; // a rule above
    bool marker = false; // `left` is a pointer ("rsp ->"), not a label
    bool no_box = false; // nothing on the left (bss: no file bytes)
};

struct Picture {
    static constexpr int max_rows = 48;
    StrBuf<96> title;
    StrBuf<32> left_head, box_head, right_head;
    PictureRow rows[max_rows];
    int n = 0;
    bool truncated = false;
    // The next row, or the last one again (and `truncated`) when full.
    PictureRow& add();
};

void draw(OutStream& out, const Picture& p, PictureForm form);

// SVG text: &, <, > and " escaped.
void svg_escape(OutStream& out, Str s);

} // namespace ring3::loader
#include <ring3/detail/libc_macros_end.hpp>
