#!/bin/sh
# Checks a staged `make install DESTDIR=STAGE` the way a user would meet it:
# pkg-config, the header (as C and as C++), the shared and the static
# library, the SONAME and the exported symbols.  Run by `make installcheck`.
#
# usage: installcheck.sh STAGE LIBDIR INCLUDEDIR PKGCONFIGDIR VERSION WORKDIR
# (LIBDIR etc. as configured, without the stage; CC, CXX, PKG_CONFIG from the
# environment.)
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

if [ "$fails" -ne 0 ]; then
	echo "installcheck: $fails check(s) failed" >&2
	exit 1
fi
