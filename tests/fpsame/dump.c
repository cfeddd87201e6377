/*
 * dump.c - prints the results of the whole call corpus (tests/corpus), one
 * output per line: "<case>#<input> <output> = <64-bit pattern> <%.17g>"
 * for doubles, the status, integers, warning bits and every string.
 *
 *   make fpsame   builds this against the library compiled by gcc and
 *                 clang at -O0 and -O2 (-ffp-contract=off, as the project
 *                 builds it) and requires the four dumps to be identical
 *
 * Usage: dump [FILE]   (default: standard output).  Exit status 1 if a
 * call's text did not fit or the output could not be written.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../corpus/corpus.h"

static char text[CORPUS_OUT_MAX];

int main(int argc, char **argv)
{
	FILE *f = stdout;
	corpus_out o;
	size_t c, i, calls = 0;
	int failed = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: dump [FILE]\n");
		return EXIT_FAILURE;
	}
	if (argc == 2 && (f = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return EXIT_FAILURE;
	}
	corpus_out_init(&o, text, sizeof text, 1);
	for (c = 0; c < corpus_n_cases; c++) {
		for (i = 0; i < corpus_cases[c].count; i++) {
			corpus_run(&corpus_cases[c], i, &o);
			if (o.overflow) {
				fprintf(stderr, "dump: %s #%zu: output too long\n",
				        corpus_cases[c].name, i);
				failed = 1;
			}
			fputs(text, f);
			calls++;
		}
	}
	fprintf(f, "calls %zu\n", calls);
	if (ferror(f) || (f != stdout && fclose(f) != 0)) {
		perror("dump: write");
		failed = 1;
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
