// #! scripts, as the kernel's fs/binfmt_script.c reads them: a pure
// function over the first bytes of the file.
//
// The kernel looks at the first BINPRM_BUF_SIZE (256) bytes only. The
// first line is "#!", optional spaces or tabs, the interpreter's path (up
// to a space, tab, NUL or the end of the line), then at most one optional
// argument: the rest of the line with leading and trailing spaces and
// tabs removed (spaces inside it are kept: "#!/bin/sh -e -x" passes the
// single argument "-e -x"), cut at a NUL. A line not finished within the
// 256 bytes is accepted only when the interpreter's path ends inside
// them (the argument may be cut); otherwise ENOEXEC, as in Linux >= 5.0.
//
// The new argument list is: interpreter, [argument], the script's path,
// then the original arguments after argv[0]. Interpreters may themselves
// be scripts, five deep (fs/exec.c, search_binary_handler and
// BINPRM_MAX_RECURSION, as measured on Linux 6.x): a sixth, ELOOP.
#pragma once

#include <cstddef>
#include <ring3/str.hpp>

namespace ring3::loader {

inline constexpr std::size_t shebang_bytes = 256;
// The kernel's limit: at most five scripts in a chain.
inline constexpr unsigned max_script_depth = 5;

struct Shebang {
    Str interpreter; // never empty when parse_shebang returns true
    Str argument;    // empty when there is none
};

// True for a valid #! line in `head` (the file's first bytes, at most
// shebang_bytes of them are looked at); the views point into `head`.
// False: not a script, or the kernel would refuse it (ENOEXEC).
bool parse_shebang(Bytes head, Shebang* out);

} // namespace ring3::loader

namespace ring3::loader {

// The arguments a chain of #! scripts puts before the original ones after
// argv[0]. It starts as {argv[0]}; each script replaces the first item
// with its interpreter, then its optional argument, then the script's
// path (fs/binfmt_script.c: remove_arg_zero, then copy_string_kernel of
// the path, the argument and the interpreter, in front).
struct ArgvPrefix {
    const char* items[1 + 2 * max_script_depth];
    unsigned count;
};

// One script more: `argument` null or empty when the #! line has none.
// False (and `prefix` unchanged) when it would not fit: more than
// max_script_depth scripts.
bool prepend_interpreter(ArgvPrefix* prefix, const char* interpreter, const char* argument,
                         const char* script_path);

} // namespace ring3::loader
