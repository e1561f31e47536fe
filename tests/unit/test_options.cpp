// opt::Parser against glibc's getopt_long itself: the same table, the same
// command lines; the options, values, operands and error messages must
// match byte for byte.
#include <doctest/doctest.h>
#include <ring3/options.hpp>
#include <ring3/stream.hpp>

#include <cstdio>
#include <cstring>
#include <getopt.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ring3;

namespace {

// An ls/sort-like table: clusters, required and optional values, long
// names sharing prefixes, an exact name that prefixes another (number /
// number-nonblank), and two spellings of one option (color / colour).
constexpr opt::Option table[] = {
    {'a', "all", opt::Arg::none, 'a', {}, "do not ignore entries starting with ."},
    {'A', "almost-all", opt::Arg::none, 'A', {}, "do not list implied . and .."},
    {0, "color", opt::Arg::optional, 1, "WHEN", "color the output WHEN"},
    {0, "colour", opt::Arg::optional, 1, {}, {}},
    {0, "columns", opt::Arg::required, 2, "N", "assume N columns"},
    {'Z', "context", opt::Arg::none, 'Z', {}, "print any security context"},
    {'k', "key", opt::Arg::required, 'k', "KEYDEF",
     "sort via a key; KEYDEF gives location\nand type"},
    {'n', "number", opt::Arg::none, 'n', {}, "number all output lines"},
    {'b', "number-nonblank", opt::Arg::none, 'b', {}, "number nonempty output lines"},
    {'o', nullptr, opt::Arg::required, 'o', "FILE", "write result to FILE"},
    {'O', {}, opt::Arg::optional, 'O', {}, {}},
    {0, "help", opt::Arg::none, opt::help_id, {}, "display this help and exit"},
};

struct Outcome {
    std::vector<std::string> events; // "id" or "id=value", then "error: message"
    std::vector<std::string> operands;
    bool operator==(const Outcome&) const = default;
};

std::string show(const Outcome& o) {
    std::string s;
    for (auto& e : o.events) s += "[" + e + "]";
    s += " |";
    for (auto& e : o.operands) s += " " + e;
    return s;
}

struct Argv {
    std::vector<std::string> strings;
    std::vector<char*> ptrs;
    explicit Argv(std::vector<std::string> args) : strings(std::move(args)) {
        strings.insert(strings.begin(), "prog");
        for (auto& s : strings) ptrs.push_back(s.data());
        ptrs.push_back(nullptr);
    }
    int argc() const { return static_cast<int>(strings.size()); }
};

Outcome ring3_parse(std::vector<std::string> args, bool posix) {
    Argv a(std::move(args));
    Outcome out;
    opt::Parser p(table, a.argc(), a.ptrs.data(), posix);
    while (const opt::Found* f = p.next()) {
        std::string e = std::to_string(f->id);
        if (f->has_value) e += "=" + std::string(f->value.data(), f->value.size());
        out.events.push_back(e);
    }
    if (p.error()) {
        char buf[256];
        OutStream s(buf, sizeof buf);
        opt::describe(s, p.error(), table, std::size(table));
        out.events.push_back("error: prog: " +
                             std::string(s.buffered().data(), s.buffered().size()));
        return out;
    }
    for (char* op : p.operands()) out.operands.emplace_back(op);
    return out;
}

Outcome glibc_parse(std::vector<std::string> args, bool posix) {
    Argv a(std::move(args));
    std::vector<option> longs;
    for (const auto& o : table) {
        if (o.name.empty()) continue;
        int has = o.arg == opt::Arg::none       ? no_argument
                  : o.arg == opt::Arg::required ? required_argument
                                                : optional_argument;
        longs.push_back({o.name.data(), has, nullptr, o.id});
    }
    longs.push_back({nullptr, 0, nullptr, 0});
    std::string shorts = posix ? "+" : "";
    for (const auto& o : table) {
        if (!o.letter) continue;
        shorts += o.letter;
        if (o.arg == opt::Arg::required) shorts += ":";
        if (o.arg == opt::Arg::optional) shorts += "::";
    }
    // getopt writes its message to stderr: catch it in a file.
    std::FILE* tmp = std::tmpfile();
    int saved = ::dup(2);
    ::dup2(fileno(tmp), 2);
    optind = 0; // a full re-initialisation
    Outcome out;
    bool failed = false;
    for (;;) {
        int c = getopt_long(a.argc(), a.ptrs.data(), shorts.c_str(), longs.data(), nullptr);
        if (c == -1) break;
        if (c == '?' || c == ':') {
            failed = true;
            break;
        }
        std::string e = std::to_string(c);
        if (optarg) e += std::string("=") + optarg;
        out.events.push_back(e);
    }
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::rewind(tmp);
    char buf[256] = {};
    std::size_t n = std::fread(buf, 1, sizeof buf - 1, tmp);
    std::fclose(tmp);
    if (failed) {
        std::string msg(buf, n);
        if (!msg.empty() && msg.back() == '\n') msg.pop_back();
        out.events.push_back("error: " + msg);
        return out;
    }
    for (int i = optind; i < a.argc(); ++i) out.operands.emplace_back(a.ptrs[i]);
    return out;
}

void same(std::vector<std::string> args, bool posix = false) {
    Outcome mine = ring3_parse(args, posix);
    Outcome ref = glibc_parse(args, posix);
    std::string line;
    for (auto& s : args) line += " " + s;
    CAPTURE(line);
    CHECK(show(mine) == show(ref));
}

} // namespace

TEST_CASE("short options: clusters, attached and separate values, optional values") {
    same({"-a", "-A", "x"});
    same({"-aAn", "file"});
    same({"-ofile", "-o", "file2", "x"});
    same({"-ao", "file"});
    same({"-kfoo", "-k", "bar"});
    same({"-Ovalue", "-O", "operand"});
    same({"-aOn"});
    same({"-o"});
    same({"-a", "-k"});
    same({"-z"});
    same({"-az", "file"});
    same({"-a", "-\x01"});
}

TEST_CASE("long options: =value, separate value, abbreviations, exact names") {
    same({"--all", "--almost-all", "x"});
    same({"--key=1,2", "--key", "3", "f"});
    same({"--key="});
    same({"--color", "x"});
    same({"--color=always", "x"});
    same({"--color", "always"});
    same({"--colo", "--colou=never"}); // color and colour mean the same
    same({"--num"});                   // number is exact-prefix of nothing: ambiguous
    same({"--number"});                // exact beats number-nonblank
    same({"--number-n"});
    same({"--al"});
    same({"--alm"});
    same({"--co"});
    same({"--co=x"});
    same({"--col"});
    same({"--colu", "3"});
    same({"--colu"});
    same({"--all=yes"});
    same({"--a=1"});
    same({"--bogus"});
    same({"--bogus=1"});
    same({"--he"});
    same({"--context", "--Z"});
}

TEST_CASE("operands: mixed with options, -, --, POSIXLY_CORRECT") {
    same({"x", "-a", "y", "-n", "z"});
    same({"-", "-a"});
    same({"--", "-a", "--all"});
    same({"a", "--", "-n"});
    same({"-a", "--", "--"});
    same({"x", "-a", "y"}, true);
    same({"-a", "-", "-n"}, true);
    same({});
    same({"-o", "--", "x"}); // the value of -o is "--"
    same({"--key", "-a"});   // the value of --key is "-a"
}

TEST_CASE("--help lines are laid out as GNU's") {
    char buf[2048];
    OutStream s(buf, sizeof buf);
    opt::write_help(s, table);
    Str got = s.buffered();
    CHECK(std::string(got.data(), got.size()) ==
          "  -a, --all                do not ignore entries starting with .\n"
          "  -A, --almost-all         do not list implied . and ..\n"
          "      --color[=WHEN]       color the output WHEN\n"
          "      --columns=N          assume N columns\n"
          "  -Z, --context            print any security context\n"
          "  -k, --key=KEYDEF         sort via a key; KEYDEF gives location\n"
          "                           and type\n"
          "  -n, --number             number all output lines\n"
          "  -b, --number-nonblank    number nonempty output lines\n"
          "  -o FILE                  write result to FILE\n"
          "      --help               display this help and exit\n");
}
