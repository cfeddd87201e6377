/*
 * pk_model.c - a PK model's parameters for one patient (ket_pk_params_for).
 * The models and populations are the table in clinical.c.
 */
#include <math.h>

#include "internal.h"

static void params_set_nan(ket_pk_params *out)
{
	out->compartments = 0;
	out->v1_l = out->v2_l = out->v3_l = ket_nan();
	out->cl_l_per_min = out->q2_l_per_min = out->q3_l_per_min = ket_nan();
	out->k10_per_min = out->k12_per_min = out->k21_per_min = ket_nan();
	out->k13_per_min = out->k31_per_min = ket_nan();
	out->warnings = 0;
}

/* Domino, Clements, Hijazi: V1 per kg and micro-constants published. */
static void from_micro(const ket_pk_model_row *m, double weight_kg,
                       ket_pk_params *p)
{
	p->v1_l = m->v1_l_per_kg * weight_kg;
	p->k10_per_min = m->k10;
	p->k12_per_min = m->k12;
	p->k21_per_min = m->k21;
	p->cl_l_per_min = m->k10 * p->v1_l;
	p->q2_l_per_min = m->k12 * p->v1_l;
	p->v2_l = p->q2_l_per_min / m->k21;
	p->k13_per_min = m->k13;
	p->k31_per_min = m->k31;
	p->q3_l_per_min = m->k13 * p->v1_l;
	p->v3_l = m->compartments == 3 ? p->q3_l_per_min / m->k31 : 0.0;
}

/* Herd, Kamp: volumes and clearances per 70 kg (L/h), scaled to the
 * weight (volumes linearly, clearances by the model's exponent). */
static void from_clearances(const ket_pk_model_row *m, double weight_kg,
                            ket_pk_params *p)
{
	double f = weight_kg / 70.0;
	double fc = pow(f, m->cl_exponent); /* exact for an exponent of 1 */

	p->v1_l = m->v_l_70kg[0] * f;
	p->v2_l = m->v_l_70kg[1] * f;
	p->v3_l = m->v_l_70kg[2] * f;
	p->cl_l_per_min = m->cl_l_per_h_70kg[0] * fc / 60.0;
	p->q2_l_per_min = m->cl_l_per_h_70kg[1] * fc / 60.0;
	p->q3_l_per_min = m->cl_l_per_h_70kg[2] * fc / 60.0;
	p->k10_per_min = p->cl_l_per_min / p->v1_l;
	p->k12_per_min = p->q2_l_per_min / p->v1_l;
	p->k21_per_min = p->q2_l_per_min / p->v2_l;
	p->k13_per_min = p->q3_l_per_min / p->v1_l;
	p->k31_per_min = m->compartments == 3 ? p->q3_l_per_min / p->v3_l
	                                      : 0.0;
}

static int outside_population(const ket_pk_model_row *m,
                              const ket_patient *p)
{
	int age_known = p->age_years >= 0.0;

	if (p->weight_kg < m->weight_min_kg || p->weight_kg > m->weight_max_kg)
		return 1;
	if (age_known && p->age_years < m->age_min_years)
		return 1;
	return age_known && m->age_max_years > 0.0 &&
	       p->age_years > m->age_max_years;
}

static ket_status check_patient(const ket_pk_model_row *m,
                                const ket_patient *p)
{
	if (!ket_is_finite(p->weight_kg) || !ket_is_finite(p->height_cm) ||
	    !ket_is_finite(p->age_years))
		return KET_E_NOT_FINITE;
	if (m == NULL)
		return KET_E_RANGE;
	if (p->sex != KET_SEX_UNSPECIFIED && p->sex != KET_SEX_FEMALE &&
	    p->sex != KET_SEX_MALE)
		return KET_E_RANGE;
	if (ket_check_weight(p->weight_kg, NULL) != KET_OK)
		return KET_E_WEIGHT;
	if (p->age_years > KET_AGE_YEARS_MAX)
		return KET_E_RANGE;
	if (m->needs_age && p->age_years < 0.0)
		return KET_E_NO_DATA;
	return KET_OK;
}

ket_status ket_pk_params_for(ket_pk_model model, const ket_patient *patient,
                             ket_pk_params *out)
{
	const ket_pk_model_row *m = ket_pk_model_row_for((int32_t)model);
	ket_patient p;
	ket_status st;

	if (out == NULL)
		return KET_E_NULL;
	params_set_nan(out);
	if (patient == NULL)
		return KET_E_NULL;
	p = *patient; /* read once */
	st = check_patient(m, &p);
	if (st != KET_OK)
		return st;
	out->compartments = m->compartments;
	if (m->published_micro)
		from_micro(m, p.weight_kg, out);
	else
		from_clearances(m, p.weight_kg, out);
	out->warnings = outside_population(m, &p) ? KET_W_OUTSIDE_MODEL : 0;
	return KET_OK;
}
