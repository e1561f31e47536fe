// ring3's streams print std::string and std::string_view directly, with
// and without formatting options (tests/e2e/streams_std_strings.sh).
#include <ring3/stream.hpp>
#include <string>
#include <string_view>

using namespace ring3;

int main(int argc, char** argv) {
    std::string name = "ring3";
    std::string_view view = "a view, not a copy";
    std::string with_nul("nul\0inside", 10);
    std::string built;
    for (int i = 1; i < argc; ++i) {
        built += argv[i];
        built += '+';
    }
    io::out << name << ' ' << view << '\n';
    io::out << '[' << fmt(name).width(9).right() << "] [" << fmt(view.substr(2, 4)).width(8).left()
            << "]\n";
    io::out << with_nul << '|' << with_nul.size() << '\n';
    io::out << std::string() << std::string_view() << "empty both\n";
    io::out << built << '\n';
    io::err << "err: " << name << '\n';
    return 0;
}
