// The mapping planner (plan.hpp): segments in, mmap/mprotect/pread steps out.
#include <ring3/loader/plan.hpp>

namespace ring3::loader {
namespace {

constexpr std::uint64_t P = page_size;

// Run-time addresses of one segment.
struct Placed {
    std::uint64_t start, file_end, end; // [start, end), file bytes up to file_end
    const Segment* seg;
};

class Planner {
public:
    Planner(const Image& img, std::uint64_t bias, const Plan* plan, StepFn each, void* ctx)
        : img_(img), bias_(bias), plan_(plan), each_(each), ctx_(ctx) {}

    void run() {
        add(StepKind::reserve, Why::span, 0, no_segment, plan_->lo, plan_->hi - plan_->lo, 0);
        for (unsigned k = 0; k < img_.load_count; ++k) plan_segment(placed(k));
    }

private:
    Placed placed(unsigned k) const {
        const Segment& s = img_.loads[k];
        std::uint64_t start = bias_ + s.vaddr;
        return {start, start + s.filesz, start + s.memsz, &s};
    }

    void add(StepKind kind, Why why, unsigned prot, std::uint16_t seg, std::uint64_t addr,
             std::uint64_t len, std::uint64_t offset) {
        MapStep s{kind, why, static_cast<std::uint8_t>(prot), seg, addr, len, offset};
        each_(ctx_, s);
    }

    // A page is assembled when several segments touch it.
    bool assembled(std::uint64_t page) const {
        unsigned touching = 0;
        for (unsigned k = 0; k < img_.load_count; ++k) {
            Placed q = placed(k);
            if (q.start < page + P && q.end > page) ++touching;
        }
        return touching > 1;
    }

    // Anonymous read-write, the file bytes of every segment in it, then
    // the union of their protections (the validator ruled out W+X).
    void emit_page(std::uint64_t page) {
        if (emitted_any_ && page <= last_emitted_) return;
        emitted_any_ = true;
        last_emitted_ = page;
        unsigned prot = 0;
        std::uint16_t first = no_segment;
        for (unsigned k = 0; k < img_.load_count; ++k) {
            Placed q = placed(k);
            if (q.start < page + P && q.end > page) {
                prot |= q.seg->prot();
                if (first == no_segment) first = q.seg->index;
            }
        }
        Why why = Why::shared_page;
        add(StepKind::map_anon, why, prot_r | prot_w, first, page, P, 0);
        for (unsigned k = 0; k < img_.load_count; ++k) {
            Placed q = placed(k);
            std::uint64_t lo = q.start > page ? q.start : page;
            std::uint64_t hi = q.file_end < page + P ? q.file_end : page + P;
            if (hi > lo)
                add(StepKind::read, why, 0, q.seg->index, lo, hi - lo,
                    q.seg->offset + (lo - q.start));
        }
        add(StepKind::protect, why, prot, first, page, P, 0);
    }

    void plan_segment(const Placed& p) {
        const Segment& s = *p.seg;
        unsigned prot = s.prot();
        std::uint64_t first = page_floor(p.start);
        std::uint64_t end = page_ceil(p.end);
        // File pages [a, e), then anonymous pages [c, d).
        std::uint64_t file_pages_end = s.filesz ? page_ceil(p.file_end) : first;
        std::uint64_t a = first, e = file_pages_end;
        if (a < e) {
            if (assembled(a)) {
                emit_page(a);
                a += P;
            }
            bool tail = e > a && assembled(e - P);
            if (tail) e -= P;
            if (e > a) {
                // p_offset and p_vaddr agree modulo the page size, so this
                // is the page-aligned offset of page a.
                add(StepKind::map_file, Why::segment, prot, s.index, a, e - a,
                    s.offset + (a - p.start));
                // padzero: the bss part of the last file page, written
                // only when the segment is writable (the kernel ignores
                // the fault of a read-only one and leaves file bytes).
                std::uint64_t fpage = page_floor(p.file_end);
                if ((s.flags & elf::PF_W) && s.memsz > s.filesz && p.file_end % P != 0 &&
                    fpage >= a && fpage < e)
                    add(StepKind::zero, Why::bss_zero, prot, s.index, p.file_end,
                        page_ceil(p.file_end) - p.file_end, 0);
            }
            if (tail) emit_page(e);
        }
        std::uint64_t c = file_pages_end, d = end;
        if (c < d) {
            if (assembled(c)) {
                emit_page(c);
                c += P;
            }
            bool last = d > c && assembled(d - P);
            if (last) d -= P;
            if (d > c) add(StepKind::map_anon, Why::bss, prot, s.index, c, d - c, 0);
            if (last) emit_page(d);
        }
    }

    const Image& img_;
    std::uint64_t bias_;
    const Plan* plan_;
    StepFn each_;
    void* ctx_;
    bool emitted_any_ = false;
    std::uint64_t last_emitted_ = 0;
};

} // namespace

void plan_mappings(const Image& img, std::uint64_t bias, Plan* out, StepFn each, void* ctx) {
    out->bias = bias;
    out->lo = bias + img.lo;
    out->hi = bias + img.hi;
    out->entry = bias + img.header.entry;
    out->phdr = bias + img.phdr_vaddr; // load_elf_binary: phdr_addr += load_bias
    if (each) Planner(img, bias, out, each, ctx).run();
}

std::uint64_t bias_at(const Image& img, std::uint64_t addr) {
    // Modulo 2^64: a span linked above `addr` gets a "negative" bias.
    std::uint64_t b = addr - img.lo;
    return (b + img.align - 1) & ~(img.align - 1);
}

std::uint64_t pie_bias(const Image& img, std::uint64_t random) {
    return bias_at(img, pie_base + (random % pie_random_pages) * page_size);
}

} // namespace ring3::loader
