// Every form of the global operator new and delete in a ring3 program
// (runtime/src/freestanding/operator_new.cpp), run by
// tests/e2e/alloc_operators.sh.
//
//   alloc_operators          every form, checked; prints "N checks passed"
//   alloc_operators oom      a throwing new that cannot be satisfied
//   alloc_operators overflow a throwing new T[n] whose size overflows
//   alloc_operators limit    nothrow forms under an address-space limit
//   alloc_operators none     allocates nothing (makes no system call for it)
#include <new>
#include <ring3/alloc.hpp>
#include <ring3/fdio.hpp>
#include <ring3/str.hpp>

using ring3::Str;

namespace {

int checks = 0, failures = 0;

void say(Str s) { (void)ring3::write_all(1, s); }

void check(bool ok, Str what) {
    ++checks;
    if (ok) return;
    ++failures;
    say("FAIL: ");
    say(what);
    say("\n");
}

// Lets the pointer escape, so the compiler cannot elide a new-expression
// together with its delete ([expr.new] allows that).
void escape(const void* p) { asm volatile("" : : "r"(p) : "memory"); }

bool aligned(const void* p, std::size_t a) {
    escape(p);
    return reinterpret_cast<std::uintptr_t>(p) % a == 0;
}

// Sizes the optimiser cannot see, so every call really happens.
volatile std::size_t opaque_count = 10;
std::size_t count() { return opaque_count; }

struct Small {
    std::uint64_t a, b, c;
};

int destroyed = 0;
struct WithDtor {
    std::uint64_t v = 7;
    ~WithDtor() { ++destroyed; }
};

struct alignas(64) Line {
    unsigned char bytes[64];
};
struct alignas(4096) Page {
    unsigned char bytes[4096];
};
struct alignas(16384) Huge {
    unsigned char bytes[100];
};

struct Base {
    virtual ~Base() = default;
    std::uint64_t x = 1;
};
struct Derived : Base {
    std::uint64_t more[40] = {};
};

void every_form() {
    const std::size_t before = ring3::alloc::stats().in_use;

    // new / delete of one object: sized delete.
    Small* s = new Small{1, 2, 3};
    check(s && aligned(s, 16), "new Small");
    delete s;

    // Arrays of a trivial type (no cookie: unsized delete[]) and of a type
    // with a destructor (a cookie, sized delete[]).
    auto* ints = new int[count()];
    escape(ints);
    for (std::size_t i = 0; i < count(); ++i) ints[i] = static_cast<int>(i);
    check(ints[9] == 9, "new int[n]");
    delete[] ints;
    auto* objs = new WithDtor[count()];
    escape(objs);
    check(objs[3].v == 7, "new WithDtor[n]");
    delete[] objs;
    check(destroyed == 10, "delete[] runs the destructors");

    // nothrow.
    Small* ns = new (std::nothrow) Small{};
    escape(ns);
    check(ns != nullptr, "new (nothrow) Small");
    delete ns;
    auto* na = new (std::nothrow) int[count()];
    escape(na);
    check(na != nullptr, "new (nothrow) int[n]");
    delete[] na;

    // Over-aligned types: the align_val_t forms, chosen by the compiler.
    Line* l = new Line;
    check(aligned(l, 64), "new Line (alignas 64)");
    Page* pg = new Page;
    check(aligned(pg, 4096), "new Page (alignas 4096)");
    Huge* h = new Huge;
    check(aligned(h, 16384), "new Huge (alignas 16384)");
    auto* lines = new Line[count()];
    check(aligned(lines, 64), "new Line[n]");
    auto* pages = new (std::nothrow) Page[count()];
    check(pages && aligned(pages, 4096), "new (nothrow) Page[n]");
    Line* nl = new (std::nothrow) Line;
    check(nl && aligned(nl, 64), "new (nothrow) Line");
    delete nl;
    delete[] pages;
    delete[] lines;
    delete h;
    delete pg;
    delete l;

    // The operators called by name, every deallocation form included.
    void* p = ::operator new(100);
    ::operator delete(p);
    p = ::operator new(100);
    ::operator delete(p, 100);
    p = ::operator new[](300);
    ::operator delete[](p);
    p = ::operator new[](300);
    ::operator delete[](p, 300);
    p = ::operator new (200, std::align_val_t{256});
    check(aligned(p, 256), "operator new(n, align_val_t)");
    ::operator delete (p, std::align_val_t{256});
    p = ::operator new (200, std::align_val_t{256});
    ::operator delete (p, 200, std::align_val_t{256});
    p = ::operator new[](200, std::align_val_t{512});
    check(aligned(p, 512), "operator new[](n, align_val_t)");
    ::operator delete[](p, std::align_val_t{512});
    p = ::operator new[](200, std::align_val_t{512});
    ::operator delete[](p, 200, std::align_val_t{512});
    p = ::operator new(50, std::nothrow);
    ::operator delete(p, std::nothrow);
    p = ::operator new[](50, std::nothrow);
    ::operator delete[](p, std::nothrow);
    p = ::operator new (50, std::align_val_t{128}, std::nothrow);
    check(aligned(p, 128), "operator new(n, align_val_t, nothrow)");
    ::operator delete (p, std::align_val_t{128}, std::nothrow);
    p = ::operator new[](50, std::align_val_t{128}, std::nothrow);
    check(aligned(p, 128), "operator new[](n, align_val_t, nothrow)");
    ::operator delete[](p, std::align_val_t{128}, std::nothrow);
    ::operator delete(nullptr);
    ::operator delete[](nullptr, std::size_t{8});

    // Zero bytes: a unique pointer each time.
    void* z1 = ::operator new(0);
    void* z2 = ::operator new(0);
    check(z1 && z2 && z1 != z2, "operator new(0) unique");
    ::operator delete (z2, std::size_t{0});
    ::operator delete (z1, std::size_t{0});

    // Through a base class with a virtual destructor: the deleting
    // destructor passes the dynamic type's size.
    Base* b = new Derived;
    escape(b);
    check(b->x == 1, "new Derived");
    delete b;

    // A large block: its own mapping, gone after delete.
    auto* big = new unsigned char[8 << 20];
    escape(big);
    big[0] = 1;
    big[(8 << 20) - 1] = 2;
    check(ring3::alloc::stats().large_blocks == 1, "large block mapped");
    delete[] big;
    check(ring3::alloc::stats().large_blocks == 0, "large block unmapped");

    // An array size that overflows: nothrow gives nullptr.
    volatile std::size_t huge_n = static_cast<std::size_t>(-1) / 8;
    Small* none = new (std::nothrow) Small[huge_n];
    escape(none);
    check(none == nullptr, "new (nothrow) Small[overflowing n]");

    // Every byte came back: each form reached the allocator with the right
    // size.
    check(ring3::alloc::stats().in_use == before, "everything freed");
}

} // namespace

int main(int argc, char** argv) {
    Str mode = argc > 1 ? Str(argv[1]) : Str("all");
    if (mode == "none") return 0;
    if (mode == "oom") {
        volatile std::size_t n = std::size_t{1} << 62;
        char* p = new char[n];
        escape(p);
        return 3; // not reached
    }
    if (mode == "overflow") {
        volatile std::size_t n = static_cast<std::size_t>(-1) / 8;
        Small* p = new Small[n];
        escape(p);
        return 3;
    }
    if (mode == "limit") {
        // Run with an address-space limit well under 1 GiB.
        char* p = new (std::nothrow) char[std::size_t{1} << 30];
        escape(p);
        check(p == nullptr, "nothrow new[] of 1 GiB under the limit");
        std::size_t got = 0;
        while (void* q = ::operator new(100000, std::nothrow)) {
            static_cast<char*>(q)[0] = 1;
            got += 100000;
        }
        check(got > 0, "small blocks until the limit");
        void* aligned_p = ::operator new (1 << 20, std::align_val_t{4096}, std::nothrow);
        check(aligned_p == nullptr, "aligned nothrow new at the limit");
        if (failures) return 1;
        say("nothrow forms returned nullptr\n");
        // And a throwing form at the limit dies with the report.
        volatile std::size_t n = std::size_t{1} << 30;
        char* dead = new char[n];
        escape(dead);
        return 3;
    }
    every_form();
    if (failures) return 1;
    char num[12];
    int i = sizeof num;
    for (int v = checks; v > 0 || i == sizeof num; v /= 10)
        num[--i] = static_cast<char>('0' + v % 10);
    say(Str(num + i, sizeof num - i));
    say(" checks passed\n");
    return 0;
}
