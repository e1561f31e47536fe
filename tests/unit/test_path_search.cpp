// PATH search (loader/src/path_search.cpp) against execvp(3)'s rules.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <ring3/loader/path_search.hpp>

using namespace ring3;
using namespace ring3::loader;

namespace {
std::vector<std::string> dirs_of(const char* path) {
    std::vector<std::string> out;
    PathDirs dirs(path);
    for (Str d; dirs.next(&d);) out.emplace_back(d.data(), d.size());
    return out;
}
} // namespace

TEST_CASE("PATH entries in order, an empty one is the current directory") {
    CHECK(dirs_of("/bin:/usr/bin") == std::vector<std::string>{"/bin", "/usr/bin"});
    CHECK(dirs_of(":/bin") == std::vector<std::string>{".", "/bin"});
    CHECK(dirs_of("/bin:") == std::vector<std::string>{"/bin", "."});
    CHECK(dirs_of("/a::/b") == std::vector<std::string>{"/a", ".", "/b"});
    CHECK(dirs_of("") == std::vector<std::string>{"."});
}

TEST_CASE("PATH unset: the default list") {
    CHECK(dirs_of(nullptr) == std::vector<std::string>{"/usr/local/bin", "/usr/bin", "/bin"});
}

TEST_CASE("join_path: dir/name, or false when it does not fit") {
    char buf[12];
    REQUIRE(join_path("/bin", "true", buf, sizeof buf));
    CHECK(std::string(buf) == "/bin/true");
    // 4 + 1 + 6 + NUL = 12 fits exactly; one byte more does not.
    CHECK(join_path("/bin", "truest", buf, sizeof buf));
    CHECK(std::string(buf) == "/bin/truest");
    CHECK_FALSE(join_path("/bin", "truesty", buf, sizeof buf));
}
