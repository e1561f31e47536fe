// A failed RING3_CHECK and a direct panic: `program: file:line: message`
// on stderr, then death by SIGABRT. (tests/e2e/panic.sh)
#include <ring3/panic.hpp>

int main(int argc, char** argv) {
    if (argc > 1 && argv[1][0] == 'p') ring3::panic("the impossible happened");
    RING3_CHECK(argc > 5);
    return 0;
}
