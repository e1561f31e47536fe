// Startup conformance: what a C++ program relies on around main, printed
// as a sequence of lines. tests/e2e/startup_conformance.sh builds it three
// ways (ring3 static, ring3 static-PIE, glibc) and requires the same
// lines from each, so the expectations themselves are checked against
// glibc. Modes (argv[1]): run (default), exit, _exit, abort, smash,
// canary, addr, relro.
#include <cstdint>

#if __has_include(<ring3/fdio.hpp>)
#define ON_RING3 1
#include <ring3/env.hpp>
#include <ring3/fdio.hpp>
#include <ring3/signal.hpp>
#include <ring3/startup.hpp>
static void out(const char* s, unsigned long n) { (void)ring3::write_all(1, s, n); }
static void install_usr1(void (*h)(int)) { (void)ring3::sig::set_handler(ring3::sig::USR1, h); }
static void raise_usr1() { (void)ring3::sig::raise(ring3::sig::USR1); }
#else
#include <csignal>
#include <cstdlib>
#include <sys/auxv.h>
#include <unistd.h>
static void out(const char* s, unsigned long n) { (void)!write(1, s, n); }
static void install_usr1(void (*h)(int)) {
    struct sigaction sa = {};
    sa.sa_handler = h;
    sigaction(SIGUSR1, &sa, nullptr);
}
static void raise_usr1() { raise(SIGUSR1); }
#endif

namespace {

unsigned long len(const char* s) {
    unsigned long n = 0;
    while (s[n]) ++n;
    return n;
}
void say(const char* s) { out(s, len(s)); }
void line(const char* s) {
    say(s);
    say("\n");
}
void num(std::uint64_t v, int base = 10) {
    char buf[24];
    int n = sizeof buf;
    do {
        buf[--n] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    out(buf + n, sizeof buf - n);
}
bool streq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

// Constructors: priorities first (ascending), then unprioritised ones and
// global objects in order of definition.
__attribute__((constructor(102))) void ctor102() { line("constructor 102"); }
__attribute__((constructor(101))) void ctor101() { line("constructor 101"); }
__attribute__((constructor)) void ctor_plain() { line("constructor (no priority)"); }
__attribute__((destructor(101))) void dtor101() { line("destructor 101"); }
__attribute__((destructor(102))) void dtor102() { line("destructor 102"); }
__attribute__((destructor)) void dtor_plain() { line("destructor (no priority)"); }

void preinit(int, char**, char**) { line("preinit_array"); }
__attribute__((section(".preinit_array"), used)) void (*preinit_entry)(int, char**,
                                                                       char**) = preinit;

struct Global {
    const char* name;
    explicit Global(const char* n) : name(n) {
        say("construct ");
        line(name);
    }
    ~Global() {
        say("destroy ");
        line(name);
    }
};
Global first("global first");
Global second("global second");

struct Local {
    int count = 0;
    Local() { line("construct function-local static"); }
    ~Local() { line("destroy function-local static"); }
};
Local& local() {
    static Local l;
    ++l.count;
    return l;
}

thread_local int tls_data = 42;   // .tdata
thread_local int tls_zero;        // .tbss
thread_local char tls_block[200]; // .tbss, larger than a word

volatile int handled = 0;
void on_usr1(int signo) { handled = signo; }

void late_handler() { line("atexit handler registered during exit"); }
void handler_one() {
    line("atexit handler 1");
    atexit(late_handler);
}
void handler_two() { line("atexit handler 2"); }

[[noreturn]] void exit_from_deep_inside(int depth) {
    if (depth == 0) exit(7);
    exit_from_deep_inside(depth - 1);
}

__attribute__((noinline)) void smash(const char* src, int n) {
    char buf[16];
    for (int i = 0; i < n; ++i) ((volatile char*)buf)[i] = src[i % 4];
    say(buf[0] == 'x' ? "" : "?");
}

// Relocated pointers, in .data.rel.ro: read-only once a static-PIE
// program has relocated itself.
const char* const relro_table[] = {"a", "b"};

std::uint64_t read_canary() {
    std::uint64_t c;
    asm volatile("mov %%fs:0x28, %0" : "=r"(c));
    return c;
}

} // namespace

int main(int argc, char** argv, char** envp) {
    const char* mode = argc > 1 ? argv[1] : "run";
    if (streq(mode, "canary")) {
        num(read_canary(), 16);
        say("\n");
        return 0;
    }
    if (streq(mode, "addr")) {
        num(reinterpret_cast<std::uintptr_t>(&main), 16);
        say("\n");
        return 0;
    }
    if (streq(mode, "smash")) {
        smash("xxxx", 64);
        return 0;
    }
    if (streq(mode, "abort")) abort();
    if (streq(mode, "relro")) {
        line(relro_table[1]);
        *const_cast<const char* volatile*>(&relro_table[0]) = "changed";
        line(relro_table[0]);
        return 0;
    }

    line("main");
    say("argc ");
    num(argc);
    say("\n");
    for (int i = 1; i < argc; ++i) {
        say("argv ");
        line(argv[i]);
    }
    line(envp == argv + argc + 1 ? "envp follows argv" : "envp misplaced");
    char** e = envp;
    while (*e) ++e;
    auto* auxv = reinterpret_cast<std::uint64_t*>(e + 1);
    std::uint64_t pagesz = 0, execfn = 0, random = 0;
    for (auto* a = auxv; a[0] != 0; a += 2) {
        if (a[0] == 6) pagesz = a[1];
        if (a[0] == 31) execfn = a[1];
        if (a[0] == 25) random = a[1];
    }
    line(pagesz == getauxval(6) ? "auxv follows envp" : "auxv misplaced");
    say("AT_PAGESZ ");
    num(pagesz);
    say("\n");
    line(execfn && streq(reinterpret_cast<const char*>(execfn), argv[0]) ? "AT_EXECFN is argv[0]"
                                                                         : "AT_EXECFN differs");
    line(random && random == getauxval(25) ? "AT_RANDOM present" : "AT_RANDOM missing");
    const char* v = getenv("RING3_CONFORMANCE");
    say("getenv RING3_CONFORMANCE=");
    line(v ? v : "(null)");
    line(getenv("RING3_SURELY_UNSET") == nullptr ? "getenv unset is null" : "getenv unset wrong");

    say("thread_local ");
    num(tls_data);
    say(" ");
    num(tls_zero);
    int sum = 0;
    for (char c : tls_block) sum += c;
    say(" ");
    num(sum);
    say("\n");
    tls_data += 1;
    tls_zero += 2;
    say("thread_local after writes ");
    num(tls_data);
    say(" ");
    num(tls_zero);
    say("\n");

    atexit(handler_one);
    local();
    say("function-local static count ");
    num(local().count);
    say("\n");
    atexit(handler_two);

    install_usr1(on_usr1);
    raise_usr1();
    say("signal handler ran for ");
    num(handled);
    say(" and returned\n");

    line((read_canary() & 0xff) == 0 && read_canary() != 0 ? "canary set, low byte zero"
                                                           : "canary wrong");

    if (streq(mode, "exit")) exit_from_deep_inside(5);
    if (streq(mode, "_exit")) _exit(5);
    line("main returns 3");
    return 3;
}
