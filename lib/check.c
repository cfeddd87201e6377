/*
 * check.c - the validation stages every order goes through, in the order
 * API.md fixes (NULL, non-finite, limits, enums, form, ranges), and the
 * tolerance comparisons.  Each helper records its finding in the report.
 */
#include <math.h>

#include "internal.h"

double ket_nan(void)
{
	return (double)NAN;
}

/* The slack a computed value gets at a limit; none at an infinite limit
 * (a sum like 4 x DBL_MAX), where inf - inf would make every comparison
 * false and let anything through. */
static double slack(double limit, int exact)
{
	double s = fabs(limit) * KET_REL_TOL;

	return exact || !ket_is_finite(s) ? 0.0 : s;
}

/* value > limit; a computed value (exact == 0) must exceed the limit by more
 * than KET_REL_TOL relative, so last-bit error never crosses a limit. */
int ket_above(double value, double limit, int exact)
{
	return value > limit + slack(limit, exact);
}

int ket_below(double value, double limit, int exact)
{
	return value < limit - slack(limit, exact);
}

/* A result guard: absurd but valid limits must not let an infinite dose
 * through as success. */
int ket_all_finite(const double *values, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!ket_is_finite(values[i]))
			return 0;
	}
	return 1;
}

ket_status ket_fail_input(ket_report *report, ket_status status,
                          ket_item item, const char *field, double value,
                          double limit, const char *unit)
{
	ket_report_add(report, status, 0, item, value, limit, unit, field);
	return status;
}

ket_status ket_fail_null(ket_report *report, const char *param)
{
	return ket_fail_input(report, KET_E_NULL, KET_ITEM_NONE, param,
	                      ket_nan(), ket_nan(), "");
}

ket_status ket_check_finite(const ket_field *fields, size_t n,
                            ket_report *report)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!ket_is_finite(fields[i].value))
			return ket_fail_input(report, KET_E_NOT_FINITE,
			                      fields[i].item, fields[i].name,
			                      fields[i].value, ket_nan(),
			                      fields[i].unit);
	}
	return KET_OK;
}

/* Infusions and boluses are given IV or SC only (API.md). */
ket_status ket_check_iv_sc(int32_t route, ket_report *report)
{
	if (route == KET_ROUTE_IV || route == KET_ROUTE_SC)
		return KET_OK;
	return ket_fail_input(report, KET_E_ROUTE, KET_ITEM_ROUTE, "route",
	                      (double)route, ket_nan(), "");
}

ket_status ket_check_form(int32_t form, const ket_limits *limits,
                          ket_report *report)
{
	if (form != KET_FORM_RACEMIC && form != KET_FORM_ESKETAMINE &&
	    form != KET_FORM_ARKETAMINE)
		return ket_fail_input(report, KET_E_RANGE, KET_ITEM_FORM, "form",
		                      (double)form, ket_nan(), "");
	if (form != limits->form)
		return ket_fail_input(report, KET_E_FORM, KET_ITEM_FORM, "form",
		                      (double)form, (double)limits->form, "");
	return KET_OK;
}

ket_status ket_check_weight(double weight_kg, ket_report *report)
{
	if (weight_kg < KET_WEIGHT_KG_MIN)
		return ket_fail_input(report, KET_E_WEIGHT, KET_ITEM_WEIGHT,
		                      "weight_kg", weight_kg,
		                      KET_WEIGHT_KG_MIN, "kg");
	if (weight_kg > KET_WEIGHT_KG_MAX)
		return ket_fail_input(report, KET_E_WEIGHT, KET_ITEM_WEIGHT,
		                      "weight_kg", weight_kg,
		                      KET_WEIGHT_KG_MAX, "kg");
	return KET_OK;
}

static ket_status bad_concentration(ket_report *report, double mg_per_ml,
                                    double limit)
{
	return ket_fail_input(report, KET_E_CONCENTRATION,
	                      KET_ITEM_CONCENTRATION, "concentration_mg_per_ml",
	                      mg_per_ml, limit, "mg/mL");
}

/* The plausible range, the limits' maximum, then the IV maximum. */
ket_status ket_check_concentration(double mg_per_ml, int32_t route,
                                   const ket_limits *limits,
                                   ket_report *report)
{
	double max = limits->concentration_max_mg_per_ml;

	if (mg_per_ml < KET_CONC_MG_PER_ML_MIN)
		return bad_concentration(report, mg_per_ml,
		                         KET_CONC_MG_PER_ML_MIN);
	if (mg_per_ml > KET_CONC_MG_PER_ML_MAX)
		return bad_concentration(report, mg_per_ml,
		                         KET_CONC_MG_PER_ML_MAX);
	if (max > 0.0 && mg_per_ml > max)
		return bad_concentration(report, mg_per_ml, max);
	if (route == KET_ROUTE_IV && mg_per_ml > KET_IV_CONC_MG_PER_ML_MAX)
		return ket_fail_input(report, KET_E_CONTRAINDICATED,
		                      KET_ITEM_CONCENTRATION,
		                      "concentration_mg_per_ml", mg_per_ml,
		                      KET_IV_CONC_MG_PER_ML_MAX, "mg/mL");
	return KET_OK;
}

/* A device step: 0 (no rounding) or in (0, max]. */
ket_status ket_check_step(double step, double max, const char *field,
                          const char *unit, ket_report *report)
{
	if (step < 0.0)
		return ket_fail_input(report, KET_E_RANGE, KET_ITEM_DEVICE_STEP,
		                      field, step, 0.0, unit);
	if (step > max)
		return ket_fail_input(report, KET_E_RANGE, KET_ITEM_DEVICE_STEP,
		                      field, step, max, unit);
	return KET_OK;
}

/* The weight is typed by the caller in the limit's unit: compared exactly. */
void ket_warn_unusual_weight(double weight_kg, const ket_limits *limits,
                             uint32_t *warnings, ket_report *report)
{
	double min = limits->weight_soft_min_kg;
	double max = limits->weight_soft_max_kg;

	if (min > 0.0 && weight_kg < min)
		ket_warn(report, warnings, KET_W_UNUSUAL_WEIGHT, KET_ITEM_WEIGHT,
		         weight_kg, min, "kg", "weight_soft_min_kg");
	else if (max > 0.0 && weight_kg > max)
		ket_warn(report, warnings, KET_W_UNUSUAL_WEIGHT, KET_ITEM_WEIGHT,
		         weight_kg, max, "kg", "weight_soft_max_kg");
}
