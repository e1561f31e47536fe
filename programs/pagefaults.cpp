// pagefaults FILE: how mapped memory becomes resident, page by page.
//
// mmap(2) only reserves addresses: no page of the file is in the process
// yet. The first touch of each page faults, and the kernel maps it then.
// This program maps FILE read-only and counts, after the mmap, after
// reading one byte of the first page, and after reading one byte of every
// page:
//   - the pages mapped in this process (the "present" bit of
//     /proc/self/pagemap, Documentation/admin-guide/mm/pagemap.rst);
//   - the pages of the file in the page cache (mincore(2)): the kernel's
//     copy of the file, shared by every process that reads it;
//   - the page faults taken (getrusage(2): minor + major).
// Then the same for anonymous memory of as many pages, written to instead
// of read. A file page that is already in the page cache is mapped with
// its neighbours (fault-around: up to 16 pages, 64 KiB, per fault);
// anonymous memory has no neighbours to offer: one fault per page.
//
// --cold first drops FILE from the page cache (posix_fadvise
// POSIX_FADV_DONTNEED: no root needed), so that the first fault must read
// the disk: a major fault, and the page cache grows from 0 by readahead.
// --picture[=unicode|ascii|svg] (or --svg) adds one bar per count, one
// character per page (ring3/loader/pictures.hpp).
//
// Each mapping's line of /proc/self/maps is shown too. Nothing is printed
// until everything is measured, so that the output buffer's own page
// faults are not counted.
#include <ring3/env.hpp>
#include <ring3/loader/pictures.hpp>
#include <ring3/mapping_guard.hpp>
#include <ring3/options.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

constexpr std::size_t page = 4096;
// The most pages counted: 256 MiB.
constexpr std::size_t max_pages = 65536;

// /proc/self/pagemap entries and mincore bytes, a chunk at a time, in
// .bss (touched once before the first count, so that counting faults
// nothing in).
constexpr std::size_t chunk = 512;
std::uint64_t pagemap_buf[chunk];
unsigned char mincore_buf[chunk];
int pagemap_fd = -1;

struct Count {
    std::size_t mapped;   // present in this process
    std::size_t resident; // in memory (the page cache, for a file)
    std::uint64_t faults; // since the mapping was made
    std::uint64_t major;  // of which major: the kernel had to read the disk
};

// --picture: each page's state (loader::PageBits) at each count, for the
// first `pictured` pages, in .bss (touched before counting starts).
constexpr std::size_t pictured = 1024;
std::uint8_t page_states[2][3][pictured];
std::uint8_t* states_out = nullptr; // where count() records, when set
std::size_t touched_pages = 0;      // pages 0 .. touched_pages-1 were touched

struct Faults {
    std::uint64_t all, major;
};
Faults faults_so_far() {
    auto usage = sys::getrusage(sys::RUSAGE_SELF);
    if (!usage) return {0, 0};
    return {static_cast<std::uint64_t>(usage->minflt + usage->majflt),
            static_cast<std::uint64_t>(usage->majflt)};
}

Result<Count> count(const char* base, std::size_t pages, Faults before) {
    Count c{0, 0, 0, 0};
    auto first = reinterpret_cast<std::uintptr_t>(base) / page;
    for (std::size_t done = 0; done < pages; done += chunk) {
        std::size_t n = pages - done < chunk ? pages - done : chunk;
        auto got = sys::pread(pagemap_fd, pagemap_buf, n * 8,
                              static_cast<std::int64_t>((first + done) * 8));
        if (!got) return Error{got.error()};
        if (*got != n * 8) return Error{err::IO};
        RING3_TRY(sys::mincore(const_cast<char*>(base + done * page), n * page, mincore_buf));
        for (std::size_t i = 0; i < n; ++i) {
            c.mapped += pagemap_buf[i] >> 63;
            c.resident += mincore_buf[i] & 1;
            std::size_t page_no = done + i;
            if (states_out && page_no < pictured)
                states_out[page_no] =
                    static_cast<std::uint8_t>((pagemap_buf[i] >> 63 ? loader::page_mapped : 0) |
                                              (mincore_buf[i] & 1 ? loader::page_resident : 0) |
                                              (page_no < touched_pages ? loader::page_touched : 0));
        }
    }
    Faults now = faults_so_far();
    c.faults = now.all - before.all;
    c.major = now.major - before.major;
    return c;
}

// Three counts: after mmap, after touching the first page, after touching
// every page (reading, or writing when `write`).
struct Experiment {
    const char* base;
    std::size_t pages;
    Count counts[3];
};

Result<void> run(char* base, std::size_t pages, bool write, Experiment* e,
                 std::uint8_t (*states)[pictured]) {
    e->base = base;
    e->pages = pages;
    // A first count faults in what counting itself touches (its stack,
    // the kernel's side of pagefaults); only then does counting start.
    touched_pages = 0;
    states_out = nullptr;
    (void)RING3_TRY(count(base, pages, Faults{0, 0}));
    Faults before = faults_so_far();
    states_out = states[0];
    e->counts[0] = RING3_TRY(count(base, pages, before));
    volatile char sink = 0;
    auto touch = [&](std::size_t i) {
        volatile char* p = base + i * page;
        if (write)
            *p = 1;
        else
            sink = static_cast<char>(sink + *p);
    };
    touch(0);
    touched_pages = 1;
    states_out = states[1];
    e->counts[1] = RING3_TRY(count(base, pages, before));
    for (std::size_t i = 1; i < pages; ++i) touch(i);
    touched_pages = pages;
    states_out = states[2];
    e->counts[2] = RING3_TRY(count(base, pages, before));
    states_out = nullptr;
    return {};
}

// One line per count, each number named:
//   after reading page 0       mapped here: 16/64   in the page cache: 64/64   page faults: 1
void print(const Experiment& e, Str verb, Str resident) {
    StrBuf<48> first, every;
    first << "after " << verb << " page 0";
    every << "after " << verb << " every page";
    const Str labels[3] = {"just mapped", first.str(), every.str()};
    for (int k = 0; k < 3; ++k) {
        const Count& c = e.counts[k];
        StrBuf<32> mapped, in_memory;
        mapped << c.mapped << '/' << e.pages;
        in_memory << c.resident << '/' << e.pages;
        io::out << "  " << fmt(labels[k]).width(27)
                << "mapped here: " << fmt(mapped.str()).width(10) << ' ' << resident << ": "
                << fmt(in_memory.str()).width(10) << " page faults: " << c.faults;
        if (c.major) io::out << " (" << c.major << " major: read from the disk)";
        io::out << '\n';
    }
}

// The line of /proc/self/maps that holds the mapping at `base`: the
// kernel's own account of it (addresses, protections, offset, device,
// inode, path). Adjacent anonymous mappings with the same protections
// share one line: the kernel merges them.
void print_maps_line(const char* base) {
    InStream maps;
    if (!maps.open("/proc/self/maps")) return;
    auto at = reinterpret_cast<std::uintptr_t>(base);
    Str line;
    while (maps.read_line(line)) {
        std::size_t dash = line.find('-'), space = line.find(' ');
        if (dash == Str::npos || space == Str::npos || space < dash) continue;
        auto lo = parse_int<std::uint64_t>(line.substr(0, dash), 16);
        auto hi = parse_int<std::uint64_t>(line.substr(dash + 1, space - dash - 1), 16);
        if (lo && hi && *lo <= at && at < *hi) {
            io::out << "  in /proc/self/maps: " << line << '\n';
            return;
        }
    }
}

} // namespace

constexpr int cold_id = 'c', picture_id = 'p', svg_id = 's';
constexpr opt::Option options[] = {
    {0, "cold", opt::Arg::none, cold_id, {}, "drop FILE's pages from the page cache first"},
    {0, "picture", opt::Arg::optional, picture_id, "FORM",
     "draw the pages as bars (FORM: unicode, ascii, svg)"},
    {0, "svg", opt::Arg::none, svg_id, {}, "the same as --picture=svg"},
    {0, "help", opt::Arg::none, opt::help_id, {}, "print this help"},
};

int main(int argc, char** argv) {
    bool cold = false, draw = false;
    loader::PictureForm form{};
    opt::Parser args(options, argc, argv, getenv("POSIXLY_CORRECT") != nullptr);
    while (const opt::Found* o = args.next()) {
        if (o->id == opt::help_id) {
            io::out << "Usage: pagefaults [--cold] [--picture[=unicode|ascii|svg]] FILE\n"
                       "Map FILE and count, page by page, what is mapped, what is resident and\n"
                       "how many page faults reading it costs.\n\n";
            opt::write_help(io::out, options);
            return 0;
        }
        if (o->id == cold_id) cold = true;
        if (o->id == picture_id || o->id == svg_id) {
            bool svg = o->id == svg_id;
            if (!loader::parse_picture_form(svg || o->has_value, svg ? Str("svg") : o->value,
                                            sys::is_terminal(1), &form)) {
                io::warn() << "unknown picture form '" << o->value << "'\n";
                return 2;
            }
            draw = true;
        }
    }
    if (args.error()) return opt::report(args.error(), options, 2);
    if (args.operands().size() != 1) {
        io::warn() << "usage: pagefaults [--cold] [--picture[=unicode|ascii|svg]] FILE\n";
        return 2;
    }
    const char* path = *args.operands().begin();
    auto pm = sys::open("/proc/self/pagemap", sys::O_RDONLY | sys::O_CLOEXEC);
    if (!pm) {
        io::warn() << "/proc/self/pagemap: " << errno_message(pm.error()) << '\n';
        return 1;
    }
    pagemap_fd = *pm;
    // Fault the counting buffers in now, not while counting.
    for (auto& v : pagemap_buf) v = 0;
    for (auto& v : mincore_buf) v = 0;
    for (auto& experiment : page_states)
        for (auto& when : experiment)
            for (auto& v : when) v = 0;

    auto fd = sys::open(path, sys::O_RDONLY | sys::O_CLOEXEC);
    if (!fd) {
        io::warn() << path << ": " << errno_message(fd.error()) << '\n';
        return 1;
    }
    sys::Stat st;
    if (auto r = sys::fstat(*fd, &st); !r) {
        io::warn() << path << ": " << errno_message(r.error()) << '\n';
        return 1;
    }
    if (st.is_dir()) {
        io::warn() << path << ": " << errno_message(err::ISDIR) << '\n';
        return 1;
    }
    if (!st.is_regular() || st.st_size == 0) {
        io::warn() << path << ": not a regular file with contents: nothing to map\n";
        return 1;
    }
    // The file's pages leave the page cache (mm/fadvise.c drops the clean
    // ones no process maps; fdatasync first cleans those just written):
    // its first fault will have to read the disk.
    if (cold) {
        (void)sys::fdatasync(*fd); // a pipe or /proc file has nothing to write
        if (auto r = sys::fadvise(*fd, 0, 0, sys::FADV_DONTNEED); !r) {
            io::warn() << path << ": posix_fadvise: " << errno_message(r.error()) << '\n';
            return 1;
        }
    }
    auto size = static_cast<std::size_t>(st.st_size);
    std::size_t pages = (size + page - 1) / page;
    if (pages > max_pages) pages = max_pages;
    auto file_map = sys::mmap(nullptr, pages * page, sys::PROT_READ, sys::MAP_PRIVATE, *fd, 0);
    if (!file_map) {
        io::warn() << path << ": mmap: " << errno_message(file_map.error()) << '\n';
        return 1;
    }
    auto anon_map = sys::mmap(nullptr, pages * page, sys::PROT_READ | sys::PROT_WRITE,
                              sys::MAP_PRIVATE | sys::MAP_ANONYMOUS, -1, 0);
    if (!anon_map) {
        io::warn() << "mmap: " << errno_message(anon_map.error()) << '\n';
        return 1;
    }

    Experiment file{}, anon{};
    // Should another process shrink FILE while its pages are read, they
    // read as zeros instead of ending the program with SIGBUS
    // (ring3/mapping_guard.hpp); the counts then mean nothing: reported.
    MappingGuard guard(*file_map, pages * page);
    auto r = run(static_cast<char*>(*file_map), pages, false, &file, page_states[0]);
    if (r) r = run(static_cast<char*>(*anon_map), pages, true, &anon, page_states[1]);
    if (!r) {
        io::warn() << "counting pages: " << errno_message(r.error()) << '\n';
        return 1;
    }
    if (guard.lost()) {
        io::warn() << path << ": file changed while it was being read\n";
        return 1;
    }

    // The SVG picture is the whole output (a file to view or embed).
    if (!draw || form != loader::PictureForm::svg) {
        io::out << path << ": " << size << " bytes, " << pages << (pages == 1 ? " page" : " pages")
                << (pages * page < size ? " (the first 256 MiB)" : "")
                << ", mapped read-only (MAP_PRIVATE) at " << static_cast<const void*>(file.base)
                << '\n';
        print_maps_line(file.base);
        print(file, "reading", "in the page cache");
        io::out << "anonymous memory: " << pages << (pages == 1 ? " page" : " pages")
                << ", mapped read-write (MAP_PRIVATE | MAP_ANONYMOUS) at "
                << static_cast<const void*>(anon.base) << '\n';
        print_maps_line(anon.base);
        print(anon, "writing", "in memory");
    }
    if (draw) {
        std::size_t shown = pages < pictured ? pages : pictured;
        const loader::FaultBar bars[] = {
            {"the file, just mapped", page_states[0][0]},
            {"the file, after reading page 0", page_states[0][1]},
            {"the file, after reading every page", page_states[0][2]},
            {"anonymous memory, after writing page 0", page_states[1][1]},
        };
        if (form != loader::PictureForm::svg) io::out << '\n';
        StrBuf<128> title;
        title << "pagefaults" << (cold ? " --cold" : "") << ": " << shown << " pages";
        loader::draw_fault_bars(io::out, title.str(), bars, 4, shown, 16, form);
    }
    return 0;
}
