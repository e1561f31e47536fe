// #! parsing (loader/src/script.cpp) against the rules of fs/binfmt_script.c.
#include <doctest/doctest.h>

#include <string>

#include <ring3/loader/script.hpp>

using namespace ring3;
using namespace ring3::loader;

namespace {

struct Parsed {
    bool ok;
    std::string interpreter, argument;
};

Parsed parse(const std::string& text) {
    Shebang s;
    bool ok = parse_shebang(Bytes(text.data(), text.size()), &s);
    if (!ok) return {false, {}, {}};
    return {true, std::string(s.interpreter.data(), s.interpreter.size()),
            std::string(s.argument.data(), s.argument.size())};
}

} // namespace

TEST_CASE("#! lines the kernel accepts") {
    struct Case {
        std::string text, interpreter, argument;
    } cases[] = {
        {"#!/bin/sh\necho hi\n", "/bin/sh", ""},
        {"#! /bin/sh\n", "/bin/sh", ""},
        {"#!\t /bin/sh \t\n", "/bin/sh", ""},
        {"#!/bin/sh -e\n", "/bin/sh", "-e"},
        {"#!/usr/bin/env python3\n", "/usr/bin/env", "python3"},
        // One argument, inner spaces kept.
        {"#!/bin/sh -e -x\n", "/bin/sh", "-e -x"},
        {"#!/bin/sh   -e  -x \t \n", "/bin/sh", "-e  -x"},
        // No newline at all in a short file.
        {"#!/bin/sh", "/bin/sh", ""},
        {"#!/bin/sh -x", "/bin/sh", "-x"},
        // A NUL ends the path (no argument) or the argument.
        {std::string("#!/bin/sh\0 -x\n", 14), "/bin/sh", ""},
        {std::string("#!/bin/sh -x\0y\n", 15), "/bin/sh", "-x"},
        {std::string("#!/bin/sh -x \0y\n", 16), "/bin/sh", "-x "},
        // CR is not whitespace for the kernel: part of the argument.
        {"#!/bin/sh\r\n", "/bin/sh\r", ""},
        {"#!/bin/sh -x\r\n", "/bin/sh", "-x\r"},
        // Relative interpreters are the caller's business.
        {"#!sh\n", "sh", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        Parsed p = parse(c.text);
        CHECK(p.ok);
        CHECK(p.interpreter == c.interpreter);
        CHECK(p.argument == c.argument);
    }
}

TEST_CASE("not scripts, or scripts the kernel refuses (ENOEXEC)") {
    const std::string cases[] = {
        "",
        "#",
        "#!",
        "#!\n",
        "#!   \n",
        "#! \t",
        "\x7f"
        "ELF",
        " #!/bin/sh\n",
        "#/bin/sh\n",
        std::string("#!\0/bin/sh\n", 11),
    };
    for (const std::string& c : cases) {
        CAPTURE(c);
        CHECK_FALSE(parse(c).ok);
    }
}

TEST_CASE("a first line longer than the kernel's 256-byte buffer") {
    // The path ends inside the buffer: the argument is cut at byte 255.
    std::string arg(300, 'a');
    Parsed p = parse("#!/bin/sh " + arg + "\n");
    CHECK(p.ok);
    CHECK(p.interpreter == "/bin/sh");
    CHECK(p.argument == std::string(255 - 10, 'a'));
    // The path runs past the buffer: it may have been cut, refused.
    CHECK_FALSE(parse("#!/" + std::string(300, 'p') + "\n").ok);
    CHECK_FALSE(parse("#!/" + std::string(300, 'p')).ok);
    // All spaces up to the end of the buffer: no interpreter.
    CHECK_FALSE(parse("#!" + std::string(300, ' ') + "/bin/sh\n").ok);
    // A newline as byte 255 still ends the line.
    std::string exact = "#!/" + std::string(252, 'p') + "\n";
    REQUIRE(exact.size() == 256);
    Parsed q = parse(exact + "more");
    CHECK(q.ok);
    CHECK(q.interpreter == "/" + std::string(252, 'p'));
    // Only the first 256 bytes count: a longer buffer changes nothing.
    CHECK(parse("#!/bin/sh -x\n" + std::string(1000, 'z')).argument == "-x");
}

// The argument list a chain of scripts builds (fs/binfmt_script.c): each
// script's interpreter, its optional argument and the script's path
// replace argv[0]; the arguments after argv[0] follow unchanged.
namespace {
std::string joined(const ArgvPrefix& p) {
    std::string s;
    for (unsigned i = 0; i < p.count; ++i) s += std::string(i ? " " : "") + p.items[i];
    return s;
}
} // namespace

TEST_CASE("#! argv rewriting, as execve does it") {
    ArgvPrefix p{{"name-given"}, 1};
    REQUIRE(prepend_interpreter(&p, "/bin/sh", "", "./script"));
    CHECK(joined(p) == "/bin/sh ./script");
    // The script's interpreter is itself a script with an argument.
    REQUIRE(prepend_interpreter(&p, "/usr/bin/env", "-S python3", "/bin/sh"));
    CHECK(joined(p) == "/usr/bin/env -S python3 /bin/sh ./script");
    // A null argument is no argument.
    REQUIRE(prepend_interpreter(&p, "/bin/x", nullptr, "/usr/bin/env"));
    CHECK(joined(p) == "/bin/x /usr/bin/env -S python3 /bin/sh ./script");
}

TEST_CASE("#! argv rewriting stops at the kernel's depth") {
    ArgvPrefix p{{"a"}, 1};
    for (unsigned i = 0; i < max_script_depth; ++i)
        REQUIRE(prepend_interpreter(&p, "/i", "arg", "/s"));
    CHECK(p.count == 1 + 2 * max_script_depth);
    ArgvPrefix before = p;
    CHECK_FALSE(prepend_interpreter(&p, "/i", "arg", "/s"));
    CHECK(joined(p) == joined(before));
}
