// The allocator's slow paths: segments, chunks, large blocks, scopes and
// statistics (the fast paths are inline in ring3/alloc.hpp; the design is
// in docs/allocator.md).
//
// Portable: compiled into libring3.a and, hosted, into the unit tests, so
// it only talks to the kernel (mmap, munmap, mremap, madvise) and defines no
// global operator new (runtime/src/freestanding/operator_new.cpp does).
//
// Invariants, outside an open mark():
//   - in a segment, every byte of [data, used_end) belongs to exactly one
//     block, and every block has its start bit set; a block's size is the
//     distance to the next start bit (or to used_end);
//   - a block is live (counted in Segment::live) or on its class's free
//     list; so a segment with live == 0 holds only free-listed blocks;
//   - for the current segment, used_end is Arena::top_, and nothing at or
//     above top_ has a start bit.
// While a mark is open, blocks allocated since the outermost mark may also
// be dead (freed, but neither live nor listed): they are reclaimed with
// their whole segment at release().
#include <new>
#include <ring3/alloc.hpp>
#include <ring3/report.hpp>
#include <ring3/startup.hpp>
#include <ring3/syscalls.hpp>

namespace ring3::alloc {

constinit Arena default_arena;

namespace {

using detail::FreeBlock;
using detail::LargeHeader;
using detail::Segment;

constexpr std::size_t page_size = 4096;

char* data_start(Segment* s) { return reinterpret_cast<char*>(s) + detail::segment_header_size; }
char* segment_end(Segment* s) { return reinterpret_cast<char*>(s) + segment_size; }

// round_up without overflow: false when x rounded up to a multiple of a
// does not fit in a size_t.
bool round_up(std::size_t x, std::size_t a, std::size_t* out) {
    if (x > static_cast<std::size_t>(-1) - (a - 1)) return false;
    *out = (x + a - 1) & ~(a - 1);
    return true;
}

void* map(std::size_t len) {
    auto m = sys::map_anonymous(len);
    return m ? *m : nullptr;
}

void unmap(void* p, std::size_t len) { (void)sys::munmap(p, len); }

// len bytes (a multiple of the page size) at a multiple of `align` (a
// power of two, at least a page). Linux (6.7 and later) already places an
// anonymous mapping whose length is a multiple of 2 MiB on a 2 MiB
// boundary, so the first attempt usually succeeds with one mmap; otherwise
// map align more than needed and cut off both ends.
void* map_aligned(std::size_t len, std::size_t align) {
    std::size_t rounded;
    if (!round_up(len, align, &rounded)) return nullptr;
    auto* m = static_cast<char*>(map(rounded));
    if (!m) return nullptr;
    if ((reinterpret_cast<std::uintptr_t>(m) & (align - 1)) == 0) {
        if (rounded > len) unmap(m + len, rounded - len);
        return m;
    }
    unmap(m, rounded);
    if (len > static_cast<std::size_t>(-1) - align) return nullptr;
    std::size_t over = len + align;
    m = static_cast<char*>(map(over));
    if (!m) return nullptr;
    auto a = reinterpret_cast<std::uintptr_t>(m);
    std::size_t head = ((a + align - 1) & ~(align - 1)) - a;
    if (head) unmap(m, head);
    if (over - head - len) unmap(m + head + len, over - head - len);
    return m + head;
}

// CLOCK_MONOTONIC_COARSE: a few milliseconds of resolution is plenty for
// the pool's decay, and it is the kernel's cheapest clock (the vDSO reads
// it without a system call).
std::uint64_t now_ns() {
    auto t = sys::clock_gettime(sys::CLOCK_MONOTONIC_COARSE);
    return t ? static_cast<std::uint64_t>(sys::to_ns(*t)) : 0;
}

// Transparent huge pages where the kernel allows them (THP "always" or
// "madvise"); where it does not, madvise fails and nothing changes.
void want_huge_pages(void* p, std::size_t len) { (void)sys::madvise(p, len, sys::MADV_HUGEPAGE); }

// The largest class whose blocks fit in n bytes (n >= 16).
unsigned class_fitting(std::size_t n) {
    if (n >= max_small_size) return class_count - 1;
    unsigned c = size_class(n);
    return class_size(c) > n ? c - 1 : c;
}

// Makes the list starting at *from start at *to instead.
void list_move(FreeBlock** from, FreeBlock** to) {
    *to = *from;
    *from = nullptr;
    if (*to) (*to)->pprev = to;
}

// The arena's lists (free blocks, segments, large blocks) link each node
// to the next and back to whatever points at it.
template <class T>
void link_front(T* node, T** head) {
    node->next = *head;
    node->pprev = head;
    if (node->next) node->next->pprev = &node->next;
    *head = node;
}

template <class T>
void unlink_node(T* node) {
    *node->pprev = node->next;
    if (node->next) node->next->pprev = node->pprev;
}

// Clears the start bits of [from, to) in s.
void clear_starts(Segment* s, const char* from, const char* to) {
    if (from >= to) return;
    std::size_t g0 = detail::granule_of(s, from), g1 = detail::granule_of(s, to);
    std::size_t w0 = g0 / 64, w1 = (g1 + 63) / 64;
    // Whole words: the bits of the header's granules and those past `to`
    // are zero anyway (see the invariants above).
    for (std::size_t w = w0; w < w1; ++w) s->starts[w] = 0;
}

[[noreturn, gnu::cold]] void invalid_pointer() {
    report_line({"ring3: delete of a pointer the allocator did not hand out"});
    abort();
}

} // namespace

// ---------------------------------------------------------------------------
// Allocation

void* Arena::allocate_array(std::size_t count, std::size_t size, std::size_t align) noexcept {
    std::size_t n;
    if (__builtin_mul_overflow(count, size, &n)) return nullptr;
    return allocate(n, align);
}

void* Arena::allocate_slow(std::size_t n, std::size_t align) noexcept {
    if (align < min_align) align = min_align;
    if ((align & (align - 1)) != 0 || align > max_align) return nullptr;
    if (n > max_small_size || align > max_small_align) return allocate_large(n, align);
    return allocate_small(size_class(n), align);
}

// Only reached from allocate()'s fast path (through allocate_slow), which
// has just found lists_[c] empty or its head not aligned to `align` (its
// mask, 0 up to 16, tests the same as align - 1: every block is
// 16-aligned): so the free list is not looked at again here.
void* Arena::allocate_small(unsigned c, std::size_t align) noexcept {
    std::size_t size = class_size(c);
    for (;;) {
        if (char* p = top_) {
            auto a = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(p) + align - 1) &
                                             ~(align - 1));
            if (a <= limit_ && size <= static_cast<std::size_t>(limit_ - a)) {
                carve(p, a);
                top_ = a + size;
                detail::set_start(cur_, a);
                cur_->live += size;
                in_use_ += size;
                return a;
            }
        }
        if (!next_segment()) return nullptr;
    }
}

// Turns [from, to) of a segment, bytes no block owns (what is left of a
// bump region, the tail of a block shrunk in place), into blocks:
// free-listed ones, largest class first; or, for a segment that is
// reclaimed whole at release(), one dead block.
void Arena::carve(char* from, char* to) noexcept {
    if (from >= to) return;
    Segment* s = detail::segment_of(from);
    if (!may_hold_free_blocks(s)) {
        detail::set_start(s, from);
        return;
    }
    while (from < to) {
        unsigned c = class_fitting(static_cast<std::size_t>(to - from));
        detail::set_start(s, from);
        link_front(reinterpret_cast<FreeBlock*>(from), &push_heads()[c]);
        from += class_size(c);
    }
}

// Moves the bump region to a fresh segment; what is left of the old one
// becomes free blocks.
bool Arena::next_segment() noexcept {
    Segment* s = take_segment();
    if (!s) return false;
    if (Segment* old = cur_) {
        if (may_hold_free_blocks(old)) {
            carve(top_, limit_);
            old->used_end = limit_;
        } else {
            old->used_end = top_; // reclaimed whole at release()
        }
    }
    s->kind = detail::kind_segment;
    s->sealed = 0;
    s->live = 0;
    s->epoch = ++epoch_;
    s->used_end = data_start(s);
    link_front(s, &segments_);
    cur_ = s;
    top_ = data_start(s);
    limit_ = segment_end(s);
    return true;
}

// An empty segment: one kept from before, else the next of the last chunk,
// else the first of a new chunk.
Segment* Arena::take_segment() noexcept {
    if (Segment* s = pool_) {
        pool_ = s->next;
        return s;
    }
    if (chunk_next_ == chunk_end_ && !map_chunk()) return nullptr;
    auto* s = reinterpret_cast<Segment*>(chunk_next_);
    chunk_next_ += segment_size;
    return s;
}

// Chunks grow geometrically: the first is one segment, each next one as
// large as all segments mapped so far, up to max_chunk_size. Fewer mmaps
// for a growing program; a small one stays small. Huge pages from the
// second chunk on: a program that allocates little keeps a small RSS (a
// huge page is 2 MiB resident as soon as one byte of it is touched).
bool Arena::map_chunk() noexcept {
    std::size_t want = small_mapped_ < segment_size     ? segment_size
                       : small_mapped_ > max_chunk_size ? max_chunk_size
                                                        : small_mapped_ & ~(segment_size - 1);
    // Under an address-space limit, settle for less.
    for (std::size_t len = want; len >= segment_size; len = (len / 2) & ~(segment_size - 1)) {
        void* m = map_aligned(len, segment_size);
        if (!m) continue;
        if (small_mapped_ >= segment_size) want_huge_pages(m, len);
        note_mapped(len);
        small_mapped_ += len;
        chunk_next_ = static_cast<char*>(m);
        chunk_end_ = chunk_next_ + len;
        return true;
    }
    return false;
}

void* Arena::allocate_large(std::size_t n, std::size_t align) noexcept {
    // The header sits at the start of the mapping, the block at a multiple
    // of its alignment after it; the mapping is 2 MiB-aligned so that
    // segment_of() finds the header from the block, as it does a segment's.
    std::size_t offset = align > sizeof(LargeHeader) ? align : 64;
    std::size_t len;
    if (n > static_cast<std::size_t>(-1) - offset || !round_up(n + offset, page_size, &len))
        return nullptr;
    auto* m = static_cast<char*>(map_aligned(len, segment_size));
    if (!m) return nullptr;
    // Empty segments in the pool are resident already: move them into the
    // block (mremap moves the page tables; nothing is copied or faulted),
    // so that memory freed a moment ago is not faulted in fresh.
    for (std::size_t off = 0; pool_ && len - off >= segment_size; off += segment_size) {
        Segment* s = pool_;
        Segment* next = s->next;
        if (!sys::mremap(s, segment_size, segment_size, sys::MREMAP_MAYMOVE | sys::MREMAP_FIXED,
                         m + off))
            break;
        pool_ = next;
        note_unmapped(segment_size);
        small_mapped_ -= segment_size;
    }
    // No huge pages here: a large block may be touched sparsely (a hash
    // table, a buffer sized for the worst case), and a huge page is 2 MiB
    // resident for one byte touched. Segments are filled densely.
    auto* h = reinterpret_cast<LargeHeader*>(m);
    h->kind = detail::kind_large;
    h->offset = static_cast<std::uint32_t>(offset);
    h->map_len = len;
    h->epoch = ++epoch_;
    link_front(h, &large_);
    note_mapped(len);
    in_use_ += len;
    return m + offset;
}

void Arena::note_mapped(std::size_t len) noexcept {
    mapped_ += len;
    if (mapped_ > peak_mapped_) peak_mapped_ = mapped_;
}

// ---------------------------------------------------------------------------
// Deallocation

// The alignment is not needed: an over-aligned block is found like any
// other, by its region's header.
void Arena::deallocate_slow(void* p, std::size_t n, std::size_t /*align*/) noexcept {
    if (!p) return;
    Segment* s = detail::segment_of(p);
    if (s->kind == detail::kind_large) {
        deallocate_large(reinterpret_cast<LargeHeader*>(s));
        return;
    }
    if (s->kind != detail::kind_segment) invalid_pointer();
    std::size_t size = n <= max_small_size ? class_size(size_class(n)) : extent(s, p);
    deallocate_small(s, p, size);
}

// The size of block p: the distance to the next start bit, or to the end
// of the segment's bump region.
std::size_t Arena::extent(const Segment* s, const void* p) const noexcept {
    std::size_t g = detail::granule_of(s, p);
    if (!(s->starts[g / 64] >> (g % 64) & 1)) invalid_pointer();
    const char* bound = s == cur_ ? top_ : s->used_end;
    std::size_t end = detail::granule_of(s, bound);
    std::size_t next = g + 1;
    std::size_t w = next / 64;
    std::uint64_t word =
        next % 64 ? s->starts[w] & (~std::uint64_t{0} << (next % 64)) : s->starts[w];
    for (;;) {
        if (word) {
            std::size_t found = w * 64 + static_cast<std::size_t>(std::countr_zero(word));
            return ((found < end ? found : end) - g) * min_align;
        }
        if (++w * 64 >= end) return (end - g) * min_align;
        word = s->starts[w];
    }
}

void Arena::deallocate_small(Segment* s, void* p, std::size_t size) noexcept {
    if (free_at_top(s, p, size)) return;
    if (scope_depth_ && s->epoch > scope_floor_) {
        // Allocated since the outermost open mark: dead until release(),
        // unless it ends the segment's bump region.
        if (s != cur_ && static_cast<char*>(p) + size == s->used_end) {
            s->used_end = static_cast<char*>(p);
            detail::clear_start(s, p);
        }
        if (s->live == 0) segment_emptied(s);
        return;
    }
    free_not_top(s, p, size);
}

void Arena::free_not_top(Segment* s, void* p, std::size_t size) noexcept {
    if (s->live == 0 && !s->sealed) {
        // The segment's last live block: the whole segment is free.
        detail::clear_start(s, p);
        segment_emptied(s);
        return;
    }
    if (s != cur_ && static_cast<char*>(p) + size == s->used_end) {
        // Last in an old segment's bump region: shrink the region.
        s->used_end = static_cast<char*>(p);
        detail::clear_start(s, p);
        return;
    }
    link_front(static_cast<FreeBlock*>(p), &push_heads()[size_class(size)]);
}

void Arena::deallocate_large(LargeHeader* h) noexcept {
    unlink_node(h);
    note_free(h->map_len);
    note_unmapped(h->map_len);
    unmap(h, h->map_len);
}

// Whether s may have blocks on the free lists: not if everything in it was
// allocated since the outermost open mark (such blocks are never listed).
bool Arena::may_hold_free_blocks(const Segment* s) const noexcept {
    return !(scope_depth_ && s->epoch > scope_floor_);
}

void Arena::unlink_free_blocks(Segment* s, const char* end) noexcept {
    if (!may_hold_free_blocks(s)) return;
    std::size_t g0 = detail::granule_of(s, data_start(s)), g1 = detail::granule_of(s, end);
    for (std::size_t w = g0 / 64; w * 64 < g1; ++w) {
        for (std::uint64_t word = s->starts[w]; word; word &= word - 1) {
            std::size_t g = w * 64 + static_cast<std::size_t>(std::countr_zero(word));
            unlink_node(reinterpret_cast<FreeBlock*>(reinterpret_cast<char*>(s) + g * min_align));
        }
    }
}

// A segment with no live block left.
void Arena::segment_emptied(Segment* s) noexcept {
    if (s == cur_)
        reset_current();
    else if (!s->sealed)
        retire(s);
}

// Starts the current segment over: its blocks are all free.
void Arena::reset_current() noexcept {
    Segment* s = cur_;
    unlink_free_blocks(s, top_);
    clear_starts(s, data_start(s), top_);
    top_ = data_start(s);
}

// An empty segment goes to the pool, still mapped: memory freed now is
// often needed again soon, and reusing it costs no page faults. What the
// pool has held longer than pool_decay_ns goes back to the kernel.
void Arena::retire(Segment* s) noexcept {
    unlink_free_blocks(s, s->used_end);
    unlink_node(s);
    clear_starts(s, data_start(s), s->used_end);
    std::uint64_t now = now_ns();
    s->retired_ns = now;
    s->next = pool_;
    pool_ = s;
    trim_pool(now > pool_decay_ns ? now - pool_decay_ns : 0, segment_pool_size);
}

// Unmaps the pooled segments that emptied before cutoff_ns, but keeps the
// newest `keep`. The pool is newest first, so those form its tail.
void Arena::trim_pool(std::uint64_t cutoff_ns, unsigned keep) noexcept {
    Segment** link = &pool_;
    for (unsigned kept = 0; *link; ++kept, link = &(*link)->next) {
        if (kept < keep || (*link)->retired_ns >= cutoff_ns) continue;
        Segment* s = *link;
        *link = nullptr;
        while (s) {
            Segment* next = s->next;
            unmap_segment(s);
            s = next;
        }
        return;
    }
}

void Arena::trim() noexcept { trim_pool(~std::uint64_t{0}, 0); }

void Arena::unmap_segment(Segment* s) noexcept {
    unmap(s, segment_size);
    note_unmapped(segment_size);
    small_mapped_ -= segment_size;
}

// ---------------------------------------------------------------------------
// Sizes and resizing

std::size_t Arena::usable_size(const void* p) const noexcept {
    if (!p) return 0;
    Segment* s = detail::segment_of(p);
    if (s->kind == detail::kind_large) {
        auto* h = reinterpret_cast<const LargeHeader*>(s);
        return h->map_len - h->offset;
    }
    return extent(s, p);
}

bool Arena::resize_in_place(void* p, std::size_t old_n, std::size_t new_n) noexcept {
    if (!p) return false;
    Segment* s = detail::segment_of(p);
    if (s->kind == detail::kind_large) {
        // A large block stays large: sized delete tells the two kinds apart
        // by size.
        if (new_n <= max_small_size) return false;
        auto* h = reinterpret_cast<LargeHeader*>(s);
        std::size_t len;
        if (new_n > static_cast<std::size_t>(-1) - h->offset ||
            !round_up(new_n + h->offset, page_size, &len))
            return false;
        if (len == h->map_len) return true;
        auto r = sys::mremap(h, h->map_len, len, 0);
        if (!r) return false;
        if (len > h->map_len) {
            in_use_ += len - h->map_len;
            note_mapped(len - h->map_len);
        } else {
            note_free(h->map_len - len);
            note_unmapped(h->map_len - len);
        }
        h->map_len = len;
        return true;
    }
    if (new_n > max_small_size) return false;
    std::size_t old_size = class_size(size_class(old_n)), new_size = class_size(size_class(new_n));
    if (new_size == old_size) return true;
    char* q = static_cast<char*>(p);
    if (q + old_size == top_) {
        // The most recent allocation: move the bump pointer.
        if (new_size > old_size && new_size - old_size > static_cast<std::size_t>(limit_ - top_))
            return false;
        top_ = q + new_size;
        s->live = s->live - old_size + new_size;
        if (new_size > old_size)
            in_use_ += new_size - old_size;
        else
            note_free(old_size - new_size);
        return true;
    }
    if (new_size > old_size) return false;
    // Shrinking a block in the middle: its tail becomes free blocks (or one
    // dead block until release()).
    s->live -= old_size - new_size;
    note_free(old_size - new_size);
    carve(q + new_size, q + old_size);
    return true;
}

void* Arena::reallocate(void* p, std::size_t old_n, std::size_t new_n, std::size_t align) noexcept {
    if (!p) return allocate(new_n, align);
    if (resize_in_place(p, old_n, new_n)) return p;
    Segment* s = detail::segment_of(p);
    if (s->kind == detail::kind_large && new_n > max_small_size) {
        // Let the kernel move the pages to a new 2 MiB-aligned place: map the
        // destination first, then mremap over it (MREMAP_FIXED replaces it).
        auto* h = reinterpret_cast<LargeHeader*>(s);
        std::size_t len;
        if (new_n > static_cast<std::size_t>(-1) - h->offset ||
            !round_up(new_n + h->offset, page_size, &len))
            return nullptr;
        void* dest = map_aligned(len, segment_size);
        if (!dest) return nullptr;
        std::size_t old_len = h->map_len;
        if (sys::mremap(h, old_len, len, sys::MREMAP_MAYMOVE | sys::MREMAP_FIXED, dest)) {
            h = static_cast<LargeHeader*>(dest);
            // The list links pointed at the old address.
            *h->pprev = h;
            if (h->next) h->next->pprev = &h->next;
            note_mapped(len);
            note_unmapped(old_len);
            if (len > old_len)
                in_use_ += len - old_len;
            else
                note_free(old_len - len);
            h->map_len = len;
            return static_cast<char*>(dest) + h->offset;
        }
        // mremap moves one mapping only; a block partly made of recycled
        // segments is several: copy it.
        unmap(dest, len);
    }
    void* q = allocate(new_n, align);
    if (!q) return nullptr;
    std::size_t keep = old_n < new_n ? old_n : new_n;
    auto* d = static_cast<char*>(q);
    const auto* src = static_cast<const char*>(p);
    for (std::size_t i = 0; i < keep; ++i) d[i] = src[i];
    deallocate_slow(p, old_n, 0);
    return q;
}

// ---------------------------------------------------------------------------
// Scopes

Mark Arena::mark() noexcept {
    Mark m{cur_, epoch_};
    if (cur_) {
        // Seal the current segment: allocations from now on go to segments
        // newer than the mark, so release() can drop them whole.
        cur_->used_end = top_;
        cur_->sealed = 1;
        cur_ = nullptr;
        top_ = limit_ = nullptr;
    }
    if (scope_depth_++ == 0) {
        scope_floor_ = epoch_;
        // Blocks freed before the mark must not be handed out inside it
        // (release() would not free them); set the lists aside. They still
        // take blocks that are freed inside the scope but were allocated
        // before it.
        for (unsigned c = 0; c < class_count; ++c) list_move(&lists_[c], &saved_[c]);
    }
    return m;
}

void Arena::release(Mark m) noexcept {
    if (scope_depth_ == 0) return;
    if (in_use_ > peak_in_use_) peak_in_use_ = in_use_;
    while (large_ && large_->epoch > m.epoch) deallocate_large(large_);
    while (segments_ && segments_->epoch > m.epoch) {
        Segment* s = segments_;
        in_use_ -= s->live;
        s->live = 0;
        s->sealed = 0;
        if (s == cur_) {
            s->used_end = top_;
            cur_ = nullptr; // retire() must not see it as current
        }
        retire(s);
    }
    cur_ = m.sealed;
    if (cur_) {
        cur_->sealed = 0;
        top_ = cur_->used_end;
        limit_ = segment_end(cur_);
    } else {
        top_ = limit_ = nullptr;
    }
    if (--scope_depth_ == 0)
        for (unsigned c = 0; c < class_count; ++c) list_move(&saved_[c], &lists_[c]);
    if (cur_ && cur_->live == 0) reset_current();
}

// ---------------------------------------------------------------------------
// Statistics and teardown

Stats Arena::stats() noexcept {
    if (in_use_ > peak_in_use_) peak_in_use_ = in_use_;
    Stats st;
    st.mapped = mapped_;
    st.in_use = in_use_;
    st.peak_in_use = peak_in_use_;
    st.peak_mapped = peak_mapped_;
    for (Segment* s = segments_; s; s = s->next) ++st.segments;
    for (Segment* s = pool_; s; s = s->next) st.retained += segment_size;
    for (LargeHeader* h = large_; h; h = h->next) ++st.large_blocks;
    return st;
}

void Arena::release_all() noexcept {
    while (segments_) {
        Segment* s = segments_;
        segments_ = s->next;
        unmap(s, segment_size);
    }
    trim();
    if (chunk_next_ != chunk_end_)
        unmap(chunk_next_, static_cast<std::size_t>(chunk_end_ - chunk_next_));
    while (large_) {
        LargeHeader* h = large_;
        large_ = h->next;
        unmap(h, h->map_len);
    }
    this->~Arena();
    new (this) Arena();
}

} // namespace ring3::alloc
