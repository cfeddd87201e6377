/*
 * infusion.c - continuous infusion: an order turned into a pump rate
 * (ket_infusion_rate) and a running pump judged (ket_infusion_check), by the
 * rules of API.md "Continuous infusion".
 */
#include <math.h>

#include "internal.h"

/* The pump step bound is shared with burst.c: KET_PUMP_STEP_MAX_ML_PER_H.
 * A running pump's rate has no upper bound (API.md: the check reports, it
 * does not refuse): a rate far above the limits is the case it exists for. */

/* A dose in its three units, each flagged exact when it is the value the
 * caller typed (compared with limits exactly) rather than a computed one. */
typedef struct dose_rate {
	double per_kg, mg_per_h, mg_per_24h;
	int per_kg_exact, mg_per_h_exact, mg_per_24h_exact;
} dose_rate;

/* Which soft limits the ordered dose already crossed: a limit crossed by
 * both ordered and delivered dose is one finding. */
typedef struct soft_seen {
	int below_min, above_max, above_mg_per_h, above_daily;
} soft_seen;

static void infusion_set_nan(ket_infusion *out)
{
	out->mg_per_h = ket_nan();
	out->rate_ml_per_h = ket_nan();
	out->delivered_mg_per_h = ket_nan();
	out->delivered_mg_per_kg_per_h = ket_nan();
	out->delivered_mcg_per_kg_per_min = ket_nan();
	out->delivered_mg_per_24h = ket_nan();
	out->warnings = 0;
}

static dose_rate ordered_rate(const ket_infusion_order *o)
{
	dose_rate d;

	if (ket_unit_is_per_kg(o->dose_unit)) {
		d.per_kg = ket_unit_scale(o->dose, o->dose_unit,
		                          KET_UNIT_MG_PER_KG_PER_H, 0.0);
		d.mg_per_h = d.per_kg * o->weight_kg;
	} else {
		d.mg_per_h = ket_unit_scale(o->dose, o->dose_unit,
		                            KET_UNIT_MG_PER_H, 0.0);
		d.per_kg = d.mg_per_h / o->weight_kg;
	}
	d.mg_per_24h = o->dose_unit == KET_UNIT_MG_PER_24H ? o->dose
	                                                   : 24.0 * d.mg_per_h;
	d.per_kg_exact = o->dose_unit == KET_UNIT_MG_PER_KG_PER_H;
	d.mg_per_h_exact = o->dose_unit == KET_UNIT_MG_PER_H;
	d.mg_per_24h_exact = o->dose_unit == KET_UNIT_MG_PER_24H;
	return d;
}

static dose_rate delivered_rate(double mg_per_h, double weight_kg)
{
	dose_rate d = { mg_per_h / weight_kg, mg_per_h, 24.0 * mg_per_h,
		        0, 0, 0 };

	return d;
}

/* Which soft limits judge_soft examines. */
#define SOFT_RATE 1u  /* per-kg minimum and maximum, mg/h maximum */
#define SOFT_DAILY 2u /* daily maximum */

/* The soft limits in `which`, each judged once per dose; `seen` keeps a
 * limit already reported for the ordered dose from being reported again. */
static void judge_soft(const dose_rate *d, const ket_limits *l,
                       unsigned which, soft_seen *seen, uint32_t *warnings,
                       ket_report *r)
{
	double min = l->infusion_soft_min_mg_per_kg_per_h;
	double max = l->infusion_soft_max_mg_per_kg_per_h;
	double max_h = l->infusion_soft_max_mg_per_h;
	double max_d = l->daily_soft_max_mg_per_24h;

	if ((which & SOFT_RATE) == 0)
		min = max = max_h = 0.0;
	if ((which & SOFT_DAILY) == 0)
		max_d = 0.0;
	if (!seen->below_min && min > 0.0 &&
	    ket_below(d->per_kg, min, d->per_kg_exact)) {
		seen->below_min = 1;
		ket_warn(r, warnings, KET_W_BELOW_SOFT_MIN, KET_ITEM_DOSE_PER_KG,
		         d->per_kg, min, "mg/kg/h",
		         "infusion_soft_min_mg_per_kg_per_h");
	}
	if (!seen->above_max && max > 0.0 &&
	    ket_above(d->per_kg, max, d->per_kg_exact)) {
		seen->above_max = 1;
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE_PER_KG,
		         d->per_kg, max, "mg/kg/h",
		         "infusion_soft_max_mg_per_kg_per_h");
	}
	if (!seen->above_mg_per_h && max_h > 0.0 &&
	    ket_above(d->mg_per_h, max_h, d->mg_per_h_exact)) {
		seen->above_mg_per_h = 1;
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE_PER_H,
		         d->mg_per_h, max_h, "mg/h", "infusion_soft_max_mg_per_h");
	}
	if (!seen->above_daily && max_d > 0.0 &&
	    ket_above(d->mg_per_24h, max_d, d->mg_per_24h_exact)) {
		seen->above_daily = 1;
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DAILY_TOTAL,
		         d->mg_per_24h, max_d, "mg/24 h",
		         "daily_soft_max_mg_per_24h");
	}
}

static ket_status refuse(ket_report *r, ket_item item, double value,
                         double limit, const char *unit, const char *field)
{
	ket_report_add(r, KET_E_HARD_LIMIT, 0, item, value, limit, unit, field);
	return KET_E_HARD_LIMIT;
}

/* The most mL/h the hard maximum per kg, the cap and the daily hard
 * maximum allow (rule 4), so rounding never crosses one of them. */
static double max_rate_ml_per_h(const ket_infusion_order *o,
                                const ket_limits *l)
{
	double max_mg_per_h = l->infusion_hard_max_mg_per_kg_per_h *
	                      o->weight_kg;

	if (l->infusion_cap_mg_per_h > 0.0 &&
	    l->infusion_cap_mg_per_h < max_mg_per_h)
		max_mg_per_h = l->infusion_cap_mg_per_h;
	if (l->daily_hard_max_mg_per_24h > 0.0 &&
	    l->daily_hard_max_mg_per_24h / 24.0 < max_mg_per_h)
		max_mg_per_h = l->daily_hard_max_mg_per_24h / 24.0;
	return max_mg_per_h / o->concentration_mg_per_ml;
}

/* Rule 3: the cap, the daily hard maximum on the capped dose, then the
 * daily soft maximum on the dose as ordered (rule 6). */
static ket_status apply_cap_and_daily(const dose_rate *ord,
                                      const ket_limits *l, soft_seen *seen,
                                      double *mg_per_h, uint32_t *warnings,
                                      ket_report *r)
{
	double cap = l->infusion_cap_mg_per_h;
	double daily_max = l->daily_hard_max_mg_per_24h;
	double daily = ord->mg_per_24h;
	int exact = ord->mg_per_24h_exact;

	*mg_per_h = ord->mg_per_h;
	if (cap > 0.0 && ket_above(ord->mg_per_h, cap, ord->mg_per_h_exact)) {
		*mg_per_h = cap;
		daily = 24.0 * cap;
		exact = 0;
		ket_warn(r, warnings, KET_W_CAPPED, KET_ITEM_DOSE_PER_H,
		         ord->mg_per_h, cap, "mg/h", "infusion_cap_mg_per_h");
	}
	if (daily_max > 0.0 && ket_above(daily, daily_max, exact))
		return refuse(r, KET_ITEM_DAILY_TOTAL, daily, daily_max,
		              "mg/24 h", "daily_hard_max_mg_per_24h");
	judge_soft(ord, l, SOFT_DAILY, seen, warnings, r);
	return KET_OK;
}

static void fill_delivered(ket_infusion *res, double rate, double conc,
                           double weight_kg)
{
	res->rate_ml_per_h = rate;
	res->delivered_mg_per_h = rate * conc;
	res->delivered_mg_per_kg_per_h = res->delivered_mg_per_h / weight_kg;
	res->delivered_mcg_per_kg_per_min = ket_unit_scale(
		res->delivered_mg_per_kg_per_h, KET_UNIT_MG_PER_KG_PER_H,
		KET_UNIT_MCG_PER_KG_PER_MIN, 0.0);
	res->delivered_mg_per_24h = 24.0 * res->delivered_mg_per_h;
}

/* Limits are data: absurd but valid ones (a hard maximum of 1e300) could
 * otherwise carry an infinite dose out as success. */
static ket_status infusion_finite(const ket_infusion *res, ket_report *r)
{
	const double v[] = { res->mg_per_h, res->rate_ml_per_h,
		             res->delivered_mg_per_h,
		             res->delivered_mg_per_kg_per_h,
		             res->delivered_mcg_per_kg_per_min,
		             res->delivered_mg_per_24h };

	if (ket_all_finite(v, sizeof v / sizeof v[0]))
		return KET_OK;
	return ket_fail_input(r, KET_E_RANGE, KET_ITEM_OTHER, "out",
	                      ket_nan(), ket_nan(), "");
}

static void warn_low_rate(double rate, int exact, uint32_t *warnings,
                          ket_report *r)
{
	if (ket_below(rate, KET_PUMP_RATE_LOW_ML_PER_H, exact))
		ket_warn(r, warnings, KET_W_LOW_PUMP_RATE, KET_ITEM_PUMP_RATE,
		         rate, KET_PUMP_RATE_LOW_ML_PER_H, "mL/h",
		         "rate_ml_per_h");
}

/* Rules 2-6 on a validated order. */
static ket_status compute_rate(const ket_infusion_order *o,
                               const ket_limits *l, ket_infusion *res,
                               ket_report *r)
{
	dose_rate ord = ordered_rate(o);
	dose_rate del;
	soft_seen seen = { 0, 0, 0, 0 };
	double hard = l->infusion_hard_max_mg_per_kg_per_h;
	double conc = o->concentration_mg_per_ml;
	ket_status st;

	res->warnings = 0;
	if (ket_above(ord.per_kg, hard, ord.per_kg_exact))
		return refuse(r, KET_ITEM_DOSE_PER_KG, ord.per_kg, hard,
		              "mg/kg/h", "infusion_hard_max_mg_per_kg_per_h");
	judge_soft(&ord, l, SOFT_RATE, &seen, &res->warnings, r);
	st = apply_cap_and_daily(&ord, l, &seen, &res->mg_per_h,
	                         &res->warnings, r);
	if (st != KET_OK)
		return st;
	fill_delivered(res, ket_round_to_step(res->mg_per_h / conc,
	                                      o->pump_step_ml_per_h,
	                                      max_rate_ml_per_h(o, l)),
	               conc, o->weight_kg);
	st = ket_judge_rounding(res->mg_per_h, res->delivered_mg_per_h,
	                        "pump_step_ml_per_h", &res->warnings, r);
	if (st != KET_OK)
		return st;
	warn_low_rate(res->rate_ml_per_h, 0, &res->warnings, r);
	del = delivered_rate(res->delivered_mg_per_h, o->weight_kg);
	judge_soft(&del, l, SOFT_RATE | SOFT_DAILY, &seen, &res->warnings, r);
	ket_warn_unusual_weight(o->weight_kg, l, &res->warnings, r);
	return infusion_finite(res, r);
}

/* API.md validation stages 2-5 for an infusion order. */
static ket_status validate_order(const ket_infusion_order *o,
                                 const ket_limits *l, ket_report *r)
{
	const ket_field fields[] = {
		{ o->weight_kg, "weight_kg", KET_ITEM_WEIGHT, "kg" },
		{ o->dose, "dose", KET_ITEM_DOSE, "" },
		{ o->concentration_mg_per_ml, "concentration_mg_per_ml",
		  KET_ITEM_CONCENTRATION, "mg/mL" },
		{ o->pump_step_ml_per_h, "pump_step_ml_per_h",
		  KET_ITEM_DEVICE_STEP, "mL/h" },
	};
	ket_status st = ket_check_finite(fields, 4, r);

	if (st == KET_OK)
		st = ket_check_limits(l, r);
	if (st == KET_OK && !ket_unit_is_known(o->dose_unit))
		st = ket_fail_input(r, KET_E_UNIT, KET_ITEM_UNIT, "dose_unit",
		                    (double)o->dose_unit, ket_nan(), "");
	if (st == KET_OK)
		st = ket_check_iv_sc(o->route, r);
	if (st == KET_OK)
		st = ket_check_form(o->form, l, r);
	if (st == KET_OK)
		st = ket_check_weight(o->weight_kg, r);
	if (st == KET_OK && !(o->dose > 0.0))
		st = ket_fail_input(r, KET_E_DOSE, KET_ITEM_DOSE, "dose",
		                    o->dose, 0.0, ket_rate_unit_ucum(
		                            (ket_rate_unit)o->dose_unit));
	if (st == KET_OK)
		st = ket_check_concentration(o->concentration_mg_per_ml,
		                             o->route, l, r);
	if (st == KET_OK)
		st = ket_check_step(o->pump_step_ml_per_h,
		                    KET_PUMP_STEP_MAX_ML_PER_H,
		                    "pump_step_ml_per_h", "mL/h", r);
	return st;
}

ket_status ket_infusion_rate(const ket_infusion_order *order,
                             const ket_limits *limits, ket_infusion *out,
                             ket_report *report)
{
	ket_infusion_order o;
	ket_limits l;
	ket_infusion res;
	ket_status st;

	ket_report_clear(report);
	if (out != NULL)
		infusion_set_nan(out);
	if (order == NULL)
		return ket_fail_null(report, "order");
	if (limits == NULL)
		return ket_fail_null(report, "limits");
	if (out == NULL)
		return ket_fail_null(report, "out");
	o = *order; /* read once */
	l = *limits;
	st = validate_order(&o, &l, report);
	if (st == KET_OK)
		st = compute_rate(&o, &l, &res, report);
	if (st != KET_OK)
		infusion_set_nan(&res);
	*out = res;
	return st;
}

/* ---- a running pump ----------------------------------------------------- */

static ket_status validate_reading(const ket_pump_reading *p,
                                   const ket_limits *l, ket_report *r)
{
	const ket_field fields[] = {
		{ p->weight_kg, "weight_kg", KET_ITEM_WEIGHT, "kg" },
		{ p->rate_ml_per_h, "rate_ml_per_h", KET_ITEM_PUMP_RATE, "mL/h" },
		{ p->concentration_mg_per_ml, "concentration_mg_per_ml",
		  KET_ITEM_CONCENTRATION, "mg/mL" },
	};
	ket_status st = ket_check_finite(fields, 3, r);

	if (st == KET_OK)
		st = ket_check_limits(l, r);
	if (st == KET_OK)
		st = ket_check_iv_sc(p->route, r);
	if (st == KET_OK)
		st = ket_check_form(p->form, l, r);
	if (st == KET_OK)
		st = ket_check_weight(p->weight_kg, r);
	if (st == KET_OK && !(p->rate_ml_per_h > 0.0))
		st = ket_fail_input(r, KET_E_DOSE, KET_ITEM_PUMP_RATE,
		                    "rate_ml_per_h", p->rate_ml_per_h, 0.0,
		                    "mL/h");
	if (st == KET_OK)
		st = ket_check_concentration(p->concentration_mg_per_ml,
		                             p->route, l, r);
	return st;
}

static void warn_hard(uint32_t *warnings, ket_report *r, ket_item item,
                      double value, double limit, const char *unit,
                      const char *field)
{
	ket_warn(r, warnings, KET_W_ABOVE_HARD_MAX, item, value, limit, unit,
	         field);
}

/* The hard limits reported, not enforced: the pump is already running. */
static void judge_reading(const ket_pump_reading *p, const ket_limits *l,
                          ket_infusion *res, ket_report *r)
{
	dose_rate del;
	soft_seen seen = { 0, 0, 0, 0 };
	double hard = l->infusion_hard_max_mg_per_kg_per_h;
	double cap = l->infusion_cap_mg_per_h;
	double daily_max = l->daily_hard_max_mg_per_24h;

	del = delivered_rate(res->delivered_mg_per_h, p->weight_kg);
	if (ket_above(del.per_kg, hard, 0))
		warn_hard(&res->warnings, r, KET_ITEM_DOSE_PER_KG, del.per_kg,
		          hard, "mg/kg/h", "infusion_hard_max_mg_per_kg_per_h");
	judge_soft(&del, l, SOFT_RATE | SOFT_DAILY, &seen, &res->warnings, r);
	if (cap > 0.0 && ket_above(del.mg_per_h, cap, 0))
		warn_hard(&res->warnings, r, KET_ITEM_DOSE_PER_H, del.mg_per_h,
		          cap, "mg/h", "infusion_cap_mg_per_h");
	if (daily_max > 0.0 && ket_above(del.mg_per_24h, daily_max, 0))
		warn_hard(&res->warnings, r, KET_ITEM_DAILY_TOTAL,
		          del.mg_per_24h, daily_max, "mg/24 h",
		          "daily_hard_max_mg_per_24h");
	warn_low_rate(p->rate_ml_per_h, 1, &res->warnings, r);
	ket_warn_unusual_weight(p->weight_kg, l, &res->warnings, r);
}

ket_status ket_infusion_check(const ket_pump_reading *pump,
                              const ket_limits *limits, ket_infusion *out,
                              ket_report *report)
{
	ket_pump_reading p;
	ket_limits l;
	ket_status st;

	ket_report_clear(report);
	if (out != NULL)
		infusion_set_nan(out);
	if (pump == NULL)
		return ket_fail_null(report, "pump");
	if (limits == NULL)
		return ket_fail_null(report, "limits");
	if (out == NULL)
		return ket_fail_null(report, "out");
	p = *pump; /* read once */
	l = *limits;
	st = validate_reading(&p, &l, report);
	if (st != KET_OK)
		return st;
	out->warnings = 0;
	fill_delivered(out, p.rate_ml_per_h, p.concentration_mg_per_ml,
	               p.weight_kg);
	out->mg_per_h = out->delivered_mg_per_h;
	/* An absurd reading (1e308 mL/h) must not report infinite doses. */
	st = infusion_finite(out, report);
	if (st == KET_OK)
		judge_reading(&p, &l, out, report);
	else
		infusion_set_nan(out);
	return st;
}
