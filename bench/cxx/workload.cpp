// The C++ standard library benchmark's workload (bench/cxx.sh): what a
// container-heavy tool does, phase by phase: strings, map, unordered_map,
// sorting a vector<string>, shared_ptr, function, priority_queue. The same
// source is built with ring3 and against glibc (and musl); each phase
// prints its CPU time (CLOCK_PROCESS_CPUTIME_ID: on a shared machine, wall
// time mostly measures the neighbours) and a checksum, and the checksums
// must agree.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#if __has_include(<ring3/fdio.hpp>)
#include <ring3/fdio.hpp>
static void write_out(std::string_view s) { (void)ring3::write_all(1, s.data(), s.size()); }
#else
#include <unistd.h>
static void write_out(std::string_view s) {
    while (!s.empty()) {
        ssize_t n = ::write(1, s.data(), s.size());
        if (n <= 0) return;
        s.remove_prefix(static_cast<std::size_t>(n));
    }
}
#endif

namespace {

// A deterministic word generator (xorshift): the same words everywhere.
struct Words {
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    std::uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    std::string word() {
        std::uint64_t r = next();
        std::string w(3 + r % 10, 'a');
        for (char& c : w) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            c = static_cast<char>('a' + (r >> 59) % 16);
        }
        return w;
    }
};

std::uint64_t phase_strings(Words& g) {
    std::uint64_t sum = 0;
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        for (int i = 0; i < 100; ++i) {
            text += g.word();
            text += ' ';
        }
        std::size_t pos = 0;
        while ((pos = text.find("ab", pos)) != std::string::npos) {
            ++sum;
            pos += 2;
        }
        std::string upper = text.substr(text.size() / 3, 200);
        for (char& c : upper) c = static_cast<char>(c == ' ' ? '_' : c - 32);
        sum += upper.size() + static_cast<std::uint64_t>(text.compare(upper) < 0);
        std::string number = std::to_string(round * 7919);
        sum += number.size();
    }
    return sum;
}

std::uint64_t phase_map(Words& g) {
    std::map<std::string, int> m;
    std::uint64_t sum = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string w = g.word();
        if (i % 3 == 2)
            m.erase(w);
        else
            m[std::move(w)] += i;
    }
    for (const auto& [k, v] : m) sum += k.size() + static_cast<std::uint64_t>(v);
    return sum + m.size();
}

std::uint64_t phase_unordered_map(Words& g) {
    std::unordered_map<std::string, int> counts;
    std::uint64_t sum = 0;
    for (int i = 0; i < 400000; ++i) ++counts[g.word()];
    for (int i = 0; i < 200000; ++i) {
        auto it = counts.find(g.word());
        if (it != counts.end()) sum += static_cast<std::uint64_t>(it->second);
    }
    return sum + counts.size();
}

std::uint64_t phase_sort(Words& g) {
    std::vector<std::string> v;
    for (int i = 0; i < 300000; ++i) v.push_back(g.word());
    std::sort(v.begin(), v.end());
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < v.size(); i += 1000) sum += v[i][0] + v[i].size();
    return sum;
}

struct Node {
    std::uint64_t value;
    std::shared_ptr<Node> next;
};

std::uint64_t phase_shared_ptr() {
    std::uint64_t sum = 0;
    for (int round = 0; round < 50; ++round) {
        std::shared_ptr<Node> head;
        for (int i = 0; i < 10000; ++i)
            head = std::make_shared<Node>(Node{static_cast<std::uint64_t>(i), head});
        std::vector<std::shared_ptr<Node>> copies;
        for (auto p = head; p; p = p->next)
            if (p->value % 4 == 0) copies.push_back(p);
        for (const auto& c : copies) sum += c->value + static_cast<std::uint64_t>(c.use_count());
        // Unlink iteratively: a 10000-deep recursive destructor is not the point.
        while (head) head = std::move(head->next);
    }
    return sum;
}

std::uint64_t phase_function() {
    std::vector<std::function<std::uint64_t(std::uint64_t)>> fs;
    for (std::uint64_t k = 0; k < 64; ++k) {
        if (k % 3 == 0)
            fs.emplace_back([k](std::uint64_t x) { return x * k + 1; });
        else if (k % 3 == 1)
            fs.emplace_back(
                [k, s = std::string(20 + k, 'x')](std::uint64_t x) { return x ^ (s.size() + k); });
        else
            fs.emplace_back(std::bind_front(std::plus<std::uint64_t>(), k));
    }
    std::uint64_t acc = 1;
    for (int round = 0; round < 40000; ++round) {
        for (auto& f : fs) acc = f(acc) & 0xFFFFFFFFFFFFULL;
        if (round % 100 == 0) {
            auto copy = fs;
            acc += copy[static_cast<std::size_t>(round) % copy.size()](acc) & 0xFF;
        }
    }
    return acc;
}

std::uint64_t phase_priority_queue(Words& g) {
    std::priority_queue<std::uint64_t> q;
    std::priority_queue<std::pair<int, std::string>> tasks;
    std::uint64_t sum = 0;
    for (int i = 0; i < 600000; ++i) {
        q.push(g.next() % 1000000);
        if (i % 3 == 0) {
            sum += q.top();
            q.pop();
        }
    }
    for (int i = 0; i < 50000; ++i) {
        // Two statements: the order of a call's arguments is unspecified.
        int priority = static_cast<int>(g.next() % 100);
        tasks.emplace(priority, g.word());
        if (i % 2 == 0) {
            sum += tasks.top().second.size();
            tasks.pop();
        }
    }
    return sum + q.size();
}

} // namespace

int main() {
    Words g;
    std::string report;
    auto cpu_us = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<long long>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    };
    auto run = [&](std::string_view name, auto&& phase) {
        long long t0 = cpu_us();
        std::uint64_t checksum = phase();
        long long us = cpu_us() - t0;
        char buf[64];
        report += name;
        report += ' ';
        report.append(buf,
                      static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, us).ptr - buf));
        report += " us  checksum ";
        report.append(buf, static_cast<std::size_t>(
                               std::to_chars(buf, buf + sizeof buf, checksum).ptr - buf));
        report += '\n';
    };
    run("strings", [&] { return phase_strings(g); });
    run("map", [&] { return phase_map(g); });
    run("unordered_map", [&] { return phase_unordered_map(g); });
    run("sort", [&] { return phase_sort(g); });
    run("shared_ptr", [] { return phase_shared_ptr(); });
    run("function", [] { return phase_function(); });
    run("priority_queue", [&] { return phase_priority_queue(g); });
    write_out(report);
    return 0;
}
