#include "options.hpp"

using ring3::Str;

namespace cat {

namespace {

// GNU cat's long options, in its table order (getopt lists the candidates
// of an ambiguous abbreviation in this order). Each maps to the short
// option it stands for; help and version have none.
struct LongOption {
    Str name;
    char letter;
};
constexpr LongOption long_options[long_option_count] = {
    {"number-nonblank", 'b'},  {"number", 'n'},    {"squeeze-blank", 's'},
    {"show-nonprinting", 'v'}, {"show-ends", 'E'}, {"show-tabs", 'T'},
    {"show-all", 'A'},         {"help", 'h'},      {"version", 'V'},
};

// Applies short option `c`; false if cat has no such option.
bool apply(Options& o, char c) {
    switch (c) {
    case 'b':
        o.number = o.number_nonblank = true;
        return true;
    case 'e':
        o.show_ends = o.show_nonprinting = true;
        return true;
    case 'n':
        o.number = true;
        return true;
    case 's':
        o.squeeze_blank = true;
        return true;
    case 't':
        o.show_tabs = o.show_nonprinting = true;
        return true;
    case 'u':
        return true; // POSIX's "unbuffered": cat never holds output back anyway
    case 'v':
        o.show_nonprinting = true;
        return true;
    case 'A':
        o.show_nonprinting = o.show_ends = o.show_tabs = true;
        return true;
    case 'E':
        o.show_ends = true;
        return true;
    case 'T':
        o.show_tabs = true;
        return true;
    default:
        return false;
    }
}

// One "--name[=value]" argument. Returns false when parsing must stop
// (help, version or an error, recorded in r).
bool parse_long(Parsed& r, Str arg) {
    Str body = arg.substr(2);
    std::size_t eq = body.find('=');
    Str name = body.substr(0, eq);

    // An exact name wins over abbreviations of longer names (--number is
    // not an abbreviation of --number-nonblank); otherwise the name must
    // abbreviate exactly one option.
    int found = -1;
    for (int i = 0; i < long_option_count && found < 0; ++i)
        if (long_options[i].name == name) found = i;
    if (found < 0) {
        unsigned candidates = 0;
        int count = 0;
        for (int i = 0; i < long_option_count; ++i) {
            if (long_options[i].name.starts_with(name)) {
                candidates |= 1u << i;
                found = i;
                ++count;
            }
        }
        if (count == 0) {
            r.error = {Problem::unrecognized, 0, arg, 0};
            r.action = Action::usage;
            return false;
        }
        if (count > 1) {
            r.error = {Problem::ambiguous, 0, arg, candidates};
            r.action = Action::usage;
            return false;
        }
    }
    if (eq != Str::npos) {
        r.error = {Problem::takes_no_value, 0, long_options[found].name, 0};
        r.action = Action::usage;
        return false;
    }
    switch (long_options[found].letter) {
    case 'h':
        r.action = Action::help;
        return false;
    case 'V':
        r.action = Action::version;
        return false;
    default:
        apply(r.options, long_options[found].letter);
        return true;
    }
}

} // namespace

Str long_option_name(int index) { return long_options[index].name; }

Parsed parse(int argc, char** argv, bool posixly_correct) {
    Parsed r;
    int operands = 0;
    bool options_ended = false;
    for (int i = 1; i < argc; ++i) {
        char* arg = argv[i];
        // "-" is an operand (standard input), not an option.
        if (options_ended || arg[0] != '-' || arg[1] == '\0') {
            argv[1 + operands++] = arg;
            if (posixly_correct) options_ended = true;
            continue;
        }
        if (arg[1] == '-') {
            if (arg[2] == '\0') {
                options_ended = true;
                continue;
            }
            if (!parse_long(r, arg)) return r;
            continue;
        }
        for (const char* p = arg + 1; *p; ++p) {
            if (!apply(r.options, *p)) {
                r.error = {Problem::invalid_short, *p, {}, 0};
                r.action = Action::usage;
                return r;
            }
        }
    }
    r.operand_count = operands;
    return r;
}

} // namespace cat
