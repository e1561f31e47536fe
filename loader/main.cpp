// ring3-load [OPTION]... PROGRAM [ARG]...: run an x86_64 program (static,
// static-PIE or dynamically linked) or a #! script the way execve(2)
// would, from userland: validate it, map it (and its interpreter) into
// this process, build its initial stack below ring3-load's own frames,
// make the process look exec'd and jump to its entry point.
//
// Everything that decides something is a pure function of loader/src
// (elf_validate, plan, stack, trace), unit-tested hosted; this file does
// the system calls in order:
//   1. find PROGRAM (PATH when it has no slash), open it, check it may run;
//   2. read its first KiB (and the program headers or PT_INTERP if they
//      lie beyond it) and validate; a #! script: the same for its
//      interpreter, with the arguments rewritten (loader/src/script.cpp);
//   3. reserve the image span (MAP_FIXED_NOREPLACE) and execute the plan;
//      with PT_INTERP, the same for the interpreter (ld.so), in the mmap
//      area;
//   4. name the process, build the stack, and jump (jump.asm) to a
//      trampoline in a page of its own (trampoline.asm) that unmaps
//      ring3-load, sets /proc/self/exe, cmdline, environ, auxv and the brk
//      heap (prctl PR_SET_MM_MAP), resets the CPU state and jumps.
// Exit statuses follow the shell: 127 not found, 126 cannot run, 125 a
// usage error of ring3-load itself; once the program runs, its own.
//
// Cost matters: through ring3-load a program should start nearly as fast
// as directly. On the machines measured (docs/BENCHMARKS.md) a system call
// costs ~0.5-6 us and each first touch of a page ~3 us, so ring3-load
// makes no system call it can do without, and keeps everything it writes
// while loading a typical program in one page (State below).
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/print.hpp>
#include <ring3/loader/script.hpp>
#include <ring3/loader/stack.hpp>
#include <ring3/loader/trace.hpp>
#include <ring3/process.hpp>
#include <ring3/syscalls.hpp>

// struct prctl_mm_map (include/uapi/linux/prctl.h): what PR_SET_MM_MAP
// sets, in one call.
struct PrctlMmMap {
    std::uint64_t start_code, end_code, start_data, end_data;
    std::uint64_t start_brk, brk, start_stack;
    std::uint64_t arg_start, arg_end, env_start, env_end;
    std::uint64_t auxv;
    std::uint32_t auxv_size, exe_fd;
};
static_assert(sizeof(PrctlMmMap) == 104);
// The trampoline's inputs (trampoline.asm reads them at these offsets). On
// the stack: they must outlive ring3-load's image.
struct TrampolineParams {
    std::uint64_t unmap_addr, unmap_len; // ring3-load's image
    std::uint64_t entry, sp;
    PrctlMmMap map;
    int fd;                 // the program's descriptor, closed last
    std::uint32_t reset_fs; // nonzero: FS base back to 0
    const char* msg_no_exe; // printed if exe_fd is refused (--trace)
    std::uint64_t msg_no_exe_len;
    const char* msg_none; // printed if PR_SET_MM_MAP fails altogether
    std::uint64_t msg_none_len;
    std::uint64_t code; // the trampoline's page
};
static_assert(__builtin_offsetof(TrampolineParams, map) == 32 &&
                  __builtin_offsetof(TrampolineParams, fd) == 136 &&
                  __builtin_offsetof(TrampolineParams, msg_no_exe) == 144 &&
                  __builtin_offsetof(TrampolineParams, msg_none) == 160 &&
                  __builtin_offsetof(TrampolineParams, code) == 176,
              "the offsets trampoline.asm and jump.asm use");
extern "C" [[noreturn]] void ring3_jump(std::uint64_t entry, std::uint64_t sp,
                                        const TrampolineParams* params);
// The trampoline's code (trampoline.asm), copied into a page of its own.
extern "C" const unsigned char ring3_trampoline[] __attribute__((visibility("hidden")));
extern "C" const unsigned char ring3_trampoline_end[] __attribute__((visibility("hidden")));
// Linked only if some code in ring3-load carries a stack protector, in
// which case the runtime's startup set FS to a canary block
// (runtime/src/freestanding/start.cpp) and the jump must reset it.
extern "C" [[gnu::weak]] void __stack_chk_fail();
// ring3-load's own image, for the collision check: from its ELF header to
// the end of its bss (defined by the linker).
extern "C" const ring3::elf::Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern "C" char _end[] __attribute__((visibility("hidden")));

using namespace ring3;
using namespace ring3::loader;

namespace {

constexpr int status_usage = 125, status_cannot_run = 126, status_not_found = 127;
// An array, not a Str: a Str constant's pointer would be relocated.
constexpr char self[] = "ring3-load";

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

struct Args {
    bool trace;
    bool dry_run;
    const char* argv0;
    int program; // index of PROGRAM in argv
};

} // namespace

// Rarely needed buffers. External linkage on purpose: the compiler emits
// them before the internal State below (whose .bss follows in that order),
// so State ends up next to the runtime's process_info (the next object's
// .bss); these cost nothing when unused.
namespace ring3::load_buffers {
// The --trace and --dry-run tables: a typical trace is one write(2).
char trace_buf[8192];
char reason_buf[512];
char path_buf[path_max];
alignas(8) unsigned char phdr_buf[max_phdr_bytes];
unsigned char interp_buf[path_max];
// The buffer of ring3-load's stderr stream (a message is one write), not
// on the stack: fail() may run with the stack at its RLIMIT_STACK (launch).
char message_buf[sizeof reason_buf + path_max + 32];
// The #! lines of a chain of scripts: the interpreter and its argument,
// NUL-terminated (the next file's head is read over the script's).
char script_buf[max_script_depth][shebang_bytes + 1];
// The program's headers when no segment maps them: phdr_buf is the
// interpreter's next.
alignas(8) unsigned char program_phdr_buf[max_phdr_bytes];
} // namespace ring3::load_buffers

namespace {

using namespace ring3::load_buffers;

// What the jump and the process identity need of the program, kept while
// the interpreter is loaded through the same State.
struct Program {
    Plan plan;
    std::uint16_t phnum;
    Bytes phdrs;
    int fd;              // for /proc/self/exe (exe_fd)
    std::uint64_t entry; // where the CPU goes: the interpreter's entry, or the program's
    std::uint64_t base;  // AT_BASE: the interpreter's load bias, or 0
    // The kernel's mm fields for /proc/PID/stat and the brk heap
    // (fs/binfmt_elf.c, load_elf_binary).
    std::uint64_t start_code, end_code, start_data, end_data;
};

// What ring3-load writes while loading a typical program, together in one
// page-aligned block of .bss that the runtime's process_info (written by
// the startup code, and next in .bss) shares: one page fault for all of
// it (tests/e2e/loader_budget.sh checks the layout). No global has an
// initialiser: there is no .data, and nothing to relocate at startup.
struct State {
    Args args;
    Plan plan;
    int fd;
    int trace_fd;
    const char* program;   // PROGRAM as given, for messages
    const char* execfn;    // the file opened, for AT_EXECFN
    std::uint64_t size;    // its size
    Bytes phdr_table;      // in `head` or `phdr_buf`
    unsigned next_segment; // for trace_step
    // The stack the kernel made for ring3-load: its top and RLIMIT_STACK,
    // each found once, when first needed (stack_top, stack_limit).
    bool stack_limit_known;
    std::uint64_t stack_top, stack_limit;
    // The --trace (stderr) or --dry-run (stdout) stream, main's; null
    // without those options.
    OutStream* trace;
    Program prog;
    char interp[64]; // the PT_INTERP path, when it fits
    // The first KiB of the file: the ELF header and, in practice, the
    // program headers (a dozen of them take 736 bytes).
    alignas(8) unsigned char head[1024];
    Image image;
};
static_assert(sizeof(State) <= 4096 - 64, "State and process_info share a page");
alignas(4096) State st;

// The errno messages ring3-load can meet, as strerror(3) words them,
// taken at compile time from the runtime's table
// (ring3/detail/errno_table.inc) into one string: the whole table would
// be a third of the loader.
constexpr int errors_met[] = {
    err::PERM,  err::NOENT,    err::IO,    err::TOO_BIG, err::NOEXEC, err::AGAIN,
    err::NOMEM, err::ACCES,    err::FAULT, err::EXIST,   err::NODEV,  err::NOTDIR,
    err::ISDIR, err::INVAL,    err::NFILE, err::MFILE,   err::TXTBSY, err::NAMETOOLONG,
    err::LOOP,  err::OVERFLOW, err::BADF,  err::NOSPC};
constexpr unsigned errors = sizeof errors_met / sizeof errors_met[0];
// Visits the messages of errors_met, in the table's order.
template <class F>
constexpr void for_each_error_met(F f) {
#define RING3_ERRNO(num, id, name, message)                                                        \
    for (int m : errors_met)                                                                       \
        if (m == num) f(num, message);
#include <ring3/detail/errno_table.inc>
#undef RING3_ERRNO
}
constexpr unsigned error_text_bytes() {
    unsigned n = 0;
    for_each_error_met([&](int, const char* m) { n += cstr_len(m) + 1; });
    return n;
}
struct ErrorTexts {
    unsigned char codes[errors];
    char texts[error_text_bytes()]; // NUL-separated, in the order of codes
};
constexpr ErrorTexts make_error_texts() {
    ErrorTexts t{};
    unsigned n = 0, pos = 0;
    for_each_error_met([&](int num, const char* message) {
        t.codes[n++] = static_cast<unsigned char>(num);
        do t.texts[pos++] = *message;
        while (*message++);
    });
    return t;
}
constexpr ErrorTexts error_texts = make_error_texts();

// An errno's message: s << ErrorText{e}.
struct ErrorText {
    int e;
};
void print_to(OutStream& s, ErrorText t) {
    const char* text = error_texts.texts;
    for (unsigned i = 0; i < errors; ++i, text += cstr_len(text) + 1) {
        if (error_texts.codes[i] == t.e) {
            s << text;
            return;
        }
    }
    s << "error " << dec(t.e);
}

// ring3-load's streams are made where they are needed, never global: a
// global stream holds addresses, which in a static-PIE program are
// relocated at every start (ring3-load has nothing to relocate).
//
// Standard error, unbuffered: each statement is one write(2).
OutStream stderr_stream() { return OutStream(2, message_buf, sizeof message_buf, Buffering::none); }
// Why something failed, composed in memory and then handed to fail().
OutStream reason() { return OutStream(reason_buf, sizeof reason_buf); }

[[noreturn]] void stdout_failed(int e);

// Writes out what the trace stream holds. The --dry-run tables go to
// stdout and must arrive (stdout_failed); --trace writes to stderr, where
// a failure has nowhere to be reported.
void flush_trace() {
    if (!st.trace) return;
    if (auto r = st.trace->flush(); !r && st.trace_fd == 1) stdout_failed(r.error());
}

// "ring3-load: PROGRAM: why", and the status.
[[noreturn]] void fail(int status, Str why) {
    flush_trace();
    OutStream err = stderr_stream();
    err << self << ": " << st.program << ": " << why << '\n';
    sys::exit_group(status);
}
[[noreturn]] void fail(int status, const OutStream& why) { fail(status, why.buffered()); }
[[noreturn]] void fail_errno(int status, Str what, int e) {
    OutStream why = reason();
    if (!what.empty()) why << what << ": ";
    why << ErrorText{e};
    fail(status, why);
}
// What ring3-load itself prints on stdout (--help, --version, the
// --dry-run tables) must arrive: when it cannot be written, a message and
// status 125, ring3-load's own failure (as GNU env(1) does); quietly when
// the reader went away (EPIPE, SIGPIPE ignored).
[[noreturn]] void stdout_failed(int e) {
    st.trace = nullptr; // fail() and its flush must not write there again
    if (e != err::PIPE) {
        OutStream err = stderr_stream();
        err << self << ": write error: " << ErrorText{e} << '\n';
    }
    sys::exit_group(status_usage);
}
void write_stdout(Str s) {
    OutStream out(1, trace_buf, sizeof trace_buf);
    out << s;
    if (auto r = out.flush(); !r) stdout_failed(r.error());
}

[[noreturn]] void usage_error(Str message, Str arg = {}) {
    OutStream err = stderr_stream();
    err << self << ": " << message << arg << "\nTry 'ring3-load --help' for more information.\n";
    sys::exit_group(status_usage);
}

void parse_options(int argc, char** argv) {
    Args& o = st.args;
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
}

// ---------------------------------------------------------------------------
// Step 1: find and open the program.

constexpr int X_OK = 1;

// May this process execute the file? execve's answer, from the mode bits
// and the IDs the kernel put in the auxv when they settle it (the owner
// running an owner-executable file, or root and any execute bit), else
// from faccessat(2) (groups, ACLs). A noexec mount shows up later: its
// PROT_EXEC mappings fail.
int may_execute(const char* path, const sys::Stat& s) {
    std::uint64_t euid = find_aux(process_info.auxv, elf::AT_EUID);
    if (s.st_uid == euid && (s.st_mode & 0100)) return 0;
    if (euid == 0 && (s.st_mode & 0111)) return 0;
    long r = arch::syscall3(nr::faccessat, sys::AT_FDCWD, reinterpret_cast<long>(path), X_OK);
    return arch::is_error(r) ? static_cast<int>(-r) : 0;
}

// Opens `path` and checks what execve checks: a regular file with
// execute permission. Returns the errno on failure.
int try_open(const char* path) {
    // O_NONBLOCK: opening a FIFO must not hang the loader.
    auto fd = sys::open(path, sys::O_RDONLY | sys::O_CLOEXEC | sys::O_NONBLOCK | sys::O_NOCTTY);
    if (!fd) return fd.error();
    sys::Stat s;
    int e = 0;
    if (auto r = sys::fstat(*fd, &s); !r)
        e = r.error();
    else if (s.is_dir())
        e = err::ISDIR;
    else if (!s.is_regular())
        e = err::ACCES;
    else
        e = may_execute(path, s);
    if (e) {
        (void)sys::close(*fd);
        return e;
    }
    st.fd = *fd;
    st.execfn = path;
    st.size = static_cast<std::uint64_t>(s.st_size);
    return 0;
}

// Like execvp(3): a name with a slash is a path; otherwise each PATH
// directory in turn (an empty one is the current directory), skipping
// those where the name is absent or cannot be run.
void open_program(const char* name) {
    Str n = name;
    if (n.empty()) fail_errno(status_not_found, {}, err::NOENT);
    if (n.find('/') != Str::npos) {
        int e = try_open(name);
        // As in a shell, only a missing file is "not found".
        if (e == err::NOENT) fail_errno(status_not_found, {}, e);
        if (e) fail_errno(status_cannot_run, {}, e);
        return;
    }
    const char* path = find_env(process_info.envp, "PATH");
    Str dirs = path ? Str(path) : Str("/usr/local/bin:/usr/bin:/bin");
    int seen = err::NOENT;
    for (std::size_t pos = 0; pos <= dirs.size();) {
        std::size_t colon = dirs.find(':', pos);
        if (colon == Str::npos) colon = dirs.size();
        Str dir = dirs.substr(pos, colon - pos);
        pos = colon + 1;
        if (dir.empty()) dir = ".";
        if (dir.size() + 1 + n.size() + 1 > sizeof path_buf) continue;
        std::size_t k = 0;
        for (char c : dir) path_buf[k++] = c;
        path_buf[k++] = '/';
        for (char c : n) path_buf[k++] = c;
        path_buf[k] = 0;
        int e = try_open(path_buf);
        if (e == 0) return;
        // Found but not runnable: remembered, and the search goes on.
        if (e == err::ACCES || e == err::ISDIR) seen = err::ACCES;
    }
    fail_errno(seen == err::NOENT ? status_not_found : status_cannot_run, {}, seen);
}

// An interpreter (PT_INTERP or a #! line) is opened as its path says,
// relative to the working directory when it has no slash, never searched
// in PATH (fs/exec.c, open_exec).
void open_interpreter(const char* path) {
    int e = try_open(path);
    if (e == 0) return;
    OutStream why = reason();
    why << "interpreter " << path;
    if (e == err::NOENT) {
        why << " not found";
        fail(status_not_found, why);
    }
    why << ": " << ErrorText{e};
    fail(status_cannot_run, why);
}

// ---------------------------------------------------------------------------
// Step 2: read and validate.

// pread until `n` bytes or the end of the file; the count read. Callers
// ask for bytes the file holds, so one pread(2) normally does; 0 means
// the file shrank since fstat.
std::size_t read_at(void* buf, std::size_t n, std::uint64_t off) {
    std::size_t got = 0;
    while (got < n) {
        auto r = sys::pread(st.fd, static_cast<char*>(buf) + got, n - got,
                            static_cast<std::int64_t>(off + got));
        if (!r) {
            if (r.error() == err::INTR) continue;
            fail_errno(status_cannot_run, "read error", r.error());
        }
        if (*r == 0) break;
        got += *r;
    }
    return got;
}

// The bytes [off, off + n) of the file: from the first KiB when they are
// in it, else read into `buf`.
Bytes file_bytes(std::size_t head_len, std::uint64_t off, std::uint64_t n, unsigned char* buf) {
    if (off <= head_len && n <= head_len - off) return {st.head + off, static_cast<std::size_t>(n)};
    return {buf, read_at(buf, static_cast<std::size_t>(n), off)};
}

[[noreturn]] void refuse(const Problem& p) {
    OutStream why = reason();
    describe(p, why);
    fail(status_cannot_run, why);
}

// The file's first KiB into st.head; its length.
std::size_t read_head() {
    return read_at(st.head, st.size < sizeof st.head ? st.size : sizeof st.head, 0);
}

// Validates the file whose first `n` bytes are in st.head. For a program
// with PT_INTERP, returns the interpreter's path (in st.interp, or
// interp_buf when longer); null
// otherwise. An interpreter must be ET_DYN and have none of its own
// (fs/binfmt_elf.c refuses an ET_EXEC one too: it has nowhere to go).
const char* validate(std::size_t n, bool interpreter) {
    Header h;
    if (Problem p = check_header({st.head, n}, st.size, &h); !p.ok()) refuse(p);
    st.phdr_table = file_bytes(n, h.phoff, h.phdr_bytes(), phdr_buf);
    if (Problem p = check_program_headers(h, st.phdr_table, st.size, loader::Options{}, &st.image);
        !p.ok())
        refuse(p);
    if (interpreter && (st.image.has_interp || !st.image.is_pie())) {
        OutStream why = reason();
        why << "interpreter " << st.execfn
            << (st.image.has_interp ? ": has an interpreter (PT_INTERP) of its own"
                                    : ": not a shared object (ET_DYN)");
        fail(status_cannot_run, why);
    }
    if (!st.image.has_interp) return nullptr;
    // Copied: st.head is read over by the interpreter's first KiB.
    Bytes path = file_bytes(n, st.image.interp_offset, st.image.interp_size, interp_buf);
    if (Problem p = check_interp(path, st.image.interp_index); !p.ok()) refuse(p);
    if (path.data() == interp_buf) return reinterpret_cast<const char*>(interp_buf);
    // In State's page when it fits, as the usual paths do: no page of its own.
    char* to = path.size() <= sizeof st.interp ? st.interp : reinterpret_cast<char*>(interp_buf);
    __builtin_memcpy(to, path.data(), path.size());
    return to;
}

// ---------------------------------------------------------------------------
// Step 3: place, reserve and map.

// splitmix64: one 64-bit random draw stretched into several candidates.
std::uint64_t next_random(std::uint64_t* state) {
    std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

[[noreturn]] void fail_overlap(Str what, std::uint64_t lo, std::uint64_t hi) {
    const std::uint64_t args[] = {st.plan.lo, st.plan.hi,
                                  reinterpret_cast<std::uintptr_t>(what.data()), lo, hi};
    OutStream why = reason();
    format_to(why, "its segments [%x0, %x1) would overlap %s2 [%x3, %x4)", args);
    fail(status_cannot_run, why);
}

// The top of the stack the kernel made for ring3-load: the path of
// AT_EXECFN is its last string, followed by one NULL pointer
// (fs/exec.c, bprm_mm_init and do_execveat_common).
std::uint64_t stack_top() {
    if (!st.stack_top) {
        auto* execfn = reinterpret_cast<const char*>(find_aux(process_info.auxv, elf::AT_EXECFN));
        if (!execfn) execfn = process_info.argv[0];
        st.stack_top =
            page_ceil(reinterpret_cast<std::uint64_t>(execfn) + cstr_len(execfn) + 1 + 8);
    }
    return st.stack_top;
}

// RLIMIT_STACK's soft limit (RLIM_INFINITY is 2^64 - 1): one prlimit64(2)
// however many times it is asked (a script's arguments, the collision
// check, the stack of the jump).
std::uint64_t stack_limit() {
    if (!st.stack_limit_known) {
        struct {
            std::uint64_t cur, max;
        } lim{~0ULL, ~0ULL};
        constexpr int RLIMIT_STACK = 3;
        (void)arch::syscall4(nr::prlimit64, 0, RLIMIT_STACK, 0, reinterpret_cast<long>(&lim));
        st.stack_limit = lim.cur;
        st.stack_limit_known = true;
    }
    return st.stack_limit;
}

// A fixed-address program must not cover ring3-load or its stack: the
// loader would be overwritten under its own feet.
void check_collisions() {
    std::uint64_t lo = st.plan.lo, hi = st.plan.hi;
    auto self_lo = page_floor(reinterpret_cast<std::uint64_t>(&__ehdr_start));
    auto self_hi = page_ceil(reinterpret_cast<std::uint64_t>(_end));
    if (lo < self_hi && self_lo < hi) fail_overlap("ring3-load itself", self_lo, self_hi);
    // The stack: from its top down as far as RLIMIT_STACK lets it grow.
    // Asked only for programs near it.
    std::uint64_t top = stack_top();
    constexpr std::uint64_t far = 1ULL << 40;
    if (hi + far < top) return;
    std::uint64_t limit = stack_limit();
    std::uint64_t stack_lo = top - (limit < far ? limit : far);
    if (lo < top && stack_lo < hi) fail_overlap("the stack", stack_lo, top);
}

// mmap PROT_NONE over [lo, hi), never replacing anything. Returns the
// errno (EEXIST: something is there).
int reserve(std::uint64_t lo, std::uint64_t hi) {
    auto m = sys::mmap(reinterpret_cast<void*>(lo), hi - lo, sys::PROT_NONE,
                       sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_FIXED_NOREPLACE |
                           sys::MAP_NORESERVE,
                       -1, 0);
    if (!m) return m.error();
    if (reinterpret_cast<std::uint64_t>(*m) != lo) {
        // A kernel older than 4.17 takes MAP_FIXED_NOREPLACE as a hint.
        (void)sys::munmap(*m, hi - lo);
        return err::EXIST;
    }
    return 0;
}

[[noreturn]] void fail_reserve(std::uint64_t lo, std::uint64_t hi, int e) {
    const std::uint64_t args[] = {lo, hi};
    OutStream why = reason();
    format_to(why, "cannot reserve [%x0, %x1): ", args);
    if (e == err::EXIST)
        why << "addresses already in use in this process";
    else
        why << ErrorText{e};
    fail(status_cannot_run, why);
}

// Chooses the load bias and reserves the span (not in a dry run).
void place(std::uint64_t random) {
    Image& img = st.image;
    Plan& plan = st.plan;
    bool dry = st.args.dry_run;
    if (!img.is_pie()) {
        plan_mappings(img, 0, &plan);
        check_collisions();
        if (int e = dry ? 0 : reserve(plan.lo, plan.hi)) fail_reserve(plan.lo, plan.hi, e);
        return;
    }
    std::uint64_t state = random;
    for (int attempt = 0; attempt < 8; ++attempt) {
        plan_mappings(img, pie_bias(img, next_random(&state)), &plan);
        if (plan.lo < pie_base || plan.hi > user_space_end) continue;
        if (dry) return;
        int e = reserve(plan.lo, plan.hi);
        if (e == 0) return;
        if (e != err::EXIST) fail_reserve(plan.lo, plan.hi, e);
        const std::uint64_t args[] = {plan.lo};
        if (st.trace) format_to(*st.trace, "  (%x0 is in use: another random base)\n", args);
    }
    // Eight random ranges of 2^40 bytes taken: the address space is full.
    fail_reserve(plan.lo, plan.hi, err::NOMEM);
}

// The interpreter goes where the kernel puts it: in the mmap area, at an
// address the kernel chooses for the whole span (randomised with the
// rest of the mmap area), aligned to its largest p_align. In a dry run,
// at its link-time addresses (the table says so).
void place_interpreter() {
    Image& img = st.image;
    std::uint64_t span = img.hi - img.lo, extra = img.align - page_size;
    if (st.args.dry_run) {
        plan_mappings(img, 0, &st.plan);
        return;
    }
    auto m = sys::mmap(nullptr, span + extra, sys::PROT_NONE,
                       sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_NORESERVE, -1, 0);
    if (!m) fail_reserve(0, span, m.error());
    auto got = reinterpret_cast<std::uint64_t>(*m);
    std::uint64_t lo = (got + img.align - 1) & ~(img.align - 1);
    // The excess of an over-aligned reservation goes back.
    if (lo > got) (void)sys::munmap(*m, lo - got);
    if (got + extra > lo) (void)sys::munmap(reinterpret_cast<void*>(lo + span), got + extra - lo);
    plan_mappings(img, bias_at(img, lo), &st.plan);
}

// One step of the plan, as the planner hands it over: traced, then done.
void execute(void*, const MapStep& s) {
    if (st.trace) trace_step(*st.trace, st.image, st.plan, s, &st.next_segment);
    if (st.args.dry_run) return;
    auto* addr = reinterpret_cast<void*>(s.addr);
    Result<void> r;
    switch (s.kind) {
    case StepKind::reserve:
        break; // done by place()
    case StepKind::map_file:
        if (auto m = sys::mmap(addr, s.len, s.prot, sys::MAP_PRIVATE | sys::MAP_FIXED, st.fd,
                               static_cast<std::int64_t>(s.offset));
            !m)
            r = Error{m.error()};
        break;
    case StepKind::map_anon:
        if (auto m = sys::mmap(addr, s.len, s.prot,
                               sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_FIXED, -1, 0);
            !m)
            r = Error{m.error()};
        break;
    case StepKind::zero:
        __builtin_memset(addr, 0, s.len);
        break;
    case StepKind::read:
        if (read_at(addr, s.len, s.offset) != s.len) r = Error{err::IO};
        break;
    case StepKind::protect:
        r = sys::mprotect(addr, s.len, s.prot);
        break;
    }
    if (!r) {
        const std::uint64_t args[] = {s.addr, s.addr + s.len, s.segment};
        OutStream why = reason();
        format_to(why,
                  s.segment == no_segment ? "cannot map [%x0, %x1): "
                                          : "cannot map [%x0, %x1) (PT_LOAD segment %d2): ",
                  args);
        why << ErrorText{r.error()};
        fail(status_cannot_run, why);
    }
}

// ---------------------------------------------------------------------------
// Step 4: the stack and the jump.

// prctl(2) for the process identity.
constexpr int PR_SET_NAME = 15;

// The process name, /proc/PID/comm: the basename of the file PROGRAM
// names (the script's for a script), cut to 15 bytes by the kernel, as
// execve sets it (fs/exec.c, begin_new_exec: __set_task_comm).
void set_name(const char* path) {
    const char* base = path;
    for (const char* p = path; *p; ++p)
        if (*p == '/' && p[1]) base = p + 1;
    (void)arch::syscall2(nr::prctl, PR_SET_NAME, reinterpret_cast<long>(base));
}

// The trampoline's page: its code, then the messages it may print. Written,
// then made read+execute (never both writable and executable).
std::uint64_t make_trampoline(TrampolineParams& tp) {
    auto m = sys::map_anonymous(page_size);
    if (!m) fail_errno(status_cannot_run, "cannot map the trampoline", m.error());
    auto* page = static_cast<char*>(*m);
    std::size_t code = static_cast<std::size_t>(ring3_trampoline_end - ring3_trampoline);
    __builtin_memcpy(page, ring3_trampoline, code);
    if (st.args.trace) {
        // After the jump ring3-load's image is gone: the texts live here.
        OutStream t(page + code, page_size - code);
        t << self << ": " << st.program
          << ": /proc/self/exe still names ring3-load: PR_SET_MM_MAP with the program's "
             "exe_fd was refused (it needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN, and no "
             "other mapping of ring3-load); cmdline, environ, auxv and brk were set\n";
        std::size_t first = t.buffered().size();
        t << self << ": " << st.program
          << ": prctl(PR_SET_MM, PR_SET_MM_MAP) failed: /proc/self/exe, cmdline, environ, "
             "auxv and brk stay ring3-load's\n";
        tp.msg_no_exe = page + code;
        tp.msg_no_exe_len = first;
        tp.msg_none = page + code + first;
        tp.msg_none_len = t.buffered().size() - first;
    }
    if (auto r = sys::mprotect(page, page_size, sys::PROT_READ | sys::PROT_EXEC); !r)
        fail_errno(status_cannot_run, "cannot map the trampoline", r.error());
    return reinterpret_cast<std::uint64_t>(page);
}

// Refuses to go on when `bytes` more of stack, below the caller's frame,
// would not fit in RLIMIT_STACK, with room kept for the frames still to
// come (build_stack, the --trace tables).
__attribute__((noinline)) void check_stack(std::uint64_t bytes) {
    constexpr std::uint64_t frames = 1024;
    std::uint64_t top = stack_top(), limit = stack_limit();
    std::uint64_t here = reinterpret_cast<std::uint64_t>(__builtin_frame_address(0));
    if (limit < top && (here < top - limit || here - (top - limit) < bytes + frames)) {
        const std::uint64_t args[] = {bytes, limit, top - here};
        OutStream why = reason();
        format_to(why,
                  "its initial stack (%d0 bytes) does not fit in RLIMIT_STACK (%d1 bytes, %d2 in "
                  "use)",
                  args);
        fail(status_cannot_run, why);
    }
}

// Builds the program's stack below this function's frame, on the stack the
// kernel gave ring3-load (so it still grows on demand, within
// RLIMIT_STACK, and is still [stack] in /proc/PID/maps), then jumps.
// The argument strings are copied above it, one after the other, as the
// kernel lays them out: /proc/PID/cmdline is that range.
// Past RLIMIT_STACK the stack does not grow and the first write below is
// SIGSEGV: with a small limit and many arguments, the new stack may not
// fit. Refused then, with room kept for the frames still to come
// (build_stack, the --trace tables).
[[noreturn]] __attribute__((noinline)) void launch(StackSpec& spec, const char** argv,
                                                   std::uint64_t brk) {
    std::size_t strings = 0;
    for (std::size_t i = 0; i < spec.argc; ++i) strings += cstr_len(argv[i]) + 1;
    std::size_t strings_size = (strings + 15) & ~std::size_t{15};
    std::size_t size = (stack_bytes(spec) + 15) & ~std::size_t{15};
    check_stack(size + strings_size);
    auto* text = static_cast<char*>(__builtin_alloca(strings_size));
    char* w = text;
    for (std::size_t i = 0; i < spec.argc; ++i) {
        std::size_t len = cstr_len(argv[i]) + 1;
        __builtin_memcpy(w, argv[i], len);
        argv[i] = w;
        w += len;
    }
    auto* buf = static_cast<unsigned char*>(__builtin_alloca(size));
    StackLayout layout;
    if (!build_stack(spec, buf, size, reinterpret_cast<std::uint64_t>(buf), &layout))
        fail(status_cannot_run, "cannot build the initial stack");

    // What execve would have set: the parameter block of the trampoline.
    TrampolineParams tp{};
    auto self_lo = page_floor(reinterpret_cast<std::uint64_t>(&__ehdr_start));
    tp.unmap_addr = self_lo;
    tp.unmap_len = page_ceil(reinterpret_cast<std::uint64_t>(_end)) - self_lo;
    tp.entry = st.prog.entry;
    tp.sp = layout.sp;
    PrctlMmMap& m = tp.map;
    m.start_code = st.prog.start_code;
    m.end_code = st.prog.end_code;
    m.start_data = st.prog.start_data;
    m.end_data = st.prog.end_data;
    m.start_brk = m.brk = brk;
    m.start_stack = layout.sp;
    m.arg_start = reinterpret_cast<std::uint64_t>(text);
    m.arg_end = m.arg_start + strings;
    m.env_start = m.env_end = m.arg_end;
    for (std::size_t i = 0; i < spec.envc; ++i) {
        auto lo = reinterpret_cast<std::uint64_t>(spec.envp[i]);
        std::uint64_t hi = lo + cstr_len(spec.envp[i]) + 1;
        if (i == 0 || lo < m.env_start) m.env_start = lo;
        if (i == 0 || hi > m.env_end) m.env_end = hi;
    }
    m.auxv = layout.auxv;
    m.auxv_size = static_cast<std::uint32_t>(layout.auxc * 16);
    m.exe_fd = static_cast<std::uint32_t>(st.prog.fd);
    tp.fd = st.prog.fd;
    tp.reset_fs = &__stack_chk_fail != nullptr;

    if (st.trace) {
        OutStream& t = *st.trace;
        trace_stack(t, spec, layout, buf, reinterpret_cast<std::uint64_t>(buf));
        const std::uint64_t args[] = {m.arg_start, m.arg_end,     m.env_start,
                                      m.env_end,   m.auxv,        layout.auxc,
                                      brk,         tp.unmap_addr, tp.unmap_addr + tp.unmap_len};
        format_to(t,
                  "  process identity, as execve leaves it (prctl PR_SET_NAME, PR_SET_MM_MAP):\n"
                  "    /proc/self/exe     the program (exe_fd), once ring3-load is unmapped\n"
                  "    cmdline            %a0 .. %a1 (the argument strings, copied)\n"
                  "    environ            %a2 .. %a3\n"
                  "    auxv               %a4 (%d5 entries)\n"
                  "    brk heap           starts at %a6, after the bss\n"
                  "    ring3-load         [%a7, %a8) unmapped by the trampoline\n",
                  args);
        if (st.args.dry_run)
            t << "  dry run: nothing was mapped, nothing runs\n";
        else
            trace_jump(t, st.prog.entry, layout.sp);
        flush_trace();
    }
    if (st.args.dry_run) sys::exit_group(0);
    tp.code = make_trampoline(tp);
    ring3_jump(st.prog.entry, layout.sp, &tp);
}

} // namespace

int main(int argc, char** argv, char** envp) {
    parse_options(argc, argv);
    const Args& opt = st.args;
    st.trace_fd = opt.dry_run ? 1 : 2;
    // main never returns: the stream lives as long as ring3-load runs.
    OutStream trace(st.trace_fd, trace_buf, sizeof trace_buf);
    if (opt.trace || opt.dry_run) st.trace = &trace;
    st.program = argv[opt.program];

    // The program's arguments: prefix[0, np) (argv[0], and what #! lines
    // put before it), then those after PROGRAM.
    const char* prefix[1 + 3 * max_script_depth];
    unsigned np = 1;
    prefix[0] = opt.argv0 ? opt.argv0 : argv[opt.program];
    open_program(st.program);
    // AT_EXECFN and the process name: the file PROGRAM names, even a script.
    const char* execfn = st.execfn;
    std::size_t n = read_head();
    // A script runs its interpreter with: the interpreter, the optional
    // argument, the script's path, then the arguments after argv[0]; the
    // interpreter may be a script itself (fs/binfmt_script.c).
    for (unsigned depth = 0;; ++depth) {
        Shebang line;
        if (!parse_shebang({st.head, n}, &line)) break;
        if (depth == max_script_depth) fail_errno(status_cannot_run, {}, err::LOOP);
        char* b = script_buf[depth];
        __builtin_memcpy(b, line.interpreter.data(), line.interpreter.size());
        b[line.interpreter.size()] = 0;
        char* arg = b + line.interpreter.size() + 1;
        __builtin_memcpy(arg, line.argument.data(), line.argument.size());
        arg[line.argument.size()] = 0;
        unsigned add = line.argument.empty() ? 2 : 3;
        for (unsigned i = np; i-- > 1;) prefix[i + add - 1] = prefix[i];
        prefix[0] = b;
        if (add == 3) prefix[1] = arg;
        prefix[add - 1] = st.execfn;
        np += add - 1;
        (void)sys::close(st.fd);
        open_interpreter(b);
        n = read_head();
    }
    if (n >= 2 && st.head[0] == '#' && st.head[1] == '!')
        fail(status_cannot_run,
             "a #! script without an interpreter the kernel would run (fs/binfmt_script.c)");
    const char* interp = validate(n, false);

    // AT_RANDOM: the 16 bytes the kernel made for ring3-load, handed on
    // unread (ring3-load has no stack protector: nothing used them).
    // Should the kernel not pass them (before Linux 2.6.29), getrandom(2).
    alignas(8) unsigned char random[16];
    if (auto* k =
            reinterpret_cast<const unsigned char*>(find_aux(process_info.auxv, elf::AT_RANDOM)))
        __builtin_memcpy(random, k, sizeof random);
    else
        (void)sys::getrandom(random, sizeof random, 0);
    // A PIE base and the brk heap's offset are drawn afresh; without
    // getrandom (before Linux 3.17), from the time stamp counter.
    std::uint64_t fresh[2];
    if (!sys::getrandom(fresh, sizeof fresh, 0)) {
        fresh[0] = __builtin_readcyclecounter();
        fresh[1] = fresh[0] * 0x9e3779b97f4a7c15ULL;
    }

    place(fresh[0]);
    if (st.trace) trace_image(*st.trace, st.execfn, st.image, st.plan);
    plan_mappings(st.image, st.plan.bias, &st.plan, execute);

    // What is kept of the program: the interpreter comes through st next.
    const Image& img = st.image;
    st.prog.plan = st.plan;
    st.prog.phnum = img.header.phnum;
    if (!st.plan.phdr) {
        __builtin_memcpy(program_phdr_buf, st.phdr_table.data(), st.phdr_table.size());
        st.prog.phdrs = {program_phdr_buf, st.phdr_table.size()};
    }
    st.prog.fd = st.fd;
    st.prog.entry = st.plan.entry;
    // As load_elf_binary computes them: code from the executable
    // segments, data up to the end of the last segment's file bytes.
    st.prog.start_code = ~0ULL;
    for (unsigned k = 0; k < img.load_count; ++k) {
        const Segment& s = img.loads[k];
        std::uint64_t a = st.plan.bias + s.vaddr, e = a + s.filesz;
        if ((s.flags & elf::PF_X) && a < st.prog.start_code) st.prog.start_code = a;
        if ((s.flags & elf::PF_X) && e > st.prog.end_code) st.prog.end_code = e;
        if (a > st.prog.start_data) st.prog.start_data = a;
        if (e > st.prog.end_data) st.prog.end_data = e;
    }
    if (interp) {
        open_interpreter(interp);
        validate(read_head(), true);
        place_interpreter();
        if (st.trace) {
            *st.trace << '\n';
            trace_image(*st.trace, st.execfn, st.image, st.plan, true);
        }
        plan_mappings(st.image, st.plan.bias, &st.plan, execute);
        st.prog.entry = st.plan.entry;
        st.prog.base = st.plan.bias;
        (void)sys::close(st.fd);
    }
    flush_trace();
    set_name(execfn);

    StackSpec spec;
    // The argument array: in place, over ring3-load's own argv[0] and
    // options, when the prefix fits there (always without a script).
    std::size_t rest = static_cast<std::size_t>(argc - opt.program - 1);
    const char** args;
    if (np <= static_cast<unsigned>(opt.program) + 1) {
        args = const_cast<const char**>(argv) + opt.program + 1 - np;
    } else {
        check_stack((np + rest) * sizeof(char*));
        args = static_cast<const char**>(__builtin_alloca((np + rest) * sizeof(char*)));
        for (std::size_t i = 0; i < rest; ++i) args[np + i] = argv[opt.program + 1 + i];
    }
    for (unsigned i = 0; i < np; ++i) args[i] = prefix[i];
    spec.argv = args;
    spec.argc = np + rest;
    spec.envp = envp;
    while (envp[spec.envc]) ++spec.envc;
    spec.auxv = process_info.auxv;
    spec.program.phdr = st.prog.plan.phdr;
    spec.program.phnum = st.prog.phnum;
    spec.program.entry = st.prog.plan.entry;
    spec.program.base = st.prog.base;
    spec.execfn = execfn;
    spec.random = {random, 16};
    spec.phdrs = st.prog.phdrs;
    // The heap: after the program's bss, at a random page offset under
    // 1 GiB (arch_randomize_brk on x86_64).
    std::uint64_t brk = st.prog.plan.hi + (fresh[1] % ((1ULL << 30) / page_size)) * page_size;
    launch(spec, args, brk);
}
