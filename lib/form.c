/*
 * form.c - enantiomers (racemic, esketamine), salt (hydrochloride versus
 * base) and percent strength.  Constants: clinical.c.
 */
#include "internal.h"

static int form_is_known(ket_form form)
{
	return form == KET_FORM_RACEMIC || form == KET_FORM_ESKETAMINE ||
	       form == KET_FORM_ARKETAMINE;
}

static ket_status form_checked(double dose_mg, ket_form from, ket_form to,
                               ket_equivalent *out)
{
	double ratio = ket_clinical.esketamine_per_racemic_mg;

	if (!ket_is_finite(dose_mg))
		return KET_E_NOT_FINITE;
	if (!form_is_known(from) || !form_is_known(to))
		return KET_E_RANGE;
	if (!(dose_mg > 0.0))
		return KET_E_DOSE;
	if (from == to) {
		out->mg = dose_mg;
	} else if (from == KET_FORM_ARKETAMINE || to == KET_FORM_ARKETAMINE) {
		return KET_E_NO_DATA; /* no established equivalence */
	} else {
		out->mg = from == KET_FORM_RACEMIC ? dose_mg * ratio
		                                   : dose_mg / ratio;
		if (!ket_is_finite(out->mg) || !(out->mg > 0.0))
			return KET_E_RANGE; /* overflow, or a denormal halved */
		out->warnings = KET_W_APPROXIMATE;
	}
	out->mg_low = out->mg_high = out->mg;
	return KET_OK;
}

ket_status ket_form_equivalent(double dose_mg, ket_form from, ket_form to,
                               ket_equivalent *out)
{
	ket_status st;

	if (out == NULL)
		return KET_E_NULL;
	out->warnings = 0;
	st = form_checked(dose_mg, from, to, out);
	if (st != KET_OK) {
		out->mg = out->mg_low = out->mg_high = ket_nan();
		out->warnings = 0;
	}
	return st;
}

/* mg x numerator / denominator for a positive finite amount. */
static ket_status scale_amount(double mg, double numerator,
                               double denominator, double *out)
{
	if (out == NULL)
		return KET_E_NULL;
	*out = ket_nan();
	if (!ket_is_finite(mg))
		return KET_E_NOT_FINITE;
	if (!(mg > 0.0))
		return KET_E_DOSE;
	/* Divide first near the top of the range, so an intermediate never
	 * overflows when the result fits (7e305 mg x 274.19 / 237.73). */
	*out = mg > 1e300 ? mg / denominator * numerator
	                  : mg * numerator / denominator;
	if (ket_is_finite(*out)) /* the ratios are near 1: no underflow */
		return KET_OK;
	*out = ket_nan(); /* DBL_MAX mg x 274.19 overflowed */
	return KET_E_RANGE;
}

ket_status ket_hydrochloride_to_base(double mg_hydrochloride, double *mg_base)
{
	return scale_amount(mg_hydrochloride, ket_clinical.base_g_per_mol,
	                    ket_clinical.hydrochloride_g_per_mol, mg_base);
}

ket_status ket_base_to_hydrochloride(double mg_base, double *mg_hydrochloride)
{
	return scale_amount(mg_base, ket_clinical.hydrochloride_g_per_mol,
	                    ket_clinical.base_g_per_mol, mg_hydrochloride);
}

ket_status ket_percent_to_mg_per_ml(double percent_w_v, double *mg_per_ml)
{
	if (mg_per_ml == NULL)
		return KET_E_NULL;
	*mg_per_ml = ket_nan();
	if (!ket_is_finite(percent_w_v))
		return KET_E_NOT_FINITE;
	if (!(percent_w_v > 0.0) || percent_w_v > ket_clinical.percent_max)
		return KET_E_RANGE;
	*mg_per_ml = percent_w_v * ket_clinical.mg_per_ml_per_percent;
	return KET_OK;
}
