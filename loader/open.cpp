// Finding, opening and reading the file to run, and following its #!
// lines (stages.hpp).
#include "stages.hpp"
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/loader/path_search.hpp>
#include <ring3/process.hpp>
#include <ring3/syscalls.hpp>

namespace ring3::load {
namespace {

// Where the strings the process keeps until the jump live: a path found
// in PATH (AT_EXECFN points at it), and the #! lines of a chain of
// scripts (the next file's head is read over the script's).
char found_path[path_max];
char script_lines[max_script_depth][shebang_bytes + 1];

// May this process execute the file? execve's answer, from the mode bits
// and the IDs the kernel put in the auxv when they settle it (the owner
// running an owner-executable file, or root and any execute bit), else
// from faccessat(2) (groups, ACLs). A noexec mount shows up later: its
// PROT_EXEC mappings fail.
int may_execute(const char* path, const sys::Stat& s) {
    std::uint64_t euid = find_aux(process_info.auxv, elf::AT_EUID);
    if (s.st_uid == euid && (s.st_mode & 0100)) return 0;
    if (euid == 0 && (s.st_mode & 0111)) return 0;
    auto r = sys::faccessat(sys::AT_FDCWD, path, sys::X_OK);
    return r ? 0 : r.error();
}

// Opens `path` and checks what execve checks: a regular file with
// execute permission. The errno on failure.
int try_open(const char* path, ExecFile* out) {
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
    *out = {*fd, path, static_cast<std::uint64_t>(s.st_size), s.st_mode};
    return 0;
}

// Like execvp(3): a name with a slash is a path; otherwise each PATH
// directory in turn, skipping those where the name is absent or cannot
// be run.
ExecFile open_program(const char* name, const Report& report) {
    ExecFile f{};
    Str n = name;
    if (n.empty()) report.fail_errno(status_not_found, {}, err::NOENT);
    if (n.find('/') != Str::npos) {
        int e = try_open(name, &f);
        // As in a shell, only a missing file is "not found".
        if (e == err::NOENT) report.fail_errno(status_not_found, {}, e);
        if (e) report.fail_errno(status_cannot_run, {}, e);
        return f;
    }
    PathDirs dirs(find_env(process_info.envp, "PATH"));
    int seen = err::NOENT;
    for (Str dir; dirs.next(&dir);) {
        if (!join_path(dir, n, found_path, sizeof found_path)) continue;
        int e = try_open(found_path, &f);
        if (e == 0) return f;
        // Found but not runnable: remembered, and the search goes on.
        if (e == err::ACCES || e == err::ISDIR) seen = err::ACCES;
    }
    report.fail_errno(seen == err::NOENT ? status_not_found : status_cannot_run, {}, seen);
}

} // namespace

std::size_t read_at(const ExecFile& f, void* buf, std::size_t n, std::uint64_t off,
                    const Report& report) {
    // Callers ask for bytes the file holds, so one pread(2) normally
    // does; 0 means the file shrank since fstat.
    std::size_t got = 0;
    while (got < n) {
        auto r = sys::pread(f.fd, static_cast<char*>(buf) + got, n - got,
                            static_cast<std::int64_t>(off + got));
        if (!r) {
            if (r.error() == err::INTR) continue;
            report.fail_errno(status_cannot_run, "read error", r.error());
        }
        if (*r == 0) break;
        got += *r;
    }
    return got;
}

void read_head(const ExecFile& f, Head* head, const Report& report) {
    std::size_t want = f.size < sizeof head->bytes ? f.size : sizeof head->bytes;
    head->n = read_at(f, head->bytes, want, 0, report);
}

// An interpreter is opened as its path says, relative to the working
// directory when it has no slash, never searched in PATH (fs/exec.c,
// open_exec).
ExecFile open_interpreter(const char* path, const Report& report) {
    ExecFile f{};
    int e = try_open(path, &f);
    if (e == 0) return f;
    OutStream why = reason();
    why << "interpreter " << path;
    if (e == err::NOENT) {
        why << " not found";
        report.fail(status_not_found, why);
    }
    why << ": " << ErrorText{e};
    report.fail(status_cannot_run, why);
}

void resolve_command(const char* program, const char* argv0, const Report& report, Command* out) {
    out->file = open_program(program, report);
    // AT_EXECFN and the process name: the file PROGRAM names, even a script.
    out->execfn = out->file.path;
    out->prefix = {{argv0}, 1};
    read_head(out->file, &out->head, report);
    // A script runs its interpreter with the interpreter, the optional
    // argument, the script's path, then the arguments after argv[0]; the
    // interpreter may be a script itself (fs/binfmt_script.c).
    for (unsigned depth = 0;; ++depth) {
        Shebang line;
        if (!parse_shebang(out->head.view(), &line)) break;
        if (depth == max_script_depth) report.fail_errno(status_cannot_run, {}, err::LOOP);
        char* interpreter = script_lines[depth];
        __builtin_memcpy(interpreter, line.interpreter.data(), line.interpreter.size());
        interpreter[line.interpreter.size()] = 0;
        char* argument = interpreter + line.interpreter.size() + 1;
        __builtin_memcpy(argument, line.argument.data(), line.argument.size());
        argument[line.argument.size()] = 0;
        (void)prepend_interpreter(&out->prefix, interpreter, argument, out->file.path);
        (void)sys::close(out->file.fd);
        out->file = open_interpreter(interpreter, report);
        read_head(out->file, &out->head, report);
    }
    if (out->head.n >= 2 && out->head.bytes[0] == '#' && out->head.bytes[1] == '!')
        report.fail(status_cannot_run,
                    "a #! script without an interpreter the kernel would run (fs/binfmt_script.c)");
    // Set-user-ID and set-group-ID bits (the latter only with group
    // execute, fs/exec.c, bprm_fill_uid): a process cannot raise its own
    // privileges, so the program runs as execve runs it from a nosuid
    // mount: with ring3-load's IDs, and AT_SECURE as ring3-load's.
    constexpr unsigned set_uid = 04000, set_gid = 02000, group_exec = 00010;
    unsigned mode = out->file.mode;
    if (report.trace &&
        ((mode & set_uid) || (mode & (set_gid | group_exec)) == (set_gid | group_exec)))
        *report.trace << "ring3-load: " << out->file.path
                      << ": set-user-ID/set-group-ID bits not applied (as on a nosuid mount): it "
                         "runs with ring3-load's user and group IDs, AT_SECURE unchanged\n";
}

} // namespace ring3::load
