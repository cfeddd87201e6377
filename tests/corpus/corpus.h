/*
 * corpus.h - a fixed, deterministic set of calls to every public function
 * of <ketamine.h>, each with its outputs written out as text, shared by the
 * evidence programs:
 *
 *   tests/threads/threads.c  (make threads)  the corpus from several
 *                            threads at once, each result compared with
 *                            the one computed single-threaded
 *   tests/fpsame/dump.c      (make fpsame)   the corpus printed, for the
 *                            library built by gcc and clang at -O0 and -O2
 *
 * A case is one public function (or one aspect of it) with `count` inputs,
 * numbered 0..count-1; corpus_run() calls it with input i and writes every
 * output: statuses as integers, every double as its 64-bit pattern in hex
 * (so equal text means bitwise equal results, NaN payloads included),
 * integers, warnings bits, every string and every ket_report finding, and
 * the report formatted by ket_report_format.  Inputs come from tables and
 * integer arithmetic only, so they are the same in every build.
 *
 * Text: terse ("label=0x3ff0000000000000;") for the thread test; verbose
 * for the dump: one line per output, "<case>#<i> <label> = <bits> <%.17g>",
 * so a diff names the function, the input and the output that differ.
 */
#ifndef KET_TEST_CORPUS_H
#define KET_TEST_CORPUS_H

#include <stddef.h>

/* Largest text one call writes (a 601-sample simulation, verbose). */
#define CORPUS_OUT_MAX ((size_t)1 << 18)

typedef struct corpus_out {
	char *buf;
	size_t size;
	size_t len;
	int overflow;     /* the text did not fit: a failure */
	int verbose;      /* one line per output, with the decimal value */
	const char *name; /* of the case being run, for verbose lines */
	size_t index;     /* its input number */
} corpus_out;

typedef struct corpus_case {
	const char *name;  /* the function ("ket_infusion_rate") and an aspect */
	size_t count;      /* inputs 0..count-1 */
	void (*run)(size_t i, corpus_out *o);
} corpus_case;

extern const corpus_case corpus_cases[];
extern const size_t corpus_n_cases;

/* buf must hold `size` bytes; the text is NUL-terminated when it fits. */
void corpus_out_init(corpus_out *o, char *buf, size_t size, int verbose);

/* Clears o, runs input i of case c into it. */
void corpus_run(const corpus_case *c, size_t i, corpus_out *o);

#endif /* KET_TEST_CORPUS_H */
