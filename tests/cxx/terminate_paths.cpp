// Where the library throws, with exceptions off (ring3's default): the
// program must end as a glibc program ends when the exception is not
// caught, byte for byte on stderr, by SIGABRT. Usage: terminate_paths CASE.
// The glibc reference is this file built by g++ with exceptions (its
// default), the way a C++ programmer's code is built.
#include <bitset>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <variant>
#include <vector>

namespace {

volatile std::size_t huge = std::size_t{1} << 62;
char* volatile sink = nullptr;

int run(const char* what) {
    std::vector<int> v{1, 2, 3};
    std::string s = "abc";
    auto is = [&](const char* name) { return std::strcmp(what, name) == 0; };
    if (is("vector_at")) return v.at(7);
    if (is("string_at")) return s.at(9);
    if (is("substr")) return static_cast<int>(s.substr(5).size());
    if (is("string_insert")) return static_cast<int>(s.insert(8, "x").size());
    if (is("stoi_invalid")) return std::stoi("x");
    if (is("stoi_range")) return std::stoi("99999999999");
    if (is("stod_invalid")) return static_cast<int>(std::stod("?"));
    if (is("map_at")) return std::map<int, int>{}.at(1);
    if (is("variant")) {
        std::variant<int, double> var = 1.5;
        return std::get<int>(var);
    }
    if (is("optional")) return std::optional<int>{}.value();
    if (is("weak_ptr")) {
        std::weak_ptr<int> w;
        std::shared_ptr<int> p(w);
        return *p;
    }
    if (is("function")) return std::function<int()>{}();
    if (is("length_error")) {
        v.reserve(v.max_size() + 1);
        return 0;
    }
    if (is("bad_alloc")) {
        // Stored where the compiler must keep it: an allocation nobody
        // looks at may be left out altogether.
        sink = new char[huge];
        return sink[0];
    }
    if (is("bitset")) return static_cast<int>(std::bitset<80>().set(70).to_ulong());
    if (is("random_device")) return static_cast<int>(std::random_device("no-such-source")());
    if (is("terminate")) std::terminate();
    return 1;
}

} // namespace

int main(int argc, char** argv) { return argc > 1 ? run(argv[1]) : 1; }
