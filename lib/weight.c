/*
 * weight.c - body weight from pounds and the dosing weight (actual, ideal,
 * adjusted, lean).  Formulas and constants: clinical.c, CLINICAL.md
 * "Dosing weight".
 */
#include "internal.h"

ket_status ket_weight_from_lb(double weight_lb, double *weight_kg)
{
	double kg;

	if (weight_kg == NULL)
		return KET_E_NULL;
	*weight_kg = ket_nan();
	if (!ket_is_finite(weight_lb))
		return KET_E_NOT_FINITE;
	kg = weight_lb * ket_clinical.kg_per_lb;
	/* A computed weight within 1e-9 of a bound counts as the bound, which
	 * is returned itself so that orders (which compare a typed weight
	 * exactly) accept it too. */
	if (ket_below(kg, KET_WEIGHT_KG_MIN, 0) ||
	    ket_above(kg, KET_WEIGHT_KG_MAX, 0))
		return KET_E_WEIGHT;
	if (kg < KET_WEIGHT_KG_MIN)
		kg = KET_WEIGHT_KG_MIN;
	if (kg > KET_WEIGHT_KG_MAX)
		kg = KET_WEIGHT_KG_MAX;
	*weight_kg = kg;
	return KET_OK;
}

/* Devine 1974; never above the actual weight. */
static double ideal_kg(const ket_patient *p)
{
	const ket_clinical_constants *k = &ket_clinical;
	double base = p->sex == KET_SEX_MALE ? k->devine_male_kg
	                                     : k->devine_female_kg;
	double inches = p->height_cm / k->cm_per_inch;
	double ideal = base + k->devine_kg_per_inch *
	                      (inches - k->devine_base_height_in);

	return ideal < p->weight_kg ? ideal : p->weight_kg;
}

static double adjusted_kg(const ket_patient *p)
{
	double ideal = ideal_kg(p);

	if (!(p->weight_kg > ideal))
		return p->weight_kg;
	return ideal + ket_clinical.adjusted_fraction * (p->weight_kg - ideal);
}

/* Janmahasatian 2005; never above the actual weight. */
static double lean_kg(const ket_patient *p)
{
	const ket_clinical_constants *k = &ket_clinical;
	double m = p->height_cm / 100.0;
	double bmi = p->weight_kg / (m * m);
	double lean = p->sex == KET_SEX_MALE
	        ? k->lean_numerator * p->weight_kg /
	                  (k->lean_male_a + k->lean_male_b * bmi)
	        : k->lean_numerator * p->weight_kg /
	                  (k->lean_female_a + k->lean_female_b * bmi);

	return lean < p->weight_kg ? lean : p->weight_kg;
}

/* The adult formulas' own preconditions, in API.md's order. */
static ket_status check_formula(const ket_patient *p, ket_weight_basis basis)
{
	const ket_clinical_constants *k = &ket_clinical;
	double min = basis == KET_WEIGHT_LEAN ? k->lean_height_min_cm
	                                      : k->ideal_height_min_cm;
	double max = basis == KET_WEIGHT_LEAN ? k->lean_height_max_cm
	                                      : k->ideal_height_max_cm;

	if (p->height_cm < min || p->height_cm > max)
		return KET_E_HEIGHT;
	if (p->age_years >= 0.0 && p->age_years < k->adult_age_years)
		return KET_E_NO_DATA;
	if (p->sex == KET_SEX_UNSPECIFIED)
		return KET_E_SEX;
	return KET_OK;
}

static ket_status check_patient(const ket_patient *p, ket_weight_basis basis)
{
	if (!ket_is_finite(p->weight_kg) || !ket_is_finite(p->height_cm) ||
	    !ket_is_finite(p->age_years))
		return KET_E_NOT_FINITE;
	if (p->sex != KET_SEX_UNSPECIFIED && p->sex != KET_SEX_FEMALE &&
	    p->sex != KET_SEX_MALE)
		return KET_E_RANGE;
	if ((int)basis < (int)KET_WEIGHT_ACTUAL ||
	    (int)basis > (int)KET_WEIGHT_LEAN)
		return KET_E_RANGE;
	if (ket_check_weight(p->weight_kg, NULL) != KET_OK)
		return KET_E_WEIGHT;
	if (p->age_years > KET_AGE_YEARS_MAX)
		return KET_E_RANGE;
	if (basis == KET_WEIGHT_ACTUAL)
		return KET_OK;
	return check_formula(p, basis);
}

ket_status ket_dosing_weight(const ket_patient *patient,
                             ket_weight_basis basis, double *weight_kg)
{
	ket_patient p;
	ket_status st;

	if (weight_kg == NULL)
		return KET_E_NULL;
	*weight_kg = ket_nan();
	if (patient == NULL)
		return KET_E_NULL;
	p = *patient; /* read once */
	st = check_patient(&p, basis);
	if (st != KET_OK)
		return st;
	switch (basis) {
	case KET_WEIGHT_IDEAL: *weight_kg = ideal_kg(&p); break;
	case KET_WEIGHT_ADJUSTED: *weight_kg = adjusted_kg(&p); break;
	case KET_WEIGHT_LEAN: *weight_kg = lean_kg(&p); break;
	case KET_WEIGHT_ACTUAL:
	default: /* validated above: ACTUAL is the only basis left */
		*weight_kg = p.weight_kg;
		break;
	}
	return KET_OK;
}
