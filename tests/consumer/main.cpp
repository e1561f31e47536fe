// An ordinary C++ program: main with argc/argv, a class hierarchy with
// virtual functions, a struct copy (memcpy) and zeroing (memset).
#include <ring3/fdio.hpp>

namespace {

struct Greeter {
    virtual ~Greeter() = default;
    virtual const char* greeting() const = 0;
};

struct Polite : Greeter {
    // GREET_LOUD: a user's flag (tests/e2e/user_flags.sh) that must arrive.
#ifdef GREET_LOUD
    const char* greeting() const override { return "HELLO, "; }
#else
    const char* greeting() const override { return "hello, "; }
#endif
};

struct Big {
    char bytes[256];
};

} // namespace

int main(int argc, char** argv) {
    Polite p;
    const Greeter& g = p;
    Big a{}, b{};
    a.bytes[7] = 'x';
    b = a;
    (void)ring3::write_all(1, g.greeting());
    (void)ring3::write_all(1, argc > 1 ? argv[1] : "nobody");
    (void)ring3::write_all(1, "\n");
    return b.bytes[7] == 'x' ? argc : 99;
}
