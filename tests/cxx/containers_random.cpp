// Randomized differential test of the containers: long seeded sequences
// of random operations on vector, deque, list, map, unordered_map, set,
// multimap and priority_queue, each container's state folded into a
// digest after every step. Built with ring3 and with g++ and glibc, the
// digests must match: the same library code must make the same choices
// (tree shapes, hash buckets, growth) on ring3's allocator and C
// functions. Usage: containers_random SEED STEPS.
#include "emit.hpp"
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <list>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

std::uint64_t digest = 1469598103934665603ULL;

void mix(std::uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    digest = fnv1a(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)), digest);
}
void mix(std::string_view s) { digest = fnv1a(s, digest); }

std::string random_key(std::mt19937_64& g) {
    std::string s(1 + g() % 12, 'a');
    for (char& c : s) c = static_cast<char>('a' + g() % 6);
    return s;
}

} // namespace

int main(int argc, char** argv) {
    unsigned long seed = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1;
    long steps = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20000;
    std::mt19937_64 g(seed);
    std::vector<std::string> vec;
    std::deque<int> deq;
    std::list<int> lst;
    std::map<std::string, long> tree;
    std::unordered_map<std::string, long> hash;
    std::set<long> numbers;
    std::multimap<int, std::string> multi;
    std::priority_queue<long> heap;
    for (long step = 0; step < steps; ++step) {
        unsigned op = static_cast<unsigned>(g() % 20);
        std::string key = random_key(g);
        long value = static_cast<long>(g() % 100000) - 50000;
        switch (op) {
        case 0:
            vec.push_back(key);
            break;
        case 1:
            if (!vec.empty()) vec.erase(vec.begin() + static_cast<long>(g() % vec.size()));
            break;
        case 2:
            vec.insert(vec.begin() + static_cast<long>(vec.empty() ? 0 : g() % vec.size()), key);
            break;
        case 3:
            if (g() % 50 == 0) std::sort(vec.begin(), vec.end());
            break;
        case 4:
            (value & 1 ? deq.push_back(static_cast<int>(value))
                       : deq.push_front(static_cast<int>(value)));
            break;
        case 5:
            if (!deq.empty()) (value & 1 ? deq.pop_back() : deq.pop_front());
            break;
        case 6: {
            auto it = lst.begin();
            std::advance(it, static_cast<long>(lst.empty() ? 0 : g() % (lst.size() + 1)));
            lst.insert(it, static_cast<int>(value));
            break;
        }
        case 7:
            if (!lst.empty()) lst.remove(lst.front());
            break;
        case 8:
            tree[key] += value;
            break;
        case 9:
            tree.erase(key);
            break;
        case 10: {
            auto it = tree.lower_bound(key);
            mix(it == tree.end() ? std::string_view("end") : std::string_view(it->first));
            break;
        }
        case 11:
            hash[key] = value;
            break;
        case 12:
            hash.erase(key);
            break;
        case 13:
            mix(hash.count(key));
            if (g() % 100 == 0) hash.rehash(g() % 300);
            break;
        case 14:
            numbers.insert(value);
            break;
        case 15:
            numbers.erase(numbers.lower_bound(value), numbers.upper_bound(value + 500));
            break;
        case 16:
            multi.emplace(static_cast<int>(value % 100), key);
            break;
        case 17:
            multi.erase(static_cast<int>(value % 100));
            break;
        case 18:
            heap.push(value);
            break;
        case 19:
            if (!heap.empty()) {
                mix(static_cast<std::uint64_t>(heap.top()));
                heap.pop();
            }
            break;
        default:
            break;
        }
        mix(op);
        mix(vec.size() + deq.size() * 3 + lst.size() * 5 + tree.size() * 7 + hash.size() * 11 +
            numbers.size() * 13 + multi.size() * 17 + heap.size() * 19);
        if (step % 1000 == 999) {
            // The whole state, in each container's own iteration order
            // (for unordered_map: its buckets').
            for (const auto& s : vec) mix(s);
            for (int v : deq) mix(static_cast<std::uint64_t>(v));
            for (int v : lst) mix(static_cast<std::uint64_t>(v));
            for (const auto& [k, v] : tree) {
                mix(k);
                mix(static_cast<std::uint64_t>(v));
            }
            for (const auto& [k, v] : hash) {
                mix(k);
                mix(static_cast<std::uint64_t>(v));
            }
            mix(hash.bucket_count());
            for (long v : numbers) mix(static_cast<std::uint64_t>(v));
            for (const auto& [k, v] : multi) mix(v);
            out << "step " << step + 1 << " digest " << digest << '\n';
        }
    }
    out << "final " << digest << " sizes " << vec.size() << ' ' << deq.size() << ' ' << lst.size()
        << ' ' << tree.size() << ' ' << hash.size() << ' ' << numbers.size() << ' ' << multi.size()
        << ' ' << heap.size() << '\n';
    out.flush();
    return 0;
}
