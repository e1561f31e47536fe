// The stages of ring3-load (main.cpp lists them in order), each with its
// inputs and outputs in its signature. What decides something is in the
// loader library (loader/src, unit-tested hosted); these files do the
// system calls.
//
//   options.cpp  the command line
//   report.cpp   messages and exit statuses, the errno texts
//   open.cpp     finding PROGRAM (PATH), opening it, reading it, the #! chain
//   map.cpp      validating, placing and mapping an image; the step sinks
//   launch.cpp   the process identity, the initial stack, the hand-over
//   syscall_count.cpp  ring3-load's own system calls, counted for --trace
#pragma once

#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/identity.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/script.hpp>
#include <ring3/loader/stack.hpp>
#include <ring3/stream.hpp>

namespace ring3::load {

using namespace ring3::loader;

// Exit statuses, as a shell gives them.
inline constexpr int status_usage = 125, status_cannot_run = 126, status_not_found = 127;

// ---------------------------------------------------------------- options.cpp
struct CommandLine {
    bool trace;        // --trace: the tables on stderr, and the program runs
    bool dry_run;      // --dry-run: the tables on stdout, and nothing runs
    const char* argv0; // --argv0, or null
    int program;       // index of PROGRAM in argv
};
// Exits for --help, --version and a usage error.
CommandLine parse_options(int argc, char** argv);

// ----------------------------------------------------------------- report.cpp
// An errno's message, as strerror(3) words it: s << ErrorText{e}.
struct ErrorText {
    int e;
};
void print_to(OutStream& s, ErrorText t);

// Where failures go: "ring3-load: PROGRAM: why" on stderr, after what the
// trace holds so far.
struct Report {
    const char* program; // PROGRAM as given
    OutStream* trace;    // --trace (stderr) or --dry-run (stdout); else null

    [[noreturn]] void fail(int status, Str why) const;
    [[noreturn]] void fail(int status, const OutStream& why) const { fail(status, why.buffered()); }
    [[noreturn]] void fail_errno(int status, Str what, int e) const;
    // Writes out what the trace holds: the --dry-run tables must arrive
    // (a write error is ring3-load's own failure, 125); on stderr a
    // failure has nowhere to be reported.
    void flush_trace() const;
};
// A message composed in memory, then handed to Report::fail.
OutStream reason();
// What ring3-load prints on stdout could not be written: a message (none
// for EPIPE) and status 125, as GNU env(1) does.
[[noreturn]] void stdout_failed(int e);

// ------------------------------------------------------------------- open.cpp
// An open file that execve would run: a regular file with execute
// permission for this process.
struct ExecFile {
    int fd;
    const char* path; // as opened
    std::uint64_t size;
    unsigned mode; // st_mode
};
// The first KiB of a file: the ELF header and, in practice, the program
// headers (a dozen of them take 736 bytes), or a #! line.
struct Head {
    alignas(8) unsigned char bytes[1024];
    std::size_t n;
    Bytes view() const { return {bytes, n}; }
};
// pread until `n` bytes or the end of the file; the count read.
std::size_t read_at(const ExecFile& f, void* buf, std::size_t n, std::uint64_t off,
                    const Report& report);
void read_head(const ExecFile& f, Head* head, const Report& report);

// An interpreter (PT_INTERP or a #! line), opened as its path says.
ExecFile open_interpreter(const char* path, const Report& report);

// What runs: the ELF file at the end of the #! chain, and what goes in
// front of the arguments after PROGRAM.
struct Command {
    ExecFile file;
    Head head;
    const char* execfn; // the file PROGRAM names (a script's own path): AT_EXECFN, the name
    ArgvPrefix prefix;
};
// Finds PROGRAM (PATH when it has no slash), opens it, follows its #!
// lines to an ELF file.
void resolve_command(const char* program, const char* argv0, const Report& report, Command* out);

// -------------------------------------------------------------------- map.cpp
// How a plan takes effect: the real address space, or none at all
// (--dry-run). --trace prints each step before it reaches the sink.
struct Sink {
    // Each step of a plan, in order (null: none is carried out).
    StepFn step;
    // Reserves [lo, hi) where nothing is mapped yet; 0 or the errno.
    int (*reserve)(std::uint64_t lo, std::uint64_t hi);
    // Reserves room for `img` wherever mmap chooses; the load bias, or
    // the errno as an Error.
    Result<std::uint64_t> (*reserve_anywhere)(const Image& img);
};
Sink address_space_sink();
Sink dry_run_sink();

// The kernel's stack for ring3-load: where the program's stack will be
// too. Its top, and how far RLIMIT_STACK lets it grow.
struct KernelStack {
    std::uint64_t top, limit;
};
KernelStack kernel_stack();

// The random bits a start needs: AT_RANDOM's 16 bytes for the program,
// and the fresh ones behind a PIE base and the brk heap's offset, unless
// address randomisation is off for this process (setarch -R).
struct Randomness {
    alignas(8) unsigned char at_random[16];
    bool randomize;
    std::uint64_t base, brk;
};

// A program mapped, and what the stack and the process identity need of it.
struct Mapped {
    Plan plan;
    std::uint16_t phnum;
    bool pie;
    CodeDataBounds bounds;
    Bytes phdrs;             // a copy of the program headers when no segment maps them
    const char* interpreter; // PT_INTERP's path (in the head, usually), or null
};
// Validates the ELF file whose first KiB is `head`, places it where the
// kernel would and maps it through `sink`.
Mapped map_program(const ExecFile& f, const Head& head, const Randomness& random,
                   const KernelStack& stack, const Sink& sink, const Report& report);
// The same for the interpreter (ld.so): opened, mapped, closed. Its plan
// (entry, bias) is returned.
Plan map_interpreter(const char* path, const Sink& sink, const Report& report);

// ----------------------------------------------------------------- launch.cpp
// What execve would set for the new program, collected by the stages.
struct Launch {
    const char* const* args_after; // the arguments after PROGRAM
    std::size_t args_after_count;
    const char** args_space; // argv slots free in place before args_after
    std::size_t args_space_count;
    const ArgvPrefix* prefix;
    // ring3-load's own argument strings as the kernel placed them: from
    // argv[0] to own_args_end, one after the other (checked), the
    // environment strings next.
    char* own_args_lo;
    char* own_args_end;
    bool own_args_contiguous;
    char** envp;
    const char* execfn;
    const Mapped* program;
    std::uint64_t entry;         // the interpreter's, or the program's
    std::uint64_t base;          // AT_BASE: the interpreter's load bias, or 0
    std::uint64_t brk;           // where the brk heap starts
    const unsigned char* random; // the 16 AT_RANDOM bytes
    int exe_fd;                  // the program's descriptor, for /proc/self/exe
    KernelStack stack;
    bool dry_run;
};
// Names the process (/proc/PID/comm) as execve does: the basename of the
// file PROGRAM names, cut to 15 bytes by the kernel.
void name_process(const char* execfn);
// --trace's last line: ring3-load's own system calls so far, by name
// (syscall_count.cpp), those the caller counted ahead included.
void trace_syscall_count(OutStream& t);
// Builds the program's stack below this frame and jumps; a dry run
// prints it and exits 0.
[[noreturn]] void launch(const Launch& l, const Report& report);

} // namespace ring3::load
