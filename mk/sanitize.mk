# mk/sanitize.mk - the Check suites under the sanitizers and under valgrind.
#
#   make sanitize   The whole Check suite (tests/check_*.c) with the library
#                   and the tests compiled and linked with
#                     -fsanitize=address,undefined,float-divide-by-zero,
#                     float-cast-overflow -fno-sanitize-recover=all
#                     -fno-omit-frame-pointer -g
#                   (-O2 -ffp-contract=off and the project's warnings as
#                   always), once by gcc in $(BUILD)/asan-gcc and once by
#                   clang in $(BUILD)/asan-clang.  Each build's static runner
#                   is run twice:
#                     1. as `make check` runs it, every test in its own
#                        forked process (CK_FORK=yes, Check's default), with
#                        ASAN_OPTIONS=abort_on_error=0:halt_on_error=1:
#                        detect_leaks=0;
#                     2. CK_FORK=no, the whole suite in one process, with
#                        LeakSanitizer on (detect_leaks=1): one leak check
#                        at exit instead of one per forked test (2,500
#                        leak checks take a minute; the code run is the
#                        same).
#                   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1.  Any
#                   sanitizer report ends its process with status 1, which
#                   fails the test (run 1) or the run (run 2), so the target
#                   fails; the report is on stderr.  gcc 12 implements
#                   float-cast-overflow too, so both compilers get it.
#   make valgrind   The suite with CK_FORK=no under valgrind's memcheck
#                   (--error-exitcode=1 --leak-check=full, every leak kind
#                   but "still reachable" an error), against the static and
#                   the shared library, built with -g in $(BUILD)/valgrind.
#                   Any memcheck error or leak fails the target.
#
# The shared-library runner is not used under the sanitizers: clang links
# the ASan runtime into executables only, so a sanitized libketamine.so
# cannot satisfy the project's -Wl,--no-undefined.  The static runner runs
# the same library code (the shared build differs by -fPIC and visibility),
# and `make valgrind` runs both.
#
# Each build directory records the compiler and flags it was built with
# (sanitize.flags): when they change, everything in it is rebuilt.
# Needs gcc, clang (libclang-rt-14-dev for clang's runtimes), libasan8,
# libubsan1, valgrind and Check.

SAN_FLAGS := -fsanitize=address,undefined,float-divide-by-zero,float-cast-overflow \
	-fno-sanitize-recover=all -fno-omit-frame-pointer -g
SAN_ASAN_OPTIONS := abort_on_error=0:halt_on_error=1
SAN_UBSAN_OPTIONS := halt_on_error=1:print_stacktrace=1
# The runs go through `setarch -R` (no address randomisation) where it
# works: the sanitizer runtimes of gcc 12 and clang 14 can fail to start
# on kernels with vm.mmap_rnd_bits = 32; detection is not affected.
SAN_NO_ASLR = $$(setarch "$$(uname -m)" -R true 2>/dev/null && echo setarch "$$(uname -m)" -R)
VALGRIND ?= valgrind
VALGRIND_FLAGS := --error-exitcode=1 --leak-check=full \
	--show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible

.PHONY: sanitize sanitize-gcc sanitize-clang sanitize-one valgrind \
	valgrind-one sanitize-flags-force

sanitize: sanitize-gcc sanitize-clang
	@echo "sanitize: OK (ASan + UBSan, gcc and clang, forked and CK_FORK=no with LeakSanitizer)"

sanitize-gcc sanitize-clang: sanitize-%:
	@command -v $* >/dev/null 2>&1 || { echo "make $@ needs $* (apt-get install $*)" >&2; exit 1; }
	$(MAKE) --no-print-directory sanitize-one KET_SAN_SUBMAKE=1 CC=$* \
		BUILD=$(BUILD)/asan-$* CFLAGS="$(CFLAGS) $(SAN_FLAGS)" \
		LDFLAGS="$(LDFLAGS) $(SAN_FLAGS)"

# Runs in the sub-make, where BUILD is the sanitizer's build directory.
sanitize-one: check-framework $(TEST_STATIC)
	@echo "== sanitize: $(CC), every test forked ($(TEST_STATIC))"
	CK_FORK=yes ASAN_OPTIONS=$(SAN_ASAN_OPTIONS):detect_leaks=0 \
	UBSAN_OPTIONS=$(SAN_UBSAN_OPTIONS) $(SAN_NO_ASLR) $(TEST_STATIC)
	@echo "== sanitize: $(CC), CK_FORK=no, LeakSanitizer on"
	CK_FORK=no ASAN_OPTIONS=$(SAN_ASAN_OPTIONS):detect_leaks=1 \
	UBSAN_OPTIONS=$(SAN_UBSAN_OPTIONS) $(SAN_NO_ASLR) $(TEST_STATIC)

valgrind:
	@command -v $(VALGRIND) >/dev/null 2>&1 || { echo "make valgrind needs valgrind (apt-get install valgrind)" >&2; exit 1; }
	$(MAKE) --no-print-directory valgrind-one KET_SAN_SUBMAKE=1 \
		BUILD=$(BUILD)/valgrind CFLAGS="$(CFLAGS) -g"
	@echo "valgrind: OK (memcheck, static and shared, CK_FORK=no)"

valgrind-one: check-framework $(TEST_STATIC) $(TEST_SHARED)
	@echo "== valgrind: static library ($(TEST_STATIC))"
	CK_FORK=no $(VALGRIND) -q $(VALGRIND_FLAGS) $(TEST_STATIC)
	@echo "== valgrind: shared library ($(TEST_SHARED))"
	CK_FORK=no LD_LIBRARY_PATH="$(abspath $(BUILD))$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" \
		$(VALGRIND) -q $(VALGRIND_FLAGS) $(TEST_SHARED)

# In the sub-makes only: objects depend on a file holding the compiler and
# flags, rewritten only when they change.
ifeq ($(KET_SAN_SUBMAKE),1)
SAN_STAMP := $(BUILD)/sanitize.flags
$(SAN_STAMP): sanitize-flags-force | $(BUILD)
	@printf '%s\n' '$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
$(STATIC_OBJS) $(SHARED_OBJS) $(TEST_OBJS) $(TEST_STATIC) $(TEST_SHARED): \
	$(SAN_STAMP)
endif
