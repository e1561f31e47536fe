// PATH search as execvp(3) does it, the pure part: walking the
// colon-separated list and joining a directory and a name.
#pragma once

#include <cstddef>
#include <ring3/str.hpp>

namespace ring3::loader {

// The directories of PATH in order; an empty entry (a leading, trailing
// or doubled colon) is the current directory, ".". PATH unset: confstr's
// _CS_PATH as glibc's execvp uses it, with /usr/local/bin first as in
// POSIX shells' defaults.
class PathDirs {
public:
    explicit PathDirs(const char* path) : dirs_(path ? Str(path) : default_path()) {}
    // The next directory, or false after the last.
    bool next(Str* dir);

private:
    static Str default_path() { return "/usr/local/bin:/usr/bin:/bin"; }
    Str dirs_;
    std::size_t pos_ = 0;
    bool done_ = false;
};

// dir + '/' + name + NUL into buf[0, size); false when that does not fit
// (the caller skips such a directory, as execvp does).
bool join_path(Str dir, Str name, char* buf, std::size_t size);

} // namespace ring3::loader
