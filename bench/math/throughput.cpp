// Throughput of ring3's math functions against glibc's libm in one
// process: each function over the same 4096 inputs, ring3 and glibc in a
// new random order every round; prints ns per call, medians over the
// rounds (thread CPU time), and the ratio ring3 / glibc (below 1: ring3 is faster).
// Built and run by bench/math.sh.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

#include <ring3/math.hpp>

namespace {

constexpr int n_inputs = 4096;
volatile double sink;

template <typename F>
double ns_per_call(F f, const std::vector<double>& xs, const std::vector<double>& ys) {
    // The thread's CPU time, not wall time: on a shared machine a
    // descheduled stretch would land on whichever function was running.
    timespec t0{}, t1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    double sum = 0;
    constexpr int reps = 20;
    for (int r = 0; r < reps; ++r)
        for (int i = 0; i < n_inputs; ++i) sum += f(xs[i], ys[i]);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    sink = sum;
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    return ns / (reps * n_inputs);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Case {
    const char* name;
    double (*ring3)(double, double);
    double (*glibc)(double, double);
    double lo1, hi1, lo2, hi2;
};

} // namespace

int main() {
    int rounds = std::getenv("ROUNDS") ? std::atoi(std::getenv("ROUNDS")) : 21;
    const Case cases[] = {
        {"sqrt", [](double x, double) { return ring3::math::sqrt(x); },
         [](double x, double) { return ::sqrt(x); }, 0, 1e6, 0, 0},
        {"exp", [](double x, double) { return ring3::math::exp(x); },
         [](double x, double) { return ::exp(x); }, -20, 20, 0, 0},
        {"log", [](double x, double) { return ring3::math::log(x); },
         [](double x, double) { return ::log(x); }, 1e-3, 1e3, 0, 0},
        {"pow", [](double x, double y) { return ring3::math::pow(x, y); },
         [](double x, double y) { return ::pow(x, y); }, 0.1, 10, -10, 10},
        {"sin", [](double x, double) { return ring3::math::sin(x); },
         [](double x, double) { return ::sin(x); }, -10, 10, 0, 0},
        {"cos", [](double x, double) { return ring3::math::cos(x); },
         [](double x, double) { return ::cos(x); }, -10, 10, 0, 0},
        {"atan2", [](double y, double x) { return ring3::math::atan2(y, x); },
         [](double y, double x) { return ::atan2(y, x); }, -10, 10, -10, 10},
        {"floor", [](double x, double) { return ring3::math::floor(x); },
         [](double x, double) { return ::floor(x); }, -1e6, 1e6, 0, 0},
        {"fmod", [](double x, double y) { return ring3::math::fmod(x, y); },
         [](double x, double y) { return ::fmod(x, y); }, -1e6, 1e6, 0.5, 100},
        {"sinf", [](double x, double) { return double(ring3::math::sinf(float(x))); },
         [](double x, double) { return double(::sinf(float(x))); }, -10, 10, 0, 0},
        {"expf", [](double x, double) { return double(ring3::math::expf(float(x))); },
         [](double x, double) { return double(::expf(float(x))); }, -20, 20, 0, 0},
    };
    std::mt19937_64 rng(42);
    std::printf("%-6s %10s %10s %8s   (ns per call, medians of %d rounds)\n", "", "ring3", "glibc",
                "ratio", rounds);
    for (const Case& c : cases) {
        std::uniform_real_distribution<double> d1(c.lo1, c.hi1), d2(c.lo2, c.hi2);
        std::vector<double> xs(n_inputs), ys(n_inputs);
        for (int i = 0; i < n_inputs; ++i) {
            xs[i] = d1(rng);
            ys[i] = d2(rng);
        }
        std::vector<double> ours, theirs;
        for (int r = 0; r < rounds; ++r) {
            if (rng() & 1) {
                ours.push_back(ns_per_call(c.ring3, xs, ys));
                theirs.push_back(ns_per_call(c.glibc, xs, ys));
            } else {
                theirs.push_back(ns_per_call(c.glibc, xs, ys));
                ours.push_back(ns_per_call(c.ring3, xs, ys));
            }
        }
        double a = median(ours), b = median(theirs);
        std::printf("%-6s %10.2f %10.2f %8.2f\n", c.name, a, b, a / b);
    }
}
