# mk/threads.mk - the header's THREAD SAFETY promise, tested.
#
#   make threads   tests/threads/threads.c calls every public function of
#                  include/ketamine.h (the call corpus of tests/corpus:
#                  about 47,000 calls; tests/corpus/coverage.sh checks with
#                  nm that the corpus calls every KET_API function) first
#                  single-threaded, then from THREADS_N threads at once for
#                  THREADS_ROUNDS rounds, each thread comparing every result
#                  bit for bit (every double's bit pattern, every status,
#                  integer, string and report) with the single-threaded one.
#                  It is run:
#                    1. built by gcc with -fsanitize=thread, the library too
#                       ($(BUILD)/tsan-gcc);
#                    2. built by clang with -fsanitize=thread
#                       ($(BUILD)/tsan-clang);
#                    3. built without TSan (-g, $(BUILD)/helgrind) under
#                       valgrind --tool=helgrind --error-exitcode=1, on
#                       every THREADS_HELGRIND_STEP-th input of each case
#                       (every case, about 11,700 calls; helgrind is some
#                       25 times slower: THREADS_HELGRIND_STEP=1 runs them
#                       all in about 35 s of CPU).
#                  TSAN_OPTIONS=halt_on_error=1: a data race report ends the
#                  program with an error.  Any report, any difference or a
#                  missing function fails the target.
#
# Needs gcc, clang (libclang-rt-14-dev for clang's TSan runtime), libtsan2
# (gcc's) and valgrind.  Each build directory records the compiler and
# flags it was built with (threads.flags): when they change, it is rebuilt.

THREADS_N ?= 4
THREADS_ROUNDS ?= 2
THREADS_HELGRIND_N ?= 4
THREADS_HELGRIND_STEP ?= 4
THREADS_TSAN_FLAGS := -fsanitize=thread -g
THREADS_TSAN_OPTIONS := halt_on_error=1:second_deadlock_stack=1
VALGRIND ?= valgrind
# TSan runs go through `setarch -R` (no address randomisation) where it
# works: the TSan runtimes of gcc 12 and clang 14 fail to start ("unexpected
# memory mapping") on kernels with vm.mmap_rnd_bits = 32; detection is not
# affected.
THREADS_NO_ASLR = $$(setarch "$$(uname -m)" -R true 2>/dev/null && echo setarch "$$(uname -m)" -R)

THREADS_BIN = $(BUILD)/threads/threads
THREADS_CORPUS_OBJ = $(BUILD)/threads/corpus.o

.PHONY: threads threads-gcc threads-clang threads-helgrind threads-one \
	threads-helgrind-one threads-flags-force

threads: threads-gcc threads-clang threads-helgrind
	@echo "threads: OK (TSan under gcc and clang, helgrind; results bitwise equal to single-threaded)"

threads-gcc threads-clang: threads-%:
	@command -v $* >/dev/null 2>&1 || { echo "make $@ needs $* (apt-get install $*)" >&2; exit 1; }
	$(MAKE) --no-print-directory threads-one KET_THREADS_SUBMAKE=1 CC=$* \
		BUILD=$(BUILD)/tsan-$* CFLAGS="$(CFLAGS) $(THREADS_TSAN_FLAGS)" \
		LDFLAGS="$(LDFLAGS) $(THREADS_TSAN_FLAGS)"

threads-helgrind:
	@command -v $(VALGRIND) >/dev/null 2>&1 || { echo "make $@ needs valgrind (apt-get install valgrind)" >&2; exit 1; }
	$(MAKE) --no-print-directory threads-helgrind-one KET_THREADS_SUBMAKE=1 \
		BUILD=$(BUILD)/helgrind CFLAGS="$(CFLAGS) -g"

# In the sub-makes, where BUILD is the build directory of one run.
threads-one: $(THREADS_BIN)
	$(SHELL) tests/corpus/coverage.sh $(HEADER) $(THREADS_CORPUS_OBJ)
	TSAN_OPTIONS=$(THREADS_TSAN_OPTIONS) $(THREADS_NO_ASLR) $(THREADS_BIN) \
		$(THREADS_N) $(THREADS_ROUNDS)

threads-helgrind-one: $(THREADS_BIN)
	$(SHELL) tests/corpus/coverage.sh $(HEADER) $(THREADS_CORPUS_OBJ)
	$(VALGRIND) -q --tool=helgrind --error-exitcode=1 $(THREADS_BIN) \
		$(THREADS_HELGRIND_N) 2 $(THREADS_HELGRIND_STEP)

$(BUILD)/threads:
	mkdir -p $@

$(THREADS_CORPUS_OBJ): tests/corpus/corpus.c tests/corpus/corpus.h $(HEADER) | $(BUILD)/threads
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) $(CFLAGS) -c tests/corpus/corpus.c -o $@

$(THREADS_BIN): tests/threads/threads.c tests/corpus/corpus.h $(THREADS_CORPUS_OBJ) $(STATIC_LIB) | $(BUILD)/threads
	$(CC) $(USER_CPPFLAGS) $(CPPFLAGS) $(KET_CFLAGS) -pthread $(CFLAGS) $(LDFLAGS) -o $@ \
		tests/threads/threads.c $(THREADS_CORPUS_OBJ) $(STATIC_LIB) -lm

ifeq ($(KET_THREADS_SUBMAKE),1)
THREADS_STAMP := $(BUILD)/threads.flags
$(THREADS_STAMP): threads-flags-force | $(BUILD)
	@printf '%s\n' '$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
$(STATIC_OBJS) $(THREADS_CORPUS_OBJ) $(THREADS_BIN): $(THREADS_STAMP)
endif
