/*
 * route.c - routes: names, bioavailability, exposure comparisons and the
 * neuraxial check.  The numbers are the route table in clinical.c.
 */
#include "internal.h"

const char *ket_route_name(ket_route route)
{
	const ket_route_row *row = ket_route_row_for((int32_t)route);

	return row != NULL ? row->name : NULL;
}

const char *ket_route_label(ket_route route)
{
	const ket_route_row *row = ket_route_row_for((int32_t)route);

	return row != NULL ? row->label : NULL;
}

static int basis_is_known(ket_exposure_basis basis)
{
	return basis == KET_BASIS_KETAMINE ||
	       basis == KET_BASIS_WITH_NORKETAMINE;
}

ket_status ket_route_bioavailability(ket_route route, ket_exposure_basis basis,
                                     ket_bioavailability *out)
{
	const ket_route_row *row;

	if (out == NULL)
		return KET_E_NULL;
	out->fraction = out->fraction_low = out->fraction_high = ket_nan();
	out->warnings = 0;
	row = ket_route_row_for((int32_t)route);
	if (row == NULL)
		return KET_E_ROUTE;
	if (!basis_is_known(basis))
		return KET_E_RANGE;
	if (!row->has_data[basis])
		return KET_E_NO_DATA;
	out->fraction = row->f[basis][0];
	out->fraction_low = row->f[basis][1];
	out->fraction_high = row->f[basis][2];
	out->warnings = row->variable ? KET_W_VARIABLE_ROUTE : 0;
	return KET_OK;
}

static ket_status equivalent_checked(double dose_mg, ket_route from,
                                     ket_route to, ket_exposure_basis basis,
                                     ket_equivalent *out)
{
	const ket_route_row *a = ket_route_row_for((int32_t)from);
	const ket_route_row *b = ket_route_row_for((int32_t)to);

	if (!ket_is_finite(dose_mg))
		return KET_E_NOT_FINITE;
	if (a == NULL || b == NULL)
		return KET_E_ROUTE;
	if (!basis_is_known(basis))
		return KET_E_RANGE;
	if (!(dose_mg > 0.0))
		return KET_E_DOSE;
	if (!a->has_data[basis] || !b->has_data[basis])
		return KET_E_NO_DATA;
	if (a == b) {
		out->mg = out->mg_low = out->mg_high = dose_mg;
		return KET_OK;
	}
	out->mg = dose_mg * a->f[basis][0] / b->f[basis][0];
	out->mg_low = dose_mg * a->f[basis][1] / b->f[basis][2];
	out->mg_high = dose_mg * a->f[basis][2] / b->f[basis][1];
	/* mg_low <= mg <= mg_high: 1e308 mg overflows, a denormal dose
	 * underflows to 0; neither is a dose. */
	if (!ket_is_finite(out->mg_high) || !(out->mg_low > 0.0))
		return KET_E_RANGE;
	out->warnings = KET_W_EXPOSURE_ONLY;
	if (a->variable || b->variable)
		out->warnings |= KET_W_VARIABLE_ROUTE;
	return KET_OK;
}

ket_status ket_route_equivalent(double dose_mg, ket_route from, ket_route to,
                                ket_exposure_basis basis, ket_equivalent *out)
{
	ket_status st;

	if (out == NULL)
		return KET_E_NULL;
	out->warnings = 0;
	st = equivalent_checked(dose_mg, from, to, basis, out);
	if (st != KET_OK) {
		out->mg = out->mg_low = out->mg_high = ket_nan();
		out->warnings = 0;
	}
	return st;
}

ket_status ket_route_check(ket_route route, int preservative_free,
                           uint32_t *warnings)
{
	const ket_route_row *row;

	if (warnings == NULL)
		return KET_E_NULL;
	*warnings = 0;
	row = ket_route_row_for((int32_t)route);
	if (row == NULL)
		return KET_E_ROUTE;
	if (!row->neuraxial)
		return KET_OK;
	if (preservative_free == 0)
		return KET_E_CONTRAINDICATED;
	*warnings = KET_W_NEURAXIAL;
	return KET_OK;
}
