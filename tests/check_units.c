/*
 * check_units.c - dose-rate units: ket_rate_convert, ket_rate_unit_parse,
 * ket_rate_unit_ucum.
 *
 * Expected conversions are computed here from each unit's definition (mass
 * in micrograms, per kg or not, time in minutes) in double-double arithmetic
 * (about 106 bits, whatever long double is), not from a table of conversion
 * factors, and checked against hand-typed values.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"

/* NaN and infinity as doubles (NAN and INFINITY are float constants). */
#define D_NAN ((double)NAN)
#define D_INF ((double)INFINITY)

#define N_ROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Sentinel written into outputs before a call, to see that they are set. */
#define UNSET 12345.0

/* Exact equality of two doubles, without -Wfloat-equal; NaN never equal. */
static int dbl_same(double a, double b)
{
	return !isnan(a) && !isnan(b) && !(a < b) && !(a > b);
}

/* |got - want| <= tol, NaN never passes. */
static int dbl_near(double got, double want, double tol)
{
	return !isnan(got) && fabs(got - want) <= tol;
}

/* What each rate unit is, from its name. */
struct unit_def {
	const char *name;
	ket_rate_unit unit;
	double mass_ug;  /* the mass unit in micrograms */
	int per_kg;      /* 1 for a per-kg unit */
	double time_min; /* the time unit in minutes */
};

static const struct unit_def units[] = {
	{ "mg/kg/h", KET_UNIT_MG_PER_KG_PER_H, 1000.0, 1, 60.0 },
	{ "mcg/kg/min", KET_UNIT_MCG_PER_KG_PER_MIN, 1.0, 1, 1.0 },
	{ "mcg/kg/h", KET_UNIT_MCG_PER_KG_PER_H, 1.0, 1, 60.0 },
	{ "mg/kg/min", KET_UNIT_MG_PER_KG_PER_MIN, 1000.0, 1, 1.0 },
	{ "mg/h", KET_UNIT_MG_PER_H, 1000.0, 0, 60.0 },
	{ "mg/min", KET_UNIT_MG_PER_MIN, 1000.0, 0, 1.0 },
	{ "mg/24h", KET_UNIT_MG_PER_24H, 1000.0, 0, 24.0 * 60.0 },
};
#define N_UNITS N_ROWS(units)

/* A double-double: hi + lo, |lo| <= half an ulp of hi. */
struct dd {
	double hi, lo;
};

static struct dd dd_norm(double a, double b)
{
	struct dd r;

	r.hi = a + b;
	r.lo = b - (r.hi - a);
	return r;
}

/* a x b, b a double; fma gives the exact low part of hi x b. */
static struct dd dd_mul(struct dd a, double b)
{
	double p = a.hi * b;
	double e = fma(a.hi, b, -p) + a.lo * b;

	return dd_norm(p, e);
}

/* a / b, b a double; fma gives the exact remainder of hi / b. */
static struct dd dd_div(struct dd a, double b)
{
	double q = a.hi / b;
	double r = fma(-q, b, a.hi) + a.lo;

	return dd_norm(q, r / b);
}

/*
 * The exact value of `value` in `from` expressed in `to` (to about 106
 * bits): as micrograms (per kg) per minute, across the weight, then into
 * `to`.
 */
static double expected_rate(double value, const struct unit_def *from,
                            const struct unit_def *to, double weight_kg)
{
	struct dd x = { value, 0.0 };

	x = dd_mul(x, from->mass_ug);
	x = dd_div(x, from->time_min); /* ug (per kg) per min */
	if (from->per_kg && !to->per_kg)
		x = dd_mul(x, weight_kg);
	else if (!from->per_kg && to->per_kg)
		x = dd_div(x, weight_kg);
	x = dd_mul(x, to->time_min);
	x = dd_div(x, to->mass_ug);
	return x.hi + x.lo;
}

static const double pair_values[] = { 1.0, 0.1, 1.5, 7.0, 123.456, 1e-6,
                                      0.05, 2500.0 };
static const double pair_weights[] = { 70.0, 0.5, 350.0, 40.4, 3.3 };

/* Every pair of the 7 units, several values and weights: within one
 * rounding of the exact value (tolerance: one unit in the last place). */
START_TEST(test_convert_all_pairs)
{
	const struct unit_def *from = &units[_i / N_UNITS];
	const struct unit_def *to = &units[_i % N_UNITS];
	size_t v, w;

	for (v = 0; v < sizeof(pair_values) / sizeof(pair_values[0]); v++) {
		for (w = 0; w < sizeof(pair_weights) / sizeof(pair_weights[0]);
		     w++) {
			double value = pair_values[v];
			double weight_kg = pair_weights[w];
			double want = expected_rate(value, from, to, weight_kg);
			double tol = DBL_EPSILON * fabs(want);
			double got = UNSET;
			ket_status st = ket_rate_convert(value, from->unit,
			                                 to->unit, weight_kg,
			                                 &got);

			ck_assert_msg(st == KET_OK,
			              "%s -> %s, %g at %g kg: status %d",
			              from->name, to->name, value, weight_kg,
			              (int)st);
			ck_assert_msg(dbl_near(got, want, tol),
			              "%s -> %s, %g at %g kg: got %.17g, "
			              "want %.17g", from->name, to->name, value,
			              weight_kg, got, want);
		}
	}
}
END_TEST

/* Hand-calculated conversions (CLINICAL.md: 1 mcg/kg/min = 0.06 mg/kg/h). */
struct hand_row {
	const char *name;
	double value;
	ket_rate_unit from, to;
	double weight_kg;
	double want;
	double tol; /* in the unit of `to` */
};

static const struct hand_row hand_rows[] = {
	{ "1 mcg/kg/min = 0.06 mg/kg/h", 1.0, KET_UNIT_MCG_PER_KG_PER_MIN,
	  KET_UNIT_MG_PER_KG_PER_H, 70.0, 0.06, 1e-15 },
	{ "0.06 mg/kg/h = 1 mcg/kg/min", 0.06, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MCG_PER_KG_PER_MIN, 70.0, 1.0, 1e-14 },
	{ "1.5 mcg/kg/min at 70 kg = 6.3 mg/h", 1.5,
	  KET_UNIT_MCG_PER_KG_PER_MIN, KET_UNIT_MG_PER_H, 70.0, 6.3, 1e-13 },
	{ "1.5 mcg/kg/min at 70 kg = 151.2 mg/24h", 1.5,
	  KET_UNIT_MCG_PER_KG_PER_MIN, KET_UNIT_MG_PER_24H, 70.0, 151.2,
	  1e-12 },
	{ "7 mg/h = 168 mg/24h", 7.0, KET_UNIT_MG_PER_H, KET_UNIT_MG_PER_24H,
	  70.0, 168.0, 1e-12 },
	{ "168 mg/24h = 7 mg/h", 168.0, KET_UNIT_MG_PER_24H, KET_UNIT_MG_PER_H,
	  70.0, 7.0, 1e-13 },
	{ "7 mg/h at 70 kg = 0.1 mg/kg/h", 7.0, KET_UNIT_MG_PER_H,
	  KET_UNIT_MG_PER_KG_PER_H, 70.0, 0.1, 1e-15 },
	{ "168 mg/24h at 70 kg = 0.1 mg/kg/h", 168.0, KET_UNIT_MG_PER_24H,
	  KET_UNIT_MG_PER_KG_PER_H, 70.0, 0.1, 1e-15 },
	{ "0.1 mg/kg/h at 70 kg = 7 mg/h", 0.1, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MG_PER_H, 70.0, 7.0, 1e-13 },
	{ "0.1 mg/kg/h = 100 mcg/kg/h", 0.1, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MCG_PER_KG_PER_H, 70.0, 100.0, 1e-12 },
	{ "0.1 mg/kg/h = 5/3 mcg/kg/min", 0.1, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MCG_PER_KG_PER_MIN, 70.0, 1.6666666666666667, 1e-14 },
	{ "0.1 mg/kg/h at 70 kg = 7/60 mg/min", 0.1, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MG_PER_MIN, 70.0, 0.11666666666666667, 1e-15 },
	{ "1 mg/kg/min = 60 mg/kg/h", 1.0, KET_UNIT_MG_PER_KG_PER_MIN,
	  KET_UNIT_MG_PER_KG_PER_H, 70.0, 60.0, 1e-12 },
	{ "1 mg/kg/min = 1000 mcg/kg/min", 1.0, KET_UNIT_MG_PER_KG_PER_MIN,
	  KET_UNIT_MCG_PER_KG_PER_MIN, 70.0, 1000.0, 1e-11 },
	{ "1 mg/min = 60 mg/h", 1.0, KET_UNIT_MG_PER_MIN, KET_UNIT_MG_PER_H,
	  70.0, 60.0, 1e-12 },
	{ "1 mg/min = 1440 mg/24h", 1.0, KET_UNIT_MG_PER_MIN,
	  KET_UNIT_MG_PER_24H, 70.0, 1440.0, 1e-11 },
	{ "100 mg/24h = 25/6 mg/h", 100.0, KET_UNIT_MG_PER_24H,
	  KET_UNIT_MG_PER_H, 70.0, 4.1666666666666667, 1e-13 },
	{ "500 mg/24h at 70 kg = 0.297619... mg/kg/h", 500.0,
	  KET_UNIT_MG_PER_24H, KET_UNIT_MG_PER_KG_PER_H, 70.0,
	  0.29761904761904762, 1e-14 },
	{ "0.5 mg/kg/h at 0.5 kg = 0.25 mg/h", 0.5, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MG_PER_H, 0.5, 0.25, 1e-15 },
	{ "0.1 mg/kg/h at 350 kg = 35 mg/h", 0.1, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MG_PER_H, 350.0, 35.0, 1e-13 },
	{ "0.5 mg/kg/h at 40.4 kg = 20.2 mg/h", 0.5, KET_UNIT_MG_PER_KG_PER_H,
	  KET_UNIT_MG_PER_H, 40.4, 20.2, 1e-13 },
	{ "2 mcg/kg/h at 50 kg = 0.1 mg/h", 2.0, KET_UNIT_MCG_PER_KG_PER_H,
	  KET_UNIT_MG_PER_H, 50.0, 0.1, 1e-15 },
	{ "2.4 mg/24h at 1 kg = 100 mcg/kg/h", 2.4, KET_UNIT_MG_PER_24H,
	  KET_UNIT_MCG_PER_KG_PER_H, 1.0, 100.0, 1e-12 },
	{ "0.6 mg/min at 10 kg = 60 mcg/kg/min", 0.6, KET_UNIT_MG_PER_MIN,
	  KET_UNIT_MCG_PER_KG_PER_MIN, 10.0, 60.0, 1e-12 },
};

START_TEST(test_convert_hand)
{
	const struct hand_row *r = &hand_rows[_i];
	double got = UNSET;
	ket_status st = ket_rate_convert(r->value, r->from, r->to, r->weight_kg,
	                                 &got);

	ck_assert_msg(st == KET_OK, "%s: status %d", r->name, (int)st);
	ck_assert_msg(dbl_near(got, r->want, r->tol), "%s: got %.17g",
	              r->name, got);
}
END_TEST

/* The same unit is the identity, exactly, whatever the weight. */
static const double identity_values[] = { 0.1, 123.456, 1e6, 7.0,
                                          0.000123, 4.9e-324 };

START_TEST(test_convert_identity)
{
	const struct unit_def *u = &units[_i];
	size_t v;

	for (v = 0; v < sizeof(identity_values) / sizeof(identity_values[0]);
	     v++) {
		double value = identity_values[v];
		double got = UNSET;
		ket_status st = ket_rate_convert(value, u->unit, u->unit, 70.0,
		                                 &got);

		ck_assert_msg(st == KET_OK, "%s, %g: status %d", u->name,
		              value, (int)st);
		ck_assert_msg(dbl_same(got, value), "%s, %g: got %.17g",
		              u->name, value, got);
	}
}
END_TEST

/* 0 and -0.0 convert to 0 (not KET_E_DOSE; -0.0 counts as 0 and converts
 * as 0, so no minus sign comes back). */
START_TEST(test_convert_zero)
{
	const struct unit_def *from = &units[_i / N_UNITS];
	const struct unit_def *to = &units[_i % N_UNITS];
	double got = UNSET;
	ket_status st = ket_rate_convert(0.0, from->unit, to->unit, 70.0, &got);

	ck_assert_msg(st == KET_OK, "0 %s -> %s: status %d", from->name,
	              to->name, (int)st);
	ck_assert_msg(dbl_same(got, 0.0) && !signbit(got),
	              "0 %s -> %s: got %g", from->name, to->name, got);

	got = UNSET;
	st = ket_rate_convert(-0.0, from->unit, to->unit, 70.0, &got);
	ck_assert_msg(st == KET_OK, "-0.0 %s -> %s: status %d", from->name,
	              to->name, (int)st);
	ck_assert_msg(dbl_same(got, 0.0), "-0.0 %s -> %s: got %g",
	              from->name, to->name, got);
	ck_assert_msg(!signbit(got), "-0.0 %s -> %s: got -0, want 0",
	              from->name, to->name);
}
END_TEST

/* A negative value is KET_E_DOSE for every pair, the output NaN. */
static const double negative_values[] = { -1.0, -0.1, -4.9e-324, -1e300 };

START_TEST(test_convert_negative)
{
	const struct unit_def *from = &units[_i / N_UNITS];
	const struct unit_def *to = &units[_i % N_UNITS];
	size_t v;

	for (v = 0; v < sizeof(negative_values) / sizeof(negative_values[0]);
	     v++) {
		double got = UNSET;
		ket_status st = ket_rate_convert(negative_values[v],
		                                 from->unit, to->unit, 70.0,
		                                 &got);

		ck_assert_msg(st == KET_E_DOSE, "%g %s -> %s: status %d",
		              negative_values[v], from->name, to->name,
		              (int)st);
		ck_assert_msg(isnan(got), "%g %s -> %s: out %g, want NaN",
		              negative_values[v], from->name, to->name, got);
	}
}
END_TEST

/* Error rows: status and the NaN output.  `ket_rate_unit` values outside
 * the enum are passed by converting an int. */
struct error_row {
	const char *name;
	double value;
	int from, to;
	double weight_kg;
	ket_status want;
};

#define MGKGH KET_UNIT_MG_PER_KG_PER_H
#define MCGKGMIN KET_UNIT_MCG_PER_KG_PER_MIN
#define MGH KET_UNIT_MG_PER_H
#define MG24H KET_UNIT_MG_PER_24H

static const struct error_row error_rows[] = {
	/* unknown units */
	{ "from 7", 1.0, 7, MGH, 70.0, KET_E_UNIT },
	{ "to 7", 1.0, MGH, 7, 70.0, KET_E_UNIT },
	{ "from -1 (KET_UNIT_INVALID)", 1.0, KET_UNIT_INVALID, MGH, 70.0,
	  KET_E_UNIT },
	{ "to -1 (KET_UNIT_INVALID)", 1.0, MGH, KET_UNIT_INVALID, 70.0,
	  KET_E_UNIT },
	{ "from 99", 1.0, 99, MGKGH, 70.0, KET_E_UNIT },
	{ "to 99", 1.0, MGKGH, 99, 70.0, KET_E_UNIT },
	{ "both unknown", 1.0, 7, 99, 70.0, KET_E_UNIT },
	{ "unknown to itself", 1.0, 7, 7, 70.0, KET_E_UNIT },
	{ "invalid to itself", 1.0, KET_UNIT_INVALID, KET_UNIT_INVALID, 70.0,
	  KET_E_UNIT },
	{ "from -2", 1.0, -2, MGH, 70.0, KET_E_UNIT },
	/* non-finite value */
	{ "value NaN", D_NAN, MGKGH, MGH, 70.0, KET_E_NOT_FINITE },
	{ "value +Inf", D_INF, MGKGH, MGKGH, 70.0, KET_E_NOT_FINITE },
	{ "value -Inf", -D_INF, MGH, MG24H, 70.0, KET_E_NOT_FINITE },
	/* weight, per kg -> absolute and back */
	{ "weight NaN, per kg -> mg/h", 1.0, MGKGH, MGH, D_NAN,
	  KET_E_NOT_FINITE },
	{ "weight NaN, mg/h -> per kg", 1.0, MGH, MGKGH, D_NAN,
	  KET_E_NOT_FINITE },
	{ "weight +Inf, per kg -> mg/24h", 1.0, MCGKGMIN, MG24H, D_INF,
	  KET_E_NOT_FINITE },
	{ "weight -Inf, mg/24h -> per kg", 1.0, MG24H, MCGKGMIN, -D_INF,
	  KET_E_NOT_FINITE },
	{ "weight 0.49", 1.0, MGKGH, MGH, 0.49, KET_E_WEIGHT },
	{ "weight 350.01", 1.0, MGH, MGKGH, 350.01, KET_E_WEIGHT },
	{ "weight just below 0.5", 1.0, MGKGH, MGH, 0.49999999999999994,
	  KET_E_WEIGHT },
	{ "weight just above 350", 1.0, MGH, MGKGH, 350.00000000000006,
	  KET_E_WEIGHT },
	{ "weight 0", 1.0, MGKGH, MGH, 0.0, KET_E_WEIGHT },
	{ "weight -0.0", 1.0, MGH, MGKGH, -0.0, KET_E_WEIGHT },
	{ "weight -70", 1.0, MGKGH, KET_UNIT_MG_PER_MIN, -70.0,
	  KET_E_WEIGHT },
	/* documented order */
	{ "order: NaN value before unknown unit", D_NAN, 7, MGH, 70.0,
	  KET_E_NOT_FINITE },
	{ "order: Inf value before bad weight", D_INF, MGKGH, MGH, 0.0,
	  KET_E_NOT_FINITE },
	{ "order: unknown unit before NaN weight", 1.0, 99, MGH, D_NAN,
	  KET_E_UNIT },
	{ "order: unknown unit before bad weight", 1.0, MGKGH, 7, 0.0,
	  KET_E_UNIT },
	{ "order: unknown unit before negative value", -1.0, MGKGH, 7, 70.0,
	  KET_E_UNIT },
	{ "order: NaN weight before negative value", -1.0, MGKGH, MGH, D_NAN,
	  KET_E_NOT_FINITE },
	{ "order: bad weight before negative value", -1.0, MGH, MGKGH, 0.49,
	  KET_E_WEIGHT },
	{ "order: weight ignored per kg -> per kg, negative value", -1.0,
	  MGKGH, MCGKGMIN, D_NAN, KET_E_DOSE },
	{ "order: weight ignored mg/h -> mg/24h, negative value", -1.0, MGH,
	  MG24H, 0.0, KET_E_DOSE },
};

START_TEST(test_convert_errors)
{
	const struct error_row *r = &error_rows[_i];
	double got = UNSET;
	ket_status st = ket_rate_convert(r->value, (ket_rate_unit)r->from,
	                                 (ket_rate_unit)r->to, r->weight_kg,
	                                 &got);

	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	ck_assert_msg(isnan(got), "%s: out %g, want NaN", r->name, got);
}
END_TEST

/* NULL out comes first, whatever else is wrong. */
START_TEST(test_convert_null)
{
	ck_assert_int_eq(ket_rate_convert(1.0, MGKGH, MGH, 70.0, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_rate_convert(D_NAN, (ket_rate_unit)7, MGH, D_NAN,
	                                  NULL), KET_E_NULL);
	ck_assert_int_eq(ket_rate_convert(-1.0, MGKGH, (ket_rate_unit)99, 0.0,
	                                  NULL), KET_E_NULL);
}
END_TEST

/* The weight is used, and examined, only between a per-kg and an absolute
 * unit: per kg -> per kg and absolute -> absolute ignore a NaN, infinite or
 * absurd weight. */
static const double ignored_weights[] = { D_NAN, D_INF, -D_INF, 0.0,
                                          -5.0, 0.49, 350.01, 1e9 };

START_TEST(test_convert_weight_not_examined)
{
	const struct unit_def *from = &units[_i / N_UNITS];
	const struct unit_def *to = &units[_i % N_UNITS];
	size_t w;

	if (from->per_kg != to->per_kg)
		return; /* the weight is used: covered by the error rows */
	for (w = 0; w < sizeof(ignored_weights) / sizeof(ignored_weights[0]);
	     w++) {
		double weight_kg = ignored_weights[w];
		double want = expected_rate(1.5, from, to, 70.0);
		double got = UNSET;
		ket_status st = ket_rate_convert(1.5, from->unit, to->unit,
		                                 weight_kg, &got);

		ck_assert_msg(st == KET_OK, "%s -> %s at %g kg: status %d",
		              from->name, to->name, weight_kg, (int)st);
		ck_assert_msg(dbl_near(got, want, DBL_EPSILON * fabs(want)),
		              "%s -> %s at %g kg: got %.17g, want %.17g",
		              from->name, to->name, weight_kg, got, want);
	}
}
END_TEST

/* The weight bounds are inclusive: 0.5 and 350 kg are accepted. */
START_TEST(test_convert_weight_bounds)
{
	double got = UNSET;

	ck_assert_int_eq(ket_rate_convert(1.0, MGKGH, MGH, 0.5, &got), KET_OK);
	ck_assert_msg(dbl_near(got, 0.5, 1e-15), "1 mg/kg/h at 0.5 kg: %g",
	              got);
	got = UNSET;
	ck_assert_int_eq(ket_rate_convert(1.0, MGKGH, MGH, 350.0, &got),
	                 KET_OK);
	ck_assert_msg(dbl_near(got, 350.0, 1e-12), "1 mg/kg/h at 350 kg: %g",
	              got);
	got = UNSET;
	ck_assert_int_eq(ket_rate_convert(35.0, MGH, MGKGH, 350.0, &got),
	                 KET_OK);
	ck_assert_msg(dbl_near(got, 0.1, 1e-15), "35 mg/h at 350 kg: %g",
	              got);
	got = UNSET;
	ck_assert_int_eq(ket_rate_convert(0.25, MGH, MGKGH, 0.5, &got),
	                 KET_OK);
	ck_assert_msg(dbl_near(got, 0.5, 1e-15), "0.25 mg/h at 0.5 kg: %g",
	              got);
	/* zero with a bad weight where the weight is used: still the weight */
	got = UNSET;
	ck_assert_int_eq(ket_rate_convert(0.0, MGKGH, MGH, 0.49, &got),
	                 KET_E_WEIGHT);
	ck_assert_msg(isnan(got), "0 at 0.49 kg: out %g, want NaN", got);
}
END_TEST

/* ket_rate_unit_parse: every spelling API.md lists, and nothing else. */
struct parse_row {
	const char *text;
	ket_rate_unit want;
};

static const struct parse_row parse_ok_rows[] = {
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

START_TEST(test_parse_accepted)
{
	const struct parse_row *r = &parse_ok_rows[_i];
	ket_rate_unit got = KET_UNIT_INVALID;
	ket_status st = ket_rate_unit_parse(r->text, &got);

	ck_assert_msg(st == KET_OK, "\"%s\": status %d", r->text, (int)st);
	ck_assert_msg(got == r->want, "\"%s\": unit %d, want %d", r->text,
	              (int)got, (int)r->want);
}
END_TEST

static const char *const parse_bad_rows[] = {
	"MG/KG/H",
	"Mg/h",
	"mg/H",
	" mg/h",
	"mg/h ",
	"mg/kg/hr",
	"mcg/kg/hr",
	"ug/kg/min/",
	"",
	"mg/d ",
	"mg/day",
	"mg/kg.h",
	"\xc2\xb5g/kg/min", /* "µg/kg/min" in UTF-8 */
	"mg/kg/hx",
	"mg/hour",
	"mg/kg/h\n",
	"mg/kg",
	"mg/",
	"m",
	"mg/ kg/h",
	"mg/24 h",
	"mg/24hr",
	"mg/(kg.h",
	"mg/(kg.h))",
	"mg/(kg*h)",
	"mcg/(kg.min)",
	"mg/min/kg",
	"mg/kg/d",
	"mg/kg/24h",
	"mg/s",
	"g/h",
	"ng/kg/min",
	"mL/h",
	"mg/h\tx",
};

START_TEST(test_parse_rejected)
{
	const char *text = parse_bad_rows[_i];
	ket_rate_unit got = KET_UNIT_MG_PER_H;
	ket_status st = ket_rate_unit_parse(text, &got);

	ck_assert_msg(st == KET_E_UNIT, "\"%s\": status %d, want KET_E_UNIT",
	              text, (int)st);
	ck_assert_msg(got == KET_UNIT_INVALID, "\"%s\": out %d, want "
	              "KET_UNIT_INVALID", text, (int)got);
}
END_TEST

/* A valid spelling followed by more text after an embedded NUL is simply the
 * valid spelling; one followed by garbage is refused. */
START_TEST(test_parse_prefix_garbage)
{
	static const char with_garbage[] = "mg/kg/h;DROP";
	static const char with_nul[] = "mg/kg/h\0garbage";
	ket_rate_unit got = KET_UNIT_MG_PER_H;

	ck_assert_int_eq(ket_rate_unit_parse(with_garbage, &got), KET_E_UNIT);
	ck_assert_int_eq(got, KET_UNIT_INVALID);
	got = KET_UNIT_INVALID;
	ck_assert_int_eq(ket_rate_unit_parse(with_nul, &got), KET_OK);
	ck_assert_int_eq(got, KET_UNIT_MG_PER_KG_PER_H);
}
END_TEST

START_TEST(test_parse_null)
{
	ket_rate_unit got = KET_UNIT_MG_PER_H;
	ket_status st;

	ck_assert_int_eq(ket_rate_unit_parse(NULL, &got), KET_E_NULL);
	ck_assert_int_eq(got, KET_UNIT_INVALID);
	ck_assert_int_eq(ket_rate_unit_parse(NULL, NULL), KET_E_NULL);
	/* A NULL out: the header only promises *out is written "if not NULL";
	 * the call must not crash, and it either refuses the NULL (a required
	 * pointer) or reports the text's own status. */
	st = ket_rate_unit_parse("mg/h", NULL);
	ck_assert_msg(st == KET_E_NULL || st == KET_OK,
	              "\"mg/h\", NULL out: status %d", (int)st);
	st = ket_rate_unit_parse("bogus", NULL);
	ck_assert_msg(st == KET_E_NULL || st == KET_E_UNIT,
	              "\"bogus\", NULL out: status %d", (int)st);
}
END_TEST

/* ket_rate_unit_ucum: the canonical UCUM code, parsed back to the unit. */
static const struct parse_row ucum_rows[] = {
	{ "mg/kg/h", KET_UNIT_MG_PER_KG_PER_H },
	{ "ug/kg/min", KET_UNIT_MCG_PER_KG_PER_MIN },
	{ "ug/kg/h", KET_UNIT_MCG_PER_KG_PER_H },
	{ "mg/kg/min", KET_UNIT_MG_PER_KG_PER_MIN },
	{ "mg/h", KET_UNIT_MG_PER_H },
	{ "mg/min", KET_UNIT_MG_PER_MIN },
	{ "mg/d", KET_UNIT_MG_PER_24H },
};

START_TEST(test_ucum)
{
	const struct parse_row *r = &ucum_rows[_i];
	const char *code = ket_rate_unit_ucum(r->want);
	ket_rate_unit back = KET_UNIT_INVALID;

	ck_assert_msg(code != NULL, "unit %d: NULL", (int)r->want);
	ck_assert_msg(strcmp(code, r->text) == 0, "unit %d: \"%s\", want "
	              "\"%s\"", (int)r->want, code, r->text);
	ck_assert_int_eq(ket_rate_unit_parse(code, &back), KET_OK);
	ck_assert_msg(back == r->want, "parse(ucum(%d)) = %d", (int)r->want,
	              (int)back);
}
END_TEST

START_TEST(test_ucum_unknown)
{
	ck_assert_ptr_null(ket_rate_unit_ucum((ket_rate_unit)7));
	ck_assert_ptr_null(ket_rate_unit_ucum(KET_UNIT_INVALID));
	ck_assert_ptr_null(ket_rate_unit_ucum((ket_rate_unit)99));
	ck_assert_ptr_null(ket_rate_unit_ucum((ket_rate_unit)-2));
}
END_TEST

/* Review findings: an intermediate overflow returned infinity with KET_OK,
 * an underflow returned 0 for a positive dose, and two roundings missed
 * the nearest double.  Exact answers by hand: 0.1 x 3/50 = 0.006;
 * 10.1 x 50/3 = 168.3333...; 1.3 x 70.3 x 3/50 = 5.4834. */
START_TEST(test_review_convert_edges)
{
	double out = 0.0;
	ket_status st;

	st = ket_rate_convert(1e308, KET_UNIT_MCG_PER_KG_PER_MIN,
	                      KET_UNIT_MG_PER_KG_PER_H, 0.0, &out);
	ck_assert_int_eq(st, KET_OK);
	ck_assert(fabs(out - 6e306) <= 6e306 * 1e-15);
	st = ket_rate_convert(1e307, KET_UNIT_MG_PER_MIN, KET_UNIT_MG_PER_H,
	                      0.0, &out);
	ck_assert_int_eq(st, KET_E_RANGE);
	ck_assert(isnan(out));
	st = ket_rate_convert(1e-320, KET_UNIT_MCG_PER_KG_PER_H,
	                      KET_UNIT_MG_PER_KG_PER_MIN, 0.0, &out);
	ck_assert_int_eq(st, KET_E_RANGE);
	ck_assert(isnan(out));
}
END_TEST

static int same_double(double a, double b)
{
	return !(a < b) && !(a > b);
}

START_TEST(test_review_convert_nearest)
{
	double out = 0.0;

	ck_assert_int_eq(ket_rate_convert(0.1, KET_UNIT_MCG_PER_KG_PER_MIN,
	                                  KET_UNIT_MG_PER_KG_PER_H, 0.0, &out),
	                 KET_OK);
	ck_assert(same_double(out, 0.006));
	ck_assert_int_eq(ket_rate_convert(10.1, KET_UNIT_MG_PER_KG_PER_H,
	                                  KET_UNIT_MCG_PER_KG_PER_MIN, 0.0,
	                                  &out), KET_OK);
	ck_assert(same_double(out, 168.33333333333331));
	ck_assert_int_eq(ket_rate_convert(1.3, KET_UNIT_MCG_PER_KG_PER_MIN,
	                                  KET_UNIT_MG_PER_H, 70.3, &out),
	                 KET_OK);
	ck_assert(same_double(out, 5.4834));
}
END_TEST

Suite *ket_suite_units(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("convert");

	tcase_add_loop_test(tc, test_convert_all_pairs, 0, N_UNITS * N_UNITS);
	tcase_add_loop_test(tc, test_convert_hand, 0, N_ROWS(hand_rows));
	tcase_add_loop_test(tc, test_convert_identity, 0, N_UNITS);
	tcase_add_loop_test(tc, test_convert_zero, 0, N_UNITS * N_UNITS);
	tcase_add_loop_test(tc, test_convert_negative, 0, N_UNITS * N_UNITS);
	tcase_add_loop_test(tc, test_convert_errors, 0, N_ROWS(error_rows));
	tcase_add_test(tc, test_convert_null);
	tcase_add_loop_test(tc, test_convert_weight_not_examined, 0,
	                    N_UNITS * N_UNITS);
	tcase_add_test(tc, test_convert_weight_bounds);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_accepted, 0, N_ROWS(parse_ok_rows));
	tcase_add_loop_test(tc, test_parse_rejected, 0,
	                    N_ROWS(parse_bad_rows));
	tcase_add_test(tc, test_parse_prefix_garbage);
	tcase_add_test(tc, test_parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("ucum");
	tcase_add_loop_test(tc, test_ucum, 0, N_ROWS(ucum_rows));
	tcase_add_test(tc, test_ucum_unknown);
	suite_add_tcase(s, tc);
	tc = tcase_create("review_regressions");
	tcase_add_test(tc, test_review_convert_edges);
	tcase_add_test(tc, test_review_convert_nearest);
	suite_add_tcase(s, tc);

	return s;
}
