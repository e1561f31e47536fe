#include "options.hpp"

namespace cat {

namespace {

// Applies option `id` (its short letter).
void apply(Options& o, int id) {
    switch (id) {
    case 'b':
        o.number = o.number_nonblank = true;
        break;
    case 'e':
        o.show_ends = o.show_nonprinting = true;
        break;
    case 'n':
        o.number = true;
        break;
    case 's':
        o.squeeze_blank = true;
        break;
    case 't':
        o.show_tabs = o.show_nonprinting = true;
        break;
    case 'v':
        o.show_nonprinting = true;
        break;
    case 'A':
        o.show_nonprinting = o.show_ends = o.show_tabs = true;
        break;
    case 'E':
        o.show_ends = true;
        break;
    case 'T':
        o.show_tabs = true;
        break;
    default: // 'u', POSIX's "unbuffered": cat never holds output back anyway
        break;
    }
}

} // namespace

Parsed parse(int argc, char** argv, bool posixly_correct) {
    Parsed r;
    ring3::opt::Parser p(option_table, argc, argv, posixly_correct);
    // --help and --version act at once, as GNU cat does: what follows
    // them is not read.
    while (const ring3::opt::Found* f = p.next()) {
        if (f->id == ring3::opt::help_id) {
            r.action = Action::help;
            return r;
        }
        if (f->id == ring3::opt::version_id) {
            r.action = Action::version;
            return r;
        }
        apply(r.options, f->id);
    }
    if (p.error()) {
        r.error = p.error();
        r.action = Action::usage;
        return r;
    }
    r.operand_count = p.operands().size();
    return r;
}

} // namespace cat
