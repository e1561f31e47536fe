// cat's command line: GNU cat's options, parsed by ring3's getopt_long
// (ring3/options.hpp), which also words the errors and lays out --help.
//
// Pure: no system calls, so the hosted unit tests run it over argv arrays.
#pragma once

#include <ring3/options.hpp>
#include <ring3/str.hpp>

namespace cat {

struct Options {
    bool number = false;           // -n
    bool number_nonblank = false;  // -b (overrides -n)
    bool squeeze_blank = false;    // -s
    bool show_ends = false;        // -E
    bool show_tabs = false;        // -T
    bool show_nonprinting = false; // -v

    // Whether the output differs from the concatenated input; only then
    // does cat look at the bytes at all.
    bool transforms() const {
        return number || squeeze_blank || show_ends || show_tabs || show_nonprinting;
    }
};

enum class Action {
    copy,    // concatenate the operands
    help,    // --help
    version, // --version
    usage,   // a bad option: opt::report it, exit 1
};

// GNU cat's options. The long names are in GNU's table order: getopt
// lists the possibilities of an ambiguous abbreviation in that order.
inline constexpr ring3::opt::Option option_table[] = {
    {'b',
     "number-nonblank",
     ring3::opt::Arg::none,
     'b',
     {},
     "put a line number before non-empty lines only\n(wins over -n)"},
    {'n', "number", ring3::opt::Arg::none, 'n', {}, "put a line number before every line"},
    {'s',
     "squeeze-blank",
     ring3::opt::Arg::none,
     's',
     {},
     "print one empty line for a run of them"},
    {'v',
     "show-nonprinting",
     ring3::opt::Arg::none,
     'v',
     {},
     "print control bytes as ^X, DEL as ^?, and bytes\nabove 127 as M- followed by the same "
     "notation\n(newlines and tabs stay as they are)"},
    {'E', "show-ends", ring3::opt::Arg::none, 'E', {}, "print $ at the end of every line"},
    {'T', "show-tabs", ring3::opt::Arg::none, 'T', {}, "print tabs as ^I"},
    {'A', "show-all", ring3::opt::Arg::none, 'A', {}, "-v -E -T together"},
    {'e', {}, ring3::opt::Arg::none, 'e', {}, "-v -E together"},
    {'t', {}, ring3::opt::Arg::none, 't', {}, "-v -T together"},
    {'u', {}, ring3::opt::Arg::none, 'u', {}, "accepted and ignored: output is never held back"},
    {0, "help", ring3::opt::Arg::none, ring3::opt::help_id, {}, "print this help"},
    {0, "version", ring3::opt::Arg::none, ring3::opt::version_id, {}, "print the version"},
};

struct Parsed {
    Options options;
    Action action = Action::copy;
    ring3::opt::UsageError error;
    // The operands (files, "-") are argv[1 .. 1 + operand_count).
    int operand_count = 0;
};

// Parses argv[1..argc). Options and operands may be mixed, as with GNU
// getopt, unless `posixly_correct` (the POSIXLY_CORRECT environment
// variable) is set: then the first operand ends the options. "--" ends
// them always. The operands are gathered in place, in their order, at
// argv[1 ..]; the strings themselves do not move.
Parsed parse(int argc, char** argv, bool posixly_correct);

} // namespace cat
