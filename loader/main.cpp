// ring3-load [OPTION]... PROGRAM [ARG]...: run a static or static-PIE
// x86_64 program the way execve(2) would, from userland: validate it,
// map it into this process, build its initial stack below ring3-load's
// own frames and jump to its entry point.
//
// Everything that decides something is a pure function of loader/src
// (elf_validate, plan, stack, trace), unit-tested hosted; this file does
// the system calls in order:
//   1. find PROGRAM (PATH when it has no slash), open it, check it may run;
//   2. read its first page (and the program headers or PT_INTERP if they
//      lie beyond it) and validate;
//   3. reserve the image span (MAP_FIXED_NOREPLACE) and execute the plan;
//   4. build the stack, reset the CPU state and jump (jump.asm).
// Exit statuses follow the shell: 127 not found, 126 cannot run, 125 a
// usage error of ring3-load itself; once the program runs, its own.
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/fdio.hpp>
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/stack.hpp>
#include <ring3/loader/text.hpp>
#include <ring3/loader/trace.hpp>
#include <ring3/process.hpp>
#include <ring3/report.hpp>
#include <ring3/syscalls.hpp>

extern "C" [[noreturn]] void ring3_jump(std::uint64_t entry, std::uint64_t sp);
// ring3-load's own image, for the collision check: from its ELF header to
// the end of its bss (defined by the linker).
extern "C" const ring3::elf::Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern "C" char _end[] __attribute__((visibility("hidden")));

using namespace ring3;
using namespace ring3::loader;

namespace {

constexpr int status_usage = 125, status_cannot_run = 126, status_not_found = 127;
constexpr Str self = "ring3-load";

constexpr Str usage_text =
    "Usage: ring3-load [OPTION]... PROGRAM [ARG]...\n"
    "Run PROGRAM, a static or static-PIE x86_64 ELF program, the way execve(2)\n"
    "would: map it into this process, build its initial stack, jump to its entry.\n"
    "A PROGRAM without a slash is searched in PATH.\n"
    "\n"
    "  --trace        print every mapping, the stack and the auxv to stderr\n"
    "  --dry-run      validate and print the plan to stdout; run nothing\n"
    "  --argv0 NAME   pass NAME as argv[0] (default: PROGRAM as given)\n"
    "  --help         show this help and exit\n"
    "  --version      show the version and exit\n"
    "\n"
    "Exit status: PROGRAM's own once it runs; 127 if it is not found; 126 if it\n"
    "cannot be run (not ELF, wrong architecture, malformed); 125 for a usage error.\n";

// The --trace / --dry-run output, and the text of error messages.
char trace_buf[4096];
int trace_fd = 2;
void write_sink(void*, Str s) { (void)write_all(trace_fd, s); }
Text trace(trace_buf, sizeof trace_buf, write_sink);
bool tracing = false;

char reason_buf[512];
Text reason(reason_buf, sizeof reason_buf);

const char* program_arg = ""; // PROGRAM as given, for messages

// The errno messages ring3-load can meet, as strerror(3) words them, from
// the runtime's table (ring3/detail/errno_table.inc); only these, because
// the whole table would be a third of the loader.
constexpr int errors_met[] = {
    err::PERM,  err::NOENT, err::IO,     err::TOO_BIG,     err::NOEXEC, err::AGAIN,    err::NOMEM,
    err::ACCES, err::FAULT, err::EXIST,  err::NODEV,       err::NOTDIR, err::ISDIR,    err::INVAL,
    err::NFILE, err::MFILE, err::TXTBSY, err::NAMETOOLONG, err::LOOP,   err::OVERFLOW, err::PERM};
constexpr bool met(int e) {
    for (int m : errors_met)
        if (m == e) return true;
    return false;
}
void errno_text(Text& t, int e) {
    switch (e) {
#define RING3_ERRNO(num, id, name, message)                                                        \
    case num:                                                                                      \
        if constexpr (met(num)) {                                                                  \
            t << message;                                                                          \
            return;                                                                                \
        }                                                                                          \
        break;
#include <ring3/detail/errno_table.inc>
#undef RING3_ERRNO
    }
    t << "error " << Dec{static_cast<std::uint64_t>(e)};
}

[[noreturn]] void fail(int status, Str why) {
    trace.flush();
    report_line({self, ": ", program_arg, ": ", why});
    sys::exit_group(status);
}
[[noreturn]] void fail(int status) { fail(status, reason.str()); }
[[noreturn]] void fail_errno(int status, Str what, int err) {
    reason.clear();
    if (!what.empty()) reason << what << ": ";
    errno_text(reason, err);
    fail(status);
}
[[noreturn]] void usage_error(Str message, Str arg = {}) {
    report_line({self, ": ", message, arg, "\nTry 'ring3-load --help' for more information."});
    sys::exit_group(status_usage);
}

struct Args {
    bool trace = false;
    bool dry_run = false;
    const char* argv0 = nullptr;
    int program = 0; // index of PROGRAM in argv
};

Args parse_options(int argc, char** argv) {
    Args o;
    int i = 1;
    for (; i < argc; ++i) {
        Str a = argv[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a.size() < 2 || a[0] != '-') break;
        if (a == "--trace")
            o.trace = true;
        else if (a == "--dry-run")
            o.dry_run = true;
        else if (a == "--help") {
            (void)write_all(1, usage_text);
            sys::exit_group(0);
        } else if (a == "--version") {
            (void)write_all(1, "ring3-load " RING3_VERSION "\n");
            sys::exit_group(0);
        } else if (a == "--argv0") {
            if (i + 1 >= argc) usage_error("option '--argv0' needs a NAME");
            o.argv0 = argv[++i];
        } else if (a.starts_with("--argv0="))
            o.argv0 = argv[i] + 8;
        else
            usage_error("unknown option ", a);
    }
    if (i >= argc) usage_error("no PROGRAM given");
    o.program = i;
    return o;
}

// ---------------------------------------------------------------------------
// Step 1: find and open the program.

constexpr long nr_faccessat = 269;
constexpr int X_OK = 1;

char path_buf[path_max];

struct Opened {
    int fd;
    const char* path; // what execve would have been given: AT_EXECFN
    sys::Stat st;
};

// Opens `path` and checks what execve checks: a regular file with
// execute permission. Returns the errno on failure.
int try_open(const char* path, Opened* out) {
    // O_NONBLOCK: opening a FIFO must not hang the loader.
    auto fd = sys::open(path, sys::O_RDONLY | sys::O_CLOEXEC | sys::O_NONBLOCK | sys::O_NOCTTY);
    if (!fd) return fd.error();
    out->fd = *fd;
    out->path = path;
    int e = 0;
    if (auto r = sys::fstat(*fd, &out->st); !r)
        e = r.error();
    else if (out->st.is_dir())
        e = err::ISDIR;
    else if (!out->st.is_regular())
        e = err::ACCES;
    else if (long r =
                 arch::syscall3(nr_faccessat, sys::AT_FDCWD, reinterpret_cast<long>(path), X_OK);
             arch::is_error(r))
        e = static_cast<int>(-r);
    if (e) (void)sys::close(*fd);
    return e;
}

// Like execvp(3): a name with a slash is a path; otherwise each PATH
// directory in turn (an empty one is the current directory), skipping
// those where the name is absent or cannot be run.
Opened open_program(const char* name) {
    Opened o{};
    Str n = name;
    if (n.empty()) fail_errno(status_not_found, {}, err::NOENT);
    if (n.find('/') != Str::npos) {
        int e = try_open(name, &o);
        // As in a shell, only a missing file is "not found".
        if (e == err::NOENT) fail_errno(status_not_found, {}, e);
        if (e) fail_errno(status_cannot_run, {}, e);
        return o;
    }
    const char* path = getenv("PATH");
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
        int e = try_open(path_buf, &o);
        if (e == 0) return o;
        // Found but not runnable: remembered, and the search goes on.
        if (e == err::ACCES || e == err::ISDIR) seen = err::ACCES;
    }
    fail_errno(seen == err::NOENT ? status_not_found : status_cannot_run, {}, seen);
}

// ---------------------------------------------------------------------------
// Step 2: read and validate.

alignas(8) unsigned char head[4096];
alignas(8) unsigned char phdr_buf[max_phdr_bytes];
unsigned char interp_buf[path_max];
Image image;
Bytes phdr_table; // in head or phdr_buf

// pread until `n` bytes or the end of the file; the count read.
std::size_t read_at(int fd, void* buf, std::size_t n, std::uint64_t off) {
    std::size_t got = 0;
    while (got < n) {
        auto r = sys::pread(fd, static_cast<char*>(buf) + got, n - got,
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

// The bytes [off, off + n) of the file: from the first page when they
// are in it, else read into `buf`.
Bytes file_bytes(int fd, std::size_t head_len, std::uint64_t off, std::uint64_t n,
                 unsigned char* buf) {
    if (off <= head_len && n <= head_len - off) return {head + off, static_cast<std::size_t>(n)};
    return {buf, read_at(fd, buf, static_cast<std::size_t>(n), off)};
}

[[noreturn]] void refuse(const Problem& p) {
    reason.clear();
    describe(p, reason);
    fail(status_cannot_run);
}

void validate(const Opened& o) {
    auto size = static_cast<std::uint64_t>(o.st.st_size);
    std::size_t n = read_at(o.fd, head, sizeof head, 0);
    Header h;
    if (Problem p = check_header({head, n}, size, &h); !p.ok()) refuse(p);
    phdr_table = file_bytes(o.fd, n, h.phoff, h.phdr_bytes(), phdr_buf);
    if (Problem p = check_program_headers(h, phdr_table, size, loader::Options{}, &image); !p.ok())
        refuse(p);
    if (image.has_interp) {
        Bytes path = file_bytes(o.fd, n, image.interp_offset, image.interp_size, interp_buf);
        if (Problem p = check_interp(path, image.interp_index); !p.ok()) refuse(p);
        reason.clear();
        reason << "dynamically linked (interpreter "
               << Str(reinterpret_cast<const char*>(path.data()), path.size() - 1)
               << "): ring3-load runs static and static-PIE programs";
        fail(status_cannot_run);
    }
}

// ---------------------------------------------------------------------------
// Step 3: place, reserve and map.

Plan plan;

// splitmix64: one 64-bit random draw stretched into several candidates.
std::uint64_t next_random(std::uint64_t* state) {
    std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t page_floor(std::uint64_t v) { return v & ~(page_size - 1); }
constexpr std::uint64_t page_ceil(std::uint64_t v) { return page_floor(v + page_size - 1); }

void reason_range(std::uint64_t lo, std::uint64_t hi) {
    reason << '[' << Hex{lo} << ", " << Hex{hi} << ')';
}

// A fixed-address program must not cover ring3-load or its stack: the
// kernel would refuse nothing and the loader would be overwritten.
void check_collisions(std::uint64_t lo, std::uint64_t hi) {
    auto self_lo = page_floor(reinterpret_cast<std::uint64_t>(&__ehdr_start));
    auto self_hi = page_ceil(reinterpret_cast<std::uint64_t>(_end));
    if (lo < self_hi && self_lo < hi) {
        reason.clear();
        reason << "its segments ";
        reason_range(lo, hi);
        reason << " would overlap ring3-load itself ";
        reason_range(self_lo, self_hi);
        fail(status_cannot_run);
    }
    // The stack: from the top the kernel put the strings at, down as far
    // as RLIMIT_STACK lets it grow. Asked only for programs near it.
    std::uint64_t top = find_aux(process_info.auxv, elf::AT_EXECFN);
    if (!top) top = reinterpret_cast<std::uint64_t>(process_info.argv[0]);
    top = page_ceil(top + 1);
    constexpr std::uint64_t far = 1ULL << 40;
    if (hi + far < top) return;
    struct {
        std::uint64_t cur, max;
    } lim{};
    constexpr int RLIMIT_STACK = 3;
    (void)arch::syscall4(nr::prlimit64, 0, RLIMIT_STACK, 0, reinterpret_cast<long>(&lim));
    std::uint64_t grow = lim.cur < far ? lim.cur : far;
    std::uint64_t stack_lo = top - grow;
    if (lo < top && stack_lo < hi) {
        reason.clear();
        reason << "its segments ";
        reason_range(lo, hi);
        reason << " would overlap the stack ";
        reason_range(stack_lo, top);
        fail(status_cannot_run);
    }
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
    reason.clear();
    reason << "cannot reserve ";
    reason_range(lo, hi);
    reason << ": ";
    if (e == err::EXIST)
        reason << "addresses already in use in this process";
    else
        errno_text(reason, e);
    fail(status_cannot_run);
}

// Chooses the load bias and reserves the span (not in a dry run).
void place(const Args& opt, std::uint64_t random) {
    if (!image.is_pie()) {
        plan_mappings(image, 0, &plan);
        check_collisions(plan.lo, plan.hi);
        if (opt.dry_run) return;
        if (int e = reserve(plan.lo, plan.hi)) fail_reserve(plan.lo, plan.hi, e);
        return;
    }
    std::uint64_t state = random;
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::uint64_t bias = pie_bias(image, next_random(&state));
        plan_mappings(image, bias, &plan);
        if (plan.lo < pie_base || plan.hi > user_space_end) continue;
        if (opt.dry_run) return;
        int e = reserve(plan.lo, plan.hi);
        if (e == 0) return;
        if (e != err::EXIST) fail_reserve(plan.lo, plan.hi, e);
        if (tracing) {
            trace << "  (" << Hex{plan.lo} << " is in use: another random base)\n";
        }
    }
    // Crowded: let the kernel choose, with room to align, then take the
    // aligned part of what it chose.
    std::uint64_t span = image.hi - image.lo;
    auto m = sys::mmap(nullptr, span + image.align - page_size, sys::PROT_NONE,
                       sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_NORESERVE, -1, 0);
    if (!m) fail_reserve(0, span, m.error());
    (void)sys::munmap(*m, span + image.align - page_size);
    plan_mappings(image, bias_at(image, reinterpret_cast<std::uint64_t>(*m)), &plan);
    if (opt.dry_run) return;
    if (int e = reserve(plan.lo, plan.hi)) fail_reserve(plan.lo, plan.hi, e);
}

void execute(int fd) {
    for (unsigned i = 0; i < plan.count; ++i) {
        const MapStep& s = plan.steps[i];
        auto* addr = reinterpret_cast<void*>(s.addr);
        Result<void> r;
        switch (s.kind) {
        case StepKind::reserve:
            break; // done by place()
        case StepKind::map_file:
            if (auto m = sys::mmap(addr, s.len, s.prot, sys::MAP_PRIVATE | sys::MAP_FIXED, fd,
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
            if (read_at(fd, addr, s.len, s.offset) != s.len) r = Error{err::IO};
            break;
        case StepKind::protect:
            r = sys::mprotect(addr, s.len, s.prot);
            break;
        }
        if (!r) {
            reason.clear();
            reason << "cannot map ";
            reason_range(s.addr, s.addr + s.len);
            if (s.segment != no_segment) reason << " (PT_LOAD segment " << Dec{s.segment} << ')';
            reason << ": ";
            errno_text(reason, r.error());
            fail(status_cannot_run);
        }
    }
}

// ---------------------------------------------------------------------------
// Step 4: the stack and the jump.

// Builds the program's stack below this function's frame, on the stack the
// kernel gave ring3-load (so it still grows on demand, within
// RLIMIT_STACK, and is still [stack] in /proc/PID/maps), then jumps.
[[noreturn]] __attribute__((noinline)) void launch(const Args& opt, StackSpec& spec) {
    std::size_t size = (stack_bytes(spec) + 15) & ~std::size_t{15};
    auto* buf = static_cast<unsigned char*>(__builtin_alloca(size));
    StackLayout layout;
    if (!build_stack(spec, buf, size, reinterpret_cast<std::uint64_t>(buf), &layout))
        fail(status_cannot_run, "cannot build the initial stack");
    if (tracing) {
        trace_stack(trace, spec, layout, buf, reinterpret_cast<std::uint64_t>(buf));
        if (opt.dry_run)
            trace << "  dry run: nothing was mapped, nothing runs\n";
        else
            trace_jump(trace, plan.entry, layout.sp);
        trace.flush();
    }
    if (opt.dry_run) sys::exit_group(0);
    ring3_jump(plan.entry, layout.sp);
}

} // namespace

int main(int argc, char** argv, char** envp) {
    Args opt = parse_options(argc, argv);
    tracing = opt.trace || opt.dry_run;
    if (opt.dry_run) trace_fd = 1;
    program_arg = argv[opt.program];

    Opened o = open_program(program_arg);
    validate(o);

    // 16 bytes for AT_RANDOM, 8 for the static-PIE base.
    alignas(8) unsigned char random[24];
    if (auto r = sys::getrandom(random, sizeof random, 0); !r || *r != sizeof random) {
        // No getrandom (before Linux 3.17): ring3-load's own AT_RANDOM.
        auto* k =
            reinterpret_cast<const unsigned char*>(find_aux(process_info.auxv, elf::AT_RANDOM));
        for (unsigned i = 0; i < sizeof random; ++i)
            random[i] = k ? k[i % 16] ^ static_cast<unsigned char>(i * 37) : 0;
    }
    std::uint64_t base_random;
    __builtin_memcpy(&base_random, random + 16, 8);

    place(opt, base_random);
    if (tracing) {
        trace_image(trace, o.path, image, plan);
        trace_plan(trace, image, plan);
        trace.flush();
    }
    if (!opt.dry_run) execute(o.fd);

    StackSpec spec;
    // argv[0] is PROGRAM as given, or --argv0; the strings stay where the
    // kernel put them for ring3-load.
    if (opt.argv0) argv[opt.program] = const_cast<char*>(opt.argv0);
    spec.argv = argv + opt.program;
    spec.argc = static_cast<std::size_t>(argc - opt.program);
    spec.envp = envp;
    while (envp[spec.envc]) ++spec.envc;
    spec.auxv = process_info.auxv;
    spec.program.phdr = plan.phdr;
    spec.program.phnum = image.header.phnum;
    spec.program.entry = plan.entry;
    spec.execfn = o.path;
    spec.random = {random, 16};
    if (!plan.phdr) spec.phdrs = phdr_table;
    (void)sys::close(o.fd);
    launch(opt, spec);
}
