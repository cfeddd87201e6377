/*
 * prepare.c - making up a syringe or bag from a vial (ket_prepare) and how
 * long it lasts (ket_infusion_duration).  API.md "Preparation".
 */
#include "internal.h"

#define FINAL_VOLUME_MAX_ML 1000.0 /* API.md: (0, 1000] mL */
#define DURATION_VOLUME_MAX_ML 1000.0
#define DURATION_RATE_MAX_ML_PER_H 1000.0 /* API.md: (0, 1000] mL/h */
#define HANG_MAX_H 168.0           /* API.md: one week */

static void preparation_set_nan(ket_preparation *out)
{
	out->stock_volume_ml = ket_nan();
	out->diluent_volume_ml = ket_nan();
	out->final_concentration_mg_per_ml = ket_nan();
	out->warnings = 0;
}

/* Stages 2-4: non-finite fields, the route, the inputs' ranges. */
static ket_status validate_preparation(const ket_preparation_order *o,
                                       ket_report *r)
{
	const ket_field fields[] = {
		{ o->total_mg, "total_mg", KET_ITEM_DOSE, "mg" },
		{ o->final_volume_ml, "final_volume_ml", KET_ITEM_VOLUME, "mL" },
		{ o->stock_mg_per_ml, "stock_mg_per_ml", KET_ITEM_CONCENTRATION,
		  "mg/mL" },
	};
	const ket_route_row *row = ket_route_row_for(o->route);
	ket_status st = ket_check_finite(fields, 3, r);

	if (st == KET_OK && (row == NULL || row->neuraxial))
		st = ket_fail_input(r, KET_E_ROUTE, KET_ITEM_ROUTE, "route",
		                    (double)o->route, ket_nan(), "");
	if (st == KET_OK && !(o->total_mg > 0.0))
		st = ket_fail_input(r, KET_E_DOSE, KET_ITEM_DOSE, "total_mg",
		                    o->total_mg, 0.0, "mg");
	if (st == KET_OK && !(o->final_volume_ml > 0.0 &&
	                      o->final_volume_ml <= FINAL_VOLUME_MAX_ML))
		st = ket_fail_input(r, KET_E_RANGE, KET_ITEM_VOLUME,
		                    "final_volume_ml", o->final_volume_ml,
		                    o->final_volume_ml > 0.0 ? FINAL_VOLUME_MAX_ML
		                                             : 0.0, "mL");
	if (st == KET_OK && (o->stock_mg_per_ml < KET_CONC_MG_PER_ML_MIN ||
	                     o->stock_mg_per_ml > KET_CONC_MG_PER_ML_MAX))
		st = ket_fail_input(r, KET_E_CONCENTRATION,
		                    KET_ITEM_CONCENTRATION, "stock_mg_per_ml",
		                    o->stock_mg_per_ml,
		                    o->stock_mg_per_ml < KET_CONC_MG_PER_ML_MIN
		                            ? KET_CONC_MG_PER_ML_MIN
		                            : KET_CONC_MG_PER_ML_MAX, "mg/mL");
	return st;
}

static ket_status compute_preparation(const ket_preparation_order *o,
                                      ket_preparation *res, ket_report *r)
{
	double final_conc = o->total_mg / o->final_volume_ml;

	res->warnings = 0;
	res->stock_volume_ml = o->total_mg / o->stock_mg_per_ml;
	if (!(res->stock_volume_ml > 0.0)) /* a denormal amount underflowed */
		return ket_fail_input(r, KET_E_RANGE, KET_ITEM_VOLUME,
		                      "stock_volume_ml", res->stock_volume_ml,
		                      0.0, "mL");
	if (ket_above(res->stock_volume_ml, o->final_volume_ml, 0))
		return ket_fail_input(r, KET_E_RANGE, KET_ITEM_CONCENTRATION,
		                      "stock_mg_per_ml", o->stock_mg_per_ml,
		                      final_conc, "mg/mL");
	if (ket_below(final_conc, KET_CONC_MG_PER_ML_MIN, 0))
		return ket_fail_input(r, KET_E_CONCENTRATION,
		                      KET_ITEM_CONCENTRATION,
		                      "final_concentration_mg_per_ml", final_conc,
		                      KET_CONC_MG_PER_ML_MIN, "mg/mL");
	if (o->route == KET_ROUTE_IV &&
	    ket_above(final_conc, KET_IV_CONC_MG_PER_ML_MAX, 0))
		return ket_fail_input(r, KET_E_CONTRAINDICATED,
		                      KET_ITEM_CONCENTRATION,
		                      "final_concentration_mg_per_ml", final_conc,
		                      KET_IV_CONC_MG_PER_ML_MAX, "mg/mL");
	/* Within tolerance of the final volume counts as the whole of it. */
	res->diluent_volume_ml = o->final_volume_ml - res->stock_volume_ml;
	if (res->diluent_volume_ml < 0.0)
		res->diluent_volume_ml = 0.0;
	res->final_concentration_mg_per_ml = final_conc;
	if (ket_below(res->stock_volume_ml, KET_VOLUME_SMALL_ML, 0))
		ket_warn(r, &res->warnings, KET_W_SMALL_VOLUME, KET_ITEM_VOLUME,
		         res->stock_volume_ml, KET_VOLUME_SMALL_ML, "mL",
		         "stock_volume_ml");
	return KET_OK;
}

ket_status ket_prepare(const ket_preparation_order *order,
                       ket_preparation *out, ket_report *report)
{
	ket_preparation_order o;
	ket_preparation res;
	ket_status st;

	ket_report_clear(report);
	if (out != NULL)
		preparation_set_nan(out);
	if (order == NULL)
		return ket_fail_null(report, "order");
	if (out == NULL)
		return ket_fail_null(report, "out");
	o = *order; /* read once */
	st = validate_preparation(&o, report);
	if (st == KET_OK)
		st = compute_preparation(&o, &res, report);
	if (st != KET_OK)
		preparation_set_nan(&res);
	*out = res;
	return st;
}

static int in_range(double x, double max)
{
	return x > 0.0 && x <= max;
}

ket_status ket_infusion_duration(double volume_ml, double rate_ml_per_h,
                                 double max_hang_h, ket_duration *out)
{
	double empty;

	if (out == NULL)
		return KET_E_NULL;
	out->empty_after_h = ket_nan();
	out->change_after_h = ket_nan();
	if (!ket_is_finite(volume_ml) || !ket_is_finite(rate_ml_per_h) ||
	    !ket_is_finite(max_hang_h))
		return KET_E_NOT_FINITE;
	if (!in_range(volume_ml, DURATION_VOLUME_MAX_ML) ||
	    !in_range(rate_ml_per_h, DURATION_RATE_MAX_ML_PER_H) ||
	    !(max_hang_h >= 0.0 && max_hang_h <= HANG_MAX_H))
		return KET_E_RANGE;
	empty = volume_ml / rate_ml_per_h;
	if (!ket_is_finite(empty) || !(empty > 0.0))
		return KET_E_RANGE; /* denormal volume or rate: not a real bag */
	out->empty_after_h = empty;
	out->change_after_h = max_hang_h > 0.0 && max_hang_h < empty
	                              ? max_hang_h : empty;
	return KET_OK;
}
