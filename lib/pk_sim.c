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
#include <float.h>
#include <math.h>
#include <string.h>

#include "internal.h"

#define N_ROUTES 10
#define DEPOT_NONE (-1)
/* Sample times like i / 60 carry rounding noise of a few ulps of t, so
 * their differences vary in the last bits.  An interval within
 * SAME_STEP_ULPS ulps of t of a cached one reuses its propagator; the state
 * then stands for a time that differs from the nominal one by at most that
 * much (2e-11 min at 24 h, a relative change of concentration far below
 * 1e-12), and the difference never accumulates, because the next interval
 * is measured from the state's own time. */
#define SAME_STEP_ULPS 64.0
/* ... but never more than this many minutes times the fastest rate of the
 * system, so the relative error stays near 1e-10 at any time (a sample at
 * 1e6 min would otherwise be read up to 7e-9 min early or late). */
#define SAME_STEP_RATE_TIME 1e-10

typedef struct pk_system {
	int n;          /* state size */
	int ncomp;      /* 2 or 3 */
	double v1_l;
	double max_time_error_min; /* SAME_STEP_RATE_TIME / fastest rate */
	double a[KET_PK_STATE_MAX * KET_PK_STATE_MAX];
	int depot_of_route[N_ROUTES]; /* state index, or DEPOT_NONE */
} pk_system;

typedef struct pk_step {
	double h;
	int valid;
	uint32_t input_version; /* which input fu was computed for */
	double e[KET_PK_STATE_MAX * KET_PK_STATE_MAX];
	double f[KET_PK_STATE_MAX * KET_PK_STATE_MAX];
	double fu[KET_PK_STATE_MAX]; /* F u for that input */
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

/* A depot for each absorbed route the doses use (at most 6, so the state
 * never exceeds KET_PK_STATE_MAX = 3 + 6). */
static void system_add_depots(pk_system *s, const ket_pk_dose *doses,
                              size_t n_doses)
{
	int used[N_ROUTES] = { 0 };
	int r;
	size_t i;

	for (i = 0; i < n_doses; i++)
		used[doses[i].route] = 1;
	for (r = 0; r < N_ROUTES; r++) {
		double ka = ket_route_row_for(r)->ka_per_min;

		if (!used[r] || !(ka > 0.0))
			continue;
		s->depot_of_route[r] = s->n;
		s->a[s->n * KET_PK_STATE_MAX + s->n] = -ka;
		s->a[s->n] = ka; /* into the central compartment */
		s->n++;
	}
}

/* How far (min) a sample may be read from its nominal time. */
static double step_tolerance(double max_time_error_min, double to)
{
	double ulps = SAME_STEP_ULPS * DBL_EPSILON * fabs(to);

	return ulps < max_time_error_min ? ulps : max_time_error_min;
}

/* The fastest rate of the finished system bounds the time error. */
static void system_finish(pk_system *s)
{
	double fastest = 0.0;
	int i;

	for (i = 0; i < s->n; i++) {
		double rate = fabs(s->a[i * KET_PK_STATE_MAX + i]);

		if (rate > fastest)
			fastest = rate;
	}
	s->max_time_error_min = SAME_STEP_RATE_TIME / fastest;
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
	st->input_version = 0;
}

static pk_step *step_for(pk_cache *c, const pk_system *s, double h,
                        double tol)
{
	int i;

	for (i = 0; i < 2; i++) {
		pk_step *st = &c->slot[i];

		if (st->valid && fabs(st->h - h) <= tol)
			return st;
	}
	compute_step(s, h, &c->slot[c->next]);
	i = c->next;
	c->next ^= 1;
	return &c->slot[i];
}

/* y = E x + fu with the size known at compile time and each row's dot
 * product written out, so no loop overhead is left: this product is the
 * whole cost of a long simulation. */
#define P(e, x, k) ((e)[k] * (x)[k])
/* Pairwise sums: the next sample waits on this row's sum, so a shallow
 * tree of additions (not a chain) sets the pace of a long simulation. */
#define DOT2(e, x) (P(e, x, 0) + P(e, x, 1))
#define DOT3(e, x) (DOT2(e, x) + P(e, x, 2))
#define DOT4(e, x) (DOT2(e, x) + (P(e, x, 2) + P(e, x, 3)))
#define DOT5(e, x) (DOT4(e, x) + P(e, x, 4))
#define DOT6(e, x) (DOT4(e, x) + (P(e, x, 4) + P(e, x, 5)))
#define DOT7(e, x) (DOT4(e, x) + ((P(e, x, 4) + P(e, x, 5)) + P(e, x, 6)))
#define DOT8(e, x) (DOT4(e, x) + DOT4((e) + 4, (x) + 4))
#define DOT9(e, x) (DOT8(e, x) + P(e, x, 8))

#define ROW(i, N) y[i] = fu[i] + DOT##N(e + (i) * KET_PK_STATE_MAX, v)
/* Every row and copy written out too: gcc -O2 keeps a loop over rows and
 * sends the state through memory each sample. */
#define ROWS_1(N) ROW(0, N)
#define ROWS_2(N) ROWS_1(N); ROW(1, N)
#define ROWS_3(N) ROWS_2(N); ROW(2, N)
#define ROWS_4(N) ROWS_3(N); ROW(3, N)
#define ROWS_5(N) ROWS_4(N); ROW(4, N)
#define ROWS_6(N) ROWS_5(N); ROW(5, N)
#define ROWS_7(N) ROWS_6(N); ROW(6, N)
#define ROWS_8(N) ROWS_7(N); ROW(7, N)
#define ROWS_9(N) ROWS_8(N); ROW(8, N)
#define COPY_1 v[0] = y[0]
#define COPY_2 COPY_1; v[1] = y[1]
#define COPY_3 COPY_2; v[2] = y[2]
#define COPY_4 COPY_3; v[3] = y[3]
#define COPY_5 COPY_4; v[4] = y[4]
#define COPY_6 COPY_5; v[5] = y[5]
#define COPY_7 COPY_6; v[6] = y[6]
#define COPY_8 COPY_7; v[7] = y[7]
#define COPY_9 COPY_8; v[8] = y[8]

#define DEFINE_STEP_N(N)                                                 \
	static void step_##N(const double *restrict e,                 \
	                     const double *restrict fu,                \
	                     double *restrict x)                       \
	{                                                                \
		double y[N], v[N];                                       \
		int i;                                                   \
		for (i = 0; i < (N); i++)                                \
			v[i] = x[i];                                     \
		ROWS_##N(N);                                             \
		for (i = 0; i < (N); i++)                                \
			x[i] = y[i];                                     \
	}
DEFINE_STEP_N(2)
DEFINE_STEP_N(3)
DEFINE_STEP_N(4)
DEFINE_STEP_N(5)
DEFINE_STEP_N(6)
DEFINE_STEP_N(7)
DEFINE_STEP_N(8)
DEFINE_STEP_N(9)

/* A run of samples on a regular grid: while the next sample lies one
 * cached interval on and no dose event comes first, the state stays in
 * local variables.  Returns the index of the first sample not taken. */
typedef struct pk_grid {
	const pk_step *st;
	const double *times;
	double *conc;
	size_t n_times;
	double next_event;
	double v1_l;
	double max_err;   /* pk_system.max_time_error_min */
} pk_grid;

#define DEFINE_GRID_N(N)                                                 \
	static size_t grid_##N(const pk_grid *g, size_t i, double *t,    \
	                       double *x)                                \
	{                                                                \
		const double *restrict e = g->st->e;                     \
		const double *restrict fu = g->st->fu;                   \
		double h = g->st->h, y[N], v[N], now = *t;               \
		int k;                                                   \
		for (k = 0; k < (N); k++)                                \
			v[k] = x[k];                                     \
		for (; i < g->n_times; i++) {                            \
			double to = g->times[i];                         \
			if (!(to < g->next_event) ||                     \
			    fabs(to - now - h) >                         \
			            step_tolerance(g->max_err, to))      \
				break;                                   \
			ROWS_##N(N);                                     \
			COPY_##N;                                        \
			now += h;                                        \
			g->conc[i] = v[0] / g->v1_l * 1000.0;            \
		}                                                        \
		for (k = 0; k < (N); k++)                                \
			x[k] = v[k];                                     \
		*t = now;                                                \
		return i;                                                \
	}
DEFINE_GRID_N(2)
DEFINE_GRID_N(3)
DEFINE_GRID_N(4)
DEFINE_GRID_N(5)
DEFINE_GRID_N(6)
DEFINE_GRID_N(7)
DEFINE_GRID_N(8)
DEFINE_GRID_N(9)

static size_t run_grid(const pk_grid *g, int n, size_t i, double *t,
                       double *x)
{
	switch (n) {
	case 2: return grid_2(g, i, t, x);
	case 3: return grid_3(g, i, t, x);
	case 4: return grid_4(g, i, t, x);
	case 5: return grid_5(g, i, t, x);
	case 6: return grid_6(g, i, t, x);
	case 7: return grid_7(g, i, t, x);
	case 8: return grid_8(g, i, t, x);
	default: return grid_9(g, i, t, x);
	}
}

static void apply_step(const pk_step *st, int n, double *x)
{
	switch (n) {
	case 2: step_2(st->e, st->fu, x); break;
	case 3: step_3(st->e, st->fu, x); break;
	case 4: step_4(st->e, st->fu, x); break;
	case 5: step_5(st->e, st->fu, x); break;
	case 6: step_6(st->e, st->fu, x); break;
	case 7: step_7(st->e, st->fu, x); break;
	case 8: step_8(st->e, st->fu, x); break;
	default: step_9(st->e, st->fu, x); break;
	}
}

/* F u, computed once per propagator and input (the input changes only at
 * dose events). */
static void refresh_input(pk_step *st, int n, const double *u,
                          uint32_t version)
{
	int i, j;

	if (st->input_version == version)
		return;
	for (i = 0; i < n; i++) {
		double sum = 0.0;

		for (j = 0; j < n; j++)
			sum += st->f[i * KET_PK_STATE_MAX + j] * u[j];
		st->fu[i] = sum;
	}
	st->input_version = version;
}

/* x = E x + F u from time *t to `to` (the state's time becomes *t plus the
 * interval actually used: see SAME_STEP_ULPS).  Input versions start at 1;
 * 0 marks a propagator whose fu is not computed yet. */
static const pk_step *advance(pk_cache *c, const pk_system *s, double *t,
                              double to, double *x, const double *u,
                              uint32_t u_version)
{
	pk_step *st;
	double h = to - *t;

	if (!(h > 0.0))
		return NULL;
	st = step_for(c, s, h, step_tolerance(s->max_time_error_min, to));
	*t += st->h;
	refresh_input(st, s->n, u, u_version);
	apply_step(st, s->n, x);
	return st;
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

/* One pass over the (possibly many) times: 1 when all are finite, and
 * *ordered set when they are also >= 0 and non-decreasing (reported later,
 * in the range stage). */
static int scan_times(const double *t, size_t n, int *ordered)
{
	double previous = 0.0;
	int finite = 1;
	size_t i;

	*ordered = 1;
	for (i = 0; i < n; i++) {
		finite &= ket_is_finite(t[i]);
		*ordered &= !(t[i] < previous);
		previous = t[i];
	}
	return finite;
}

static ket_status check_inputs(const ket_pk_params *pk,
                               const ket_pk_dose *doses, size_t n_doses,
                               const double *times, size_t n_times)
{
	size_t i;
	double previous = 0.0;
	int times_ordered;

	if (check_params(pk) != KET_OK)
		return KET_E_NOT_FINITE;
	for (i = 0; i < n_doses; i++) {
		const double v[] = { doses[i].start_min, doses[i].mg,
			             doses[i].duration_min };

		if (!ket_all_finite(v, 3))
			return KET_E_NOT_FINITE;
	}
	if (!scan_times(times, n_times, &times_ordered))
		return KET_E_NOT_FINITE;
	if (check_params_range(pk) != KET_OK)
		return KET_E_RANGE;
	for (i = 0; i < n_doses; i++) {
		ket_status st = check_dose(&doses[i], previous);

		if (st != KET_OK)
			return st;
		previous = doses[i].start_min;
	}
	return times_ordered ? KET_OK : KET_E_RANGE;
}

/* ---- simulation --------------------------------------------------------- */

typedef struct pk_run {
	const pk_system *sys;
	const ket_pk_dose *doses;
	size_t n_doses;
	size_t started;           /* doses[0, started) have begun */
	size_t first_open;        /* no infusion flows before this index */
	double x[KET_PK_STATE_MAX];
	double u[KET_PK_STATE_MAX]; /* infusion input, mg/min per state */
	uint32_t u_version;       /* changes with u; 0 is never used */
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
/* An infusion runs over [start, end) with end = start + duration as the
 * doubles give it; one too short to move `end` off `start` is given at
 * once, so no drug is ever lost to rounding. */
static int is_infusion(const ket_pk_dose *d)
{
	return d->duration_min > 0.0 &&
	       d->start_min + d->duration_min > d->start_min;
}

static void start_due(pk_run *r, double t)
{
	while (r->started < r->n_doses &&
	       !(r->doses[r->started].start_min > t)) {
		const ket_pk_dose *d = &r->doses[r->started++];

		if (!is_infusion(d))
			r->x[target_of(r->sys, d->route)] +=
				bioavailability(d->route) * d->mg;
	}
}

/* The input flowing on [t, next event): recomputed from the doses, so
 * rates never drift by repeated addition and subtraction. */
static void update_input(pk_run *r, double t)
{
	size_t i;

	/* Doses before first_open are boluses or finished infusions. */
	while (r->first_open < r->started &&
	       (!is_infusion(&r->doses[r->first_open]) ||
	        !(r->doses[r->first_open].start_min +
	          r->doses[r->first_open].duration_min > t)))
		r->first_open++;
	memset(r->u, 0, sizeof r->u);
	r->u_version++; /* at most 2 x KET_MAX_ITEMS + 1 updates: no wrap */
	r->next_event = r->started < r->n_doses
	                        ? r->doses[r->started].start_min
	                        : (double)INFINITY;
	for (i = r->first_open; i < r->started; i++) {
		const ket_pk_dose *d = &r->doses[i];
		double end = d->start_min + d->duration_min;

		if (!is_infusion(d) || !(end > t))
			continue;
		/* The rate that delivers all of mg over [start, end). */
		r->u[target_of(r->sys, d->route)] +=
			bioavailability(d->route) * d->mg / (end - d->start_min);
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
	i = 0;
	while (i < n_times) {
		double to = times[i];
		const pk_step *last;

		/* Each pass consumes a dose start or an infusion end. */
		while (r.next_event <= to) {
			double event = r.next_event;

			(void)advance(&cache, s, &t, event, r.x, r.u,
			              r.u_version);
			start_due(&r, event);
			update_input(&r, event);
		}
		last = advance(&cache, s, &t, to, r.x, r.u, r.u_version);
		conc[i++] = conc_ng_per_ml(s, r.x);
		if (last != NULL) {
			pk_grid g = { last, times, conc, n_times, r.next_event,
			              s->v1_l, s->max_time_error_min };

			i = run_grid(&g, s->n, i, &t, r.x);
		}
	}
}

static void fill_nan(double *v, size_t n)
{
	double nan = ket_nan();
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = nan;
}

static ket_status run_simulation(const ket_pk_params *pk,
                                 const ket_pk_dose *doses, size_t n_doses,
                                 const double *times, size_t n_times,
                                 double *conc)
{
	ket_pk_params p;
	pk_system sys;
	ket_status st;

	if (pk == NULL || (doses == NULL && n_doses > 0) ||
	    (n_times > 0 && (times == NULL || conc == NULL)))
		return KET_E_NULL;
	if (n_doses > KET_MAX_ITEMS || n_times > KET_MAX_ITEMS)
		return KET_E_RANGE;
	p = *pk; /* read once */
	st = check_inputs(&p, doses, n_doses, times, n_times);
	if (st != KET_OK)
		return st;
	system_init(&sys, &p);
	system_add_depots(&sys, doses, n_doses);
	system_finish(&sys);
	simulate(&sys, doses, n_doses, times, n_times, conc);
	/* Absurd but valid input (a dose of 1e308 mg, a time of 1e300 min)
	 * must not come back as a plausible-looking success. */
	return ket_all_finite(conc, n_times) ? KET_OK : KET_E_RANGE;
}

ket_status ket_pk_simulate(const ket_pk_params *pk, const ket_pk_dose *doses,
                           size_t n_doses, const double *times_min,
                           size_t n_times, double *conc_ng_per_ml)
{
	ket_status st = run_simulation(pk, doses, n_doses, times_min, n_times,
	                               conc_ng_per_ml);

	if (st != KET_OK && conc_ng_per_ml != NULL && n_times <= KET_MAX_ITEMS)
		fill_nan(conc_ng_per_ml, n_times);
	return st;
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
		const pk_step *st = step_for(&cache, s, h, 0.0);
		double c_unit, c_free, rate, t = 0.0;

		advance(&cache, s, &t, h, x, none, 1u);
		c_free = conc_ng_per_ml(s, x);
		c_unit = st->f[0] / 60.0 / s->v1_l * 1000.0; /* 1 mg/h */
		rate = (targets[k] - c_free) / c_unit;
		rate = rate < 0.0 ? 0.0 : (rate > max_rate ? max_rate : rate);
		for (i = 0; i < s->n; i++)
			x[i] += rate / 60.0 * st->f[i * KET_PK_STATE_MAX];
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
	system_finish(&sys);
	plan(&sys, targets_ng_per_ml, n_steps, step_s, max_rate_mg_per_h,
	     rates_mg_per_h, conc_ng_per_ml);
	/* Rates are clamped to [0, max] unless NaN, and a NaN rate makes the
	 * concentrations NaN: checking those covers both. */
	if (ket_all_finite(conc_ng_per_ml, n_steps))
		return KET_OK;
	fill_nan(rates_mg_per_h, n_steps); /* absurd parameters overflowed */
	fill_nan(conc_ng_per_ml, n_steps);
	return KET_E_RANGE;
}
