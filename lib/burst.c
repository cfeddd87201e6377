/*
 * burst.c - burst therapy for refractory cancer pain (Jackson et al., J Pain
 * Symptom Manage 2001; API.md "Burst therapy"): the day-by-day plan, each
 * day computed exactly as ket_infusion_rate computes it, written to the
 * caller's array (no allocation).
 */
#include <string.h>

#include "internal.h"

static void day_set_nan(ket_burst_day *d)
{
	d->day = 0;
	d->mg_per_24h = ket_nan();
	d->rate_ml_per_h = ket_nan();
	d->delivered_mg_per_24h = ket_nan();
	d->warnings = 0;
}

static void days_set_nan(ket_burst_day *days, size_t capacity)
{
	size_t i;

	if (days == NULL)
		return;
	for (i = 0; i < capacity; i++)
		day_set_nan(&days[i]);
}

/* Every distinct finding of the days, before it goes into the report:
 * each day adds at most KET_REPORT_MAX, so FINDINGS_MAX always has room. */
#define FINDINGS_MAX (KET_BURST_DAYS_MAX * KET_REPORT_MAX)

typedef struct merged {
	ket_finding f[FINDINGS_MAX];
	size_t n;
	size_t dropped; /* the days' own overflow */
} merged;

/* A finding repeats when every field matches, the value and the limit
 * within API.md's comparison tolerance (1e-9 relative): rounding of 4 % on
 * day 1 (computed as 4.0000000000000071) and of 4 % on day 2 is one
 * finding, as a reader of the report would count it.  Differences are
 * counted rather than chained with &&, so each comparison is made (no
 * short cut that equal status, bit, item and value would leave untried).
 * Values are finite here: days are validated orders. */
static int same_finding(const ket_finding *a, const ket_finding *b)
{
	int differences = 0;

	differences += a->status != b->status;
	differences += a->warning != b->warning;
	differences += a->item != b->item;
	differences += ket_above(a->value, b->value, 0) +
	               ket_below(a->value, b->value, 0);
	differences += ket_above(a->limit, b->limit, 0) +
	               ket_below(a->limit, b->limit, 0);
	differences += strcmp(a->unit, b->unit) != 0;
	differences += strcmp(a->field, b->field) != 0;
	return differences == 0;
}

/* Keeps a day's findings that no earlier day had, in day order. */
static void collect(merged *m, const ket_report *day)
{
	size_t i, j;

	for (i = 0; i < day->count; i++) {
		int seen = 0;

		for (j = 0; j < m->n && !seen; j++)
			seen = same_finding(&m->f[j], &day->findings[i]);
		if (!seen)
			m->f[m->n++] = day->findings[i];
	}
	m->dropped += day->dropped;
}

/* The merged findings into the caller's report (a refusal stays last and
 * the overflow is counted once per distinct finding). */
static void write_report(ket_report *r, const merged *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		const ket_finding *f = &m->f[i];

		ket_report_add(r, (ket_status)f->status, f->warning,
		               (ket_item)f->item, f->value, f->limit, f->unit,
		               f->field);
	}
	if (r != NULL)
		r->dropped += m->dropped;
}

static ket_status validate_burst(const ket_burst_order *o,
                                 const ket_limits *l, ket_report *r)
{
	const ket_field fields[] = {
		{ o->weight_kg, "weight_kg", KET_ITEM_WEIGHT, "kg" },
		{ o->concentration_mg_per_ml, "concentration_mg_per_ml",
		  KET_ITEM_CONCENTRATION, "mg/mL" },
		{ o->pump_step_ml_per_h, "pump_step_ml_per_h",
		  KET_ITEM_DEVICE_STEP, "mL/h" },
	};
	ket_status st = ket_check_finite(fields, 3, r);

	if (st == KET_OK)
		st = ket_check_limits(l, r);
	if (st == KET_OK && !(l->daily_hard_max_mg_per_24h > 0.0))
		st = ket_fail_input(r, KET_E_LIMITS, KET_ITEM_LIMITS,
		                    "daily_hard_max_mg_per_24h",
		                    l->daily_hard_max_mg_per_24h, 0.0, "mg/24 h");
	if (st == KET_OK)
		st = ket_check_iv_sc(o->route, r);
	if (st == KET_OK)
		st = ket_check_form(o->form, l, r);
	if (st == KET_OK && ket_burst_plan_for(o->response_day) == NULL)
		st = ket_fail_input(r, KET_E_RANGE, KET_ITEM_RESPONSE_DAY,
		                    "response_day", (double)o->response_day,
		                    o->response_day < 0 ? 0.0 : 3.0, "");
	if (st == KET_OK)
		st = ket_check_weight(o->weight_kg, r);
	if (st == KET_OK)
		st = ket_check_concentration(o->concentration_mg_per_ml,
		                             o->route, l, r);
	if (st == KET_OK)
		st = ket_check_step(o->pump_step_ml_per_h,
		                    KET_PUMP_STEP_MAX_ML_PER_H,
		                    "pump_step_ml_per_h", "mL/h", r);
	return st;
}

/* One day: exactly ket_infusion_rate's answer for the day's mg/24 h. */
static ket_status plan_day(const ket_burst_order *o, const ket_limits *l,
                           double mg_per_24h, ket_burst_day *d, merged *m)
{
	ket_infusion_order day = {
		.weight_kg = o->weight_kg,
		.dose = mg_per_24h / 24.0,
		.dose_unit = KET_UNIT_MG_PER_H,
		.concentration_mg_per_ml = o->concentration_mg_per_ml,
		.pump_step_ml_per_h = o->pump_step_ml_per_h,
		.route = o->route,
		.form = o->form,
	};
	ket_infusion res;
	ket_report day_report;
	ket_status st = ket_infusion_rate(&day, l, &res, &day_report);

	collect(m, &day_report);
	d->mg_per_24h = mg_per_24h;
	d->rate_ml_per_h = res.rate_ml_per_h;
	d->delivered_mg_per_24h = res.delivered_mg_per_24h;
	d->warnings = res.warnings;
	return st;
}

/* The days in order; the first refusal refuses the schedule. */
static ket_status plan_days(const ket_burst_order *o, const ket_limits *l,
                            const ket_burst_plan *plan, ket_burst_day *days,
                            ket_report *r)
{
	merged m;
	ket_status st = KET_OK;
	size_t i;

	m.n = 0;
	m.dropped = 0;
	for (i = 0; i < plan->days && st == KET_OK; i++) {
		days[i].day = (int32_t)(i + 1);
		st = plan_day(o, l, plan->mg_per_24h[i], &days[i], &m);
	}
	write_report(r, &m);
	return st;
}

static ket_status compute_burst(const ket_burst_order *o, const ket_limits *l,
                                ket_burst_day *days, size_t capacity,
                                size_t *n_days, ket_report *r)
{
	const ket_burst_plan *plan = ket_burst_plan_for(o->response_day);

	*n_days = plan->days;
	if (capacity < plan->days) {
		ket_report_add(r, KET_E_BUFFER, 0, KET_ITEM_OTHER, (double)capacity,
		               (double)plan->days, "", "capacity");
		return KET_E_BUFFER;
	}
	return plan_days(o, l, plan, days, r);
}

ket_status ket_burst_schedule(const ket_burst_order *order,
                              const ket_limits *limits, ket_burst_day *days,
                              size_t capacity, size_t *n_days,
                              ket_report *report)
{
	ket_burst_order o;
	ket_limits l;
	ket_status st;

	ket_report_clear(report);
	if (n_days != NULL)
		*n_days = 0;
	if (capacity <= KET_MAX_ITEMS)
		days_set_nan(days, capacity);
	if (order == NULL)
		return ket_fail_null(report, "order");
	if (limits == NULL)
		return ket_fail_null(report, "limits");
	if (n_days == NULL)
		return ket_fail_null(report, "n_days");
	if (days == NULL && capacity > 0)
		return ket_fail_null(report, "days");
	if (capacity > KET_MAX_ITEMS)
		return ket_fail_input(report, KET_E_RANGE, KET_ITEM_OTHER,
		                      "capacity", (double)capacity,
		                      (double)KET_MAX_ITEMS, "");
	o = *order; /* read once */
	l = *limits;
	st = validate_burst(&o, &l, report);
	if (st == KET_OK)
		st = compute_burst(&o, &l, days, capacity, n_days, report);
	if (st != KET_OK) {
		days_set_nan(days, capacity);
		if (st != KET_E_BUFFER)
			*n_days = 0;
	}
	return st;
}
