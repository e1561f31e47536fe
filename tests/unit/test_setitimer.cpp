// sys::setitimer (the EINTR shim's timer, tests/fault/eintr_shim.cpp):
// the structure layout the kernel reads, checked against what it gives
// back, and SIGALRM really arriving.
#include <doctest/doctest.h>
#include <ring3/syscalls.hpp>

#include <csignal>
#include <ctime>
#include <sys/time.h>

using namespace ring3;

namespace {
volatile sig_atomic_t alarms = 0;
void on_alarm(int) { alarms = alarms + 1; }
} // namespace

TEST_CASE("setitimer: the kernel reads and returns the same layout as libc's") {
    static_assert(sizeof(sys::ItimerVal) == sizeof(itimerval));
    sys::ItimerVal t{{0, 0}, {30, 250000}};
    REQUIRE(sys::setitimer(sys::ITIMER_VIRTUAL, &t).ok());
    sys::ItimerVal old{};
    sys::ItimerVal off{};
    REQUIRE(sys::setitimer(sys::ITIMER_VIRTUAL, &off, &old).ok());
    // Some CPU time went by: a little less than what was set remains.
    CHECK(old.it_value.tv_sec >= 29);
    CHECK(old.it_value.tv_sec <= 30);
    CHECK(old.it_value.tv_usec >= 0);
    CHECK(old.it_value.tv_usec < 1000000);
    CHECK(old.it_interval.tv_sec == 0);
    CHECK(old.it_interval.tv_usec == 0);
    // libc's view of the same timer, now off.
    itimerval now{};
    REQUIRE(getitimer(ITIMER_VIRTUAL, &now) == 0);
    CHECK(now.it_value.tv_sec == 0);
    CHECK(now.it_value.tv_usec == 0);
}

TEST_CASE("setitimer: ITIMER_REAL sends SIGALRM, again and again") {
    struct sigaction sa {};
    sa.sa_handler = on_alarm;
    REQUIRE(sigaction(SIGALRM, &sa, nullptr) == 0);
    sys::ItimerVal t{{0, 1000}, {0, 1000}};
    REQUIRE(sys::setitimer(sys::ITIMER_REAL, &t).ok());
    // At most a second: a timer that never fires fails here, not at
    // ctest's timeout.
    timespec start{}, now{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    do clock_gettime(CLOCK_MONOTONIC, &now);
    while (alarms < 3 && now.tv_sec - start.tv_sec < 2);
    sys::ItimerVal off{};
    REQUIRE(sys::setitimer(sys::ITIMER_REAL, &off).ok());
    signal(SIGALRM, SIG_DFL);
    CHECK(alarms >= 3);
}

TEST_CASE("setitimer: a bad timer is EINVAL") {
    sys::ItimerVal t{{0, 0}, {0, 2000000}}; // tv_usec out of range
    auto r = sys::setitimer(sys::ITIMER_REAL, &t);
    CHECK_FALSE(r.ok());
    CHECK(r.error() == err::INVAL);
}
