# libketamine - plain GNU make build (after lz4's and zstd's lib/Makefile).
#
#   make                  static + shared library and ketamine.pc in build/
#   make check            the Check suites against the static and the shared
#                         library (zlib's practice), then ketcalc end to end
#                         (tests/ketcalc_test.sh)
#   make demo             build and run examples/dosing_sheet.c, and
#                         examples/pk_plot.c's default regimen into
#                         build/ketamine_pk.csv and build/ketamine_pk.svg
#   make examples         build every examples/*.c into build/examples/
#   make install          PREFIX DESTDIR LIBDIR INCLUDEDIR PKGCONFIGDIR BINDIR
#                         honoured; ketcalc goes to BINDIR
#   make uninstall
#   make installcheck     stage an install, build examples/embed.c against it
#                         through pkg-config (shared and static), check the
#                         header as C++ and the exported symbols; build and
#                         run examples/minimal.c, the C++, CMake and Python
#                         examples and read the man pages from the stage
#   make mancheck         every man page renders without a warning (groff
#                         -ww, man -l) and agrees with the header
#   make strict           library, tests, examples and the bench with -Werror
#                         under gcc and clang (build/strict-gcc, build/strict-clang)
#   make bench            build tests/bench/bench.c against the static library
#                         (-O2) and run it: calls/s and the PK timings
#   make clean
#
# User CFLAGS, CPPFLAGS and LDFLAGS come after ours, so a packager can
# override anything (make CFLAGS='-O3 -g').  -Werror is only used by strict.
# Everything built goes below $(BUILD) (default build/).

# Version: one source of truth, the macros in include/ketamine.h.
HEADER := include/ketamine.h
ket_version = $(shell sed -n 's/^.*define[[:blank:]][[:blank:]]*KET_VERSION_$(1)[[:blank:]][[:blank:]]*\([0-9][0-9]*\).*$$/\1/p' $(HEADER))
MAJOR := $(call ket_version,MAJOR)
MINOR := $(call ket_version,MINOR)
PATCH := $(call ket_version,PATCH)
ifeq ($(MAJOR),)
$(error cannot read KET_VERSION_MAJOR from $(HEADER))
endif
ifeq ($(MINOR),)
$(error cannot read KET_VERSION_MINOR from $(HEADER))
endif
ifeq ($(PATCH),)
$(error cannot read KET_VERSION_PATCH from $(HEADER))
endif
VERSION := $(MAJOR).$(MINOR).$(PATCH)

# Installation directories.
PREFIX ?= /usr/local
EXEC_PREFIX ?= $(PREFIX)
LIBDIR ?= $(EXEC_PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# BINDIR receives ketcalc (examples/ketcalc.c); MANDIR receives man/.
BINDIR ?= $(EXEC_PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
INSTALL ?= install

# CC defaults to cc (GNU make's built-in default), CXX to g++.
PKG_CONFIG ?= pkg-config
BUILD ?= build

# -ffp-contract=off: no fused multiply-add, so results do not change in the
# last bit between machines (STYLE.md).  Never -ffast-math.
KET_STD := -std=c99 -O2 -ffp-contract=off
KET_WARNINGS := -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wdouble-promotion \
	-Wfloat-equal -Wcast-qual -Wundef -Wvla -Wwrite-strings -Wswitch-enum
KET_CFLAGS := $(KET_STD) $(KET_WARNINGS)
LIB_CPPFLAGS := -Iinclude -Ilib -DKET_BUILDING_LIBRARY
# Tests and examples see only the public header, like a user.
USER_CPPFLAGS := -Iinclude
DEPFLAGS = -MMD -MP

SRCS := $(sort $(wildcard lib/*.c))
STATIC_OBJS := $(patsubst lib/%.c,$(BUILD)/static/%.o,$(SRCS))
SHARED_OBJS := $(patsubst lib/%.c,$(BUILD)/shared/%.o,$(SRCS))

STATIC_LIB := $(BUILD)/libketamine.a
SONAME := libketamine.so.$(MAJOR)
SHARED_REAL := $(BUILD)/libketamine.so.$(VERSION)
SHARED_LINKS := $(BUILD)/$(SONAME) $(BUILD)/libketamine.so
PC_FILE := $(BUILD)/ketamine.pc

TEST_SRCS := $(sort $(wildcard tests/check_*.c))
TEST_OBJS := $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(TEST_SRCS))
TEST_STATIC := $(BUILD)/tests/check_static
TEST_SHARED := $(BUILD)/tests/check_shared
# Evaluated when the recipe runs, after check-framework may have installed
# Check.
CHECK_CFLAGS = $$($(PKG_CONFIG) --cflags check)
CHECK_LIBS = $$($(PKG_CONFIG) --libs check)

EXAMPLE_SRCS := $(sort $(wildcard examples/*.c))
EXAMPLE_BINS := $(patsubst examples/%.c,$(BUILD)/examples/%,$(EXAMPLE_SRCS))
# The command-line front end: installed in BINDIR, tested by make check.
KETCALC := $(BUILD)/examples/ketcalc

# Every man page, the one-line ".so" link pages included.
MAN1_PAGES := $(sort $(wildcard man/man1/*.1))
MAN3_PAGES := $(sort $(wildcard man/man3/*.3))

.PHONY: all lib static shared pc check check-framework tests demo examples \
	install uninstall installcheck strict strict-gcc strict-clang strict-one \
	header-cxx bench mancheck clean
.DELETE_ON_ERROR:

all: static shared pc
lib: static shared
static: $(STATIC_LIB)
shared: $(SHARED_REAL) $(SHARED_LINKS)
pc: $(PC_FILE)

$(BUILD)/static/%.o: lib/%.c | $(BUILD)/static
	$(CC) $(LIB_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/shared/%.o: lib/%.c | $(BUILD)/shared
	$(CC) $(LIB_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) -fPIC -fvisibility=hidden $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(STATIC_LIB): $(STATIC_OBJS)
	@test -n "$(SRCS)" || { echo "no sources in lib/" >&2; exit 1; }
	rm -f $@
	$(AR) rcs $@ $^

$(SHARED_REAL): $(SHARED_OBJS)
	@test -n "$(SRCS)" || { echo "no sources in lib/" >&2; exit 1; }
	$(CC) $(KET_CFLAGS) -fPIC $(CFLAGS) $(LDFLAGS) -shared \
		-Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ $^ -lm

$(BUILD)/$(SONAME): $(SHARED_REAL)
	ln -sf $(notdir $<) $@

$(BUILD)/libketamine.so: $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

# .PHONY like zstd's: `make install PREFIX=/usr` must never install a .pc
# generated earlier for /usr/local.  Directories below the prefix are written
# relative to ${prefix} so PKG_CONFIG_SYSROOT_DIR and --define-prefix work.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
.PHONY: $(PC_FILE)
$(PC_FILE): ketamine.pc.in | $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(PC_LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' \
	    ketamine.pc.in > $@

$(BUILD) $(BUILD)/static $(BUILD)/shared $(BUILD)/tests $(BUILD)/examples \
$(BUILD)/bench:
	mkdir -p $@

# ---------------------------------------------------------------- tests

# Installs Check when we are root on a Debian-like machine (CI), otherwise
# says what is missing in one line.
check-framework:
	@if ! $(PKG_CONFIG) --exists check 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make check: installing the Check unit test framework (apt-get install check pkg-config)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq check pkg-config >/dev/null </dev/null || exit 1; \
	    $(PKG_CONFIG) --exists check || { echo "make check: Check still not found by pkg-config" >&2; exit 1; }; \
	  else \
	    echo "make check needs the Check unit test framework: install the Debian package 'check' (apt-get install check pkg-config)" >&2; \
	    exit 1; \
	  fi; \
	fi

# The tests keep the full warning set: Check's macros come from a system
# header, so they do not trip it.
$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/tests check-framework
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(CHECK_CFLAGS) $(KET_CFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(TEST_STATIC): $(TEST_OBJS) $(STATIC_LIB)
	$(CC) $(KET_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJS) $(STATIC_LIB) $(CHECK_LIBS) -lm

# Linked by path to the unversioned symlink: records NEEDED libketamine.so.MAJOR
# and cannot pick up an installed copy.
$(TEST_SHARED): $(TEST_OBJS) $(SHARED_REAL) $(SHARED_LINKS)
	$(CC) $(KET_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJS) $(BUILD)/libketamine.so $(CHECK_LIBS) -lm

tests: $(TEST_STATIC) $(TEST_SHARED)

# Every run always happens; check fails if any fails.
check: check-framework tests $(KETCALC)
	@status=0; \
	echo "== check: static library ($(TEST_STATIC))"; \
	$(TEST_STATIC) || status=1; \
	echo "== check: shared library ($(TEST_SHARED))"; \
	LD_LIBRARY_PATH="$(abspath $(BUILD))$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" $(TEST_SHARED) || status=1; \
	echo "== check: ketcalc end to end (tests/ketcalc_test.sh $(KETCALC))"; \
	bash tests/ketcalc_test.sh $(KETCALC) || status=1; \
	if [ $$status -ne 0 ]; then echo "make check: FAILED" >&2; fi; \
	exit $$status

# ---------------------------------------------------------------- examples

# Examples link the static library, so they run without LD_LIBRARY_PATH.
$(BUILD)/examples/%: examples/%.c $(STATIC_LIB) $(HEADER) | $(BUILD)/examples
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(STATIC_LIB) -lm

examples: $(EXAMPLE_BINS)

PK_CSV := $(BUILD)/ketamine_pk.csv
PK_SVG := $(BUILD)/ketamine_pk.svg

demo: $(BUILD)/examples/dosing_sheet $(BUILD)/examples/pk_plot
	$(BUILD)/examples/dosing_sheet
	@echo
	$(BUILD)/examples/pk_plot --csv $(PK_CSV) --svg $(PK_SVG)
	@echo "demo: concentration-time curve of the default regimen in $(PK_CSV) and $(PK_SVG)"

# ---------------------------------------------------------------- bench

# -O2 comes from KET_STD; user CFLAGS still come last.
BENCH_BIN := $(BUILD)/bench/bench

$(BENCH_BIN): tests/bench/bench.c $(STATIC_LIB) $(HEADER) | $(BUILD)/bench
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(STATIC_LIB) -lm

bench: $(BENCH_BIN)
	$(BENCH_BIN)

# ---------------------------------------------------------------- install

install: all $(KETCALC)
	$(INSTALL) -d -m 755 "$(DESTDIR)$(INCLUDEDIR)" "$(DESTDIR)$(LIBDIR)" "$(DESTDIR)$(PKGCONFIGDIR)"
	$(INSTALL) -m 644 $(HEADER) "$(DESTDIR)$(INCLUDEDIR)/ketamine.h"
	$(INSTALL) -m 644 $(STATIC_LIB) "$(DESTDIR)$(LIBDIR)/libketamine.a"
	$(INSTALL) -m 755 $(SHARED_REAL) "$(DESTDIR)$(LIBDIR)/libketamine.so.$(VERSION)"
	ln -sf libketamine.so.$(VERSION) "$(DESTDIR)$(LIBDIR)/$(SONAME)"
	ln -sf $(SONAME) "$(DESTDIR)$(LIBDIR)/libketamine.so"
	$(INSTALL) -m 644 $(PC_FILE) "$(DESTDIR)$(PKGCONFIGDIR)/ketamine.pc"
	$(INSTALL) -d -m 755 "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/man3"
	$(if $(MAN1_PAGES),$(INSTALL) -m 644 $(MAN1_PAGES) "$(DESTDIR)$(MANDIR)/man1")
	$(if $(MAN3_PAGES),$(INSTALL) -m 644 $(MAN3_PAGES) "$(DESTDIR)$(MANDIR)/man3")
	$(INSTALL) -d -m 755 "$(DESTDIR)$(BINDIR)"
	$(INSTALL) -m 755 $(KETCALC) "$(DESTDIR)$(BINDIR)/ketcalc"

uninstall:
	rm -f "$(DESTDIR)$(INCLUDEDIR)/ketamine.h" \
	      "$(DESTDIR)$(LIBDIR)/libketamine.a" \
	      "$(DESTDIR)$(LIBDIR)/libketamine.so.$(VERSION)" \
	      "$(DESTDIR)$(LIBDIR)/$(SONAME)" \
	      "$(DESTDIR)$(LIBDIR)/libketamine.so" \
	      "$(DESTDIR)$(PKGCONFIGDIR)/ketamine.pc"
	rm -f $(foreach p,$(MAN1_PAGES),"$(DESTDIR)$(MANDIR)/man1/$(notdir $(p))") \
	      $(foreach p,$(MAN3_PAGES),"$(DESTDIR)$(MANDIR)/man3/$(notdir $(p))")
	rm -f "$(DESTDIR)$(BINDIR)/ketcalc"

# Installs into a staging DESTDIR with the configured PREFIX/LIBDIR/...,
# checks the installed copy (tests/installcheck.sh), then uninstalls and
# checks that nothing is left behind.
STAGE = $(abspath $(BUILD))/stage
installcheck: all mancheck
	rm -rf "$(STAGE)"
	$(MAKE) --no-print-directory install DESTDIR="$(STAGE)"
	CC="$(CC)" CXX="$(CXX)" PKG_CONFIG="$(PKG_CONFIG)" MANDIR="$(MANDIR)" \
	  $(SHELL) tests/installcheck.sh "$(STAGE)" "$(LIBDIR)" "$(INCLUDEDIR)" \
	  "$(PKGCONFIGDIR)" "$(VERSION)" "$(abspath $(BUILD))/installcheck"
	$(MAKE) --no-print-directory uninstall DESTDIR="$(STAGE)"
	@left=$$(find "$(STAGE)" ! -type d); \
	if [ -n "$$left" ]; then echo "uninstall left: $$left" >&2; exit 1; fi
	rm -rf "$(STAGE)"
	@echo "installcheck: OK"

# The man pages: groff -ww (and man -l, with man-db) without a warning, a
# page for every function, prototypes and types exactly as in the header,
# ketcalc(1) against `ketcalc --help`.
mancheck: $(KETCALC)
	$(SHELL) tests/mancheck.sh $(HEADER) man "$(abspath $(BUILD))/mancheck" $(KETCALC)

# ---------------------------------------------------------------- strict

# Each compiler gets its own build directory so objects never mix (and
# `make -k strict` still tries clang when gcc fails).
strict: strict-gcc strict-clang
	@echo "strict: OK (gcc and clang, -Werror)"

strict-gcc:
	$(MAKE) --no-print-directory strict-one CC=gcc CXX=g++ BUILD=$(BUILD)/strict-gcc CFLAGS="$(CFLAGS) -Werror"

strict-clang:
	$(MAKE) --no-print-directory strict-one CC=clang CXX=clang++ BUILD=$(BUILD)/strict-clang CFLAGS="$(CFLAGS) -Werror"

strict-one: all tests examples $(BENCH_BIN) header-cxx check

# The public header must be warning-free as C++ (extern "C" guards).
header-cxx: | $(BUILD)
	printf '#include <ketamine.h>\n' > $(BUILD)/header_cxx.cpp
	$(CXX) -std=c++11 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header_cxx.cpp

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/static/*.d $(BUILD)/shared/*.d $(BUILD)/tests/*.d)

# Evidence targets (sanitizers, coverage, fuzzing, analysis, mutation, ABI)
# live in one fragment each under mk/, so each concern has its own file.
include $(sort $(wildcard mk/*.mk))
