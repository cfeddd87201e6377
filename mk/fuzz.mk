# mk/fuzz.mk - `make fuzz`: coverage-guided fuzzing of the public API with
# libFuzzer (clang), under AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   make fuzz             build every harness tests/fuzz/fuzz_NAME.c and run
#                         each for FUZZ_SECONDS (default 20) after replaying
#                         its committed seeds and reproducers; fails on any
#                         crash, sanitizer report, timeout or broken invariant
#   make fuzz-NAME        the same for one harness (fuzz-orders, fuzz-pk, ...)
#   make fuzz-build       build the harnesses only ($(BUILD)/fuzz/fuzz_NAME)
#   make fuzz-replay      replay the committed seeds and reproducers only (no
#                         fuzzing: a few seconds, deterministic)
#   make fuzz-ci          what CI runs: every harness for a fixed number of
#                         inputs (FUZZ_CI_RUNS_NAME) from a fixed random seed,
#                         starting from the committed inputs; reproducible, so
#                         the same clang explores the same inputs on any machine
#                         and CI fails for a change, not for luck
#   make fuzz-clean       forget the working corpora and artifacts
#
# The harnesses (tests/fuzz/README.md lists their invariants):
#   orders       ket_infusion_rate, ket_infusion_check, ket_bolus_dose, with
#                fuzzed limits
#   regimens     ket_prepare, ket_infusion_duration, ket_pca_check,
#                ket_burst_schedule, ket_oral_conversion
#   conversions  dosing weight, pounds, limits, rate units, routes, forms,
#                salts, percent, the name tables
#   pk           ket_pk_params_for, ket_pk_simulate, ket_pk_summarize,
#                ket_tci_plan
#   parse        ket_parse_decimal (checked against strtod) and
#                ket_rate_unit_parse, byte-level
#   format       ket_format_dose (checked against printf) and
#                ket_report_format, byte-level
#
# Each harness is linked with the library sources compiled again in
# $(BUILD)/fuzz/lib with the same sanitizers and libFuzzer's coverage
# instrumentation (-fsanitize=fuzzer-no-link), so the fuzzer is guided by the
# library's branches, not just the harness's.  The committed seed corpus
# tests/fuzz/corpus/NAME/ is copied into a working corpus
# $(BUILD)/fuzz/corpus/NAME/ that grows from run to run; the committed one is
# never written.  A failing input lands in $(BUILD)/fuzz/artifacts/NAME/
# (crash-*, timeout-*, ...); rerun it with `$(BUILD)/fuzz/fuzz_NAME FILE`.
# Inputs that once broke the library are kept in tests/fuzz/crashes/NAME/
# and replayed first by every run.
#
# Running for hours (documented in tests/fuzz/README.md):
#   make fuzz FUZZ_SECONDS=36000                10 h per harness, in turn
#   make -j6 -k fuzz FUZZ_SECONDS=36000         all six at once (one core each)
#   make fuzz-pk FUZZ_SECONDS=36000 FUZZ_FLAGS='-jobs=8 -workers=8'
#                                               one harness on 8 cores
# The working corpora persist in $(BUILD)/fuzz/corpus, so a long run picks up
# where the last one stopped.
#
# Needs clang with libFuzzer: the Debian packages clang and libclang-rt-dev
# (libclang-rt-14-dev on Debian 12: only recommended by clang, so an
# --no-install-recommends install lacks it).  Run as root on a Debian-like
# machine, make fuzz installs them itself, like check-framework.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 20
# Per input: anything slower than this is reported as a timeout (a hang).
FUZZ_TIMEOUT ?= 10
# Extra libFuzzer flags, e.g. -jobs=8 -workers=8 or -dict=FILE.
FUZZ_FLAGS ?=
# Set both for a reproducible run (tests/fuzz/run.sh): exactly FUZZ_RUNS
# inputs from libFuzzer's random seed FUZZ_SEED; FUZZ_SECONDS stays an upper
# bound.  Empty (the default): a random seed for FUZZ_SECONDS.
FUZZ_RUNS ?=
FUZZ_SEED ?=
# make fuzz-ci: inputs per harness, about 20 s each on the 2-vCPU machine
# the README names (the harnesses differ a hundredfold in speed: one PK
# input simulates up to six doses, one parse input reads a string).
FUZZ_CI_SEED ?= 1
FUZZ_CI_RUNS_orders ?= 1000000
FUZZ_CI_RUNS_regimens ?= 1000000
FUZZ_CI_RUNS_conversions ?= 1000000
FUZZ_CI_RUNS_pk ?= 60000
FUZZ_CI_RUNS_parse ?= 3000000
FUZZ_CI_RUNS_format ?= 1000000
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_NAMES))
FUZZ_LIB_OBJS := $(patsubst lib/%.c,$(FUZZ_BUILD)/lib/%.o,$(SRCS))

# -O1 -g: the usual sanitizer build (fast enough, precise stack traces).
# -fno-sanitize-recover=all: every UBSan report stops the run, as ASan's do.
# The library keeps -std=c99, -ffp-contract=off and the warning set.
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=c99 -g -O1 -ffp-contract=off -fno-omit-frame-pointer \
	$(KET_WARNINGS) $(FUZZ_SANITIZE)

.PHONY: fuzz fuzz-build fuzz-replay fuzz-clean fuzz-toolchain \
	$(addprefix fuzz-,$(FUZZ_NAMES))

# Installs clang and libFuzzer when we are root on a Debian-like machine
# (CI), otherwise names the packages in one line.
fuzz-toolchain:
	@mkdir -p $(FUZZ_BUILD)
	@printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
		> $(FUZZ_BUILD)/probe.c
	@if ! $(FUZZ_CC) -fsanitize=fuzzer,address,undefined $(FUZZ_BUILD)/probe.c \
	     -o $(FUZZ_BUILD)/probe >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make fuzz: installing clang and libFuzzer (apt-get install clang libclang-rt-dev)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-dev >/dev/null </dev/null || exit 1; \
	    $(FUZZ_CC) -fsanitize=fuzzer,address,undefined $(FUZZ_BUILD)/probe.c -o $(FUZZ_BUILD)/probe || \
	      { echo "make fuzz: $(FUZZ_CC) still cannot link -fsanitize=fuzzer" >&2; exit 1; }; \
	  else \
	    echo "make fuzz needs clang with libFuzzer: install the Debian packages 'clang' and 'libclang-rt-dev' (apt-get install clang libclang-rt-dev)" >&2; \
	    exit 1; \
	  fi; \
	fi

$(FUZZ_BUILD)/lib:
	mkdir -p $@

# Made by a pattern rule for a pattern rule: without this, make would delete
# them as intermediate files after every link.
.SECONDARY: $(FUZZ_LIB_OBJS)

$(FUZZ_BUILD)/lib/%.o: lib/%.c | $(FUZZ_BUILD)/lib fuzz-toolchain
	$(FUZZ_CC) $(LIB_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
		$(DEPFLAGS) -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
		$(FUZZ_LIB_OBJS) $(HEADER) | fuzz-toolchain
	$(FUZZ_CC) $(USER_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-o $@ $< $(FUZZ_LIB_OBJS) -lm

fuzz-build: $(FUZZ_BINS)

# One target per harness, so `make -j -k fuzz` runs them side by side.
$(addprefix fuzz-,$(FUZZ_NAMES)): fuzz-%: $(FUZZ_BUILD)/fuzz_%
	@FUZZ_RUNS='$(FUZZ_RUNS)' FUZZ_SEED='$(FUZZ_SEED)' \
	$(SHELL) tests/fuzz/run.sh $< $* $(FUZZ_SECONDS) \
		$(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/artifacts/$* \
		-timeout=$(FUZZ_TIMEOUT) $(FUZZ_FLAGS)

fuzz: $(addprefix fuzz-,$(FUZZ_NAMES))
	@echo "fuzz: OK ($(words $(FUZZ_NAMES)) harnesses, $(if $(FUZZ_RUNS),$(FUZZ_RUNS) runs from seed $(FUZZ_SEED),$(FUZZ_SECONDS) s) each)"

# One reproducible run per harness (its own number of inputs), at most
# 300 s each as a safety bound.
FUZZ_CI_TARGETS := $(addprefix fuzz-ci-,$(FUZZ_NAMES))
.PHONY: fuzz-ci $(FUZZ_CI_TARGETS)
# -use_cmp=0: libFuzzer's comparison-guided mutations draw on values that
# include addresses (the sanitizers' own comparisons are traced too), so the
# inputs they make depend on the environment's size and the checkout's path;
# without them a run is the same on every machine (checked: two runs with
# environments 3 kB apart gave the same inputs; with them, not).  run.sh
# also starts the fuzzer from the top directory with relative paths and
# env -i, since the stack depth an input reaches is a feature too.
$(FUZZ_CI_TARGETS): fuzz-ci-%: $(FUZZ_BUILD)/fuzz_%
	@$(MAKE) --no-print-directory fuzz-$* FUZZ_SECONDS=300 \
		FUZZ_RUNS=$(FUZZ_CI_RUNS_$*) FUZZ_SEED=$(FUZZ_CI_SEED) \
		FUZZ_FLAGS='-use_cmp=0 $(FUZZ_FLAGS)'

fuzz-ci: $(FUZZ_CI_TARGETS)
	@echo "fuzz-ci: OK ($(words $(FUZZ_NAMES)) harnesses, fixed runs from seed $(FUZZ_CI_SEED))"

# Without address randomisation where setarch allows it (tests/fuzz/run.sh).
FUZZ_NO_ASLR = $$(setarch "$$(uname -m)" -R true 2>/dev/null && echo setarch "$$(uname -m)" -R)

fuzz-replay: $(FUZZ_BINS)
	@status=0; norand=$(FUZZ_NO_ASLR); for n in $(FUZZ_NAMES); do \
	  files=$$(find tests/fuzz/corpus/$$n tests/fuzz/crashes/$$n -type f 2>/dev/null); \
	  [ -n "$$files" ] || continue; \
	  mkdir -p $(FUZZ_BUILD)/artifacts/$$n; \
	  if $$norand $(FUZZ_BUILD)/fuzz_$$n -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$n/ $$files \
	       >$(FUZZ_BUILD)/artifacts/$$n/replay.log 2>&1; then \
	    echo "fuzz-replay $$n: $$(echo "$$files" | wc -l) inputs OK"; \
	  else \
	    cat $(FUZZ_BUILD)/artifacts/$$n/replay.log >&2; \
	    echo "fuzz-replay $$n: FAILED" >&2; status=1; \
	  fi; \
	done; exit $$status

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

-include $(wildcard $(FUZZ_BUILD)/lib/*.d)
