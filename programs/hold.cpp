// hold VALUE [FILE...]: a process to look at from outside (docs/tour.md,
// "File descriptors" and "Separate address spaces").
//
// It keeps VALUE in a global variable, opens each FILE, says where the
// variable is and which descriptor each FILE got, then waits until its
// standard input ends, and says what the variable holds then. It never
// closes the files: the kernel closes every descriptor a process still
// has when it ends (exit_group -> do_exit -> exit_files).
//
// hold --peek ADDRESS reads the byte at ADDRESS. When nothing is mapped
// there the CPU faults, the kernel finds no mapping for the address
// (arch/x86/mm/fault.c, bad_area) and sends SIGSEGV: the process ends,
// status 128 + 11 = 139 in the shell.
#include <ring3/format.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

// One variable at one address, the same in every process running hold
// (a static program is linked to run at fixed addresses).
volatile long value;

int usage() {
    io::warn() << "usage: hold VALUE [FILE...] | hold --peek ADDRESS\n";
    return 2;
}

int peek(Str text) {
    if (text.starts_with("0x")) text = text.substr(2);
    auto address = parse_int<std::uint64_t>(text, 16);
    if (!address) {
        io::warn() << text << ": not a hexadecimal address\n";
        return 2;
    }
    io::out << "reading the byte at " << hex(*address).prefix() << '\n';
    (void)io::out.flush();
    auto byte = *reinterpret_cast<volatile unsigned char*>(*address);
    io::out << "it holds " << static_cast<unsigned>(byte) << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    if (Str(argv[1]) == "--peek") return argc == 3 ? peek(argv[2]) : usage();
    auto v = parse_int<long>(argv[1]);
    if (!v) {
        io::warn() << argv[1] << ": not a number\n";
        return 2;
    }
    value = *v;
    int pid = sys::getpid();
    auto at = hex(reinterpret_cast<std::uintptr_t>(&value)).prefix();
    io::out << "hold " << pid << ": value = " << value << " at " << at << '\n';
    for (int i = 2; i < argc; ++i) {
        auto fd = sys::open(argv[i], sys::O_RDONLY);
        if (!fd) {
            io::warn() << argv[i] << ": " << errno_message(fd.error()) << '\n';
            return 1;
        }
        io::out << "hold " << pid << ": " << argv[i] << " is file descriptor " << *fd << '\n';
    }
    // Said before waiting, so that whoever reads it knows hold is ready.
    (void)io::out.flush();
    char sink[256];
    for (;;) {
        auto n = sys::read(0, sink, sizeof sink);
        if (!n && n.error() == err::INTR) continue;
        if (!n || *n == 0) break;
    }
    io::out << "hold " << pid << ": value = " << value << " at " << at << ", still\n";
    return 0;
}
