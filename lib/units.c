/*
 * units.c - dose-rate units: conversion, parsing and UCUM codes.
 *
 * Each unit's size is an integer count of micrograms per 24 h (per kg for
 * the per-kg units), so every conversion factor is an exact ratio of
 * integers and no rounded constant (0.06, 16.67) ever enters a dose.
 * 1 mcg/kg/min = 1440 mcg/kg/24 h and 1 mg/kg/h = 24000: the ratio 3/50 is
 * the usual 0.06 mg/kg/h per mcg/kg/min.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

typedef struct unit_row {
	int per_kg;
	uint64_t mcg_per_24h; /* the unit's size (per kg where per_kg) */
	const char *ucum;     /* canonical UCUM code */
} unit_row;

static const unit_row units[] = {
	[KET_UNIT_MG_PER_KG_PER_H] = { 1, 24000, "mg/kg/h" },
	[KET_UNIT_MCG_PER_KG_PER_MIN] = { 1, 1440, "ug/kg/min" },
	[KET_UNIT_MCG_PER_KG_PER_H] = { 1, 24, "ug/kg/h" },
	[KET_UNIT_MG_PER_KG_PER_MIN] = { 1, 1440000, "mg/kg/min" },
	[KET_UNIT_MG_PER_H] = { 0, 24000, "mg/h" },
	[KET_UNIT_MG_PER_MIN] = { 0, 1440000, "mg/min" },
	[KET_UNIT_MG_PER_24H] = { 0, 1000, "mg/d" },
};

#define N_UNITS (sizeof units / sizeof units[0])

/* Every spelling ket_rate_unit_parse accepts (API.md): canonical UCUM,
 * UCUM with parentheses, and the clinical spellings; nothing else. */
static const struct {
	const char *text;
	ket_rate_unit unit;
} spellings[] = {
	{ "mg/kg/h", KET_UNIT_MG_PER_KG_PER_H },
	{ "ug/kg/min", KET_UNIT_MCG_PER_KG_PER_MIN },
	{ "ug/kg/h", KET_UNIT_MCG_PER_KG_PER_H },
	{ "mg/kg/min", KET_UNIT_MG_PER_KG_PER_MIN },
	{ "mg/h", KET_UNIT_MG_PER_H },
	{ "mg/min", KET_UNIT_MG_PER_MIN },
	{ "mg/d", KET_UNIT_MG_PER_24H },
	{ "mg/(kg.h)", KET_UNIT_MG_PER_KG_PER_H },
	{ "ug/(kg.min)", KET_UNIT_MCG_PER_KG_PER_MIN },
	{ "ug/(kg.h)", KET_UNIT_MCG_PER_KG_PER_H },
	{ "mg/(kg.min)", KET_UNIT_MG_PER_KG_PER_MIN },
	{ "mg/(24.h)", KET_UNIT_MG_PER_24H },
	{ "mcg/kg/min", KET_UNIT_MCG_PER_KG_PER_MIN },
	{ "mcg/kg/h", KET_UNIT_MCG_PER_KG_PER_H },
	{ "mg/24h", KET_UNIT_MG_PER_24H },
};

int ket_unit_is_known(int32_t unit)
{
	return unit >= 0 && (size_t)unit < N_UNITS;
}

int ket_unit_is_per_kg(int32_t unit)
{
	return units[unit].per_kg;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
	while (b != 0) { /* Euclid: at most ~90 steps for 64-bit values */
		uint64_t r = a % b;

		a = b;
		b = r;
	}
	return a;
}

/* Double-double arithmetic: hi + lo carries about 106 bits, so the chain
 * value x weight x num / den rounds once, at the end (fma gives the exact
 * error of each product and quotient). */
typedef struct dd {
	double hi, lo;
} dd;

static dd dd_mul(double a, double b)
{
	dd r;

	r.hi = a * b;
	r.lo = fma(a, b, -r.hi);
	return r;
}

static dd dd_mul_d(dd a, double b)
{
	dd r = dd_mul(a.hi, b);

	r.lo += a.lo * b;
	return r;
}

static dd dd_div_d(dd a, double b)
{
	dd r;

	r.hi = a.hi / b;
	r.lo = (fma(-r.hi, b, a.hi) + a.lo) / b;
	return r;
}

static double dd_value(dd a)
{
	return a.hi + a.lo;
}

static void reduced_ratio(int32_t from, int32_t to, double *num, double *den)
{
	uint64_t n = units[from].mcg_per_24h;
	uint64_t d = units[to].mcg_per_24h;
	uint64_t g = gcd_u64(n, d);
	uint64_t n_reduced = n / g, d_reduced = d / g; /* exact: g divides */

	*num = (double)n_reduced;
	*den = (double)d_reduced;
}

/* value x size(from) / size(to), x weight (per kg to absolute) or
 * / weight (absolute to per kg); weight_kg is ignored within a class.
 * Faithfully rounded (a fraction of an ulp from the exact value). */
static double scale_mid_range(double value, int32_t from, int32_t to,
                              double weight_kg)
{
	double num, den;
	dd x;

	reduced_ratio(from, to, &num, &den);
	if (units[from].per_kg == units[to].per_kg)
		return dd_value(dd_div_d(dd_mul(value, num), den));
	if (units[from].per_kg)
		x = dd_div_d(dd_mul_d(dd_mul(value, weight_kg), num), den);
	else
		x = dd_div_d(dd_div_d(dd_mul(value, num), den), weight_kg);
	return dd_value(x);
}

/* Near the ends of the double range the products would overflow, or lose
 * their exact error terms below the normal range: work on value x 2^k
 * (exact) and scale back, so only the final result can overflow or
 * underflow. */
double ket_unit_scale(double value, int32_t from, int32_t to,
                      double weight_kg)
{
	int exp2, k = 0;

	(void)frexp(value, &exp2);
	if (exp2 > 900)
		k = -128;
	else if (exp2 < -900)
		k = 128;
	return ldexp(scale_mid_range(ldexp(value, k), from, to, weight_kg),
	             -k);
}

static ket_status convert_checked(double value, int32_t from, int32_t to,
                                  double weight_kg, double *out)
{
	int crosses;
	double result;

	if (!ket_is_finite(value))
		return KET_E_NOT_FINITE;
	if (!ket_unit_is_known(from) || !ket_unit_is_known(to))
		return KET_E_UNIT;
	crosses = units[from].per_kg != units[to].per_kg;
	if (crosses && !ket_is_finite(weight_kg))
		return KET_E_NOT_FINITE;
	if (crosses && ket_check_weight(weight_kg, NULL) != KET_OK)
		return KET_E_WEIGHT;
	if (value < 0.0)
		return KET_E_DOSE;
	if (!(value > 0.0)) {
		*out = 0.0; /* also for -0.0 */
		return KET_OK;
	}
	result = ket_unit_scale(value, from, to, weight_kg);
	/* Never infinity, nor a dose that became 0, reported as success. */
	if (!ket_is_finite(result) || !(result > 0.0))
		return KET_E_RANGE;
	*out = result;
	return KET_OK;
}

ket_status ket_rate_convert(double value, ket_rate_unit from,
                            ket_rate_unit to, double weight_kg, double *out)
{
	ket_status st;

	if (out == NULL)
		return KET_E_NULL;
	st = convert_checked(value, (int32_t)from, (int32_t)to, weight_kg, out);
	if (st != KET_OK)
		*out = ket_nan();
	return st;
}

ket_status ket_rate_unit_parse(const char *text, ket_rate_unit *out)
{
	size_t i;

	if (out != NULL)
		*out = KET_UNIT_INVALID;
	if (text == NULL || out == NULL)
		return KET_E_NULL;
	for (i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		if (strcmp(text, spellings[i].text) == 0) {
			*out = spellings[i].unit;
			return KET_OK;
		}
	}
	return KET_E_UNIT;
}

const char *ket_rate_unit_ucum(ket_rate_unit unit)
{
	if (!ket_unit_is_known((int32_t)unit))
		return NULL;
	return units[unit].ucum;
}
