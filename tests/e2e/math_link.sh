# An ordinary <cmath> program links as a ring3 program with zero libc
# (no undefined symbol; at -O0, where nothing is inlined, and at -O2,
# where clang rewrites calls: sin + cos to sincos, pow(10, x) to exp10),
# and its results match the same program built with g++ against glibc:
# identical for the exact functions, within 1 ulp for the others.
source "$(dirname "$0")/../lib.sh"
lib=${RING3_LIB:?}
command -v python3 >/dev/null || { fail "python3 missing"; finish; }
stub=OFF
nm --defined-only "$lib/libring3.a" 2>/dev/null | grep -q ' T __errno_location$' || stub=ON

g++ -std=c++20 -O2 -o "$TMP/glibc" "$SRC/tests/e2e/math/cmath_user.cpp" || fail "the glibc build"
"$TMP/glibc" >"$TMP/glibc.out" || fail "the glibc build's run"
for type in Debug Release; do
  dir="$TMP/build-$type"
  if ! cmake -S "$SRC/tests/e2e/math" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=$type -DERRNO_STUB=$stub \
      -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" -DRING3_LIB_DIR="$lib" >"$TMP/log" 2>&1 ||
     ! cmake --build "$dir" >>"$TMP/log" 2>&1; then
    fail "the ring3 build ($type) failed: $(grep -E 'undefined|error' "$TMP/log" | head -5)"
    continue
  fi
  expect_eq "undefined symbols ($type)" "" "$(nm -u "$dir/cmath_user" | grep -v ' w ')"
  expect_eq "libc symbols ($type)" "" "$(nm "$dir/cmath_user" | grep -E ' (__libc_|_IO_|_dl_|__GI_)' | head -3)"
  "$dir/cmath_user" >"$TMP/ring3-$type.out" || fail "the ring3 build's run ($type)"
  verdict=$(python3 - "$TMP/glibc.out" "$TMP/ring3-$type.out" <<'PY'
import math, struct, sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
if len(a) != len(b):
    print(f"lengths differ: {len(a)} {len(b)}"); sys.exit()
bad = []
for i in range(0, len(a), 9):
    kind = chr(a[i])
    x, y = struct.unpack("<d", a[i + 1:i + 9])[0], struct.unpack("<d", b[i + 1:i + 9])[0]
    if kind == "E" or math.isnan(x) or math.isinf(x) or x == 0:
        ok = a[i:i + 9] == b[i:i + 9] or (math.isnan(x) and math.isnan(y))
    else:
        ulp = math.ulp(float(struct.unpack("<f", struct.pack("<f", x))[0])) if kind == "F" else math.ulp(x)
        ok = abs(x - y) <= 2 * ulp  # each within 1 ulp of the true value
    if not ok:
        bad.append(f"record {i // 9} ({kind}): glibc {x!r} ring3 {y!r}")
print("; ".join(bad[:5]) if bad else "same")
PY
)
  expect_eq "results against glibc ($type)" same "$verdict"
done
finish
