// The command line of ring3-load (stages.hpp).
#include "stages.hpp"
#include <ring3/syscalls.hpp>

namespace ring3::load {
namespace {

constexpr Str usage_text =
    "Usage: ring3-load [OPTION]... PROGRAM [ARG]...\n"
    "Run PROGRAM, an x86_64 ELF program (static, static-PIE or dynamically linked)\n"
    "or a #! script, the way execve(2) would: map it (and its interpreter) into\n"
    "this process, build its initial stack, jump to its entry.\n"
    "A PROGRAM without a slash is searched in PATH.\n"
    "\n"
    "  --trace        print every mapping, the stack and the auxv to stderr\n"
    "  --dry-run      validate and print the plan to stdout; run nothing\n"
    "  --argv0 NAME   pass NAME as argv[0] (default: PROGRAM as given)\n"
    "  --help         show this help and exit\n"
    "  --version      show the version and exit\n"
    "\n"
    "Exit status: PROGRAM's own once it runs; 127 if it or its interpreter is not\n"
    "found; 126 if it cannot be run (not ELF, wrong architecture, malformed); 125\n"
    "for a usage error.\n";

// What ring3-load itself prints on stdout must arrive (stdout_failed).
void write_stdout(Str s) {
    char buf[1024];
    OutStream out(1, buf, sizeof buf);
    out << s;
    if (auto r = out.flush(); !r) stdout_failed(r.error());
}

[[noreturn]] void usage_error(Str message, Str arg = {}) {
    char buf[256];
    OutStream err(2, buf, sizeof buf, Buffering::none); // one write(2) per statement
    err << "ring3-load: " << message << arg << "\nTry 'ring3-load --help' for more information.\n";
    sys::exit_group(status_usage);
}

} // namespace

CommandLine parse_options(int argc, char** argv) {
    CommandLine o{};
    int i = 1;
    for (; i < argc; ++i) {
        Str a = argv[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a.size() < 2 || a[0] != '-') break;
        if (a == "--trace") {
            o.trace = true;
        } else if (a == "--dry-run") {
            o.dry_run = true;
        } else if (a == "--help") {
            write_stdout(usage_text);
            sys::exit_group(0);
        } else if (a == "--version") {
            write_stdout("ring3-load " RING3_VERSION "\n");
            sys::exit_group(0);
        } else if (a == "--argv0") {
            if (i + 1 >= argc) usage_error("option '--argv0' needs a NAME");
            o.argv0 = argv[++i];
        } else if (a.starts_with("--argv0=")) {
            o.argv0 = argv[i] + 8;
        } else {
            usage_error("unknown option ", a);
        }
    }
    if (i >= argc) usage_error("no PROGRAM given");
    o.program = i;
    return o;
}

} // namespace ring3::load
