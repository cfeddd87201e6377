#!/bin/sh
# Checks a staged `make install DESTDIR=STAGE` the way a user would meet it:
# pkg-config, the header (as C and as C++), the shared and the static
# library, the SONAME and the exported symbols, the examples (C, C++, CMake,
# Python ctypes) built and run against the stage, and the man pages.  Run by
# `make installcheck`.
#
# usage: installcheck.sh STAGE LIBDIR INCLUDEDIR PKGCONFIGDIR VERSION WORKDIR
# (LIBDIR etc. as configured, without the stage; CC, CXX, PKG_CONFIG and
# MANDIR from the environment.)
set -eu

stage=$1 libdir=$2 includedir=$3 pcdir=$4 version=$5 work=$6
CC=${CC:-cc}
CXX=${CXX:-g++}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
major=${version%%.*}
lib=$stage$libdir
fails=0

fail() {
	echo "installcheck: FAIL: $*" >&2
	fails=$((fails + 1))
}
ok() {
	echo "installcheck: ok: $*"
}

rm -rf "$work"
mkdir -p "$work"

# 1. The installed files and links.
for f in "$stage$includedir/ketamine.h" "$lib/libketamine.a" \
	"$lib/libketamine.so.$version" "$stage$pcdir/ketamine.pc"; do
	[ -f "$f" ] || fail "missing $f"
done
[ "$(readlink "$lib/libketamine.so.$major")" = "libketamine.so.$version" ] ||
	fail "libketamine.so.$major does not point to libketamine.so.$version"
[ "$(readlink "$lib/libketamine.so")" = "libketamine.so.$major" ] ||
	fail "libketamine.so does not point to libketamine.so.$major"
soname=$(readelf -d "$lib/libketamine.so.$version" |
	sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" = "libketamine.so.$major" ]; then
	ok "SONAME $soname"
else
	fail "SONAME is '$soname', expected libketamine.so.$major"
fi

# 2. pkg-config on the staged .pc only (PKG_CONFIG_LIBDIR hides the system
# directories; the sysroot maps the configured prefix into the stage).
PKG_CONFIG_LIBDIR=$stage$pcdir
PKG_CONFIG_PATH=
PKG_CONFIG_SYSROOT_DIR=$stage
export PKG_CONFIG_LIBDIR PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
pcversion=$($PKG_CONFIG --modversion ketamine)
[ "$pcversion" = "$version" ] ||
	fail "pkg-config --modversion ketamine: '$pcversion', expected $version"
cflags=$($PKG_CONFIG --cflags ketamine)
libs=$($PKG_CONFIG --libs ketamine)
slibs=$($PKG_CONFIG --static --libs ketamine)
echo "installcheck: pkg-config --cflags: $cflags"
echo "installcheck: pkg-config --libs: $libs"
echo "installcheck: pkg-config --static --libs: $slibs"

expect="7 mL/h"

# 3. examples/embed.c against the shared library.
# shellcheck disable=SC2086 # pkg-config output is a list of words
$CC $cflags -o "$work/embed_shared" examples/embed.c $libs
out=$(LD_LIBRARY_PATH=$lib "$work/embed_shared") || fail "embed_shared exit $?"
[ "$out" = "$expect" ] || fail "embed_shared printed '$out', expected '$expect'"
resolved=$(LD_LIBRARY_PATH=$lib ldd "$work/embed_shared" |
	sed -n "s/^[[:space:]]*libketamine\.so\.$major => \([^ ]*\).*/\1/p")
if [ "$resolved" = "$lib/libketamine.so.$major" ]; then
	ok "embed (shared) printed '$out', libketamine from the stage"
else
	fail "embed_shared resolves libketamine.so.$major to '$resolved'"
fi

# 4. The same against the static archive: only libketamine is forced
# static, the C library stays dynamic.
slibs_static=$(printf '%s\n' "$slibs" |
	sed 's/-lketamine/-Wl,-Bstatic -lketamine -Wl,-Bdynamic/')
# shellcheck disable=SC2086
$CC $cflags -o "$work/embed_static" examples/embed.c $slibs_static
if ldd "$work/embed_static" | grep -q libketamine; then
	fail "embed_static needs libketamine.so"
fi
out=$("$work/embed_static") || fail "embed_static exit $?"
if [ "$out" = "$expect" ]; then
	ok "embed (static, no libketamine.so needed) printed '$out'"
else
	fail "embed_static printed '$out', expected '$expect'"
fi

# 5. The installed header alone: warning-free as C99 and as C++11.
printf '#include <ketamine.h>\nint ket_header_only(void);\nint ket_header_only(void) { return KET_OK; }\n' \
	>"$work/header.c"
cp "$work/header.c" "$work/header.cpp"
# shellcheck disable=SC2086
if $CC -std=c99 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
	-Wmissing-prototypes -Wundef -Werror $cflags -fsyntax-only \
	"$work/header.c"; then
	ok "header compiles as C99"
else
	fail "header does not compile cleanly as C99"
fi
# shellcheck disable=SC2086
if $CXX -std=c++11 -Wall -Wextra -pedantic -Werror $cflags -fsyntax-only \
	"$work/header.cpp"; then
	ok "header compiles as C++11 ($CXX)"
else
	fail "header does not compile cleanly as C++11 ($CXX)"
fi

# 6. Exported symbols: only ket_*, and every function the header declares.
nm -D --defined-only "$lib/libketamine.so.$version" |
	awk '{ print $NF }' | sort -u >"$work/exported"
grep -v '^ket_' "$work/exported" >"$work/foreign" || true
if [ -s "$work/foreign" ]; then
	fail "exported symbols without the ket_ prefix: $(tr '\n' ' ' <"$work/foreign")"
else
	ok "$(wc -l <"$work/exported") exported symbols, all ket_*"
fi
# shellcheck disable=SC2086
$CC -std=c99 $cflags -E -P "$work/header.c" | tr '\n' ' ' |
	grep -o 'ket_[a-z0-9_]*[[:space:]]*(' | sed 's/[[:space:](]//g' |
	grep -v '^ket_header_only$' | sort -u >"$work/declared"
comm -23 "$work/declared" "$work/exported" >"$work/missing"
if [ -s "$work/missing" ]; then
	fail "declared in ketamine.h but not exported: $(tr '\n' ' ' <"$work/missing")"
else
	ok "all $(wc -l <"$work/declared") functions declared in ketamine.h are exported"
fi

# 7. The README's embedding example is examples/embed.c verbatim, so the
#    code a reader copies is the code built and run above.
if awk 'FNR == 1 { f++ }
	f == 1 { readme = readme $0 "\n" }
	f == 2 { embed = embed $0 "\n" }
	END { exit index(readme, "```c\n" embed "```") ? 0 : 1 }' \
	README.md examples/embed.c; then
	ok "README.md quotes examples/embed.c verbatim"
else
	fail "README.md no longer quotes examples/embed.c verbatim"
fi

# 8. The other examples, each built against the stage like a user would
#    and run: the minimal C program, C++, a CMake project and Python.
strict_c="-std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror"
# shellcheck disable=SC2086
if $CC $strict_c $cflags -o "$work/minimal" examples/minimal.c $libs &&
	out=$(LD_LIBRARY_PATH=$lib "$work/minimal"); then
	if [ "$out" = "7 mg in 1.4 mL" ]; then
		ok "examples/minimal.c printed '$out'"
	else
		fail "examples/minimal.c printed '$out', expected '7 mg in 1.4 mL'"
	fi
else
	fail "examples/minimal.c did not build or run"
fi

expect_cpp="0.05 mg/kg/h -> 3.5 mL/h
0.1 mg/kg/h -> 7 mL/h
0.15 mg/kg/h -> 10.5 mL/h
0.2 mg/kg/h -> 14 mL/h
0.6 mg/kg/h -> KET_E_HARD_LIMIT: dose per kg 0.6 mg/kg/h is above the hard maximum 0.5 mg/kg/h"
# shellcheck disable=SC2086
if $CXX -std=c++11 -Wall -Wextra -pedantic -Werror $cflags \
	-o "$work/example_cpp" examples/cpp/example.cpp $libs &&
	out=$(LD_LIBRARY_PATH=$lib "$work/example_cpp"); then
	if [ "$out" = "$expect_cpp" ]; then
		ok "examples/cpp/example.cpp (C++11, $CXX -Werror) printed the expected rates"
	else
		fail "examples/cpp/example.cpp printed '$out'"
	fi
else
	fail "examples/cpp/example.cpp did not build or run"
fi

# CMake finds the staged ketamine.pc through the PKG_CONFIG_* variables
# exported above (pkg_check_modules runs pkg-config).
expect_cmake="0.1 mg/kg/h
1.6667 mcg/kg/min
100 mcg/kg/h
0.0017 mg/kg/min
8.25 mg/h
0.1375 mg/min
198 mg/24h"
if ! command -v cmake >/dev/null 2>&1; then
	fail "cmake is not installed (apt-get install cmake): examples/cmake not tried"
elif CC=$CC cmake -S examples/cmake -B "$work/cmake" \
	-DPKG_CONFIG_EXECUTABLE="$(command -v "$PKG_CONFIG")" \
	-DCMAKE_C_FLAGS="-Wall -Wextra -Wpedantic -Werror" \
	>"$work/cmake.log" 2>&1 &&
	cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1; then
	out=$(LD_LIBRARY_PATH=$lib "$work/cmake/ketamine_units" 82.5) ||
		fail "examples/cmake: ketamine_units exit $?"
	resolved=$(LD_LIBRARY_PATH=$lib ldd "$work/cmake/ketamine_units" |
		sed -n "s/^[[:space:]]*libketamine\.so\.$major => \([^ ]*\).*/\1/p")
	if ! grep -q "Using libketamine $version\$" "$work/cmake.log"; then
		fail "examples/cmake: pkg_check_modules did not find ketamine $version"
	elif [ "$resolved" != "$lib/libketamine.so.$major" ]; then
		fail "examples/cmake: libketamine.so.$major resolves to '$resolved'"
	elif [ "$out" != "$expect_cmake" ]; then
		fail "examples/cmake: ketamine_units 82.5 printed '$out'"
	else
		ok "examples/cmake: pkg_check_modules(IMPORTED_TARGET) found $version, built, ran"
	fi
else
	sed 's/^/installcheck: cmake: /' "$work/cmake.log" >&2
	fail "examples/cmake did not configure or build"
fi

expect_py="pump rate: 7 mL/h
0.6 mg/kg/h refused: KET_E_HARD_LIMIT: dose per kg 0.6 mg/kg/h is above the hard maximum 0.5 mg/kg/h"
py=examples/python/ketamine_ctypes.py
if ! command -v python3 >/dev/null 2>&1; then
	fail "python3 is not installed: $py not tried"
else
	out=$(python3 "$py" "$lib/libketamine.so.$major") || fail "$py exit $?"
	out_env=$(KETAMINE_LIBRARY=$lib/libketamine.so.$major python3 "$py") ||
		fail "$py (KETAMINE_LIBRARY) exit $?"
	if [ "$out" = "$expect_py" ] && [ "$out_env" = "$expect_py" ]; then
		ok "$py (ctypes) printed the pump rate and the refusal"
	else
		fail "$py printed '$out' and with KETAMINE_LIBRARY '$out_env'"
	fi
	# Its ctypes structs against the installed header's layout.
	if python3 "$py" --layout >"$work/layout_py"; then
		{
			printf '#include <stddef.h>\n#include <stdio.h>\n'
			printf '#include <ketamine.h>\nint main(void)\n{\n'
			awk '$2 == "sizeof" {
				printf "\tprintf(\"%s sizeof %%zu\\n\", sizeof(%s));\n", $1, $1
				next
			}
			{
				printf "\tprintf(\"%s %s %%zu\\n\", offsetof(%s, %s));\n", $1, $2, $1, $2
			}' "$work/layout_py"
			printf '\treturn 0;\n}\n'
		} >"$work/layout.c"
		# shellcheck disable=SC2086
		if $CC -std=c99 $cflags -o "$work/layout" "$work/layout.c" &&
			"$work/layout" >"$work/layout_c" &&
			cmp -s "$work/layout_py" "$work/layout_c"; then
			ok "$py: $(grep -c sizeof "$work/layout_py") ctypes structs match the header's sizeof and offsetof"
		else
			fail "$py: ctypes struct layout differs from the header (diff $work/layout_py $work/layout_c)"
		fi
	else
		fail "$py --layout failed"
	fi
fi

# 9. The man pages, read from the stage.  MANDIR comes from the Makefile.
mandir=$stage${MANDIR:?MANDIR is not set}
missing=
for p in man/man1/*.1 man/man3/*.3; do
	[ -f "$p" ] || continue
	cmp -s "$p" "$mandir/${p#man/}" || missing="$missing ${p#man/}"
done
if [ -n "$missing" ]; then
	fail "man pages not installed under $mandir:$missing"
else
	ok "man pages installed under $mandir"
fi
if command -v man >/dev/null 2>&1; then
	nman=0
	for fn in ketamine libketamine $(cat "$work/declared"); do
		out=$(MANPATH=$mandir MANWIDTH=80 man --warnings=w 3 "$fn" \
			2>"$work/man.err") || true
		if [ -s "$work/man.err" ]; then
			fail "man 3 $fn: $(cat "$work/man.err")"
		elif ! printf '%s\n' "$out" | grep -q "$fn"; then
			fail "man 3 $fn does not show $fn"
		fi
		nman=$((nman + 1))
	done
	if [ -f man/man1/ketcalc.1 ]; then
		out=$(MANPATH=$mandir MANWIDTH=80 man --warnings=w 1 ketcalc \
			2>"$work/man.err") || true
		if [ -s "$work/man.err" ] || ! printf '%s\n' "$out" | grep -q ketcalc; then
			fail "man 1 ketcalc: $(cat "$work/man.err")"
		fi
		nman=$((nman + 1))
	fi
	ok "man finds and renders $nman installed pages (every function by name)"
else
	echo "installcheck: man (man-db) not installed: installed pages not read"
fi

# 10. The tables ket_limits(3) and ket_route(3) quote, against the library.
# shellcheck disable=SC2086
if $CC $strict_c $cflags -o "$work/mantables" tests/mantables.c $libs; then
	for t in profiles:ket_limits routes:ket_route; do
		what=${t%%:*} page=$mandir/man3/${t#*:}.3
		sed -n "/^\\.\\\\\" $what-begin/,/^\\.\\\\\" $what-end/p" "$page" |
			sed -e '1d;$d' -e 's/\\-/-/g' | tr -s ' ' >"$work/$what.page"
		LD_LIBRARY_PATH=$lib "$work/mantables" "$what" >"$work/$what.lib" ||
			fail "mantables $what exit $?"
		if [ -s "$work/$what.page" ] &&
			cmp -s "$work/$what.page" "$work/$what.lib"; then
			ok "${t#*:}(3) quotes the library's $what table"
		else
			fail "${t#*:}(3) $what table differs from the library (diff $work/$what.page $work/$what.lib)"
		fi
	done
else
	fail "tests/mantables.c did not build"
fi

if [ "$fails" -ne 0 ]; then
	echo "installcheck: $fails check(s) failed" >&2
	exit 1
fi
