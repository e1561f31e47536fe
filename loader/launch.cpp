// The hand-over (stages.hpp): the program's initial stack, built below
// ring3-load's own frames on the stack the kernel made; the parameter
// block of the trampoline (trampoline.asm), which unmaps ring3-load, sets
// the process identity and jumps.
#include "stages.hpp"
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/loader/trace.hpp>
#include <ring3/process.hpp>
#include <ring3/syscalls.hpp>

// struct prctl_mm_map (include/uapi/linux/prctl.h): what PR_SET_MM_MAP
// sets, in one call.
struct PrctlMmMap {
    std::uint64_t start_code, end_code, start_data, end_data;
    std::uint64_t start_brk, brk, start_stack;
    std::uint64_t arg_start, arg_end, env_start, env_end;
    std::uint64_t auxv;
    std::uint32_t auxv_size, exe_fd;
};
static_assert(sizeof(PrctlMmMap) == 104);
// The trampoline's inputs (trampoline.asm reads them at these offsets). On
// the stack: they must outlive ring3-load's image.
struct TrampolineParams {
    std::uint64_t unmap_addr, unmap_len; // ring3-load's image
    std::uint64_t entry, sp;
    PrctlMmMap map;
    int fd;                 // the program's descriptor, closed last
    std::uint32_t reset_fs; // nonzero: FS base back to 0
    const char* msg_no_exe; // printed if exe_fd is refused (--trace)
    std::uint64_t msg_no_exe_len;
    const char* msg_none; // printed if PR_SET_MM_MAP fails altogether
    std::uint64_t msg_none_len;
    std::uint64_t code; // the trampoline's page
};
static_assert(__builtin_offsetof(TrampolineParams, map) == 32 &&
                  __builtin_offsetof(TrampolineParams, fd) == 136 &&
                  __builtin_offsetof(TrampolineParams, msg_no_exe) == 144 &&
                  __builtin_offsetof(TrampolineParams, msg_none) == 160 &&
                  __builtin_offsetof(TrampolineParams, code) == 176,
              "the offsets trampoline.asm and jump.asm use");
extern "C" [[noreturn]] void ring3_jump(std::uint64_t entry, std::uint64_t sp,
                                        const TrampolineParams* params);
// The trampoline's code (trampoline.asm), copied into a page of its own.
extern "C" const unsigned char ring3_trampoline[] __attribute__((visibility("hidden")));
extern "C" const unsigned char ring3_trampoline_end[] __attribute__((visibility("hidden")));
// Linked only if some code in ring3-load carries a stack protector, in
// which case the runtime's startup set FS to a canary block
// (runtime/src/freestanding/start.cpp) and the jump must reset it.
extern "C" [[gnu::weak]] void __stack_chk_fail();
// ring3-load's own image, unmapped by the trampoline.
extern "C" const ring3::elf::Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern "C" char _end[] __attribute__((visibility("hidden")));

namespace ring3::load {
namespace {

// The trampoline's page: its code, then the messages it may print. Written,
// then made read+execute (never both writable and executable).
std::uint64_t make_trampoline(TrampolineParams& tp, const Report& report) {
    auto m = sys::map_anonymous(page_size);
    if (!m) report.fail_errno(status_cannot_run, "cannot map the trampoline", m.error());
    auto* page = static_cast<char*>(*m);
    std::size_t code = static_cast<std::size_t>(ring3_trampoline_end - ring3_trampoline);
    __builtin_memcpy(page, ring3_trampoline, code);
    if (report.trace) {
        // After the jump ring3-load's image is gone: the texts live here.
        OutStream t(page + code, page_size - code);
        t << "ring3-load: " << report.program
          << ": /proc/self/exe still names ring3-load: PR_SET_MM_MAP with the program's "
             "exe_fd was refused (it needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN, and no "
             "other mapping of ring3-load); cmdline, environ, auxv and brk were set (2 "
             "system calls more: prctl, this write)\n";
        std::size_t first = t.buffered().size();
        t << "ring3-load: " << report.program
          << ": prctl(PR_SET_MM, PR_SET_MM_MAP) failed: /proc/self/exe, cmdline, environ, "
             "auxv and brk stay ring3-load's\n";
        tp.msg_no_exe = page + code;
        tp.msg_no_exe_len = first;
        tp.msg_none = page + code + first;
        tp.msg_none_len = t.buffered().size() - first;
    }
    if (auto r = sys::mprotect(page, page_size, sys::PROT_READ | sys::PROT_EXEC); !r)
        report.fail_errno(status_cannot_run, "cannot map the trampoline", r.error());
    return reinterpret_cast<std::uint64_t>(page);
}

// Refuses to go on when `bytes` more of stack, below the caller's frame,
// would not fit in RLIMIT_STACK, with room kept for the frames still to
// come (build_stack, the --trace tables). Past RLIMIT_STACK the stack
// does not grow and the first write below is SIGSEGV.
__attribute__((noinline)) void check_stack(std::uint64_t bytes, const KernelStack& stack,
                                           const Report& report) {
    constexpr std::uint64_t frames = 1024;
    std::uint64_t top = stack.top, limit = stack.limit;
    std::uint64_t here = reinterpret_cast<std::uint64_t>(__builtin_frame_address(0));
    if (limit < top && (here < top - limit || here - (top - limit) < bytes + frames)) {
        const std::uint64_t args[] = {bytes, limit, top - here};
        OutStream why = reason();
        print_layout(
            why,
            "its initial stack (%d0 bytes) does not fit in RLIMIT_STACK (%d1 bytes, %d2 in "
            "use)",
            args);
        report.fail(status_cannot_run, why);
    }
}

// What execve would have set: the parameter block of the trampoline.
void fill_trampoline_params(const Launch& l, const StackSpec& spec, const StackLayout& layout,
                            AddressRange args, TrampolineParams* tp) {
    auto self_lo = page_floor(reinterpret_cast<std::uint64_t>(&__ehdr_start));
    tp->unmap_addr = self_lo;
    tp->unmap_len = page_ceil(reinterpret_cast<std::uint64_t>(_end)) - self_lo;
    tp->entry = l.entry;
    tp->sp = layout.sp;
    PrctlMmMap& m = tp->map;
    m.start_code = l.program->bounds.start_code;
    m.end_code = l.program->bounds.end_code;
    m.start_data = l.program->bounds.start_data;
    m.end_data = l.program->bounds.end_data;
    m.start_brk = m.brk = l.brk;
    m.start_stack = layout.sp;
    m.arg_start = args.lo;
    m.arg_end = args.hi;
    AddressRange env = strings_range(spec.envp, spec.envc, m.arg_end);
    m.env_start = env.lo;
    m.env_end = env.hi;
    m.auxv = layout.auxv;
    m.auxv_size = static_cast<std::uint32_t>(layout.auxc * 16);
    m.exe_fd = static_cast<std::uint32_t>(l.exe_fd);
    tp->fd = l.exe_fd;
    tp->reset_fs = &__stack_chk_fail != nullptr;
}

// --trace: the process identity the trampoline sets, and the jump.
void trace_hand_over(OutStream& t, const Launch& l, const TrampolineParams& tp) {
    const PrctlMmMap& m = tp.map;
    const std::uint64_t args[] = {m.arg_start, m.arg_end,     m.env_start,
                                  m.env_end,   m.auxv,        m.auxv_size / 16,
                                  m.brk,       tp.unmap_addr, tp.unmap_addr + tp.unmap_len};
    print_layout(t,
                 "  process identity, as execve leaves it (prctl PR_SET_NAME, PR_SET_MM_MAP):\n"
                 "    /proc/self/exe     the program (exe_fd), once ring3-load is unmapped\n"
                 "    cmdline            %a0 .. %a1 (the argument strings)\n"
                 "    environ            %a2 .. %a3\n"
                 "    auxv               %a4 (%d5 entries)\n"
                 "    brk heap           starts at %a6, after the bss\n"
                 "    ring3-load         [%a7, %a8) unmapped by the trampoline\n",
                 args);
    // The calls still to come are counted ahead: this trace's write, then
    // exit_group (a dry run), or the trampoline's page (mmap, mprotect)
    // and the trampoline's own (munmap, prctl PR_SET_MM_MAP, close,
    // arch_prctl if FS must be reset; prctl and write once more if
    // exe_fd is refused: it says so then).
    ++arch::syscall_counts[nr::write];
    if (l.dry_run) {
        t << "  dry run: nothing was mapped, nothing runs\n";
        ++arch::syscall_counts[nr::exit_group];
    } else {
        trace_jump(t, l.entry, tp.sp);
        ++arch::syscall_counts[nr::mmap];
        ++arch::syscall_counts[nr::mprotect];
        ++arch::syscall_counts[nr::munmap];
        ++arch::syscall_counts[nr::prctl];
        if (tp.fd >= 0) ++arch::syscall_counts[nr::close];
        if (tp.reset_fs) ++arch::syscall_counts[nr::arch_prctl];
    }
    trace_syscall_count(t);
}

} // namespace

void name_process(const char* execfn) {
    const char* base = execfn;
    for (const char* p = execfn; *p; ++p)
        if (*p == '/' && p[1]) base = p + 1;
    (void)sys::set_name(base);
}

// The program's argument array and strings, then the stack itself
// (loader/src/stack.cpp), then the jump.
void launch(const Launch& l, const Report& given_report) {
    Report report = given_report; // its program name may move (below)
    // The argument array: in place, over ring3-load's own argv[0] and
    // options, when the prefix fits there (always without a script).
    const ArgvPrefix& prefix = *l.prefix;
    std::size_t argc = prefix.count + l.args_after_count;
    const char** argv;
    if (prefix.count <= l.args_space_count) {
        argv = l.args_space + l.args_space_count - prefix.count;
    } else {
        check_stack(argc * sizeof(char*), l.stack, report);
        argv = static_cast<const char**>(__builtin_alloca(argc * sizeof(char*)));
        for (std::size_t i = 0; i < l.args_after_count; ++i)
            argv[prefix.count + i] = l.args_after[i];
    }
    for (unsigned i = 0; i < prefix.count; ++i) argv[i] = prefix.items[i];

    StackSpec spec;
    spec.argv = argv;
    spec.argc = argc;
    spec.envp = l.envp;
    while (l.envp[spec.envc]) ++spec.envc;
    spec.auxv = process_info.auxv;
    spec.program.phdr = l.program->plan.phdr;
    spec.program.phnum = l.program->phnum;
    spec.program.entry = l.program->plan.entry;
    spec.program.base = l.base;
    spec.execfn = l.execfn;
    spec.random = {l.random, 16};

    std::size_t size = (stack_bytes(spec) + 15) & ~std::size_t{15};
    // The argument strings, contiguous and right below the environment
    // strings, as copy_strings leaves them (/proc/PID/cmdline, process
    // titles): those after PROGRAM are already there, at the end of
    // ring3-load's own; the prefix is written just before them, over
    // ring3-load's argv[0], options and PROGRAM, when it fits there
    // (always without --argv0 or a script). Stored once.
    std::size_t prefix_bytes = 0;
    for (unsigned i = 0; i < prefix.count; ++i) prefix_bytes += cstr_len(prefix.items[i]) + 1;
    char* region_lo = l.own_args_lo;
    char* tail = l.args_after_count ? const_cast<char*>(l.args_after[0]) : l.own_args_end;
    std::uint64_t arg_start, arg_end = reinterpret_cast<std::uint64_t>(l.own_args_end);
    if (l.own_args_contiguous && prefix_bytes <= static_cast<std::size_t>(tail - region_lo)) {
        // Through a copy: the prefix's strings may lie in that very range.
        check_stack(size + prefix_bytes + 16, l.stack, report);
        auto* copy = static_cast<char*>(__builtin_alloca(prefix_bytes + 16));
        char* w = copy;
        for (unsigned i = 0; i < prefix.count; ++i) {
            std::size_t len = cstr_len(prefix.items[i]) + 1;
            __builtin_memcpy(w, prefix.items[i], len);
            w += len;
        }
        // What still reads ring3-load's strings is pointed at copies:
        // AT_EXECFN's source and PROGRAM in messages (alloca here: a
        // helper's frame would be gone).
        auto inside = [&](const char* str) { return str >= region_lo && str < tail; };
        const char* execfn = l.execfn;
        if (inside(execfn)) {
            std::size_t len = cstr_len(execfn) + 1;
            auto* c = static_cast<char*>(__builtin_alloca(len));
            spec.execfn = Str(static_cast<const char*>(__builtin_memcpy(c, execfn, len)), len - 1);
        }
        if (inside(report.program)) {
            std::size_t len = cstr_len(report.program) + 1;
            auto* c = static_cast<char*>(__builtin_alloca(len));
            report.program = static_cast<const char*>(__builtin_memcpy(c, report.program, len));
        }
        char* to = tail - prefix_bytes;
        __builtin_memcpy(to, copy, prefix_bytes);
        __builtin_memset(region_lo, 0, static_cast<std::size_t>(to - region_lo));
        arg_start = reinterpret_cast<std::uint64_t>(to);
        for (unsigned i = 0; i < prefix.count; ++i) {
            argv[i] = to;
            to += cstr_len(to) + 1;
        }
    } else {
        // Elsewhere: all of them copied above the new stack, in order.
        std::size_t strings = 0;
        for (std::size_t i = 0; i < argc; ++i) strings += cstr_len(argv[i]) + 1;
        std::size_t strings_size = (strings + 16) & ~std::size_t{15};
        check_stack(size + strings_size, l.stack, report);
        auto* text = static_cast<char*>(__builtin_alloca(strings_size));
        char* w = text;
        for (std::size_t i = 0; i < argc; ++i) {
            std::size_t len = cstr_len(argv[i]) + 1;
            __builtin_memcpy(w, argv[i], len);
            argv[i] = w;
            w += len;
        }
        arg_start = reinterpret_cast<std::uint64_t>(text);
        arg_end = arg_start + strings;
    }
    auto* buf = static_cast<unsigned char*>(__builtin_alloca(size));
    StackLayout layout;
    if (!build_stack(spec, buf, size, reinterpret_cast<std::uint64_t>(buf), &layout))
        report.fail(status_cannot_run, "cannot build the initial stack");

    TrampolineParams tp{};
    fill_trampoline_params(l, spec, layout, {arg_start, arg_end}, &tp);
    // The built stack is complete here, in buf: --trace (and the tour's
    // stack picture) print it before the hand-over.
    if (report.trace) {
        trace_stack(*report.trace, spec, layout, buf, reinterpret_cast<std::uint64_t>(buf));
        trace_hand_over(*report.trace, l, tp);
        report.flush_trace();
    }
    if (l.dry_run) sys::exit_group(0);
    tp.code = make_trampoline(tp, report);
    ring3_jump(l.entry, layout.sp, &tp);
}

} // namespace ring3::load
