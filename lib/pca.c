/*
 * pca.c - the most a PCA programme lets a patient self-administer, held
 * against the limits (API.md "PCA").  The windows are sliding and
 * half-open, [t, t + 60 min), the lockout counted from each bolus.
 */
#include <math.h>

#include "internal.h"

#define LOCKOUT_MIN_MIN 1.0   /* API.md: lockout in [1, 120] min */
#define LOCKOUT_MAX_MIN 120.0
#define STEP_SLACK 1e-9       /* API.md: ceil(x - 1e-9), floor(x + 1e-9) */

static void pca_set_nan(ket_pca *out)
{
	out->max_mg_per_h = ket_nan();
	out->max_mg_per_4h = ket_nan();
	out->max_mg_per_kg_per_h = ket_nan();
	out->warnings = 0;
}

static ket_status range_error(ket_report *r, ket_item item,
                              const char *field, double value, double limit,
                              const char *unit)
{
	return ket_fail_input(r, KET_E_RANGE, item, field, value, limit, unit);
}

/* The two pump limits, set (non-zero) or not, against the boluses and
 * the basal infusion they must at least allow. */
static ket_status check_pump_limits(const ket_pca_order *o, ket_report *r)
{
	double h = o->limit_mg_per_h, h4 = o->limit_mg_per_4h;
	double need_h = o->basal_mg_per_h + o->bolus_mg;
	double need_4h = 4.0 * o->basal_mg_per_h + o->bolus_mg;

	if (h < 0.0)
		return range_error(r, KET_ITEM_PCA_HOURLY, "limit_mg_per_h", h,
		                   0.0, "mg/h");
	if (h > 0.0 && ket_below(h, need_h, 0))
		return range_error(r, KET_ITEM_PCA_HOURLY, "limit_mg_per_h", h,
		                   need_h, "mg/h");
	if (h4 < 0.0)
		return range_error(r, KET_ITEM_PCA_HOURLY, "limit_mg_per_4h", h4,
		                   0.0, "mg/4 h");
	if (h4 > 0.0 && ket_below(h4, need_4h, 0))
		return range_error(r, KET_ITEM_PCA_HOURLY, "limit_mg_per_4h", h4,
		                   need_4h, "mg/4 h");
	if (h4 > 0.0 && h > 0.0 && ket_below(h4, h, 0))
		return range_error(r, KET_ITEM_PCA_HOURLY, "limit_mg_per_4h", h4,
		                   h, "mg/4 h");
	return KET_OK;
}

static ket_status check_ranges(const ket_pca_order *o, ket_report *r)
{
	ket_status st = ket_check_weight(o->weight_kg, r);

	if (st == KET_OK && !(o->bolus_mg > 0.0))
		st = ket_fail_input(r, KET_E_DOSE, KET_ITEM_DOSE, "bolus_mg",
		                    o->bolus_mg, 0.0, "mg");
	if (st == KET_OK && (o->lockout_min < LOCKOUT_MIN_MIN ||
	                     o->lockout_min > LOCKOUT_MAX_MIN))
		st = range_error(r, KET_ITEM_LOCKOUT, "lockout_min",
		                 o->lockout_min,
		                 o->lockout_min < LOCKOUT_MIN_MIN ? LOCKOUT_MIN_MIN
		                                                  : LOCKOUT_MAX_MIN,
		                 "min");
	if (st == KET_OK && o->basal_mg_per_h < 0.0)
		st = range_error(r, KET_ITEM_DOSE_PER_H, "basal_mg_per_h",
		                 o->basal_mg_per_h, 0.0, "mg/h");
	if (st == KET_OK)
		st = check_pump_limits(o, r);
	return st;
}

static ket_status validate_pca(const ket_pca_order *o, const ket_limits *l,
                               ket_report *r)
{
	const ket_field fields[] = {
		{ o->weight_kg, "weight_kg", KET_ITEM_WEIGHT, "kg" },
		{ o->bolus_mg, "bolus_mg", KET_ITEM_DOSE, "mg" },
		{ o->lockout_min, "lockout_min", KET_ITEM_LOCKOUT, "min" },
		{ o->basal_mg_per_h, "basal_mg_per_h", KET_ITEM_DOSE_PER_H,
		  "mg/h" },
		{ o->limit_mg_per_h, "limit_mg_per_h", KET_ITEM_PCA_HOURLY,
		  "mg/h" },
		{ o->limit_mg_per_4h, "limit_mg_per_4h", KET_ITEM_PCA_HOURLY,
		  "mg/4 h" },
	};
	ket_status st = ket_check_finite(fields, 6, r);

	if (st == KET_OK)
		st = ket_check_limits(l, r);
	if (st == KET_OK)
		st = ket_check_form(o->form, l, r);
	if (st == KET_OK)
		st = check_ranges(o, r);
	return st;
}

/* Boluses that fit in a limit over a window with `hours` of basal. */
static double boluses_within(double limit, double hours,
                             const ket_pca_order *o)
{
	return floor((limit - hours * o->basal_mg_per_h) / o->bolus_mg +
	             STEP_SLACK);
}

static void pca_maxima(const ket_pca_order *o, ket_pca *res)
{
	double n1 = ceil(60.0 / o->lockout_min - STEP_SLACK);
	double n4 = ceil(240.0 / o->lockout_min - STEP_SLACK);

	if (o->limit_mg_per_h > 0.0)
		n1 = fmin(n1, boluses_within(o->limit_mg_per_h, 1.0, o));
	if (o->limit_mg_per_4h > 0.0)
		n1 = fmin(n1, boluses_within(o->limit_mg_per_4h, 4.0, o));
	n4 = fmin(n4, 4.0 * n1);
	if (o->limit_mg_per_4h > 0.0)
		n4 = fmin(n4, boluses_within(o->limit_mg_per_4h, 4.0, o));
	res->max_mg_per_h = o->basal_mg_per_h + n1 * o->bolus_mg;
	if (o->limit_mg_per_h > 0.0)
		res->max_mg_per_h = fmin(res->max_mg_per_h, o->limit_mg_per_h);
	res->max_mg_per_4h = 4.0 * o->basal_mg_per_h + n4 * o->bolus_mg;
	if (o->limit_mg_per_4h > 0.0)
		res->max_mg_per_4h = fmin(res->max_mg_per_4h,
		                          o->limit_mg_per_4h);
	res->max_mg_per_kg_per_h = res->max_mg_per_h / o->weight_kg;
}

/* The bolus against the bolus limits (the cap does not apply: the bolus
 * is what the pump is programmed with). */
static ket_status judge_bolus(const ket_pca_order *o, const ket_limits *l,
                              uint32_t *warnings, ket_report *r)
{
	double per_kg = o->bolus_mg / o->weight_kg;

	if (ket_above(per_kg, l->bolus_hard_max_mg_per_kg, 0)) {
		ket_report_add(r, KET_E_HARD_LIMIT, 0, KET_ITEM_DOSE_PER_KG,
		               per_kg, l->bolus_hard_max_mg_per_kg, "mg/kg",
		               "bolus_hard_max_mg_per_kg");
		return KET_E_HARD_LIMIT;
	}
	if (l->bolus_soft_max_mg_per_kg > 0.0 &&
	    ket_above(per_kg, l->bolus_soft_max_mg_per_kg, 0))
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE_PER_KG,
		         per_kg, l->bolus_soft_max_mg_per_kg, "mg/kg",
		         "bolus_soft_max_mg_per_kg");
	if (l->bolus_soft_max_mg > 0.0 && o->bolus_mg > l->bolus_soft_max_mg)
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE,
		         o->bolus_mg, l->bolus_soft_max_mg, "mg",
		         "bolus_soft_max_mg");
	return KET_OK;
}

static int pca_finite(const ket_pca *res)
{
	const double v[] = { res->max_mg_per_h, res->max_mg_per_4h,
		             res->max_mg_per_kg_per_h };

	return ket_all_finite(v, sizeof v / sizeof v[0]);
}

static ket_status compute_pca(const ket_pca_order *o, const ket_limits *l,
                              ket_pca *res, ket_report *r)
{
	double hard = l->pca_hard_max_mg_per_kg_per_h;
	ket_status st;

	res->warnings = 0;
	st = judge_bolus(o, l, &res->warnings, r);
	if (st != KET_OK)
		return st;
	ket_warn_unusual_weight(o->weight_kg, l, &res->warnings, r);
	pca_maxima(o, res);
	if (!pca_finite(res)) /* e.g. 4 x a basal rate near DBL_MAX */
		return ket_fail_input(r, KET_E_RANGE, KET_ITEM_OTHER, "out",
		                      ket_nan(), ket_nan(), "");
	if (ket_above(res->max_mg_per_kg_per_h, hard, 0)) {
		ket_report_add(r, KET_E_HARD_LIMIT, 0, KET_ITEM_PCA_HOURLY,
		               res->max_mg_per_kg_per_h, hard, "mg/kg/h",
		               "pca_hard_max_mg_per_kg_per_h");
		return KET_E_HARD_LIMIT;
	}
	return KET_OK;
}

ket_status ket_pca_check(const ket_pca_order *order, const ket_limits *limits,
                         ket_pca *out, ket_report *report)
{
	ket_pca_order o;
	ket_limits l;
	ket_pca res;
	ket_status st;

	ket_report_clear(report);
	if (out != NULL)
		pca_set_nan(out);
	if (order == NULL)
		return ket_fail_null(report, "order");
	if (limits == NULL)
		return ket_fail_null(report, "limits");
	if (out == NULL)
		return ket_fail_null(report, "out");
	o = *order; /* read once */
	l = *limits;
	st = validate_pca(&o, &l, report);
	if (st == KET_OK)
		st = compute_pca(&o, &l, &res, report);
	if (st != KET_OK)
		pca_set_nan(&res);
	*out = res;
	return st;
}
