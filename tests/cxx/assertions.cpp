// The library's assertion mode (-D_GLIBCXX_ASSERTIONS) and C's assert():
// a failed check prints file, line, function and condition on stderr and
// ends by SIGABRT. Compared with the same file built by clang++ against
// glibc (the function's name is spelled by the compiler, so the reference
// uses the same compiler). Usage: assertions CASE.
#include <cassert>
#include <cstring>
#include <span>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<int> v{1, 2, 3};
    std::string s = "abc";
    const char* what = argc > 1 ? argv[1] : "";
    if (std::strcmp(what, "vector_index") == 0) return v[static_cast<std::size_t>(argc) + 5];
    if (std::strcmp(what, "string_index") == 0) return s[static_cast<std::size_t>(argc) + 5];
    if (std::strcmp(what, "front_of_empty") == 0) {
        v.clear();
        return v.front();
    }
    if (std::strcmp(what, "span_index") == 0)
        return std::span<int>(v)[static_cast<std::size_t>(argc) + 5];
    if (std::strcmp(what, "c_assert") == 0) assert(argc == 1 && "one argument");
    return 0;
}
