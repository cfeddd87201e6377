#!/bin/sh
# Compares a freshly built libketamine.so with the committed ABI baseline.
# Run by `make abi-check` (mk/abi.mk explains the policy and the refresh).
#
# usage: abi-check.sh BASELINE_ABI BASELINE_VERSION LIB CURRENT_ABI \
#                     VERSION SUPPRESSIONS
#   BASELINE_ABI      abi/libketamine.so.MAJOR.abi (abidw output, committed)
#   BASELINE_VERSION  the release it describes (abi/VERSION), e.g. 0.1.0
#   LIB               the library just built with -g
#   CURRENT_ABI       where to write LIB's ABI (same abidw options)
#   VERSION           the header's version, e.g. 0.2.0
#   SUPPRESSIONS      the compatible changes abidiff must not count
# ABIDW, ABIDIFF, READELF and ABIDW_OPTS come from the environment.
#
# Exit 0: no change, or only compatible ones (added functions, changes
# libabigail classes as harmless such as an enumerator appended), or the
# major version differs from the baseline's (a break the version
# announces).  Exit 1: an incompatible change within the same major
# version.  Exit 2: the check itself could not run.
set -eu

baseline=$1 base_version=$2 lib=$3 current=$4 version=$5 suppressions=$6
ABIDW=${ABIDW:-abidw}
ABIDIFF=${ABIDIFF:-abidiff}
READELF=${READELF:-readelf}
ABIDW_OPTS=${ABIDW_OPTS:-}
base_major=${base_version%%.*}
major=${version%%.*}

die() {
	echo "abi-check: $*" >&2
	exit 2
}

[ -n "$base_version" ] || die "no baseline version (abi/VERSION is missing or empty); run make abi-baseline at a release"
[ -f "$baseline" ] || die "no baseline $baseline for version $base_version; run make abi-baseline at a release"
[ -f "$lib" ] || die "no library $lib"
[ -f "$suppressions" ] || die "no suppression file $suppressions"
# Without DWARF abidiff compares the symbol tables only and would pass a
# changed struct: refuse a library built without -g.
"$READELF" --section-headers "$lib" | grep -q '\.debug_info' ||
	die "$lib has no debug information (build it with -g: ABI_CFLAGS)"

# shellcheck disable=SC2086 # ABIDW_OPTS is a list of options
"$ABIDW" $ABIDW_OPTS --out-file "$current" "$lib" ||
	die "abidw failed on $lib"

echo "abi-check: baseline $baseline (release $base_version), library $lib (version $version)"

# 1. Everything that changed, additions included, for the reader.
set +e
"$ABIDIFF" --no-default-suppression "$baseline" "$current" >"$current.diff" 2>&1
all=$?
# 2. The verdict: the same comparison with the compatible changes
# suppressed.  abidiff's status is a bit mask: 1 error, 2 usage error,
# 4 ABI change, 8 incompatible ABI change.  A grown or reordered struct is
# only 4 (abidiff keeps 8 for removed symbols), so any change left after the
# suppressions counts as incompatible.
"$ABIDIFF" --no-default-suppression --suppressions "$suppressions" \
	"$baseline" "$current" >"$current.verdict" 2>&1
rc=$?
set -e

if [ $((all & 3)) -ne 0 ] || [ $((rc & 3)) -ne 0 ]; then
	cat "$current.diff" "$current.verdict" >&2
	die "abidiff failed (status $all / $rc)"
fi
if [ "$rc" -eq 0 ]; then
	if [ "$all" -eq 0 ]; then
		echo "abi-check: OK: no ABI change since $base_version (changes libabigail deems harmless, such as an appended enumerator, do not count)"
	else
		echo "abi-check: compatible changes since $base_version:"
		sed 's/^/  /' "$current.diff"
		echo "abi-check: OK: compatible with $base_version (additions only)"
	fi
	exit 0
fi
# The full report ([A] marks additions, which alone would have passed).
echo "abi-check: incompatible changes since $base_version (abidiff status $rc):"
sed 's/^/  /' "$current.diff"
if [ "$major" != "$base_major" ]; then
	echo "abi-check: OK: accepted, the major version changed ($base_major -> $major, SONAME libketamine.so.$major); run make abi-baseline at the release"
	exit 0
fi
echo "abi-check: FAIL: the ABI of $version breaks release $base_version within major version $major." >&2
echo "abi-check: restore compatibility (add new functions and struct types instead of changing released ones), or make the break a major version (KET_VERSION_MAJOR) and refresh the baseline at its release (make abi-baseline)." >&2
exit 1
