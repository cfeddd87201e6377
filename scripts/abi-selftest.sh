#!/bin/sh
# Shows that `make abi-check` catches ABI breaks and lets compatible changes
# through: each case edits a throwaway copy of the tree (outside it, in a
# temporary directory) and runs make abi-check there against the committed
# baseline.  Run by `make abi-selftest`; the tree itself is never touched.
#
# usage: scripts/abi-selftest.sh [WORKDIR]     (from the top of the tree)
# MAKE, PYTHON from the environment.  Needs abigail-tools and python3.
set -eu

MAKE=${MAKE:-make}
PYTHON=${PYTHON:-python3}
top=$(pwd)
work=${1:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/ket-abi-selftest.XXXXXX")
	cleanup=$work
else
	rm -rf "$work"
	mkdir -p "$work"
	cleanup=
fi
case $work in
"$top" | "$top"/*)
	echo "abi-selftest: WORKDIR must lie outside the tree" >&2
	exit 2
	;;
esac
trap '[ -z "$cleanup" ] || rm -rf "$cleanup"' EXIT

# The tracked files as they are in the working tree (the baseline and
# mk/abi.mk under test included), never the build directory.
pristine=$work/pristine
mkdir -p "$pristine"
git ls-files -z | xargs -0 cp --parents -t "$pristine"

# edit FILE OLD NEW: replace the one occurrence of OLD (a mutation that
# silently matched nothing would test nothing).
edit() {
	"$PYTHON" - "$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if text.count(old) != 1:
    sys.exit("abi-selftest: %r occurs %d times in %s" % (old, text.count(old), path))
open(path, "w").write(text.replace(old, new))
PY
}

H=include/ketamine.h
fails=0
n=0

# case NAME EXPECTED(0 pass, 1 fail) EDIT-COMMANDS...: the edits run in
# the case's copy of the tree.
case_() {
	name=$1 expected=$2
	shift 2
	n=$((n + 1))
	dir=$work/case$n
	rm -rf "$dir"
	cp -a "$pristine" "$dir"
	(cd "$dir" && eval "$*")
	set +e
	(cd "$dir" && $MAKE --no-print-directory -j2 abi-check BUILD=build \
		>"$dir.log" 2>&1)
	rc=$?
	set -e
	[ $rc -eq 0 ] || rc=$(sed -n 's/^make[^:]*: \*\*\* \[.*abi-check\] Error \([0-9]*\)$/\1/p' "$dir.log" | tail -n 1)
	verdict=$(grep '^abi-check: \(OK\|FAIL\)' "$dir.log" | tail -n 1)
	if [ "${rc:-?}" = "$expected" ]; then
		echo "abi-selftest: ok: $name: exit $rc: $verdict"
	else
		echo "abi-selftest: FAIL: $name: exit ${rc:-?}, expected $expected (log below)" >&2
		sed 's/^/    /' "$dir.log" >&2
		fails=$((fails + 1))
	fi
}

case_ "unchanged tree" 0 :
case_ "field appended to struct ket_limits" 1 \
	"edit $H '} ket_limits;' '	double abi_selftest_extra;
} ket_limits;'"
case_ "ket_finding.status widened to int64_t" 1 \
	"edit $H '	int32_t status;    /* ket_status' '	int64_t status;    /* ket_status'"
case_ "KET_REPORT_MAX 8 -> 9 (ket_report grows)" 1 \
	"edit $H '#define KET_REPORT_MAX 8' '#define KET_REPORT_MAX 9'"
case_ "status code renumbered (KET_E_FORM 17 -> 18)" 1 \
	"edit $H 'KET_E_FORM = 17 ' 'KET_E_FORM = 18 '"
case_ "function removed (ket_version_string)" 1 \
	"edit lib/version.c 'const char *ket_version_string(void)
{
	return KET_VERSION_STRING;
}' ''"
case_ "function added (ket_abi_selftest)" 0 \
	"edit $H 'KET_API const char *ket_version_string(void);' 'KET_API const char *ket_version_string(void);
KET_API int ket_abi_selftest(void);' &&
	 printf 'int ket_abi_selftest(void)\n{\n\treturn 1;\n}\n' >>lib/version.c"
case_ "status code appended (KET_E_ABI_SELFTEST = 18)" 0 \
	"edit $H 'KET_E_FORM = 17 ' 'KET_E_FORM = 17, KET_E_ABI_SELFTEST = 18 '"
case_ "field appended with KET_VERSION_MAJOR 1 (1.0.0)" 0 \
	"edit $H '} ket_limits;' '	double abi_selftest_extra;
} ket_limits;' &&
	 edit $H '#define KET_VERSION_MAJOR 0 ' '#define KET_VERSION_MAJOR 1 ' &&
	 edit $H '#define KET_VERSION_MINOR 1 ' '#define KET_VERSION_MINOR 0 ' &&
	 edit $H '#define KET_VERSION_STRING \"0.1.0\"' '#define KET_VERSION_STRING \"1.0.0\"'"

if [ $fails -ne 0 ]; then
	echo "abi-selftest: $fails of $n cases FAILED" >&2
	exit 1
fi
echo "abi-selftest: all $n cases behaved as expected"
