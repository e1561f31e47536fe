// The containers: <vector>, <array>, <deque>, <list>, <forward_list>,
// <map>, <set>, <unordered_map>, <unordered_set>, <queue>, <stack>,
// <bitset>, <span>. Iteration order of the unordered ones is the hash
// policy's: identical to glibc's only with the same library (docs/cxx.md).
#include "emit.hpp"
#include <array>
#include <bitset>
#include <deque>
#include <forward_list>
#include <list>
#include <map>
#include <queue>
#include <set>
#include <span>
#include <stack>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

template <class C>
void print(std::string_view label, const C& c) {
    out << label << " (" << static_cast<unsigned long>(std::distance(c.begin(), c.end())) << "):";
    for (const auto& v : c) out << ' ' << v;
    out << '\n';
}

int sum(std::span<const int> s) {
    int total = 0;
    for (int v : s) total += v;
    return total;
}

} // namespace

int main() {
    section("vector");
    std::vector<int> v;
    for (int i = 0; i < 20; ++i) v.push_back(i * i % 17);
    v.insert(v.begin() + 3, {100, 200});
    v.erase(v.begin() + 10, v.begin() + 12);
    print("v", v);
    out << v.front() << ' ' << v.back() << ' ' << v.at(5) << ' ' << v.capacity() << '\n';
    std::vector<std::string> names{"delta", "alpha", "charlie", "bravo"};
    names.emplace_back("echo");
    print("names", names);
    std::vector<bool> bits(70, false);
    bits[3] = bits[64] = true;
    out << bits.size() << ' ' << bits[3] << bits[4] << bits[64] << '\n';

    section("array and span");
    std::array<int, 5> a{5, 4, 3, 2, 1};
    print("a", a);
    out << sum(a) << ' ' << sum(std::span(v).subspan(2, 4)) << ' ' << sum(std::span(v).last(3))
        << '\n';

    section("deque");
    std::deque<int> d;
    for (int i = 0; i < 1000; ++i) (i % 2 ? d.push_back(i) : d.push_front(i));
    out << d.size() << ' ' << d.front() << ' ' << d.back() << ' ' << d[500] << '\n';
    while (d.size() > 5) d.pop_front();
    print("d", d);

    section("list and forward_list");
    std::list<int> l{5, 1, 4, 1, 5, 9, 2, 6};
    l.sort();
    l.unique();
    l.reverse();
    print("l", l);
    std::list<int> other{3, 3, 7};
    l.splice(std::next(l.begin()), other);
    print("l", l);
    std::forward_list<std::string> fl{"x", "y"};
    fl.push_front("w");
    fl.insert_after(fl.begin(), "v");
    print("fl", fl);

    section("map and set");
    std::map<std::string, int> m;
    for (const auto& n : names) m[n] = static_cast<int>(n.size());
    m.erase("charlie");
    m.insert({"aaa", 3});
    for (const auto& [k, val] : m) out << k << '=' << val << ' ';
    out << '\n';
    auto it = m.lower_bound("b");
    out << it->first << ' ' << m.count("echo") << ' ' << m.contains("zulu") << '\n';
    std::multimap<int, int> mm{{1, 1}, {1, 2}, {2, 3}};
    out << mm.count(1) << '\n';
    std::set<int> s{9, 3, 7, 3, 1};
    print("s", s);
    std::multiset<int> ms{1, 1, 2};
    out << ms.count(1) << '\n';

    section("unordered");
    std::unordered_map<std::string, int> um;
    for (int i = 0; i < 40; ++i) um["key" + std::to_string(i)] = i;
    um.erase("key7");
    out << um.size() << ' ' << um.bucket_count() << ' ' << um.at("key12") << '\n';
    for (const auto& [k, val] : um) out << k << ':' << val << ' ';
    out << '\n';
    std::unordered_set<int> us;
    for (int i = 0; i < 50; ++i) us.insert(i * 7919 % 1000);
    print("us", us);
    std::unordered_multimap<int, int> umm{{1, 1}, {1, 2}};
    out << umm.count(1) << '\n';

    section("adaptors");
    std::priority_queue<int> pq;
    for (int x : v) pq.push(x);
    while (!pq.empty()) {
        out << pq.top() << ' ';
        pq.pop();
    }
    out << '\n';
    std::queue<std::string> q;
    q.push("first");
    q.push("second");
    out << q.front() << ' ' << q.back() << '\n';
    std::stack<int> st;
    st.push(1);
    st.push(2);
    out << st.top() << ' ' << st.size() << '\n';

    section("bitset");
    std::bitset<100> b;
    b.set(3).set(64).set(99);
    out << b.count() << ' ' << b.test(64) << ' ' << (b << 1).count() << ' '
        << b.to_string().substr(0, 10) << '\n';
    std::bitset<16> small(0xBEEF);
    out << small.to_string() << ' ' << small.to_ulong() << ' ' << (~small).to_ulong() << '\n';
    out.flush();
    return 0;
}
