# mk/mutate.mk - mutation testing of lib/ by the Check suite
# (scripts/mutate.py; no Debian package does it for C).
#
#   make mutate          every mutant of lib/*.c: comparisons moved across
#                        their boundary (< <=, > >=, == !=), && <-> ||,
#                        binary + - * / and the compound assignments and
#                        ++/-- swapped, numeric literals nudged (n -> n+1,
#                        1 -> 0, x -> 1.01 x, 0.0 -> 1.0; the clinical tables
#                        of lib/clinical.c and #define values included),
#                        simple statements deleted; one mutant at a time,
#                        the mutated file recompiled, the runner relinked
#                        and the whole suite run with CK_FORK=no.  Prints
#                        "mutants: T, killed: K, survived: S, invalid: I,
#                        equivalent: E (...), score: P %" and the
#                        survivors; fails below MUTATE_MIN_SCORE.  About
#                        2,660 mutants: about 20 min with -j2 on this
#                        project's 2-vCPU VM (tests/mutation/README.md has
#                        the figures of the last full run).
#   make mutate-sample   the fixed sample CI runs: MUTATE_SAMPLE mutants
#                        chosen by SHA-256 of (MUTATE_SEED, file, line text,
#                        mutation) - the same mutants on every machine and
#                        unchanged by edits elsewhere in a file - in a
#                        minute or two; fails below MUTATE_MIN_SCORE.
#
# score = killed / (killed + survived).  A mutant that does not compile is
# "invalid"; one whose object file is byte-identical to the original's, or
# listed with a reason in tests/mutation/equivalent.txt, is "equivalent";
# neither counts.  A hang (MUTATE_TIMEOUT, default 20 x the unmutated run
# and at least 10 s) or a crash kills a mutant.
#
# The work tree is never written: lib/, include/ and the tests are copied
# into $(BUILD)/mutate/{full,sample}/src, built there with this Makefile's
# compiler and flags (user CFLAGS last), and each of MUTATE_JOBS workers
# builds its mutants in its own directory.  Reports: report.txt (every
# mutant and its fate, with the first failing test that killed it),
# report.json, and results.jsonl, written as mutants finish.
#
#   make mutate MUTATE_FLAGS='--file lib/rounding.c'    one file
#   make mutate MUTATE_FLAGS=--rerun-survivors          only the last
#                                                      run's survivors
#
# Needs python3 (standard library only), the C compiler and Check.

PYTHON ?= python3
MUTATE_JOBS ?= 2
MUTATE_SAMPLE ?= 60
MUTATE_SEED ?= 1
MUTATE_MIN_SCORE ?= 95
MUTATE_TIMEOUT ?= 0
MUTATE_FLAGS ?=

# CHECK_CFLAGS and CHECK_LIBS are $(pkg-config ...) expansions, run by the
# recipe's shell after check-framework.
MUTATE_ARGS = --cc '$(CC)' --cflags '$(KET_CFLAGS) $(CPPFLAGS) $(CFLAGS)' \
	--check-cflags "$(CHECK_CFLAGS)" --check-libs "$(LDFLAGS) $(CHECK_LIBS)" \
	-j $(MUTATE_JOBS) --timeout $(MUTATE_TIMEOUT) \
	--min-score $(MUTATE_MIN_SCORE)

.PHONY: mutate mutate-sample

mutate: check-framework
	$(PYTHON) scripts/mutate.py $(MUTATE_ARGS) --build $(BUILD)/mutate/full \
		$(MUTATE_FLAGS)

mutate-sample: check-framework
	$(PYTHON) scripts/mutate.py $(MUTATE_ARGS) --build $(BUILD)/mutate/sample \
		--sample $(MUTATE_SAMPLE) --seed $(MUTATE_SEED) $(MUTATE_FLAGS)
