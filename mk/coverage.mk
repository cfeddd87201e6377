# mk/coverage.mk - `make coverage`: line and branch coverage of lib/ by the
# Check suites, measured with gcov and gcovr, 100 % of both enforced.
#
#   make coverage         build the library and the tests with --coverage -O0
#                         in $(BUILD)/coverage (gcc), run the suites once,
#                         print the line and branch tables (uncovered lines
#                         and branches listed per file), write an annotated
#                         HTML report to $(BUILD)/coverage/html/index.html
#                         and fail unless lines and branches are both 100 %
#   make coverage-report  the tables and the check again, without rebuilding
#                         or rerunning the suites
#
# What counts: only lib/ (lib/*.c and lib/internal.h); tests/, examples/ and
# the system headers are filtered out.  Nothing in lib/ is excluded: no
# LCOV_EXCL / GCOVR_EXCL markers, --no-markers makes gcovr ignore any that
# appear.  One gcovr option is used, --exclude-unreachable-branches: it only
# drops branches that gcc attaches to lines without code (a closing brace,
# a line holding only `else`), never a branch of a condition.  A function
# that no test calls still counts (its lines and branches are all missed).
# --exclude-throw-branches is not used: it concerns C++ exceptions, which
# C code does not have.  (On this code --exclude-unreachable-branches
# changes nothing: the figures are the same without it.)
#
# Reading the figures: gcov counts a branch per condition, not per
# decision (`a && b` is two branches, a ternary one), and attributes a
# whole macro expansion to the line of the macro's use: lib/pk_sim.c's
# DEFINE_STEP_N / DEFINE_GRID_N functions each sit on one line, so their
# line figure says only "called"; the branch figure shows whether their
# loops ran.
#
# Why these settings:
#   -O0        so that every source line and every condition keeps its own
#              code and counters (at -O2 gcc merges and deletes branches, and
#              the figures would describe the optimiser, not the source).
#              User CFLAGS still come before it; -ffp-contract=off and the
#              warning set come from KET_CFLAGS as in every other build.
#   gcc/gcov   the counters are gcc's .gcno/.gcda format, read by the gcov of
#              the same gcc (COV_CC and GCOV must match; clang would need
#              GCOV='llvm-cov gcov').
#   CK_FORK=no the suites run in one process (0.3 s instead of 6 s: in fork
#              mode each of the ~2,500 test children merges its counters into
#              every .gcda at exit).  The figures are the same either way;
#              `make coverage COV_CK_FORK=yes` runs them forked.
#   *.gcda     deleted before each run, so the figures are this run's only
#              and counters never mix with those of older objects.
#
# Needs the Debian packages gcovr (5.2 in Debian 12) and check; run as root
# on a Debian-like machine it installs gcovr itself, like check-framework.

COV_BUILD := $(BUILD)/coverage
COV_CC ?= gcc
GCOV ?= gcov
GCOVR ?= gcovr
COV_CK_FORK ?= no
COV_TEST := $(COV_BUILD)/tests/check_static
COV_JSON := $(COV_BUILD)/coverage.json
COV_HTML := $(COV_BUILD)/html/index.html

# Read the counters once (into COV_JSON); every table and the check are made
# from that one file, so they always agree.
COV_GCOVR_READ := --root . --filter 'lib/' --no-markers \
	--exclude-unreachable-branches --gcov-executable '$(GCOV)' \
	--object-directory $(COV_BUILD)
COV_GCOVR_FROM := --root . --filter 'lib/' --add-tracefile $(COV_JSON)

.PHONY: coverage coverage-report coverage-tools

coverage-tools:
	@if ! command -v $(GCOVR) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make coverage: installing gcovr (apt-get install gcovr)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcovr >/dev/null </dev/null || exit 1; \
	  else \
	    echo "make coverage needs gcovr: install the Debian package 'gcovr' (apt-get install gcovr)" >&2; \
	    exit 1; \
	  fi; \
	fi
	@command -v $(firstword $(GCOV)) >/dev/null 2>&1 || \
	  { echo "make coverage needs $(GCOV) (the gcov of $(COV_CC))" >&2; exit 1; }

coverage: check-framework coverage-tools
	$(MAKE) --no-print-directory BUILD=$(COV_BUILD) CC=$(COV_CC) \
		CFLAGS="$(CFLAGS) --coverage -O0" LDFLAGS="$(LDFLAGS) --coverage" \
		$(COV_TEST)
	find $(COV_BUILD) -name '*.gcda' -exec rm -f {} +
	CK_FORK=$(COV_CK_FORK) $(COV_TEST)
	$(MAKE) --no-print-directory coverage-report

coverage-report: coverage-tools
	@test -n "$$(find $(COV_BUILD) -name '*.gcda' 2>/dev/null)" || \
	  { echo "make coverage-report: no counters in $(COV_BUILD); run make coverage" >&2; exit 1; }
	@mkdir -p $(dir $(COV_HTML))
	$(GCOVR) $(COV_GCOVR_READ) --json $(COV_JSON) $(COV_BUILD)
	@echo "== coverage: lines of lib/ (Missing: uncovered lines)"
	@$(GCOVR) $(COV_GCOVR_FROM) --txt
	@echo "== coverage: branches of lib/ (Missing: lines with an untaken branch)"
	@$(GCOVR) $(COV_GCOVR_FROM) --branches --txt
	$(GCOVR) $(COV_GCOVR_FROM) --html-details $(COV_HTML) --print-summary \
		--fail-under-line 100 --fail-under-branch 100 || \
	  { echo "make coverage: lib/ is below 100 % line or branch coverage (details: $(COV_HTML))" >&2; exit 1; }
	@echo "coverage: OK (100 % of the lines and branches of lib/; details: $(COV_HTML))"
