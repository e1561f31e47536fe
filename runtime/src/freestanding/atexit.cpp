// atexit and __cxa_atexit: one list, run last-registered first.
//
// The first 32 handlers (the POSIX minimum) live in .bss; more get blocks
// from mmap, so registration never depends on the allocator. Linked only
// into programs that register handlers or have static objects with
// destructors.
#include <ring3/detail/link_flags.hpp>
#include <ring3/startup.hpp>
#include <ring3/syscalls.hpp>

RING3_DEFINE_LINK_FLAG(__ring3_atexit_linked);

namespace {

struct Handler {
    void (*fn)(void*);
    void* arg;
};

struct Block {
    Block* prev;
    unsigned count;
    Handler handlers[32];
};

Block first_block;
Block* top = nullptr;

void call_plain(void* fn) { reinterpret_cast<void (*)()>(fn)(); }

} // namespace

extern "C" int __cxa_atexit(void (*fn)(void*), void* arg, void* /*dso*/) noexcept {
    if (!top) top = &first_block;
    if (top->count == 32) {
        auto m = ring3::sys::map_anonymous(sizeof(Block));
        if (!m) return -1;
        auto* b = static_cast<Block*>(*m);
        b->prev = top;
        top = b;
    }
    top->handlers[top->count++] = {fn, arg};
    return 0;
}

extern "C" int atexit(void (*fn)()) noexcept {
    return __cxa_atexit(call_plain, reinterpret_cast<void*>(fn), nullptr);
}

// Called by exit(). Pops one handler at a time, so a handler that registers
// another (while exiting) has it run next.
extern "C" void __ring3_run_atexit() {
    while (top) {
        if (top->count == 0) {
            top = top->prev; // mmap'ed blocks are left to exit_group
            continue;
        }
        Handler h = top->handlers[--top->count];
        h.fn(h.arg);
    }
}
