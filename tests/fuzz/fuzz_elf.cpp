// Fuzz target: everything `ring3-load --dry-run` does with a file before it
// maps anything — the #! line of a script, the staged validation over the
// bytes the loader reads,
// the message of a refusal, the placement of the image, the mapping plan
// and the --trace tables — and an oracle for the plan: its steps are run
// on a model of the address space and the result must be the image the
// ELF file describes, with no page ever writable and executable.
//
// The input is a file with a sparse tail, so that a real program's headers
// make a small input that keeps the program's true size:
//
//     bytes 0..3   the number of zero bytes after the file's bytes (u32 LE)
//     bytes 4..    the file's first bytes
//
// Any violated property aborts (libFuzzer reports it as a crash); so do
// ASan and UBSan findings (-fno-sanitize-recover=all).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "fuzz_common.hpp"
#include <ring3/loader/elf_validate.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/script.hpp>
#include <ring3/loader/trace.hpp>

using namespace ring3;
using namespace ring3::loader;

namespace {

constexpr std::uint64_t P = page_size;
constexpr std::uint64_t page_floor(std::uint64_t v) { return v & ~(P - 1); }
constexpr std::uint64_t page_ceil(std::uint64_t v) { return page_floor(v + P - 1); }

// The file: `head` bytes of the input, then zeros up to `size`.
struct VirtualFile {
    const std::uint8_t* data;
    std::size_t head;
    std::uint64_t size;

    std::uint8_t at(std::uint64_t off) const { return off < head ? data[off] : 0; }
    // pread(2): what ring3-load's read_at gets.
    std::size_t read(void* buf, std::size_t n, std::uint64_t off) const {
        if (off >= size) return 0;
        if (n > size - off) n = static_cast<std::size_t>(size - off);
        auto* out = static_cast<std::uint8_t*>(buf);
        std::size_t from_head = off < head ? std::min<std::uint64_t>(n, head - off) : 0;
        if (from_head) std::memcpy(out, data + off, from_head);
        std::memset(out + from_head, 0, n - from_head);
        return n;
    }
};

// The loader's staged validation (loader/main.cpp, validate()): the first
// KiB, then the program headers and PT_INTERP from it or read apart.
struct Staged {
    unsigned char head[1024];
    alignas(8) unsigned char phdr_buf[max_phdr_bytes];
    unsigned char interp_buf[path_max];
    std::size_t head_len = 0;
    Bytes phdr_table;

    Bytes file_bytes(const VirtualFile& f, std::uint64_t off, std::uint64_t n, unsigned char* buf,
                     std::size_t cap) {
        if (off <= head_len && n <= head_len - off)
            return {head + off, static_cast<std::size_t>(n)};
        EXPECT(n <= cap, "the loader would read %llu bytes into a %zu-byte buffer",
               static_cast<unsigned long long>(n), cap);
        return {buf, f.read(buf, static_cast<std::size_t>(n), off)};
    }

    Problem validate(const VirtualFile& f, Image* img) {
        head_len = f.read(head, f.size < sizeof head ? f.size : sizeof head, 0);
        Header h;
        if (Problem p = check_header({head, head_len}, f.size, &h); !p.ok()) return p;
        phdr_table = file_bytes(f, h.phoff, h.phdr_bytes(), phdr_buf, sizeof phdr_buf);
        if (Problem p = check_program_headers(h, phdr_table, f.size, Options{}, img); !p.ok())
            return p;
        if (img->has_interp) {
            Bytes path =
                file_bytes(f, img->interp_offset, img->interp_size, interp_buf, sizeof interp_buf);
            if (Problem p = check_interp(path, img->interp_index); !p.ok()) return p;
        }
        return {};
    }
};

bool same(const Problem& a, const Problem& b) {
    return a.rule == b.rule && a.index == b.index && a.other == b.other && a.a == b.a &&
           a.b == b.b && a.c == b.c;
}

// A refusal's message, as ring3-load prints it: one line, cut nowhere
// (the loader's buffer holds 512 bytes).
void check_message(const Problem& p) {
    StrBuf<512> t;
    describe(p, t);
    Str s = t.str();
    EXPECT(!s.empty(), "rule %u has an empty message", unsigned(p.rule));
    EXPECT(t.ok(), "rule %u: message cut at %zu bytes", unsigned(p.rule), s.size());
    for (char c : s)
        EXPECT(c != 0 && c != '\n' && c != '%', "rule %u: message [%.*s] has a stray character",
               unsigned(p.rule), int(s.size()), s.data());
}

void check_image(const Image& img, const VirtualFile& f) {
    EXPECT(img.load_count >= 1 && img.load_count <= max_phnum, "load_count %u", img.load_count);
    EXPECT(img.lo % P == 0 && img.hi % P == 0 && img.lo < img.hi, "span [%llx, %llx)",
           static_cast<unsigned long long>(img.lo), static_cast<unsigned long long>(img.hi));
    EXPECT(img.align >= P && (img.align & (img.align - 1)) == 0, "align %llx",
           static_cast<unsigned long long>(img.align));
    bool entry_ok = false;
    for (unsigned k = 0; k < img.load_count; ++k) {
        const Segment& s = img.loads[k];
        EXPECT(s.memsz > 0 && s.filesz <= s.memsz, "segment %u sizes", k);
        EXPECT(s.offset <= f.size && s.filesz <= f.size - s.offset, "segment %u outside file", k);
        EXPECT(s.end() <= user_space_end && s.vaddr < s.end(), "segment %u wraps", k);
        EXPECT(!((s.flags & elf::PF_W) && (s.flags & elf::PF_X)), "segment %u W+X", k);
        EXPECT((s.vaddr - s.offset) % P == 0, "segment %u incongruent", k);
        EXPECT(page_floor(s.vaddr) >= img.lo && page_ceil(s.end()) <= img.hi, "segment %u span", k);
        if (k > 0) EXPECT(img.loads[k - 1].end() <= s.vaddr, "segments %u, %u overlap", k - 1, k);
        if (img.header.entry >= s.vaddr && img.header.entry < s.file_end() && (s.flags & elf::PF_X))
            entry_ok = true;
    }
    EXPECT(entry_ok, "entry %llx not in executable file bytes",
           static_cast<unsigned long long>(img.header.entry));
}

// splitmix64, as ring3-load draws its candidate bases.
std::uint64_t next_random(std::uint64_t* state) {
    std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// The bias ring3-load would choose (main.cpp, place()), with the input's
// hash in place of getrandom and a fixed address in place of the kernel's
// choice when eight random bases fall outside the range.
std::uint64_t choose_bias(const Image& img, std::uint64_t random) {
    if (!img.is_pie()) return 0;
    std::uint64_t state = random;
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::uint64_t bias = pie_bias(img, next_random(&state));
        EXPECT(bias % img.align == 0, "pie_bias %llx not a multiple of %llx",
               static_cast<unsigned long long>(bias), static_cast<unsigned long long>(img.align));
        if (bias + img.lo >= pie_base && bias + img.hi <= user_space_end) return bias;
    }
    constexpr std::uint64_t kernel_choice = 0x7f1234560000;
    std::uint64_t bias = bias_at(img, kernel_choice);
    EXPECT(bias % img.align == 0, "bias_at not aligned");
    EXPECT(bias + img.lo >= kernel_choice && bias + img.lo - kernel_choice < img.align,
           "bias_at %llx puts the span at %llx, not just above %llx",
           static_cast<unsigned long long>(bias), static_cast<unsigned long long>(bias + img.lo),
           static_cast<unsigned long long>(kernel_choice));
    return bias;
}

// The address space between plan.lo and plan.hi, page by page: the
// protection and the bytes (-1: a zero page) after each step.
constexpr std::uint64_t max_model_pages = 16384;
struct Model {
    std::uint64_t lo = 0, pages = 0;
    std::vector<std::uint8_t> prot;
    std::vector<std::int32_t> slot;
    std::vector<std::uint8_t> pool;

    void reset(std::uint64_t lo_, std::uint64_t n) {
        lo = lo_;
        pages = n;
        prot.assign(n, 0);
        slot.assign(n, -1);
        pool.clear();
    }
    std::uint64_t index(std::uint64_t addr) const { return (addr - lo) / P; }
    std::uint8_t* page(std::uint64_t i) {
        if (slot[i] < 0) {
            slot[i] = static_cast<std::int32_t>(pool.size() / P);
            pool.resize(pool.size() + P, 0);
        }
        return pool.data() + std::size_t(slot[i]) * P;
    }
    std::uint8_t byte(std::uint64_t addr) const {
        std::uint64_t i = index(addr);
        return slot[i] < 0 ? 0 : pool[std::size_t(slot[i]) * P + (addr - lo) % P];
    }
    void set(std::uint64_t addr, std::uint8_t v) {
        if (v == 0 && slot[index(addr)] < 0) return;
        page(index(addr))[(addr - lo) % P] = v;
    }
};

struct Run {
    const VirtualFile* file;
    const Image* img;
    const Plan* plan;
    OutStream* trace;
    unsigned next_segment = 0;
    unsigned count = 0;
    bool modelled = false;
    Model model;
};

void step(void* ctx, const MapStep& s) {
    Run& r = *static_cast<Run*>(ctx);
    const Plan& plan = *r.plan;
    const Image& img = *r.img;
    trace_step(*r.trace, img, plan, s, &r.next_segment);
    ++r.count;
    EXPECT(r.count <= 1 + 10 * max_phnum, "more than %u steps", 1 + 10 * max_phnum);
    EXPECT(!((s.prot & prot_w) && (s.prot & prot_x)), "step %u is writable and executable",
           r.count);
    EXPECT(s.prot <= 7, "step %u: prot %u", r.count, s.prot);
    if (r.count == 1) {
        EXPECT(s.kind == StepKind::reserve && s.addr == plan.lo && s.len == plan.hi - plan.lo,
               "the first step does not reserve the span");
        return;
    }
    EXPECT(s.kind != StepKind::reserve, "step %u reserves again", r.count);
    EXPECT(s.len > 0 && s.addr >= plan.lo && s.addr <= plan.hi && s.len <= plan.hi - s.addr,
           "step %u [%llx, +%llx) outside the span [%llx, %llx)", r.count,
           static_cast<unsigned long long>(s.addr), static_cast<unsigned long long>(s.len),
           static_cast<unsigned long long>(plan.lo), static_cast<unsigned long long>(plan.hi));
    bool seg_known = false;
    for (unsigned k = 0; k < img.load_count; ++k) seg_known |= img.loads[k].index == s.segment;
    EXPECT(seg_known, "step %u names program header %u, not a PT_LOAD", r.count, s.segment);
    const VirtualFile& f = *r.file;
    switch (s.kind) {
    case StepKind::map_file:
        EXPECT(s.offset % P == 0, "step %u maps from unaligned offset", r.count);
        // A file page wholly past the end of the file faults (SIGBUS).
        EXPECT(s.offset <= page_ceil(f.size) && s.len <= page_ceil(f.size) - s.offset,
               "step %u maps [%llx, +%llx) of a %llu-byte file", r.count,
               static_cast<unsigned long long>(s.offset), static_cast<unsigned long long>(s.len),
               static_cast<unsigned long long>(f.size));
        [[fallthrough]];
    case StepKind::map_anon:
    case StepKind::protect:
        EXPECT(s.addr % P == 0 && s.len % P == 0, "step %u not page-aligned", r.count);
        break;
    case StepKind::read:
        EXPECT(s.offset <= f.size && s.len <= f.size - s.offset,
               "step %u reads past the end of the file", r.count);
        break;
    case StepKind::zero:
    case StepKind::reserve:
        break;
    }
    if (!r.modelled) return;
    Model& m = r.model;
    std::uint64_t first = m.index(s.addr), last = m.index(s.addr + s.len - 1);
    switch (s.kind) {
    case StepKind::map_file:
        for (std::uint64_t i = first; i <= last; ++i) {
            m.prot[i] = s.prot;
            m.slot[i] = -1;
            std::uint64_t off = s.offset + (i - first) * P;
            if (off < f.head) f.read(m.page(i), P, off);
        }
        break;
    case StepKind::map_anon:
        for (std::uint64_t i = first; i <= last; ++i) {
            m.prot[i] = s.prot;
            m.slot[i] = -1;
        }
        break;
    case StepKind::protect:
        for (std::uint64_t i = first; i <= last; ++i) m.prot[i] = s.prot;
        break;
    case StepKind::zero:
    case StepKind::read:
        // ring3-load writes these bytes itself: the pages must be writable.
        for (std::uint64_t i = first; i <= last; ++i)
            EXPECT(m.prot[i] & prot_w, "step %u writes to page %llx, which is %u", r.count,
                   static_cast<unsigned long long>(m.lo + i * P), m.prot[i]);
        for (std::uint64_t a = 0; a < s.len; ++a)
            m.set(s.addr + a, s.kind == StepKind::zero ? 0 : f.at(s.offset + a));
        break;
    case StepKind::reserve:
        break;
    }
}

// After the last step: every page has the union of the protections of the
// segments in it (PROT_NONE in the gaps), every segment byte is its file
// byte or, past p_filesz, zero.
void check_result(Run& r) {
    const Image& img = *r.img;
    const Plan& plan = *r.plan;
    Model& m = r.model;
    for (std::uint64_t i = 0; i < m.pages; ++i) {
        std::uint64_t page = m.lo + i * P;
        unsigned want = 0;
        for (unsigned k = 0; k < img.load_count; ++k) {
            const Segment& s = img.loads[k];
            if (plan.bias + s.vaddr < page + P && plan.bias + s.end() > page) want |= s.prot();
        }
        EXPECT(m.prot[i] == want, "page %llx ends with protection %u, not %u",
               static_cast<unsigned long long>(page), m.prot[i], want);
    }
    const VirtualFile& f = *r.file;
    for (unsigned k = 0; k < img.load_count; ++k) {
        const Segment& s = img.loads[k];
        // Page by page, against the file's bytes and zeros.
        for (std::uint64_t a = 0; a < s.memsz;) {
            std::uint64_t addr = plan.bias + s.vaddr + a;
            std::uint64_t end = a + (P - addr % P);
            if (end > s.memsz) end = s.memsz;
            std::uint8_t want[P] = {};
            // The file's bytes up to p_filesz; in a read-only segment up
            // to the end of its last file page, as the kernel leaves them
            // (padzero only writes writable segments), unless another
            // segment shares that page (assembled: zeros).
            std::uint64_t file_to = s.filesz;
            if (s.filesz > 0 && !(s.flags & elf::PF_W) && a < s.filesz + P) {
                std::uint64_t page = (addr / P) * P;
                unsigned touching = 0;
                for (unsigned j = 0; j < img.load_count; ++j) {
                    const Segment& o = img.loads[j];
                    if (plan.bias + o.vaddr < page + P && plan.bias + o.end() > page) ++touching;
                }
                std::uint64_t last_page_end =
                    (plan.bias + s.vaddr + s.filesz + P - 1) / P * P - (plan.bias + s.vaddr);
                if (touching == 1) file_to = last_page_end;
            }
            if (a < file_to)
                f.read(want, static_cast<std::size_t>((end < file_to ? end : file_to) - a),
                       s.offset + a);
            std::uint64_t i = m.index(addr);
            static const std::uint8_t zeros[P] = {};
            const std::uint8_t* got = m.slot[i] < 0 ? zeros : m.page(i) + addr % P;
            if (std::memcmp(got, want, static_cast<std::size_t>(end - a)) != 0) {
                std::uint64_t b = 0;
                while (got[b] == want[b]) ++b;
                fuzz::finding("PT_LOAD %u: byte %llx is %u, not %u", s.index,
                              static_cast<unsigned long long>(a + b), got[b], want[b]);
            }
            a = end;
        }
    }
}

// A #! line, as the kernel would read it from the file's first bytes: an
// interpreter path without blanks, then at most one argument, both inside
// the 256 bytes the kernel looks at.
void check_shebang(Bytes head) {
    Shebang sb;
    bool script = parse_shebang(head, &sb);
    bool hashbang = head.size() >= 2 && head[0] == '#' && head[1] == '!';
    EXPECT(!script || hashbang, "a script without #!");
    if (!script) return;
    auto inside = [&](Str s) {
        auto* lo = reinterpret_cast<const char*>(head.data());
        std::size_t n = head.size() < shebang_bytes ? head.size() : shebang_bytes;
        return s.empty() || (s.data() >= lo + 2 && s.data() + s.size() <= lo + n);
    };
    EXPECT(!sb.interpreter.empty() && inside(sb.interpreter), "interpreter outside the line");
    EXPECT(inside(sb.argument), "argument outside the line");
    for (char c : sb.interpreter)
        EXPECT(c != ' ' && c != '\t' && c != 0 && c != '\n', "interpreter has a blank");
    for (char c : sb.argument) EXPECT(c != 0 && c != '\n', "argument has a NUL or newline");
    EXPECT(sb.argument.empty() || (sb.argument[0] != ' ' && sb.argument[0] != '\t'),
           "argument starts with a blank");
}

std::uint64_t hash(const std::uint8_t* d, std::size_t n) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < n; ++i) h = (h ^ d[i]) * 0x100000001b3ULL;
    return h;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return 0;
    std::uint32_t tail;
    std::memcpy(&tail, data, 4);
    VirtualFile f{data + 4, size - 4, size - 4 + std::uint64_t{tail}};

    static Staged staged;
    static Image img; // 4 KiB of segments: static, as in ring3-load
    Problem p = staged.validate(f, &img);
    check_shebang({staged.head, staged.head_len});

    // The whole-file validator (the unit tests') must agree with the
    // staged one (the loader's).
    // (Files up to 16 MiB: their zero tail is this array's untouched end.)
    static std::uint8_t whole[16 << 20];
    if (f.size <= sizeof whole) {
        if (f.head) std::memcpy(whole, f.data, f.head);
        static Image img2;
        Problem q = validate_elf({whole, static_cast<std::size_t>(f.size)}, Options{}, &img2);
        if (f.head) std::memset(whole, 0, f.head);
        EXPECT(same(p, q), "staged validation says rule %u, validate_elf rule %u", unsigned(p.rule),
               unsigned(q.rule));
    }
    if (!p.ok()) {
        check_message(p);
        return 0;
    }
    check_image(img, f);

    Plan plan;
    std::uint64_t bias = choose_bias(img, hash(data, size));
    plan_mappings(img, bias, &plan);
    EXPECT(plan.bias == bias && plan.lo == bias + img.lo && plan.hi == bias + img.hi &&
               plan.entry == bias + img.header.entry,
           "plan_mappings placed the image wrongly");
    EXPECT(plan.phdr == bias + img.phdr_vaddr, "plan.phdr"); // load_elf_binary's phdr_addr
    EXPECT(plan.hi <= user_space_end, "the image ends at %llx",
           static_cast<unsigned long long>(plan.hi));

    OutStream& trace = fuzz::null_stream();
    // The header as for a program, then as for an interpreter (a dynamic
    // program's, mapped by ring3-load too).
    trace_image(trace, "fuzz", img, plan, true);
    trace_image(trace, "fuzz", img, plan);
    Run run;
    run.file = &f;
    run.img = &img;
    run.plan = &plan;
    run.trace = &trace;
    std::uint64_t pages = (plan.hi - plan.lo) / P;
    run.modelled = pages <= max_model_pages;
    if (run.modelled) run.model.reset(plan.lo, pages);
    plan_mappings(img, bias, &plan, step, &run);
    (void)trace.flush();
    EXPECT(run.count >= 1 + img.load_count, "%u steps for %u segments", run.count, img.load_count);
    if (run.modelled) check_result(run);
    return 0;
}
