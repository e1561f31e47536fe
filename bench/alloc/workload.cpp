// The allocator benchmark's workload: ordinary C++ that allocates with
// plain new and delete. bench/alloc.sh builds it twice from this one
// source: as a ring3 program through toolchain.cmake (BENCH_RING3), and
// with g++ against glibc's malloc; and times whole processes.
//
//   workload [PHASE...]    phases: list arrays aligned large (default: all
//                          four, in that order), and the extras list-fifo,
//                          arrays-big and fastpath
//
// Each phase prints its time and a checksum; the checksums must be the same
// in both builds.
//   list        a 10-million-node singly linked list, built by pushing at
//               the front, summed, then freed from the head
//   arrays      arrays grown by doubling and copying (new[], copy, delete[])
//               to tens of thousands of elements, three side by side, many
//               times
//   aligned     over-aligned objects: alignas(64) and alignas(4096)
//   large       one 256 MiB block, every page written, summed, freed
//   list-fifo   the list built by appending at the tail: freed oldest first
//   arrays-big  as arrays, with arrays past 512 KiB (ring3's large blocks)
//   fastpath    ns per allocation and per delete of 16-byte objects, when
//               the memory is already mapped and in the caches (median of
//               1001 rounds of 16384 new then 16384 delete, newest first)
#include <cstddef>
#include <cstdint>
#include <new>

#if defined(BENCH_RING3)
#include <ring3/fdio.hpp>
#include <ring3/syscalls.hpp>
namespace plat {
inline std::uint64_t now_ns() {
    auto t = ring3::sys::clock_gettime(ring3::sys::CLOCK_MONOTONIC);
    return t ? static_cast<std::uint64_t>(ring3::sys::to_ns(*t)) : 0;
}
inline void out(const char* s, std::size_t n) { (void)ring3::write_all(1, s, n); }
} // namespace plat
#else
#include <time.h>
#include <unistd.h>
namespace plat {
inline std::uint64_t now_ns() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<std::uint64_t>(t.tv_sec) * 1000000000u +
           static_cast<std::uint64_t>(t.tv_nsec);
}
inline void out(const char* s, std::size_t n) {
    while (n > 0) {
        ssize_t w = write(1, s, n);
        if (w <= 0) return;
        s += w;
        n -= static_cast<std::size_t>(w);
    }
}
} // namespace plat
#endif

namespace {

// A tiny line printer: text and unsigned numbers.
struct Line {
    char buf[256];
    std::size_t n = 0;
    Line& operator<<(const char* s) {
        while (*s && n < sizeof buf) buf[n++] = *s++;
        return *this;
    }
    Line& operator<<(std::uint64_t v) {
        char d[20];
        int i = 0;
        do d[i++] = static_cast<char>('0' + v % 10);
        while (v /= 10);
        while (i > 0 && n < sizeof buf) buf[n++] = d[--i];
        return *this;
    }
    ~Line() {
        if (n < sizeof buf) buf[n++] = '\n';
        plat::out(buf, n);
    }
};

bool same(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

// A value the optimiser cannot see through, so no loop is folded away.
volatile std::uint64_t sink;

// --- list ------------------------------------------------------------------

struct Node {
    Node* next;
    std::uint64_t value;
};

std::uint64_t list(bool fifo) {
    constexpr int count = 10'000'000;
    Node* head = nullptr;
    Node* tail = nullptr;
    for (int i = 0; i < count; ++i) {
        Node* x = new Node{nullptr, static_cast<std::uint64_t>(i)};
        if (!fifo) {
            x->next = head;
            head = x;
        } else {
            if (tail)
                tail->next = x;
            else
                head = x;
            tail = x;
        }
    }
    std::uint64_t sum = 0;
    for (Node* p = head; p; p = p->next) sum += p->value;
    while (head) {
        Node* next = head->next;
        delete head;
        head = next;
    }
    return sum;
}

// --- arrays ----------------------------------------------------------------

// The growable array everyone writes once: new[] twice the size, copy,
// delete[] the old one.
template <class T>
struct Array {
    T* data = nullptr;
    std::size_t size = 0, cap = 0;
    Array() = default;
    Array(const Array&) = delete;
    ~Array() { delete[] data; }
    void push(const T& v) {
        if (size == cap) grow();
        data[size++] = v;
    }
    void grow() {
        std::size_t ncap = cap ? cap * 2 : 16;
        T* d = new T[ncap];
        for (std::size_t i = 0; i < size; ++i) d[i] = data[i];
        delete[] data;
        data = d;
        cap = ncap;
    }
};

struct Pair {
    std::uint64_t key, value;
};

std::uint64_t arrays(bool big) {
    std::uint64_t sum = 0;
    int reps = big ? 60 : 300;
    for (int rep = 0; rep < reps; ++rep) {
        // Tens of thousands of elements: 20,000 to 59,999 (up to 512 KiB an
        // array), or for arrays-big four times as many.
        std::size_t n = 20000 + static_cast<std::size_t>(rep) * 7919 % 40000;
        if (big) n *= 4;
        Array<std::uint32_t> a;
        Array<std::uint64_t> b;
        Array<Pair> c;
        for (std::size_t i = 0; i < n; ++i) {
            a.push(static_cast<std::uint32_t>(i * 3));
            b.push(i * static_cast<std::uint64_t>(rep));
            if (i % 2 == 0) c.push({i, i ^ static_cast<std::uint64_t>(rep)});
        }
        sum += a.data[n / 2] + b.data[n - 1] + c.data[c.size - 1].value + a.cap + b.cap + c.cap;
    }
    return sum;
}

// --- aligned ---------------------------------------------------------------

struct alignas(64) CacheLine {
    std::uint64_t v[8];
};
struct alignas(4096) Page {
    std::uint64_t first;
    unsigned char rest[4088];
};

std::uint64_t aligned() {
    std::uint64_t sum = 0;
    constexpr std::size_t lines = 250'000, pages = 2'000;
    auto** l = new CacheLine*[lines];
    auto** p = new Page*[pages];
    for (int rep = 0; rep < 4; ++rep) {
        for (std::size_t i = 0; i < lines; ++i) {
            l[i] = new CacheLine;
            l[i]->v[0] = i;
            sum += reinterpret_cast<std::uintptr_t>(l[i]) % 64; // 0 if aligned
        }
        for (std::size_t i = 0; i < pages; ++i) {
            p[i] = new Page;
            p[i]->first = i;
            sum += reinterpret_cast<std::uintptr_t>(p[i]) % 4096;
        }
        // Every other one freed and allocated again, then all freed.
        for (std::size_t i = 0; i < lines; i += 2) delete l[i];
        for (std::size_t i = 0; i < lines; i += 2) {
            l[i] = new CacheLine;
            l[i]->v[0] = i;
        }
        for (std::size_t i = 0; i < lines; ++i) {
            sum += l[i]->v[0];
            delete l[i];
        }
        for (std::size_t i = 0; i < pages; ++i) {
            sum += p[i]->first;
            delete p[i];
        }
    }
    delete[] l;
    delete[] p;
    return sum;
}

// --- large -----------------------------------------------------------------

std::uint64_t large() {
    constexpr std::size_t size = std::size_t{256} << 20;
    auto* block = new unsigned char[size];
    for (std::size_t i = 0; i < size; i += 4096) block[i] = static_cast<unsigned char>(i >> 12);
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < size; i += 4096) sum += block[i];
    delete[] block;
    return sum;
}

// --- fastpath --------------------------------------------------------------

// Small enough that the blocks and the pointers to them stay in the
// caches: what is measured is the allocator's code, not memory bandwidth.
void fastpath() {
    constexpr std::size_t count = 1 << 14;
    constexpr int rounds = 1001;
    auto** ptrs = new Node*[count];
    std::uint64_t alloc_ns[rounds], free_ns[rounds];
    for (int r = 0; r < rounds; ++r) {
        std::uint64_t t0 = plat::now_ns();
        for (std::size_t i = 0; i < count; ++i) ptrs[i] = new Node{nullptr, i};
        std::uint64_t t1 = plat::now_ns();
        for (std::size_t i = count; i-- > 0;) delete ptrs[i];
        std::uint64_t t2 = plat::now_ns();
        alloc_ns[r] = t1 - t0;
        free_ns[r] = t2 - t1;
    }
    delete[] ptrs;
    auto median = [](std::uint64_t* v, int n) {
        for (int i = 1; i < n; ++i)
            for (int j = i; j > 0 && v[j - 1] > v[j]; --j) {
                std::uint64_t t = v[j];
                v[j] = v[j - 1];
                v[j - 1] = t;
            }
        return v[n / 2];
    };
    // Picoseconds per operation, printed as ns with two decimals.
    std::uint64_t a = median(alloc_ns, rounds) * 1000 / count,
                  f = median(free_ns, rounds) * 1000 / count;
    Line() << "fastpath new " << a / 1000 << "." << (a % 1000) / 100 << (a % 100) / 10
           << " ns  delete " << f / 1000 << "." << (f % 1000) / 100 << (f % 100) / 10 << " ns";
}

std::uint64_t run(const char* phase) {
    if (same(phase, "list")) return list(false);
    if (same(phase, "list-fifo")) return list(true);
    if (same(phase, "arrays")) return arrays(false);
    if (same(phase, "arrays-big")) return arrays(true);
    if (same(phase, "aligned")) return aligned();
    if (same(phase, "large")) return large();
    Line() << "workload: unknown phase " << phase;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const char* all[] = {"list", "arrays", "aligned", "large"};
    const char* const* phases = argc > 1 ? argv + 1 : all;
    int count = argc > 1 ? argc - 1 : 4;
    for (int i = 0; i < count; ++i) {
        if (same(phases[i], "fastpath")) {
            fastpath();
            continue;
        }
        std::uint64_t t0 = plat::now_ns();
        std::uint64_t sum = run(phases[i]);
        std::uint64_t ms = (plat::now_ns() - t0) / 1000000;
        sink = sum;
        Line() << phases[i] << " " << ms << " ms  checksum " << sum;
    }
    return 0;
}
