// Moving the bytes: the zero-copy paths for plain cat, read/write when the
// kernel refuses them, and the buffered loop behind the transforming
// options. What cat writes itself (read/write, the transformed bytes,
// --help) goes through one OutStream over fd 1 with a 516 KiB buffer,
// emptied after every read(2); the zero-copy calls write to fd 1 directly.
#pragma once

#include "transform.hpp"
#include <ring3/str.hpp>
#include <ring3/syscalls.hpp>

namespace cat {

// Standard output, as found at startup.
struct Output {
    ring3::sys::Stat st;
    bool regular = false;
    bool fifo = false;
    bool append = false;     // O_APPEND: no copy_file_range, no sendfile
    bool pipe_sized = false; // the pipe was already enlarged (or could not be)
};

// "cat: write error: <message>", exit status 1: there is no point in
// reading the remaining files when output fails (GNU cat does the same).
[[noreturn]] void write_failed(int err);

// Writes `text` to standard output (--help, --version), or ends the
// program through write_failed().
void print(ring3::Str text);

// "cat: NAME: <message>", NAME quoted as GNU quotes it (quote.hpp).
void report_file(ring3::Str name, ring3::Str message);

// Copies `in` (described by `st`) to standard output unchanged, from its
// current position to its end. A read error is reported as
// "cat: NAME: <message>" and returns false; a write error ends the
// program through write_failed().
bool copy_plain(int in, const ring3::sys::Stat& st, Output& output, ring3::Str name);

// The same through `transform`, which converts straight into the output
// stream's buffer; what one read(2) produced is written before the next.
bool copy_transformed(int in, Transform& transform, ring3::Str name);

// Writes what `transform` still owes once every input is read.
void finish_transformed(Transform& transform);

} // namespace cat
