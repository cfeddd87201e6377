# mk/abi.mk - `make abi-check`: the shared library's ABI against the last
# release's, with libabigail (abidw, abidiff).
#
#   make abi-check      build the shared library with -g in $(ABI_BUILD),
#                       write its ABI (abidw) to $(ABI_BUILD), compare it
#                       with the committed baseline (abidiff) and fail on an
#                       incompatible change, unless KET_VERSION_MAJOR in the
#                       header differs from the baseline's major version
#   make abi-baseline   write the baseline from the library built from this
#                       tree: at a release only (below)
#
# The baseline: abi/libketamine.so.MAJOR.abi, abidw's XML description of
# every exported function and of every type reachable from one (struct
# layouts, field offsets, enumerator values, parameter types), and
# abi/VERSION, the release it was taken from (one line, e.g. 0.1.0).
#
# What passes: no change; added functions (and exported variables), which
# abi/compatible.abignore suppresses; what libabigail itself classes as
# harmless (an enumerator appended at the end, a typedef renamed to the
# same type).  What fails: everything else abidiff reports, e.g. a function
# removed, a parameter or return type changed, a field added, removed,
# moved or retyped in a released struct (every ket_* struct is allocated by
# the caller, so its size is ABI), an enumerator renumbered, the SONAME
# changed.  Such a change is accepted only when the header's
# KET_VERSION_MAJOR differs from the baseline's major: the break is then
# announced by the version and the SONAME.  The full diff, additions
# included, is printed either way and kept in $(ABI_BUILD).
#
# Refreshing the baseline at a release (RELEASING.md, "ABI"), after the
# version bump in the header and the release checks, in the release commit:
#
#     make abi-check        # must pass, or the major version must change
#     make abi-baseline     # writes abi/libketamine.so.MAJOR.abi and
#                           # abi/VERSION, removes a baseline of an older
#                           # major
#     git add -f abi/ && git commit ...   (with the release commit; -f
#                           # because .gitignore's *.so.* matches the name)
#
# Never refresh it between releases to make abi-check pass: the baseline is
# the released ABI that programs in the field were built against.
# The baseline is taken with gcc (ABI_CC) and -g -O2 (ABI_CFLAGS); the check
# uses the same, so compiler-dependent debug information does not differ.
#
# Needs the Debian packages abigail-tools (abidw, abidiff; 2.2 in Debian 12)
# and binutils (readelf); run as root on a Debian-like machine it installs
# abigail-tools itself, like check-framework.

ABIDW ?= abidw
ABIDIFF ?= abidiff
READELF ?= readelf
ABI_CC ?= gcc
ABI_CFLAGS ?= -g -O2
ABI_BUILD := $(BUILD)/abi
ABI_LIB := $(ABI_BUILD)/libketamine.so.$(VERSION)
ABI_CURRENT := $(ABI_BUILD)/libketamine.so.$(MAJOR).abi
ABI_VERSION_FILE := abi/VERSION
ABI_SUPPRESSIONS := abi/compatible.abignore
# The baseline's version and file, read when the recipe runs (abi/VERSION
# may not exist yet before the first abi-baseline).
ABI_BASE_VERSION = $(shell sed -n '1{s/[[:space:]]//g;p;}' $(ABI_VERSION_FILE) 2>/dev/null)
ABI_BASE_MAJOR = $(firstword $(subst ., ,$(ABI_BASE_VERSION)))
ABI_BASELINE = abi/libketamine.so.$(ABI_BASE_MAJOR).abi
# Exported interfaces only, types from the public header only, no absolute
# paths (the corpus and compilation directories differ between machines),
# type ids by hash so a refreshed baseline diffs readably.
ABIDW_OPTS := --headers-dir include --drop-private-types \
	--exported-interfaces-only --no-corpus-path --no-comp-dir-path \
	--type-id-style hash

.PHONY: abi-check abi-baseline abi-lib abi-tools

abi-tools:
	@if ! command -v $(ABIDW) >/dev/null 2>&1 || ! command -v $(ABIDIFF) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make abi-check: installing abigail-tools (apt-get install abigail-tools)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends abigail-tools >/dev/null </dev/null || exit 1; \
	  else \
	    echo "make abi-check needs abidw and abidiff: install the Debian package 'abigail-tools' (apt-get install abigail-tools)" >&2; \
	    exit 1; \
	  fi; \
	fi
	@command -v $(READELF) >/dev/null 2>&1 || \
	  { echo "make abi-check needs readelf: install the Debian package 'binutils'" >&2; exit 1; }

# Its own build directory and flags, so -g never leaks into the release
# build and the user's CFLAGS/CPPFLAGS/LDFLAGS (say -s) cannot change the
# ABI description.
abi-lib:
	$(MAKE) --no-print-directory BUILD=$(ABI_BUILD) CC=$(ABI_CC) \
		CFLAGS='$(ABI_CFLAGS)' CPPFLAGS= LDFLAGS= shared

abi-check: abi-tools abi-lib
	ABIDW='$(ABIDW)' ABIDIFF='$(ABIDIFF)' READELF='$(READELF)' \
	ABIDW_OPTS='$(ABIDW_OPTS)' \
	  $(SHELL) scripts/abi-check.sh '$(ABI_BASELINE)' '$(ABI_BASE_VERSION)' \
	  $(ABI_LIB) $(ABI_CURRENT) $(VERSION) $(ABI_SUPPRESSIONS)

abi-baseline: abi-tools abi-lib
	@$(READELF) --section-headers $(ABI_LIB) | grep -q '\.debug_info' || \
	  { echo "abi-baseline: $(ABI_LIB) has no debug information (ABI_CFLAGS needs -g)" >&2; exit 1; }
	$(ABIDW) $(ABIDW_OPTS) --out-file abi/libketamine.so.$(MAJOR).abi $(ABI_LIB)
	echo $(VERSION) > $(ABI_VERSION_FILE)
	@for f in abi/libketamine.so.*.abi; do \
	  [ "$$f" = abi/libketamine.so.$(MAJOR).abi ] || { echo "rm -f $$f"; rm -f "$$f"; }; \
	done
	@echo "abi-baseline: abi/libketamine.so.$(MAJOR).abi and $(ABI_VERSION_FILE) ($(VERSION)) written; commit them with the release"

# Evidence that the check can fail: scripts/abi-selftest.sh edits throwaway
# copies of the tree (a field appended, a type widened, an array grown, a
# status renumbered, a function removed: must fail; a function added, a
# status appended, a break with a new major version: must pass) and runs
# make abi-check in each.  About a minute; not part of abi-check.
.PHONY: abi-selftest
abi-selftest: abi-tools
	MAKE='$(MAKE)' $(SHELL) scripts/abi-selftest.sh
