/*
 * threads.c - the header's THREAD SAFETY promise, tested: every public
 * function of <ketamine.h>, called from several threads at once, gives
 * bit for bit the results it gives single-threaded.
 *
 *   make threads   builds this with -fsanitize=thread (gcc and clang, the
 *                  library too) and runs it, then runs it without TSan
 *                  under valgrind --tool=helgrind on a sample of the calls
 *
 * The calls are the corpus of tests/corpus (every public function, normal
 * orders, boundaries, errors, NULL pointers, NaN and infinities).  First
 * every call is made once in the main thread and its text kept (statuses,
 * every double as its 64-bit pattern, integers, warnings, strings, report
 * findings and formatted reports).  Then THREADS threads, released together
 * by a barrier, each make every call ROUNDS times and compare each text
 * with the kept one.  In even rounds each thread walks the calls in its own
 * order (start and stride differ per thread), so different functions run at
 * the same moment with different inputs; in odd rounds every thread walks
 * them in the same order, so the same function runs at once in several
 * threads with the same inputs.
 *
 * Usage: threads [THREADS [ROUNDS [STEP]]]   (defaults 4, 2, 1).  STEP > 1
 * keeps every STEP-th input of each case only (input 0 of every case
 * always), for slow checkers such as helgrind.
 * Prints the number of calls compared; exit status 1 on any difference,
 * with the first ones printed (case, input, expected and actual text).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../corpus/corpus.h"

#define THREADS_MAX 64
#define REPORT_MAX 5   /* differences printed per thread */
#define SHOW_CHARS 300 /* of each text in a difference */

typedef struct call {
	const corpus_case *c;
	size_t input;
	char *text;    /* the single-threaded result */
	size_t len;
} call;

typedef struct worker {
	pthread_t tid;
	unsigned id;
	unsigned rounds;
	char *buf;
	size_t compared;
	size_t differences;
} worker;

static call *calls;
static size_t n_calls;
static unsigned n_threads;
static pthread_barrier_t start;
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL) {
		fprintf(stderr, "threads: out of memory\n");
		exit(EXIT_FAILURE);
	}
	return p;
}

/* The calls (every `step`-th input of each case, so every case stays),
 * with their single-threaded results. */
static int make_references(size_t step)
{
	char *buf = xmalloc(CORPUS_OUT_MAX);
	corpus_out o;
	size_t c, i, total = 0;

	for (c = 0; c < corpus_n_cases; c++)
		total += corpus_cases[c].count;
	calls = xmalloc(sizeof *calls * total);
	corpus_out_init(&o, buf, CORPUS_OUT_MAX, 0);
	for (c = 0; c < corpus_n_cases; c++) {
		for (i = 0; i < corpus_cases[c].count; i += step) {
			call *x;

			corpus_run(&corpus_cases[c], i, &o);
			if (o.overflow) {
				fprintf(stderr, "threads: %s #%zu: result too "
				        "long\n", corpus_cases[c].name, i);
				return -1;
			}
			x = &calls[n_calls++];
			x->c = &corpus_cases[c];
			x->input = i;
			x->len = o.len;
			x->text = xmalloc(o.len + 1);
			memcpy(x->text, buf, o.len + 1);
		}
	}
	free(buf);
	return 0;
}

static size_t gcd(size_t a, size_t b)
{
	while (b != 0) {
		size_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* A stride that visits every call once: coprime with n_calls. */
static size_t stride_for(unsigned id)
{
	static const size_t primes[] = { 1, 7919, 104729, 15485863, 613,
		2741, 49979687, 3571 };
	size_t s = primes[id % (sizeof primes / sizeof primes[0])] %
	           n_calls;

	if (s == 0)
		s = 1;
	while (gcd(s, n_calls) != 1)
		s++;
	return s;
}

static void report(const worker *w, const call *x, const corpus_out *o)
{
	pthread_mutex_lock(&print_lock);
	fprintf(stderr, "threads: thread %u: %s #%zu differs\n"
	        "  single-threaded: %.*s\n  in the thread:   %.*s%s\n",
	        w->id, x->c->name, x->input, SHOW_CHARS, x->text,
	        SHOW_CHARS, o->buf, o->overflow ? " (did not fit)" : "");
	pthread_mutex_unlock(&print_lock);
}

static void *work(void *arg)
{
	worker *w = arg;
	corpus_out o;
	unsigned r;
	size_t k;

	corpus_out_init(&o, w->buf, CORPUS_OUT_MAX, 0);
	(void)pthread_barrier_wait(&start);
	for (r = 0; r < w->rounds; r++) {
		int own = r % 2 == 0;
		size_t stride = own ? stride_for(w->id) : 1;
		size_t at = own ? n_calls / n_threads * w->id : 0;

		for (k = 0; k < n_calls; k++) {
			const call *x = &calls[at];

			corpus_run(x->c, x->input, &o);
			w->compared++;
			if (o.overflow || o.len != x->len ||
			    memcmp(o.buf, x->text, x->len) != 0) {
				if (w->differences++ < REPORT_MAX)
					report(w, x, &o);
			}
			at = (at + stride) % n_calls;
		}
	}
	return NULL;
}

static unsigned long arg_or(int argc, char **argv, int k, unsigned long def,
                            unsigned long max)
{
	char *end;
	unsigned long v;

	if (argc <= k)
		return def;
	v = strtoul(argv[k], &end, 10);
	if (*argv[k] == '\0' || *end != '\0' || v == 0 || v > max) {
		fprintf(stderr, "usage: threads [THREADS [ROUNDS [STEP]]] "
		        "(THREADS 1-%d, ROUNDS and STEP 1 or more)\n",
		        THREADS_MAX);
		exit(EXIT_FAILURE);
	}
	return v;
}

int main(int argc, char **argv)
{
	worker w[THREADS_MAX];
	unsigned rounds, t;
	size_t step, compared = 0, differences = 0;
	int failed = 0;

	n_threads = (unsigned)arg_or(argc, argv, 1, 4, THREADS_MAX);
	rounds = (unsigned)arg_or(argc, argv, 2, 2, 1000000);
	step = (size_t)arg_or(argc, argv, 3, 1, 1000000);
	if (make_references(step) != 0 || n_calls == 0)
		return EXIT_FAILURE;
	if (pthread_barrier_init(&start, NULL, n_threads) != 0) {
		fprintf(stderr, "threads: pthread_barrier_init failed\n");
		return EXIT_FAILURE;
	}
	for (t = 0; t < n_threads; t++) {
		w[t].id = t;
		w[t].rounds = rounds;
		w[t].buf = xmalloc(CORPUS_OUT_MAX);
		w[t].compared = 0;
		w[t].differences = 0;
		if (pthread_create(&w[t].tid, NULL, work, &w[t]) != 0) {
			fprintf(stderr, "threads: pthread_create failed\n");
			return EXIT_FAILURE;
		}
	}
	for (t = 0; t < n_threads; t++) {
		if (pthread_join(w[t].tid, NULL) != 0) {
			fprintf(stderr, "threads: pthread_join failed\n");
			failed = 1;
		}
		compared += w[t].compared;
		differences += w[t].differences;
		free(w[t].buf);
	}
	(void)pthread_barrier_destroy(&start);
	printf("threads: %u threads x %u rounds x %zu calls (%zu cases, "
	       "every public function): %zu results compared, %zu "
	       "differ\n", n_threads, rounds, n_calls, corpus_n_cases,
	       compared, differences);
	for (step = 0; step < n_calls; step++)
		free(calls[step].text);
	free(calls);
	if (failed || differences != 0 ||
	    compared != (size_t)n_threads * rounds * n_calls)
		return EXIT_FAILURE;
	return EXIT_SUCCESS;
}
