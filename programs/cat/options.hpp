// cat's command line, parsed the way GNU cat's getopt_long parses it.
//
// Pure: no system calls, so the hosted unit tests run it over argv arrays.
#pragma once

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
    usage,   // a bad option: print `error` and the "Try" line, exit 1
};

// What was wrong, for Action::usage. main() words it as glibc's getopt:
//     invalid option -- 'z'
//     unrecognized option '--foo=1'
//     option '--number' doesn't allow an argument
//     option '--s' is ambiguous; possibilities: '--squeeze-blank' ...
enum class Problem {
    none,
    invalid_short,  // `letter`
    unrecognized,   // `text`: the argument as written ("--foo=1")
    takes_no_value, // `text`: the full long name ("number")
    ambiguous,      // `text`: the argument as written; `candidates`
};

struct UsageError {
    Problem problem = Problem::none;
    char letter = 0;
    ring3::Str text;
    // The long options an ambiguous abbreviation matches: bit i for
    // long_option_name(i).
    unsigned candidates = 0;
};

struct Parsed {
    Options options;
    Action action = Action::copy;
    UsageError error;
    // The operands (files, "-") are argv[1 .. 1 + operand_count).
    int operand_count = 0;
};

// Parses argv[1..argc). Options and operands may be mixed, as with GNU
// getopt, unless `posixly_correct` (the POSIXLY_CORRECT environment
// variable) is set: then the first operand ends the options. "--" ends
// them always. The operands are gathered in place, in their order, at
// argv[1 ..]; the strings themselves do not move.
Parsed parse(int argc, char** argv, bool posixly_correct);

// The long option names, in the table order getopt reports them:
// number-nonblank, number, squeeze-blank, show-nonprinting, show-ends,
// show-tabs, show-all, help, version.
inline constexpr int long_option_count = 9;
ring3::Str long_option_name(int index);

} // namespace cat
