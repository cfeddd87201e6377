/*
 * fuzz_pk.c - libFuzzer harness for the pharmacokinetic functions:
 * ket_pk_params_for, ket_pk_simulate (up to 6 doses, 8 times),
 * ket_pk_summarize (up to 8 samples) and ket_tci_plan (up to 8 steps).
 * Parameters come from ket_pk_params_for for a fuzzed patient, from such a
 * set with one field replaced, or entirely from fuzz bytes.
 *
 * Invariants:
 *  - the status the header's order of checks gives (NULL, lengths,
 *    non-finite, ranges, dose by dose for ket_pk_simulate); after them only
 *    KET_E_RANGE for a result that overflowed;
 *  - ket_pk_params_for: KET_OK gives finite positive volumes, clearances
 *    and rate constants, the derived set consistent (k10 = CL / V1, ...),
 *    two-compartment models with exact zeros for the third compartment;
 *  - ket_pk_simulate: KET_OK gives finite concentrations that are never
 *    negative, exactly 0 before the first dose, D / V1 for an IV bolus of D
 *    at its own time, and twice as much for twice every dose (the model is
 *    linear);
 *  - ket_pk_summarize: the peak is the first largest sample, AUC the
 *    trapezoid sum, time above within the sampled span; KET_E_RANGE only
 *    for sums that overflow;
 *  - ket_tci_plan: rates within [0, max], concentrations never negative and
 *    on target wherever the rate is not clamped, and (for a model's own
 *    parameters) reproduced by replaying the rates through
 *    ket_pk_simulate as IV infusions (1e-9 relative + 1e-9 ng/mL, API.md);
 *  - any error: every output NaN (compartments and warnings 0).
 */
#include "fuzz_common.h"

#define MAX_DOSES 6
#define MAX_TIMES 8

enum { FN_PARAMS, FN_SIMULATE, FN_SUMMARIZE, FN_TCI, FN_COUNT };

static struct {
	int fn;
	int32_t model;
	ket_patient patient;
	ket_pk_params pk;
	int pk_from_model;
	ket_pk_dose doses[MAX_DOSES];
	size_t n_doses;
	double times[MAX_TIMES], conc[MAX_TIMES], extra[MAX_TIMES];
	size_t n_times;
	double threshold, step_s, max_rate;
	ket_status st;
} in;

static void print_params(const ket_pk_params *p)
{
	fz_print_int("compartments", p->compartments);
	fz_print("v1_l", p->v1_l);
	fz_print("v2_l", p->v2_l);
	fz_print("v3_l", p->v3_l);
	fz_print("cl_l_per_min", p->cl_l_per_min);
	fz_print("q2_l_per_min", p->q2_l_per_min);
	fz_print("q3_l_per_min", p->q3_l_per_min);
	fz_print("k10_per_min", p->k10_per_min);
	fz_print("k12_per_min", p->k12_per_min);
	fz_print("k21_per_min", p->k21_per_min);
	fz_print("k13_per_min", p->k13_per_min);
	fz_print("k31_per_min", p->k31_per_min);
	fz_print_int("warnings", p->warnings);
}

static void dump(void)
{
	static const char *const names[FN_COUNT] = {
		"ket_pk_params_for", "ket_pk_simulate", "ket_pk_summarize",
		"ket_tci_plan",
	};
	char name[64];
	size_t i;

	fprintf(stderr, " function: %s, status %s\n", names[in.fn],
	        ket_status_name(in.st));
	fz_print_int("model", in.model);
	fz_print("patient weight_kg", in.patient.weight_kg);
	fz_print("patient height_cm", in.patient.height_cm);
	fz_print("patient age_years", in.patient.age_years);
	fz_print_int("patient sex", in.patient.sex);
	fprintf(stderr, " parameters (%s):\n",
	        in.pk_from_model ? "ket_pk_params_for" : "fuzzed");
	print_params(&in.pk);
	for (i = 0; i < in.n_doses; i++) {
		fprintf(stderr, " dose %zu:\n", i);
		fz_print("start_min", in.doses[i].start_min);
		fz_print("mg", in.doses[i].mg);
		fz_print("duration_min", in.doses[i].duration_min);
		fz_print_int("route", in.doses[i].route);
	}
	for (i = 0; i < in.n_times; i++) {
		snprintf(name, sizeof name, "time/target [%zu]", i);
		fz_print(name, in.times[i]);
		snprintf(name, sizeof name, "  concentration [%zu]", i);
		fz_print(name, in.conc[i]);
		snprintf(name, sizeof name, "  rate / 2x run [%zu]", i);
		fz_print(name, in.extra[i]);
	}
	fz_print("threshold", in.threshold);
	fz_print("step_s", in.step_s);
	fz_print("max_rate_mg_per_h", in.max_rate);
}

/* An exact-size heap copy (at least 1 byte), so that ASan sees any read or
 * write past the n elements the library was given. */
static void *copy_of(const void *v, size_t bytes)
{
	void *p = malloc(bytes > 0 ? bytes : 1);

	if (p == NULL)
		abort();
	memcpy(p, v, bytes);
	return p;
}

/* ---- parameters ---------------------------------------------------------- */

static double *param_field(ket_pk_params *p, unsigned i)
{
	switch (i % 11) {
	case 0: return &p->v1_l;
	case 1: return &p->v2_l;
	case 2: return &p->v3_l;
	case 3: return &p->cl_l_per_min;
	case 4: return &p->q2_l_per_min;
	case 5: return &p->q3_l_per_min;
	case 6: return &p->k10_per_min;
	case 7: return &p->k12_per_min;
	case 8: return &p->k21_per_min;
	case 9: return &p->k13_per_min;
	default: return &p->k31_per_min;
	}
}

static void fuzz_patient(fz *f)
{
	in.model = fz_enum(f);
	in.patient.weight_kg = fz_double(f);
	in.patient.height_cm = fz_double(f);
	in.patient.age_years = fz_double(f);
	in.patient.sex = fz_enum(f);
}

static ket_status expect_params(int32_t model, const ket_patient *p)
{
	if (!fz_finite(p->weight_kg) || !fz_finite(p->height_cm) ||
	    !fz_finite(p->age_years))
		return KET_E_NOT_FINITE;
	if (model < KET_PK_DOMINO_1984 || model > KET_PK_KAMP_2020 ||
	    p->sex < KET_SEX_UNSPECIFIED || p->sex > KET_SEX_MALE)
		return KET_E_RANGE;
	if (p->weight_kg < KET_WEIGHT_KG_MIN ||
	    p->weight_kg > KET_WEIGHT_KG_MAX)
		return KET_E_WEIGHT;
	if (p->age_years > KET_AGE_YEARS_MAX)
		return KET_E_RANGE;
	if (model == KET_PK_HERD_2007 && p->age_years < 0.0)
		return KET_E_NO_DATA;
	return KET_OK;
}

static void check_params_ok(const ket_pk_params *p, int32_t model,
                            const ket_patient *pat)
{
	int three = p->compartments == 3;
	double w = pat->weight_kg, age = pat->age_years;
	int outside;
	unsigned i;

	FZ_CHECK(p->compartments == 2 || three, "compartments not 2 or 3");
	FZ_CHECK(three == (model == KET_PK_DOMINO_1984 ||
	                   model == KET_PK_KAMP_2020),
	         "the wrong number of compartments for the model");
	for (i = 0; i < 11; i++) {
		double v = *param_field((ket_pk_params *)(uintptr_t)p, i);
		int third = i == 2 || i == 5 || i == 9 || i == 10;

		FZ_CHECK(fz_finite(v), "KET_OK with a non-finite parameter");
		if (third && !three)
			FZ_CHECK(fz_same_bits(v, 0.0),
			         "a two-compartment model with a third "
			         "compartment not exactly 0");
		else
			FZ_CHECK(v > 0.0, "a parameter not above 0");
	}
	FZ_CHECK(fz_close(p->k10_per_min, p->cl_l_per_min / p->v1_l, 1e-12,
	                  0.0) &&
	         fz_close(p->k12_per_min, p->q2_l_per_min / p->v1_l, 1e-12,
	                  0.0) &&
	         fz_close(p->k21_per_min, p->q2_l_per_min / p->v2_l, 1e-12,
	                  0.0),
	         "k10, k12 or k21 not CL / V1, Q2 / V1, Q2 / V2");
	if (three)
		FZ_CHECK(fz_close(p->k13_per_min, p->q3_l_per_min / p->v1_l,
		                  1e-12, 0.0) &&
		         fz_close(p->k31_per_min, p->q3_l_per_min / p->v3_l,
		                  1e-12, 0.0),
		         "k13 or k31 not Q3 / V1, Q3 / V3");
	if (model == KET_PK_HERD_2007)
		outside = w < 10.8 || w > 74.8 || age < 1.0 || age > 14.0;
	else
		outside = w < 40.0 || w > 140.0 || (age >= 0.0 && age < 18.0);
	FZ_CHECK((p->warnings == KET_W_OUTSIDE_MODEL) == outside &&
	         (p->warnings & ~KET_W_OUTSIDE_MODEL) == 0,
	         "KET_W_OUTSIDE_MODEL differs from the model's population");
}

static void check_params_failed(const ket_pk_params *p)
{
	unsigned i;

	FZ_CHECK(p->compartments == 0 && p->warnings == 0,
	         "an error left compartments or warnings");
	for (i = 0; i < 11; i++)
		FZ_CHECK(isnan(*param_field((ket_pk_params *)(uintptr_t)p, i)),
		         "an error left a parameter that is not NaN");
}

static void fuzz_params(fz *f)
{
	ket_pk_params out;
	ket_status st;

	fuzz_patient(f);
	st = in.st = ket_pk_params_for((ket_pk_model)in.model, &in.patient,
	                               &out);
	in.pk = out;
	FZ_CHECK(st == expect_params(in.model, &in.patient),
	         "not the status of the documented order");
	if (st == KET_OK)
		check_params_ok(&out, in.model, &in.patient);
	else
		check_params_failed(&out);
	FZ_CHECK(ket_pk_params_for((ket_pk_model)in.model, NULL, &out) ==
	         KET_E_NULL, "NULL patient");
	check_params_failed(&out);
	FZ_CHECK(ket_pk_params_for((ket_pk_model)in.model, &in.patient,
	                           NULL) == KET_E_NULL, "NULL output");
}

/* Parameters for a simulation or a plan: a model's (mostly), a model's
 * with one field replaced, or every field fuzzed. */
static void fuzz_pk_params(fz *f)
{
	unsigned mode = fz_byte(f) % 4, i;

	fuzz_patient(f);
	if (mode < 3 && ket_pk_params_for((ket_pk_model)in.model, &in.patient,
	                                  &in.pk) == KET_OK) {
		in.pk_from_model = mode < 2;
		if (mode == 2) {
			i = fz_byte(f) % 12;
			if (i == 11)
				in.pk.compartments = fz_enum(f);
			else
				*param_field(&in.pk, i) = fz_double(f);
		}
		return;
	}
	in.pk.compartments = fz_enum(f);
	for (i = 0; i < 11; i++)
		*param_field(&in.pk, i) = fz_double(f);
	in.pk.warnings = (uint32_t)fz_enum(f);
}

static int params_finite(const ket_pk_params *p)
{
	unsigned i;

	for (i = 0; i < 11; i++) {
		if (!fz_finite(*param_field((ket_pk_params *)(uintptr_t)p, i)))
			return 0;
	}
	return 1;
}

static int params_in_range(const ket_pk_params *p)
{
	if (p->compartments != 2 && p->compartments != 3)
		return 0;
	if (!(p->v1_l > 0.0) || !(p->k10_per_min > 0.0) ||
	    !(p->k12_per_min > 0.0) || !(p->k21_per_min > 0.0))
		return 0;
	return p->compartments == 2 ||
	       (p->k13_per_min > 0.0 && p->k31_per_min > 0.0);
}

/* ---- ket_pk_simulate ----------------------------------------------------- */

static int has_ketamine_data(int32_t route)
{
	return route >= KET_ROUTE_IV && route <= KET_ROUTE_RECTAL;
}

static ket_status expect_simulate(const ket_pk_params *p,
                                  const ket_pk_dose *d, size_t nd,
                                  const double *t, size_t nt)
{
	double previous = 0.0;
	size_t i;

	if (!params_finite(p))
		return KET_E_NOT_FINITE;
	for (i = 0; i < nd; i++) {
		if (!fz_finite(d[i].start_min) || !fz_finite(d[i].mg) ||
		    !fz_finite(d[i].duration_min))
			return KET_E_NOT_FINITE;
	}
	if (!fz_all_finite(t, nt))
		return KET_E_NOT_FINITE;
	if (!params_in_range(p))
		return KET_E_RANGE;
	for (i = 0; i < nd; i++) {
		if (d[i].route < KET_ROUTE_IV ||
		    d[i].route > KET_ROUTE_INTRATHECAL)
			return KET_E_ROUTE;
		if (!has_ketamine_data(d[i].route))
			return KET_E_NO_DATA;
		if (d[i].duration_min < 0.0 ||
		    (d[i].duration_min > 0.0 && d[i].route != KET_ROUTE_IV &&
		     d[i].route != KET_ROUTE_SC))
			return KET_E_RANGE;
		if (!(d[i].mg > 0.0))
			return KET_E_DOSE;
		if (d[i].start_min < 0.0 || d[i].start_min < previous)
			return KET_E_RANGE;
		previous = d[i].start_min;
	}
	previous = 0.0;
	for (i = 0; i < nt; i++) {
		if (t[i] < 0.0 || t[i] < previous)
			return KET_E_RANGE;
		previous = t[i];
	}
	return KET_OK;
}

/* Concentrations for the same regimen with every dose doubled. */
static ket_status simulate_doubled(double *conc2)
{
	ket_pk_dose d2[MAX_DOSES];
	size_t i;

	for (i = 0; i < in.n_doses; i++) {
		d2[i] = in.doses[i];
		d2[i].mg *= 2.0;
	}
	return ket_pk_simulate(&in.pk, d2, in.n_doses, in.times, in.n_times,
	                       conc2);
}

static void check_simulation_ok(const double *conc)
{
	const ket_pk_dose *first = &in.doses[0];
	size_t i;

	FZ_CHECK(fz_all_finite(conc, in.n_times),
	         "KET_OK with a non-finite concentration");
	for (i = 0; i < in.n_times; i++) {
		FZ_CHECK(!(conc[i] < 0.0), "a negative concentration");
		if (in.n_doses == 0 || in.times[i] < first->start_min)
			FZ_CHECK(fz_same_bits(conc[i], 0.0),
			         "a concentration before the first dose that "
			         "is not exactly 0");
		/* An IV bolus alone at its time: D / V1 at once. */
		if (in.n_doses > 0 && first->route == KET_ROUTE_IV &&
		    !(first->start_min + first->duration_min >
		      first->start_min) &&
		    (in.n_doses == 1 ||
		     in.doses[1].start_min > first->start_min) &&
		    fz_eq(in.times[i], first->start_min)) {
			double bolus = first->mg / in.pk.v1_l * 1000.0;

			FZ_CHECK(fz_close(conc[i], bolus, 1e-12, FZ_TINY),
			         "an IV bolus of D mg at t does not give "
			         "D / V1 at t");
		}
	}
}

static void fuzz_simulate(fz *f)
{
	double *conc, conc2[MAX_TIMES];
	unsigned shape;
	ket_status want, st, st2;
	size_t i;

	fuzz_pk_params(f);
	shape = fz_byte(f);
	in.n_doses = fz_size(f, MAX_DOSES);
	in.n_times = fz_size(f, MAX_TIMES);
	/* shape & 1: starts and times as increments, so mostly sorted. */
	for (i = 0; i < in.n_doses; i++) {
		ket_pk_dose *d = &in.doses[i];

		d->start_min = fz_double(f);
		if ((shape & 1) && i > 0)
			d->start_min += in.doses[i - 1].start_min;
		d->mg = fz_double(f);
		d->duration_min = (shape & 2) ? fz_double(f) : 0.0;
		d->route = fz_enum(f);
	}
	for (i = 0; i < in.n_times; i++) {
		in.times[i] = fz_double(f);
		if ((shape & 1) && i > 0)
			in.times[i] += in.times[i - 1];
	}
	/* Exactly n_times outputs, so ASan sees any write past them. */
	conc = malloc((in.n_times > 0 ? in.n_times : 1) * sizeof *conc);
	if (conc == NULL)
		abort();
	if (shape & 4) { /* NULL pointers and an oversized length */
		st = ket_pk_simulate(NULL, in.doses, in.n_doses, in.times,
		                     in.n_times, conc);
		FZ_CHECK(st == KET_E_NULL && fz_all_nan(conc, in.n_times),
		         "NULL parameters not KET_E_NULL with NaN");
		st = ket_pk_simulate(&in.pk, in.doses, in.n_doses, in.times,
		                     in.n_times, NULL);
		FZ_CHECK(st == (in.n_times > 0 ? KET_E_NULL : st),
		         "NULL concentrations not KET_E_NULL");
		st = ket_pk_simulate(&in.pk, in.doses, in.n_doses, in.times,
		                     (size_t)KET_MAX_ITEMS + 1, conc);
		FZ_CHECK(st == KET_E_RANGE, "n_times above KET_MAX_ITEMS");
	}
	{
		ket_pk_dose *d = copy_of(in.doses, in.n_doses * sizeof *d);
		double *t = copy_of(in.times, in.n_times * sizeof *t);

		st = in.st = ket_pk_simulate(&in.pk, in.n_doses > 0 ? d : NULL,
		                             in.n_doses,
		                             in.n_times > 0 ? t : NULL,
		                             in.n_times,
		                             in.n_times > 0 ? conc : NULL);
		free(d);
		free(t);
	}
	memcpy(in.conc, conc, in.n_times * sizeof *conc);
	want = expect_simulate(&in.pk, in.doses, in.n_doses, in.times,
	                       in.n_times);
	FZ_CHECK(st == want || (want == KET_OK && st == KET_E_RANGE),
	         "not the status of the documented order");
	if (st != KET_OK) {
		FZ_CHECK(fz_all_nan(conc, in.n_times),
		         "an error left a concentration that is not NaN");
		free(conc);
		return;
	}
	check_simulation_ok(conc);
	st2 = simulate_doubled(conc2);
	memcpy(in.extra, conc2, in.n_times * sizeof *conc2);
	if (st2 == KET_OK) {
		/* Amounts below 1e-290 mg are denormal or close: they carry
		 * too few digits for a relative comparison. */
		double tiny = fmax(FZ_TINY, 1e-290 / in.pk.v1_l * 1000.0);

		for (i = 0; i < in.n_times; i++)
			FZ_CHECK(fz_close(conc2[i], 2.0 * conc[i], 1e-12, tiny),
			         "doubling every dose does not double the "
			         "concentration (the model is linear)");
	}
	free(conc);
}

/* ---- ket_pk_summarize ---------------------------------------------------- */

static void fuzz_summarize(fz *f)
{
	ket_pk_summary s;
	unsigned shape = fz_byte(f);
	size_t n = in.n_times = fz_size(f, MAX_TIMES), i, peak = 0;
	long double auc = 0.0L, big = 0.0L;
	ket_status st, want = KET_OK;
	double span;

	for (i = 0; i < n; i++) {
		in.times[i] = fz_double(f);
		if ((shape & 1) && i > 0)
			in.times[i] += in.times[i - 1];
		in.conc[i] = fz_double(f);
	}
	in.threshold = fz_double(f);
	{
		double *t = copy_of(in.times, n * sizeof *t);
		double *c = copy_of(in.conc, n * sizeof *c);

		st = in.st = ket_pk_summarize(t, c, n, in.threshold, &s);
		free(t);
		free(c);
	}
	FZ_CHECK(ket_pk_summarize(in.times, in.conc, n, in.threshold, NULL) ==
	         KET_E_NULL, "NULL output");
	if (n == 0)
		want = KET_E_RANGE;
	else if (!fz_all_finite(in.times, n) || !fz_all_finite(in.conc, n) ||
	         !fz_finite(in.threshold))
		want = KET_E_NOT_FINITE;
	for (i = 0; i < n && want == KET_OK; i++) {
		if ((i > 0 && in.times[i] < in.times[i - 1]) ||
		    in.conc[i] < 0.0)
			want = KET_E_RANGE;
	}
	if (want == KET_OK && in.threshold < 0.0)
		want = KET_E_RANGE;
	for (i = 1; i < n && want == KET_OK; i++) {
		long double dt = (long double)in.times[i] -
		                 (long double)in.times[i - 1];
		long double sum = (long double)in.conc[i - 1] +
		                  (long double)in.conc[i];

		auc += dt * sum / 2.0L;
		/* The header's "sums that overflow": c0 + c1 counts too. */
		big = fmaxl(big, fmaxl(fmaxl(dt, sum), dt * sum));
		if (in.conc[i] > in.conc[peak])
			peak = i;
	}
	FZ_CHECK(st == want || (want == KET_OK && st == KET_E_RANGE &&
	                        (big > (long double)DBL_MAX / 4.0L ||
	                         auc > (long double)DBL_MAX / 4.0L)),
	         "not the status of the documented order");
	if (st != KET_OK) {
		FZ_CHECK(isnan(s.peak_ng_per_ml) && isnan(s.peak_time_min) &&
		         isnan(s.auc_ng_min_per_ml) && isnan(s.time_above_min),
		         "an error left a summary that is not NaN");
		return;
	}
	span = in.times[n - 1] - in.times[0];
	FZ_CHECK(fz_same_bits(s.peak_ng_per_ml, in.conc[peak]) &&
	         fz_same_bits(s.peak_time_min, in.times[peak]),
	         "the peak is not the first largest sample");
	FZ_CHECK(fz_finite(s.auc_ng_min_per_ml) && fz_finite(s.time_above_min),
	         "KET_OK with a non-finite summary");
	FZ_CHECK(!(s.auc_ng_min_per_ml < 0.0) &&
	         fz_close(s.auc_ng_min_per_ml, (double)auc, 1e-12, FZ_TINY),
	         "AUC is not the trapezoid sum");
	FZ_CHECK(!(s.time_above_min < 0.0) &&
	         s.time_above_min <= span * (1.0 + 1e-12) + FZ_TINY,
	         "time above outside [0, the sampled span]");
	if (fz_eq(in.threshold, 0.0))
		FZ_CHECK(fz_close(s.time_above_min, span, 1e-12, FZ_TINY),
		         "time above 0 ng/mL is not the whole span");
	if (in.conc[peak] < in.threshold)
		FZ_CHECK(fz_same_bits(s.time_above_min, 0.0),
		         "time above a threshold no sample reaches");
}

/* ---- ket_tci_plan -------------------------------------------------------- */

/* Replays a plan through ket_pk_simulate: each step's rate as an IV
 * infusion over the step, sampled at the step's end. */
static void check_replay(size_t n, double h, const double *rates,
                         const double *conc)
{
	ket_pk_dose d[MAX_TIMES];
	double t[MAX_TIMES], c[MAX_TIMES];
	size_t i, nd = 0;

	for (i = 0; i < n; i++) {
		t[i] = (double)(i + 1) * h;
		if (rates[i] > 0.0) {
			d[nd].start_min = (double)i * h;
			d[nd].mg = rates[i] * h / 60.0;
			d[nd].duration_min = h;
			d[nd].route = KET_ROUTE_IV;
			nd++;
		}
	}
	if (ket_pk_simulate(&in.pk, nd > 0 ? d : NULL, nd, t, n, c) != KET_OK)
		return;
	for (i = 0; i < n; i++)
		FZ_CHECK(fz_close(c[i], conc[i], 1e-9, 1e-9),
		         "replaying the plan through ket_pk_simulate does not "
		         "reproduce its concentrations");
}

static void fuzz_tci(fz *f)
{
	double *rates, *conc;
	size_t n, i;
	ket_status st, want = KET_OK;
	unsigned shape;

	fuzz_pk_params(f);
	shape = fz_byte(f);
	n = in.n_times = fz_size(f, MAX_TIMES);
	for (i = 0; i < n; i++)
		in.times[i] = fz_double(f); /* the targets */
	in.step_s = fz_double(f);
	in.max_rate = fz_double(f);
	rates = malloc((n > 0 ? n : 1) * sizeof *rates);
	conc = malloc((n > 0 ? n : 1) * sizeof *conc);
	if (rates == NULL || conc == NULL)
		abort();
	if (shape & 4) {
		FZ_CHECK(ket_tci_plan(NULL, in.times, n, in.step_s, in.max_rate,
		                      rates, conc) == KET_E_NULL &&
		         fz_all_nan(rates, n) && fz_all_nan(conc, n),
		         "NULL parameters not KET_E_NULL with NaN");
		FZ_CHECK(ket_tci_plan(&in.pk, in.times, n, in.step_s,
		                      in.max_rate, NULL, conc) == KET_E_NULL,
		         "NULL rates not KET_E_NULL");
		FZ_CHECK(ket_tci_plan(&in.pk, in.times,
		                      (size_t)KET_MAX_ITEMS + 1, in.step_s,
		                      in.max_rate, rates, conc) == KET_E_RANGE,
		         "n_steps above KET_MAX_ITEMS");
	}
	{
		double *targets = copy_of(in.times, n * sizeof *targets);

		st = in.st = ket_tci_plan(&in.pk, targets, n, in.step_s,
		                          in.max_rate, rates, conc);
		free(targets);
	}
	memcpy(in.conc, conc, n * sizeof *conc);
	memcpy(in.extra, rates, n * sizeof *rates);
	if (n == 0)
		want = KET_E_RANGE;
	else if (!params_finite(&in.pk) || !fz_all_finite(in.times, n) ||
	         !fz_finite(in.step_s) || !fz_finite(in.max_rate))
		want = KET_E_NOT_FINITE;
	else if (!params_in_range(&in.pk))
		want = KET_E_RANGE;
	for (i = 0; i < n && want == KET_OK; i++) {
		if (in.times[i] < 0.0 ||
		    in.times[i] > KET_TCI_TARGET_MAX_NG_PER_ML)
			want = KET_E_RANGE;
	}
	if (want == KET_OK && (in.step_s < 1.0 || in.step_s > 3600.0 ||
	                       !(in.max_rate > 0.0)))
		want = KET_E_RANGE;
	FZ_CHECK(st == want || (want == KET_OK && st == KET_E_RANGE &&
	                        !in.pk_from_model),
	         "not the status of the documented order");
	if (st != KET_OK) {
		FZ_CHECK(fz_all_nan(rates, n) && fz_all_nan(conc, n),
		         "an error left a rate or concentration not NaN");
		free(rates);
		free(conc);
		return;
	}
	FZ_CHECK(fz_all_finite(rates, n) && fz_all_finite(conc, n),
	         "KET_OK with a non-finite rate or concentration");
	for (i = 0; i < n; i++) {
		double target = in.times[i];

		FZ_CHECK(!(rates[i] < 0.0) && rates[i] <= in.max_rate,
		         "a rate outside [0, max_rate_mg_per_h]");
		FZ_CHECK(!(conc[i] < 0.0), "a negative planned concentration");
		if (!in.pk_from_model)
			continue;
		if (rates[i] > 0.0 && rates[i] < in.max_rate)
			FZ_CHECK(fz_close(conc[i], target, 1e-9, 1e-9),
			         "an unclamped step that misses its target");
		else if (rates[i] > 0.0)
			FZ_CHECK(conc[i] <= target * (1.0 + 1e-9) + 1e-9,
			         "a step at the maximum rate above its target");
		else
			FZ_CHECK(conc[i] >= target * (1.0 - 1e-9) - 1e-9,
			         "a step at rate 0 below its target");
	}
	if (in.pk_from_model)
		check_replay(n, in.step_s / 60.0, rates, conc);
	free(rates);
	free(conc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz f;

	fz_dump = dump;
	fz_init(&f, data, size);
	memset(&in, 0, sizeof in);
	in.fn = (int)(fz_byte(&f) % FN_COUNT);
	switch (in.fn) {
	case FN_PARAMS: fuzz_params(&f); break;
	case FN_SIMULATE: fuzz_simulate(&f); break;
	case FN_SUMMARIZE: fuzz_summarize(&f); break;
	default: fuzz_tci(&f); break;
	}
	return 0;
}
