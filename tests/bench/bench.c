/*
 * bench.c - how fast libketamine is, on one core.
 *
 *   make bench      (builds this against the static library at -O2, runs it)
 *
 * Prints calls per second for the core dosing functions, then the
 * pharmacokinetic figure the project states: 24 h of Domino 1984 (70 kg)
 * with an IV bolus, an IV infusion and three oral doses, sampled every
 * second (86,401 times 0, 1/60, 2/60, ... min), timed over repeated runs
 * (median and minimum per run); the same at 1-minute resolution; and a 24 h
 * TCI plan at 10 s steps.  Target: under 1 ms per 24 h / 1 s simulation.
 *
 * Every result is summed into a volatile sink so the compiler cannot drop
 * a call; every status is checked.  Timing: clock_gettime(CLOCK_MONOTONIC).
 * The throughput figures include one indirect call per iteration (the
 * harness), about a nanosecond.  The program never calls setlocale, so
 * printf writes '.' decimals.
 */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ketamine.h>

#define ROUNDS 5                 /* throughput: median of this many rounds */
#define ROUND_S 0.1              /* each at least this long */
#define BATCH 1024               /* calls between clock reads */
#define PK_BUDGET_S 2.0          /* repeated PK runs: about this long */
#define PK_MIN_RUNS 11
#define PK_MAX_RUNS 1001
#define DAY_MIN 1440
#define SAMPLES_1S (DAY_MIN * 60 + 1)   /* 86,401 */
#define SAMPLES_1MIN (DAY_MIN + 1)
#define TCI_STEPS (DAY_MIN * 6)         /* 24 h at 10 s */

static volatile double sink;

static double t_1s[SAMPLES_1S], c_1s[SAMPLES_1S];
static double t_1min[SAMPLES_1MIN], c_1min[SAMPLES_1MIN];
static double tci_target[TCI_STEPS], tci_rate[TCI_STEPS], tci_conc[TCI_STEPS];
static double run_ms[PK_MAX_RUNS];

static ket_limits limits;
static ket_pk_params domino;

/* IV bolus, 24 h IV infusion, three oral doses (the pk_plot example). */
static const ket_pk_dose regimen[] = {
	{ .start_min = 0.0, .mg = 25.0, .duration_min = 0.0,
	  .route = KET_ROUTE_IV },
	{ .start_min = 0.0, .mg = 168.0, .duration_min = 1440.0,
	  .route = KET_ROUTE_IV },
	{ .start_min = 240.0, .mg = 50.0, .duration_min = 0.0,
	  .route = KET_ROUTE_ORAL },
	{ .start_min = 720.0, .mg = 50.0, .duration_min = 0.0,
	  .route = KET_ROUTE_ORAL },
	{ .start_min = 1200.0, .mg = 50.0, .duration_min = 0.0,
	  .route = KET_ROUTE_ORAL },
};
#define N_REGIMEN (sizeof regimen / sizeof regimen[0])

static double now_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("bench: clock_gettime");
		exit(EXIT_FAILURE);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void check(ket_status st, const char *what)
{
	if (st != KET_OK) {
		fprintf(stderr, "bench: %s: %s (%s)\n", what,
		        ket_status_name(st), ket_strerror(st));
		exit(EXIT_FAILURE);
	}
}

/* ------------------------------------------------ one call per function.
 * Each varies its input with i, so no call can be hoisted out of the
 * loop, and returns a number that depends on the result. */

static double call_infusion_rate(unsigned i)
{
	ket_infusion_order o = {
		.weight_kg = 70.0, .dose = 0.05 + 0.01 * (double)(i & 7u),
		.dose_unit = KET_UNIT_MG_PER_KG_PER_H,
		.concentration_mg_per_ml = 1.0, .pump_step_ml_per_h = 0.1,
		.route = KET_ROUTE_IV, .form = KET_FORM_RACEMIC,
	};
	ket_infusion r;

	check(ket_infusion_rate(&o, &limits, &r, NULL), "ket_infusion_rate");
	return r.rate_ml_per_h;
}

static double call_bolus_dose(unsigned i)
{
	ket_bolus_order o = {
		.weight_kg = 70.0,
		.dose_mg_per_kg = 0.1 + 0.01 * (double)(i & 7u),
		.concentration_mg_per_ml = 1.0, .syringe_step_ml = 0.1,
		.route = KET_ROUTE_IV, .form = KET_FORM_RACEMIC,
	};
	ket_bolus r;

	check(ket_bolus_dose(&o, &limits, &r, NULL), "ket_bolus_dose");
	return r.volume_ml;
}

static double call_rate_convert(unsigned i)
{
	double out;

	check(ket_rate_convert(0.1 + 0.01 * (double)(i & 7u),
	                       KET_UNIT_MG_PER_KG_PER_H,
	                       KET_UNIT_MCG_PER_KG_PER_MIN, 70.0, &out),
	      "ket_rate_convert");
	return out;
}

static double call_rate_convert_weight(unsigned i)
{
	double out;

	check(ket_rate_convert(0.1 + 0.01 * (double)(i & 7u),
	                       KET_UNIT_MG_PER_KG_PER_H, KET_UNIT_MG_PER_H,
	                       70.0, &out),
	      "ket_rate_convert");
	return out;
}

static double call_parse_decimal(unsigned i)
{
	static const char *const text[8] = { "70", "0.15", "12.5", "1000.25",
	                                      "-3.75", "0.0001", "350",
	                                      "123.456" };
	double out;

	check(ket_parse_decimal(text[i & 7u], &out), "ket_parse_decimal");
	return out;
}

static double call_format_dose(unsigned i)
{
	static const double value[8] = { 0.5, 12.625, 1234.5, 7.0, 0.125,
	                                 168.0, 25.75, 0.05 };
	char buf[32];

	check(ket_format_dose(value[i & 7u], 2, "mg", 0, buf, sizeof buf),
	      "ket_format_dose");
	return (double)(unsigned char)buf[0];
}

static double call_route_equivalent(unsigned i)
{
	ket_equivalent r;

	check(ket_route_equivalent(10.0 + (double)(i & 7u), KET_ROUTE_IV,
	                           KET_ROUTE_ORAL, KET_BASIS_KETAMINE, &r),
	      "ket_route_equivalent");
	return r.mg;
}

static double call_pk_params_for(unsigned i)
{
	ket_patient p = { .weight_kg = 60.0 + (double)(i & 7u),
	                  .height_cm = 0.0, .age_years = KET_AGE_UNKNOWN,
	                  .sex = KET_SEX_UNSPECIFIED };
	ket_pk_params r;

	check(ket_pk_params_for(KET_PK_DOMINO_1984, &p, &r),
	      "ket_pk_params_for");
	return r.v1_l;
}

typedef struct bench_fn {
	const char *name;
	double (*call)(unsigned i);
} bench_fn;

static const bench_fn functions[] = {
	{ "ket_infusion_rate", call_infusion_rate },
	{ "ket_bolus_dose", call_bolus_dose },
	{ "ket_rate_convert (per kg)", call_rate_convert },
	{ "ket_rate_convert (weight)", call_rate_convert_weight },
	{ "ket_parse_decimal", call_parse_decimal },
	{ "ket_format_dose", call_format_dose },
	{ "ket_route_equivalent", call_route_equivalent },
	{ "ket_pk_params_for", call_pk_params_for },
};

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Calls per second: the median of ROUNDS rounds of at least ROUND_S. */
static double calls_per_s(const bench_fn *fn)
{
	double rate[ROUNDS];
	unsigned i = 0;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		double start = now_s(), elapsed, acc = 0.0;
		unsigned long calls = 0;
		int k;

		do {
			for (k = 0; k < BATCH; k++)
				acc += fn->call(i++);
			calls += BATCH;
			elapsed = now_s() - start;
		} while (elapsed < ROUND_S);
		sink += acc;
		rate[r] = (double)calls / elapsed;
	}
	return median(rate, ROUNDS);
}

/* 12345678.9 -> "12,345,679": the eye compares magnitudes faster. */
static const char *grouped(double v, char *buf, size_t size)
{
	char digits[32];
	size_t n, i, j = 0;

	snprintf(digits, sizeof digits, "%.0f", v);
	n = strlen(digits);
	for (i = 0; i < n && j + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return buf;
}

static void print_throughput(void)
{
	char buf[40];
	size_t i;

	printf("%-28s %15s %10s\n", "function", "calls/s", "ns/call");
	for (i = 0; i < sizeof functions / sizeof functions[0]; i++) {
		double cps = calls_per_s(&functions[i]);

		printf("%-28s %15s %10.1f\n", functions[i].name,
		       grouped(cps, buf, sizeof buf), 1e9 / cps);
	}
}

/* ------------------------------------------------- pharmacokinetics */

typedef void (*pk_job)(void);

static void job_sim_1s(void)
{
	check(ket_pk_simulate(&domino, regimen, N_REGIMEN, t_1s, SAMPLES_1S,
	                      c_1s), "ket_pk_simulate (1 s)");
	sink += c_1s[SAMPLES_1S - 1];
}

static void job_sim_1min(void)
{
	check(ket_pk_simulate(&domino, regimen, N_REGIMEN, t_1min,
	                      SAMPLES_1MIN, c_1min), "ket_pk_simulate (1 min)");
	sink += c_1min[SAMPLES_1MIN - 1];
}

static void job_tci(void)
{
	check(ket_tci_plan(&domino, tci_target, TCI_STEPS, 10.0, 100.0,
	                   tci_rate, tci_conc), "ket_tci_plan");
	sink += tci_rate[TCI_STEPS - 1] + tci_conc[TCI_STEPS - 1];
}

/* One warm-up run, then enough runs for about PK_BUDGET_S. */
static void time_job(const char *name, const char *detail, pk_job job)
{
	double start = now_s(), first, best;
	size_t n, i;

	job();
	first = now_s() - start;
	n = first > 0.0 ? (size_t)(PK_BUDGET_S / first) : PK_MAX_RUNS;
	if (n < PK_MIN_RUNS)
		n = PK_MIN_RUNS;
	if (n > PK_MAX_RUNS)
		n = PK_MAX_RUNS;
	for (i = 0; i < n; i++) {
		start = now_s();
		job();
		run_ms[i] = (now_s() - start) * 1e3;
	}
	best = run_ms[0];
	for (i = 1; i < n; i++)
		if (run_ms[i] < best)
			best = run_ms[i];
	printf("%-34s %-22s %6zu %11.3f %11.3f\n", name, detail, n,
	       median(run_ms, n), best);
}

static void setup_pk(void)
{
	ket_patient p = { .weight_kg = 70.0, .height_cm = 0.0,
	                  .age_years = KET_AGE_UNKNOWN,
	                  .sex = KET_SEX_UNSPECIFIED };
	size_t i;

	check(ket_pk_params_for(KET_PK_DOMINO_1984, &p, &domino),
	      "ket_pk_params_for");
	for (i = 0; i < SAMPLES_1S; i++)
		t_1s[i] = (double)i / 60.0;
	for (i = 0; i < SAMPLES_1MIN; i++)
		t_1min[i] = (double)i;
	/* 100 ng/mL for 12 h, then 150 ng/mL. */
	for (i = 0; i < TCI_STEPS; i++)
		tci_target[i] = i < TCI_STEPS / 2 ? 100.0 : 150.0;
}

static void print_pk(void)
{
	ket_pk_summary s;

	printf("\n%-34s %-22s %6s %11s %11s\n", "pharmacokinetics",
	       "samples", "runs", "median ms", "min ms");
	time_job("ket_pk_simulate 24 h at 1 s", "86,401, 5 doses",
	         job_sim_1s);
	time_job("ket_pk_simulate 24 h at 1 min", "1,441, 5 doses",
	         job_sim_1min);
	time_job("ket_tci_plan 24 h at 10 s", "8,640 steps", job_tci);
	check(ket_pk_summarize(t_1s, c_1s, SAMPLES_1S, 70.0, &s),
	      "ket_pk_summarize");
	printf("\ncheck: Domino 1984, 70 kg: C(24 h) = %.4f ng/mL at 1 s and "
	       "%.4f at 1 min;\n       peak %.1f ng/mL at %.2f min, %.1f min "
	       "at or above 70 ng/mL\n", c_1s[SAMPLES_1S - 1],
	       c_1min[SAMPLES_1MIN - 1], s.peak_ng_per_ml, s.peak_time_min,
	       s.time_above_min);
}

int main(void)
{
	check(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA, &limits),
	      "ket_limits_for_profile");
	setup_pk();
	printf("libketamine %s bench, one core", ket_version_string());
#ifdef __VERSION__
	printf(", compiler %s", __VERSION__);
#endif
	printf("\n\n");
	print_throughput();
	print_pk();
	return EXIT_SUCCESS;
}
