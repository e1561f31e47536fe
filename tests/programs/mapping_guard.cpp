// mapping_guard MODE FILE: ring3::MappingGuard checked from outside
// (tests/e2e/fault_mapping.sh). FILE (at least 3 pages) is mapped, then
// truncated to 5000 bytes by this very process, then read whole:
//   guarded  the guard covers the mapping: the first 5000 bytes are
//            FILE's, everything from the page after is zero, lost() says so
//   intact   the same without truncating: every byte FILE's, nothing lost
//   outside  the guard covers another range: SIGBUS ends the program
//   none     no guard: SIGBUS ends the program (the fault is real)
#include <new>
#include <ring3/mapping_guard.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

constexpr std::size_t keep = 5000;
alignas(4096) unsigned char copy[1 << 20];

int run(Str mode, const char* path) {
    auto fd = sys::open(path, sys::O_RDWR | sys::O_CLOEXEC);
    sys::Stat st;
    if (!fd || !sys::fstat(*fd, &st)) return 10;
    auto size = static_cast<std::size_t>(st.st_size);
    if (size < 3 * 4096 || size > sizeof copy) return 11;
    if (!sys::pread(*fd, copy, size, 0)) return 12;
    auto map = sys::mmap(nullptr, size, sys::PROT_READ, sys::MAP_PRIVATE, *fd, 0);
    if (!map) return 13;
    auto* bytes = static_cast<const volatile unsigned char*>(*map);
    auto other =
        sys::mmap(nullptr, 4096, sys::PROT_READ, sys::MAP_PRIVATE | sys::MAP_ANONYMOUS, -1, 0);
    if (!other) return 14;

    bool guarded = mode == "guarded" || mode == "intact";
    // A guard object exists in every mode but "none", which installs no
    // handler at all.
    alignas(MappingGuard) unsigned char storage[sizeof(MappingGuard)];
    MappingGuard* guard = nullptr;
    if (mode != "none")
        guard = new (storage)
            MappingGuard(mode == "outside" ? *other : *map, mode == "outside" ? 4096 : size);
    if (mode != "intact" && !sys::ftruncate(*fd, keep)) return 15;

    std::size_t same = 0, zero_after = 0, differ = 0;
    std::size_t kept_end = (keep + 4095) / 4096 * 4096;
    for (std::size_t i = 0; i < size; ++i) {
        unsigned char b = bytes[i];
        if (mode == "intact" || i < keep) {
            b == copy[i] ? ++same : ++differ;
        } else if (i >= kept_end) {
            zero_after += b == 0;
            differ += b != 0;
        }
    }
    io::out << "guarded " << guarded << "\nlost " << (guard && guard->lost()) << "\nfile bytes "
            << same << "\nzero bytes " << zero_after << "\nwrong bytes " << differ << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    return run(argv[1], argv[2]);
}
