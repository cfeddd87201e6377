# mk/analyze.mk - `make analyze`: three static analysers over the library,
# zero findings required (STYLE.md, Power of 10: "zero warnings under the
# strictest flags plus a static analyser").
#
#   make analyze              the three below; any finding fails the target
#   make analyze-cppcheck     cppcheck --enable=all --inconclusive over lib/
#                             and include/ (one run: its whole-program checks
#                             need every file at once)
#   make analyze-clang-tidy   clang-tidy, checks cert-*, bugprone-* and
#                             clang-analyzer-*, warnings as errors, one run
#                             per lib/*.c; include/ketamine.h and
#                             lib/internal.h are checked through them
#                             (--header-filter)
#   make analyze-gcc          gcc -fanalyzer -Werror, one run per lib/*.c
#   make header-c11           include/ketamine.h compiled as C11 (gcc, clang)
#                             and C++11 (g++, clang++) with -Werror, every
#                             KET_ macro used (scripts/header-check.sh)
#
# What is analysed: lib/*.c, lib/internal.h and include/ketamine.h, with the
# flags of the real build (KET_STD, KET_WARNINGS, LIB_CPPFLAGS), so the
# analysers see the code the compiler sees.  examples/ and tests/ are not
# analysed (they are programs, not the library).
#
# Each tool's output is kept in $(ANALYZE_DIR) (cppcheck.log,
# clang-tidy/<file>.log, gcc/<file>.log) with a stamp per clean result: a
# file is analysed again when it, a header, this file or the suppressions
# file changes.  `make analyze-clean` forces a full rerun; the logs start with
# the tool's version, for the record.
#
# Suppressions.  A finding is fixed in the code, or, when it is a false
# positive, suppressed where it occurs (cppcheck: `// cppcheck-suppress id`
# on the line above, --inline-suppr is on; clang-tidy: `NOLINT(check)`;
# gcc: none) with a comment saying why.  The only suppressions outside the
# code are:
#   - cppcheck --suppress=missingIncludeSystem: cppcheck is not given the
#     system include paths (it would parse glibc), so <math.h> etc. are
#     "missing"; this is information, not a finding.
#   - scripts/cppcheck-suppressions.txt, a reason on the line above each
#     entry.
#   - the clang-tidy checks switched off below, a reason for each.
#
# Needs the Debian packages cppcheck (2.10 in Debian 12), clang-tidy (14)
# and gcc (12; -fanalyzer since gcc 10).  Run as root on a Debian-like
# machine, it installs the missing ones itself, like check-framework.

CPPCHECK ?= cppcheck
CLANG_TIDY ?= clang-tidy
ANALYZE_GCC ?= gcc
ANALYZE_DIR := $(BUILD)/analyze
ANALYZE_SUPPRESSIONS := scripts/cppcheck-suppressions.txt
# Every header a library source can include; any change re-analyses all.
ANALYZE_DEPS := $(HEADER) $(wildcard lib/*.h) mk/analyze.mk
ANALYZE_FLAGS := $(LIB_CPPFLAGS) $(KET_STD) $(KET_WARNINGS)

analyze_comma := ,
analyze_empty :=
analyze_space := $(analyze_empty) $(analyze_empty)
# clang-tidy: the three families asked for, minus these (one reason each):
#  bugprone-easily-swappable-parameters
#      flags every function with two adjacent parameters of convertible
#      types (28 hits in lib/ at 0.1.0).  On the public API the order is
#      the released contract of the header (ket_route_check(route,
#      preservative_free)) and cannot change; the internal helpers take
#      (value, limit), (from, to), (ordered, delivered) pairs whose names
#      say which is which.  C cannot give mg and kg distinct types short of
#      a struct per number; the library's answer is units in every name and
#      orders as structs with named fields (README "Units").
#  bugprone-implicit-widening-of-multiplication-result
#      flags every row-major index `i * KET_PK_STATE_MAX + j` in the PK
#      solver (18 hits in lib/pk_sim.c: an int product used as a pointer
#      offset).  Every such product is below KET_PK_DIM_MAX^2 = 324, far
#      from INT_MAX; the check is written for 64-bit size computations,
#      which the library does not make (KET_MAX_ITEMS bounds every array
#      length), and -Wconversion / -Wsign-conversion already police
#      narrowing and sign changes.
#  clang-analyzer-optin.performance.Padding
#      an opt-in speed hint (reorder fields to save padding), not a defect:
#      the one hit is 8 bytes per row of limits.c's 17-row static const rule
#      table, whose field order follows how a row reads.
ANALYZE_TIDY_CHECKS := -* cert-* bugprone-* clang-analyzer-* \
	-bugprone-easily-swappable-parameters \
	-bugprone-implicit-widening-of-multiplication-result \
	-clang-analyzer-optin.performance.Padding
ANALYZE_TIDY_CHECKS_ARG := $(subst $(analyze_space),$(analyze_comma),$(strip $(ANALYZE_TIDY_CHECKS)))

# Same options whatever the shell's directory layout: the header filter
# matches the project's own headers only, never the system's.
ANALYZE_TIDY_OPTS := -quiet --checks='$(ANALYZE_TIDY_CHECKS_ARG)' \
	--warnings-as-errors='*' --header-filter='(^|/)(include|lib)/[^/]*\.h$$'

ANALYZE_CPPCHECK_OPTS := --enable=all --inconclusive --error-exitcode=1 \
	--std=c99 --language=c --inline-suppr \
	--suppress=missingIncludeSystem \
	--suppressions-list=$(ANALYZE_SUPPRESSIONS) \
	-Iinclude -Ilib -DKET_BUILDING_LIBRARY -q \
	--template='{file}:{line}:{column}: {severity}: {message} [{id}]\n{code}'

ANALYZE_TIDY_STAMPS := $(patsubst lib/%.c,$(ANALYZE_DIR)/clang-tidy/%.ok,$(SRCS))
ANALYZE_GCC_STAMPS := $(patsubst lib/%.c,$(ANALYZE_DIR)/gcc/%.ok,$(SRCS))
ANALYZE_CPPCHECK_STAMP := $(ANALYZE_DIR)/cppcheck.ok

.PHONY: analyze analyze-cppcheck analyze-clang-tidy analyze-gcc \
	analyze-tools analyze-clean

analyze: analyze-cppcheck analyze-clang-tidy analyze-gcc
	@echo "analyze: OK (cppcheck, clang-tidy, gcc -fanalyzer: no finding in lib/ and include/)"

analyze-cppcheck: $(ANALYZE_CPPCHECK_STAMP)
analyze-clang-tidy: $(ANALYZE_TIDY_STAMPS)
analyze-gcc: $(ANALYZE_GCC_STAMPS)

analyze-clean:
	rm -rf $(ANALYZE_DIR)

# Installs the analysers when we are root on a Debian-like machine (CI),
# otherwise names what is missing in one line.
analyze-tools:
	@missing=; \
	command -v $(firstword $(CPPCHECK)) >/dev/null 2>&1 || missing="$$missing cppcheck"; \
	command -v $(firstword $(CLANG_TIDY)) >/dev/null 2>&1 || missing="$$missing clang-tidy"; \
	command -v $(firstword $(ANALYZE_GCC)) >/dev/null 2>&1 || missing="$$missing gcc"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make analyze: installing$$missing (apt-get install$$missing)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null </dev/null || exit 1; \
	  else \
	    echo "make analyze needs the Debian packages$$missing (apt-get install$$missing)" >&2; \
	    exit 1; \
	  fi; \
	fi

$(ANALYZE_DIR) $(ANALYZE_DIR)/clang-tidy $(ANALYZE_DIR)/gcc:
	mkdir -p $@

# $(call analyze_run,VERSION-COMMAND,COMMAND,WHAT): runs COMMAND with its
# output in the log beside the stamp $@ (after the tool's version and the
# command itself), prints the log and leaves no stamp when it fails, so the
# file is analysed again next time.
define analyze_run
	@rm -f $@
	@echo "analyze: $(3)"
	@{ $(1); echo '$$ $(subst ','\'',$(2))'; } > $(@:.ok=.log) 2>&1
	@$(2) >> $(@:.ok=.log) 2>&1 || \
	  { cat $(@:.ok=.log) >&2; \
	    echo "analyze: $(3): findings above (log: $(@:.ok=.log))" >&2; \
	    exit 1; }
	@touch $@
endef

$(ANALYZE_CPPCHECK_STAMP): $(SRCS) $(ANALYZE_DEPS) $(ANALYZE_SUPPRESSIONS) \
		| analyze-tools $(ANALYZE_DIR)
	$(call analyze_run,$(CPPCHECK) --version,$(CPPCHECK) $(ANALYZE_CPPCHECK_OPTS) lib include,cppcheck lib include)

$(ANALYZE_DIR)/clang-tidy/%.ok: lib/%.c $(ANALYZE_DEPS) \
		| analyze-tools $(ANALYZE_DIR)/clang-tidy
	$(call analyze_run,$(CLANG_TIDY) --version,$(CLANG_TIDY) $(ANALYZE_TIDY_OPTS) $< -- $(ANALYZE_FLAGS),clang-tidy $<)

# -fanalyzer runs in gcc's middle end, so the file is compiled (to an object
# nobody uses): -fsyntax-only would skip the analyser and pass silently.
$(ANALYZE_DIR)/gcc/%.ok: lib/%.c $(ANALYZE_DEPS) \
		| analyze-tools $(ANALYZE_DIR)/gcc
	$(call analyze_run,$(ANALYZE_GCC) --version | sed -n 1p,$(ANALYZE_GCC) $(ANALYZE_FLAGS) -fanalyzer -Werror -c $< -o $(@:.ok=.o),gcc -fanalyzer $<)

# ---------------------------------------------------------------- header-c11

# The header is C99 inside the library, but users compile it as they like:
# C11 with the brief's flags plus the project's warning set (so -Wundef,
# -Wconversion etc. hold for users too), C++11 with g++ and clang++ (the
# installcheck's header-cxx covers g++ only) with the C++ equivalents and
# -Wold-style-cast, since the macros expand in the user's code.
HEADER_C_COMPILERS ?= gcc clang
HEADER_CXX_COMPILERS ?= g++ clang++
HEADER_C_FLAGS := -std=c11 -Wall -Wextra -pedantic -Werror \
	$(filter-out -Wall -Wextra -Wpedantic,$(KET_WARNINGS))
HEADER_CXX_FLAGS := -std=c++11 -Wall -Wextra -pedantic -Werror -Wshadow \
	-Wconversion -Wsign-conversion -Wundef -Wcast-qual -Wold-style-cast \
	-Wzero-as-null-pointer-constant

.PHONY: header-c11
header-c11:
	C_COMPILERS='$(HEADER_C_COMPILERS)' CXX_COMPILERS='$(HEADER_CXX_COMPILERS)' \
	C_FLAGS='$(HEADER_C_FLAGS)' CXX_FLAGS='$(HEADER_CXX_FLAGS)' \
	  $(SHELL) scripts/header-check.sh $(HEADER) $(BUILD)/header-c11
	@echo "header-c11: OK (C11: $(HEADER_C_COMPILERS); C++11: $(HEADER_CXX_COMPILERS))"
