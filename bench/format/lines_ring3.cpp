// Counts the lines of a file and their bytes (newlines excluded) with
// InStream::read_line.
#include <ring3/stream.hpp>

using namespace ring3;

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    InStream in;
    if (auto r = in.open(argv[1]); !r) {
        io::warn() << argv[1] << ": " << r.message() << '\n';
        return 1;
    }
    std::uint64_t lines = 0, bytes = 0;
    Str line;
    while (in.read_line(line)) {
        ++lines;
        bytes += line.size();
    }
    if (!in.ok()) {
        io::warn() << argv[1] << ": " << errno_message(in.error()) << '\n';
        return 1;
    }
    io::out << lines << ' ' << bytes << '\n';
    return 0;
}
