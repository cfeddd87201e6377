/*
 * check_weight.c - ket_weight_from_lb and ket_dosing_weight.
 *
 * Expected weights are typed in from hand calculation (exact decimal or
 * rational arithmetic, 15 significant digits) of CLINICAL.md's formulas:
 *   Devine ideal: male 50 kg, female 45.5 kg, + 2.3 kg per inch over 60 in,
 *     1 in = 2.54 cm, e.g. 180 cm male: 180 / 2.54 = 70.866... in,
 *     50 + 2.3 x 10.866... = 74.992125984252 kg.
 *   Adjusted: ideal + 0.4 x (actual - ideal) when actual > ideal.
 *   Janmahasatian lean: male 9270 W / (6680 + 216 BMI), female
 *     9270 W / (8780 + 244 BMI), BMI = W / (height m)^2.
 * A grid test recomputes the formulas here, written differently (height
 * over 152.4 cm rather than inches over 60, BMI from centimetres).
 */
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"

/* Relative tolerance for weights: the typed values carry 15 digits. */
#define W_REL 1e-12
#define W_ABS 1e-12 /* kg */

/* ---------------------------------------------------- ket_weight_from_lb */

struct lb_row {
	const char *name;
	double lb;
	ket_status status;
	double want_kg; /* exact decimal product lb x 0.45359237 */
};

static const struct lb_row lb_rows[] = {
	{ "154.3 lb", 154.3, KET_OK, 69.989302691 },
	{ "100 lb", 100.0, KET_OK, 45.359237 },
	{ "220 lb", 220.0, KET_OK, 99.7903214 },
	{ "1.1024 lb, just above 0.5 kg", 1.1024, KET_OK, 0.500040228688 },
	{ "771.61 lb, just below 350 kg", 771.61, KET_OK, 349.9964086157 },
	{ "1.1022 lb, just below 0.5 kg", 1.1022, KET_E_WEIGHT, 0.0 },
	{ "771.62 lb, just above 350 kg", 771.62, KET_E_WEIGHT, 0.0 },
	{ "1 lb", 1.0, KET_E_WEIGHT, 0.0 },
	{ "0 lb", 0.0, KET_E_WEIGHT, 0.0 },
	{ "-0.0 lb", -0.0, KET_E_WEIGHT, 0.0 },
	{ "-154.3 lb", -154.3, KET_E_WEIGHT, 0.0 },
	{ "1000 lb", 1000.0, KET_E_WEIGHT, 0.0 },
	{ "NaN lb", (double)NAN, KET_E_NOT_FINITE, 0.0 },
	{ "+Inf lb", (double)INFINITY, KET_E_NOT_FINITE, 0.0 },
	{ "-Inf lb", -(double)INFINITY, KET_E_NOT_FINITE, 0.0 },
};

START_TEST(test_from_lb)
{
	const struct lb_row *row = &lb_rows[_i];
	double kg = TU_UNSET;
	ket_status st = ket_weight_from_lb(row->lb, &kg);

	ck_assert_msg(st == row->status, "%s: status %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->status));
	if (row->status == KET_OK)
		ck_assert_msg(tu_close(kg, row->want_kg, W_REL, W_ABS),
		              "%s: %.17g kg, want %.17g", row->name, kg,
		              row->want_kg);
	else
		ck_assert_msg(isnan(kg), "%s: output %.17g, want NaN",
		              row->name, kg);
}
END_TEST

/* The bounds themselves, reached through a division: a computed weight
 * within 1e-9 of a bound counts as at it (accepted). */
START_TEST(test_from_lb_bounds)
{
	double lb_min = KET_WEIGHT_KG_MIN / 0.45359237;
	double lb_max = KET_WEIGHT_KG_MAX / 0.45359237;
	double kg = TU_UNSET;
	ket_status st;

	st = ket_weight_from_lb(lb_min, &kg);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(tu_close(kg, 0.5, 1e-12, 0.0), "%.17g", kg);
	kg = TU_UNSET;
	st = ket_weight_from_lb(lb_max, &kg);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(tu_close(kg, 350.0, 1e-12, 0.0), "%.17g", kg);
}
END_TEST

START_TEST(test_from_lb_null)
{
	ket_status st;

	st = ket_weight_from_lb(154.3, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	/* NULL comes before the non-finite check. */
	st = ket_weight_from_lb(tu_nan(), NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_weight_from_lb(-1.0, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

/* ----------------------------------------------------- ket_dosing_weight */

#define U KET_AGE_UNKNOWN
#define M KET_SEX_MALE
#define F KET_SEX_FEMALE
#define X KET_SEX_UNSPECIFIED

struct dw_row {
	const char *name;
	double weight_kg, height_cm, age_years;
	int sex;
	int basis;
	double want_kg;
};

static const struct dw_row dw_rows[] = {
	/* Actual: needs neither height nor sex. */
	{ "actual 70 kg, nothing else", 70, 0, U, X, KET_WEIGHT_ACTUAL, 70 },
	{ "actual 0.5 kg", 0.5, 0, U, X, KET_WEIGHT_ACTUAL, 0.5 },
	{ "actual 350 kg", 350, 0, U, X, KET_WEIGHT_ACTUAL, 350 },
	{ "actual age 130", 70, 0, 130, M, KET_WEIGHT_ACTUAL, 70 },
	{ "actual child 17.99 y", 30, 120, 17.99, F, KET_WEIGHT_ACTUAL, 30 },
	{ "actual age 0", 3.5, 50, 0, X, KET_WEIGHT_ACTUAL, 3.5 },
	{ "actual age -0.0", 3.5, 50, -0.0, X, KET_WEIGHT_ACTUAL, 3.5 },
	{ "actual height 300 unused", 70, 300, U, X, KET_WEIGHT_ACTUAL, 70 },
	{ "actual 70 kg 180 cm male", 70, 180, 40, M, KET_WEIGHT_ACTUAL, 70 },

	/* Ideal (Devine). */
	{ "ideal male 180 cm", 90, 180, 40, M, KET_WEIGHT_IDEAL,
	  74.992125984252 },
	{ "ideal female 165 cm", 80, 165, 40, F, KET_WEIGHT_IDEAL,
	  56.9094488188976 },
	{ "ideal male 152.4 cm", 70, 152.4, 40, M, KET_WEIGHT_IDEAL, 50 },
	{ "ideal female 152.4 cm", 70, 152.4, 40, F, KET_WEIGHT_IDEAL, 45.5 },
	{ "ideal male 250 cm", 200, 250, 40, M, KET_WEIGHT_IDEAL,
	  138.377952755906 },
	{ "ideal female 250 cm", 200, 250, 40, F, KET_WEIGHT_IDEAL,
	  133.877952755906 },
	{ "ideal male 200 cm", 150, 200, 40, M, KET_WEIGHT_IDEAL,
	  93.1023622047244 },
	{ "ideal never above actual", 60, 180, 40, M, KET_WEIGHT_IDEAL, 60 },
	{ "ideal 0.5 kg adult: actual", 0.5, 180, 40, M, KET_WEIGHT_IDEAL,
	  0.5 },
	{ "ideal age 18", 90, 180, 18, M, KET_WEIGHT_IDEAL, 74.992125984252 },
	{ "ideal age 130", 90, 180, 130, M, KET_WEIGHT_IDEAL,
	  74.992125984252 },
	{ "ideal age unknown -1", 90, 180, U, M, KET_WEIGHT_IDEAL,
	  74.992125984252 },
	{ "ideal age unknown -50", 90, 180, -50, M, KET_WEIGHT_IDEAL,
	  74.992125984252 },
	{ "ideal age unknown -1e-300", 90, 180, -1e-300, M, KET_WEIGHT_IDEAL,
	  74.992125984252 },

	/* Adjusted. */
	{ "adjusted male 180 cm 120 kg", 120, 180, 40, M, KET_WEIGHT_ADJUSTED,
	  92.9952755905512 },
	{ "adjusted female 165 cm 100 kg", 100, 165, 40, F,
	  KET_WEIGHT_ADJUSTED, 74.1456692913386 },
	{ "adjusted actual below ideal", 60, 180, 40, M, KET_WEIGHT_ADJUSTED,
	  60 },
	{ "adjusted male 152.4 cm 100 kg", 100, 152.4, 40, M,
	  KET_WEIGHT_ADJUSTED, 70 },
	{ "adjusted female 152.4 cm 45.5 kg", 45.5, 152.4, U, F,
	  KET_WEIGHT_ADJUSTED, 45.5 },

	/* Lean (Janmahasatian). */
	{ "lean male 180 cm 90 kg", 90, 180, 40, M, KET_WEIGHT_LEAN,
	  65.7965299684543 },
	{ "lean female 165 cm 80 kg", 80, 165, 40, F, KET_WEIGHT_LEAN,
	  46.4956457958873 },
	{ "lean male 180 cm 120 kg", 120, 180, 40, M, KET_WEIGHT_LEAN,
	  75.7765667574932 },
	{ "lean female 160 cm 60 kg", 60, 160, U, F, KET_WEIGHT_LEAN,
	  38.3619277523924 },
	{ "lean male 45 cm 3 kg", 3, 45, U, M, KET_WEIGHT_LEAN,
	  2.81477732793522 },
	{ "lean female 45 cm 3 kg", 3, 45, U, F, KET_WEIGHT_LEAN,
	  2.2436801529911 },
	{ "lean male 250 cm 200 kg", 200, 250, 40, M, KET_WEIGHT_LEAN,
	  136.403766921719 },
	/* Formula above actual (BMI below 12 male, 2 female): actual. */
	{ "lean male never above actual", 35, 180, 40, M, KET_WEIGHT_LEAN,
	  35 },
	{ "lean female never above actual", 10, 250, 40, F, KET_WEIGHT_LEAN,
	  10 },
};

static void set_patient(ket_patient *p, double w, double h, double age,
			int sex)
{
	memset(p, 0, sizeof *p);
	p->weight_kg = w;
	p->height_cm = h;
	p->age_years = age;
	p->sex = (int32_t)sex;
}

START_TEST(test_dosing_weight)
{
	const struct dw_row *row = &dw_rows[_i];
	ket_patient p;
	double kg = TU_UNSET;
	ket_status st;

	set_patient(&p, row->weight_kg, row->height_cm, row->age_years,
	            row->sex);
	st = ket_dosing_weight(&p, (ket_weight_basis)row->basis, &kg);
	ck_assert_msg(st == KET_OK, "%s: status %s", row->name,
	              ket_status_name(st));
	ck_assert_msg(tu_close(kg, row->want_kg, W_REL, W_ABS),
	              "%s: %.17g kg, want %.17g", row->name, kg, row->want_kg);
	ck_assert_msg(kg <= row->weight_kg, "%s: %.17g kg above actual",
	              row->name, kg);
}
END_TEST

/* The input struct is not modified. */
START_TEST(test_dosing_weight_const)
{
	ket_patient p, copy;
	double kg = TU_UNSET;
	ket_status st;

	set_patient(&p, 120, 180, 40, M);
	copy = p;
	st = ket_dosing_weight(&p, KET_WEIGHT_ADJUSTED, &kg);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_int_eq(memcmp(&p, &copy, sizeof p), 0);
}
END_TEST

/* The formulas recomputed here over a grid, arranged differently. */
static const double grid_heights[] = {
	152.4, 155, 160.5, 167.3, 175, 182.9, 190, 201.7, 225, 250
};
static const double grid_weights[] = {
	35, 45.5, 52, 63.7, 75, 88.8, 100, 131.4, 180, 260
};

static double grid_ideal(int male, double h)
{
	return (male ? 50.0 : 45.5) + 2.3 * (h - 152.4) / 2.54;
}

static double grid_lean(int male, double w, double h)
{
	double bmi = w * 10000.0 / (h * h);
	double lean;

	if (male)
		lean = 9270.0 * w / (6680.0 + 216.0 * bmi);
	else
		lean = 9270.0 * w / (8780.0 + 244.0 * bmi);
	return lean < w ? lean : w;
}

START_TEST(test_dosing_weight_grid)
{
	int hi, wi, male;

	for (male = 0; male <= 1; male++)
	for (hi = 0; hi < TU_ROWS(grid_heights); hi++)
	for (wi = 0; wi < TU_ROWS(grid_weights); wi++) {
		double h = grid_heights[hi], w = grid_weights[wi];
		double ibw = grid_ideal(male, h);
		double want_ideal = ibw < w ? ibw : w;
		double want_adj = ibw < w ? 0.4 * w + 0.6 * ibw : w;
		double want_lean = grid_lean(male, w, h);
		double got = TU_UNSET;
		ket_patient p;
		ket_status st;

		set_patient(&p, w, h, 50, male ? M : F);
		st = ket_dosing_weight(&p, KET_WEIGHT_IDEAL, &got);
		ck_assert_msg(st == KET_OK && tu_close(got, want_ideal, W_REL,
		              W_ABS), "ideal %s %g cm %g kg: %s %.17g, want "
		              "%.17g", male ? "male" : "female", h, w,
		              ket_status_name(st), got, want_ideal);
		st = ket_dosing_weight(&p, KET_WEIGHT_ADJUSTED, &got);
		ck_assert_msg(st == KET_OK && tu_close(got, want_adj, W_REL,
		              W_ABS), "adjusted %s %g cm %g kg: %s %.17g, want "
		              "%.17g", male ? "male" : "female", h, w,
		              ket_status_name(st), got, want_adj);
		st = ket_dosing_weight(&p, KET_WEIGHT_LEAN, &got);
		ck_assert_msg(st == KET_OK && tu_close(got, want_lean, W_REL,
		              W_ABS), "lean %s %g cm %g kg: %s %.17g, want "
		              "%.17g", male ? "male" : "female", h, w,
		              ket_status_name(st), got, want_lean);
		ck_assert_msg(got <= w, "lean above actual");
	}
}
END_TEST

/* Errors: status and NaN output. */
struct dw_err_row {
	const char *name;
	double weight_kg, height_cm, age_years;
	int sex;
	int basis;
	ket_status status;
};

#define I KET_WEIGHT_IDEAL
#define A KET_WEIGHT_ADJUSTED
#define L KET_WEIGHT_LEAN
#define T KET_WEIGHT_ACTUAL

static const struct dw_err_row dw_err_rows[] = {
	/* Unknown enums, for every basis. */
	{ "sex 3, actual", 70, 180, 40, 3, T, KET_E_RANGE },
	{ "sex 3, ideal", 70, 180, 40, 3, I, KET_E_RANGE },
	{ "sex 3, adjusted", 70, 180, 40, 3, A, KET_E_RANGE },
	{ "sex 3, lean", 70, 180, 40, 3, L, KET_E_RANGE },
	{ "sex -1, actual", 70, 180, 40, -1, T, KET_E_RANGE },
	{ "sex -1, lean", 70, 180, 40, -1, L, KET_E_RANGE },
	{ "basis 4", 70, 180, 40, M, 4, KET_E_RANGE },
	{ "basis -1", 70, 180, 40, M, -1, KET_E_RANGE },
	{ "basis 1000", 70, 180, 40, M, 1000, KET_E_RANGE },

	/* Weight, for every basis. */
	{ "weight 0.49 actual", 0.49, 0, U, X, T, KET_E_WEIGHT },
	{ "weight 350.01 actual", 350.01, 0, U, X, T, KET_E_WEIGHT },
	{ "weight 0 actual", 0, 0, U, X, T, KET_E_WEIGHT },
	{ "weight -0.0 actual", -0.0, 0, U, X, T, KET_E_WEIGHT },
	{ "weight -70 actual", -70, 0, U, X, T, KET_E_WEIGHT },
	{ "weight 0.49 ideal", 0.49, 180, 40, M, I, KET_E_WEIGHT },
	{ "weight 350.01 adjusted", 350.01, 180, 40, M, A, KET_E_WEIGHT },
	{ "weight 0.49 lean", 0.49, 180, 40, M, L, KET_E_WEIGHT },

	/* A known age above 130, for every basis. */
	{ "age 130.01 actual", 70, 0, 130.01, X, T, KET_E_RANGE },
	{ "age 130.01 ideal", 70, 180, 130.01, M, I, KET_E_RANGE },
	{ "age 200 lean", 70, 180, 200, M, L, KET_E_RANGE },

	/* Height for the formula. */
	{ "ideal height 152.39", 70, 152.39, 40, M, I, KET_E_HEIGHT },
	{ "ideal height 250.01", 70, 250.01, 40, M, I, KET_E_HEIGHT },
	{ "ideal height 0 (unknown)", 70, 0, 40, M, I, KET_E_HEIGHT },
	{ "ideal height -0.0", 70, -0.0, 40, M, I, KET_E_HEIGHT },
	{ "ideal height -180", 70, -180, 40, M, I, KET_E_HEIGHT },
	{ "ideal height 100 (lean domain)", 20, 100, 40, M, I, KET_E_HEIGHT },
	{ "adjusted height 152.39", 70, 152.39, 40, F, A, KET_E_HEIGHT },
	{ "adjusted height 250.01", 70, 250.01, 40, F, A, KET_E_HEIGHT },
	{ "adjusted height 0", 70, 0, 40, F, A, KET_E_HEIGHT },
	{ "lean height 44.99", 3, 44.99, U, M, L, KET_E_HEIGHT },
	{ "lean height 250.01", 70, 250.01, U, M, L, KET_E_HEIGHT },
	{ "lean height 0", 70, 0, U, M, L, KET_E_HEIGHT },
	{ "lean height -0.0", 70, -0.0, U, F, L, KET_E_HEIGHT },

	/* A known age below 18: no adult formula. */
	{ "ideal age 17.99", 70, 180, 17.99, M, I, KET_E_NO_DATA },
	{ "adjusted age 17.99", 70, 180, 17.99, M, A, KET_E_NO_DATA },
	{ "lean age 17.99", 70, 180, 17.99, M, L, KET_E_NO_DATA },
	{ "ideal age 0", 70, 180, 0, M, I, KET_E_NO_DATA },
	{ "ideal age -0.0 is 0, known", 70, 180, -0.0, M, I, KET_E_NO_DATA },
	{ "lean age -0.0 is 0, known", 70, 180, -0.0, F, L, KET_E_NO_DATA },
	{ "lean age 0.5", 8, 70, 0.5, F, L, KET_E_NO_DATA },

	/* Sex required by the formulas. */
	{ "ideal sex unspecified", 70, 180, 40, X, I, KET_E_SEX },
	{ "adjusted sex unspecified", 70, 180, 40, X, A, KET_E_SEX },
	{ "lean sex unspecified", 70, 180, 40, X, L, KET_E_SEX },

	/* Several faults: the documented order decides. */
	{ "NaN weight + unknown sex", (double)NAN, 180, 40, 3, I,
	  KET_E_NOT_FINITE },
	{ "NaN age + unknown basis", 70, 180, (double)NAN, M, 9,
	  KET_E_NOT_FINITE },
	{ "Inf height + weight 0", 0, (double)INFINITY, 40, M, T,
	  KET_E_NOT_FINITE },
	{ "unknown sex + weight 0.4", 0.4, 180, 40, 7, I, KET_E_RANGE },
	{ "unknown basis + weight 0.4", 0.4, 180, 40, M, 5, KET_E_RANGE },
	{ "weight 0.4 + age 131", 0.4, 180, 131, M, I, KET_E_WEIGHT },
	{ "weight 351 + height 0", 351, 0, 40, M, I, KET_E_WEIGHT },
	{ "age 131 + height 0", 70, 0, 131, M, I, KET_E_RANGE },
	{ "height 0 + age 10", 30, 0, 10, M, I, KET_E_HEIGHT },
	{ "height 152.39 + sex unspecified", 70, 152.39, 40, X, I,
	  KET_E_HEIGHT },
	{ "age 10 + sex unspecified", 30, 160, 10, X, I, KET_E_NO_DATA },
	{ "lean age 10 + sex unspecified", 30, 140, 10, X, L, KET_E_NO_DATA },
};

START_TEST(test_dosing_weight_error)
{
	const struct dw_err_row *row = &dw_err_rows[_i];
	ket_patient p;
	double kg = TU_UNSET;
	ket_status st;

	set_patient(&p, row->weight_kg, row->height_cm, row->age_years,
	            row->sex);
	st = ket_dosing_weight(&p, (ket_weight_basis)row->basis, &kg);
	ck_assert_msg(st == row->status, "%s: status %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->status));
	ck_assert_msg(isnan(kg), "%s: output %.17g, want NaN", row->name, kg);
}
END_TEST

/* NaN, +Inf and -Inf in each of the three doubles, for each basis:
 * 3 fields x 3 values x 4 bases. */
static const double bad_values[] = {
	(double)NAN, (double)INFINITY, -(double)INFINITY
};
static const char *const bad_names[] = { "NaN", "+Inf", "-Inf" };
static const char *const field_names[] = {
	"weight_kg", "height_cm", "age_years"
};
static const ket_weight_basis all_bases[] = {
	KET_WEIGHT_ACTUAL, KET_WEIGHT_IDEAL, KET_WEIGHT_ADJUSTED,
	KET_WEIGHT_LEAN
};

START_TEST(test_dosing_weight_not_finite)
{
	int field = _i / 12, value = (_i / 4) % 3, basis = _i % 4;
	ket_patient p;
	double kg = TU_UNSET;
	ket_status st;

	set_patient(&p, 70, 180, 40, M);
	if (field == 0)
		p.weight_kg = bad_values[value];
	else if (field == 1)
		p.height_cm = bad_values[value];
	else
		p.age_years = bad_values[value];
	st = ket_dosing_weight(&p, all_bases[basis], &kg);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s %s, basis %d: status %s",
	              field_names[field], bad_names[value], (int)basis,
	              ket_status_name(st));
	ck_assert_msg(isnan(kg), "%s %s, basis %d: output %.17g",
	              field_names[field], bad_names[value], basis, kg);
}
END_TEST

START_TEST(test_dosing_weight_null)
{
	ket_patient p;
	double kg = TU_UNSET;
	ket_status st;

	set_patient(&p, 70, 180, 40, M);
	st = ket_dosing_weight(NULL, KET_WEIGHT_ACTUAL, &kg);
	ck_assert_int_eq(st, KET_E_NULL);
	ck_assert(isnan(kg));
	st = ket_dosing_weight(&p, KET_WEIGHT_ACTUAL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_dosing_weight(NULL, KET_WEIGHT_LEAN, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	/* NULL before non-finite and enum checks. */
	p.weight_kg = tu_nan();
	st = ket_dosing_weight(&p, (ket_weight_basis)9, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

#undef U
#undef M
#undef F
#undef X
#undef I
#undef A
#undef L
#undef T

/* Review finding: 771.6179176471 lb is 350.0000000000129 kg, within 1e-9
 * of the bound, a computed value that counts as at it: returned as 350. */
START_TEST(test_review_lb_at_bounds)
{
	double kg = 0.0;

	ck_assert_int_eq(ket_weight_from_lb(771.6179176471, &kg), KET_OK);
	ck_assert(!(kg < 350.0) && !(kg > 350.0));
	ck_assert_int_eq(ket_weight_from_lb(1.1023113109, &kg), KET_OK);
	ck_assert(!(kg < 0.5) && !(kg > 0.5));
	ck_assert_int_eq(ket_weight_from_lb(771.62, &kg), KET_E_WEIGHT);
	ck_assert(isnan(kg));
	ck_assert_int_eq(ket_weight_from_lb(1.1, &kg), KET_E_WEIGHT);
}
END_TEST

Suite *ket_suite_weight(void)
{
	Suite *s = suite_create("weight");
	TCase *tc;

	tc = tcase_create("from_lb");
	tcase_add_loop_test(tc, test_from_lb, 0, TU_ROWS(lb_rows));
	tcase_add_test(tc, test_from_lb_bounds);
	tcase_add_test(tc, test_from_lb_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("dosing_weight");
	tcase_add_loop_test(tc, test_dosing_weight, 0, TU_ROWS(dw_rows));
	tcase_add_test(tc, test_dosing_weight_const);
	tcase_add_test(tc, test_dosing_weight_grid);
	suite_add_tcase(s, tc);

	tc = tcase_create("dosing_weight_errors");
	tcase_add_loop_test(tc, test_dosing_weight_error, 0,
	                    TU_ROWS(dw_err_rows));
	tcase_add_loop_test(tc, test_dosing_weight_not_finite, 0,
	                    TU_ROWS(bad_values) * TU_ROWS(field_names) *
	                    TU_ROWS(all_bases));
	tcase_add_test(tc, test_dosing_weight_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("review_regressions");
	tcase_add_test(tc, test_review_lb_at_bounds);
	suite_add_tcase(s, tc);

	return s;
}
