/*
 * check_pk.c - pharmacokinetics: ket_pk_params_for, ket_pk_simulate,
 * ket_pk_summarize, ket_tci_plan.
 *
 * Written from API.md ("Pharmacokinetics"), CLINICAL.md ("Route
 * bioavailability", "Pharmacokinetic models") and the header only.  The
 * model formulas are typed in again here; the simulation is checked
 * against tests/pk_reference.h, produced by tests/pk_reference.py (an
 * independent scipy integration, accurate to about 1e-14 relative), with
 * API.md's promise: within 1e-9 relative plus 1e-9 ng/mL.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"
#include "pk_reference.h"

#define D_NAN ((double)NAN)
#define D_INF ((double)INFINITY)

/* Parameters recomputed from CLINICAL.md's formulas: last-bit error. */
#define PAR_REL 1e-12
/* API.md: simulation within 1e-9 relative plus 1e-9 ng/mL of exact. */
#define SIM_REL 1e-9
#define SIM_ABS 1e-9 /* ng/mL */

#define UNSET_BITS UINT32_C(0xdeadbeef)
#define UNSET_INT 77

static const char *st_name(ket_status s)
{
	return ket_status_name(s);
}

/* ------------------------------------------------------------ helpers */

/* Parameters filled from the micro-constants, without the library. */
static ket_pk_params micro(int32_t n, double v1, double k10, double k12,
                           double k21, double k13, double k31)
{
	ket_pk_params p;

	memset(&p, 0, sizeof p);
	p.compartments = n;
	p.v1_l = v1;
	p.k10_per_min = k10;
	p.k12_per_min = k12;
	p.k21_per_min = k21;
	p.k13_per_min = k13;
	p.k31_per_min = k31;
	p.v2_l = v1 * k12 / k21;
	p.v3_l = n == 3 ? v1 * k13 / k31 : 0.0;
	p.cl_l_per_min = k10 * v1;
	p.q2_l_per_min = k12 * v1;
	p.q3_l_per_min = k13 * v1;
	p.warnings = 0;
	return p;
}

/* Domino 1984 (CLINICAL.md): V1 = 0.063 WT, micro-constants 1/min. */
static ket_pk_params domino(double wt)
{
	return micro(3, 0.063 * wt, 0.438, 0.592, 0.247, 0.590, 0.0146);
}

/* Clements & Nimmo 1981 (CLINICAL.md). */
static ket_pk_params clements(double wt)
{
	return micro(2, 1.7522 * wt, 0.0109, 0.0186, 0.0137, 0.0, 0.0);
}

/* Kamp 2020 (CLINICAL.md): per 70 kg, linear in WT, L/h / 60. */
static ket_pk_params kamp(double wt)
{
	double s = wt / 70.0;
	double v1 = 25.0 * s, v2 = 56.0 * s, v3 = 157.0 * s;
	double cl = 84.0 * s / 60.0, q2 = 161.0 * s / 60.0;
	double q3 = 79.0 * s / 60.0;

	return micro(3, v1, cl / v1, q2 / v1, q2 / v2, q3 / v1, q3 / v3);
}

static ket_pk_params from_ref(const struct pkref_scenario *s)
{
	ket_pk_params p;

	memset(&p, 0, sizeof p);
	p.compartments = s->compartments;
	p.v1_l = s->v1_l;
	p.v2_l = s->v2_l;
	p.v3_l = s->v3_l;
	p.cl_l_per_min = s->cl_l_per_min;
	p.q2_l_per_min = s->q2_l_per_min;
	p.q3_l_per_min = s->q3_l_per_min;
	p.k10_per_min = s->k10;
	p.k12_per_min = s->k12;
	p.k21_per_min = s->k21;
	p.k13_per_min = s->k13;
	p.k31_per_min = s->k31;
	p.warnings = 0;
	return p;
}

static ket_patient patient(double wt, double age)
{
	ket_patient pt;

	memset(&pt, 0, sizeof pt);
	pt.weight_kg = wt;
	pt.height_cm = 0.0;
	pt.age_years = age;
	pt.sex = KET_SEX_UNSPECIFIED;
	return pt;
}

static void params_unset(ket_pk_params *p)
{
	p->compartments = UNSET_INT;
	p->v1_l = p->v2_l = p->v3_l = TU_UNSET;
	p->cl_l_per_min = p->q2_l_per_min = p->q3_l_per_min = TU_UNSET;
	p->k10_per_min = p->k12_per_min = p->k21_per_min = TU_UNSET;
	p->k13_per_min = p->k31_per_min = TU_UNSET;
	p->warnings = UNSET_BITS;
}

/* The fail-safe output: every double NaN, the int and warnings 0. */
static int params_failsafe(const ket_pk_params *p)
{
	return p->compartments == 0 && p->warnings == 0 && isnan(p->v1_l) &&
	       isnan(p->v2_l) && isnan(p->v3_l) && isnan(p->cl_l_per_min) &&
	       isnan(p->q2_l_per_min) && isnan(p->q3_l_per_min) &&
	       isnan(p->k10_per_min) && isnan(p->k12_per_min) &&
	       isnan(p->k21_per_min) && isnan(p->k13_per_min) &&
	       isnan(p->k31_per_min);
}

static int all_nan(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			return 0;
	return 1;
}

static void fill(double *x, size_t n, double v)
{
	size_t i;

	for (i = 0; i < n; i++)
		x[i] = v;
}

/* Slowest disposition rate (1/min) from the micro-constants: the smallest
 * root of the characteristic polynomial x^3 - a2 x^2 + a1 x - a0 (for two
 * compartments k13 = k31 = 0 reduce it to x times the quadratic, whose
 * smaller root is then taken in closed form).  Newton from 0 climbs the
 * concave, increasing cubic monotonically to its smallest root. */
static double slowest_rate(const ket_pk_params *p)
{
	double k10 = p->k10_per_min, k12 = p->k12_per_min;
	double k21 = p->k21_per_min, k13 = p->k13_per_min;
	double k31 = p->k31_per_min;
	double a2, a1, a0, x = 0.0;
	int i;

	if (p->compartments == 2) {
		double s = k10 + k12 + k21;

		return (s - sqrt(s * s - 4.0 * k10 * k21)) / 2.0;
	}
	a2 = k10 + k12 + k13 + k21 + k31;
	a1 = k10 * k21 + k10 * k31 + k12 * k31 + k13 * k21 + k21 * k31;
	a0 = k10 * k21 * k31;
	for (i = 0; i < 200; i++) {
		double f = ((x - a2) * x + a1) * x - a0;
		double df = (3.0 * x - 2.0 * a2) * x + a1;
		double nx = x - f / df;

		if (!(nx > x))
			break;
		x = nx;
	}
	return x;
}

/* ======================================================= ket_pk_params_for */

/* Expected parameters, typed in from CLINICAL.md's model table. */
static ket_pk_params expected_params(ket_pk_model m, double wt)
{
	double s = wt / 70.0;
	double a = pow(s, 0.75);
	ket_pk_params p;

	switch (m) {
	case KET_PK_DOMINO_1984:
		return domino(wt);
	case KET_PK_CLEMENTS_1981:
		return clements(wt);
	case KET_PK_HIJAZI_2003:
		return micro(2, 1.08 * wt, 0.0333, 0.0088, 0.0030, 0.0, 0.0);
	case KET_PK_HERD_2007:
		memset(&p, 0, sizeof p);
		p.compartments = 2;
		p.v1_l = 38.7 * s;
		p.v2_l = 102.0 * s;
		p.cl_l_per_min = 90.0 * a / 60.0;
		p.q2_l_per_min = 215.0 * a / 60.0;
		p.k10_per_min = p.cl_l_per_min / p.v1_l;
		p.k12_per_min = p.q2_l_per_min / p.v1_l;
		p.k21_per_min = p.q2_l_per_min / p.v2_l;
		return p;
	case KET_PK_KAMP_2020:
		return kamp(wt);
	}
	memset(&p, 0, sizeof p);
	return p;
}

struct par_row {
	ket_pk_model model;
	double weight_kg, age_years;
};

static const struct par_row par_rows[] = {
	{ KET_PK_DOMINO_1984, 70.0, 40.0 },
	{ KET_PK_DOMINO_1984, 40.0, 18.0 },
	{ KET_PK_DOMINO_1984, 140.0, 90.0 },
	{ KET_PK_DOMINO_1984, 55.5, KET_AGE_UNKNOWN },
	{ KET_PK_CLEMENTS_1981, 70.0, 30.0 },
	{ KET_PK_CLEMENTS_1981, 92.3, 61.0 },
	{ KET_PK_HIJAZI_2003, 70.0, 50.0 },
	{ KET_PK_HIJAZI_2003, 104.0, 77.0 },
	{ KET_PK_HERD_2007, PKREF_HERD_WEIGHT_KG, 6.0 },
	{ KET_PK_HERD_2007, 10.8, 1.0 },
	{ KET_PK_HERD_2007, 74.8, 14.0 },
	{ KET_PK_HERD_2007, 35.0, 9.5 },
	{ KET_PK_KAMP_2020, 70.0, 40.0 },
	{ KET_PK_KAMP_2020, 48.0, 33.0 },
	{ KET_PK_KAMP_2020, 121.0, 70.0 },
};

static int par_close(double got, double want)
{
	return tu_close(got, want, PAR_REL, 0.0);
}

START_TEST(test_params_table)
{
	const struct par_row *r = &par_rows[_i];
	ket_patient pt = patient(r->weight_kg, r->age_years);
	ket_pk_params want = expected_params(r->model, r->weight_kg);
	ket_pk_params p;
	ket_status st;

	params_unset(&p);
	st = ket_pk_params_for(r->model, &pt, &p);
	ck_assert_msg(st == KET_OK, "row %d: %s", _i, st_name(st));
	ck_assert_msg(p.warnings == 0, "row %d: warnings %#x", _i,
	              (unsigned)p.warnings);
	ck_assert_msg(p.compartments == want.compartments,
	              "row %d: %d compartments", _i, (int)p.compartments);
#define PAR_CHECK(f)                                                      \
	ck_assert_msg(par_close(p.f, want.f) ||                           \
	                  (tu_close(p.f, 0.0, 0.0, 0.0) &&                \
	                   tu_close(want.f, 0.0, 0.0, 0.0)),              \
	              "row %d: " #f " %.17g, want %.17g", _i, p.f, want.f)
	PAR_CHECK(v1_l);
	PAR_CHECK(v2_l);
	PAR_CHECK(v3_l);
	PAR_CHECK(cl_l_per_min);
	PAR_CHECK(q2_l_per_min);
	PAR_CHECK(q3_l_per_min);
	PAR_CHECK(k10_per_min);
	PAR_CHECK(k12_per_min);
	PAR_CHECK(k21_per_min);
	PAR_CHECK(k13_per_min);
	PAR_CHECK(k31_per_min);
	/* Both sets consistent, whichever was published. */
	ck_assert(par_close(p.k10_per_min * p.v1_l, p.cl_l_per_min));
	ck_assert(par_close(p.k12_per_min * p.v1_l, p.q2_l_per_min));
	ck_assert(par_close(p.k21_per_min * p.v2_l, p.q2_l_per_min));
	if (p.compartments == 3) {
		ck_assert(par_close(p.k13_per_min * p.v1_l, p.q3_l_per_min));
		ck_assert(par_close(p.k31_per_min * p.v3_l, p.q3_l_per_min));
	}
}
END_TEST

/* CLINICAL.md's check values, as printed there. */
START_TEST(test_params_check_values)
{
	ket_patient pt = patient(70.0, 40.0);
	ket_pk_params p;
	double half_life_min, ss;

	ck_assert(ket_pk_params_for(KET_PK_DOMINO_1984, &pt, &p) == KET_OK);
	ck_assert_int_eq(p.compartments, 3);
	ck_assert_msg(tu_close(p.v1_l, 4.41, PAR_REL, 0.0), "V1 %.17g", p.v1_l);
	/* Printed to 7 significant digits: half a unit of the last one. */
	ck_assert_msg(tu_close(p.v2_l, 10.56972, 0.0, 0.000005), "V2 %.17g",
	              p.v2_l);
	ck_assert_msg(tu_close(p.v3_l, 178.2123, 0.0, 0.00005), "V3 %.17g",
	              p.v3_l);
	ck_assert_msg(tu_close(p.cl_l_per_min, 1.93158, PAR_REL, 0.0),
	              "CL %.17g", p.cl_l_per_min);
	ck_assert_msg(tu_close(p.q2_l_per_min, 2.61072, PAR_REL, 0.0),
	              "Q2 %.17g", p.q2_l_per_min);
	ck_assert_msg(tu_close(p.q3_l_per_min, 2.6019, PAR_REL, 0.0),
	              "Q3 %.17g", p.q3_l_per_min);
	/* Terminal half-life ~ 114.6 min from the smallest eigenvalue. */
	half_life_min = log(2.0) / slowest_rate(&p);
	ck_assert_msg(tu_close(half_life_min, 114.6, 0.0, 0.05),
	              "Domino t1/2 %.6g min", half_life_min);
	/* Steady state at 7 mg/h: 7 / (CL x 60) mg/L ~ 60.4 ng/mL. */
	ss = 7.0 / (p.cl_l_per_min * 60.0) * 1000.0;
	ck_assert_msg(tu_close(ss, 60.4, 0.001, 0.0), "Domino ss %.6g", ss);

	/* Clements 70 kg: CL ~ 80 L/h (80.22). */
	ck_assert(ket_pk_params_for(KET_PK_CLEMENTS_1981, &pt, &p) == KET_OK);
	ck_assert_int_eq(p.compartments, 2);
	ck_assert_msg(tu_close(p.cl_l_per_min * 60.0, 80.0, 0.005, 0.0),
	              "Clements CL %.6g L/h", p.cl_l_per_min * 60.0);

	/* Hijazi: CL 36 mL/min/kg (35.964), terminal half-life ~ 4.9 h. */
	ck_assert(ket_pk_params_for(KET_PK_HIJAZI_2003, &pt, &p) == KET_OK);
	ck_assert_int_eq(p.compartments, 2);
	ck_assert_msg(tu_close(p.cl_l_per_min * 1000.0 / 70.0, 36.0, 0.002,
	                       0.0),
	              "Hijazi CL %.6g mL/min/kg", p.cl_l_per_min * 1000.0 / 70.0);
	half_life_min = log(2.0) / slowest_rate(&p);
	ck_assert_msg(tu_close(half_life_min / 60.0, 4.9, 0.0, 0.05),
	              "Hijazi t1/2 %.6g h", half_life_min / 60.0);

	/* Kamp 70 kg at 7 mg/h: steady state 7 / (CL x 60) ~ 83 ng/mL. */
	ck_assert(ket_pk_params_for(KET_PK_KAMP_2020, &pt, &p) == KET_OK);
	ck_assert_int_eq(p.compartments, 3);
	ss = 7.0 / (p.cl_l_per_min * 60.0) * 1000.0;
	ck_assert_msg(tu_close(ss, 7.0 / 84.0 * 1000.0, PAR_REL, 0.0),
	              "Kamp ss %.17g", ss);
	ck_assert_msg(tu_close(ss, 83.0, 0.005, 0.0), "Kamp ss %.6g", ss);
}
END_TEST

/* Herd at the weight the reference script found: the slowest disposition
 * rate equals the IM and intranasal ka (API.md: 22.31 kg). */
START_TEST(test_params_herd_ka_weight)
{
	ket_patient pt = patient(PKREF_HERD_WEIGHT_KG, 6.0);
	ket_pk_params p;
	double beta;

	ck_assert_msg(tu_close(PKREF_HERD_WEIGHT_KG, 22.31, 0.0, 0.005),
	              "Herd weight %.17g", PKREF_HERD_WEIGHT_KG);
	ck_assert(ket_pk_params_for(KET_PK_HERD_2007, &pt, &p) == KET_OK);
	ck_assert_int_eq(p.compartments, 2);
	beta = slowest_rate(&p);
	ck_assert_msg(tu_close(beta, 0.01148, 1e-12, 0.0), "beta %.17g",
	              beta);
	ck_assert(tu_close(PKREF_HERD_BETA_PER_MIN, 0.01148, 1e-12, 0.0));
}
END_TEST

/* The library's parameters for every reference scenario equal the
 * script's (which the simulation reference was computed with). */
START_TEST(test_params_reference_scenarios)
{
	const struct pkref_scenario *s = &pkref_scenarios[_i];
	ket_patient pt = patient(s->weight_kg, s->age_years);
	ket_pk_params want = from_ref(s);
	ket_pk_params p;
	ket_status st = ket_pk_params_for(s->model, &pt, &p);

	ck_assert_msg(st == KET_OK, "%s: %s", s->name, st_name(st));
	ck_assert_msg(p.warnings == 0, "%s: warnings", s->name);
	ck_assert_int_eq(p.compartments, s->compartments);
#undef PAR_CHECK
#define PAR_CHECK(f)                                                      \
	ck_assert_msg(tu_close(p.f, want.f, PAR_REL, 0.0) ||              \
	                  (tu_close(p.f, 0.0, 0.0, 0.0) &&                \
	                   tu_close(want.f, 0.0, 0.0, 0.0)),              \
	              "%s: " #f " %.17g, want %.17g", s->name, p.f, want.f)
	PAR_CHECK(v1_l);
	PAR_CHECK(v2_l);
	PAR_CHECK(v3_l);
	PAR_CHECK(cl_l_per_min);
	PAR_CHECK(q2_l_per_min);
	PAR_CHECK(q3_l_per_min);
	PAR_CHECK(k10_per_min);
	PAR_CHECK(k12_per_min);
	PAR_CHECK(k21_per_min);
	PAR_CHECK(k13_per_min);
	PAR_CHECK(k31_per_min);
#undef PAR_CHECK
}
END_TEST

/* KET_W_OUTSIDE_MODEL: adult models 40-140 kg and a known age below 18;
 * Herd 1-14 years and 10.8-74.8 kg.  Bounds inclusive. */
struct pop_row {
	ket_pk_model model;
	double weight_kg, age_years;
	int outside;
};

static const struct pop_row pop_rows[] = {
	{ KET_PK_DOMINO_1984, 40.0, 30.0, 0 },
	{ KET_PK_DOMINO_1984, 39.9, 30.0, 1 },
	{ KET_PK_DOMINO_1984, 140.0, 30.0, 0 },
	{ KET_PK_DOMINO_1984, 140.1, 30.0, 1 },
	{ KET_PK_DOMINO_1984, 70.0, 17.0, 1 },
	{ KET_PK_DOMINO_1984, 70.0, 18.0, 0 },
	{ KET_PK_DOMINO_1984, 70.0, KET_AGE_UNKNOWN, 0 },
	{ KET_PK_DOMINO_1984, 70.0, -0.0, 1 },  /* -0.0 is age 0, known */
	{ KET_PK_DOMINO_1984, 0.5, 30.0, 1 },
	{ KET_PK_DOMINO_1984, 350.0, 30.0, 1 },
	{ KET_PK_DOMINO_1984, 70.0, 130.0, 0 },
	{ KET_PK_CLEMENTS_1981, 40.0, 18.0, 0 },
	{ KET_PK_CLEMENTS_1981, 39.9, 30.0, 1 },
	{ KET_PK_CLEMENTS_1981, 140.1, 30.0, 1 },
	{ KET_PK_CLEMENTS_1981, 70.0, 17.0, 1 },
	{ KET_PK_CLEMENTS_1981, 70.0, -5.0, 0 },  /* negative: unknown */
	{ KET_PK_HIJAZI_2003, 140.0, 18.0, 0 },
	{ KET_PK_HIJAZI_2003, 39.9, 30.0, 1 },
	{ KET_PK_HIJAZI_2003, 140.1, 30.0, 1 },
	{ KET_PK_HIJAZI_2003, 70.0, 17.0, 1 },
	{ KET_PK_HIJAZI_2003, 70.0, 17.99, 1 },
	{ KET_PK_KAMP_2020, 40.0, 18.0, 0 },
	{ KET_PK_KAMP_2020, 39.9, 30.0, 1 },
	{ KET_PK_KAMP_2020, 140.1, 30.0, 1 },
	{ KET_PK_KAMP_2020, 70.0, 17.0, 1 },
	{ KET_PK_KAMP_2020, 70.0, KET_AGE_UNKNOWN, 0 },
	{ KET_PK_HERD_2007, 10.8, 1.0, 0 },
	{ KET_PK_HERD_2007, 74.8, 14.0, 0 },
	{ KET_PK_HERD_2007, 10.7, 5.0, 1 },
	{ KET_PK_HERD_2007, 74.9, 5.0, 1 },
	{ KET_PK_HERD_2007, 20.0, 0.9, 1 },
	{ KET_PK_HERD_2007, 20.0, 14.1, 1 },
	{ KET_PK_HERD_2007, 20.0, -0.0, 1 },  /* age 0, known: not NO_DATA */
	{ KET_PK_HERD_2007, 70.0, 30.0, 1 },
	{ KET_PK_HERD_2007, 140.0, 14.0, 1 },
};

START_TEST(test_params_population)
{
	const struct pop_row *r = &pop_rows[_i];
	ket_patient pt = patient(r->weight_kg, r->age_years);
	ket_pk_params p;
	ket_status st;

	params_unset(&p);
	st = ket_pk_params_for(r->model, &pt, &p);
	ck_assert_msg(st == KET_OK, "row %d: %s", _i, st_name(st));
	ck_assert_msg(p.warnings == (r->outside ? KET_W_OUTSIDE_MODEL : 0u),
	              "row %d (model %d, %g kg, age %g): warnings %#x", _i,
	              (int)r->model, r->weight_kg, r->age_years,
	              (unsigned)p.warnings);
	ck_assert(isfinite(p.v1_l) && p.v1_l > 0.0);
}
END_TEST

/* Statuses in the header's order: NULL (patient, out); NOT_FINITE
 * (weight, height, age); RANGE (model, sex); WEIGHT; RANGE (age above
 * 130); NO_DATA (Herd with an unknown age). */
struct pst_row {
	const char *name;
	int model;
	double weight_kg, height_cm, age_years;
	int32_t sex;
	int null_patient, null_out;
	ket_status want;
};

static const struct pst_row pst_rows[] = {
	{ "NULL patient", 0, 70.0, 0.0, 40.0, 0, 1, 0, KET_E_NULL },
	{ "NULL out", 0, 70.0, 0.0, 40.0, 0, 0, 1, KET_E_NULL },
	{ "NULL out, NaN weight", 0, D_NAN, 0.0, 40.0, 0, 0, 1, KET_E_NULL },
	{ "NaN weight", 0, D_NAN, 0.0, 40.0, 0, 0, 0, KET_E_NOT_FINITE },
	{ "+Inf weight", 0, D_INF, 0.0, 40.0, 0, 0, 0, KET_E_NOT_FINITE },
	{ "-Inf weight", 0, -D_INF, 0.0, 40.0, 0, 0, 0, KET_E_NOT_FINITE },
	{ "NaN height", 0, 70.0, D_NAN, 40.0, 0, 0, 0, KET_E_NOT_FINITE },
	{ "Inf height", 0, 70.0, D_INF, 40.0, 0, 0, 0, KET_E_NOT_FINITE },
	{ "NaN age", 0, 70.0, 0.0, D_NAN, 0, 0, 0, KET_E_NOT_FINITE },
	{ "-Inf age", 0, 70.0, 0.0, -D_INF, 0, 0, 0, KET_E_NOT_FINITE },
	{ "+Inf age", 3, 20.0, 0.0, D_INF, 0, 0, 0, KET_E_NOT_FINITE },
	{ "NaN age, bad model", 9, 70.0, 0.0, D_NAN, 0, 0, 0,
	  KET_E_NOT_FINITE },
	{ "model 5", 5, 70.0, 0.0, 40.0, 0, 0, 0, KET_E_RANGE },
	{ "model -1", -1, 70.0, 0.0, 40.0, 0, 0, 0, KET_E_RANGE },
	{ "sex 3", 0, 70.0, 0.0, 40.0, 3, 0, 0, KET_E_RANGE },
	{ "sex -1", 4, 70.0, 0.0, 40.0, -1, 0, 0, KET_E_RANGE },
	{ "sex male", 0, 70.0, 170.0, 40.0, KET_SEX_MALE, 0, 0, KET_OK },
	{ "sex female", 4, 70.0, 160.0, 40.0, KET_SEX_FEMALE, 0, 0, KET_OK },
	{ "model 5, bad weight", 5, 0.1, 0.0, 40.0, 0, 0, 0, KET_E_RANGE },
	{ "weight 0.49", 0, 0.49, 0.0, 40.0, 0, 0, 0, KET_E_WEIGHT },
	{ "weight 0.5", 0, 0.5, 0.0, 40.0, 0, 0, 0, KET_OK },
	{ "weight 350", 2, 350.0, 0.0, 40.0, 0, 0, 0, KET_OK },
	{ "weight 350.1", 2, 350.1, 0.0, 40.0, 0, 0, 0, KET_E_WEIGHT },
	{ "weight 0", 1, 0.0, 0.0, 40.0, 0, 0, 0, KET_E_WEIGHT },
	{ "weight -70", 1, -70.0, 0.0, 40.0, 0, 0, 0, KET_E_WEIGHT },
	{ "weight 0, age 131", 0, 0.0, 0.0, 131.0, 0, 0, 0, KET_E_WEIGHT },
	{ "age 130", 0, 70.0, 0.0, 130.0, 0, 0, 0, KET_OK },
	{ "age 130.5", 0, 70.0, 0.0, 130.5, 0, 0, 0, KET_E_RANGE },
	{ "Herd age 131", 3, 20.0, 0.0, 131.0, 0, 0, 0, KET_E_RANGE },
	{ "Herd unknown age", 3, 20.0, 0.0, KET_AGE_UNKNOWN, 0, 0, 0,
	  KET_E_NO_DATA },
	{ "Herd age -3", 3, 20.0, 0.0, -3.0, 0, 0, 0, KET_E_NO_DATA },
	{ "Herd unknown age, weight 400", 3, 400.0, 0.0, -1.0, 0, 0, 0,
	  KET_E_WEIGHT },
	{ "Herd unknown age, sex 7", 3, 20.0, 0.0, -1.0, 7, 0, 0,
	  KET_E_RANGE },
	{ "Domino unknown age", 0, 70.0, 0.0, -1.0, 0, 0, 0, KET_OK },
	{ "Kamp unknown age", 4, 70.0, 0.0, -1.0, 0, 0, 0, KET_OK },
};

START_TEST(test_params_status)
{
	const struct pst_row *r = &pst_rows[_i];
	ket_patient pt = patient(r->weight_kg, r->age_years);
	ket_pk_params p;
	ket_status st;

	pt.height_cm = r->height_cm;
	pt.sex = r->sex;
	params_unset(&p);
	st = ket_pk_params_for((ket_pk_model)r->model,
	                       r->null_patient ? NULL : &pt,
	                       r->null_out ? NULL : &p);
	ck_assert_msg(st == r->want, "%s: %s, want %s", r->name, st_name(st),
	              st_name(r->want));
	if (r->null_out)
		return;
	if (r->want == KET_OK)
		ck_assert_msg(isfinite(p.v1_l) && p.compartments >= 2,
		              "%s: no parameters", r->name);
	else
		ck_assert_msg(params_failsafe(&p), "%s: outputs not NaN/0",
		              r->name);
}
END_TEST

/* ======================================================== ket_pk_simulate */

#define MAX_REF_ROWS 32

static double rel_err(double got, double want)
{
	return fabs(got - want) / fabs(want);
}

static void check_reference(const struct pkref_scenario *s,
                            const ket_pk_params *pk)
{
	double times[MAX_REF_ROWS], conc[MAX_REF_ROWS];
	size_t i;
	ket_status st;

	ck_assert_msg(s->n_rows <= MAX_REF_ROWS, "%s: too many rows",
	              s->name);
	for (i = 0; i < s->n_rows; i++)
		times[i] = pkref_rows[s->first_row + i].time_min;
	fill(conc, s->n_rows, TU_UNSET);
	st = ket_pk_simulate(pk, &pkref_doses[s->first_dose], s->n_doses,
	                     times, s->n_rows, conc);
	ck_assert_msg(st == KET_OK, "%s: %s", s->name, st_name(st));
	for (i = 0; i < s->n_rows; i++) {
		const struct pkref_row *r = &pkref_rows[s->first_row + i];

		ck_assert_msg(r->scenario == (int)(s - pkref_scenarios),
		              "%s: row %zu belongs elsewhere", s->name, i);
		ck_assert_msg(tu_close(conc[i], r->conc_ng_per_ml, SIM_REL,
		                       SIM_ABS),
		              "%s: t %.17g min: %.17g ng/mL, want %.17g "
		              "(rel %.3g)",
		              s->name, r->time_min, conc[i], r->conc_ng_per_ml,
		              rel_err(conc[i], r->conc_ng_per_ml));
	}
}

/* Against the reference, with the script's own parameters. */
START_TEST(test_simulate_reference)
{
	const struct pkref_scenario *s = &pkref_scenarios[_i];
	ket_pk_params pk = from_ref(s);

	check_reference(s, &pk);
}
END_TEST

/* The same through ket_pk_params_for (the whole path a caller takes). */
START_TEST(test_simulate_reference_params_for)
{
	const struct pkref_scenario *s = &pkref_scenarios[_i];
	ket_patient pt = patient(s->weight_kg, s->age_years);
	ket_pk_params pk;

	ck_assert(ket_pk_params_for(s->model, &pt, &pk) == KET_OK);
	check_reference(s, &pk);
}
END_TEST

/* Every reference row is also a table row: the table covers every
 * scenario, in order, and nothing else. */
START_TEST(test_reference_table_shape)
{
	size_t total = 0;
	int k;

	for (k = 0; k < TU_ROWS(pkref_scenarios); k++) {
		ck_assert(pkref_scenarios[k].first_row == total);
		total += pkref_scenarios[k].n_rows;
	}
	ck_assert(total == (size_t)TU_ROWS(pkref_rows));
}
END_TEST

/* An IV bolus of D mg at 0 gives D / V1 at 0 (a dose at t counts at t). */
START_TEST(test_simulate_bolus_at_zero)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose d = { 0.0, 25.0, 0.0, KET_ROUTE_IV };
	double t[3] = { 0.0, 0.0, 10.0 }, c[3];

	ck_assert(ket_pk_simulate(&pk, &d, 1, t, 3, c) == KET_OK);
	ck_assert_msg(tu_close(c[0], 25.0 / 4.41 * 1000.0, 1e-12, 0.0),
	              "C(0) %.17g", c[0]);
	ck_assert(tu_close(c[1], c[0], 0.0, 0.0));
	ck_assert(c[2] < c[0] && c[2] > 0.0);
	/* The same bolus given at 30 min: nothing before, D / V1 at 30. */
	d.start_min = 30.0;
	t[0] = 0.0;
	t[1] = 29.999;
	t[2] = 30.0;
	ck_assert(ket_pk_simulate(&pk, &d, 1, t, 3, c) == KET_OK);
	ck_assert(tu_close(c[0], 0.0, 0.0, 0.0));
	ck_assert(tu_close(c[1], 0.0, 0.0, 0.0));
	ck_assert(tu_close(c[2], 25.0 / 4.41 * 1000.0, 1e-12, 0.0));
}
END_TEST

/* Long infusions approach CLINICAL.md's steady states within 0.1 %. */
START_TEST(test_simulate_steady_state)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose d = { 0.0, 7.0 * 48.0, 48.0 * 60.0, KET_ROUTE_IV };
	double t = 48.0 * 60.0, c = TU_UNSET;

	ck_assert(ket_pk_simulate(&pk, &d, 1, &t, 1, &c) == KET_OK);
	ck_assert_msg(tu_close(c, 60.4, 0.001, 0.0), "Domino %.17g", c);
	ck_assert_msg(tu_close(c, 7.0 / (1.93158 * 60.0) * 1000.0, 0.001, 0.0),
	              "Domino %.17g", c);

	pk = kamp(70.0);
	d.mg = 7.0 * 96.0;
	d.duration_min = 96.0 * 60.0;
	t = 96.0 * 60.0;
	ck_assert(ket_pk_simulate(&pk, &d, 1, &t, 1, &c) == KET_OK);
	ck_assert_msg(tu_close(c, 7.0 / 84.0 * 1000.0, 0.001, 0.0), "Kamp %.17g",
	              c);
	ck_assert_msg(tu_close(c, 83.0, 0.005, 0.0), "Kamp %.17g", c);
}
END_TEST

/* No doses: zero everywhere; no times: nothing to do (NULL allowed). */
START_TEST(test_simulate_empty)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose d = { 0.0, 25.0, 0.0, KET_ROUTE_IV };
	double t[2] = { 0.0, 60.0 }, c[2] = { TU_UNSET, TU_UNSET };

	ck_assert(ket_pk_simulate(&pk, NULL, 0, t, 2, c) == KET_OK);
	ck_assert(tu_close(c[0], 0.0, 0.0, 0.0));
	ck_assert(tu_close(c[1], 0.0, 0.0, 0.0));
	ck_assert(ket_pk_simulate(&pk, &d, 0, t, 2, c) == KET_OK);
	ck_assert(tu_close(c[1], 0.0, 0.0, 0.0));
	ck_assert(ket_pk_simulate(&pk, &d, 1, NULL, 0, NULL) == KET_OK);
	ck_assert(ket_pk_simulate(&pk, &d, 1, t, 0, c) == KET_OK);
	ck_assert(ket_pk_simulate(&pk, NULL, 0, NULL, 0, NULL) == KET_OK);
}
END_TEST

/* -0.0 counts as 0: a start, a duration and a time of -0.0 are fine. */
START_TEST(test_simulate_negative_zero)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose d[2] = { { -0.0, 25.0, -0.0, KET_ROUTE_IV },
	                     { 0.0, 50.0, -0.0, KET_ROUTE_IM } };
	double t[2] = { -0.0, 0.0 }, c[2];

	ck_assert(ket_pk_simulate(&pk, d, 2, t, 2, c) == KET_OK);
	ck_assert(tu_close(c[0], 25.0 / 4.41 * 1000.0, 1e-12, 0.0));
	ck_assert(tu_close(c[1], c[0], 0.0, 0.0));
}
END_TEST

/* Parameter variants for the status table. */
enum pkv {
	PK_DOMINO, PK_CLEMENTS, PK_V1_NAN, PK_V1_NEG_INF, PK_K10_INF,
	PK_K12_NAN, PK_K21_NAN, PK_K13_NAN, PK_K31_INF, PK_V1_ZERO,
	PK_V1_NEG, PK_K10_ZERO, PK_K12_NEG, PK_K21_ZERO, PK_K13_ZERO,
	PK_K31_ZERO, PK_COMP_1, PK_COMP_4, PK_COMP_0
};

static ket_pk_params pk_variant(enum pkv v)
{
	ket_pk_params p = domino(70.0);

	switch (v) {
	case PK_DOMINO: break;
	case PK_CLEMENTS: p = clements(70.0); break;
	case PK_V1_NAN: p.v1_l = D_NAN; break;
	case PK_V1_NEG_INF: p.v1_l = -D_INF; break;
	case PK_K10_INF: p.k10_per_min = D_INF; break;
	case PK_K12_NAN: p.k12_per_min = D_NAN; break;
	case PK_K21_NAN: p.k21_per_min = D_NAN; break;
	case PK_K13_NAN: p.k13_per_min = D_NAN; break;
	case PK_K31_INF: p.k31_per_min = D_INF; break;
	case PK_V1_ZERO: p.v1_l = 0.0; break;
	case PK_V1_NEG: p.v1_l = -4.41; break;
	case PK_K10_ZERO: p.k10_per_min = 0.0; break;
	case PK_K12_NEG: p.k12_per_min = -0.592; break;
	case PK_K21_ZERO: p.k21_per_min = 0.0; break;
	case PK_K13_ZERO: p.k13_per_min = 0.0; break;
	case PK_K31_ZERO: p.k31_per_min = 0.0; break;
	case PK_COMP_1: p.compartments = 1; break;
	case PK_COMP_4: p.compartments = 4; break;
	case PK_COMP_0: p.compartments = 0; break;
	}
	return p;
}

#define IV KET_ROUTE_IV
#define IM KET_ROUTE_IM
#define SC KET_ROUTE_SC
#define PO KET_ROUTE_ORAL
#define SL KET_ROUTE_SUBLINGUAL
#define IN KET_ROUTE_INTRANASAL
#define PR KET_ROUTE_RECTAL
#define TD KET_ROUTE_TRANSDERMAL
#define EPI KET_ROUTE_EPIDURAL
#define ITH KET_ROUTE_INTRATHECAL

struct sim_row {
	const char *name;
	enum pkv pk;
	size_t nd;
	ket_pk_dose d[3];
	size_t nt;
	double t[3];
	ket_status want;
};

#define OKD { 0.0, 10.0, 0.0, IV }
#define T3 3, { 0.0, 10.0, 60.0 }

static const struct sim_row sim_rows[] = {
	{ "all fine", PK_DOMINO, 1, { OKD }, T3, KET_OK },
	{ "two compartments", PK_CLEMENTS, 1, { OKD }, T3, KET_OK },
	/* non-finite: parameters, then doses in order, then times */
	{ "v1 NaN", PK_V1_NAN, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "v1 -Inf", PK_V1_NEG_INF, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "k10 Inf", PK_K10_INF, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "k12 NaN", PK_K12_NAN, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "k21 NaN", PK_K21_NAN, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "k13 NaN", PK_K13_NAN, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "k31 Inf", PK_K31_INF, 1, { OKD }, T3, KET_E_NOT_FINITE },
	{ "start NaN", PK_DOMINO, 1, { { D_NAN, 10.0, 0.0, IV } }, T3,
	  KET_E_NOT_FINITE },
	{ "mg Inf", PK_DOMINO, 1, { { 0.0, D_INF, 0.0, IV } }, T3,
	  KET_E_NOT_FINITE },
	{ "duration NaN", PK_DOMINO, 1, { { 0.0, 10.0, D_NAN, IV } }, T3,
	  KET_E_NOT_FINITE },
	{ "duration Inf", PK_DOMINO, 1, { { 0.0, 10.0, D_INF, IV } }, T3,
	  KET_E_NOT_FINITE },
	{ "time NaN", PK_DOMINO, 1, { OKD }, 3, { 0.0, D_NAN, 60.0 },
	  KET_E_NOT_FINITE },
	{ "time Inf", PK_DOMINO, 1, { OKD }, 3, { 0.0, 10.0, D_INF },
	  KET_E_NOT_FINITE },
	{ "time -Inf", PK_DOMINO, 1, { OKD }, 1, { -D_INF }, KET_E_NOT_FINITE },
	{ "v1 0 and a NaN dose: non-finite first", PK_V1_ZERO, 1,
	  { { 0.0, D_NAN, 0.0, IV } }, T3, KET_E_NOT_FINITE },
	{ "bad route in dose 0, NaN in dose 1", PK_DOMINO, 2,
	  { { 0.0, 10.0, 0.0, 42 }, { 5.0, D_NAN, 0.0, IV } }, T3,
	  KET_E_NOT_FINITE },
	{ "mg 0, NaN time", PK_DOMINO, 1, { { 0.0, 0.0, 0.0, IV } }, 3,
	  { 0.0, D_NAN, 1.0 }, KET_E_NOT_FINITE },
	/* parameter ranges */
	{ "v1 0", PK_V1_ZERO, 1, { OKD }, T3, KET_E_RANGE },
	{ "v1 < 0", PK_V1_NEG, 1, { OKD }, T3, KET_E_RANGE },
	{ "k10 0", PK_K10_ZERO, 1, { OKD }, T3, KET_E_RANGE },
	{ "k12 < 0", PK_K12_NEG, 1, { OKD }, T3, KET_E_RANGE },
	{ "k21 0", PK_K21_ZERO, 1, { OKD }, T3, KET_E_RANGE },
	{ "3 compartments, k13 0", PK_K13_ZERO, 1, { OKD }, T3, KET_E_RANGE },
	{ "3 compartments, k31 0", PK_K31_ZERO, 1, { OKD }, T3, KET_E_RANGE },
	{ "1 compartment", PK_COMP_1, 1, { OKD }, T3, KET_E_RANGE },
	{ "4 compartments", PK_COMP_4, 1, { OKD }, T3, KET_E_RANGE },
	{ "0 compartments", PK_COMP_0, 1, { OKD }, T3, KET_E_RANGE },
	{ "v1 0 before an unknown route", PK_V1_ZERO, 1,
	  { { 0.0, 10.0, 0.0, 42 } }, T3, KET_E_RANGE },
	/* each dose in order */
	{ "route 10", PK_DOMINO, 1, { { 0.0, 10.0, 0.0, 10 } }, T3,
	  KET_E_ROUTE },
	{ "route -1", PK_DOMINO, 1, { { 0.0, 10.0, 0.0, -1 } }, T3,
	  KET_E_ROUTE },
	{ "unknown route and mg 0", PK_DOMINO, 1, { { 0.0, 0.0, 0.0, 99 } },
	  T3, KET_E_ROUTE },
	{ "transdermal", PK_DOMINO, 1, { { 0.0, 25.0, 1440.0, TD } }, T3,
	  KET_E_NO_DATA },
	{ "transdermal at once", PK_DOMINO, 1, { { 0.0, 25.0, 0.0, TD } }, T3,
	  KET_E_NO_DATA },
	{ "epidural", PK_DOMINO, 1, { { 0.0, 10.0, 0.0, EPI } }, T3,
	  KET_E_NO_DATA },
	{ "intrathecal", PK_DOMINO, 1, { { 0.0, 10.0, 0.0, ITH } }, T3,
	  KET_E_NO_DATA },
	{ "epidural, mg 0", PK_DOMINO, 1, { { 0.0, 0.0, 0.0, EPI } }, T3,
	  KET_E_NO_DATA },
	{ "oral infusion", PK_DOMINO, 1, { { 0.0, 10.0, 60.0, PO } }, T3,
	  KET_E_RANGE },
	{ "IM infusion", PK_DOMINO, 1, { { 0.0, 10.0, 60.0, IM } }, T3,
	  KET_E_RANGE },
	{ "sublingual infusion", PK_DOMINO, 1, { { 0.0, 10.0, 1.0, SL } }, T3,
	  KET_E_RANGE },
	{ "intranasal infusion", PK_DOMINO, 1, { { 0.0, 10.0, 5.0, IN } }, T3,
	  KET_E_RANGE },
	{ "rectal infusion", PK_DOMINO, 1, { { 0.0, 10.0, 5.0, PR } }, T3,
	  KET_E_RANGE },
	{ "oral infusion, mg 0", PK_DOMINO, 1, { { 0.0, 0.0, 60.0, PO } }, T3,
	  KET_E_RANGE },
	{ "negative duration", PK_DOMINO, 1, { { 0.0, 10.0, -1.0, IV } }, T3,
	  KET_E_RANGE },
	{ "SC infusion", PK_DOMINO, 1, { { 0.0, 10.0, 60.0, SC } }, T3,
	  KET_OK },
	{ "IV infusion", PK_DOMINO, 1, { { 0.0, 10.0, 60.0, IV } }, T3,
	  KET_OK },
	{ "mg 0", PK_DOMINO, 1, { { 0.0, 0.0, 0.0, IV } }, T3, KET_E_DOSE },
	{ "mg -0.0", PK_DOMINO, 1, { { 0.0, -0.0, 0.0, IV } }, T3,
	  KET_E_DOSE },
	{ "mg < 0", PK_DOMINO, 1, { { 0.0, -10.0, 0.0, IM } }, T3,
	  KET_E_DOSE },
	{ "IV infusion mg 0", PK_DOMINO, 1, { { 0.0, 0.0, 60.0, IV } }, T3,
	  KET_E_DOSE },
	{ "mg 0, negative start", PK_DOMINO, 1, { { -1.0, 0.0, 0.0, IV } },
	  T3, KET_E_DOSE },
	{ "negative start", PK_DOMINO, 1, { { -1.0, 10.0, 0.0, IV } }, T3,
	  KET_E_RANGE },
	{ "unsorted", PK_DOMINO, 2,
	  { { 10.0, 10.0, 0.0, IV }, { 5.0, 10.0, 0.0, IV } }, T3,
	  KET_E_RANGE },
	{ "unsorted and mg 0 in dose 1", PK_DOMINO, 2,
	  { { 10.0, 10.0, 0.0, IV }, { 5.0, 0.0, 0.0, IV } }, T3, KET_E_DOSE },
	{ "unsorted in dose 1, bad route in dose 2", PK_DOMINO, 3,
	  { { 10.0, 10.0, 0.0, IV }, { 5.0, 10.0, 0.0, IV },
	    { 20.0, 10.0, 0.0, 42 } }, T3, KET_E_RANGE },
	{ "mg 0 in dose 1, bad route in dose 2", PK_DOMINO, 3,
	  { OKD, { 5.0, 0.0, 0.0, IV }, { 20.0, 10.0, 0.0, 42 } }, T3,
	  KET_E_DOSE },
	{ "negative start in dose 0, epidural in dose 1", PK_DOMINO, 2,
	  { { -5.0, 10.0, 0.0, IV }, { 20.0, 10.0, 0.0, EPI } }, T3,
	  KET_E_RANGE },
	{ "equal starts", PK_DOMINO, 3,
	  { OKD, { 0.0, 10.0, 60.0, IV }, { 0.0, 10.0, 0.0, PO } }, T3,
	  KET_OK },
	{ "overlapping infusions", PK_DOMINO, 2,
	  { { 0.0, 10.0, 60.0, IV }, { 30.0, 10.0, 60.0, SC } }, T3, KET_OK },
	/* then the times */
	{ "negative time", PK_DOMINO, 1, { OKD }, 3, { -1.0, 10.0, 60.0 },
	  KET_E_RANGE },
	{ "decreasing times", PK_DOMINO, 1, { OKD }, 3, { 0.0, 60.0, 10.0 },
	  KET_E_RANGE },
	{ "equal times", PK_DOMINO, 1, { OKD }, 3, { 0.0, 10.0, 10.0 },
	  KET_OK },
	{ "decreasing times and mg 0", PK_DOMINO, 1, { { 0.0, 0.0, 0.0, IV } },
	  3, { 0.0, 60.0, 10.0 }, KET_E_DOSE },
	{ "negative time and an unknown route", PK_DOMINO, 1,
	  { { 0.0, 10.0, 0.0, 11 } }, 3, { -1.0, 10.0, 60.0 }, KET_E_ROUTE },
};

START_TEST(test_simulate_status)
{
	const struct sim_row *r = &sim_rows[_i];
	ket_pk_params pk = pk_variant(r->pk);
	double c[3];
	ket_status st;

	fill(c, 3, TU_UNSET);
	st = ket_pk_simulate(&pk, r->d, r->nd, r->t, r->nt, c);
	ck_assert_msg(st == r->want, "%s: %s, want %s", r->name, st_name(st),
	              st_name(r->want));
	if (st == KET_OK) {
		size_t i;

		for (i = 0; i < r->nt; i++)
			ck_assert_msg(isfinite(c[i]) && c[i] >= 0.0,
			              "%s: conc[%zu] %g", r->name, i, c[i]);
	} else {
		ck_assert_msg(all_nan(c, r->nt), "%s: outputs not NaN",
		              r->name);
	}
}
END_TEST

/* Large enough for an n above KET_MAX_ITEMS, should a library NaN-fill
 * every output it was asked for. */
static double big_a[KET_MAX_ITEMS + 1];
static double big_b[KET_MAX_ITEMS + 1];

START_TEST(test_simulate_null_and_lengths)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose d = OKD;
	double t[2] = { 0.0, 10.0 }, c[2];

	fill(c, 2, TU_UNSET);
	ck_assert(ket_pk_simulate(NULL, &d, 1, t, 2, c) == KET_E_NULL);
	ck_assert(all_nan(c, 2));
	fill(c, 2, TU_UNSET);
	ck_assert(ket_pk_simulate(&pk, NULL, 1, t, 2, c) == KET_E_NULL);
	ck_assert(all_nan(c, 2));
	ck_assert(ket_pk_simulate(&pk, &d, 1, NULL, 2, c) == KET_E_NULL);
	ck_assert(ket_pk_simulate(&pk, &d, 1, t, 2, NULL) == KET_E_NULL);
	ck_assert(ket_pk_simulate(NULL, NULL, 0, NULL, 0, NULL) == KET_E_NULL);
	/* NULL before lengths, lengths before non-finite values */
	ck_assert(ket_pk_simulate(NULL, &d, (size_t)KET_MAX_ITEMS + 1, t, 2,
	                          c) == KET_E_NULL);
	pk.v1_l = D_NAN;
	fill(c, 2, TU_UNSET);
	ck_assert(ket_pk_simulate(&pk, &d, (size_t)KET_MAX_ITEMS + 1, t, 2,
	                          c) == KET_E_RANGE);
	ck_assert(all_nan(c, 2));
	pk = domino(70.0);
	ck_assert(ket_pk_simulate(&pk, &d, 1, t, (size_t)KET_MAX_ITEMS + 1,
	                          big_a) == KET_E_RANGE);
}
END_TEST

/* Superposition and absorbed routes, checked from first principles:
 * the sum of two single-dose curves is the two-dose curve, and an
 * absorbed dose's AUC to infinity is F x D / CL (F from CLINICAL.md). */
START_TEST(test_simulate_superposition)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose a = { 0.0, 20.0, 30.0, IV };
	ket_pk_dose b = { 15.0, 50.0, 0.0, PO };
	ket_pk_dose ab[2];
	double t[4] = { 0.0, 15.0, 40.0, 300.0 };
	double ca[4], cb[4], cab[4];
	size_t i;

	ab[0] = a;
	ab[1] = b;
	ck_assert(ket_pk_simulate(&pk, &a, 1, t, 4, ca) == KET_OK);
	ck_assert(ket_pk_simulate(&pk, &b, 1, t, 4, cb) == KET_OK);
	ck_assert(ket_pk_simulate(&pk, ab, 2, t, 4, cab) == KET_OK);
	for (i = 0; i < 4; i++)
		ck_assert_msg(tu_close(cab[i], ca[i] + cb[i], 1e-12, 1e-12),
		              "t %g: %.17g vs %.17g", t[i], cab[i],
		              ca[i] + cb[i]);
}
END_TEST

struct f_row {
	int32_t route; /* ket_route */
	double f;
};

/* CLINICAL.md: ketamine-alone point estimates. */
static const struct f_row f_rows[] = {
	{ IV, 1.0 }, { IM, 0.93 }, { SC, 0.90 }, { PO, 0.23 },
	{ SL, 0.32 }, { IN, 0.45 }, { PR, 0.25 },
};

/* AUC(0, 6000 min) by the trapezoid (0.01 min steps for the first 10
 * min, then 1 min) approaches F D / CL whatever the absorption rate: a
 * check of the bioavailability each route uses (1 % covers the
 * trapezoid's error and the tail). */
START_TEST(test_simulate_bioavailability)
{
	ket_pk_params pk = domino(70.0);
	ket_pk_dose d = { 0.0, 10.0, 0.0, f_rows[_i].route };
	ket_pk_summary s;
	double want;
	size_t i, n = 0;

	for (i = 0; i < 1000; i++)
		big_a[n++] = (double)i * 0.01;
	for (i = 10; i <= 6000; i++)
		big_a[n++] = (double)i;
	ck_assert(ket_pk_simulate(&pk, &d, 1, big_a, n, big_b) == KET_OK);
	ck_assert(ket_pk_summarize(big_a, big_b, n, 0.0, &s) == KET_OK);
	want = f_rows[_i].f * 10.0 / pk.cl_l_per_min * 1000.0;
	ck_assert_msg(tu_close(s.auc_ng_min_per_ml, want, 0.01, 0.0),
	              "route %d: AUC %.6g, want %.6g", (int)f_rows[_i].route,
	              s.auc_ng_min_per_ml, want);
}
END_TEST

/* ======================================================= ket_pk_summarize */

struct sum_row {
	const char *name;
	size_t n;
	double t[5], c[5];
	double threshold;
	double peak, peak_t, auc, above;
};

static const struct sum_row sum_rows[] = {
	/* trapezoids 5 + 10 + 5; crossings at 0.5 and 2.5 */
	{ "plateau", 4, { 0, 1, 2, 3 }, { 0, 10, 10, 0 }, 5.0,
	  10.0, 1.0, 20.0, 2.0 },
	{ "threshold 0: the whole span", 4, { 0, 1, 2, 3 }, { 0, 10, 10, 0 },
	  0.0, 10.0, 1.0, 20.0, 3.0 },
	{ "threshold at the peak: at or above", 4, { 0, 1, 2, 3 },
	  { 0, 10, 10, 0 }, 10.0, 10.0, 1.0, 20.0, 1.0 },
	{ "threshold above the peak", 4, { 0, 1, 2, 3 }, { 0, 10, 10, 0 },
	  10.5, 10.0, 1.0, 20.0, 0.0 },
	{ "one sample", 1, { 5 }, { 7 }, 1.0, 7.0, 5.0, 0.0, 0.0 },
	{ "one sample below", 1, { 5 }, { 7 }, 8.0, 7.0, 5.0, 0.0, 0.0 },
	/* 12 + 0 + 8; rising 4 -> 8 over 0..2 crosses 6 at 1 */
	{ "uneven, repeated time", 4, { 0, 2, 2, 6 }, { 4, 8, 2, 2 }, 6.0,
	  8.0, 2.0, 20.0, 1.0 },
	/* falling 10 -> 2 over 0..4 crosses 4 at 3 */
	{ "falling", 2, { 0, 4 }, { 10, 2 }, 4.0, 10.0, 0.0, 24.0, 3.0 },
	/* tied peaks at 2 and 8: the earliest; 6 + 10.5 + 10.5 + 6;
	   crossings of 3 at 1, 4, 6 and 9: above 3 + 3 */
	{ "two tied peaks", 5, { 0, 2, 5, 8, 10 }, { 1, 5, 2, 5, 1 }, 3.0,
	  5.0, 2.0, 33.0, 6.0 },
	{ "all zero", 3, { 0, 1, 2 }, { 0, 0, 0 }, 0.0, 0.0, 0.0, 0.0, 2.0 },
	{ "all zero, threshold 1", 3, { 0, 1, 2 }, { 0, 0, 0 }, 1.0, 0.0, 0.0,
	  0.0, 0.0 },
	{ "later start", 3, { 10, 20, 40 }, { 6, 6, 6 }, 6.0, 6.0, 10.0,
	  180.0, 30.0 },
};

START_TEST(test_summarize_table)
{
	const struct sum_row *r = &sum_rows[_i];
	ket_pk_summary s;
	ket_status st;

	s.peak_ng_per_ml = s.peak_time_min = TU_UNSET;
	s.auc_ng_min_per_ml = s.time_above_min = TU_UNSET;
	st = ket_pk_summarize(r->t, r->c, r->n, r->threshold, &s);
	ck_assert_msg(st == KET_OK, "%s: %s", r->name, st_name(st));
	ck_assert_msg(tu_close(s.peak_ng_per_ml, r->peak, 1e-12, 1e-12),
	              "%s: peak %.17g", r->name, s.peak_ng_per_ml);
	ck_assert_msg(tu_close(s.peak_time_min, r->peak_t, 1e-12, 1e-12),
	              "%s: peak time %.17g", r->name, s.peak_time_min);
	ck_assert_msg(tu_close(s.auc_ng_min_per_ml, r->auc, 1e-12, 1e-12),
	              "%s: AUC %.17g", r->name, s.auc_ng_min_per_ml);
	ck_assert_msg(tu_close(s.time_above_min, r->above, 1e-12, 1e-12),
	              "%s: time above %.17g", r->name, s.time_above_min);
}
END_TEST

struct sst_row {
	const char *name;
	int null_t, null_c, null_out;
	size_t n;
	double t[3], c[3];
	double threshold;
	ket_status want;
};

static const struct sst_row sst_rows[] = {
	{ "NULL times", 1, 0, 0, 3, { 0, 1, 2 }, { 1, 2, 1 }, 1.0, KET_E_NULL },
	{ "NULL conc", 0, 1, 0, 3, { 0, 1, 2 }, { 1, 2, 1 }, 1.0, KET_E_NULL },
	{ "NULL out", 0, 0, 1, 3, { 0, 1, 2 }, { 1, 2, 1 }, 1.0, KET_E_NULL },
	{ "NULL times, n 0", 1, 0, 0, 0, { 0 }, { 0 }, 1.0, KET_E_NULL },
	{ "n 0", 0, 0, 0, 0, { 0, 1, 2 }, { 1, 2, 1 }, 1.0, KET_E_RANGE },
	{ "n 0, NaN threshold", 0, 0, 0, 0, { 0 }, { 0 }, D_NAN, KET_E_RANGE },
	{ "NaN time", 0, 0, 0, 3, { 0, D_NAN, 2 }, { 1, 2, 1 }, 1.0,
	  KET_E_NOT_FINITE },
	{ "Inf time", 0, 0, 0, 3, { 0, 1, D_INF }, { 1, 2, 1 }, 1.0,
	  KET_E_NOT_FINITE },
	{ "NaN conc", 0, 0, 0, 3, { 0, 1, 2 }, { 1, D_NAN, 1 }, 1.0,
	  KET_E_NOT_FINITE },
	{ "Inf conc", 0, 0, 0, 3, { 0, 1, 2 }, { D_INF, 2, 1 }, 1.0,
	  KET_E_NOT_FINITE },
	{ "NaN threshold", 0, 0, 0, 3, { 0, 1, 2 }, { 1, 2, 1 }, D_NAN,
	  KET_E_NOT_FINITE },
	{ "Inf threshold", 0, 0, 0, 3, { 0, 1, 2 }, { 1, 2, 1 }, D_INF,
	  KET_E_NOT_FINITE },
	{ "NaN threshold, decreasing times", 0, 0, 0, 3, { 2, 1, 0 },
	  { 1, 2, 1 }, D_NAN, KET_E_NOT_FINITE },
	{ "NaN conc, negative threshold", 0, 0, 0, 3, { 0, 1, 2 },
	  { 1, 2, D_NAN }, -1.0, KET_E_NOT_FINITE },
	{ "decreasing times", 0, 0, 0, 3, { 0, 2, 1 }, { 1, 2, 1 }, 1.0,
	  KET_E_RANGE },
	{ "negative conc", 0, 0, 0, 3, { 0, 1, 2 }, { 1, -2, 1 }, 1.0,
	  KET_E_RANGE },
	{ "negative threshold", 0, 0, 0, 3, { 0, 1, 2 }, { 1, 2, 1 }, -1.0,
	  KET_E_RANGE },
	{ "-0.0 threshold and conc", 0, 0, 0, 3, { 0, 1, 2 }, { -0.0, 2, 1 },
	  -0.0, KET_OK },
};

START_TEST(test_summarize_status)
{
	const struct sst_row *r = &sst_rows[_i];
	ket_pk_summary s;
	ket_status st;

	s.peak_ng_per_ml = s.peak_time_min = TU_UNSET;
	s.auc_ng_min_per_ml = s.time_above_min = TU_UNSET;
	st = ket_pk_summarize(r->null_t ? NULL : r->t, r->null_c ? NULL : r->c,
	                      r->n, r->threshold, r->null_out ? NULL : &s);
	ck_assert_msg(st == r->want, "%s: %s, want %s", r->name, st_name(st),
	              st_name(r->want));
	if (r->null_out)
		return;
	if (st == KET_OK)
		ck_assert(isfinite(s.peak_ng_per_ml) &&
		          isfinite(s.auc_ng_min_per_ml));
	else
		ck_assert_msg(isnan(s.peak_ng_per_ml) &&
		                  isnan(s.peak_time_min) &&
		                  isnan(s.auc_ng_min_per_ml) &&
		                  isnan(s.time_above_min),
		              "%s: outputs not NaN", r->name);
}
END_TEST

START_TEST(test_summarize_too_long)
{
	double t[1] = { 0.0 }, c[1] = { 1.0 };
	ket_pk_summary s;

	s.peak_ng_per_ml = TU_UNSET;
	ck_assert(ket_pk_summarize(t, c, (size_t)KET_MAX_ITEMS + 1, 0.0, &s) ==
	          KET_E_RANGE);
	ck_assert(isnan(s.peak_ng_per_ml));
}
END_TEST

/* =========================================================== ket_tci_plan */

#define TCI_MAX_STEPS 1080
static double tci_targets[TCI_MAX_STEPS];
static double tci_rates[TCI_MAX_STEPS];
static double tci_conc[TCI_MAX_STEPS];
static ket_pk_dose tci_doses[TCI_MAX_STEPS];
static double tci_times[TCI_MAX_STEPS];
static double tci_replay[TCI_MAX_STEPS];

/* Replays the plan through ket_pk_simulate: step i is an IV infusion of
 * rate x step / 3600 mg over [i step, (i + 1) step); the end-of-step
 * concentrations must match the plan's within 1e-9 relative. */
static void tci_check_replay(const ket_pk_params *pk, size_t n,
                             double step_s)
{
	double step_min = step_s / 60.0;
	size_t i, nd = 0;
	ket_status st;

	for (i = 0; i < n; i++) {
		tci_times[i] = (double)(i + 1) * step_min;
		if (tci_rates[i] > 0.0) {
			tci_doses[nd].start_min = (double)i * step_min;
			tci_doses[nd].mg = tci_rates[i] * step_s / 3600.0;
			tci_doses[nd].duration_min = step_min;
			tci_doses[nd].route = KET_ROUTE_IV;
			nd++;
		}
	}
	st = ket_pk_simulate(pk, tci_doses, nd, tci_times, n, tci_replay);
	ck_assert_msg(st == KET_OK, "replay: %s", st_name(st));
	for (i = 0; i < n; i++)
		ck_assert_msg(tu_close(tci_replay[i], tci_conc[i], 1e-9, 1e-9),
		              "step %zu: replay %.17g, plan %.17g", i,
		              tci_replay[i], tci_conc[i]);
}

static void tci_check_bounds(size_t n, double max_rate)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ck_assert_msg(isfinite(tci_rates[i]) && tci_rates[i] >= 0.0,
		              "step %zu: rate %g", i, tci_rates[i]);
		ck_assert_msg(tu_not_above(tci_rates[i], max_rate, 0.0),
		              "step %zu: rate %.17g above %g", i, tci_rates[i],
		              max_rate);
		ck_assert_msg(isfinite(tci_conc[i]) && tci_conc[i] >= 0.0,
		              "step %zu: conc %g", i, tci_conc[i]);
	}
}

/* Domino 70 kg, 100 ng/mL for 2 h at 10 s steps, at most 1000 mg/h. */
START_TEST(test_tci_constant_target)
{
	ket_pk_params pk = domino(70.0);
	size_t i, n = 720, reached = n;
	double max_rate = 1000.0;

	fill(tci_targets, n, 100.0);
	ck_assert(ket_tci_plan(&pk, tci_targets, n, 10.0, max_rate, tci_rates,
	                       tci_conc) == KET_OK);
	tci_check_bounds(n, max_rate);
	for (i = 0; i < n; i++) {
		int at_bound = !(tci_rates[i] > 0.0) ||
		               !(tci_rates[i] < max_rate * (1.0 - 1e-12));

		ck_assert_msg(tu_not_above(tci_conc[i], 100.0, 0.01),
		              "step %zu: %.17g ng/mL above the target", i,
		              tci_conc[i]);
		if (reached == n && tci_conc[i] >= 99.0)
			reached = i;
		if (reached < n && !at_bound)
			ck_assert_msg(tu_close(tci_conc[i], 100.0, 0.01, 0.0),
			              "step %zu: %.17g ng/mL", i, tci_conc[i]);
	}
	ck_assert_msg(reached < 6, "target reached only at step %zu", reached);
	/* An unclamped step lands on the target itself. */
	ck_assert(tu_close(tci_conc[n - 1], 100.0, 1e-9, 0.0));
	ck_assert(tci_rates[n - 1] > 0.0);
	tci_check_replay(&pk, n, 10.0);
}
END_TEST

/* 150 ng/mL for 30 min, then 50 for 60 min (Kamp 70 kg, 10 s steps):
 * after the step down the rate is 0 while the concentration falls. */
START_TEST(test_tci_step_down)
{
	ket_pk_params pk = kamp(70.0);
	size_t i, n = 540, down = 180, resumed = 0;
	double max_rate = 1000.0;

	fill(tci_targets, down, 150.0);
	fill(tci_targets + down, n - down, 50.0);
	ck_assert(ket_tci_plan(&pk, tci_targets, n, 10.0, max_rate, tci_rates,
	                       tci_conc) == KET_OK);
	tci_check_bounds(n, max_rate);
	ck_assert(tu_close(tci_conc[down - 1], 150.0, 0.01, 0.0));
	ck_assert_msg(tu_close(tci_rates[down], 0.0, 0.0, 0.0),
	              "rate %.17g just after the step down", tci_rates[down]);
	for (i = down; i < n; i++) {
		if (tci_rates[i] > 0.0) {
			resumed = i;
			break;
		}
		ck_assert_msg(tci_conc[i] < tci_conc[i - 1],
		              "step %zu: rate 0 but %.17g >= %.17g", i,
		              tci_conc[i], tci_conc[i - 1]);
		ck_assert(tci_conc[i] > 50.0 * (1.0 - 1e-9));
	}
	ck_assert_msg(resumed > down, "the rate never resumed");
	for (i = resumed; i < n; i++)
		ck_assert_msg(tu_close(tci_conc[i], 50.0, 0.01, 0.0),
		              "step %zu: %.17g", i, tci_conc[i]);
	tci_check_replay(&pk, n, 10.0);
}
END_TEST

/* A maximum rate too low to reach the target: every rate at the max. */
START_TEST(test_tci_rate_bound)
{
	ket_pk_params pk = domino(70.0);
	size_t i, n = 60;

	fill(tci_targets, n, 200.0);
	ck_assert(ket_tci_plan(&pk, tci_targets, n, 60.0, 10.0, tci_rates,
	                       tci_conc) == KET_OK);
	for (i = 0; i < n; i++) {
		ck_assert(tu_close(tci_rates[i], 10.0, 1e-12, 0.0));
		ck_assert(tci_conc[i] < 200.0);
	}
	tci_check_replay(&pk, n, 60.0);
	/* target 0: nothing given */
	fill(tci_targets, n, 0.0);
	ck_assert(ket_tci_plan(&pk, tci_targets, n, 60.0, 10.0, tci_rates,
	                       tci_conc) == KET_OK);
	for (i = 0; i < n; i++) {
		ck_assert(tu_close(tci_rates[i], 0.0, 0.0, 0.0));
		ck_assert(tu_close(tci_conc[i], 0.0, 0.0, 0.0));
	}
}
END_TEST

/* Extreme but valid arguments: step 1 s and 3600 s, target 500. */
START_TEST(test_tci_bounds_accepted)
{
	ket_pk_params pk = clements(70.0);
	double tg[3] = { 500.0, 500.0, 0.0 }, r[3], c[3];

	ck_assert(ket_tci_plan(&pk, tg, 3, 1.0, 1e6, r, c) == KET_OK);
	ck_assert(tu_close(c[0], 500.0, 1e-9, 0.0));
	ck_assert(tu_close(c[1], 500.0, 1e-9, 0.0));
	ck_assert(tu_close(r[2], 0.0, 0.0, 0.0));
	ck_assert(ket_tci_plan(&pk, tg, 3, 3600.0, 1e6, r, c) == KET_OK);
	ck_assert(tu_close(c[0], 500.0, 1e-9, 0.0));
	ck_assert(ket_tci_plan(&pk, tg, 1, 3600.0, 1e-9, r, c) == KET_OK);
	ck_assert(tu_close(r[0], 1e-9, 1e-12, 0.0));
}
END_TEST

struct tst_row {
	const char *name;
	enum pkv pk;
	double targets[3];
	size_t n;
	double step_s, max_rate;
	ket_status want;
};

static const struct tst_row tst_rows[] = {
	{ "fine", PK_DOMINO, { 100, 100, 50 }, 3, 10.0, 100.0, KET_OK },
	{ "n 0", PK_DOMINO, { 100, 100, 50 }, 0, 10.0, 100.0, KET_E_RANGE },
	{ "n 0, NaN step", PK_DOMINO, { 100, 100, 50 }, 0, D_NAN, 100.0,
	  KET_E_RANGE },
	{ "v1 NaN", PK_V1_NAN, { 100, 100, 50 }, 3, 10.0, 100.0,
	  KET_E_NOT_FINITE },
	{ "k31 Inf", PK_K31_INF, { 100, 100, 50 }, 3, 10.0, 100.0,
	  KET_E_NOT_FINITE },
	{ "target NaN", PK_DOMINO, { 100, D_NAN, 50 }, 3, 10.0, 100.0,
	  KET_E_NOT_FINITE },
	{ "target Inf", PK_DOMINO, { 100, 100, D_INF }, 3, 10.0, 100.0,
	  KET_E_NOT_FINITE },
	{ "step NaN", PK_DOMINO, { 100, 100, 50 }, 3, D_NAN, 100.0,
	  KET_E_NOT_FINITE },
	{ "step Inf", PK_DOMINO, { 100, 100, 50 }, 3, D_INF, 100.0,
	  KET_E_NOT_FINITE },
	{ "max rate NaN", PK_DOMINO, { 100, 100, 50 }, 3, 10.0, D_NAN,
	  KET_E_NOT_FINITE },
	{ "max rate Inf (no 'none')", PK_DOMINO, { 100, 100, 50 }, 3, 10.0,
	  D_INF, KET_E_NOT_FINITE },
	{ "v1 0 and max rate NaN", PK_V1_ZERO, { 100, 100, 50 }, 3, 10.0,
	  D_NAN, KET_E_NOT_FINITE },
	{ "target -1 and step NaN", PK_DOMINO, { -1, 100, 50 }, 3, D_NAN,
	  100.0, KET_E_NOT_FINITE },
	{ "v1 0", PK_V1_ZERO, { 100, 100, 50 }, 3, 10.0, 100.0, KET_E_RANGE },
	{ "k21 0", PK_K21_ZERO, { 100, 100, 50 }, 3, 10.0, 100.0,
	  KET_E_RANGE },
	{ "4 compartments", PK_COMP_4, { 100, 100, 50 }, 3, 10.0, 100.0,
	  KET_E_RANGE },
	{ "target -1", PK_DOMINO, { 100, -1, 50 }, 3, 10.0, 100.0,
	  KET_E_RANGE },
	{ "target 500.1", PK_DOMINO, { 100, 100, 500.1 }, 3, 10.0, 100.0,
	  KET_E_RANGE },
	{ "target 500 and 0", PK_DOMINO, { 500, 0, -0.0 }, 3, 10.0, 100.0,
	  KET_OK },
	{ "step 0.99", PK_DOMINO, { 100, 100, 50 }, 3, 0.99, 100.0,
	  KET_E_RANGE },
	{ "step 0", PK_DOMINO, { 100, 100, 50 }, 3, 0.0, 100.0, KET_E_RANGE },
	{ "step 3601", PK_DOMINO, { 100, 100, 50 }, 3, 3601.0, 100.0,
	  KET_E_RANGE },
	{ "step 1", PK_DOMINO, { 100, 100, 50 }, 3, 1.0, 100.0, KET_OK },
	{ "step 3600", PK_DOMINO, { 100, 100, 50 }, 3, 3600.0, 100.0, KET_OK },
	{ "max rate 0", PK_DOMINO, { 100, 100, 50 }, 3, 10.0, 0.0,
	  KET_E_RANGE },
	{ "max rate -0.0", PK_DOMINO, { 100, 100, 50 }, 3, 10.0, -0.0,
	  KET_E_RANGE },
	{ "max rate -5", PK_DOMINO, { 100, 100, 50 }, 3, 10.0, -5.0,
	  KET_E_RANGE },
	{ "two compartments", PK_CLEMENTS, { 100, 100, 50 }, 3, 10.0, 100.0,
	  KET_OK },
};

START_TEST(test_tci_status)
{
	const struct tst_row *r = &tst_rows[_i];
	ket_pk_params pk = pk_variant(r->pk);
	double rates[3], conc[3];
	ket_status st;

	fill(rates, 3, TU_UNSET);
	fill(conc, 3, TU_UNSET);
	st = ket_tci_plan(&pk, r->targets, r->n, r->step_s, r->max_rate, rates,
	                  conc);
	ck_assert_msg(st == r->want, "%s: %s, want %s", r->name, st_name(st),
	              st_name(r->want));
	if (st == KET_OK) {
		size_t i;

		for (i = 0; i < r->n; i++)
			ck_assert_msg(isfinite(rates[i]) && isfinite(conc[i]),
			              "%s: step %zu", r->name, i);
	} else {
		ck_assert_msg(all_nan(rates, r->n) && all_nan(conc, r->n),
		              "%s: outputs not NaN", r->name);
	}
}
END_TEST

START_TEST(test_tci_null_and_lengths)
{
	ket_pk_params pk = domino(70.0);
	double tg[2] = { 100.0, 100.0 }, r[2], c[2];

	fill(r, 2, TU_UNSET);
	fill(c, 2, TU_UNSET);
	ck_assert(ket_tci_plan(NULL, tg, 2, 10.0, 100.0, r, c) == KET_E_NULL);
	ck_assert(all_nan(r, 2) && all_nan(c, 2));
	fill(r, 2, TU_UNSET);
	fill(c, 2, TU_UNSET);
	ck_assert(ket_tci_plan(&pk, NULL, 2, 10.0, 100.0, r, c) == KET_E_NULL);
	ck_assert(all_nan(r, 2) && all_nan(c, 2));
	fill(c, 2, TU_UNSET);
	ck_assert(ket_tci_plan(&pk, tg, 2, 10.0, 100.0, NULL, c) ==
	          KET_E_NULL);
	ck_assert(all_nan(c, 2));
	fill(r, 2, TU_UNSET);
	ck_assert(ket_tci_plan(&pk, tg, 2, 10.0, 100.0, r, NULL) ==
	          KET_E_NULL);
	ck_assert(all_nan(r, 2));
	/* NULL before the length, the length before non-finite values */
	ck_assert(ket_tci_plan(&pk, tg, 0, 10.0, 100.0, NULL, c) ==
	          KET_E_NULL);
	pk.v1_l = D_NAN;
	ck_assert(ket_tci_plan(&pk, tg, (size_t)KET_MAX_ITEMS + 1, 10.0,
	                       100.0, big_a, big_b) == KET_E_RANGE);
}
END_TEST

/* ================================================================= suite */

/* Review findings (second review). */
static ket_pk_params review_domino_70(void)
{
	ket_patient pt = { 70.0, 0.0, -1.0, KET_SEX_UNSPECIFIED };
	ket_pk_params p;

	ck_assert_int_eq(ket_pk_params_for(KET_PK_DOMINO_1984, &pt, &p),
	                 KET_OK);
	return p;
}

static double review_one(const ket_pk_params *p, const ket_pk_dose *d,
                         double t)
{
	double c = 0.0;

	ck_assert_int_eq(ket_pk_simulate(p, d, 1, &t, 1, &c), KET_OK);
	return c;
}

/* An infusion too short to move start + duration off start in doubles
 * was lost (0 ng/mL); it is given at once, like a bolus. */
START_TEST(test_review_tiny_infusion_not_lost)
{
	ket_pk_params p = review_domino_70();
	ket_pk_dose inf = { 1000.0, 100.0, 1e-14, KET_ROUTE_IV };
	ket_pk_dose bol = { 1000.0, 100.0, 0.0, KET_ROUTE_IV };
	double got = review_one(&p, &inf, 1001.0);
	double want = review_one(&p, &bol, 1001.0);

	ck_assert(fabs(got - want) <= 1e-9 * want);
	inf.duration_min = 6e-14; /* moves end by 1 ulp of 1000 */
	got = review_one(&p, &inf, 1001.0);
	ck_assert(fabs(got - want) <= 1e-6 * want);
}
END_TEST

/* Samples far from 0 were read off a propagator for a different
 * interval (1e-8 relative at 1e6 min): each sample must match a run that
 * computes it alone. */
START_TEST(test_review_late_samples)
{
	ket_pk_params p = review_domino_70();
	ket_pk_dose d = { 1e6, 100.0, 0.0, KET_ROUTE_IV };
	double t[3] = { 1e6, 1e6 + 1.0, 1e6 + 2.0000000142 };
	double c[3];
	int i;

	ck_assert_int_eq(ket_pk_simulate(&p, &d, 1, t, 3, c), KET_OK);
	for (i = 0; i < 3; i++) {
		double alone = review_one(&p, &d, t[i]);

		ck_assert_msg(fabs(c[i] - alone) <= 1e-9 * alone + 1e-9,
		              "sample %d: %.17g vs %.17g", i, c[i], alone);
	}
}
END_TEST

/* Absurd but valid input must not give NaN or infinity with KET_OK. */
START_TEST(test_review_absurd_inputs)
{
	ket_pk_params p = review_domino_70();
	ket_pk_dose huge = { 0.0, 1e308, 0.0, KET_ROUTE_IV };
	ket_pk_dose d = { 0.0, 10.0, 0.0, KET_ROUTE_IV };
	double t = 1.0, c = 0.0, far = 1e300;
	double ts[2] = { 0.0, 1.0 }, cs[2] = { 1e308, 1e308 };
	ket_pk_summary sm;

	ck_assert_int_eq(ket_pk_simulate(&p, &huge, 1, &t, 1, &c),
	                 KET_E_RANGE);
	ck_assert(isnan(c));
	/* Long after a dose everything is eliminated: 0, not NaN. */
	ck_assert_int_eq(ket_pk_simulate(&p, &d, 1, &far, 1, &c), KET_OK);
	ck_assert(c >= 0.0 && c <= 1e-300);
	ck_assert_int_eq(ket_pk_summarize(ts, cs, 2, 70.0, &sm), KET_E_RANGE);
	ck_assert(isnan(sm.auc_ng_min_per_ml));
}
END_TEST

/* ============================================================= coverage */

/*
 * A closed-form reference for the simulation (make coverage: the state
 * sizes and sampling paths the scipy scenarios do not reach).  For a
 * mammillary model the Laplace transform of the central amount after a
 * unit dose into the central compartment is N(s) / prod_i (s + l_i), with
 * N(s) = (s + k21)(s + k31) (three compartments; (s + k21) for two) and
 * l_i the disposition rates; a dose absorbed first-order from a depot
 * (rate ka) multiplies it by ka / (s + ka).  With distinct poles p the
 * inverse transform is sum_p N(-p) e^(-p t) / prod_(q != p) (q - p).
 * Bioavailabilities and absorption rates: CLINICAL.md (ketamine alone).
 */
struct cov_route {
	int32_t route;
	double f, ka_per_min; /* ka 0: into the central compartment */
};

static const struct cov_route cov_routes[] = {
	{ KET_ROUTE_IV, 1.0, 0.0 },
	{ KET_ROUTE_IM, 0.93, 0.01148 },
	{ KET_ROUTE_SC, 0.90, 0.007976 },
	{ KET_ROUTE_SUBLINGUAL, 0.32, 0.003369 },
	{ KET_ROUTE_RECTAL, 0.25, 0.006819 },
};

static const struct cov_route *cov_route_of(int32_t route)
{
	int i;

	for (i = 0; i < TU_ROWS(cov_routes); i++)
		if (cov_routes[i].route == route)
			return &cov_routes[i];
	ck_abort_msg("route %d not in the test's table", (int)route);
	return NULL;
}

/* The disposition rates: the roots of the characteristic polynomial, in
 * closed form for two compartments, by Viete's trigonometric formula
 * (three real roots) polished by Newton for three. */
static int cov_rates(const ket_pk_params *p, double *l)
{
	double k10 = p->k10_per_min, k12 = p->k12_per_min;
	double k21 = p->k21_per_min, k13 = p->k13_per_min;
	double k31 = p->k31_per_min;
	double a2, a1, a0, pp, qq, r, phi;
	int k, i;

	if (p->compartments == 2) {
		double s = k10 + k12 + k21;
		double d = sqrt(s * s - 4.0 * k10 * k21);

		l[0] = (s + d) / 2.0;
		l[1] = k10 * k21 / l[0]; /* the product of the roots */
		return 2;
	}
	a2 = k10 + k12 + k13 + k21 + k31;
	a1 = k10 * k21 + k10 * k31 + k12 * k31 + k13 * k21 + k21 * k31;
	a0 = k10 * k21 * k31;
	/* x = y + a2 / 3 turns x^3 - a2 x^2 + a1 x - a0 into y^3 + pp y + qq */
	pp = a1 - a2 * a2 / 3.0;
	qq = -2.0 * a2 * a2 * a2 / 27.0 + a2 * a1 / 3.0 - a0;
	r = 2.0 * sqrt(-pp / 3.0);
	phi = acos(3.0 * qq / (pp * r));
	for (k = 0; k < 3; k++) {
		double x = r * cos((phi - 2.0 * acos(-1.0) * k) / 3.0) +
		           a2 / 3.0;

		for (i = 0; i < 3; i++) {
			double f = ((x - a2) * x + a1) * x - a0;
			double df = (3.0 * x - 2.0 * a2) * x + a1;

			x -= f / df;
		}
		l[k] = x;
	}
	return 3;
}

/* Central amount (mg) at t after 1 mg entered (ka 0) the central
 * compartment or (ka > 0) a depot. */
static double cov_unit_central(const ket_pk_params *p, double ka, double t)
{
	double poles[4], zeros[2], sum = 0.0;
	int np = cov_rates(p, poles), nz = 0, i, j;

	zeros[nz++] = p->k21_per_min;
	if (p->compartments == 3)
		zeros[nz++] = p->k31_per_min;
	if (ka > 0.0)
		poles[np++] = ka;
	for (i = 0; i < np; i++) {
		double num = 1.0, den = 1.0;

		for (j = 0; j < nz; j++)
			num *= zeros[j] - poles[i];
		for (j = 0; j < np; j++)
			if (j != i)
				den *= poles[j] - poles[i];
		sum += num / den * exp(-poles[i] * t);
	}
	return ka > 0.0 ? ka * sum : sum;
}

/* ng/mL at t: the doses given by t, superposed. */
static double cov_conc(const ket_pk_params *p, const ket_pk_dose *d,
                       size_t n, double t)
{
	double mg = 0.0;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct cov_route *r = cov_route_of(d[i].route);

		if (!(d[i].start_min > t))
			mg += r->f * d[i].mg *
			      cov_unit_central(p, r->ka_per_min,
			                       t - d[i].start_min);
	}
	return mg / p->v1_l * 1000.0;
}

static void cov_expect_reference(const char *name, const ket_pk_params *p,
                                 const ket_pk_dose *d, size_t nd,
                                 const double *t, size_t nt)
{
	double c[40];
	size_t i;

	ck_assert_uint_le(nt, 40);
	fill(c, nt, TU_UNSET);
	ck_assert_int_eq(ket_pk_simulate(p, d, nd, t, nt, c), KET_OK);
	for (i = 0; i < nt; i++) {
		double want = cov_conc(p, d, nd, t[i]);

		ck_assert_msg(fabs(c[i] - want) <= SIM_REL * fabs(want) + SIM_ABS,
		              "%s: t %g: %.17g ng/mL, want %.17g", name, t[i],
		              c[i], want);
	}
}

/* Samples every 5 min with doses on the grid, one off-grid sample
 * (61.3), then a regular run to the end (120): runs of samples stop at a
 * dose, at an interval that changes, and at the last sample. */
static size_t cov_times(double *t)
{
	size_t n = 0;
	int k;

	for (k = 0; k <= 12; k++)
		t[n++] = 5.0 * k;
	t[n++] = 61.3;
	for (k = 13; k <= 24; k++)
		t[n++] = 5.0 * k;
	return n;
}

/* One closed-form check per state size: 2 compartments + 3 depots (5), 3
 * + 3 (6) and 3 + 4 (7): IM, SC, sublingual and rectal absorb at four
 * different rates (CLINICAL.md). */
START_TEST(test_cov_simulate_depots)
{
	const ket_pk_dose d[4] = { { 0.0, 50.0, 0.0, IM },
	                           { 10.0, 30.0, 0.0, SC },
	                           { 20.0, 40.0, 0.0, SL },
	                           { 30.0, 60.0, 0.0, PR } };
	ket_pk_params two = clements(70.0), three = domino(70.0);
	double t[32];
	size_t nt = cov_times(t);

	cov_expect_reference("5 states", &two, d, 3, t, nt);
	cov_expect_reference("6 states", &three, d, 3, t, nt);
	cov_expect_reference("7 states", &three, d, 4, t, nt);
}
END_TEST

/* Two compartments, IV only (2 states): a run of 1-min samples reaches a
 * second bolus at 10 min. */
START_TEST(test_cov_simulate_grid_meets_dose)
{
	const ket_pk_dose d[2] = { { 0.0, 25.0, 0.0, IV },
	                           { 10.0, 25.0, 0.0, IV } };
	ket_pk_params p = clements(70.0);
	double t[21];
	size_t i;

	for (i = 0; i < 21; i++)
		t[i] = (double)i;
	cov_expect_reference("2 states", &p, d, 2, t, 21);
	/* and the reference's own anchor: D / V1 at 0 */
	ck_assert(tu_close(cov_conc(&p, d, 2, 0.0), 25.0 / (1.7522 * 70.0) *
	                   1000.0, 1e-12, 0.0));
}
END_TEST

/* Valid but absurd micro-constants: k10 + k12 = 2e308 overflows, so the
 * plan and the simulation cannot be computed (header: KET_E_RANGE, every
 * output NaN).  The volumes and clearances are set by hand, finite: the
 * simulation uses V1 and the micro-constants only. */
START_TEST(test_cov_absurd_rate_constants)
{
	ket_pk_params p = clements(70.0);
	ket_pk_dose d = { 0.0, 10.0, 0.0, IV };
	double targets[2] = { 10.0, 10.0 }, rates[2], conc[2];
	double t[2] = { 0.0, 1.0 }, c[2];

	p.k10_per_min = 1e308;
	p.k12_per_min = 1e308;
	fill(rates, 2, TU_UNSET);
	fill(conc, 2, TU_UNSET);
	ck_assert_int_eq(ket_tci_plan(&p, targets, 2, 10.0, 100.0, rates,
	                              conc), KET_E_RANGE);
	ck_assert(all_nan(rates, 2));
	ck_assert(all_nan(conc, 2));
	fill(c, 2, TU_UNSET);
	ck_assert_int_eq(ket_pk_simulate(&p, &d, 1, t, 2, c), KET_E_RANGE);
	ck_assert(all_nan(c, 2));
}
END_TEST

/* An absurd volume: V1 = 1e308 L and rates of 1e-300 /min (no
 * elimination to speak of).  One 60-min step of 1 mg/h puts 1 mg in
 * 1e308 L: C_unit = 1e-305 ng/mL, so the target 500 ng/mL needs 5e307 mg/h
 * (below the 1e308 maximum) and the plan ends at 500 ng/mL.  Either the
 * plan is that, or (header) KET_E_RANGE with every output NaN: never a
 * non-finite number with KET_OK. */
START_TEST(test_cov_tci_absurd_volume)
{
	ket_pk_params p = micro(2, 1e308, 1e-300, 1e-300, 1e-300, 0.0, 0.0);
	double target = 500.0, rate = TU_UNSET, conc = TU_UNSET;
	ket_status st;

	p.v2_l = 1e308; /* micro()'s v1 k12 / k21 is 1e308 too */
	p.cl_l_per_min = 1.0;
	p.q2_l_per_min = 1.0;
	st = ket_tci_plan(&p, &target, 1, 3600.0, 1e308, &rate, &conc);
	if (st == KET_OK) {
		ck_assert_msg(tu_close(rate, 5e307, 1e-9, 0.0), "rate %.17g",
		              rate);
		ck_assert_msg(tu_close(conc, 500.0, 1e-9, 0.0), "conc %.17g",
		              conc);
	} else {
		ck_assert_msg(st == KET_E_RANGE, "%s", st_name(st));
		ck_assert(isnan(rate) && isnan(conc));
	}
}
END_TEST

/* Time at or above the threshold that overflows while the AUC does not:
 * samples at -1e308, 0 and 1e308 min (times may be negative), all 0 ng/mL,
 * threshold 0: AUC 0, but 2e308 min at or above (header: sums that
 * overflow are KET_E_RANGE). */
START_TEST(test_cov_summarize_time_above_overflows)
{
	const double t[3] = { -1e308, 0.0, 1e308 };
	const double c[3] = { 0.0, 0.0, 0.0 };
	ket_pk_summary s;

	ck_assert_int_eq(ket_pk_summarize(t, c, 2, 0.0, &s), KET_OK);
	ck_assert(tu_close(s.time_above_min, 1e308, 1e-15, 0.0));
	ck_assert(tu_close(s.auc_ng_min_per_ml, 0.0, 0.0, 0.0));
	ck_assert_int_eq(ket_pk_summarize(t, c, 3, 0.0, &s), KET_E_RANGE);
	ck_assert(isnan(s.peak_ng_per_ml) && isnan(s.peak_time_min));
	ck_assert(isnan(s.auc_ng_min_per_ml) && isnan(s.time_above_min));
}
END_TEST

/* Linearity: one simulation of doses by all six absorbed routes (3
 * compartments + 6 depots = the largest state, 9) equals the sum of six
 * single-dose simulations; with five routes the state is 8. */
static void superposition(int n_routes)
{
	static const ket_route routes[6] = {
		KET_ROUTE_IM, KET_ROUTE_SC, KET_ROUTE_ORAL,
		KET_ROUTE_SUBLINGUAL, KET_ROUTE_INTRANASAL, KET_ROUTE_RECTAL
	};
	ket_patient pt = { 70.0, 0.0, -1.0, KET_SEX_UNSPECIFIED };
	ket_pk_params p;
	ket_pk_dose d[6];
	double t[41], all[41], one[41], sum[41];
	int i, k;

	ck_assert_int_eq(ket_pk_params_for(KET_PK_DOMINO_1984, &pt, &p),
	                 KET_OK);
	for (k = 0; k < 41; k++) {
		t[k] = 15.0 * k;
		sum[k] = 0.0;
	}
	for (i = 0; i < n_routes; i++) {
		d[i].start_min = 20.0 * i;
		d[i].mg = 10.0 + i;
		d[i].duration_min = 0.0;
		d[i].route = (int32_t)routes[i];
		ck_assert_int_eq(ket_pk_simulate(&p, &d[i], 1, t, 41, one),
		                 KET_OK);
		for (k = 0; k < 41; k++)
			sum[k] += one[k];
	}
	ck_assert_int_eq(ket_pk_simulate(&p, d, (size_t)n_routes, t, 41, all),
	                 KET_OK);
	for (k = 0; k < 41; k++)
		ck_assert_msg(fabs(all[k] - sum[k]) <= 1e-12 * sum[k] + 1e-12,
		              "t %g: %.17g vs %.17g", t[k], all[k], sum[k]);
}

START_TEST(test_state_sizes_8_and_9)
{
	superposition(6);
	superposition(5);
}
END_TEST

/* A sample at 1.7e308 min: A x h overflows the propagator's norm; the
 * result is refused rather than returned as NaN with KET_OK. */
START_TEST(test_time_at_the_top_of_the_range)
{
	ket_patient pt = { 70.0, 0.0, -1.0, KET_SEX_UNSPECIFIED };
	ket_pk_params p;
	ket_pk_dose d = { 0.0, 10.0, 0.0, KET_ROUTE_IV };
	double t = 1.7e308, c = 0.0;

	ck_assert_int_eq(ket_pk_params_for(KET_PK_DOMINO_1984, &pt, &p),
	                 KET_OK);
	ck_assert_int_eq(ket_pk_simulate(&p, &d, 1, &t, 1, &c), KET_E_RANGE);
	ck_assert(isnan(c));
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/).
 * ket_pk_simulate needs v1 and every micro-constant above 0 (API.md), and
 * nothing more: a V1 of 0.5 L is accepted (an IV bolus of 1 mg at 0 gives
 * D / V1 = 2 mg/L = 2000 ng/mL at 0), each micro-constant of 0 is
 * KET_E_RANGE. */
START_TEST(test_mut_params_positive)
{
	const ket_pk_dose bolus = { 0, 1, 0, KET_ROUTE_IV };
	const double t0 = 0;
	ket_pk_params p = micro(2, 0.5, 0.1, 0.05, 0.05, 0, 0);
	double c = 0;

	ck_assert_int_eq(ket_pk_simulate(&p, &bolus, 1, &t0, 1, &c), KET_OK);
	ck_assert_msg(tu_close(c, 2000, SIM_REL, SIM_ABS), "%.17g ng/mL", c);
	p = micro(2, 50, 0, 0.05, 0.05, 0, 0);
	ck_assert_int_eq(ket_pk_simulate(&p, &bolus, 1, &t0, 1, &c),
	                 KET_E_RANGE);
	p = micro(2, 50, 0.1, 0, 0.05, 0, 0);
	p.v2_l = 10;
	ck_assert_int_eq(ket_pk_simulate(&p, &bolus, 1, &t0, 1, &c),
	                 KET_E_RANGE);
	p = micro(2, 50, 0.1, 0.05, 0.05, 0, 0);
	p.k21_per_min = 0;
	ck_assert_int_eq(ket_pk_simulate(&p, &bolus, 1, &t0, 1, &c),
	                 KET_E_RANGE);
	p = micro(3, 50, 0.1, 0.05, 0.05, 0.05, 0.01);
	p.k13_per_min = 0;
	ck_assert_int_eq(ket_pk_simulate(&p, &bolus, 1, &t0, 1, &c),
	                 KET_E_RANGE);
	p = micro(3, 50, 0.1, 0.05, 0.05, 0.05, 0.01);
	p.k31_per_min = 0;
	ck_assert_int_eq(ket_pk_simulate(&p, &bolus, 1, &t0, 1, &c),
	                 KET_E_RANGE);
}
END_TEST

/* Lengths: KET_MAX_ITEMS itself is accepted (1e6 boluses of 1e-6 mg at
 * 0 in 50 L: 1 mg / 50 L = 20 ng/mL; 1e6 samples at 0); a refusal at
 * that length still NaN-fills every output; a NULL times or conc with
 * one sample is KET_E_NULL; a TCI target below 0 is refused also as the
 * first one. */
START_TEST(test_mut_lengths)
{
	size_t big = (size_t)KET_MAX_ITEMS, i, bad = 0;
	ket_pk_dose *doses = calloc(big, sizeof *doses);
	double *times = calloc(big, sizeof *times);
	double *conc = calloc(big, sizeof *conc);
	double *rates = calloc(big, sizeof *rates);
	ket_pk_params p = micro(2, 50, 0.1, 0.05, 0.05, 0, 0);
	const ket_pk_dose one = { 0, 1, 0, KET_ROUTE_IV };
	double t0 = 0, c = 0, target = -1, rate = 0;

	ck_assert_ptr_nonnull(doses);
	ck_assert_ptr_nonnull(times);
	ck_assert_ptr_nonnull(conc);
	ck_assert_ptr_nonnull(rates);
	for (i = 0; i < big; i++) {
		doses[i].mg = 1e-6;
		doses[i].route = KET_ROUTE_IV;
	}
	ck_assert_int_eq(ket_pk_simulate(&p, doses, big, &t0, 1, &c), KET_OK);
	ck_assert_msg(tu_close(c, 20, SIM_REL, SIM_ABS), "%.17g ng/mL", c);
	ck_assert_int_eq(ket_pk_simulate(&p, &one, 1, times, big, conc),
	                 KET_OK);
	ck_assert_msg(tu_close(conc[0], 20, SIM_REL, SIM_ABS) &&
	              tu_close(conc[big - 1], 20, SIM_REL, SIM_ABS),
	              "%.17g %.17g ng/mL", conc[0], conc[big - 1]);
	/* Refused at that length (V1 0): every entry NaN. */
	p.v1_l = 0;
	ck_assert_int_eq(ket_pk_simulate(&p, &one, 1, times, big, conc),
	                 KET_E_RANGE);
	for (i = 0; i < big; i++) {
		if (!isnan(conc[i]))
			bad++;
	}
	ck_assert_uint_eq(bad, 0);
	/* TCI at KET_MAX_ITEMS steps, step 0 s refused: NaN everywhere. */
	p.v1_l = 50;
	ck_assert_int_eq(ket_tci_plan(&p, times, big, 0, 10, rates, conc),
	                 KET_E_RANGE);
	for (i = 0; i < big; i++) {
		if (!isnan(rates[i]) || !isnan(conc[i]))
			bad++;
	}
	ck_assert_uint_eq(bad, 0);
	/* ... and accepted with a valid step: targets 0 (the times, all 0)
	 * give rates 0 and concentrations 0 to the last step. */
	ck_assert_int_eq(ket_tci_plan(&p, times, big, 1, 10, rates, conc),
	                 KET_OK);
	ck_assert(rates[0] <= 0.0 && rates[big - 1] <= 0.0 &&
	          conc[big - 1] <= 0.0 && !(conc[big - 1] < 0.0));
	free(doses);
	free(times);
	free(conc);
	free(rates);

	ck_assert_int_eq(ket_pk_simulate(&p, &one, 1, NULL, 1, &c),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_pk_simulate(&p, &one, 1, &t0, 1, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_tci_plan(&p, &target, 1, 10, 10, &rate, &c),
	                 KET_E_RANGE);
}
END_TEST

/* ket_pk_summarize: the first sample is checked too (a negative
 * concentration, a second time before the first: KET_E_RANGE), and
 * KET_MAX_ITEMS samples are accepted (1e6 samples of 10 ng/mL at
 * 0, 1, 2, ... min: peak 10 at 0, AUC 10 x 999,999 ng min/mL). */
START_TEST(test_mut_summarize)
{
	size_t big = (size_t)KET_MAX_ITEMS, i;
	double *t = malloc(big * sizeof *t);
	double *c = malloc(big * sizeof *c);
	const double t2[2] = { 0, 1 }, c2[2] = { -1, 5 };
	const double t3[2] = { 1, 0 }, c3[2] = { 5, 5 };
	ket_pk_summary s;

	ck_assert_int_eq(ket_pk_summarize(t2, c2, 2, 0, &s), KET_E_RANGE);
	ck_assert_int_eq(ket_pk_summarize(t3, c3, 2, 0, &s), KET_E_RANGE);
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(c);
	for (i = 0; i < big; i++) {
		t[i] = (double)i;
		c[i] = 10;
	}
	ck_assert_int_eq(ket_pk_summarize(t, c, big, 5, &s), KET_OK);
	free(t);
	free(c);
	ck_assert_msg(tu_close(s.peak_ng_per_ml, 10, SIM_REL, 0), "%.17g",
	              s.peak_ng_per_ml);
	ck_assert_msg(tu_close(s.auc_ng_min_per_ml, 9999990, SIM_REL, 0),
	              "%.17g", s.auc_ng_min_per_ml);
}
END_TEST

/* The adult models' population is 40-140 kg (CLINICAL.md) and none needs
 * the age: at 40.2 kg, age unknown (-1), every adult model is KET_OK
 * without KET_W_OUTSIDE_MODEL; at 39.8 kg it warns. */
START_TEST(test_mut_adult_population)
{
	static const ket_pk_model adult[] = { KET_PK_DOMINO_1984,
		KET_PK_CLEMENTS_1981, KET_PK_HIJAZI_2003, KET_PK_KAMP_2020 };
	size_t i;

	for (i = 0; i < sizeof adult / sizeof adult[0]; i++) {
		ket_patient in = patient(40.2, -1);
		ket_pk_params p;

		ck_assert_int_eq(ket_pk_params_for(adult[i], &in, &p), KET_OK);
		ck_assert_msg(p.warnings == 0, "model %d at 40.2 kg: 0x%lx",
		              (int)adult[i], (unsigned long)p.warnings);
		in.weight_kg = 39.8;
		ck_assert_int_eq(ket_pk_params_for(adult[i], &in, &p), KET_OK);
		ck_assert_msg(p.warnings == KET_W_OUTSIDE_MODEL,
		              "model %d at 39.8 kg: 0x%lx", (int)adult[i],
		              (unsigned long)p.warnings);
	}
}
END_TEST

Suite *ket_suite_pk(void)
{
	Suite *s = suite_create("pk");
	TCase *tc;

	tc = tcase_create("params");
	tcase_add_loop_test(tc, test_params_table, 0, TU_ROWS(par_rows));
	tcase_add_test(tc, test_params_check_values);
	tcase_add_test(tc, test_params_herd_ka_weight);
	tcase_add_loop_test(tc, test_params_reference_scenarios, 0,
	                    TU_ROWS(pkref_scenarios));
	tcase_add_loop_test(tc, test_params_population, 0, TU_ROWS(pop_rows));
	tcase_add_loop_test(tc, test_params_status, 0, TU_ROWS(pst_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("simulate");
	tcase_add_test(tc, test_reference_table_shape);
	tcase_add_loop_test(tc, test_simulate_reference, 0,
	                    TU_ROWS(pkref_scenarios));
	tcase_add_loop_test(tc, test_simulate_reference_params_for, 0,
	                    TU_ROWS(pkref_scenarios));
	tcase_add_test(tc, test_simulate_bolus_at_zero);
	tcase_add_test(tc, test_simulate_steady_state);
	tcase_add_test(tc, test_simulate_empty);
	tcase_add_test(tc, test_simulate_negative_zero);
	tcase_add_loop_test(tc, test_simulate_status, 0, TU_ROWS(sim_rows));
	tcase_add_test(tc, test_simulate_null_and_lengths);
	tcase_add_test(tc, test_simulate_superposition);
	tcase_add_loop_test(tc, test_simulate_bioavailability, 0,
	                    TU_ROWS(f_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("summarize");
	tcase_add_loop_test(tc, test_summarize_table, 0, TU_ROWS(sum_rows));
	tcase_add_loop_test(tc, test_summarize_status, 0, TU_ROWS(sst_rows));
	tcase_add_test(tc, test_summarize_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("tci");
	tcase_add_test(tc, test_tci_constant_target);
	tcase_add_test(tc, test_tci_step_down);
	tcase_add_test(tc, test_tci_rate_bound);
	tcase_add_test(tc, test_tci_bounds_accepted);
	tcase_add_loop_test(tc, test_tci_status, 0, TU_ROWS(tst_rows));
	tcase_add_test(tc, test_tci_null_and_lengths);
	suite_add_tcase(s, tc);

	tc = tcase_create("review_regressions");
	tcase_add_test(tc, test_review_tiny_infusion_not_lost);
	tcase_add_test(tc, test_review_late_samples);
	tcase_add_test(tc, test_review_absurd_inputs);
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_test(tc, test_cov_simulate_depots);
	tcase_add_test(tc, test_cov_simulate_grid_meets_dose);
	tcase_add_test(tc, test_cov_absurd_rate_constants);
	tcase_add_test(tc, test_cov_tci_absurd_volume);
	tcase_add_test(tc, test_cov_summarize_time_above_overflows);
	suite_add_tcase(s, tc);

	tc = tcase_create("restructured");
	tcase_add_test(tc, test_state_sizes_8_and_9);
	tcase_add_test(tc, test_time_at_the_top_of_the_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_params_positive);
	tcase_add_test(tc, test_mut_lengths);
	tcase_add_test(tc, test_mut_summarize);
	tcase_add_test(tc, test_mut_adult_population);
	suite_add_tcase(s, tc);
	return s;
}
