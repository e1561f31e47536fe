// <algorithm>, <numeric>, <iterator>, <ranges>. The range adaptors
// (std::views) of libstdc++ 12 do not compile with clang 14, hosted or not
// (docs/cxx.md); the std::ranges algorithms do, and are tested here.
#include "emit.hpp"
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

namespace {

template <class R>
void print(std::string_view label, R&& r) {
    out << label << ':';
    for (const auto& v : r) out << ' ' << v;
    out << '\n';
}

} // namespace

int main() {
    section("algorithm");
    std::vector<int> v(30);
    std::iota(v.begin(), v.end(), -10);
    std::vector<int> w;
    std::transform(v.begin(), v.end(), std::back_inserter(w),
                   [](int x) { return (x * 37 + 11) % 23; });
    print("w", w);
    auto sorted = w;
    std::sort(sorted.begin(), sorted.end());
    print("sorted", sorted);
    std::stable_sort(w.begin(), w.end(), [](int a, int b) { return a % 5 < b % 5; });
    print("stable", w);
    out << std::count(w.begin(), w.end(), 3) << ' ' << *std::max_element(w.begin(), w.end()) << ' '
        << *std::min_element(w.begin(), w.end()) << ' '
        << std::binary_search(sorted.begin(), sorted.end(), 17) << ' '
        << (std::lower_bound(sorted.begin(), sorted.end(), 10) - sorted.begin()) << '\n';
    auto last = std::unique(sorted.begin(), sorted.end());
    sorted.erase(last, sorted.end());
    print("unique", sorted);
    std::vector<int> perm{1, 2, 3};
    do print("perm", perm);
    while (std::next_permutation(perm.begin(), perm.end()));
    std::vector<int> part = w;
    std::nth_element(part.begin(), part.begin() + 10, part.end());
    out << "nth " << part[10] << '\n';
    std::partial_sort(part.begin(), part.begin() + 5, part.end());
    print("partial", std::vector<int>(part.begin(), part.begin() + 5));
    std::vector<std::string> words{"pear", "apple", "fig", "banana", "kiwi", "apple"};
    std::sort(words.begin(), words.end());
    print("words", words);
    std::rotate(words.begin(), words.begin() + 2, words.end());
    print("rotated", words);
    std::reverse(words.begin(), words.end());
    print("reversed", words);
    std::vector<int> merged;
    std::vector<int> a{1, 4, 9}, b{2, 3, 10};
    std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
    print("merged", merged);
    std::make_heap(w.begin(), w.end());
    out << "heap top " << w.front() << ' ' << std::is_heap(w.begin(), w.end()) << '\n';
    out << std::all_of(v.begin(), v.end(), [](int x) { return x > -20; }) << ' '
        << std::any_of(v.begin(), v.end(), [](int x) { return x == 5; }) << '\n';
    std::string text = "Mixed Case Text";
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return c == ' ' ? '_' : c ^ 0x20; });
    out << text << ' ' << std::clamp(15, 0, 10) << '\n';

    section("numeric");
    out << std::accumulate(v.begin(), v.end(), 0) << ' '
        << std::accumulate(
               v.begin(), v.end(), std::uint64_t{1},
               [](std::uint64_t p, int x) { return p * static_cast<std::uint64_t>(x % 7 + 8); })
        << ' ' << std::inner_product(a.begin(), a.end(), b.begin(), 0) << ' ' << std::gcd(84, 36)
        << ' ' << std::lcm(4, 6) << ' ' << std::midpoint(1, 10) << '\n';
    std::vector<int> sums;
    std::partial_sum(a.begin(), a.end(), std::back_inserter(sums));
    print("partial_sum", sums);
    std::vector<int> diffs(merged.size());
    std::adjacent_difference(merged.begin(), merged.end(), diffs.begin());
    print("adjacent_difference", diffs);
    out << std::reduce(v.begin(), v.end()) << ' '
        << std::transform_reduce(a.begin(), a.end(), b.begin(), 0) << '\n';

    section("ranges");
    std::vector<int> r{5, 3, 8, 1};
    std::ranges::sort(r);
    print("ranges::sort", r);
    out << std::ranges::find(r, 8) - r.begin() << ' '
        << std::ranges::count_if(v, [](int x) { return x > 0; }) << ' '
        << *std::ranges::max_element(r) << '\n';
    std::vector<std::pair<int, int>> pairs{{3, 4}, {1, 2}};
    std::ranges::sort(pairs, {}, &std::pair<int, int>::second);
    out << pairs[0].first << ' ' << std::ranges::equal(r, std::vector<int>{1, 3, 5, 8}) << ' '
        << std::ranges::distance(r.begin(), r.end()) << '\n';
    std::vector<int> copied(4);
    std::ranges::copy(r, copied.rbegin());
    print("ranges::copy", copied);
    out.flush();
    return 0;
}
