# ring3's streams print std::string and std::string_view (a program that
# never names them does not pay for <string>: stream.hpp does not include it).
source "$(dirname "$0")/../lib.sh"

expected=$(printf 'ring3 a view, not a copy\n[    ring3] [view    ]\nnul\0inside|10\nempty both\none+two+\n' | od -c)
for v in stream_std_strings stream_std_strings-pie; do
  exe=$TEST_BIN/$v
  [ -x "$exe" ] || { fail "$exe not built"; continue; }
  "$exe" one two >"$TMP/out" 2>"$TMP/err"
  expect_eq "$v: status" 0 $?
  expect_eq "$v: stdout" "$expected" "$(od -c <"$TMP/out")"
  expect_eq "$v: stderr" "err: ring3" "$(cat "$TMP/err")"
  expect_eq "$v: undefined symbols" "" "$(nm -u "$exe" | grep -v ' w ')"
done
# stream.hpp alone brings no <string>.
echo '#include <ring3/stream.hpp>
#ifdef _GLIBCXX_STRING
#error stream.hpp includes <string>
#endif
int main() { return 0; }' >"$TMP/probe.cpp"
clang++ -std=c++20 -fsyntax-only -isystem "$SRC/runtime/include" "$TMP/probe.cpp"
expect_eq "stream.hpp does not include <string>" 0 $?
finish
