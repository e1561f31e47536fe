// The command line, parsed as GNU getopt_long parses it.
//
//   constexpr opt::Option options[] = {
//       {'n', "number", opt::Arg::none, 'n', {}, "number all output lines"},
//       {'o', "output", opt::Arg::required, 'o', "FILE", "write to FILE"},
//       {0, "help", opt::Arg::none, opt::help_id, {}, "display this help and exit"},
//   };
//   opt::Parser p(options, argc, argv, getenv("POSIXLY_CORRECT") != nullptr);
//   while (auto o = p.next()) switch (o->id) { ... o->value ... }
//   if (p.error()) return opt::report(p.error(), options, 1);
//   for (char* operand : p.operands()) ...
//
// What GNU getopt_long accepts: short options clustered (-ns) with a value
// attached (-ofile) or in the next argument (-o file); --name=value and
// --name value; any unambiguous prefix of a long name (an exact name wins
// over longer names it prefixes); "--" ends the options; "-" is an
// operand. Operands and options mix freely unless POSIXLY_CORRECT is set,
// when the first operand ends the options. Errors are glibc's words,
// byte for byte (tests/unit/test_options.cpp, tests/e2e/cat_errors.sh).
//
// Pure: the parser makes no system call; report() writes to io::err.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/str.hpp>

namespace ring3 {
class OutStream;
} // namespace ring3

namespace ring3::opt {

enum class Arg : unsigned char {
    none,     // --name; --name=x is an error
    required, // --name=x, --name x, -ox, -o x
    optional, // --name or --name=x, -o or -ox (never the next argument)
};

// Ids for the two options every GNU tool has (any value no letter uses).
inline constexpr int help_id = 0x100, version_id = 0x101;

struct Option {
    char letter = 0; // the short name; 0 for a long option only
    Str name;        // the long name; empty for a short option only
    Arg arg = Arg::none;
    int id = 0;     // what Parser::next reports for it
    Str value_name; // in --help: --name=VALUE
    Str help;       // in --help; empty leaves it out. A '\n' starts a
                    // continuation line, indented under the first.
};

enum class Problem : unsigned char {
    none,
    invalid_short,  // invalid option -- 'z'
    unrecognized,   // unrecognized option '--foo=1'
    takes_no_value, // option '--number' doesn't allow an argument
    needs_value,    // option '--output' requires an argument / option requires an argument -- 'o'
    ambiguous,      // option '--s' is ambiguous; possibilities: '--squeeze-blank' '--show-all'
};

struct UsageError {
    Problem problem = Problem::none;
    char letter = 0; // the short option, for invalid_short and a short needs_value
    // unrecognized, ambiguous: the argument as written ("--foo=1");
    // takes_no_value, a long needs_value: the option's full name.
    Str text;
    // ambiguous: the matching options, bit i for table entry i.
    std::uint64_t candidates = 0;
    explicit operator bool() const { return problem != Problem::none; }
};

struct Found {
    int id = 0;
    const Option* option = nullptr;
    Str value; // the option's value, when has_value
    bool has_value = false;
};

class Parser {
public:
    // argv[1..argc) is parsed; its operands are gathered in place, in
    // order, at argv[1..] (the strings do not move).
    Parser(const Option* table, std::size_t count, int argc, char** argv,
           bool posixly_correct = false);
    template <std::size_t N>
    Parser(const Option (&table)[N], int argc, char** argv, bool posixly_correct = false)
        : Parser(table, N, argc, argv, posixly_correct) {}

    // The next option, or a null pointer at the end of the options or at
    // an error (then error() is set and parsing stops).
    const Found* next();
    const UsageError& error() const { return error_; }

    // After next() has returned null: what is left to read.
    struct Operands {
        char** first;
        char** last;
        char** begin() const { return first; }
        char** end() const { return last; }
        int size() const { return static_cast<int>(last - first); }
    };
    Operands operands() const { return {argv_ + 1, argv_ + 1 + operand_count_}; }

private:
    const Found* fail(UsageError e);
    const Found* long_option(Str arg);
    const Found* short_option();

    const Option* table_;
    std::size_t count_;
    int argc_;
    char** argv_;
    bool posixly_correct_;
    int index_ = 1;                 // the next argv entry to read
    const char* cluster_ = nullptr; // inside "-abc": the next letter
    bool options_ended_ = false;
    int operand_count_ = 0;
    UsageError error_;
    Found found_;
};

// Writes glibc's message for `e`, without the program name or newline:
// "invalid option -- 'z'".
void describe(OutStream& out, const UsageError& e, const Option* table, std::size_t count);

// The whole usage error on stderr as GNU tools print it, in one write:
//   prog: invalid option -- 'z'
//   Try 'prog --help' for more information.
// Returns `status` (GNU tools exit 1, ls and a few others 2).
int report(const UsageError& e, const Option* table, std::size_t count, int status);
template <std::size_t N>
int report(const UsageError& e, const Option (&table)[N], int status) {
    return report(e, table, N, status);
}

// The option lines of --help, GNU's layout: "  -n, --number" (or
// "      --help" for a long option only), the description from column 27
// or on the next line when the option is wider; continuation lines
// indented to the same column.
void write_help(OutStream& out, const Option* table, std::size_t count);
template <std::size_t N>
void write_help(OutStream& out, const Option (&table)[N]) {
    write_help(out, table, N);
}

} // namespace ring3::opt
