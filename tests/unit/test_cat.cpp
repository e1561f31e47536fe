// cat's pure parts, hosted: the option parser, the quoting of file names
// and the transformation behind -n -b -s -E -T -v. The expectations were
// taken from GNU cat 9.1 (tests/e2e/cat_gnu_diff.sh compares the real
// programs); here the point is the cases a differential test cannot
// force, above all input cut into reads at every possible place.
//
// cat is a program, not a library: its sources are compiled into this
// test directly.
#include "../../programs/cat/options.cpp"
#include "../../programs/cat/quote.cpp"
#include "../../programs/cat/transform.cpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using cat::Options;
using cat::Transform;

namespace {

Options opts(const char* letters) {
    std::string arg = std::string("-") + letters;
    std::vector<char*> argv = {const_cast<char*>("cat"), arg.data()};
    auto p = cat::parse(2, argv.data(), false);
    REQUIRE(p.action == cat::Action::copy);
    return p.options;
}

// Feeds `pieces` one after the other, with `room` bytes of output space
// per call (as little as Transform::min_room).
std::string run(const Options& o, const std::vector<std::string>& pieces,
                std::size_t room = 1 << 16) {
    Transform t(o);
    std::string out;
    std::vector<char> buf(room);
    for (const std::string& piece : pieces) {
        auto* p = reinterpret_cast<const unsigned char*>(piece.data());
        std::size_t left = piece.size();
        while (left > 0) {
            auto step = t.run(p, left, buf.data(), room);
            REQUIRE((step.consumed > 0 || step.produced > 0));
            REQUIRE(step.produced <= room);
            out.append(buf.data(), step.produced);
            p += step.consumed;
            left -= step.consumed;
        }
    }
    char tail[8];
    out.append(tail, t.finish(tail));
    return out;
}

std::string run1(const char* letters, const std::string& input) {
    return run(opts(letters), {input});
}

std::string all_bytes() {
    std::string s;
    for (int c = 0; c < 256; ++c) s += static_cast<char>(c);
    return s;
}

} // namespace

TEST_CASE("cat: transformations as GNU cat 9.1 prints them") {
    CHECK(run1("n", "a\nb\n") == "     1\ta\n     2\tb\n");
    CHECK(run1("n", "a\n\nb") == "     1\ta\n     2\t\n     3\tb");
    CHECK(run1("b", "a\n\n\nb\n") == "     1\ta\n\n\n     2\tb\n");
    CHECK(run1("s", "\n\n\na\n\n\n\nb\n\n") == "\na\n\nb\n\n");
    CHECK(run1("sn", "\n\n\na\n\n\nb") == "     1\t\n     2\ta\n     3\t\n     4\tb");
    CHECK(run1("E", "a\nb") == "a$\nb");
    CHECK(run1("E", "a\r\nb\r\r\n\r") == "a^M$\nb\r^M$\n\r");
    CHECK(run1("T", "\ta\t\n") == "^Ia^I\n");
    CHECK(run1("v", "\t\r\x7f\x80\x9f\xa0\xff\n") == "\t^M^?M-^@M-^_M- M-^?\n");
    CHECK(run1("A", "\t\r\n") == "^I^M$\n");
    CHECK(run1("e", "\t\r\n") == "\t^M$\n");
    CHECK(run1("t", "\t\x01\n") == "^I^A\n");
}

TEST_CASE("cat: -v notation of every byte") {
    std::string in = all_bytes();
    std::string expected;
    for (int c = 0; c < 256; ++c) {
        if (c == '\n') {
            expected += '\n';
            continue;
        }
        int low = c & 127;
        if (c >= 128) expected += "M-";
        if (low < 32 && c != '\t')
            expected += std::string("^") + static_cast<char>(low + 64);
        else if (low == 127)
            expected += "^?";
        else
            expected += static_cast<char>(low);
    }
    CHECK(run1("v", in) == expected);
}

TEST_CASE("cat: line numbers widen past 999999 as GNU's do") {
    std::string in;
    for (int i = 0; i < 1000001; ++i) in += "\n";
    std::string out = run1("n", in);
    CHECK(out.substr(out.size() - 26) == "999999\t\n1000000\t\n1000001\t\n");
    CHECK(out.substr(0, 8) == "     1\t\n");
}

TEST_CASE("cat: the output does not depend on where reads end") {
    const char* option_sets[] = {"n",  "b",  "s",   "E",  "T",      "v",  "A", "ns",
                                 "bs", "nE", "sET", "vT", "nbsETv", "bE", "sv"};
    std::vector<std::string> inputs = {
        "",
        "no newline",
        "\n\n\nblank runs\n\n\n\nend\n\n",
        "\ttabs\t\there\n\t\n",
        "crlf\r\nline\r\n\r\n\r\r\n\rx\n\r",
        "\r\n\r\n\r",
        all_bytes() + all_bytes(),
        std::string(300, 'x') + "\r\n" + std::string(200, '\t') + "\n\n\n",
    };
    for (const char* letters : option_sets) {
        Options o = opts(letters);
        for (const std::string& in : inputs) {
            CAPTURE(letters);
            CAPTURE(in);
            const std::string whole = run(o, {in});
            // Cut in two at every position.
            for (std::size_t i = 0; i <= in.size(); ++i)
                CHECK(run(o, {in.substr(0, i), in.substr(i)}) == whole);
            // One byte per read.
            std::vector<std::string> bytes;
            for (char c : in) bytes.emplace_back(1, c);
            CHECK(run(o, bytes) == whole);
            // Output space for one step at a time.
            CHECK(run(o, {in}, Transform::min_room) == whole);
        }
    }
}

TEST_CASE("cat: state carries over from one file to the next") {
    // Line numbers continue; a line begun in one file ends in the next; a
    // '\r' at the end of one file meets the '\n' starting the next.
    CHECK(run(opts("n"), {"a\nb", "c\n", "d\n"}) == "     1\ta\n     2\tbc\n     3\td\n");
    CHECK(run(opts("E"), {"a\r", "\nb\r"}) == "a^M$\nb\r");
    CHECK(run(opts("s"), {"a\n\n", "\n\n", "b\n"}) == "a\n\nb\n");
}

TEST_CASE("cat: options as GNU getopt_long reads them") {
    // argv as the kernel gives it; parse() gathers the operands at argv[1..].
    std::vector<std::string> storage;
    std::vector<char*> argv;
    auto parse = [&](std::vector<const char*> args, bool posix = false) {
        storage.assign(args.begin(), args.end());
        argv.assign(1, const_cast<char*>("cat"));
        for (auto& s : storage) argv.push_back(s.data());
        return cat::parse(static_cast<int>(argv.size()), argv.data(), posix);
    };
    auto operand = [&](int i) { return std::string(argv[1 + i]); };

    auto p = parse({"-nE", "a", "-", "--show-tabs", "b"});
    CHECK(p.action == cat::Action::copy);
    CHECK(p.options.number);
    CHECK(p.options.show_ends);
    CHECK(p.options.show_tabs);
    CHECK(p.operand_count == 3);
    CHECK(operand(0) == "a");
    CHECK(operand(1) == "-");
    CHECK(operand(2) == "b");

    p = parse({"--", "-n", "--"});
    CHECK(p.operand_count == 2);
    CHECK(operand(0) == "-n");
    CHECK(operand(1) == "--");
    CHECK(!p.options.number);

    p = parse({"a", "-n"}, true); // POSIXLY_CORRECT: -n is a file
    CHECK(p.operand_count == 2);
    CHECK(operand(1) == "-n");
    CHECK(!p.options.number);

    p = parse({"--num"});
    CHECK(p.action == cat::Action::usage);
    CHECK(p.error.problem == ring3::opt::Problem::ambiguous);
    CHECK(p.error.candidates == 0b11); // number-nonblank, number

    p = parse({"--number"}); // exact beats being a prefix of --number-nonblank
    CHECK(p.action == cat::Action::copy);
    CHECK(p.options.number);
    CHECK(!p.options.number_nonblank);

    p = parse({"--show-a"});
    CHECK(p.options.show_nonprinting);
    CHECK(p.options.show_ends);
    CHECK(p.options.show_tabs);

    p = parse({"--number-n=1"});
    CHECK(p.error.problem == ring3::opt::Problem::takes_no_value);
    CHECK(p.error.text == "number-nonblank");

    p = parse({"-nz", "--help"});
    CHECK(p.error.problem == ring3::opt::Problem::invalid_short);
    CHECK(p.error.letter == 'z');

    p = parse({"--he", "-z"});
    CHECK(p.action == cat::Action::help);

    p = parse({"--vers"});
    CHECK(p.action == cat::Action::version);

    p = parse({"--foo=1"});
    CHECK(p.error.problem == ring3::opt::Problem::unrecognized);
    CHECK(p.error.text == "--foo=1");

    p = parse({"-u"});
    CHECK(p.action == cat::Action::copy);
    CHECK(!p.options.transforms());
}

TEST_CASE("cat: file names quoted as GNU quotes them") {
    auto q = [](std::string name) {
        ring3::StrBuf<256> b;
        b << cat::Quoted{ring3::Str(name.data(), name.size())};
        REQUIRE(b.ok());
        return std::string(b.str().data(), b.str().size());
    };
    // Each expectation is what GNU cat 9.1 printed, LC_ALL=C.
    CHECK(q("plain.txt") == "plain.txt");
    CHECK(q("dir/a-b_c,d+e%f@g]h") == "dir/a-b_c,d+e%f@g]h");
    CHECK(q("") == "''");
    CHECK(q("a b") == "'a b'");
    CHECK(q("a:b") == "'a:b'");
    CHECK(q("#a") == "'#a'");
    CHECK(q("a#") == "a#");
    CHECK(q("~a") == "'~a'");
    CHECK(q("{") == "'{'");
    CHECK(q("{}") == "{}");
    CHECK(q("it's") == "\"it's\"");
    CHECK(q("a'b:c") == "\"a'b:c\"");
    CHECK(q("#a'b") == "\"#a'b\"");
    CHECK(q("a'#b") == "'a'\\''#b'");
    CHECK(q("it's $5") == "'it'\\''s $5'");
    CHECK(q("a\\b") == "'a\\b'");
    CHECK(q("tab\t") == "'tab'$'\\t'");
    CHECK(q("a\nb'c") == "'a'$'\\n''b'\\''c'");
    CHECK(q("\x01") == "''$'\\001'");
    CHECK(q("\xc3\xa9") == "''$'\\303\\251'");
    CHECK(q("x\x7fy") == "'x'$'\\177''y'");
    // gnulib's quirk: a quote, and an unprintable byte at the end.
    CHECK(q("a'b\t") == "'''a'\\''b'$'\\t'");
    CHECK(q("a'b\n") == "'''a'\\''b'$'\\n'");
}

TEST_CASE("cat: a quoted name inside a message, however long") {
    ring3::StrBuf<64> line;
    line << "cat: " << cat::Quoted{"a b"} << ": " << ring3::Str("No such file or directory")
         << '\n';
    CHECK(std::string(line.str().data(), line.str().size()) ==
          "cat: 'a b': No such file or directory\n");

    // Names are never cut: GNU prints them whole, whatever their length
    // (longer than PATH_MAX they cannot be opened: "File name too long").
    std::string long_name(5000, 'x');
    static ring3::StrBuf<32768> b;
    b << cat::Quoted{ring3::Str(long_name.data(), long_name.size())};
    CHECK(std::string(b.str().data(), b.str().size()) == long_name);

    std::string control(3000, '\x01');
    static ring3::StrBuf<32768> c;
    c << cat::Quoted{ring3::Str(control.data(), control.size())};
    std::string expected = "''$'";
    for (int i = 0; i < 3000; ++i) expected += "\\001";
    expected += "'";
    CHECK(std::string(c.str().data(), c.str().size()) == expected);
}

namespace {
// GNU cat's -v -T -E, one byte at a time, for inputs without "\r\n" (whose
// -E marking the cases above cover): the reference for the 32-byte paths.
std::string reference(const char* letters, const std::string& in) {
    Options o = opts(letters);
    std::string out;
    for (unsigned char c : in) {
        if (c == '\n') {
            out += o.show_ends ? "$\n" : "\n";
            continue;
        }
        if (c == '\t') {
            out += o.show_tabs ? "^I" : "\t";
            continue;
        }
        if (!o.show_nonprinting) {
            out += static_cast<char>(c);
            continue;
        }
        int low = c & 127;
        if (c >= 128) out += "M-";
        if (low < 32)
            out += std::string("^") + static_cast<char>(low + 64);
        else if (low == 127)
            out += "^?";
        else
            out += static_cast<char>(low);
    }
    return out;
}
} // namespace

TEST_CASE("cat: -A, -v, -T and friends on long mixed inputs, against a byte-at-a-time reference") {
    unsigned seed = 12345;
    auto rnd = [&] {
        seed = seed * 1103515245 + 12345;
        return (seed >> 16) & 0x7fff;
    };
    for (int round = 0; round < 300; ++round) {
        // Text with tabs and newlines, sometimes dense control or high
        // bytes, in runs of every length around the 16- and 32-byte blocks.
        std::string in;
        std::size_t n = rnd() % 700;
        unsigned density = rnd() % 4;
        for (std::size_t i = 0; i < n; ++i) {
            unsigned r = rnd() % 100;
            if (r < 4 + density * 10)
                in += '\t';
            else if (r < 8 + density * 15)
                in += '\n';
            else if (density == 3 && r < 70)
                in += static_cast<char>(rnd() % 256);
            else
                in += static_cast<char>('a' + rnd() % 26);
        }
        // "\r\n" is -E's special case: none here.
        for (std::size_t i = 0; i + 1 < in.size(); ++i)
            if (in[i] == '\r' && in[i + 1] == '\n') in[i] = 'r';
        if (!in.empty() && in.back() == '\r') in.back() = 'r';
        for (const char* letters : {"A", "e", "t", "v", "T", "vT", "vE", "ET", "E"}) {
            CAPTURE(letters);
            CAPTURE(round);
            CHECK(run1(letters, in) == reference(letters, in));
            CHECK(run(opts(letters), {in}, Transform::min_room) == reference(letters, in));
        }
    }
}
