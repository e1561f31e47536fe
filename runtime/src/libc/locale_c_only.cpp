// The <locale.h> functions libstdc++'s <charconv> asks for
// (floating_from_chars.o and floating_to_chars.o switch to the "C" locale
// around strtod/sprintf for the long double paths). ring3 has one locale,
// "C": these say so honestly. newlocale accepts "C" and "POSIX" (and "",
// which means the environment's locale; ring3 always chooses "C") and fails
// with ENOENT for any other name, as glibc does for a locale it lacks.
#include <cerrno>
#include <clocale>
#include <cstring>
#include <langinfo.h>
#include <locale.h>

namespace {

bool is_c_locale_name(const char* name) {
    return name != nullptr &&
           (name[0] == '\0' || std::strcmp(name, "C") == 0 || std::strcmp(name, "POSIX") == 0);
}

// The one locale object: its address is all a locale_t needs here.
__locale_struct c_locale{};

} // namespace

extern "C" {

locale_t newlocale(int, const char* name, locale_t) noexcept {
    if (!is_c_locale_name(name)) {
        errno = ENOENT;
        return nullptr;
    }
    return &c_locale;
}

// Every thread is in the "C" locale, which is also the global one.
locale_t uselocale(locale_t) noexcept { return LC_GLOBAL_LOCALE; }

void freelocale(locale_t) noexcept {}

char* setlocale(int, const char* name) noexcept {
    static char c_name[] = "C";
    if (name == nullptr || is_c_locale_name(name)) return c_name;
    return nullptr;
}

// The "C" locale's answers (POSIX, <langinfo.h>) for the items asked for
// in practice; "" for the others.
char* nl_langinfo(nl_item item) noexcept {
    static char dot[] = ".";
    static char empty[] = "";
    static char codeset[] = "ANSI_X3.4-1968";
    switch (item) {
    case RADIXCHAR:
        return dot;
    case CODESET:
        return codeset;
    default:
        return empty;
    }
}

} // extern "C"
