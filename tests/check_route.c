/*
 * check_route.c - routes, bioavailability, exposure comparisons, forms,
 * salts and strengths: ket_route_name, ket_route_label,
 * ket_route_bioavailability, ket_route_equivalent, ket_route_check,
 * ket_form_equivalent, ket_hydrochloride_to_base, ket_base_to_hydrochloride,
 * ket_percent_to_mg_per_ml.
 *
 * The bioavailability figures are typed in from CLINICAL.md ("Route
 * bioavailability"); expected amounts are computed here from them.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"

/* NaN and infinity as doubles (NAN and INFINITY are float constants). */
#define D_NAN ((double)NAN)
#define D_INF ((double)INFINITY)

#define N_ROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Sentinels written into outputs before a call, to see that they are set. */
#define UNSET 12345.0
#define UNSET_BITS UINT32_C(0xdeadbeef)

/* Relative tolerance for amounts computed from the route table, applied as
 * REL_TOL x the expected mg (or mg/mL). */
#define REL_TOL 1e-12

#define EXP KET_W_EXPOSURE_ONLY
#define VAR KET_W_VARIABLE_ROUTE

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

/* --------------------------------------------------------------------
 * The route table, from CLINICAL.md.
 * ------------------------------------------------------------------ */
struct fraction {
	int known; /* 0: no data */
	double f, lo, hi;
};

struct route_def {
	ket_route route;
	const char *name;  /* ket_route_name */
	const char *word;  /* an English word the label must contain */
	struct fraction ketamine;
	struct fraction with_norketamine;
	int variable;
};

static const struct route_def routes[] = {
	{ KET_ROUTE_IV, "KET_ROUTE_IV", "intravenous",
	  { 1, 1.0, 1.0, 1.0 }, { 1, 1.0, 1.0, 1.0 }, 0 },
	{ KET_ROUTE_IM, "KET_ROUTE_IM", "intramuscular",
	  { 1, 0.93, 0.90, 0.93 }, { 1, 0.93, 0.90, 0.93 }, 0 },
	{ KET_ROUTE_SC, "KET_ROUTE_SC", "subcutaneous",
	  { 1, 0.90, 0.90, 0.93 }, { 1, 0.90, 0.90, 0.93 }, 0 },
	{ KET_ROUTE_ORAL, "KET_ROUTE_ORAL", "oral",
	  { 1, 0.23, 0.17, 0.24 }, { 1, 0.55, 0.54, 0.59 }, 1 },
	{ KET_ROUTE_SUBLINGUAL, "KET_ROUTE_SUBLINGUAL", "sublingual",
	  { 1, 0.32, 0.24, 0.32 }, { 1, 0.55, 0.54, 0.59 }, 1 },
	{ KET_ROUTE_INTRANASAL, "KET_ROUTE_INTRANASAL", "intranasal",
	  { 1, 0.45, 0.11, 0.50 }, { 0, 0.0, 0.0, 0.0 }, 1 },
	{ KET_ROUTE_RECTAL, "KET_ROUTE_RECTAL", "rectal",
	  { 1, 0.25, 0.25, 0.30 }, { 0, 0.0, 0.0, 0.0 }, 1 },
	{ KET_ROUTE_TRANSDERMAL, "KET_ROUTE_TRANSDERMAL", "transdermal",
	  { 0, 0.0, 0.0, 0.0 }, { 0, 0.0, 0.0, 0.0 }, 0 },
	{ KET_ROUTE_EPIDURAL, "KET_ROUTE_EPIDURAL", "epidural",
	  { 0, 0.0, 0.0, 0.0 }, { 0, 0.0, 0.0, 0.0 }, 0 },
	{ KET_ROUTE_INTRATHECAL, "KET_ROUTE_INTRATHECAL", "intrathecal",
	  { 0, 0.0, 0.0, 0.0 }, { 0, 0.0, 0.0, 0.0 }, 0 },
};
#define N_ROUTES N_ROWS(routes)

static const struct fraction *fraction_for(const struct route_def *r,
                                           ket_exposure_basis basis)
{
	return basis == KET_BASIS_KETAMINE ? &r->ketamine
	                                   : &r->with_norketamine;
}

static const char *basis_name(ket_exposure_basis basis)
{
	return basis == KET_BASIS_KETAMINE ? "ketamine" : "with norketamine";
}

static const int unknown_routes[] = { 10, -1, 99, 11 };

/* --------------------------------------------------------------------
 * ket_route_name, ket_route_label
 * ------------------------------------------------------------------ */
START_TEST(test_route_name)
{
	const struct route_def *r = &routes[_i];
	const char *name = ket_route_name(r->route);

	ck_assert_msg(name != NULL, "%s: NULL", r->name);
	ck_assert_msg(strcmp(name, r->name) == 0, "%s: \"%s\"", r->name,
	              name);
}
END_TEST

/* API.md gives one label, "subcutaneous"; the others must be the plain
 * lower-case English name of the route (containing its word), distinct. */
START_TEST(test_route_label)
{
	const struct route_def *r = &routes[_i];
	const char *label = ket_route_label(r->route);
	const char *c;
	int j;

	ck_assert_msg(label != NULL, "%s: NULL", r->name);
	ck_assert_msg(label[0] != '\0', "%s: empty label", r->name);
	ck_assert_msg(strstr(label, r->word) != NULL, "%s: \"%s\" lacks "
	              "\"%s\"", r->name, label, r->word);
	for (c = label; *c != '\0'; c++)
		ck_assert_msg(!isupper((unsigned char)*c), "%s: \"%s\" not "
		              "lower-case", r->name, label);
	if (r->route == KET_ROUTE_SC)
		ck_assert_str_eq(label, "subcutaneous");
	for (j = 0; j < N_ROUTES; j++) {
		const char *other = ket_route_label(routes[j].route);

		if (j == _i)
			continue;
		ck_assert_msg(other == NULL || strcmp(other, label) != 0,
		              "%s and %s share the label \"%s\"", r->name,
		              routes[j].name, label);
	}
}
END_TEST

START_TEST(test_route_name_unknown)
{
	ket_route route = (ket_route)unknown_routes[_i];

	ck_assert_ptr_null(ket_route_name(route));
	ck_assert_ptr_null(ket_route_label(route));
}
END_TEST

/* --------------------------------------------------------------------
 * ket_route_bioavailability: every route, both bases.
 * ------------------------------------------------------------------ */
START_TEST(test_bioavailability)
{
	const struct route_def *r = &routes[_i / 2];
	ket_exposure_basis basis = (_i % 2 == 0) ? KET_BASIS_KETAMINE
	                                         : KET_BASIS_WITH_NORKETAMINE;
	const struct fraction *want = fraction_for(r, basis);
	ket_bioavailability got = { UNSET, UNSET, UNSET, UNSET_BITS };
	ket_status st = ket_route_bioavailability(r->route, basis, &got);
	const double tol = 1e-12; /* a fraction, 0-1 */

	if (!want->known) {
		ck_assert_msg(st == KET_E_NO_DATA, "%s, %s: status %d, want "
		              "KET_E_NO_DATA", r->name, basis_name(basis),
		              (int)st);
		ck_assert_msg(isnan(got.fraction) && isnan(got.fraction_low) &&
		              isnan(got.fraction_high), "%s, %s: outputs not "
		              "NaN", r->name, basis_name(basis));
		ck_assert_msg(got.warnings == 0, "%s, %s: warnings %#x",
		              r->name, basis_name(basis),
		              (unsigned)got.warnings);
		return;
	}
	ck_assert_msg(st == KET_OK, "%s, %s: status %d", r->name,
	              basis_name(basis), (int)st);
	ck_assert_msg(dbl_near(got.fraction, want->f, tol), "%s, %s: "
	              "fraction %.17g, want %g", r->name, basis_name(basis),
	              got.fraction, want->f);
	ck_assert_msg(dbl_near(got.fraction_low, want->lo, tol), "%s, %s: "
	              "low %.17g, want %g", r->name, basis_name(basis),
	              got.fraction_low, want->lo);
	ck_assert_msg(dbl_near(got.fraction_high, want->hi, tol), "%s, %s: "
	              "high %.17g, want %g", r->name, basis_name(basis),
	              got.fraction_high, want->hi);
	ck_assert_msg(got.warnings == (r->variable ? VAR : 0), "%s, %s: "
	              "warnings %#x", r->name, basis_name(basis),
	              (unsigned)got.warnings);
}
END_TEST

struct bio_error_row {
	const char *name;
	int route;
	int basis;
	ket_status want;
};

static const struct bio_error_row bio_error_rows[] = {
	{ "route 10", 10, KET_BASIS_KETAMINE, KET_E_ROUTE },
	{ "route -1", -1, KET_BASIS_KETAMINE, KET_E_ROUTE },
	{ "route 99", 99, KET_BASIS_WITH_NORKETAMINE, KET_E_ROUTE },
	{ "basis 2", KET_ROUTE_IV, 2, KET_E_RANGE },
	{ "basis -1", KET_ROUTE_ORAL, -1, KET_E_RANGE },
	{ "route before basis", 10, 2, KET_E_ROUTE },
	{ "basis before no data", KET_ROUTE_TRANSDERMAL, 2, KET_E_RANGE },
	{ "basis before no data (intranasal)", KET_ROUTE_INTRANASAL, 5,
	  KET_E_RANGE },
};

START_TEST(test_bioavailability_errors)
{
	const struct bio_error_row *r = &bio_error_rows[_i];
	ket_bioavailability got = { UNSET, UNSET, UNSET, UNSET_BITS };
	ket_status st = ket_route_bioavailability((ket_route)r->route,
	                                          (ket_exposure_basis)r->basis,
	                                          &got);

	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	ck_assert_msg(isnan(got.fraction) && isnan(got.fraction_low) &&
	              isnan(got.fraction_high), "%s: outputs not NaN",
	              r->name);
	ck_assert_msg(got.warnings == 0, "%s: warnings %#x", r->name,
	              (unsigned)got.warnings);
}
END_TEST

START_TEST(test_bioavailability_null)
{
	ck_assert_int_eq(ket_route_bioavailability(KET_ROUTE_IV,
	                                           KET_BASIS_KETAMINE, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_route_bioavailability((ket_route)10,
	                                           (ket_exposure_basis)2, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_route_bioavailability(KET_ROUTE_TRANSDERMAL,
	                                           KET_BASIS_KETAMINE, NULL),
	                 KET_E_NULL);
}
END_TEST

/* --------------------------------------------------------------------
 * ket_route_equivalent
 * ------------------------------------------------------------------ */
static void check_equivalent_nan(const ket_equivalent *e, const char *what)
{
	ck_assert_msg(isnan(e->mg) && isnan(e->mg_low) && isnan(e->mg_high),
	              "%s: outputs %g %g %g, want NaN", what, e->mg,
	              e->mg_low, e->mg_high);
	ck_assert_msg(e->warnings == 0, "%s: warnings %#x", what,
	              (unsigned)e->warnings);
}

/* Hand-computed cases (the expected amounts written out as arithmetic on
 * CLINICAL.md's figures). */
struct equiv_row {
	const char *name;
	double dose_mg;
	ket_route from, to;
	ket_exposure_basis basis;
	double mg, mg_low, mg_high;
	uint32_t warnings;
};

static const struct equiv_row equiv_rows[] = {
	{ "25 mg IV -> oral, ketamine", 25.0, KET_ROUTE_IV, KET_ROUTE_ORAL,
	  KET_BASIS_KETAMINE, 25.0 / 0.23, 25.0 * 1.0 / 0.24,
	  25.0 * 1.0 / 0.17, EXP | VAR },
	{ "100 mg SC -> IV, ketamine", 100.0, KET_ROUTE_SC, KET_ROUTE_IV,
	  KET_BASIS_KETAMINE, 90.0, 90.0, 93.0, EXP },
	{ "10 mg IM -> SC, ketamine", 10.0, KET_ROUTE_IM, KET_ROUTE_SC,
	  KET_BASIS_KETAMINE, 10.0 * 0.93 / 0.90, 10.0 * 0.90 / 0.93,
	  10.0 * 0.93 / 0.90, EXP },
	{ "100 mg oral -> sublingual, with norketamine", 100.0,
	  KET_ROUTE_ORAL, KET_ROUTE_SUBLINGUAL, KET_BASIS_WITH_NORKETAMINE,
	  100.0, 100.0 * 0.54 / 0.59, 100.0 * 0.59 / 0.54, EXP | VAR },
	{ "100 mg SC -> oral, with norketamine (163.6)", 100.0, KET_ROUTE_SC,
	  KET_ROUTE_ORAL, KET_BASIS_WITH_NORKETAMINE, 163.63636363636364,
	  100.0 * 0.90 / 0.59, 100.0 * 0.93 / 0.54, EXP | VAR },
	{ "50 mg intranasal -> IV, ketamine", 50.0, KET_ROUTE_INTRANASAL,
	  KET_ROUTE_IV, KET_BASIS_KETAMINE, 22.5, 5.5, 25.0, EXP | VAR },
	{ "10 mg rectal -> oral, ketamine", 10.0, KET_ROUTE_RECTAL,
	  KET_ROUTE_ORAL, KET_BASIS_KETAMINE, 2.5 / 0.23, 2.5 / 0.24,
	  3.0 / 0.17, EXP | VAR },
	{ "100 mg oral -> IV, ketamine", 100.0, KET_ROUTE_ORAL, KET_ROUTE_IV,
	  KET_BASIS_KETAMINE, 23.0, 17.0, 24.0, EXP | VAR },
	{ "25 mg sublingual -> IM, with norketamine", 25.0,
	  KET_ROUTE_SUBLINGUAL, KET_ROUTE_IM, KET_BASIS_WITH_NORKETAMINE,
	  25.0 * 0.55 / 0.93, 25.0 * 0.54 / 0.93, 25.0 * 0.59 / 0.90,
	  EXP | VAR },
	{ "25 mg IV -> IV, identity", 25.0, KET_ROUTE_IV, KET_ROUTE_IV,
	  KET_BASIS_KETAMINE, 25.0, 25.0, 25.0, 0 },
	{ "25 mg oral -> oral, identity", 25.0, KET_ROUTE_ORAL,
	  KET_ROUTE_ORAL, KET_BASIS_KETAMINE, 25.0, 25.0, 25.0, 0 },
	{ "0.7 mg intranasal -> intranasal, identity", 0.7,
	  KET_ROUTE_INTRANASAL, KET_ROUTE_INTRANASAL, KET_BASIS_KETAMINE,
	  0.7, 0.7, 0.7, 0 },
	{ "smallest positive dose IV -> IV", 4.9e-324, KET_ROUTE_IV,
	  KET_ROUTE_IV, KET_BASIS_KETAMINE, 4.9e-324, 4.9e-324, 4.9e-324, 0 },
};

START_TEST(test_equivalent_hand)
{
	const struct equiv_row *r = &equiv_rows[_i];
	ket_equivalent got = { UNSET, UNSET, UNSET, UNSET_BITS };
	ket_status st = ket_route_equivalent(r->dose_mg, r->from, r->to,
	                                     r->basis, &got);

	ck_assert_msg(st == KET_OK, "%s: status %d", r->name, (int)st);
	ck_assert_msg(dbl_near(got.mg, r->mg, REL_TOL * r->mg), "%s: mg "
	              "%.17g, want %.17g", r->name, got.mg, r->mg);
	ck_assert_msg(dbl_near(got.mg_low, r->mg_low, REL_TOL * r->mg_low),
	              "%s: mg_low %.17g, want %.17g", r->name, got.mg_low,
	              r->mg_low);
	ck_assert_msg(dbl_near(got.mg_high, r->mg_high, REL_TOL * r->mg_high),
	              "%s: mg_high %.17g, want %.17g", r->name, got.mg_high,
	              r->mg_high);
	ck_assert_msg(got.warnings == r->warnings, "%s: warnings %#x, want "
	              "%#x", r->name, (unsigned)got.warnings,
	              (unsigned)r->warnings);
}
END_TEST

/* Every pair of routes on both bases, from the table above. */
START_TEST(test_equivalent_all_pairs)
{
	int pair = _i % (N_ROUTES * N_ROUTES);
	const struct route_def *from = &routes[pair / N_ROUTES];
	const struct route_def *to = &routes[pair % N_ROUTES];
	ket_exposure_basis basis = (_i < N_ROUTES * N_ROUTES)
	                                   ? KET_BASIS_KETAMINE
	                                   : KET_BASIS_WITH_NORKETAMINE;
	const struct fraction *ff = fraction_for(from, basis);
	const struct fraction *ft = fraction_for(to, basis);
	const double dose_mg = 40.0;
	ket_equivalent got = { UNSET, UNSET, UNSET, UNSET_BITS };
	ket_status st = ket_route_equivalent(dose_mg, from->route, to->route,
	                                     basis, &got);
	char what[96];
	double mg, lo, hi;
	uint32_t warnings;

	snprintf(what, sizeof(what), "%s -> %s, %s", from->name, to->name,
	         basis_name(basis));
	if (!ff->known || !ft->known) {
		ck_assert_msg(st == KET_E_NO_DATA, "%s: status %d, want "
		              "KET_E_NO_DATA", what, (int)st);
		check_equivalent_nan(&got, what);
		return;
	}
	ck_assert_msg(st == KET_OK, "%s: status %d", what, (int)st);
	if (from->route == to->route) {
		ck_assert_msg(dbl_same(got.mg, dose_mg) &&
		              dbl_same(got.mg_low, dose_mg) &&
		              dbl_same(got.mg_high, dose_mg),
		              "%s: identity gave %.17g %.17g %.17g", what,
		              got.mg, got.mg_low, got.mg_high);
		ck_assert_msg(got.warnings == 0, "%s: warnings %#x", what,
		              (unsigned)got.warnings);
		return;
	}
	mg = dose_mg * ff->f / ft->f;
	lo = dose_mg * ff->lo / ft->hi;
	hi = dose_mg * ff->hi / ft->lo;
	warnings = EXP | ((from->variable || to->variable) ? VAR : 0);
	ck_assert_msg(dbl_near(got.mg, mg, REL_TOL * mg), "%s: mg %.17g, want "
	              "%.17g", what, got.mg, mg);
	ck_assert_msg(dbl_near(got.mg_low, lo, REL_TOL * lo), "%s: mg_low "
	              "%.17g, want %.17g", what, got.mg_low, lo);
	ck_assert_msg(dbl_near(got.mg_high, hi, REL_TOL * hi), "%s: mg_high "
	              "%.17g, want %.17g", what, got.mg_high, hi);
	ck_assert_msg(got.mg_low <= got.mg && got.mg <= got.mg_high,
	              "%s: range %g..%g does not hold %g", what, got.mg_low,
	              got.mg_high, got.mg);
	ck_assert_msg(got.warnings == warnings, "%s: warnings %#x, want %#x",
	              what, (unsigned)got.warnings, (unsigned)warnings);
}
END_TEST

struct equiv_error_row {
	const char *name;
	double dose_mg;
	int from, to, basis;
	ket_status want;
};

#define IV KET_ROUTE_IV
#define ORAL KET_ROUTE_ORAL
#define TD KET_ROUTE_TRANSDERMAL
#define KB KET_BASIS_KETAMINE
#define NB KET_BASIS_WITH_NORKETAMINE

static const struct equiv_error_row equiv_error_rows[] = {
	{ "dose NaN", D_NAN, IV, ORAL, KB, KET_E_NOT_FINITE },
	{ "dose +Inf", D_INF, IV, ORAL, KB, KET_E_NOT_FINITE },
	{ "dose -Inf", -D_INF, IV, ORAL, KB, KET_E_NOT_FINITE },
	{ "from 10", 25.0, 10, ORAL, KB, KET_E_ROUTE },
	{ "to 10", 25.0, IV, 10, KB, KET_E_ROUTE },
	{ "from -1", 25.0, -1, IV, KB, KET_E_ROUTE },
	{ "to 99", 25.0, ORAL, 99, NB, KET_E_ROUTE },
	{ "basis 2", 25.0, IV, ORAL, 2, KET_E_RANGE },
	{ "basis -1", 25.0, IV, ORAL, -1, KET_E_RANGE },
	{ "dose 0", 0.0, IV, ORAL, KB, KET_E_DOSE },
	{ "dose -0.0", -0.0, IV, ORAL, KB, KET_E_DOSE },
	{ "dose -1", -1.0, IV, ORAL, KB, KET_E_DOSE },
	{ "dose -smallest", -4.9e-324, IV, IV, KB, KET_E_DOSE },
	{ "transdermal -> transdermal", 25.0, TD, TD, KB, KET_E_NO_DATA },
	{ "epidural -> epidural", 25.0, KET_ROUTE_EPIDURAL,
	  KET_ROUTE_EPIDURAL, KB, KET_E_NO_DATA },
	{ "IV -> transdermal", 25.0, IV, TD, KB, KET_E_NO_DATA },
	{ "intrathecal -> IV", 25.0, KET_ROUTE_INTRATHECAL, IV, NB,
	  KET_E_NO_DATA },
	{ "intranasal -> IV with norketamine", 25.0, KET_ROUTE_INTRANASAL,
	  IV, NB, KET_E_NO_DATA },
	{ "oral -> rectal with norketamine", 25.0, ORAL, KET_ROUTE_RECTAL,
	  NB, KET_E_NO_DATA },
	{ "rectal -> rectal with norketamine", 25.0, KET_ROUTE_RECTAL,
	  KET_ROUTE_RECTAL, NB, KET_E_NO_DATA },
	/* the documented order */
	{ "order: NaN dose before bad route", D_NAN, 10, 10, 2,
	  KET_E_NOT_FINITE },
	{ "order: from before to", 25.0, 10, 99, KB, KET_E_ROUTE },
	{ "order: route before basis", 25.0, IV, 10, 2, KET_E_ROUTE },
	{ "order: route before dose", -1.0, 10, IV, KB, KET_E_ROUTE },
	{ "order: basis before dose", -1.0, IV, ORAL, 2, KET_E_RANGE },
	{ "order: basis before no data", 25.0, TD, TD, 2, KET_E_RANGE },
	{ "order: dose before no data", 0.0, TD, TD, KB, KET_E_DOSE },
	{ "order: negative dose before no data", -5.0, IV,
	  KET_ROUTE_INTRATHECAL, NB, KET_E_DOSE },
};

START_TEST(test_equivalent_errors)
{
	const struct equiv_error_row *r = &equiv_error_rows[_i];
	ket_equivalent got = { UNSET, UNSET, UNSET, UNSET_BITS };
	ket_status st = ket_route_equivalent(r->dose_mg, (ket_route)r->from,
	                                     (ket_route)r->to,
	                                     (ket_exposure_basis)r->basis,
	                                     &got);

	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	check_equivalent_nan(&got, r->name);
}
END_TEST

START_TEST(test_equivalent_null)
{
	ck_assert_int_eq(ket_route_equivalent(25.0, IV, ORAL, KB, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_route_equivalent(D_NAN, (ket_route)10,
	                                      (ket_route)10,
	                                      (ket_exposure_basis)2, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_route_equivalent(-1.0, TD, TD, KB, NULL),
	                 KET_E_NULL);
}
END_TEST

/* --------------------------------------------------------------------
 * ket_route_check
 * ------------------------------------------------------------------ */
struct check_row {
	const char *name;
	int route;
	int preservative_free;
	ket_status want;
	uint32_t warnings;
};

static const struct check_row check_rows[] = {
	{ "epidural, preserved", KET_ROUTE_EPIDURAL, 0,
	  KET_E_CONTRAINDICATED, 0 },
	{ "intrathecal, preserved", KET_ROUTE_INTRATHECAL, 0,
	  KET_E_CONTRAINDICATED, 0 },
	{ "epidural, preservative-free", KET_ROUTE_EPIDURAL, 1, KET_OK,
	  KET_W_NEURAXIAL },
	{ "intrathecal, preservative-free", KET_ROUTE_INTRATHECAL, 1, KET_OK,
	  KET_W_NEURAXIAL },
	{ "epidural, preservative-free 2", KET_ROUTE_EPIDURAL, 2, KET_OK,
	  KET_W_NEURAXIAL },
	{ "intrathecal, preservative-free -1", KET_ROUTE_INTRATHECAL, -1,
	  KET_OK, KET_W_NEURAXIAL },
	{ "epidural, preservative-free INT_MIN-like", KET_ROUTE_EPIDURAL,
	  -2147483647 - 1, KET_OK, KET_W_NEURAXIAL },
	{ "IV, 0", KET_ROUTE_IV, 0, KET_OK, 0 },
	{ "IV, 1", KET_ROUTE_IV, 1, KET_OK, 0 },
	{ "IM, 0", KET_ROUTE_IM, 0, KET_OK, 0 },
	{ "IM, 1", KET_ROUTE_IM, 1, KET_OK, 0 },
	{ "SC, 0", KET_ROUTE_SC, 0, KET_OK, 0 },
	{ "SC, 1", KET_ROUTE_SC, 1, KET_OK, 0 },
	{ "oral, 0", KET_ROUTE_ORAL, 0, KET_OK, 0 },
	{ "oral, 1", KET_ROUTE_ORAL, 1, KET_OK, 0 },
	{ "sublingual, 0", KET_ROUTE_SUBLINGUAL, 0, KET_OK, 0 },
	{ "sublingual, 1", KET_ROUTE_SUBLINGUAL, 1, KET_OK, 0 },
	{ "intranasal, 0", KET_ROUTE_INTRANASAL, 0, KET_OK, 0 },
	{ "intranasal, 1", KET_ROUTE_INTRANASAL, 1, KET_OK, 0 },
	{ "rectal, 0", KET_ROUTE_RECTAL, 0, KET_OK, 0 },
	{ "rectal, 1", KET_ROUTE_RECTAL, 1, KET_OK, 0 },
	{ "transdermal, 0", KET_ROUTE_TRANSDERMAL, 0, KET_OK, 0 },
	{ "transdermal, 1", KET_ROUTE_TRANSDERMAL, 1, KET_OK, 0 },
	{ "route 10", 10, 0, KET_E_ROUTE, 0 },
	{ "route 10, preservative-free", 10, 1, KET_E_ROUTE, 0 },
	{ "route -1", -1, 1, KET_E_ROUTE, 0 },
	{ "route 99", 99, 0, KET_E_ROUTE, 0 },
};

START_TEST(test_route_check)
{
	const struct check_row *r = &check_rows[_i];
	uint32_t warnings = UNSET_BITS;
	ket_status st = ket_route_check((ket_route)r->route,
	                                r->preservative_free, &warnings);

	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	ck_assert_msg(warnings == r->warnings, "%s: warnings %#x, want %#x",
	              r->name, (unsigned)warnings, (unsigned)r->warnings);
}
END_TEST

START_TEST(test_route_check_null)
{
	ck_assert_int_eq(ket_route_check(KET_ROUTE_IV, 0, NULL), KET_E_NULL);
	ck_assert_int_eq(ket_route_check(KET_ROUTE_EPIDURAL, 0, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_route_check((ket_route)10, 0, NULL), KET_E_NULL);
}
END_TEST

/* --------------------------------------------------------------------
 * ket_form_equivalent
 * ------------------------------------------------------------------ */
#define RAC KET_FORM_RACEMIC
#define ESK KET_FORM_ESKETAMINE
#define ARK KET_FORM_ARKETAMINE

struct form_row {
	const char *name;
	double dose_mg;
	int from, to;
	ket_status want;
	double mg; /* exact: a factor of 0.5 or 2 is exact in binary */
	uint32_t warnings;
};

static const struct form_row form_rows[] = {
	{ "100 mg racemic -> esketamine", 100.0, RAC, ESK, KET_OK, 50.0,
	  KET_W_APPROXIMATE },
	{ "25 mg esketamine -> racemic", 25.0, ESK, RAC, KET_OK, 50.0,
	  KET_W_APPROXIMATE },
	{ "0.3 mg racemic -> esketamine", 0.3, RAC, ESK, KET_OK, 0.15,
	  KET_W_APPROXIMATE },
	{ "0.15 mg esketamine -> racemic", 0.15, ESK, RAC, KET_OK, 0.3,
	  KET_W_APPROXIMATE },
	{ "racemic -> racemic", 12.5, RAC, RAC, KET_OK, 12.5, 0 },
	{ "esketamine -> esketamine", 12.5, ESK, ESK, KET_OK, 12.5, 0 },
	{ "arketamine -> arketamine", 12.5, ARK, ARK, KET_OK, 12.5, 0 },
	{ "arketamine -> racemic", 10.0, ARK, RAC, KET_E_NO_DATA, D_NAN, 0 },
	{ "arketamine -> esketamine", 10.0, ARK, ESK, KET_E_NO_DATA, D_NAN, 0 },
	{ "racemic -> arketamine", 10.0, RAC, ARK, KET_E_NO_DATA, D_NAN, 0 },
	{ "esketamine -> arketamine", 10.0, ESK, ARK, KET_E_NO_DATA, D_NAN, 0 },
	{ "from 3", 10.0, 3, RAC, KET_E_RANGE, D_NAN, 0 },
	{ "to 3", 10.0, RAC, 3, KET_E_RANGE, D_NAN, 0 },
	{ "from -1", 10.0, -1, ESK, KET_E_RANGE, D_NAN, 0 },
	{ "to 99", 10.0, ESK, 99, KET_E_RANGE, D_NAN, 0 },
	{ "unknown to itself", 10.0, 3, 3, KET_E_RANGE, D_NAN, 0 },
	{ "dose 0", 0.0, RAC, ESK, KET_E_DOSE, D_NAN, 0 },
	{ "dose -0.0", -0.0, RAC, ESK, KET_E_DOSE, D_NAN, 0 },
	{ "dose -1", -1.0, ESK, RAC, KET_E_DOSE, D_NAN, 0 },
	{ "dose 0, same form", 0.0, RAC, RAC, KET_E_DOSE, D_NAN, 0 },
	{ "dose NaN", D_NAN, RAC, ESK, KET_E_NOT_FINITE, D_NAN, 0 },
	{ "dose +Inf", D_INF, RAC, ESK, KET_E_NOT_FINITE, D_NAN, 0 },
	{ "dose -Inf", -D_INF, ESK, RAC, KET_E_NOT_FINITE, D_NAN, 0 },
	/* the documented order: NULL, non-finite, form, dose, no data */
	{ "order: NaN before unknown form", D_NAN, 3, 3, KET_E_NOT_FINITE,
	  D_NAN, 0 },
	{ "order: unknown form before dose", -1.0, RAC, 3, KET_E_RANGE, D_NAN,
	  0 },
	{ "order: unknown form before arketamine", 10.0, ARK, 3, KET_E_RANGE,
	  D_NAN, 0 },
	{ "order: dose before arketamine", 0.0, ARK, RAC, KET_E_DOSE, D_NAN,
	  0 },
};

START_TEST(test_form_equivalent)
{
	const struct form_row *r = &form_rows[_i];
	ket_equivalent got = { UNSET, UNSET, UNSET, UNSET_BITS };
	ket_status st = ket_form_equivalent(r->dose_mg, (ket_form)r->from,
	                                    (ket_form)r->to, &got);

	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	if (r->want != KET_OK) {
		check_equivalent_nan(&got, r->name);
		return;
	}
	ck_assert_msg(dbl_same(got.mg, r->mg), "%s: mg %.17g, want %.17g",
	              r->name, got.mg, r->mg);
	ck_assert_msg(dbl_same(got.mg_low, r->mg) &&
	              dbl_same(got.mg_high, r->mg), "%s: low %.17g high "
	              "%.17g, want both %.17g", r->name, got.mg_low,
	              got.mg_high, r->mg);
	ck_assert_msg(got.warnings == r->warnings, "%s: warnings %#x, want "
	              "%#x", r->name, (unsigned)got.warnings,
	              (unsigned)r->warnings);
}
END_TEST

START_TEST(test_form_equivalent_null)
{
	ck_assert_int_eq(ket_form_equivalent(10.0, RAC, ESK, NULL),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_form_equivalent(D_NAN, (ket_form)3, ARK, NULL),
	                 KET_E_NULL);
}
END_TEST

/* --------------------------------------------------------------------
 * Salts: molar masses 237.73 (base) and 274.19 (hydrochloride) g/mol.
 * The expected value is computed from the masses in hundredths of g/mol,
 * 23773 and 27419, in long double.
 * ------------------------------------------------------------------ */
#define BASE_CG 23773.0L
#define HCL_CG 27419.0L

static const double salt_doses[] = { 100.0, 1.0, 50.0, 0.1, 274.19, 237.73,
                                     1e-300, 1e300 };

START_TEST(test_salt_hcl_to_base)
{
	double mg_hcl = salt_doses[_i];
	double want = (double)((long double)mg_hcl * BASE_CG / HCL_CG);
	double got = UNSET;

	ck_assert_int_eq(ket_hydrochloride_to_base(mg_hcl, &got), KET_OK);
	ck_assert_msg(dbl_near(got, want, 1e-12 * want), "%g mg HCl: base "
	              "%.17g, want %.17g", mg_hcl, got, want);
}
END_TEST

START_TEST(test_salt_base_to_hcl)
{
	double mg_base = salt_doses[_i];
	double want = (double)((long double)mg_base * HCL_CG / BASE_CG);
	double rounded = mg_base * 1.1534;
	double got = UNSET;
	double back = UNSET;

	ck_assert_int_eq(ket_base_to_hydrochloride(mg_base, &got), KET_OK);
	ck_assert_msg(dbl_near(got, want, 1e-12 * want), "%g mg base: HCl "
	              "%.17g, want %.17g", mg_base, got, want);
	/* not the rounded factor 1.1534 (about 2.9e-5 relative away) */
	ck_assert_msg(fabs(got - rounded) > 1e-6 * rounded, "%g mg base: "
	              "%.17g uses the rounded factor 1.1534", mg_base, got);
	/* round trip */
	ck_assert_int_eq(ket_hydrochloride_to_base(got, &back), KET_OK);
	ck_assert_msg(dbl_near(back, mg_base, 1e-13 * mg_base), "%g mg base: "
	              "round trip %.17g", mg_base, back);
}
END_TEST

/* Hand values: 100 mg of the hydrochloride is 86.70265... mg base; 100 mg
 * base is 115.33673 mg hydrochloride. */
START_TEST(test_salt_hand)
{
	double got = UNSET;

	ck_assert_int_eq(ket_hydrochloride_to_base(100.0, &got), KET_OK);
	ck_assert_msg(dbl_near(got, 86.702651446077538, 1e-12), "100 mg HCl: "
	              "%.17g", got);
	got = UNSET;
	ck_assert_int_eq(ket_base_to_hydrochloride(100.0, &got), KET_OK);
	ck_assert_msg(dbl_near(got, 115.33672653851008, 1e-12), "100 mg base: "
	              "%.17g", got);
	got = UNSET;
	ck_assert_int_eq(ket_hydrochloride_to_base(274.19, &got), KET_OK);
	ck_assert_msg(dbl_near(got, 237.73, 1e-12), "274.19 mg HCl: %.17g",
	              got);
	got = UNSET;
	ck_assert_int_eq(ket_base_to_hydrochloride(237.73, &got), KET_OK);
	ck_assert_msg(dbl_near(got, 274.19, 1e-12), "237.73 mg base: %.17g",
	              got);
}
END_TEST

struct salt_error_row {
	const char *name;
	double mg;
	ket_status want;
};

static const struct salt_error_row salt_error_rows[] = {
	{ "0", 0.0, KET_E_DOSE },
	{ "-0.0", -0.0, KET_E_DOSE },
	{ "-1", -1.0, KET_E_DOSE },
	{ "-smallest", -4.9e-324, KET_E_DOSE },
	{ "NaN", D_NAN, KET_E_NOT_FINITE },
	{ "+Inf", D_INF, KET_E_NOT_FINITE },
	{ "-Inf", -D_INF, KET_E_NOT_FINITE },
};

START_TEST(test_salt_errors)
{
	const struct salt_error_row *r = &salt_error_rows[_i];
	double got = UNSET;
	ket_status st = ket_hydrochloride_to_base(r->mg, &got);

	ck_assert_msg(st == r->want, "HCl -> base %s: status %d, want %d",
	              r->name, (int)st, (int)r->want);
	ck_assert_msg(isnan(got), "HCl -> base %s: out %g", r->name, got);
	got = UNSET;
	st = ket_base_to_hydrochloride(r->mg, &got);
	ck_assert_msg(st == r->want, "base -> HCl %s: status %d, want %d",
	              r->name, (int)st, (int)r->want);
	ck_assert_msg(isnan(got), "base -> HCl %s: out %g", r->name, got);
	/* NULL comes first */
	ck_assert_int_eq(ket_hydrochloride_to_base(r->mg, NULL), KET_E_NULL);
	ck_assert_int_eq(ket_base_to_hydrochloride(r->mg, NULL), KET_E_NULL);
}
END_TEST

START_TEST(test_salt_null)
{
	ck_assert_int_eq(ket_hydrochloride_to_base(100.0, NULL), KET_E_NULL);
	ck_assert_int_eq(ket_base_to_hydrochloride(100.0, NULL), KET_E_NULL);
}
END_TEST

/* --------------------------------------------------------------------
 * ket_percent_to_mg_per_ml: 1 % w/v = 10 mg/mL, accepts (0, 10] %.
 * ------------------------------------------------------------------ */
struct percent_row {
	const char *name;
	double percent;
	ket_status want;
	double mg_per_ml;
};

static const struct percent_row percent_rows[] = {
	{ "1 %", 1.0, KET_OK, 10.0 },
	{ "10 % (upper bound)", 10.0, KET_OK, 100.0 },
	{ "5 %", 5.0, KET_OK, 50.0 },
	{ "0.5 %", 0.5, KET_OK, 5.0 },
	{ "0.1 %", 0.1, KET_OK, 1.0 },
	{ "0.2 %", 0.2, KET_OK, 2.0 },
	{ "0.001 %", 0.001, KET_OK, 0.01 },
	{ "just below 10 %", 9.9999999999999982, KET_OK, 99.999999999999982 },
	{ "10.01 %", 10.01, KET_E_RANGE, D_NAN },
	{ "just above 10 %", 10.000000000000002, KET_E_RANGE, D_NAN },
	{ "100 %", 100.0, KET_E_RANGE, D_NAN },
	{ "0 %", 0.0, KET_E_RANGE, D_NAN },
	{ "-0.0 %", -0.0, KET_E_RANGE, D_NAN },
	{ "-1 %", -1.0, KET_E_RANGE, D_NAN },
	{ "-smallest %", -4.9e-324, KET_E_RANGE, D_NAN },
	{ "NaN", D_NAN, KET_E_NOT_FINITE, D_NAN },
	{ "+Inf", D_INF, KET_E_NOT_FINITE, D_NAN },
	{ "-Inf", -D_INF, KET_E_NOT_FINITE, D_NAN },
};

START_TEST(test_percent)
{
	const struct percent_row *r = &percent_rows[_i];
	double got = UNSET;
	ket_status st = ket_percent_to_mg_per_ml(r->percent, &got);

	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	if (r->want != KET_OK) {
		ck_assert_msg(isnan(got), "%s: out %g, want NaN", r->name,
		              got);
		ck_assert_int_eq(ket_percent_to_mg_per_ml(r->percent, NULL),
		                 KET_E_NULL);
		return;
	}
	ck_assert_msg(dbl_near(got, r->mg_per_ml, 1e-12 * r->mg_per_ml),
	              "%s: %.17g mg/mL, want %.17g", r->name, got,
	              r->mg_per_ml);
}
END_TEST

START_TEST(test_percent_null)
{
	ck_assert_int_eq(ket_percent_to_mg_per_ml(1.0, NULL), KET_E_NULL);
}
END_TEST

/* Results that would overflow are refused, never infinity with KET_OK:
 * 1e308 x 1 / 0.54 (the oral low, with norketamine) exceeds DBL_MAX. */
START_TEST(test_overflow_refused)
{
	ket_equivalent e;
	double out = 0.0;

	ck_assert_int_eq(ket_route_equivalent(1e308, KET_ROUTE_IV,
	                                      KET_ROUTE_ORAL,
	                                      KET_BASIS_WITH_NORKETAMINE, &e),
	                 KET_E_RANGE);
	ck_assert(isnan(e.mg) && isnan(e.mg_low) && isnan(e.mg_high));
	ck_assert_uint_eq(e.warnings, 0);
	ck_assert_int_eq(ket_form_equivalent(1e308, KET_FORM_ESKETAMINE,
	                                     KET_FORM_RACEMIC, &e),
	                 KET_E_RANGE);
	ck_assert(isnan(e.mg));
	ck_assert_int_eq(ket_base_to_hydrochloride(DBL_MAX, &out),
	                 KET_E_RANGE);
	ck_assert(isnan(out));
	/* Just inside: 1e307 x 2 is finite. */
	ck_assert_int_eq(ket_form_equivalent(1e307, KET_FORM_ESKETAMINE,
	                                     KET_FORM_RACEMIC, &e), KET_OK);
	ck_assert(fabs(e.mg - 2e307) <= 2e307 * 1e-15);
}
END_TEST

/* Fuzz findings (tests/fuzz/crashes/conversions): a positive dose must
 * never come back as 0, nor infinity, with KET_OK.  The smallest denormal
 * (about 4.9e-324) x 0.24, or x 0.5, rounds to 0. */
START_TEST(test_fuzz_underflow_refused)
{
	ket_equivalent e;
	double tiny = 4.9406564584124654e-324, out = 0.0;

	ck_assert_int_eq(ket_route_equivalent(tiny, KET_ROUTE_SUBLINGUAL,
	                                      KET_ROUTE_IV, KET_BASIS_KETAMINE,
	                                      &e), KET_E_RANGE);
	ck_assert(isnan(e.mg) && isnan(e.mg_low) && isnan(e.mg_high));
	ck_assert_int_eq(ket_form_equivalent(tiny, KET_FORM_RACEMIC,
	                                     KET_FORM_ESKETAMINE, &e),
	                 KET_E_RANGE);
	ck_assert(isnan(e.mg));
	/* Hydrochloride to base shrinks the amount: DBL_MAX fits, and 7e305
	 * mg base (x 1.1534 = 8.07e305) fits the other way. */
	ck_assert_int_eq(ket_hydrochloride_to_base(DBL_MAX, &out), KET_OK);
	ck_assert(fabs(out - DBL_MAX / 274.19 * 237.73) <= out * 1e-15);
	ck_assert_int_eq(ket_base_to_hydrochloride(7e305, &out), KET_OK);
	ck_assert(fabs(out - 7e305 / 237.73 * 274.19) <= out * 1e-15);
	/* The molar-mass ratios are near 1: a denormal stays positive. */
	ck_assert_int_eq(ket_hydrochloride_to_base(tiny, &out), KET_OK);
	ck_assert(out > 0.0);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/):
 * a result below 1 mg is a dose, not an underflow: 1 mg oral is
 * 1 x 0.23 / 1 = 0.23 mg IV (ketamine alone; low 0.17, high 0.24). */
START_TEST(test_mut_small_equivalent)
{
	ket_equivalent e;

	ck_assert_int_eq(ket_route_equivalent(1, KET_ROUTE_ORAL, KET_ROUTE_IV,
	                                      KET_BASIS_KETAMINE, &e), KET_OK);
	ck_assert_msg(dbl_near(e.mg, 0.23, REL_TOL * 0.23), "%.17g mg", e.mg);
	ck_assert_msg(dbl_near(e.mg_low, 0.17, REL_TOL * 0.17), "%.17g mg",
	              e.mg_low);
	ck_assert_msg(dbl_near(e.mg_high, 0.24, REL_TOL * 0.24), "%.17g mg",
	              e.mg_high);
}
END_TEST

Suite *ket_suite_route(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("names");

	tcase_add_loop_test(tc, test_route_name, 0, N_ROUTES);
	tcase_add_loop_test(tc, test_route_label, 0, N_ROUTES);
	tcase_add_loop_test(tc, test_route_name_unknown, 0,
	                    N_ROWS(unknown_routes));
	suite_add_tcase(s, tc);

	tc = tcase_create("bioavailability");
	tcase_add_loop_test(tc, test_bioavailability, 0, N_ROUTES * 2);
	tcase_add_loop_test(tc, test_bioavailability_errors, 0,
	                    N_ROWS(bio_error_rows));
	tcase_add_test(tc, test_bioavailability_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("equivalent");
	tcase_add_loop_test(tc, test_equivalent_hand, 0, N_ROWS(equiv_rows));
	tcase_add_loop_test(tc, test_equivalent_all_pairs, 0,
	                    2 * N_ROUTES * N_ROUTES);
	tcase_add_loop_test(tc, test_equivalent_errors, 0,
	                    N_ROWS(equiv_error_rows));
	tcase_add_test(tc, test_equivalent_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("check");
	tcase_add_loop_test(tc, test_route_check, 0, N_ROWS(check_rows));
	tcase_add_test(tc, test_route_check_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("form");
	tcase_add_loop_test(tc, test_form_equivalent, 0, N_ROWS(form_rows));
	tcase_add_test(tc, test_form_equivalent_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("salt");
	tcase_add_loop_test(tc, test_salt_hcl_to_base, 0, N_ROWS(salt_doses));
	tcase_add_loop_test(tc, test_salt_base_to_hcl, 0, N_ROWS(salt_doses));
	tcase_add_test(tc, test_salt_hand);
	tcase_add_loop_test(tc, test_salt_errors, 0,
	                    N_ROWS(salt_error_rows));
	tcase_add_test(tc, test_salt_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("percent");
	tcase_add_loop_test(tc, test_percent, 0, N_ROWS(percent_rows));
	tcase_add_test(tc, test_percent_null);
	suite_add_tcase(s, tc);
	tc = tcase_create("overflow");
	tcase_add_test(tc, test_overflow_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("fuzz_regressions");
	tcase_add_test(tc, test_fuzz_underflow_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_small_equivalent);
	suite_add_tcase(s, tc);
	return s;
}
