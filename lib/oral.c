/*
 * oral.c - switching a parenteral (SC/IV/IM) 24 h dose to oral or
 * sublingual doses (API.md "Parenteral to oral").  The ratio is the
 * prescriber's: practice (1:1, Benitez-Rosario 2011) is far from the
 * pharmacokinetic equivalent, which is shown beside it for context only.
 */
#include <math.h>

#include "internal.h"

static void oral_set_nan(ket_oral_regimen *out)
{
	out->mg_per_dose = ket_nan();
	out->ml_per_dose = ket_nan();
	out->mg_per_24h = ket_nan();
	out->exposure_comparison_mg_per_24h = ket_nan();
	out->warnings = 0;
}

static ket_status check_routes(const ket_oral_order *o, ket_report *r)
{
	if (o->from != KET_ROUTE_IV && o->from != KET_ROUTE_IM &&
	    o->from != KET_ROUTE_SC)
		return ket_fail_input(r, KET_E_ROUTE, KET_ITEM_ROUTE, "from",
		                      (double)o->from, ket_nan(), "");
	if (o->to != KET_ROUTE_ORAL && o->to != KET_ROUTE_SUBLINGUAL)
		return ket_fail_input(r, KET_E_ROUTE, KET_ITEM_ROUTE, "to",
		                      (double)o->to, ket_nan(), "");
	return KET_OK;
}

static ket_status out_of(ket_report *r, ket_item item, const char *field,
                         double value, double min, double max,
                         const char *unit)
{
	return ket_fail_input(r, KET_E_RANGE, item, field, value,
	                      value < min ? min : max, unit);
}

static ket_status check_ranges(const ket_oral_order *o, ket_report *r)
{
	const ket_clinical_constants *k = &ket_clinical;
	double ratio = o->ratio_oral_per_parenteral, step = o->dose_step_mg;
	double sol = o->solution_mg_per_ml;

	if (!(o->parenteral_mg_per_24h > 0.0))
		return ket_fail_input(r, KET_E_DOSE, KET_ITEM_DOSE,
		                      "parenteral_mg_per_24h",
		                      o->parenteral_mg_per_24h, 0.0, "mg/24 h");
	if (ratio < k->oral_ratio_min || ratio > k->oral_ratio_max)
		return out_of(r, KET_ITEM_RATIO, "ratio_oral_per_parenteral",
		              ratio, k->oral_ratio_min, k->oral_ratio_max, "");
	if (o->doses_per_24h < k->oral_doses_min ||
	    o->doses_per_24h > k->oral_doses_max)
		return out_of(r, KET_ITEM_DOSES_PER_24H, "doses_per_24h",
		              (double)o->doses_per_24h, k->oral_doses_min,
		              k->oral_doses_max, "");
	if (step < 0.0 || (step > 0.0 && step < k->oral_step_min_mg) ||
	    step > k->oral_step_max_mg)
		return out_of(r, KET_ITEM_DEVICE_STEP, "dose_step_mg", step,
		              k->oral_step_min_mg, k->oral_step_max_mg, "mg");
	if (sol < KET_CONC_MG_PER_ML_MIN || sol > KET_CONC_MG_PER_ML_MAX)
		return ket_fail_input(r, KET_E_CONCENTRATION,
		                      KET_ITEM_CONCENTRATION,
		                      "solution_mg_per_ml", sol,
		                      sol < KET_CONC_MG_PER_ML_MIN
		                              ? KET_CONC_MG_PER_ML_MIN
		                              : KET_CONC_MG_PER_ML_MAX, "mg/mL");
	return KET_OK;
}

static ket_status validate_oral(const ket_oral_order *o, const ket_limits *l,
                                ket_report *r)
{
	const ket_field fields[] = {
		{ o->parenteral_mg_per_24h, "parenteral_mg_per_24h",
		  KET_ITEM_DOSE, "mg/24 h" },
		{ o->ratio_oral_per_parenteral, "ratio_oral_per_parenteral",
		  KET_ITEM_RATIO, "" },
		{ o->dose_step_mg, "dose_step_mg", KET_ITEM_DEVICE_STEP, "mg" },
		{ o->solution_mg_per_ml, "solution_mg_per_ml",
		  KET_ITEM_CONCENTRATION, "mg/mL" },
	};
	ket_status st = ket_check_finite(fields, 4, r);

	if (st == KET_OK)
		st = ket_check_limits(l, r);
	if (st == KET_OK)
		st = check_routes(o, r);
	if (st == KET_OK)
		st = ket_check_form(o->form, l, r);
	if (st == KET_OK)
		st = check_ranges(o, r);
	return st;
}

/* The 24 h total against the oral limits, the ratio against practice. */
static ket_status judge_daily(const ket_oral_order *o, const ket_limits *l,
                              ket_oral_regimen *res, ket_report *r)
{
	double hard = l->oral_hard_max_mg_per_24h;
	double soft = l->oral_soft_max_mg_per_24h;
	double practice = ket_clinical.oral_ratio_practice;

	if (ket_above(res->mg_per_24h, hard, 0)) {
		ket_report_add(r, KET_E_HARD_LIMIT, 0, KET_ITEM_DAILY_TOTAL,
		               res->mg_per_24h, hard, "mg/24 h",
		               "oral_hard_max_mg_per_24h");
		return KET_E_HARD_LIMIT;
	}
	if (soft > 0.0 && ket_above(res->mg_per_24h, soft, 0))
		ket_warn(r, &res->warnings, KET_W_ABOVE_SOFT_MAX,
		         KET_ITEM_DAILY_TOTAL, res->mg_per_24h, soft, "mg/24 h",
		         "oral_soft_max_mg_per_24h");
	if (o->ratio_oral_per_parenteral > practice)
		ket_warn(r, &res->warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_RATIO,
		         o->ratio_oral_per_parenteral, practice, "",
		         "ratio_oral_per_parenteral");
	return KET_OK;
}

/* Pharmacokinetic exposure match with norketamine: context only. */
/* Pharmacokinetic exposure match with norketamine: context only.  On
 * validated routes it cannot fail; were it to, e.mg is NaN (fail-safe
 * outputs) and the result check below refuses the regimen. */
static double exposure_mg_per_24h(const ket_oral_order *o)
{
	ket_equivalent e;
	ket_status st = ket_route_equivalent(o->parenteral_mg_per_24h,
	                                     (ket_route)o->from,
	                                     (ket_route)o->to,
	                                     KET_BASIS_WITH_NORKETAMINE, &e);

	(void)st;
	return e.mg;
}

/* Absurd but valid input (1e308 mg with limits of DBL_MAX) must not come
 * back as an infinite dose with KET_OK. */
static ket_status oral_finite(const ket_oral_regimen *res, ket_report *r)
{
	const double v[] = { res->mg_per_dose, res->ml_per_dose,
		             res->mg_per_24h,
		             res->exposure_comparison_mg_per_24h };

	if (ket_all_finite(v, sizeof v / sizeof v[0]))
		return KET_OK;
	return ket_fail_input(r, KET_E_RANGE, KET_ITEM_OTHER, "out",
	                      ket_nan(), ket_nan(), "");
}

static ket_status compute_oral(const ket_oral_order *o, const ket_limits *l,
                               ket_oral_regimen *res, ket_report *r)
{
	double raw = o->parenteral_mg_per_24h * o->ratio_oral_per_parenteral /
	             (double)o->doses_per_24h;
	ket_status st;

	res->warnings = 0;
	res->mg_per_dose = ket_round_to_step(raw, o->dose_step_mg,
	                                     (double)INFINITY);
	st = ket_judge_rounding(raw, res->mg_per_dose, "dose_step_mg",
	                        &res->warnings, r);
	if (st != KET_OK)
		return st;
	res->mg_per_24h = res->mg_per_dose * (double)o->doses_per_24h;
	res->ml_per_dose = res->mg_per_dose / o->solution_mg_per_ml;
	res->exposure_comparison_mg_per_24h = exposure_mg_per_24h(o);
	st = oral_finite(res, r);
	if (st == KET_OK)
		st = judge_daily(o, l, res, r);
	if (st != KET_OK)
		return st;
	ket_warn(r, &res->warnings, KET_W_VARIABLE_ROUTE, KET_ITEM_ROUTE,
	         ket_nan(), ket_nan(), "", "to");
	if (ket_below(res->ml_per_dose, KET_VOLUME_SMALL_ML, 0))
		ket_warn(r, &res->warnings, KET_W_SMALL_VOLUME, KET_ITEM_VOLUME,
		         res->ml_per_dose, KET_VOLUME_SMALL_ML, "mL",
		         "ml_per_dose");
	return KET_OK;
}

ket_status ket_oral_conversion(const ket_oral_order *order,
                               const ket_limits *limits,
                               ket_oral_regimen *out, ket_report *report)
{
	ket_oral_order o;
	ket_limits l;
	ket_oral_regimen res;
	ket_status st;

	ket_report_clear(report);
	if (out != NULL)
		oral_set_nan(out);
	if (order == NULL)
		return ket_fail_null(report, "order");
	if (limits == NULL)
		return ket_fail_null(report, "limits");
	if (out == NULL)
		return ket_fail_null(report, "out");
	o = *order; /* read once */
	l = *limits;
	st = validate_oral(&o, &l, report);
	if (st == KET_OK)
		st = compute_oral(&o, &l, &res, report);
	if (st != KET_OK)
		oral_set_nan(&res);
	*out = res;
	return st;
}
