# The C library's macros and ring3's headers together: glibc's headers
# (those the C++ standard library includes, <cstdio> and <ctime> among
# them, and the POSIX ones) define SEEK_SET, O_RDONLY, CLOCK_MONOTONIC and
# ~200 more names that ring3's headers also declare as constants. Every
# ring3 header compiles after all of them, in a real ring3 program (the
# ring3-c++ driver), and the program sees the C macros as before
# (runtime/include/ring3/detail/libc_macros_begin.hpp).
source "$(dirname "$0")/../lib.sh"

{
  for h in string chrono cstdio cstdlib ctime csignal cerrno cmath fcntl.h unistd.h sys/mman.h \
           sys/stat.h sys/wait.h sys/resource.h sys/prctl.h poll.h dirent.h elf.h sys/auxv.h \
           sys/random.h sys/personality.h; do
    echo "#include <$h>"
  done
  (cd "$SRC/runtime/include" && find ring3 -name '*.hpp' ! -path '*/detail/*' | sort) |
    sed 's/.*/#include <&>/'
  (cd "$SRC/loader/include" && find ring3 -name '*.hpp' | sort) | sed 's/.*/#include <&>/'
  echo 'int main() {'
  echo '    std::string s = "macros";'
  echo '    ring3::io::out << s << SEEK_SET << O_RDONLY << CLOCK_MONOTONIC << PROT_READ << WNOHANG << '"'\\n'"';'
  echo '    return 0;'
  echo '}'
} >"$TMP/all.cpp"
"$BIN/ring3-c++" -O1 -isystem "$SRC/loader/include" "$TMP/all.cpp" -o "$TMP/all" 2>"$TMP/err"
expect_eq "every ring3 header after glibc's: compiles and links" 0 $?
[ -s "$TMP/err" ] && head -20 "$TMP/err" >&2
if [ -x "$TMP/all" ]; then
  expect_eq "the program sees the C macros' values" "macros00111" "$("$TMP/all")"
fi
finish
