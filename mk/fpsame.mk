# mk/fpsame.mk - the same results from every compiler and optimisation.
#
#   make fpsame   Builds the library four ways, each in its own directory
#                 with the project's flags (-std=c99 -ffp-contract=off and
#                 the warnings) and one optimisation level:
#                   gcc -O0    $(BUILD)/fpsame-gcc-O0
#                   gcc -O2    $(BUILD)/fpsame-gcc-O2
#                   clang -O0  $(BUILD)/fpsame-clang-O0
#                   clang -O2  $(BUILD)/fpsame-clang-O2
#                 and in each builds tests/fpsame/dump.c (same compiler and
#                 flags) against the static and against the shared library.
#                 dump runs the call corpus of tests/corpus (about 47,000
#                 table-driven calls: every public function, so every one
#                 that returns doubles and every formatted string; normal
#                 orders, boundaries and errors) and prints every output
#                 double as its 64-bit pattern (and %.17g), every status,
#                 integer, warnings word, string and report.  The eight
#                 dumps must be byte for byte identical to the gcc -O0
#                 static one (tests/fpsame/compare.sh); any difference
#                 fails the target and is listed (function, input number,
#                 output, both bit patterns).  On success the common dump
#                 stays in $(BUILD)/fpsame-gcc-O0/fpsame/static.txt and its
#                 checksum in $(BUILD)/fpsame.txt; the identical copies are
#                 removed.  tests/corpus/coverage.sh checks that the corpus
#                 calls every public function.
#
# Needs gcc and clang.  Each build directory records the compiler and flags
# it was built with (fpsame.flags): when they change, it is rebuilt.

FPSAME_CONFIGS := gcc-O0 gcc-O2 clang-O0 clang-O2
FPSAME_DUMPS := $(foreach c,$(FPSAME_CONFIGS),\
	$(BUILD)/fpsame-$(c)/fpsame/static.txt \
	$(BUILD)/fpsame-$(c)/fpsame/shared.txt)

FPSAME_DIR = $(BUILD)/fpsame
FPSAME_CORPUS_OBJ = $(FPSAME_DIR)/corpus.o
FPSAME_STATIC_BIN = $(FPSAME_DIR)/dump-static
FPSAME_SHARED_BIN = $(FPSAME_DIR)/dump-shared

.PHONY: fpsame fpsame-one fpsame-flags-force \
	$(addprefix fpsame-,$(FPSAME_CONFIGS))

fpsame: $(addprefix fpsame-,$(FPSAME_CONFIGS))
	SUMMARY=$(BUILD)/fpsame.txt $(SHELL) tests/fpsame/compare.sh $(FPSAME_DUMPS)

# fpsame-gcc-O2: CC=gcc, -O2 after the project's flags.
$(addprefix fpsame-,$(FPSAME_CONFIGS)): fpsame-%:
	@command -v $(word 1,$(subst -, ,$*)) >/dev/null 2>&1 || { echo "make $@ needs $(word 1,$(subst -, ,$*))" >&2; exit 1; }
	$(MAKE) --no-print-directory fpsame-one KET_FPSAME_SUBMAKE=1 \
		CC=$(word 1,$(subst -, ,$*)) BUILD=$(BUILD)/fpsame-$* \
		CFLAGS="$(CFLAGS) -$(word 2,$(subst -, ,$*))"

# In the sub-make, where BUILD is one configuration's directory.
fpsame-one: $(FPSAME_STATIC_BIN) $(FPSAME_SHARED_BIN)
	$(SHELL) tests/corpus/coverage.sh $(HEADER) $(FPSAME_CORPUS_OBJ)
	$(FPSAME_STATIC_BIN) $(FPSAME_DIR)/static.txt
	LD_LIBRARY_PATH="$(abspath $(BUILD))$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" \
		$(FPSAME_SHARED_BIN) $(FPSAME_DIR)/shared.txt

$(FPSAME_DIR):
	mkdir -p $@

$(FPSAME_CORPUS_OBJ): tests/corpus/corpus.c tests/corpus/corpus.h $(HEADER) | $(FPSAME_DIR)
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) -c tests/corpus/corpus.c -o $@

$(FPSAME_STATIC_BIN): tests/fpsame/dump.c tests/corpus/corpus.h $(FPSAME_CORPUS_OBJ) $(STATIC_LIB) | $(FPSAME_DIR)
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
		tests/fpsame/dump.c $(FPSAME_CORPUS_OBJ) $(STATIC_LIB) -lm

# Linked by path to the unversioned symlink, as the check runner is.
$(FPSAME_SHARED_BIN): tests/fpsame/dump.c tests/corpus/corpus.h $(FPSAME_CORPUS_OBJ) $(SHARED_REAL) $(SHARED_LINKS) | $(FPSAME_DIR)
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
		tests/fpsame/dump.c $(FPSAME_CORPUS_OBJ) $(BUILD)/libketamine.so -lm

ifeq ($(KET_FPSAME_SUBMAKE),1)
FPSAME_STAMP := $(BUILD)/fpsame.flags
$(FPSAME_STAMP): fpsame-flags-force | $(BUILD)
	@printf '%s\n' '$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
$(STATIC_OBJS) $(SHARED_OBJS) $(FPSAME_CORPUS_OBJ) $(FPSAME_STATIC_BIN) \
$(FPSAME_SHARED_BIN): $(FPSAME_STAMP)
endif
