#!/bin/sh
# Runs one libFuzzer harness the way `make fuzz` does (mk/fuzz.mk):
#   1. replays the committed seed corpus and the committed reproducers
#      (tests/fuzz/crashes/NAME/) once each, so a known crash fails at once;
#   2. fuzzes for SECONDS on a working corpus in WORK (the committed seeds
#      copied in; what the fuzzer adds stays there for the next run and the
#      committed corpus is never written);
#   3. prints one summary line: executions, executions per second, corpus.
# Exits non-zero when the harness crashed, leaked, timed out or broke an
# invariant; the input that did it is in ARTIFACTS (crash-*, timeout-*,
# leak-*, oom-*), and the harness printed the failing invariant above it.
#
# With FUZZ_RUNS set in the environment (make fuzz-ci), step 2 is
# reproducible instead: exactly FUZZ_RUNS inputs from the random seed
# FUZZ_SEED (default 1), starting from the committed seeds and reproducers
# given in name order (-seed_inputs: no corpus directory, whose order the
# file system decides), nothing kept.  The same clang then explores the
# same inputs on every machine, so a CI run fails only for a change, never
# for luck; SECONDS stays as an upper bound.
#
# usage: run.sh BINARY NAME SECONDS WORK ARTIFACTS [libFuzzer flags...]
# e.g.   run.sh build/fuzz/fuzz_orders orders 3600 build/fuzz/corpus/orders \
#               build/fuzz/artifacts/orders -jobs=2 -workers=2
set -eu

bin=$1 name=$2 seconds=$3 work=$4 artifacts=$5
shift 5
seeds=tests/fuzz/corpus/$name
crashes=tests/fuzz/crashes/$name
log=$artifacts/fuzz.log

mkdir -p "$work" "$artifacts"
rm -f "$artifacts"/fuzz-*.log "$log"
# The sanitizer runtimes of clang 14 can fail to start on kernels with
# vm.mmap_rnd_bits = 32: run without address randomisation where setarch
# allows it, as mk/sanitize.mk does (detection is not affected; -jobs and
# -fork children inherit it).
norand=
if setarch "$(uname -m)" -R true 2>/dev/null; then
	norand="setarch $(uname -m) -R"
fi
abs() { (cd "$(dirname "$1")" && printf '%s/%s' "$(pwd)" "$(basename "$1")"); }
bin_abs=$(abs "$bin")
work_abs=$(abs "$work")
if [ -d "$seeds" ]; then
	# Seeds the working corpus does not have yet (names are content hashes
	# or descriptive names; an existing file is never overwritten).
	for f in "$seeds"/*; do
		[ -f "$f" ] || continue
		[ -e "$work/${f##*/}" ] || cp "$f" "$work/"
	done
fi

# 1. Replay: every committed input once (no fuzzing, nothing written).
replay=
for dir in "$seeds" "$crashes"; do
	[ -d "$dir" ] || continue
	for f in "$dir"/*; do
		[ -f "$f" ] && replay="$replay $f"
	done
done
if [ -n "$replay" ]; then
	# shellcheck disable=SC2086 # one argument per file, no spaces in names
	if ! $norand "$bin" -artifact_prefix="$artifacts/" $replay \
		>"$artifacts/replay.log" 2>&1; then
		cat "$artifacts/replay.log" >&2
		echo "fuzz $name: FAILED replaying the committed inputs" \
		     "($seeds, $crashes)" >&2
		exit 1
	fi
fi

# 2. Fuzz.
status=0
if [ -n "${FUZZ_RUNS:-}" ]; then
	# Reproducible: the committed inputs in name order, a fixed seed and
	# a fixed number of runs (see the top of this file).
	# The process also starts the same everywhere: from the top
	# directory, with paths relative to it and a fixed environment, so its
	# stack begins at the same offset (libFuzzer counts the stack depth an
	# input reaches as a feature, and a run from another checkout path or
	# with other variables set found other features).
	list=
	for f in $(printf '%s\n' $replay | LC_ALL=C sort); do
		list="$list${list:+,}$f"
	done
	$norand env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C \
		"$bin" -max_total_time="$seconds" \
		-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}" \
		-print_final_stats=1 -artifact_prefix="$artifacts/" "$@" \
		${list:+-seed_inputs="$list"} >"$log" 2>&1 || status=$?
	seconds="seed ${FUZZ_SEED:-1}, at most $seconds"
else
	# In ARTIFACTS, so that -jobs writes its fuzz-N.log files there.
	(cd "$artifacts" && exec $norand "$bin_abs" -max_total_time="$seconds" \
		-print_final_stats=1 -artifact_prefix=./ "$@" "$work_abs") \
		>"$log" 2>&1 || status=$?
fi

# 3. Summary (libFuzzer's final statistics; with -jobs, summed over the job
# logs, which the main log repeats).
logs=$log
if ls "$artifacts"/fuzz-*.log >/dev/null 2>&1; then
	logs=$(ls "$artifacts"/fuzz-*.log)
fi
stat() {
	# shellcheck disable=SC2086 # one word per log file
	sed -n "s/^stat::$1: *//p" $logs | awk '{ s += $1 } END { printf "%d", s }'
}
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
units=$(find "$work" -type f | wc -l)
if [ -n "${FUZZ_RUNS:-}" ]; then
	cov=$(sed -n 's/^#[0-9]*[^c]*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/cov \1, features \2, corpus \3/p' "$log" | tail -n 1)
	echo "fuzz $name: $execs executions ($seconds s; $rate/s), $cov"
else
	echo "fuzz $name: $execs executions in ${seconds} s ($rate/s), corpus $units inputs"
fi
if [ "$status" -ne 0 ]; then
	grep -v '^#[0-9]' "$log" | tail -n 60 >&2
	echo "fuzz $name: FAILED (exit $status): reproducer in $artifacts/; full log $log" >&2
	exit 1
fi
