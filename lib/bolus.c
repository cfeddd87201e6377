/*
 * bolus.c - a single bolus: dose, volume rounded to the syringe step, held
 * against the bolus limits (API.md "Bolus").  Not held against the daily
 * limits: a single dose; daily totals belong to regimens.
 */
#include <math.h>

#include "internal.h"

#define SYRINGE_STEP_MAX_ML 1.0 /* API.md: step 0 or (0, 1] mL */

/* Soft limits already reported for the ordered dose. */
typedef struct bolus_seen {
	int above_per_kg, above_mg;
} bolus_seen;

static void bolus_set_nan(ket_bolus *out)
{
	out->mg = ket_nan();
	out->volume_ml = ket_nan();
	out->delivered_mg_per_kg = ket_nan();
	out->warnings = 0;
}

/* A dose judged against the two soft maxima; per_kg_exact when the per-kg
 * figure is the one the caller typed. */
static void judge_soft(double per_kg, int per_kg_exact, double mg,
                       const ket_limits *l, bolus_seen *seen,
                       uint32_t *warnings, ket_report *r)
{
	double max = l->bolus_soft_max_mg_per_kg;
	double max_mg = l->bolus_soft_max_mg;

	if (!seen->above_per_kg && max > 0.0 &&
	    ket_above(per_kg, max, per_kg_exact)) {
		seen->above_per_kg = 1;
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE_PER_KG,
		         per_kg, max, "mg/kg", "bolus_soft_max_mg_per_kg");
	}
	if (!seen->above_mg && max_mg > 0.0 && ket_above(mg, max_mg, 0)) {
		seen->above_mg = 1;
		ket_warn(r, warnings, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE, mg,
		         max_mg, "mg", "bolus_soft_max_mg");
	}
}

/* The most mL the hard maximum per kg and the cap allow. */
static double max_volume_ml(const ket_bolus_order *o, const ket_limits *l)
{
	double max_mg = l->bolus_hard_max_mg_per_kg * o->weight_kg;

	if (l->bolus_cap_mg > 0.0 && l->bolus_cap_mg < max_mg)
		max_mg = l->bolus_cap_mg;
	return max_mg / o->concentration_mg_per_ml;
}

/* Absurd but valid limits must not carry an infinite dose out as success. */
static ket_status bolus_finite(const ket_bolus *res, ket_report *r)
{
	const double v[] = { res->mg, res->volume_ml,
		             res->delivered_mg_per_kg };

	if (ket_all_finite(v, sizeof v / sizeof v[0]))
		return KET_OK;
	return ket_fail_input(r, KET_E_RANGE, KET_ITEM_OTHER, "out",
	                      ket_nan(), ket_nan(), "");
}

static ket_status compute_bolus(const ket_bolus_order *o, const ket_limits *l,
                                ket_bolus *res, ket_report *r)
{
	bolus_seen seen = { 0, 0 };
	double hard = l->bolus_hard_max_mg_per_kg;
	double cap = l->bolus_cap_mg;
	double ordered_mg = o->dose_mg_per_kg * o->weight_kg;
	double mg = ordered_mg;
	ket_status st;

	res->warnings = 0;
	if (o->dose_mg_per_kg > hard) { /* typed in the limit's unit: exact */
		ket_report_add(r, KET_E_HARD_LIMIT, 0, KET_ITEM_DOSE_PER_KG,
		               o->dose_mg_per_kg, hard, "mg/kg",
		               "bolus_hard_max_mg_per_kg");
		return KET_E_HARD_LIMIT;
	}
	judge_soft(o->dose_mg_per_kg, 1, ordered_mg, l, &seen, &res->warnings,
	           r);
	if (cap > 0.0 && ket_above(ordered_mg, cap, 0)) {
		mg = cap;
		ket_warn(r, &res->warnings, KET_W_CAPPED, KET_ITEM_DOSE,
		         ordered_mg, cap, "mg", "bolus_cap_mg");
	}
	res->volume_ml = ket_round_to_step(mg / o->concentration_mg_per_ml,
	                                   o->syringe_step_ml,
	                                   max_volume_ml(o, l));
	res->mg = res->volume_ml * o->concentration_mg_per_ml;
	res->delivered_mg_per_kg = res->mg / o->weight_kg;
	st = ket_judge_rounding(mg, res->mg, "syringe_step_ml", &res->warnings,
	                        r);
	if (st != KET_OK)
		return st;
	judge_soft(res->delivered_mg_per_kg, 0, res->mg, l, &seen,
	           &res->warnings, r);
	if (ket_below(res->volume_ml, KET_VOLUME_SMALL_ML, 0))
		ket_warn(r, &res->warnings, KET_W_SMALL_VOLUME, KET_ITEM_VOLUME,
		         res->volume_ml, KET_VOLUME_SMALL_ML, "mL", "volume_ml");
	ket_warn_unusual_weight(o->weight_kg, l, &res->warnings, r);
	return bolus_finite(res, r);
}

static ket_status validate_order(const ket_bolus_order *o,
                                 const ket_limits *l, ket_report *r)
{
	const ket_field fields[] = {
		{ o->weight_kg, "weight_kg", KET_ITEM_WEIGHT, "kg" },
		{ o->dose_mg_per_kg, "dose_mg_per_kg", KET_ITEM_DOSE, "mg/kg" },
		{ o->concentration_mg_per_ml, "concentration_mg_per_ml",
		  KET_ITEM_CONCENTRATION, "mg/mL" },
		{ o->syringe_step_ml, "syringe_step_ml", KET_ITEM_DEVICE_STEP,
		  "mL" },
	};
	ket_status st = ket_check_finite(fields, 4, r);

	if (st == KET_OK)
		st = ket_check_limits(l, r);
	if (st == KET_OK)
		st = ket_check_iv_sc(o->route, r);
	if (st == KET_OK)
		st = ket_check_form(o->form, l, r);
	if (st == KET_OK)
		st = ket_check_weight(o->weight_kg, r);
	if (st == KET_OK && !(o->dose_mg_per_kg > 0.0))
		st = ket_fail_input(r, KET_E_DOSE, KET_ITEM_DOSE,
		                    "dose_mg_per_kg", o->dose_mg_per_kg, 0.0,
		                    "mg/kg");
	if (st == KET_OK)
		st = ket_check_concentration(o->concentration_mg_per_ml,
		                             o->route, l, r);
	if (st == KET_OK)
		st = ket_check_step(o->syringe_step_ml, SYRINGE_STEP_MAX_ML,
		                    "syringe_step_ml", "mL", r);
	return st;
}

ket_status ket_bolus_dose(const ket_bolus_order *order,
                          const ket_limits *limits, ket_bolus *out,
                          ket_report *report)
{
	ket_bolus_order o;
	ket_limits l;
	ket_bolus res;
	ket_status st;

	ket_report_clear(report);
	if (out != NULL)
		bolus_set_nan(out);
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
		st = compute_bolus(&o, &l, &res, report);
	if (st != KET_OK)
		bolus_set_nan(&res);
	*out = res;
	return st;
}
