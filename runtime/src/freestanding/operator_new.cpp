// Every replaceable global allocation and deallocation function of C++20
// ([new.delete.single], [new.delete.array]): plain, nothrow, aligned
// (std::align_val_t), sized and unsized, for objects and arrays. All of
// them end in ring3::alloc::default_arena (ring3/alloc.hpp).
//
// Failure: the nothrow forms return nullptr. The others do what
// libstdc++'s operator new does with no new_handler installed: throw
// std::bad_alloc through std::__throw_bad_alloc. Without exceptions
// (runtime/src/cxx/no_exceptions/) that ends the program as an uncaught
// bad_alloc ends a glibc program:
//     terminate called after throwing an instance of 'std::bad_alloc'
//       what():  std::bad_alloc
// then SIGABRT. An overflowing `new T[n]` reaches them as a request for
// SIZE_MAX bytes (clang's convention for an array size that does not
// fit), which always fails.
//
// Freestanding only: a hosted build has its C++ library's operators.
#include <bits/functexcept.h>
#include <new>
#include <ring3/alloc.hpp>

// The nothrow tag lives in the C++ library (libstdc++'s new_handler.cc);
// `new (std::nothrow) T` refers to it.
namespace std {
const nothrow_t nothrow{};
} // namespace std

namespace {

using ring3::alloc::default_arena;

inline void* checked(void* p, std::size_t) {
    if (!p) [[unlikely]]
        std::__throw_bad_alloc();
    return p;
}

constexpr std::size_t value(std::align_val_t a) { return static_cast<std::size_t>(a); }

} // namespace

// Allocation.
void* operator new(std::size_t n) { return checked(default_arena.allocate(n), n); }
void* operator new[](std::size_t n) { return checked(default_arena.allocate(n), n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    return default_arena.allocate(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    return default_arena.allocate(n);
}
void* operator new(std::size_t n, std::align_val_t a) {
    return checked(default_arena.allocate(n, value(a)), n);
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return checked(default_arena.allocate(n, value(a)), n);
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return default_arena.allocate(n, value(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return default_arena.allocate(n, value(a));
}

// Deallocation. The sized forms pass the size on: no lookup needed.
void operator delete(void* p) noexcept { default_arena.deallocate(p); }
void operator delete[](void* p) noexcept { default_arena.deallocate(p); }
void operator delete(void* p, std::size_t n) noexcept { default_arena.deallocate(p, n); }
void operator delete[](void* p, std::size_t n) noexcept { default_arena.deallocate(p, n); }
void operator delete(void* p, std::align_val_t) noexcept { default_arena.deallocate(p); }
void operator delete[](void* p, std::align_val_t) noexcept { default_arena.deallocate(p); }
void operator delete(void* p, std::size_t n, std::align_val_t a) noexcept {
    default_arena.deallocate(p, n, value(a));
}
void operator delete[](void* p, std::size_t n, std::align_val_t a) noexcept {
    default_arena.deallocate(p, n, value(a));
}
// Called by a nothrow new-expression whose constructor throws; in ring3
// nothing throws, but the forms exist and a program may call them.
void operator delete(void* p, const std::nothrow_t&) noexcept { default_arena.deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { default_arena.deallocate(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    default_arena.deallocate(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    default_arena.deallocate(p);
}
