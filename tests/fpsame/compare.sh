#!/bin/sh
# compare.sh REFERENCE DUMP... - make fpsame's verdict: every DUMP must be
# byte for byte identical to REFERENCE (outputs of tests/fpsame/dump.c).
#
# For each dump that differs it prints how many output lines differ, which
# functions they belong to, and the first differing lines of both files
# ("<case>#<input> <output> = <bits> <decimal>"), then fails.  When all are
# identical it prints the line count and SHA-256 of the common dump, writes
# them to SUMMARY (env, optional), and removes the identical copies, keeping
# REFERENCE (each dump is about 25 MB).
set -eu

SHOW=${SHOW:-20}
ref=$1
shift
status=0

for f in "$@"; do
	if cmp -s "$ref" "$f"; then
		continue
	fi
	status=1
	n=$(diff "$ref" "$f" | grep -c '^>' || true)
	echo "fpsame: $f differs from $ref in $n output lines" >&2
	echo "fpsame: differing lines per case:" >&2
	diff "$ref" "$f" | sed -n 's/^> \([^#]*\)#.*/\1/p' | sort | uniq -c >&2
	echo "fpsame: first differences (< $ref, > $f):" >&2
	diff "$ref" "$f" | grep '^[<>]' | head -n "$((2 * SHOW))" >&2
done

if [ "$status" -ne 0 ]; then
	echo "fpsame: FAILED: results differ between builds (dumps kept)" >&2
	exit 1
fi

lines=$(wc -l < "$ref" | tr -d ' ')
calls=$(sed -n 's/^calls //p' "$ref")
sum=$(sha256sum "$ref" | cut -d' ' -f1)
msg="fpsame: OK: $# dumps identical to $ref ($calls calls, $lines lines, sha256 $sum)"
echo "$msg"
if [ -n "${SUMMARY:-}" ]; then
	printf '%s\n' "$msg" > "$SUMMARY"
fi
for f in "$@"; do
	[ "$f" = "$ref" ] || rm -f "$f"
done
