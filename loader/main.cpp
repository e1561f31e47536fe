// ring3-load [OPTION]... PROGRAM [ARG]...: run an x86_64 program (static,
// static-PIE or dynamically linked) or a #! script the way execve(2)
// would, from userland: validate it, map it (and its interpreter) into
// this process, build its initial stack below ring3-load's own frames,
// make the process look exec'd and jump to its entry point.
//
// main() below is the list of stages; stages.hpp says where each lives.
// Everything that decides something is a pure function of the loader
// library (loader/src: elf_validate, plan, stack, script, path_search,
// identity, trace), unit-tested hosted; the stages do the system calls.
// The hand-over: jump.asm jumps to a trampoline in a page of its own
// (trampoline.asm) that unmaps ring3-load, sets /proc/self/exe, cmdline,
// environ, auxv and the brk heap (prctl PR_SET_MM_MAP), resets the CPU
// state and jumps to the entry point.
//
// Exit statuses follow the shell: 127 not found, 126 cannot run, 125 a
// usage error of ring3-load itself; once the program runs, its own.
//
// Cost matters: through ring3-load a program should start nearly as fast
// as directly. On the machines measured (docs/BENCHMARKS.md) a system call
// costs ~0.5-6 us and each first touch of a page ~3 us, so ring3-load
// makes no system call it can do without.
#include "stages.hpp"
#include <ring3/elf.hpp>
#include <ring3/env.hpp>
#include <ring3/process.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;
using namespace ring3::load;

namespace {

// The --trace and --dry-run tables: a typical trace is one write(2).
char trace_buf[8192];

// 64 bits from the CPU's random number generator, when it has one that
// works: no system call.
__attribute__((target("rdrnd"))) bool random_bits(std::uint64_t* out) {
    // CPUID leaf 1, ECX bit 30: RDRAND (Intel SDM, vol. 2, CPUID).
    unsigned eax = 1, ebx, ecx = 0, edx;
    asm("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    if (!(ecx & (1u << 30))) return false;
    // The carry flag says whether a value was ready; some AMD parts
    // return all ones with the carry set once broken (after a resume).
    for (int tries = 0; tries < 10; ++tries) {
        unsigned long long v;
        if (__builtin_ia32_rdrand64_step(&v) && v != ~0ULL) {
            *out = v;
            return true;
        }
    }
    return false;
}

// The random bits a start needs: AT_RANDOM's 16 bytes for the program,
// and, unless the persona says ADDR_NO_RANDOMIZE (setarch -R; gdb sets it
// by default), fresh ones for a PIE base and the brk heap's offset.
Randomness draw_randomness() {
    Randomness r{};
    // The 16 bytes the kernel made for ring3-load, handed on unread
    // (ring3-load has no stack protector: nothing used them). Should the
    // kernel not pass them (before Linux 2.6.29), getrandom(2).
    if (auto* k =
            reinterpret_cast<const unsigned char*>(find_aux(process_info.auxv, elf::AT_RANDOM)))
        __builtin_memcpy(r.at_random, k, sizeof r.at_random);
    else
        (void)sys::getrandom(r.at_random, sizeof r.at_random, 0);
    auto persona = sys::get_personality();
    r.randomize = !persona || !(*persona & sys::ADDR_NO_RANDOMIZE);
    if (!r.randomize) return r;
    // The CPU's generator when it has one (no system call), else
    // getrandom(2), else (before Linux 3.17) the time stamp counter.
    if (random_bits(&r.base) && random_bits(&r.brk)) return r;
    std::uint64_t fresh[2];
    if (!sys::getrandom(fresh, sizeof fresh, 0)) {
        fresh[0] = __builtin_readcyclecounter();
        fresh[1] = fresh[0] * 0x9e3779b97f4a7c15ULL;
    }
    r.base = fresh[0];
    r.brk = fresh[1];
    return r;
}

} // namespace

int main(int argc, char** argv, char** envp) {
    const CommandLine opt = parse_options(argc, argv);
    // main never returns: the stream lives as long as ring3-load runs.
    OutStream trace(opt.dry_run ? 1 : 2, trace_buf, sizeof trace_buf);
    const Report report{argv[opt.program], opt.trace || opt.dry_run ? &trace : nullptr};
    const Sink sink = opt.dry_run ? dry_run_sink() : address_space_sink();

    Command cmd;
    resolve_command(argv[opt.program], opt.argv0 ? opt.argv0 : argv[opt.program], report, &cmd);
    const KernelStack stack = kernel_stack();
    const Randomness random = draw_randomness();
    const Mapped program = map_program(cmd.file, cmd.head, random, stack, sink, report);
    Plan interpreter{};
    if (program.interpreter) interpreter = map_interpreter(program.interpreter, sink, report);
    report.flush_trace();
    name_process(cmd.execfn);

    Launch l{};
    l.args_after = argv + opt.program + 1;
    l.args_after_count = static_cast<std::size_t>(argc - opt.program - 1);
    l.args_space = const_cast<const char**>(argv);
    l.args_space_count = static_cast<std::size_t>(opt.program) + 1;
    l.prefix = &cmd.prefix;
    l.own_args_lo = argv[0];
    l.own_args_contiguous = true;
    l.own_args_end = argv[0];
    for (int i = 0; i < argc; ++i) {
        l.own_args_contiguous = l.own_args_contiguous && argv[i] == l.own_args_end;
        l.own_args_end = argv[i] + cstr_len(argv[i]) + 1;
    }
    l.envp = envp;
    l.execfn = cmd.execfn;
    l.program = &program;
    l.entry = program.interpreter ? interpreter.entry : program.plan.entry;
    l.base = program.interpreter ? interpreter.bias : 0;
    l.brk = brk_start(program.plan.hi, program.pie && !program.interpreter, random.randomize,
                      random.brk);
    l.random = random.at_random;
    l.exe_fd = cmd.file.fd;
    l.stack = stack;
    l.dry_run = opt.dry_run;
    launch(l, report);
}
