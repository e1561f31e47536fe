// maps: how this very process was laid out in memory, for people learning
// what an executable becomes. It prints its argv, how many environment
// variables it got, its auxiliary vector with names, and its memory map
// (/proc/self/maps) with each mapping annotated: which one holds its code,
// its data, its bss, the heap, the stack, the vDSO. Run it directly and
// under ring3-load to see the difference:
//
//     build/bin/maps
//     build/bin/ring3-load build/bin/maps
//
// --picture[=unicode|ascii|svg] (or --svg) draws the memory map instead,
// top to bottom, the gaps squashed; --stack-picture[=...] draws the stack
// as this program found it at its entry point, built by the kernel or by
// ring3-load (ring3/loader/pictures.hpp).
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/format.hpp>
#include <ring3/loader/pictures.hpp>
#include <ring3/loader/trace.hpp>
#include <ring3/process.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

int initialised_data = 42; // .data
char zeroed_data[4096];    // .bss

} // namespace

// Defined by the linker: the end of the code, of the initialised data, and
// of the bss (the start of the bss is _edata).
extern "C" char _etext[], _edata[], _end[];

namespace {

// What each auxv entry means (its name is elf::aux_name's).
struct AuxMeaning {
    std::uint64_t type;
    const char* meaning;
};

constexpr AuxMeaning aux_meanings[] = {
    {elf::AT_SYSINFO_EHDR, "the vDSO's ELF header"},
    {elf::AT_MINSIGSTKSZ, "minimal signal stack size"},
    {elf::AT_HWCAP, "CPU features"},
    {elf::AT_PAGESZ, "page size"},
    {elf::AT_CLKTCK, "clock ticks per second"},
    {elf::AT_PHDR, "this program's program headers"},
    {elf::AT_PHENT, "size of one program header"},
    {elf::AT_PHNUM, "number of program headers"},
    {elf::AT_BASE, "the interpreter's load address (0: none)"},
    {elf::AT_FLAGS, "flags"},
    {elf::AT_ENTRY, "this program's entry point"},
    {elf::AT_UID, "real user id"},
    {elf::AT_EUID, "effective user id"},
    {elf::AT_GID, "real group id"},
    {elf::AT_EGID, "effective group id"},
    {elf::AT_SECURE, "1 if setuid/setgid: be careful"},
    {elf::AT_RANDOM, "16 random bytes (the stack canary's source)"},
    {elf::AT_HWCAP2, "more CPU features"},
    {elf::AT_RSEQ_FEATURE_SIZE, "rseq feature size"},
    {elf::AT_RSEQ_ALIGN, "rseq alignment"},
    {elf::AT_EXECFN, "the path given to execve"},
    {elf::AT_PLATFORM, "the platform string"},
};

const char* aux_meaning(std::uint64_t type) {
    for (const AuxMeaning& a : aux_meanings)
        if (a.type == type) return a.meaning;
    return "";
}

bool inside(std::uint64_t lo, std::uint64_t hi, const void* p) {
    auto a = reinterpret_cast<std::uint64_t>(p);
    return a >= lo && a < hi;
}

bool overlaps(std::uint64_t lo, std::uint64_t hi, const void* from, const void* to) {
    auto a = reinterpret_cast<std::uint64_t>(from), b = reinterpret_cast<std::uint64_t>(to);
    return a < hi && b > lo;
}

// What one line of /proc/self/maps is, in words.
void annotate(OutStream& out, std::uint64_t lo, std::uint64_t hi, Str perms, Str path, Str self) {
    int stack_marker = 0;
    if (path == "[stack]") {
        out << "the stack: argv, envp, auxv and their strings are at its top";
        return;
    }
    if (path == "[heap]") return void(out << "the heap (brk)");
    if (path == "[vdso]")
        return void(out << "the vDSO: kernel code run in user mode (clock_gettime...)");
    if (path.starts_with("[vvar")) return void(out << "data the vDSO reads (clocks)");
    if (path == "[vsyscall]") return void(out << "the legacy vsyscall page");
    if (inside(lo, hi, &stack_marker)) return void(out << "the stack");
    if (path.ends_with("/ring3-load"))
        return void(out << "ring3-load, the loader that mapped this program");
    // Anonymous and executable: nothing a ring3 program makes. It is the
    // page ring3-load jumps through to hand the process over (it unmaps
    // the loader, then jumps to the entry point); it stays behind.
    if (path.empty() && perms[2] == 'x')
        return void(out << "ring3-load's hand-over page (its trampoline), left behind");
    // This program's own segments, by what the linker put in them.
    const char* roles[4];
    int n = 0;
    std::uint64_t phdr = ring3::getauxval(elf::AT_PHDR);
    if (phdr && inside(lo, hi, reinterpret_cast<const void*>(phdr)))
        roles[n++] = "ELF and program headers, read-only data";
    if (inside(lo, hi, reinterpret_cast<const void*>(&annotate))) roles[n++] = "code (.text)";
    if (overlaps(lo, hi, &initialised_data, _edata)) roles[n++] = "data (.data)";
    if (overlaps(lo, hi, _edata, _end)) roles[n++] = "bss (zero-filled, not in the file)";
    if (n > 0) {
        out << "this program's ";
        for (int i = 0; i < n; ++i) out << (i ? " + " : "") << roles[i];
        return;
    }
    if (!path.empty() && path == self) return void(out << "more of this program's file");
    if (!path.empty()) return void(out << "a mapped file");
    out << (perms[0] == 'r' ? "anonymous memory (mmap: buffers, the allocator)"
                            : "reserved, inaccessible");
}

// /proc/self/exe resolved, to recognise this program's own mappings.
const char* self_path(char* buf, std::size_t size) {
    auto n = sys::readlinkat(sys::AT_FDCWD, "/proc/self/exe", buf, size - 1);
    if (!n) return "";
    buf[*n] = '\0';
    return buf;
}

} // namespace

// --picture: each mapping kept, with copies of its path and its role.
struct Kept {
    StrBuf<256> path;
    StrBuf<96> role;
};
constexpr int max_kept = 64;
Kept kept[max_kept];
loader::MapsEntry entries[max_kept];
loader::Picture picture;

// --stack-picture: this process's stack as it was at the entry point,
// read where the startup code found argc, argv, envp and the auxv
// (the words below argv were argc; nothing has moved them since).
int draw_stack(loader::PictureForm form) {
    const ProcessInfo& pi = process_info;
    loader::StackSpec spec;
    spec.argv = pi.argv;
    spec.argc = static_cast<std::size_t>(pi.argc);
    spec.envp = pi.envp;
    while (pi.envp[spec.envc]) ++spec.envc;
    spec.auxv = pi.auxv;
    spec.program.phdr = ring3::getauxval(elf::AT_PHDR); // mapped: no copy on the stack
    loader::StackLayout layout;
    layout.sp = reinterpret_cast<std::uint64_t>(pi.argv) - 8;
    layout.argv = reinterpret_cast<std::uint64_t>(pi.argv);
    layout.envp = reinterpret_cast<std::uint64_t>(pi.envp);
    layout.auxv = reinterpret_cast<std::uint64_t>(pi.auxv);
    while (pi.auxv[layout.auxc].type != elf::AT_NULL) ++layout.auxc;
    ++layout.auxc; // AT_NULL is on the stack too
    layout.random = ring3::getauxval(elf::AT_RANDOM);
    layout.execfn = ring3::getauxval(elf::AT_EXECFN);
    // The kernel copies the path first, above every string; ring3-load
    // below them (ring3/loader/stack.hpp).
    bool path_on_top = pi.argc > 0 && layout.execfn > reinterpret_cast<std::uint64_t>(pi.argv[0]);
    const auto* at_sp = reinterpret_cast<const unsigned char*>(layout.sp);
    loader::stack_picture(&picture, spec, layout, at_sp, layout.sp, path_on_top);
    loader::draw(io::out, picture, form);
    return 0;
}

int main(int argc, char** argv, char** envp) {
    zeroed_data[0] = static_cast<char>(initialised_data); // both really exist
    loader::PictureForm form{};
    bool draw = argc > 1 && loader::parse_picture_option(argv[1], sys::is_terminal(1), &form);
    if (argc > 1 && Str(argv[1]).starts_with("--stack-picture")) {
        StrBuf<32> as_picture;
        as_picture << "--picture" << Str(argv[1]).substr(15);
        if (loader::parse_picture_option(as_picture.str(), sys::is_terminal(1), &form))
            return draw_stack(form);
    }
    int n = 0;
    if (!draw) io::out << "argv (" << argc << "):\n";
    for (int i = 0; i < argc && !draw; ++i) io::out << "  [" << i << "] " << argv[i] << '\n';
    int nenv = 0;
    while (envp[nenv]) ++nenv;
    if (!draw)
        io::out << "envp: " << nenv
                << " variables\n\nauxv (what the kernel, or a loader, told this program):\n";
    for (const AuxEntry* a = process_info.auxv; !draw && a && a->type != elf::AT_NULL; ++a) {
        io::out << "  " << fmt(elf::aux_name(a->type)).width(20).left() << ' ';
        if (a->type == elf::AT_EXECFN || a->type == elf::AT_PLATFORM)
            io::out << fmt(reinterpret_cast<const char*>(a->value)).width(18).left();
        else if (loader::aux_is_number(a->type))
            io::out << fmt(a->value).width(18).left(); // decimal, as --trace prints it
        else
            io::out << hex(a->value).prefix().width(18).left();
        io::out << "  " << aux_meaning(a->type) << '\n';
    }

    char self_buf[4096];
    const char* self = self_path(self_buf, sizeof self_buf);
    auto fd = sys::open("/proc/self/maps", sys::O_RDONLY | sys::O_CLOEXEC);
    if (!fd) {
        io::warn() << "/proc/self/maps: " << errno_message(fd.error()) << '\n';
        return 1;
    }
    if (!draw) io::out << "\nmemory map (/proc/self/maps):\n";
    InStream maps(*fd);
    Str line;
    while (maps.read_line(line)) {
        // 00400000-00401000 r--p 00000000 fe:01 1234   /path
        std::size_t dash = line.find('-'), sp = line.find(' ');
        if (dash == Str::npos || sp == Str::npos) continue;
        auto lo_field = parse_int<std::uint64_t>(line.substr(0, dash), 16);
        auto hi_field = parse_int<std::uint64_t>(line.substr(dash + 1, sp - dash - 1), 16);
        if (!lo_field || !hi_field) continue;
        std::uint64_t lo = *lo_field, hi = *hi_field;
        Str perms = line.substr(sp + 1, 4);
        // The path is the sixth field: skip five fields and the spaces.
        std::size_t pos = sp;
        for (int field = 0; field < 4 && pos != Str::npos; ++field) {
            while (pos < line.size() && line[pos] == ' ') ++pos;
            pos = line.find(' ', pos);
        }
        while (pos != Str::npos && pos < line.size() && line[pos] == ' ') ++pos;
        Str path = pos == Str::npos ? Str() : line.substr(pos);
        if (draw) {
            if (n == max_kept) continue;
            // The offset is the third field.
            std::size_t off = line.find(' ', sp + 1);
            auto offset = parse_int<std::uint64_t>(
                off == Str::npos ? Str() : line.substr(off + 1, line.find(' ', off + 1) - off - 1),
                16);
            kept[n].path << path;
            annotate(kept[n].role, lo, hi, perms, path, Str(self));
            loader::MapsEntry& e = entries[n];
            e.lo = lo;
            e.hi = hi;
            e.offset = offset ? *offset : 0;
            for (int k = 0; k < 4; ++k) e.perms[k] = perms[k];
            e.perms[4] = '\0';
            e.path = kept[n].path.str();
            e.role = kept[n].role.str();
            e.tint = loader::maps_tint(e.perms, e.path);
            ++n;
            continue;
        }
        io::out << "  " << hex(lo).width(12).fill('0') << '-' << hex(hi).width(12).fill('0') << ' '
                << perms << ' '
                << fmt(hi - lo >= 1024 * 1024 ? (hi - lo) >> 20 : (hi - lo) >> 10).width(5)
                << (hi - lo >= 1024 * 1024 ? " MiB  " : " KiB  ");
        annotate(io::out, lo, hi, perms, path, Str(self));
        if (!path.empty() && path[0] != '[') io::out << "  (" << path << ')';
        io::out << '\n';
    }
    (void)sys::close(*fd);
    if (draw) {
        loader::maps_picture(&picture, entries, n);
        loader::draw(io::out, picture, form);
    }
    return 0;
}
