// Validating, placing and mapping an image (stages.hpp). The plan comes
// from the planner (loader/src/plan.cpp) one step at a time; the sink
// carries each out (the address space) or not (--dry-run), and --trace
// prints it first.
#include "stages.hpp"
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/loader/identity.hpp>
#include <ring3/loader/trace.hpp>
#include <ring3/process.hpp>
#include <ring3/syscalls.hpp>

// ring3-load's own image, for the collision check: from its ELF header to
// the end of its bss (defined by the linker).
extern "C" const ring3::elf::Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern "C" char _end[] __attribute__((visibility("hidden")));

namespace ring3::load {
namespace {

// The program headers and PT_INTERP's path when they lie beyond the
// first KiB (rare).
alignas(8) unsigned char phdr_buf[max_phdr_bytes];
char interp_path[path_max];

// The bytes [off, off + n) of the file: from the head when they are in
// it, else read into `buf`.
Bytes file_bytes(const ExecFile& f, const Head& head, std::uint64_t off, std::uint64_t n,
                 unsigned char* buf, const Report& report) {
    if (off <= head.n && n <= head.n - off) return {head.bytes + off, static_cast<std::size_t>(n)};
    return {buf, read_at(f, buf, static_cast<std::size_t>(n), off, report)};
}

[[noreturn]] void refuse(const Problem& p, const Report& report) {
    OutStream why = reason();
    describe(p, why);
    report.fail(status_cannot_run, why);
}

// Every rule of the validator (loader/src/elf_validate.cpp) over the
// head and the program headers.
void validate(const ExecFile& f, const Head& head, const Report& report, Image* img) {
    Header h;
    if (Problem p = check_header(head.view(), f.size, &h); !p.ok()) refuse(p, report);
    Bytes table = file_bytes(f, head, h.phoff, h.phdr_bytes(), phdr_buf, report);
    if (Problem p = check_program_headers(h, table, f.size, loader::Options{}, img); !p.ok())
        refuse(p, report);
}

// PT_INTERP's path, checked, NUL-terminated: in the head (which outlives
// the mapping of the interpreter), or read into interp_path.
const char* interpreter_path(const ExecFile& f, const Head& head, const Image& img,
                             const Report& report) {
    Bytes path = file_bytes(f, head, img.interp_offset, img.interp_size,
                            reinterpret_cast<unsigned char*>(interp_path), report);
    if (Problem p = check_interp(path, img.interp_index); !p.ok()) refuse(p, report);
    return reinterpret_cast<const char*>(path.data());
}

[[noreturn]] void fail_reserve(std::uint64_t lo, std::uint64_t hi, int e, const Report& report) {
    const std::uint64_t args[] = {lo, hi};
    OutStream why = reason();
    print_layout(why, "cannot reserve [%x0, %x1): ", args);
    if (e == err::EXIST)
        why << "addresses already in use in this process";
    else
        why << ErrorText{e};
    report.fail(status_cannot_run, why);
}

[[noreturn]] void fail_overlap(const Plan& plan, const char* what, std::uint64_t lo,
                               std::uint64_t hi, const Report& report) {
    const std::uint64_t args[] = {plan.lo, plan.hi, reinterpret_cast<std::uintptr_t>(what), lo, hi};
    OutStream why = reason();
    print_layout(why, "its segments [%x0, %x1) would overlap %s2 [%x3, %x4)", args);
    report.fail(status_cannot_run, why);
}

// A fixed-address program must not cover ring3-load or its stack: the
// loader would be overwritten under its own feet.
void check_collisions(const Plan& plan, const KernelStack& stack, const Report& report) {
    auto self_lo = page_floor(reinterpret_cast<std::uint64_t>(&__ehdr_start));
    auto self_hi = page_ceil(reinterpret_cast<std::uint64_t>(_end));
    if (plan.lo < self_hi && self_lo < plan.hi)
        fail_overlap(plan, "ring3-load itself", self_lo, self_hi, report);
    // The stack: from its top down as far as RLIMIT_STACK lets it grow.
    constexpr std::uint64_t far = 1ULL << 40;
    std::uint64_t stack_lo = stack.top - (stack.limit < far ? stack.limit : far);
    if (plan.lo < stack.top && stack_lo < plan.hi)
        fail_overlap(plan, "the stack", stack_lo, stack.top, report);
}

// splitmix64: one 64-bit random draw stretched into several candidates.
std::uint64_t next_random(std::uint64_t* state) {
    std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

[[noreturn]] void fail_reserve_anywhere(const Image& img, int e, const Report& report) {
    fail_reserve(0, img.hi - img.lo, e, report);
}

// Chooses the load bias and reserves the span where load_elf_binary puts
// the image: a fixed-address program where it was linked; a PIE program
// with PT_INTERP at ELF_ET_DYN_BASE plus up to 2^28 random pages (another
// draw when that range is in use); a static-PIE program (ET_DYN without
// PT_INTERP, ld.so run as a command too) in the mmap area, where mmap
// chooses. Without randomisation the PIE base is ELF_ET_DYN_BASE itself.
Plan place(const Image& img, const Randomness& random, const KernelStack& stack, const Sink& sink,
           const Report& report) {
    Plan plan{};
    if (!img.is_pie()) {
        plan_mappings(img, 0, &plan);
        check_collisions(plan, stack, report);
        if (int e = sink.reserve(plan.lo, plan.hi)) fail_reserve(plan.lo, plan.hi, e, report);
        return plan;
    }
    if (!img.has_interp) {
        auto bias = sink.reserve_anywhere(img);
        if (!bias) fail_reserve_anywhere(img, bias.error(), report);
        plan_mappings(img, *bias, &plan);
        return plan;
    }
    std::uint64_t state = random.base;
    for (int attempt = 0; attempt < 8; ++attempt) {
        if (!random.randomize && attempt > 0) break;
        plan_mappings(img, pie_bias(img, random.randomize ? next_random(&state) : 0), &plan);
        if (plan.lo < pie_base || plan.hi > user_space_end) continue;
        int e = sink.reserve(plan.lo, plan.hi);
        if (e == 0) return plan;
        if (e != err::EXIST) fail_reserve(plan.lo, plan.hi, e, report);
        const std::uint64_t args[] = {plan.lo};
        if (report.trace)
            print_layout(*report.trace, "  (%x0 is in use: another random base)\n", args);
    }
    // Eight random ranges of 2^40 bytes taken: the address space is full.
    fail_reserve(plan.lo, plan.hi, err::NOMEM, report);
}

// ----------------------------------------------------------------------------
// The sinks.

// mmap PROT_NONE over [lo, hi), never replacing anything.
int reserve_fixed(std::uint64_t lo, std::uint64_t hi) {
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

// The interpreter goes where the kernel puts it: in the mmap area, at an
// address the kernel chooses for the whole span (randomised with the
// rest of the mmap area), aligned to its largest p_align.
Result<std::uint64_t> reserve_in_mmap_area(const Image& img) {
    std::uint64_t span = img.hi - img.lo, extra = img.align - page_size;
    auto m = sys::mmap(nullptr, span + extra, sys::PROT_NONE,
                       sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_NORESERVE, -1, 0);
    if (!m) return Error{m.error()};
    auto got = reinterpret_cast<std::uint64_t>(*m);
    std::uint64_t lo = (got + img.align - 1) & ~(img.align - 1);
    // The excess of an over-aligned reservation goes back.
    if (lo > got) (void)sys::munmap(*m, lo - got);
    if (got + extra > lo) (void)sys::munmap(reinterpret_cast<void*>(lo + span), got + extra - lo);
    return bias_at(img, lo);
}

// The steps' context: the file and where failures go.
struct Mapper {
    const ExecFile* file;
    const Report* report;
};

// One step of the plan, carried out.
void map_step(void* ctx, const MapStep& s) {
    const Mapper& m = *static_cast<const Mapper*>(ctx);
    auto* addr = reinterpret_cast<void*>(s.addr);
    Result<void> r;
    switch (s.kind) {
    case StepKind::reserve:
        break; // done by place()
    case StepKind::map_file:
        if (auto p = sys::mmap(addr, s.len, s.prot, sys::MAP_PRIVATE | sys::MAP_FIXED, m.file->fd,
                               static_cast<std::int64_t>(s.offset));
            !p)
            r = Error{p.error()};
        break;
    case StepKind::map_anon:
        if (auto p = sys::mmap(addr, s.len, s.prot,
                               sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_FIXED, -1, 0);
            !p)
            r = Error{p.error()};
        break;
    case StepKind::zero:
        __builtin_memset(addr, 0, s.len);
        break;
    case StepKind::read:
        if (read_at(*m.file, addr, s.len, s.offset, *m.report) != s.len) r = Error{err::IO};
        break;
    case StepKind::protect:
        r = sys::mprotect(addr, s.len, s.prot);
        break;
    }
    if (!r) {
        const std::uint64_t args[] = {s.addr, s.addr + s.len, s.segment};
        OutStream why = reason();
        print_layout(why,
                     s.segment == no_segment
                         ? Layout<3>("cannot map [%x0, %x1): ")
                         : Layout<3>("cannot map [%x0, %x1) (PT_LOAD segment %d2): "),
                     args);
        why << ErrorText{r.error()};
        m.report->fail(status_cannot_run, why);
    }
}

int reserve_nothing(std::uint64_t, std::uint64_t) { return 0; }
// At its link-time addresses (the --dry-run table says so).
Result<std::uint64_t> place_nowhere(const Image&) { return std::uint64_t{0}; }

// --trace: each step printed, then handed on.
struct Tracer {
    OutStream* out;
    const Image* img;
    const Plan* plan;
    unsigned next_segment;
    StepFn then;
    void* then_ctx;
};
void trace_then(void* ctx, const MapStep& s) {
    auto& t = *static_cast<Tracer*>(ctx);
    trace_step(*t.out, *t.img, *t.plan, s, &t.next_segment);
    if (t.then) t.then(t.then_ctx, s);
}

// The plan's steps, through the sink (and the trace).
void map_image(const ExecFile& f, const Image& img, const Plan& plan, const Sink& sink,
               const Report& report) {
    Mapper mapper{&f, &report};
    Plan replanned;
    if (!report.trace) {
        if (sink.step) plan_mappings(img, plan.bias, &replanned, sink.step, &mapper);
        return;
    }
    Tracer tracer{report.trace, &img, &plan, 0, sink.step, &mapper};
    plan_mappings(img, plan.bias, &replanned, trace_then, &tracer);
}

} // namespace

Sink address_space_sink() { return {map_step, reserve_fixed, reserve_in_mmap_area}; }
Sink dry_run_sink() { return {nullptr, reserve_nothing, place_nowhere}; }

KernelStack kernel_stack() {
    // Its top: the path of AT_EXECFN is the last string there, followed by
    // one NULL pointer (fs/exec.c, bprm_mm_init and do_execveat_common).
    auto* execfn = reinterpret_cast<const char*>(find_aux(process_info.auxv, elf::AT_EXECFN));
    if (!execfn) execfn = process_info.argv[0];
    std::uint64_t top =
        page_ceil(reinterpret_cast<std::uint64_t>(execfn) + cstr_len(execfn) + 1 + 8);
    auto lim = sys::getrlimit(sys::RLIMIT_STACK);
    return {top, lim ? (*lim).cur : ~0ULL};
}

Mapped map_program(const ExecFile& f, const Head& head, const Randomness& random,
                   const KernelStack& stack, const Sink& sink, const Report& report) {
    Image img;
    validate(f, head, report, &img);
    Mapped m{};
    m.interpreter = img.has_interp ? interpreter_path(f, head, img, report) : nullptr;
    m.plan = place(img, random, stack, sink, report);
    if (report.trace) trace_image(*report.trace, f.path, img, m.plan);
    map_image(f, img, m.plan, sink, report);
    m.phnum = img.header.phnum;
    m.pie = img.is_pie();
    m.bounds = code_data_bounds(img, m.plan.bias);
    return m;
}

Plan map_interpreter(const char* path, const Sink& sink, const Report& report) {
    ExecFile f = open_interpreter(path, report);
    Head head;
    read_head(f, &head, report);
    Image img;
    validate(f, head, report, &img);
    // The kernel maps an ET_EXEC interpreter at its link-time addresses
    // with MAP_FIXED, over whatever is there, the program included, and
    // ignores a PT_INTERP of the interpreter's own (load_elf_interp).
    // ring3-load refuses both: no toolchain makes such an interpreter,
    // and replacing mappings silently is what the reservation of every
    // span exists to prevent (docs/loader.md, where it differs).
    if (img.has_interp || !img.is_pie()) {
        OutStream why = reason();
        why << "interpreter " << f.path
            << (img.has_interp ? ": has an interpreter (PT_INTERP) of its own"
                               : ": not a shared object (ET_DYN)");
        report.fail(status_cannot_run, why);
    }
    auto bias = sink.reserve_anywhere(img);
    if (!bias) fail_reserve_anywhere(img, bias.error(), report);
    Plan plan;
    plan_mappings(img, *bias, &plan);
    if (report.trace) {
        *report.trace << '\n';
        trace_image(*report.trace, f.path, img, plan, true);
    }
    map_image(f, img, plan, sink, report);
    (void)sys::close(f.fd);
    return plan;
}

} // namespace ring3::load
