#!/bin/sh
# coverage.sh HEADER OBJECT - fails unless OBJECT (the compiled call
# corpus, tests/corpus/corpus.c) calls every function HEADER declares with
# KET_API.  The calls are read off the object's undefined symbols, so a
# function named only in a comment or a string does not count.
#
# Used by make threads and make fpsame; NM may name another nm.
set -eu

header=$1
object=$2
nm=${NM:-nm}

declared=$(sed -n 's/.*KET_API[^(]*[^a-z0-9_]\(ket_[a-z0-9_]*\)(.*/\1/p' "$header" | sort -u)
called=$("$nm" -u "$object" | awk '{print $NF}' | sed -n 's/^\(ket_[a-z0-9_]*\)$/\1/p' | sort -u)

# Every declaration must name its function on its KET_API line.
n_api=$(grep -v '^[[:space:]]*#' "$header" | grep -c 'KET_API' || true)
n=$(printf '%s\n' "$declared" | grep -c . || true)
if [ "$n" -eq 0 ] || [ "$n" -ne "$n_api" ]; then
	echo "coverage.sh: read $n function names from $n_api KET_API declarations in $header" >&2
	exit 1
fi
missing=$(printf '%s\n' "$declared" | while read -r f; do
	printf '%s\n' "$called" | grep -qx "$f" || printf '%s ' "$f"
done)
if [ -n "$missing" ]; then
	echo "coverage.sh: $object does not call: $missing" >&2
	exit 1
fi
echo "coverage: $object calls all $n public functions of $header"
