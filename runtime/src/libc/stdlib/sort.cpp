// qsort, qsort_r and bsearch (C17 7.22.5). qsort is an introsort: a
// quicksort with median-of-three pivots and partitions that stop on keys
// equal to the pivot (so many equal keys still split evenly), insertion
// sort for short ranges, and heapsort once the recursion gets deeper than
// 2 log2(n), so that no input takes more than O(n log n) comparisons. Like
// glibc's in-place fallback it is not stable; C does not ask it to be.
#include "stdlib.hpp"

#include <cstdint>

namespace ring3::libc {
namespace {

struct Sorter {
    char* base;
    size_t size;
    compare_r_fn cmp;
    void* arg;

    char* at(size_t i) const { return base + i * size; }
    bool less(const char* a, const char* b) const { return cmp(a, b, arg) < 0; }

    void swap(char* a, char* b) const {
        if (a == b) return;
        size_t n = size;
        while (n >= 8) {
            std::uint64_t x, y;
            __builtin_memcpy(&x, a, 8);
            __builtin_memcpy(&y, b, 8);
            __builtin_memcpy(a, &y, 8);
            __builtin_memcpy(b, &x, 8);
            a += 8;
            b += 8;
            n -= 8;
        }
        while (n-- > 0) {
            char t = *a;
            *a++ = *b;
            *b++ = t;
        }
    }

    void insertion_sort(size_t lo, size_t n) const {
        for (size_t i = lo + 1; i < lo + n; ++i)
            for (size_t j = i; j > lo && less(at(j), at(j - 1)); --j) swap(at(j), at(j - 1));
    }

    void sift_down(size_t lo, size_t root, size_t n) const {
        for (;;) {
            size_t child = 2 * root + 1;
            if (child >= n) return;
            if (child + 1 < n && less(at(lo + child), at(lo + child + 1))) ++child;
            if (!less(at(lo + root), at(lo + child))) return;
            swap(at(lo + root), at(lo + child));
            root = child;
        }
    }

    void heap_sort(size_t lo, size_t n) const {
        for (size_t i = n / 2; i-- > 0;) sift_down(lo, i, n);
        for (size_t end = n; end-- > 1;) {
            swap(at(lo), at(lo + end));
            sift_down(lo, 0, end);
        }
    }

    void sort(size_t lo, size_t n, unsigned depth) const {
        while (n > 16) {
            if (depth-- == 0) return heap_sort(lo, n);
            size_t hi = lo + n - 1, mid = lo + n / 2;
            // The median of the first, middle and last, moved to lo.
            if (less(at(mid), at(lo))) swap(at(mid), at(lo));
            if (less(at(hi), at(mid))) {
                swap(at(hi), at(mid));
                if (less(at(mid), at(lo))) swap(at(mid), at(lo));
            }
            swap(at(lo), at(mid));
            // Sedgewick's partition: [lo, j) <= pivot <= (j, hi].
            size_t i = lo, j = hi + 1;
            for (;;) {
                while (++i <= hi && less(at(i), at(lo))) {}
                while (less(at(lo), at(--j))) {}
                if (i >= j) break;
                swap(at(i), at(j));
            }
            swap(at(lo), at(j));
            // Recurse into the smaller side, loop on the larger: O(log n) stack.
            size_t left = j - lo, right = hi - j;
            if (left < right) {
                sort(lo, left, depth);
                lo = j + 1;
                n = right;
            } else {
                sort(j + 1, right, depth);
                n = left;
            }
        }
        insertion_sort(lo, n);
    }
};

int call_plain(const void* a, const void* b, void* fn) {
    return (*static_cast<compare_fn*>(fn))(a, b);
}

} // namespace

void qsort_r(void* base, size_t count, size_t size, compare_r_fn cmp, void* arg) {
    if (count < 2 || size == 0) return;
    unsigned depth = 2 * (64 - static_cast<unsigned>(__builtin_clzll(count)));
    Sorter{static_cast<char*>(base), size, cmp, arg}.sort(0, count, depth);
}

void qsort(void* base, size_t count, size_t size, compare_fn cmp) {
    qsort_r(base, count, size, call_plain, &cmp);
}

void* bsearch(const void* key, const void* base, size_t count, size_t size, compare_fn cmp) {
    const auto* lo = static_cast<const char*>(base);
    while (count > 0) {
        const char* mid = lo + (count / 2) * size;
        int c = cmp(key, mid);
        if (c == 0) return const_cast<char*>(mid);
        if (c > 0) {
            lo = mid + size;
            count -= count / 2 + 1;
        } else {
            count /= 2;
        }
    }
    return nullptr;
}

} // namespace ring3::libc
