/*
 * pk_sim.c - plasma concentration prediction (ket_pk_simulate) and the
 * plasma-targeted infusion plan (ket_tci_plan).
 *
 * The model is linear with piecewise-constant input, so each interval is
 * advanced exactly: x(t + h) = E x(t) + F u with E = exp(A h) and F =
 * integral of exp(A s) over [0, h], both read off exp([[A, I], [0, 0]] h)
 * (pk_expm.c).  State: central, peripheral compartments, then one
 * absorption depot per distinct absorption rate among the doses' routes.
 * Amounts in mg, time in min; ng/mL = mg/L x 1000.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

#define N_ROUTES 10
#define DEPOT_NONE (-1)
/* Two intervals whose lengths differ by less than this relative amount
 * share a propagator: i/60 - (i-1)/60 varies in the last bits, and an
 * interval 1e-14 longer moves a concentration by far less than 1e-9. */
#define SAME_STEP_REL 1e-14

typedef struct pk_system {
	int n;          /* state size */
	int ncomp;      /* 2 or 3 */
	double v1_l;
	double a[KET_PK_STATE_MAX * KET_PK_STATE_MAX];
	int depot_of_route[N_ROUTES]; /* state index, or DEPOT_NONE */
} pk_system;

typedef struct pk_step {
	double h;
	int valid;
	double e[KET_PK_STATE_MAX * KET_PK_STATE_MAX];
	double f[KET_PK_STATE_MAX * KET_PK_STATE_MAX];
} pk_step;

typedef struct pk_cache {
	pk_step slot[2];
	int next;
} pk_cache;

/* ---- the linear system -------------------------------------------------- */

static void system_init(pk_system *s, const ket_pk_params *pk)
{
	int n = pk->compartments;
	double *a = s->a;

	memset(s, 0, sizeof *s);
	s->n = s->ncomp = n;
	s->v1_l = pk->v1_l;
	a[0] = -(pk->k10_per_min + pk->k12_per_min +
	         (n == 3 ? pk->k13_per_min : 0.0));
	a[1] = pk->k21_per_min;
	a[KET_PK_STATE_MAX] = pk->k12_per_min;
	a[KET_PK_STATE_MAX + 1] = -pk->k21_per_min;
	if (n == 3) {
		a[2] = pk->k31_per_min;
		a[2 * KET_PK_STATE_MAX] = pk->k13_per_min;
		a[2 * KET_PK_STATE_MAX + 2] = -pk->k31_per_min;
	}
	for (n = 0; n < N_ROUTES; n++)
		s->depot_of_route[n] = DEPOT_NONE;
}

/* A depot for each distinct absorption rate among the routes used. */
static void system_add_depots(pk_system *s, const ket_pk_dose *doses,
                              size_t n_doses)
{
	int used[N_ROUTES] = { 0 };
	int r, q;
	size_t i;

	for (i = 0; i < n_doses; i++)
		used[doses[i].route] = 1;
	for (r = 0; r < N_ROUTES; r++) {
		double ka = ket_route_row_for(r)->ka_per_min;

		if (!used[r] || !(ka > 0.0))
			continue;
		for (q = 0; q < r; q++) {
			if (s->depot_of_route[q] != DEPOT_NONE &&
			    !(ket_route_row_for(q)->ka_per_min < ka) &&
			    !(ket_route_row_for(q)->ka_per_min > ka))
				s->depot_of_route[r] = s->depot_of_route[q];
		}
		if (s->depot_of_route[r] != DEPOT_NONE)
			continue;
		s->depot_of_route[r] = s->n;
		s->a[s->n * KET_PK_STATE_MAX + s->n] = -ka;
		s->a[s->n] = ka; /* into the central compartment */
		s->n++;
	}
}

static double conc_ng_per_ml(const pk_system *s, const double *x)
{
	return x[0] / s->v1_l * 1000.0;
}

/* ---- propagators -------------------------------------------------------- */

static void compute_step(const pk_system *s, double h, pk_step *st)
{
	double m[KET_PK_DIM_MAX * KET_PK_DIM_MAX];
	double ex[KET_PK_DIM_MAX * KET_PK_DIM_MAX];
	int n = s->n, d = 2 * s->n, i, j;

	memset(m, 0, sizeof m);
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			m[i * d + j] = s->a[i * KET_PK_STATE_MAX + j] * h;
		m[i * d + n + i] = h;
	}
	ket_expm(m, d, ex);
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			st->e[i * KET_PK_STATE_MAX + j] = ex[i * d + j];
			st->f[i * KET_PK_STATE_MAX + j] = ex[i * d + n + j];
		}
	}
	st->h = h;
	st->valid = 1;
}

static const pk_step *step_for(pk_cache *c, const pk_system *s, double h)
{
	int i;

	for (i = 0; i < 2; i++) {
		const pk_step *st = &c->slot[i];

		if (st->valid && fabs(st->h - h) <= SAME_STEP_REL * h)
			return st;
	}
	compute_step(s, h, &c->slot[c->next]);
	i = c->next;
	c->next ^= 1;
	return &c->slot[i];
}

/* x = E x + F u over h minutes (h > 0). */
static void advance(pk_cache *c, const pk_system *s, double h, double *x,
                    const double *u)
{
	double y[KET_PK_STATE_MAX];
	const pk_step *st;
	int i, j, n = s->n;

	if (!(h > 0.0))
		return;
	st = step_for(c, s, h);
	for (i = 0; i < n; i++) {
		const double *e = &st->e[i * KET_PK_STATE_MAX];
		const double *f = &st->f[i * KET_PK_STATE_MAX];
		double sum = 0.0;

		for (j = 0; j < n; j++)
			sum += e[j] * x[j];
		for (j = 0; j < n; j++)
			if (u[j] > 0.0)
				sum += f[j] * u[j];
		y[i] = sum;
	}
	memcpy(x, y, sizeof(double) * (size_t)n);
}

/* ---- validation --------------------------------------------------------- */

static ket_status check_params(const ket_pk_params *pk)
{
	const double v[] = { pk->v1_l, pk->v2_l, pk->v3_l, pk->cl_l_per_min,
		             pk->q2_l_per_min, pk->q3_l_per_min,
		             pk->k10_per_min, pk->k12_per_min, pk->k21_per_min,
		             pk->k13_per_min, pk->k31_per_min };

	return ket_all_finite(v, sizeof v / sizeof v[0]) ? KET_OK
	                                                 : KET_E_NOT_FINITE;
}

/* The simulation uses v1 and the micro-constants: all must be positive. */
static ket_status check_params_range(const ket_pk_params *pk)
{
	if (pk->compartments != 2 && pk->compartments != 3)
		return KET_E_RANGE;
	if (!(pk->v1_l > 0.0) || !(pk->k10_per_min > 0.0) ||
	    !(pk->k12_per_min > 0.0) || !(pk->k21_per_min > 0.0))
		return KET_E_RANGE;
	if (pk->compartments == 3 &&
	    (!(pk->k13_per_min > 0.0) || !(pk->k31_per_min > 0.0)))
		return KET_E_RANGE;
	return KET_OK;
}

static ket_status check_dose(const ket_pk_dose *d, double previous_start)
{
	const ket_route_row *row = ket_route_row_for(d->route);

	if (row == NULL)
		return KET_E_ROUTE;
	if (!row->has_data[KET_BASIS_KETAMINE])
		return KET_E_NO_DATA;
	if (d->duration_min < 0.0 ||
	    (d->duration_min > 0.0 && d->route != KET_ROUTE_IV &&
	     d->route != KET_ROUTE_SC))
		return KET_E_RANGE;
	if (!(d->mg > 0.0))
		return KET_E_DOSE;
	if (d->start_min < 0.0 || d->start_min < previous_start)
		return KET_E_RANGE;
	return KET_OK;
}

static ket_status check_inputs(const ket_pk_params *pk,
                               const ket_pk_dose *doses, size_t n_doses,
                               const double *times, size_t n_times)
{
	size_t i;
	double previous = 0.0;

	if (check_params(pk) != KET_OK)
		return KET_E_NOT_FINITE;
	for (i = 0; i < n_doses; i++) {
		const double v[] = { doses[i].start_min, doses[i].mg,
			             doses[i].duration_min };

		if (!ket_all_finite(v, 3))
			return KET_E_NOT_FINITE;
	}
	if (!ket_all_finite(times, n_times))
		return KET_E_NOT_FINITE;
	if (check_params_range(pk) != KET_OK)
		return KET_E_RANGE;
	for (i = 0; i < n_doses; i++) {
		ket_status st = check_dose(&doses[i], previous);

		if (st != KET_OK)
			return st;
		previous = doses[i].start_min;
	}
	for (i = 0; i < n_times; i++) {
		if (times[i] < 0.0 || (i > 0 && times[i] < times[i - 1]))
			return KET_E_RANGE;
	}
	return KET_OK;
}

/* ---- simulation --------------------------------------------------------- */

typedef struct pk_run {
	const pk_system *sys;
	const ket_pk_dose *doses;
	size_t n_doses;
	size_t started;           /* doses[0, started) have begun */
	double x[KET_PK_STATE_MAX];
	double u[KET_PK_STATE_MAX]; /* infusion input, mg/min per state */
	double next_event;        /* next dose start or infusion end */
} pk_run;

static double bioavailability(int32_t route)
{
	return ket_route_row_for(route)->f[KET_BASIS_KETAMINE][0];
}

static int target_of(const pk_system *s, int32_t route)
{
	int d = s->depot_of_route[route];

	return d == DEPOT_NONE ? 0 : d;
}

/* Begins every dose due at t: a bolus enters its compartment now (a dose
 * given at t already counts at t); an infusion starts flowing. */
static void start_due(pk_run *r, double t)
{
	while (r->started < r->n_doses &&
	       !(r->doses[r->started].start_min > t)) {
		const ket_pk_dose *d = &r->doses[r->started++];

		if (!(d->duration_min > 0.0))
			r->x[target_of(r->sys, d->route)] +=
				bioavailability(d->route) * d->mg;
	}
}

/* The input flowing on [t, next event): recomputed from the doses, so
 * rates never drift by repeated addition and subtraction. */
static void update_input(pk_run *r, double t)
{
	size_t i;

	memset(r->u, 0, sizeof r->u);
	r->next_event = r->started < r->n_doses
	                        ? r->doses[r->started].start_min
	                        : (double)INFINITY;
	for (i = 0; i < r->started; i++) {
		const ket_pk_dose *d = &r->doses[i];
		double end = d->start_min + d->duration_min;

		if (!(d->duration_min > 0.0) || !(end > t))
			continue;
		r->u[target_of(r->sys, d->route)] +=
			bioavailability(d->route) * d->mg / d->duration_min;
		if (end < r->next_event)
			r->next_event = end;
	}
}

static void simulate(const pk_system *s, const ket_pk_dose *doses,
                     size_t n_doses, const double *times, size_t n_times,
                     double *conc)
{
	pk_cache cache;
	pk_run r;
	double t = 0.0;
	size_t i;

	memset(&cache, 0, sizeof cache);
	memset(&r, 0, sizeof r);
	r.sys = s;
	r.doses = doses;
	r.n_doses = n_doses;
	start_due(&r, t);
	update_input(&r, t);
	for (i = 0; i < n_times; i++) {
		/* Each pass consumes a dose start or an infusion end. */
		while (r.next_event <= times[i]) {
			advance(&cache, s, r.next_event - t, r.x, r.u);
			t = r.next_event;
			start_due(&r, t);
			update_input(&r, t);
		}
		advance(&cache, s, times[i] - t, r.x, r.u);
		t = times[i];
		conc[i] = conc_ng_per_ml(s, r.x);
	}
}

static void fill_nan(double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = ket_nan();
}

ket_status ket_pk_simulate(const ket_pk_params *pk, const ket_pk_dose *doses,
                           size_t n_doses, const double *times_min,
                           size_t n_times, double *conc_ng_per_ml)
{
	ket_pk_params p;
	pk_system sys;
	ket_status st;

	if (conc_ng_per_ml != NULL && n_times <= KET_MAX_ITEMS)
		fill_nan(conc_ng_per_ml, n_times);
	if (pk == NULL || (doses == NULL && n_doses > 0) ||
	    (n_times > 0 && (times_min == NULL || conc_ng_per_ml == NULL)))
		return KET_E_NULL;
	if (n_doses > KET_MAX_ITEMS || n_times > KET_MAX_ITEMS)
		return KET_E_RANGE;
	p = *pk; /* read once */
	st = check_inputs(&p, doses, n_doses, times_min, n_times);
	if (st != KET_OK)
		return st;
	system_init(&sys, &p);
	system_add_depots(&sys, doses, n_doses);
	simulate(&sys, doses, n_doses, times_min, n_times, conc_ng_per_ml);
	return KET_OK;
}

/* ---- target-controlled infusion (Jacobs 1990) ---------------------------- */

#define TCI_STEP_MIN_S 1.0    /* API.md: step_s in [1, 3600] */
#define TCI_STEP_MAX_S 3600.0

static ket_status check_tci(const ket_pk_params *pk, const double *targets,
                            size_t n, double step_s, double max_rate)
{
	size_t i;

	if (check_params(pk) != KET_OK || !ket_all_finite(targets, n) ||
	    !ket_is_finite(step_s) || !ket_is_finite(max_rate))
		return KET_E_NOT_FINITE;
	if (check_params_range(pk) != KET_OK)
		return KET_E_RANGE;
	for (i = 0; i < n; i++) {
		if (targets[i] < 0.0 ||
		    targets[i] > KET_TCI_TARGET_MAX_NG_PER_ML)
			return KET_E_RANGE;
	}
	if (step_s < TCI_STEP_MIN_S || step_s > TCI_STEP_MAX_S ||
	    !(max_rate > 0.0))
		return KET_E_RANGE;
	return KET_OK;
}

/* Each step: the rate that brings the end-of-step plasma concentration to
 * the target, clamped to [0, max]: (target - C_free) / C_unit. */
static void plan(const pk_system *s, const double *targets, size_t n,
                 double step_s, double max_rate, double *rates, double *conc)
{
	pk_cache cache;
	double x[KET_PK_STATE_MAX] = { 0 };
	double none[KET_PK_STATE_MAX] = { 0 };
	double h = step_s / 60.0;
	size_t k;
	int i;

	memset(&cache, 0, sizeof cache);
	for (k = 0; k < n; k++) {
		const pk_step *st = step_for(&cache, s, h);
		double c_unit, c_free, rate;

		advance(&cache, s, h, x, none);
		c_free = conc_ng_per_ml(s, x);
		c_unit = st->f[0] / 60.0 / s->v1_l * 1000.0; /* 1 mg/h */
		rate = (targets[k] - c_free) / c_unit;
		rate = rate < 0.0 ? 0.0 : (rate > max_rate ? max_rate : rate);
		for (i = 0; i < s->n; i++)
			x[i] += st->f[i * KET_PK_STATE_MAX] * rate / 60.0;
		rates[k] = rate;
		conc[k] = conc_ng_per_ml(s, x);
	}
}

ket_status ket_tci_plan(const ket_pk_params *pk,
                        const double *targets_ng_per_ml, size_t n_steps,
                        double step_s, double max_rate_mg_per_h,
                        double *rates_mg_per_h, double *conc_ng_per_ml)
{
	ket_pk_params p;
	pk_system sys;
	ket_status st;

	if (n_steps <= KET_MAX_ITEMS) {
		if (rates_mg_per_h != NULL)
			fill_nan(rates_mg_per_h, n_steps);
		if (conc_ng_per_ml != NULL)
			fill_nan(conc_ng_per_ml, n_steps);
	}
	if (pk == NULL || targets_ng_per_ml == NULL || rates_mg_per_h == NULL ||
	    conc_ng_per_ml == NULL)
		return KET_E_NULL;
	if (n_steps == 0 || n_steps > KET_MAX_ITEMS)
		return KET_E_RANGE;
	p = *pk; /* read once */
	st = check_tci(&p, targets_ng_per_ml, n_steps, step_s,
	               max_rate_mg_per_h);
	if (st != KET_OK)
		return st;
	system_init(&sys, &p);
	plan(&sys, targets_ng_per_ml, n_steps, step_s, max_rate_mg_per_h,
	     rates_mg_per_h, conc_ng_per_ml);
	return KET_OK;
}
