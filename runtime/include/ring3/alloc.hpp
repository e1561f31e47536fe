// ring3's memory allocator: what every operator new and delete of a ring3
// program ends in (runtime/src/freestanding/operator_new.cpp), and an API of
// its own for growable buffers (resize in place, reallocate) and for tools
// that free a whole phase's memory at once. The design, with its numbers and the reasons for
// them, is in docs/allocator.md; in short:
//
//   - Memory comes from mmap in chunks that grow geometrically (2 MiB to
//     64 MiB), 2 MiB-aligned and, past the first 2 MiB, madvise(MADV_HUGEPAGE):
//     one page fault per 2 MiB instead of 512.
//   - A chunk is cut into 2 MiB segments. The current segment is a bump
//     region: an allocation is a pointer increment, and freeing the most
//     recent allocation moves the pointer back.
//   - Every request is rounded up to one of 56 size classes (16-byte steps up
//     to 128 bytes, then four classes per power of two up to 512 KiB). A freed
//     block goes to its class's free list and is handed out again first.
//   - A segment whose blocks are all free is kept mapped for reuse, by the
//     arena or moved (mremap) into a large block; one not reused within a
//     second goes back to the kernel (munmap).
//   - Requests over 512 KiB (or aligned to more than a page) get their own
//     mapping, unmapped on delete; they grow and shrink with mremap.
//   - Each segment keeps one bit per 16 bytes marking where blocks start, so
//     an unsized delete finds a block's size without a per-block header.
//   - mark()/release() free everything allocated since a point at once.
//
// Single-threaded by design, like the rest of the runtime: there are no
// locks, and an Arena must only ever be used from one thread.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::alloc {

inline constexpr std::size_t KiB = 1024;
inline constexpr std::size_t MiB = 1024 * KiB;

// The granule: every block starts at a multiple of 16 and has a size that
// is a multiple of 16 (what operator new owes any object, the SysV ABI's
// max_align_t).
inline constexpr std::size_t min_align = 16;
// Segments: the unit of reuse and of return to the kernel. One transparent
// huge page.
inline constexpr std::size_t segment_size = 2 * MiB;
// Requests up to this size are served from segments; larger ones get a
// mapping of their own. At most a quarter of a segment, so that the space
// lost at the end of a segment (when the next request does not fit) stays
// small and is itself recycled through the free lists.
inline constexpr std::size_t max_small_size = 512 * KiB;
// Alignments up to a page are served from segments; larger ones (up to
// max_align) from a mapping of their own.
inline constexpr std::size_t max_small_align = 4096;
inline constexpr std::size_t max_align = 1 * MiB;
// Empty segments stay mapped (and resident) for reuse: by the next
// segment the arena needs, or moved whole into a large block. Those not
// reused within pool_decay_ns are unmapped the next time a segment empties,
// except the newest segment_pool_size (see docs/allocator.md).
inline constexpr std::uint64_t pool_decay_ns = 1'000'000'000;
inline constexpr unsigned segment_pool_size = 2;
// Chunks: the first is one segment, each next one as large as everything
// mapped so far, up to this.
inline constexpr std::size_t max_chunk_size = 64 * MiB;

namespace detail {

// The size classes, computed: classes 0-7 are 16, 32, ..., 128 bytes;
// above 128, four classes per power of two (160, 192, 224, 256, 320, ...),
// so rounding up adds less than a quarter of the request.
constexpr unsigned compute_class(std::size_t n) {
    if (n <= 128) return n == 0 ? 0 : static_cast<unsigned>((n - 1) >> 4);
    std::size_t m = n - 1;
    unsigned k = 63u - static_cast<unsigned>(std::countl_zero(m)); // 2^k <= m < 2^(k+1)
    return (k - 7) * 4 + static_cast<unsigned>((m >> (k - 2)) & 3) + 8;
}
constexpr std::size_t compute_class_size(unsigned c) {
    if (c < 8) return (c + 1) * 16;
    unsigned k = (c - 8) / 4 + 7;
    return std::size_t{5 + (c - 8) % 4} << (k - 2);
}

inline constexpr unsigned class_count = compute_class(max_small_size) + 1;

// The same as tables, for sizes only known at run time (operator new's
// argument): a load instead of a bit scan and shifts.
inline constexpr std::size_t table_max = 1024;
struct Tables {
    std::uint8_t small_class[table_max / 16 + 1]; // by (n + 15) / 16
    std::uint32_t size[class_count];
    constexpr Tables() : small_class(), size() {
        for (std::size_t i = 0; i <= table_max / 16; ++i)
            small_class[i] = static_cast<std::uint8_t>(compute_class(i * 16));
        for (unsigned c = 0; c < class_count; ++c)
            size[c] = static_cast<std::uint32_t>(compute_class_size(c));
    }
};
inline constexpr Tables tables;

} // namespace detail

// The size class of a request of n bytes (n <= max_small_size).
constexpr unsigned size_class(std::size_t n) {
    if (n <= detail::table_max) return detail::tables.small_class[(n + 15) / 16];
    return detail::compute_class(n);
}

// The block size of class c: what a request rounded into c occupies.
constexpr std::size_t class_size(unsigned c) { return detail::tables.size[c]; }

inline constexpr unsigned class_count = detail::class_count;
static_assert(class_size(class_count - 1) == max_small_size);
static_assert(class_size(size_class(129)) == 160 && class_size(size_class(257)) == 320);

// What the allocator holds, in bytes, for tests and benchmarks.
struct Stats {
    std::size_t mapped = 0;      // currently mapped: segments, chunk reserve, large blocks
    std::size_t in_use = 0;      // in live blocks, counted at their class size (large: mapping)
    std::size_t peak_in_use = 0; // the most in_use has ever been
    std::size_t peak_mapped = 0; // the most mapped has ever been
    std::size_t segments = 0;    // segments in use (not counting the empty ones kept)
    std::size_t retained = 0;    // of mapped, empty segments kept for reuse
    std::size_t large_blocks = 0;
};

namespace detail {

// A free block, linked into its class's list. The back link points at
// whatever points at this block (the list head or the previous block's
// `next`), so a block leaves its list in O(1) without knowing which list it
// is in: that is what lets a whole segment's free blocks be unlinked when the
// segment is given back.
struct FreeBlock {
    FreeBlock* next;
    FreeBlock** pprev;
};

// The size argument of an unsized delete.
inline constexpr std::size_t unknown_size = static_cast<std::size_t>(-1);

inline constexpr std::uint32_t kind_segment = 0x53454731; // "SEG1"
inline constexpr std::uint32_t kind_large = 0x4c524731;   // "LRG1"

// The first bytes of every 2 MiB-aligned region the allocator hands out
// memory from: a segment, or a large block's own mapping. Any block's
// region header is at (address & ~(segment_size - 1)).
struct Segment {
    std::uint32_t kind;   // kind_segment
    std::uint32_t sealed; // the current segment when a mark() was taken
    std::size_t live;     // bytes in live blocks
    char* used_end;       // end of the bump region (for the current segment: Arena::top_)
    std::uint64_t epoch;  // when it became the current segment
    Segment* next;        // the arena's segments, newest first (or the pool)
    Segment** pprev;
    std::uint64_t retired_ns; // when it emptied (in the pool)
    std::uint64_t reserved;
    // One bit per 16-byte granule: set where a block (live or free) starts.
    std::uint64_t starts[segment_size / min_align / 64];
};
inline constexpr std::size_t segment_header_size = sizeof(Segment);
static_assert(segment_header_size % 64 == 0);

struct LargeHeader {
    std::uint32_t kind;   // kind_large
    std::uint32_t offset; // from the mapping to the block
    std::size_t map_len;
    std::uint64_t epoch;
    LargeHeader* next; // the arena's large blocks, newest first
    LargeHeader** pprev;
};

inline Segment* segment_of(const void* p) {
    return reinterpret_cast<Segment*>(reinterpret_cast<std::uintptr_t>(p) & ~(segment_size - 1));
}
inline std::size_t granule_of(const Segment* s, const void* p) {
    return static_cast<std::size_t>(static_cast<const char*>(p) -
                                    reinterpret_cast<const char*>(s)) /
           min_align;
}
inline void set_start(Segment* s, const void* p) {
    std::size_t g = granule_of(s, p);
    s->starts[g / 64] |= std::uint64_t{1} << (g % 64);
}
inline void clear_start(Segment* s, const void* p) {
    std::size_t g = granule_of(s, p);
    s->starts[g / 64] &= ~(std::uint64_t{1} << (g % 64));
}

} // namespace detail

// A point to release back to: see Arena::mark().
struct Mark {
    detail::Segment* sealed;
    std::uint64_t epoch;
};

class Arena {
public:
    constexpr Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    // n bytes aligned to `align` (a power of two; anything up to 16 means
    // 16), or nullptr when the memory cannot be had: the kernel refused, the
    // size overflows, or align is not a power of two up to max_align. A
    // request of 0 bytes gets a unique pointer.
    void* allocate(std::size_t n, std::size_t align = min_align) noexcept;
    // count * size bytes, or nullptr when the product overflows.
    void* allocate_array(std::size_t count, std::size_t size,
                         std::size_t align = min_align) noexcept;

    // Frees a block from allocate(). The sized form takes the size (and
    // alignment) the block was allocated with and skips the size lookup.
    // nullptr is ignored.
    void deallocate(void* p) noexcept;
    void deallocate(void* p, std::size_t n, std::size_t align = min_align) noexcept;

    // The bytes p can hold: its class size, or its mapping's.
    std::size_t usable_size(const void* p) const noexcept;

    // Grows or shrinks block p (allocated with old_n bytes) to new_n bytes
    // without moving it. Succeeds when the new size fits the block's class,
    // when p is the most recent allocation and the segment has room (or
    // gives it back), and for large blocks when mremap can extend the mapping
    // in place. On failure nothing changes.
    bool resize_in_place(void* p, std::size_t old_n, std::size_t new_n) noexcept;
    // Resizes p, in place if possible, else by moving it: a large block moves
    // with mremap (the kernel moves the pages, nothing is copied), a small one
    // is copied. Returns the new address, or nullptr (p untouched) when the
    // memory cannot be had. With p == nullptr it is allocate(new_n).
    void* reallocate(void* p, std::size_t old_n, std::size_t new_n,
                     std::size_t align = min_align) noexcept;

    // mark() remembers this point; release(m) frees every block allocated
    // since (including large blocks), at once. Blocks allocated before the
    // mark survive, whether they are freed inside the scope or not. Marks
    // nest and are released innermost first. Between mark and release, free
    // lists are not drawn from (new blocks all come from fresh segments) and
    // blocks freed that were allocated after the mark are only reclaimed at
    // release, unless they are the most recent allocation.
    Mark mark() noexcept;
    void release(Mark m) noexcept;

    Stats stats() noexcept;

    // Unmaps every empty segment kept for reuse, now.
    void trim() noexcept;

    // Unmaps everything and starts over. Every block becomes invalid.
    void release_all() noexcept;

private:
    void* allocate_slow(std::size_t n, std::size_t align) noexcept;
    void* allocate_small(unsigned c, std::size_t align) noexcept;
    void* allocate_large(std::size_t n, std::size_t align) noexcept;
    void deallocate_small(detail::Segment* s, void* p, std::size_t size) noexcept;
    void deallocate_large(detail::LargeHeader* h) noexcept;
    void deallocate_slow(void* p, std::size_t n, std::size_t align) noexcept;
    bool free_at_top(detail::Segment* s, void* p, std::size_t size) noexcept;
    void free_not_top(detail::Segment* s, void* p, std::size_t size) noexcept;
    std::size_t extent(const detail::Segment* s, const void* p) const noexcept;
    bool next_segment() noexcept;
    detail::Segment* take_segment() noexcept;
    bool map_chunk() noexcept;
    void segment_emptied(detail::Segment* s) noexcept;
    void reset_current() noexcept;
    void retire(detail::Segment* s) noexcept;
    void trim_pool(std::uint64_t cutoff_ns, unsigned keep) noexcept;
    void unmap_segment(detail::Segment* s) noexcept;
    void unlink_free_blocks(detail::Segment* s, const char* end) noexcept;
    bool may_hold_free_blocks(const detail::Segment* s) const noexcept;
    void carve(char* from, char* to) noexcept;
    // The lists freed blocks go to (while a mark is open, the set-aside ones).
    detail::FreeBlock** push_heads() noexcept { return scope_depth_ ? saved_ : lists_; }
    void note_free(std::size_t size) noexcept {
        if (in_use_ > peak_in_use_) peak_in_use_ = in_use_;
        in_use_ -= size;
    }
    void note_mapped(std::size_t len) noexcept;
    void note_unmapped(std::size_t len) noexcept { mapped_ -= len; }

    // Hot: the bump region and the lists, first.
    char* top_ = nullptr;   // next free byte of the current segment
    char* limit_ = nullptr; // its end
    detail::Segment* cur_ = nullptr;
    std::size_t in_use_ = 0;
    std::uint32_t scope_depth_ = 0;
    detail::FreeBlock* lists_[class_count] = {};
    // Cold.
    std::size_t peak_in_use_ = 0;
    std::size_t mapped_ = 0;
    std::size_t peak_mapped_ = 0;
    std::size_t small_mapped_ = 0; // of mapped_, for segments
    std::uint64_t epoch_ = 0;
    std::uint64_t scope_floor_ = 0; // the epoch of the outermost open mark
    detail::Segment* segments_ = nullptr;
    detail::Segment* pool_ = nullptr; // empty segments, newest first
    char* chunk_next_ = nullptr;      // not yet used segments of the last chunk
    char* chunk_end_ = nullptr;
    detail::LargeHeader* large_ = nullptr;
    // While a mark is open: the lists as they were, which only take frees.
    detail::FreeBlock* saved_[class_count] = {};
};

// The arena behind operator new and delete.
extern constinit Arena default_arena;

// Frees everything allocated in default_arena during its lifetime.
class Scope {
public:
    explicit Scope(Arena& a = default_arena) : arena_(a), mark_(a.mark()) {}
    ~Scope() { arena_.release(mark_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    Arena& arena_;
    Mark mark_;
};

// ---------------------------------------------------------------------------
// The fast paths, inline so that operator new and delete (and any runtime
// code allocating through an Arena) compile to a few instructions when the
// size is known.

[[gnu::always_inline]] inline void* Arena::allocate(std::size_t n, std::size_t align) noexcept {
    // Every block is 16-aligned; a larger alignment (operator new with
    // std::align_val_t) takes the fast path when the block at hand happens
    // to be aligned already, as it is when objects of one over-aligned type
    // are allocated one after another.
    bool over = align > min_align;
    std::uintptr_t mask = 0;
    if (over) {
        mask = align - 1;
        // Hides that mask is align - 1: clang would otherwise turn the
        // power-of-two test below into a popcount, a dozen instructions on
        // a baseline x86_64 without POPCNT.
        asm("" : "+r"(mask));
        if (align & mask) return allocate_slow(n, align); // not a power of two: nullptr
    }
    if (n <= max_small_size && align <= max_small_align) [[likely]] {
        unsigned c = size_class(n);
        std::size_t size = class_size(c);
        if (detail::FreeBlock* b = lists_[c]; b && !(reinterpret_cast<std::uintptr_t>(b) & mask)) {
            // Reuse: the block keeps its start bit while it is free.
            lists_[c] = b->next;
            if (b->next) b->next->pprev = &lists_[c];
            detail::segment_of(b)->live += size;
            in_use_ += size;
            return b;
        }
        char* p = top_;
        if (size <= static_cast<std::size_t>(limit_ - p) &&
            !(reinterpret_cast<std::uintptr_t>(p) & mask)) {
            top_ = p + size;
            detail::set_start(cur_, p);
            cur_->live += size;
            in_use_ += size;
            return p;
        }
    }
    return allocate_slow(n, align);
}

[[gnu::always_inline]] inline void Arena::deallocate(void* p, std::size_t n,
                                                     std::size_t align) noexcept {
    if (n <= max_small_size && align <= max_small_align && scope_depth_ == 0 && p) [[likely]] {
        std::size_t size = class_size(size_class(n));
        detail::Segment* s = detail::segment_of(p);
        if (!free_at_top(s, p, size)) free_not_top(s, p, size);
        return;
    }
    deallocate_slow(p, n, align);
}

// Counts block p (size bytes, in segment s) as freed; if it is the most
// recent allocation, gives its bytes back to the bump region and returns
// true. Otherwise the caller still has to put the block somewhere.
[[gnu::always_inline]] inline bool Arena::free_at_top(detail::Segment* s, void* p,
                                                      std::size_t size) noexcept {
    note_free(size);
    s->live -= size;
    if (static_cast<char*>(p) + size != top_) return false;
    top_ = static_cast<char*>(p);
    detail::clear_start(s, p);
    if (s->live == 0) reset_current();
    return true;
}

inline void Arena::deallocate(void* p) noexcept { deallocate_slow(p, detail::unknown_size, 0); }

inline void* allocate(std::size_t n, std::size_t align = min_align) noexcept {
    return default_arena.allocate(n, align);
}
inline void deallocate(void* p) noexcept { default_arena.deallocate(p); }
inline void deallocate(void* p, std::size_t n, std::size_t align = min_align) noexcept {
    default_arena.deallocate(p, n, align);
}
inline bool resize_in_place(void* p, std::size_t old_n, std::size_t new_n) noexcept {
    return default_arena.resize_in_place(p, old_n, new_n);
}
inline void* reallocate(void* p, std::size_t old_n, std::size_t new_n,
                        std::size_t align = min_align) noexcept {
    return default_arena.reallocate(p, old_n, new_n, align);
}
inline Mark mark() noexcept { return default_arena.mark(); }
inline void release(Mark m) noexcept { default_arena.release(m); }
inline Stats stats() noexcept { return default_arena.stats(); }

} // namespace ring3::alloc
#include <ring3/detail/libc_macros_end.hpp>
