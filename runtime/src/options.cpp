// The GNU getopt_long parser (ring3/options.hpp). The rules follow glibc's
// posix/getopt.c: process_long_option for --name, the short-option loop
// of _getopt_internal_r for clusters, and the same messages.
#include <ring3/options.hpp>
#include <ring3/stream.hpp>

namespace ring3::opt {

Parser::Parser(const Option* table, std::size_t count, int argc, char** argv, bool posixly_correct)
    : table_(table), count_(count), argc_(argc), argv_(argv), posixly_correct_(posixly_correct) {}

const Found* Parser::fail(UsageError e) {
    error_ = e;
    index_ = argc_;
    cluster_ = nullptr;
    return nullptr;
}

const Found* Parser::next() {
    if (error_) return nullptr;
    if (cluster_ && *cluster_) return short_option();
    cluster_ = nullptr;
    while (index_ < argc_) {
        char* arg = argv_[index_++];
        // "-" is an operand (standard input), not an option.
        if (options_ended_ || arg[0] != '-' || arg[1] == '\0') {
            argv_[1 + operand_count_++] = arg;
            if (posixly_correct_) options_ended_ = true;
            continue;
        }
        if (arg[1] == '-') {
            if (arg[2] == '\0') {
                options_ended_ = true;
                continue;
            }
            return long_option(arg);
        }
        cluster_ = arg + 1;
        return short_option();
    }
    return nullptr;
}

const Found* Parser::long_option(Str arg) {
    Str body = arg.substr(2);
    auto [name, value, has_value] = body.cut('=');
    // An exact name wins over the longer names it abbreviates (--number
    // is not --number-nonblank); otherwise the prefix must pick one
    // option, or several that mean the same (same id and argument kind).
    const Option* found = nullptr;
    for (std::size_t i = 0; i < count_ && !found; ++i)
        if (!table_[i].name.empty() && table_[i].name == name) found = &table_[i];
    if (!found) {
        // The possibilities listed are the first match and those that
        // differ from it, as glibc's ambig_set.
        std::uint64_t candidates = 0;
        bool ambiguous = false;
        for (std::size_t i = 0; i < count_; ++i) {
            const Option& o = table_[i];
            if (o.name.empty() || !o.name.starts_with(name)) continue;
            if (!found) {
                found = &o;
            } else if (found->id != o.id || found->arg != o.arg) {
                ambiguous = true;
            } else {
                continue;
            }
            if (i < 64) candidates |= std::uint64_t{1} << i;
        }
        if (!found) return fail({Problem::unrecognized, 0, arg, 0});
        if (ambiguous) return fail({Problem::ambiguous, 0, arg, candidates});
    }
    found_ = {found->id, found, {}, false};
    if (has_value) {
        if (found->arg == Arg::none) return fail({Problem::takes_no_value, 0, found->name, 0});
        found_.value = value;
        found_.has_value = true;
    } else if (found->arg == Arg::required) {
        if (index_ >= argc_) return fail({Problem::needs_value, 0, found->name, 0});
        found_.value = argv_[index_++];
        found_.has_value = true;
    }
    return &found_;
}

const Found* Parser::short_option() {
    char c = *cluster_++;
    const Option* found = nullptr;
    for (std::size_t i = 0; i < count_ && !found; ++i)
        if (table_[i].letter == c) found = &table_[i];
    if (!found) return fail({Problem::invalid_short, c, {}, 0});
    found_ = {found->id, found, {}, false};
    if (found->arg == Arg::none) return &found_;
    // A value is the rest of the cluster (-ofile), else for a required
    // one the next argument (-o file).
    if (*cluster_) {
        found_.value = cluster_;
        found_.has_value = true;
    } else if (found->arg == Arg::required) {
        if (index_ >= argc_) return fail({Problem::needs_value, c, {}, 0});
        found_.value = argv_[index_++];
        found_.has_value = true;
    }
    cluster_ = nullptr;
    return &found_;
}

void describe(OutStream& out, const UsageError& e, const Option* table, std::size_t count) {
    switch (e.problem) {
    case Problem::invalid_short:
        out << "invalid option -- '" << e.letter << "'";
        break;
    case Problem::unrecognized:
        out << "unrecognized option '" << e.text << "'";
        break;
    case Problem::takes_no_value:
        out << "option '--" << e.text << "' doesn't allow an argument";
        break;
    case Problem::needs_value:
        if (e.letter)
            out << "option requires an argument -- '" << e.letter << "'";
        else
            out << "option '--" << e.text << "' requires an argument";
        break;
    case Problem::ambiguous:
        out << "option '" << e.text << "' is ambiguous; possibilities:";
        for (std::size_t i = 0; i < count && i < 64; ++i)
            if (e.candidates & (std::uint64_t{1} << i)) out << " '--" << table[i].name << "'";
        break;
    case Problem::none:
        break;
    }
}

void write_help(OutStream& out, const Option* table, std::size_t count) {
    constexpr std::size_t column = 27; // GNU coreutils' description column
    for (std::size_t i = 0; i < count; ++i) {
        const Option& o = table[i];
        if (o.help.empty()) continue;
        std::size_t start = out.column();
        if (o.letter)
            out << "  -" << o.letter << (o.name.empty() ? "" : ", ");
        else
            out << "      ";
        if (!o.name.empty()) out << "--" << o.name;
        if (!o.value_name.empty()) {
            if (o.name.empty())
                out << ' ' << o.value_name;
            else if (o.arg == Arg::optional)
                out << "[=" << o.value_name << ']';
            else
                out << '=' << o.value_name;
        }
        std::size_t used = out.column() - start;
        if (used + 2 > column) {
            out << '\n';
            used = 0;
        }
        out.fill(' ', column - used);
        for (Str line : o.help.split('\n')) {
            if (line.data() != o.help.data()) out.fill(' ', column);
            out << line << '\n';
        }
    }
}

} // namespace ring3::opt
