// PATH search (path_search.hpp).
#include <ring3/loader/path_search.hpp>

namespace ring3::loader {

bool PathDirs::next(Str* dir) {
    if (done_) return false;
    std::size_t colon = dirs_.find(':', pos_);
    if (colon == Str::npos) {
        colon = dirs_.size();
        done_ = true;
    }
    *dir = dirs_.substr(pos_, colon - pos_);
    if (dir->empty()) *dir = ".";
    pos_ = colon + 1;
    return true;
}

bool join_path(Str dir, Str name, char* buf, std::size_t size) {
    if (dir.size() + 1 + name.size() + 1 > size) return false;
    std::size_t k = 0;
    for (char c : dir) buf[k++] = c;
    buf[k++] = '/';
    for (char c : name) buf[k++] = c;
    buf[k] = 0;
    return true;
}

} // namespace ring3::loader
