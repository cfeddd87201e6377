/*
 * check_limits.c - ket_limits_for_profile and ket_limits_validate.
 *
 * The four built-in profiles are typed in field by field from CLINICAL.md's
 * table "Built-in limit profiles (decisions)".  Every validation rule of
 * API.md "Limits" is exercised just inside and just outside.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"

/* The double fields of ket_limits, in declaration order. */
struct field_desc {
	const char *name;
	size_t offset;
	int required; /* must be above 0 */
};

#define FIELD(f, req) { #f, offsetof(ket_limits, f), req }

static const struct field_desc fields[] = {
	FIELD(weight_soft_min_kg, 0),
	FIELD(weight_soft_max_kg, 0),
	FIELD(concentration_max_mg_per_ml, 0),
	FIELD(infusion_soft_min_mg_per_kg_per_h, 0),
	FIELD(infusion_soft_max_mg_per_kg_per_h, 0),
	FIELD(infusion_hard_max_mg_per_kg_per_h, 1),
	FIELD(infusion_soft_max_mg_per_h, 0),
	FIELD(infusion_cap_mg_per_h, 0),
	FIELD(bolus_soft_max_mg_per_kg, 0),
	FIELD(bolus_hard_max_mg_per_kg, 1),
	FIELD(bolus_soft_max_mg, 0),
	FIELD(bolus_cap_mg, 0),
	FIELD(daily_soft_max_mg_per_24h, 0),
	FIELD(daily_hard_max_mg_per_24h, 0),
	FIELD(pca_hard_max_mg_per_kg_per_h, 1),
	FIELD(oral_soft_max_mg_per_24h, 0),
	FIELD(oral_hard_max_mg_per_24h, 1),
};

#undef FIELD

static double *field_ptr(ket_limits *l, const struct field_desc *f)
{
	return (double *)(void *)((char *)l + f->offset);
}

static double field_get(const ket_limits *l, const struct field_desc *f)
{
	return *(const double *)(const void *)((const char *)l + f->offset);
}

/* ------------------------------------------------------------- profiles */

struct profile_row {
	const char *name;
	ket_profile profile;
	ket_limits want;
};

/* CLINICAL.md, "Built-in limit profiles (decisions)". */
static const struct profile_row profile_rows[] = {
	{ "LOW_DOSE_ANALGESIA", KET_PROFILE_LOW_DOSE_ANALGESIA, {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 40, .weight_soft_max_kg = 150,
		.concentration_max_mg_per_ml = 5,
		.infusion_soft_min_mg_per_kg_per_h = 0.05,
		.infusion_soft_max_mg_per_kg_per_h = 0.2,
		.infusion_hard_max_mg_per_kg_per_h = 0.5,
		.infusion_soft_max_mg_per_h = 25,
		.infusion_cap_mg_per_h = 0,
		.bolus_soft_max_mg_per_kg = 0.2,
		.bolus_hard_max_mg_per_kg = 0.35,
		.bolus_soft_max_mg = 25,
		.bolus_cap_mg = 0,
		.daily_soft_max_mg_per_24h = 0,
		.daily_hard_max_mg_per_24h = 0,
		.pca_hard_max_mg_per_kg_per_h = 0.5,
		.oral_soft_max_mg_per_24h = 240,
		.oral_hard_max_mg_per_24h = 800 } },
	{ "ACUTE_PAIN_ASRA", KET_PROFILE_ACUTE_PAIN_ASRA, {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 40, .weight_soft_max_kg = 150,
		.concentration_max_mg_per_ml = 5,
		.infusion_soft_min_mg_per_kg_per_h = 0.05,
		.infusion_soft_max_mg_per_kg_per_h = 0.5,
		.infusion_hard_max_mg_per_kg_per_h = 1.0,
		.infusion_soft_max_mg_per_h = 50,
		.infusion_cap_mg_per_h = 0,
		.bolus_soft_max_mg_per_kg = 0.2,
		.bolus_hard_max_mg_per_kg = 0.35,
		.bolus_soft_max_mg = 35,
		.bolus_cap_mg = 0,
		.daily_soft_max_mg_per_24h = 0,
		.daily_hard_max_mg_per_24h = 0,
		.pca_hard_max_mg_per_kg_per_h = 1.0,
		.oral_soft_max_mg_per_24h = 240,
		.oral_hard_max_mg_per_24h = 800 } },
	{ "PALLIATIVE_BURST", KET_PROFILE_PALLIATIVE_BURST, {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 30, .weight_soft_max_kg = 150,
		.concentration_max_mg_per_ml = 50,
		.infusion_soft_min_mg_per_kg_per_h = 0,
		.infusion_soft_max_mg_per_kg_per_h = 0.5,
		.infusion_hard_max_mg_per_kg_per_h = 1.0,
		.infusion_soft_max_mg_per_h = 0,
		.infusion_cap_mg_per_h = 0,
		.bolus_soft_max_mg_per_kg = 0.1,
		.bolus_hard_max_mg_per_kg = 0.35,
		.bolus_soft_max_mg = 25,
		.bolus_cap_mg = 0,
		.daily_soft_max_mg_per_24h = 500,
		.daily_hard_max_mg_per_24h = 700,
		.pca_hard_max_mg_per_kg_per_h = 1.0,
		.oral_soft_max_mg_per_24h = 240,
		.oral_hard_max_mg_per_24h = 800 } },
	{ "PEDIATRIC_ANALGESIA", KET_PROFILE_PEDIATRIC_ANALGESIA, {
		.form = KET_FORM_RACEMIC,
		.weight_soft_min_kg = 3, .weight_soft_max_kg = 60,
		.concentration_max_mg_per_ml = 5,
		.infusion_soft_min_mg_per_kg_per_h = 0.1,
		.infusion_soft_max_mg_per_kg_per_h = 0.3,
		.infusion_hard_max_mg_per_kg_per_h = 0.6,
		.infusion_soft_max_mg_per_h = 15,
		.infusion_cap_mg_per_h = 0,
		.bolus_soft_max_mg_per_kg = 0.25,
		.bolus_hard_max_mg_per_kg = 0.5,
		.bolus_soft_max_mg = 15,
		.bolus_cap_mg = 0,
		.daily_soft_max_mg_per_24h = 0,
		.daily_hard_max_mg_per_24h = 0,
		.pca_hard_max_mg_per_kg_per_h = 0.6,
		.oral_soft_max_mg_per_24h = 60,
		.oral_hard_max_mg_per_24h = 200 } },
};

START_TEST(test_profile_fields)
{
	const struct profile_row *row = &profile_rows[_i];
	ket_limits got;
	ket_status st;
	int f;

	memset(&got, 0xA5, sizeof got);
	st = ket_limits_for_profile(row->profile, &got);
	ck_assert_msg(st == KET_OK, "%s: status %s", row->name,
	              ket_status_name(st));
	ck_assert_msg(got.form == row->want.form, "%s: form %d, want %d",
	              row->name, (int)got.form, (int)row->want.form);
	for (f = 0; f < TU_ROWS(fields); f++) {
		double g = field_get(&got, &fields[f]);
		double w = field_get(&row->want, &fields[f]);

		/* Typed values: exact up to the last bit of the literal. */
		ck_assert_msg(tu_close(g, w, 1e-15, 0.0), "%s: %s %.17g, "
		              "want %.17g", row->name, fields[f].name, g, w);
	}
}
END_TEST

START_TEST(test_profile_validates)
{
	const struct profile_row *row = &profile_rows[_i];
	ket_limits lim;
	ket_report report;
	ket_status st;

	st = ket_limits_for_profile(row->profile, &lim);
	ck_assert_int_eq(st, KET_OK);
	memset(&report, 0xA5, sizeof report);
	st = ket_limits_validate(&lim, &report);
	ck_assert_msg(st == KET_OK, "%s: status %s", row->name,
	              ket_status_name(st));
	ck_assert_uint_eq(report.count, 0);
	ck_assert_uint_eq(report.dropped, 0);
	st = ket_limits_validate(&lim, NULL);
	ck_assert_int_eq(st, KET_OK);
}
END_TEST

static const int unknown_profiles[] = { 4, 5, 100, -1, -100 };

START_TEST(test_profile_unknown)
{
	ket_limits got;
	ket_status st;
	int f;

	memset(&got, 0, sizeof got);
	got.form = 2;
	st = ket_limits_for_profile((ket_profile)unknown_profiles[_i], &got);
	ck_assert_msg(st == KET_E_RANGE, "profile %d: status %s",
	              unknown_profiles[_i], ket_status_name(st));
	ck_assert_int_eq(got.form, 0);
	for (f = 0; f < TU_ROWS(fields); f++)
		ck_assert_msg(isnan(field_get(&got, &fields[f])),
		              "profile %d: %s not NaN", unknown_profiles[_i],
		              fields[f].name);
}
END_TEST

START_TEST(test_profile_null)
{
	ket_status st;

	st = ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_limits_for_profile((ket_profile)99, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

/* ------------------------------------------------------------- validate */

/* The default profile: valid, every field non-zero where it may be. */
static void base_limits(ket_limits *l)
{
	ket_status st = ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                       l);

	ck_assert_int_eq(st, KET_OK);
}

/* A profile with every optional field set, for the relation rules. */
static void full_limits(ket_limits *l)
{
	ket_status st = ket_limits_for_profile(KET_PROFILE_PALLIATIVE_BURST,
	                                       l);

	ck_assert_int_eq(st, KET_OK);
	l->infusion_soft_min_mg_per_kg_per_h = 0.05;
	l->infusion_soft_max_mg_per_h = 40;
	l->infusion_cap_mg_per_h = 45;
	l->bolus_cap_mg = 30;
}

/* Checks KET_E_LIMITS with findings[0] naming `field`. */
static void expect_limits_error(const char *label, const ket_limits *l,
				const char *field)
{
	ket_report report;
	ket_status st;
	const ket_finding *f;

	memset(&report, 0xA5, sizeof report);
	st = ket_limits_validate(l, &report);
	ck_assert_msg(st == KET_E_LIMITS, "%s: status %s, want KET_E_LIMITS",
	              label, ket_status_name(st));
	ck_assert_msg(report.count == 1, "%s: %lu findings, want 1", label,
	              (unsigned long)report.count);
	ck_assert_uint_eq(report.dropped, 0);
	f = &report.findings[0];
	ck_assert_msg(f->status == KET_E_LIMITS, "%s: finding status %s",
	              label, ket_status_name((ket_status)f->status));
	ck_assert_msg(f->item == KET_ITEM_LIMITS, "%s: item %d", label,
	              (int)f->item);
	ck_assert_msg(f->warning == 0, "%s: warning %lu", label,
	              (unsigned long)f->warning);
	ck_assert_msg(f->field != NULL, "%s: NULL field", label);
	ck_assert_msg(f->unit != NULL, "%s: NULL unit", label);
	ck_assert_msg(strcmp(f->field, field) == 0,
	              "%s: field \"%s\", want \"%s\"", label, f->field, field);
	st = ket_limits_validate(l, NULL);
	ck_assert_msg(st == KET_E_LIMITS, "%s: without report: %s", label,
	              ket_status_name(st));
}

static void expect_valid(const char *label, const ket_limits *l)
{
	ket_report report;
	ket_status st;

	memset(&report, 0xA5, sizeof report);
	st = ket_limits_validate(l, &report);
	ck_assert_msg(st == KET_OK, "%s: status %s, want KET_OK", label,
	              ket_status_name(st));
	ck_assert_uint_eq(report.count, 0);
	ck_assert_uint_eq(report.dropped, 0);
}

/* Each double field NaN, +Inf, -Inf, -1 and the smallest negative: 5 bad
 * values x 17 fields. */
static const char *const bad_names[] = {
	"NaN", "+Inf", "-Inf", "-1", "-DBL_TRUE_MIN"
};

static double bad_value(int k)
{
	switch (k) {
	case 0: return tu_nan();
	case 1: return tu_inf();
	case 2: return -tu_inf();
	case 3: return -1.0;
	default: return -nextafter(0.0, 1.0);
	}
}

START_TEST(test_validate_bad_field)
{
	int fi = _i / TU_ROWS(bad_names), k = _i % TU_ROWS(bad_names);
	const struct field_desc *fd = &fields[fi];
	double bad = bad_value(k);
	char label[128];
	ket_limits lim;
	ket_report report;
	ket_status st;

	full_limits(&lim);
	*field_ptr(&lim, fd) = bad;
	snprintf(label, sizeof label, "%s = %s", fd->name, bad_names[k]);
	expect_limits_error(label, &lim, fd->name);

	/* The finding's value is the field's value. */
	memset(&report, 0, sizeof report);
	st = ket_limits_validate(&lim, &report);
	ck_assert_int_eq(st, KET_E_LIMITS);
	if (isnan(bad))
		ck_assert_msg(isnan(report.findings[0].value), "%s: value %g",
		              label, report.findings[0].value);
	else if (isinf(bad))
		ck_assert_msg(isinf(report.findings[0].value) &&
		              (report.findings[0].value > 0) == (bad > 0),
		              "%s: value %g", label, report.findings[0].value);
	else
		ck_assert_msg(tu_close(report.findings[0].value, bad, 0.0, 0.0),
		              "%s: value %g", label, report.findings[0].value);
}
END_TEST

/* Also from the sparse default profile (many fields 0). */
START_TEST(test_validate_bad_field_default)
{
	int fi = _i / TU_ROWS(bad_names), k = _i % TU_ROWS(bad_names);
	const struct field_desc *fd = &fields[fi];
	char label[128];
	ket_limits lim;

	base_limits(&lim);
	*field_ptr(&lim, fd) = bad_value(k);
	snprintf(label, sizeof label, "default, %s = %s", fd->name,
	         bad_names[k]);
	expect_limits_error(label, &lim, fd->name);
}
END_TEST

/* 0 and -0.0: "none" for an optional field, an error for a required one. */
START_TEST(test_validate_zero_field)
{
	const struct field_desc *fd = &fields[_i / 2];
	int neg = _i % 2;
	char label[128];
	ket_limits lim;

	full_limits(&lim);
	*field_ptr(&lim, fd) = neg ? tu_neg_zero() : 0.0;
	snprintf(label, sizeof label, "%s = %s", fd->name,
	         neg ? "-0.0" : "0");
	if (fd->required)
		expect_limits_error(label, &lim, fd->name);
	else
		expect_valid(label, &lim);
}
END_TEST

/* A limits struct with every field at the smallest valid value. */
START_TEST(test_validate_minimal)
{
	ket_limits lim;

	memset(&lim, 0, sizeof lim);
	lim.form = KET_FORM_RACEMIC;
	lim.infusion_hard_max_mg_per_kg_per_h = 0.5;
	lim.bolus_hard_max_mg_per_kg = 0.35;
	lim.pca_hard_max_mg_per_kg_per_h = 0.5;
	lim.oral_hard_max_mg_per_24h = 800;
	expect_valid("only the four required fields", &lim);
	lim.oral_hard_max_mg_per_24h = 1e-300;
	expect_valid("tiny positive required field", &lim);
}
END_TEST

/* Relation rules: a modification of full_limits() and the expectation. */
struct rel_row {
	const char *name;
	int which;        /* what to change, see apply_rel() */
	double value;
	const char *field; /* NULL: valid */
	double limit;      /* the bound broken (checked when field set) */
};

enum {
	R_INF_SOFT_MAX, R_BOLUS_SOFT, R_DAILY_SOFT, R_ORAL_SOFT,
	R_SOFT_MIN, R_SOFT_MIN_NO_SOFT_MAX, R_WEIGHT_MIN, R_WEIGHT_MIN_NO_MAX,
	R_DAILY_SOFT_NO_HARD, R_SOFT_MIN_SOFT_MAX_INVALID,
	R_SOFT_MAX_INVALID_MIN_0_999, R_SOFT_MIN_HARD_0, R_WEIGHT_MAX
};

static const struct rel_row rel_rows[] = {
	/* Soft maximum at most its hard maximum (1.0, 0.35, 700, 800). */
	{ "infusion soft = hard", R_INF_SOFT_MAX, 1.0, NULL, 0 },
	{ "infusion soft 1.000001 > hard 1", R_INF_SOFT_MAX, 1.000001,
	  "infusion_soft_max_mg_per_kg_per_h", 1.0 },
	{ "infusion soft 5 > hard 1", R_INF_SOFT_MAX, 5,
	  "infusion_soft_max_mg_per_kg_per_h", 1.0 },
	{ "bolus soft = hard", R_BOLUS_SOFT, 0.35, NULL, 0 },
	{ "bolus soft 0.350001 > hard", R_BOLUS_SOFT, 0.350001,
	  "bolus_soft_max_mg_per_kg", 0.35 },
	{ "daily soft = hard", R_DAILY_SOFT, 700, NULL, 0 },
	{ "daily soft 700.001 > hard", R_DAILY_SOFT, 700.001,
	  "daily_soft_max_mg_per_24h", 700 },
	{ "oral soft = hard", R_ORAL_SOFT, 800, NULL, 0 },
	{ "oral soft 800.001 > hard", R_ORAL_SOFT, 800.001,
	  "oral_soft_max_mg_per_24h", 800 },
	/* A daily soft maximum without a daily hard maximum is valid. */
	{ "daily soft 500, no daily hard", R_DAILY_SOFT_NO_HARD, 500, NULL,
	  0 },
	{ "daily soft 5000, no daily hard", R_DAILY_SOFT_NO_HARD, 5000, NULL,
	  0 },
	/* Soft minimum below the soft maximum (0.5). */
	{ "soft min 0.499 < soft max", R_SOFT_MIN, 0.499, NULL, 0 },
	{ "soft min = soft max", R_SOFT_MIN, 0.5,
	  "infusion_soft_min_mg_per_kg_per_h", 0.5 },
	{ "soft min 0.6 > soft max", R_SOFT_MIN, 0.6,
	  "infusion_soft_min_mg_per_kg_per_h", 0.5 },
	/* ... or, with no soft maximum, below the hard maximum (1.0). */
	{ "no soft max: soft min 0.999", R_SOFT_MIN_NO_SOFT_MAX, 0.999, NULL,
	  0 },
	{ "no soft max: soft min = hard", R_SOFT_MIN_NO_SOFT_MAX, 1.0,
	  "infusion_soft_min_mg_per_kg_per_h", 1.0 },
	{ "no soft max: soft min 2 > hard", R_SOFT_MIN_NO_SOFT_MAX, 2.0,
	  "infusion_soft_min_mg_per_kg_per_h", 1.0 },
	/* ... or, when the soft maximum is itself invalid (1.5 above the
	 * hard maximum 1.0), below the hard maximum (API.md: partners that
	 * are themselves valid): the soft minimum is named when it reaches
	 * the hard maximum, else the soft maximum is. */
	{ "invalid soft max: soft min 1.2 >= hard",
	  R_SOFT_MIN_SOFT_MAX_INVALID, 1.2,
	  "infusion_soft_min_mg_per_kg_per_h", 1.0 },
	{ "invalid soft max: soft min = hard", R_SOFT_MIN_SOFT_MAX_INVALID,
	  1.0, "infusion_soft_min_mg_per_kg_per_h", 1.0 },
	{ "soft min 0.999 < hard: soft max 1.5 named",
	  R_SOFT_MAX_INVALID_MIN_0_999, 1.5,
	  "infusion_soft_max_mg_per_kg_per_h", 1.0 },
	/* A soft maximum whose hard maximum is 0 (itself invalid, named
	 * later) has no relation to break: it is a valid partner, and a
	 * soft minimum 0.3 above the soft maximum 0.2 is named first. */
	{ "hard max 0: soft min 0.3 > soft max 0.2", R_SOFT_MIN_HARD_0, 0.3,
	  "infusion_soft_min_mg_per_kg_per_h", 0.2 },
	/* Weight minimum below a non-zero maximum (150). */
	{ "weight min 149.99", R_WEIGHT_MIN, 149.99, NULL, 0 },
	{ "weight min = max", R_WEIGHT_MIN, 150, "weight_soft_min_kg", 150 },
	{ "weight min 150.01 > max", R_WEIGHT_MIN, 150.01,
	  "weight_soft_min_kg", 150 },
	{ "weight min 500, no max", R_WEIGHT_MIN_NO_MAX, 500, NULL, 0 },
	{ "weight max 30 = min", R_WEIGHT_MAX, 30, "weight_soft_min_kg",
	  30 },
	{ "weight max 30.01 > min", R_WEIGHT_MAX, 30.01, NULL, 0 },
};

static void apply_rel(ket_limits *l, int which, double v)
{
	switch (which) {
	case R_INF_SOFT_MAX:
		l->infusion_soft_max_mg_per_kg_per_h = v;
		break;
	case R_BOLUS_SOFT:
		l->bolus_soft_max_mg_per_kg = v;
		break;
	case R_DAILY_SOFT:
		l->daily_soft_max_mg_per_24h = v;
		break;
	case R_ORAL_SOFT:
		l->oral_soft_max_mg_per_24h = v;
		break;
	case R_SOFT_MIN:
		l->infusion_soft_min_mg_per_kg_per_h = v;
		break;
	case R_SOFT_MIN_NO_SOFT_MAX:
		l->infusion_soft_max_mg_per_kg_per_h = 0;
		l->infusion_soft_min_mg_per_kg_per_h = v;
		break;
	case R_WEIGHT_MIN:
		l->weight_soft_min_kg = v;
		break;
	case R_WEIGHT_MIN_NO_MAX:
		l->weight_soft_max_kg = 0;
		l->weight_soft_min_kg = v;
		break;
	case R_DAILY_SOFT_NO_HARD:
		l->daily_hard_max_mg_per_24h = 0;
		l->daily_soft_max_mg_per_24h = v;
		break;
	case R_SOFT_MIN_SOFT_MAX_INVALID:
		l->infusion_soft_max_mg_per_kg_per_h = 1.5;
		l->infusion_soft_min_mg_per_kg_per_h = v;
		break;
	case R_SOFT_MIN_HARD_0:
		l->infusion_hard_max_mg_per_kg_per_h = 0;
		l->infusion_soft_max_mg_per_kg_per_h = 0.2;
		l->infusion_soft_min_mg_per_kg_per_h = v;
		break;
	case R_SOFT_MAX_INVALID_MIN_0_999:
		l->infusion_soft_max_mg_per_kg_per_h = v;
		l->infusion_soft_min_mg_per_kg_per_h = 0.999;
		break;
	default: /* R_WEIGHT_MAX: the minimum is 30 */
		l->weight_soft_max_kg = v;
		break;
	}
}

START_TEST(test_validate_relation)
{
	const struct rel_row *row = &rel_rows[_i];
	ket_limits lim;
	ket_report report;
	ket_status st;

	full_limits(&lim);
	apply_rel(&lim, row->which, row->value);
	if (row->field == NULL) {
		expect_valid(row->name, &lim);
		return;
	}
	expect_limits_error(row->name, &lim, row->field);
	memset(&report, 0, sizeof report);
	st = ket_limits_validate(&lim, &report);
	ck_assert_int_eq(st, KET_E_LIMITS);
	ck_assert_msg(tu_close(report.findings[0].value, row->value, 0.0,
	              0.0), "%s: value %.17g, want %.17g", row->name,
	              report.findings[0].value, row->value);
	ck_assert_msg(tu_close(report.findings[0].limit, row->limit, 0.0,
	              0.0), "%s: limit %.17g, want %.17g", row->name,
	              report.findings[0].limit, row->limit);
}
END_TEST

/* Typed values are compared exactly: one ulp above the hard maximum. */
START_TEST(test_validate_soft_one_ulp_above)
{
	ket_limits lim;

	full_limits(&lim);
	lim.infusion_soft_max_mg_per_kg_per_h =
		nextafter(lim.infusion_hard_max_mg_per_kg_per_h, 2.0);
	expect_limits_error("infusion soft one ulp above hard", &lim,
	                    "infusion_soft_max_mg_per_kg_per_h");
	full_limits(&lim);
	lim.oral_soft_max_mg_per_24h =
		nextafter(lim.oral_hard_max_mg_per_24h, 1e9);
	expect_limits_error("oral soft one ulp above hard", &lim,
	                    "oral_soft_max_mg_per_24h");
}
END_TEST

/* Forms: known ones valid, unknown ones KET_E_LIMITS naming "form". */
static const int form_values[] = { 0, 1, 2, 3, -1, 100 };

START_TEST(test_validate_form)
{
	int form = form_values[_i];
	ket_limits lim;
	ket_report report;
	ket_status st;
	char label[64];

	full_limits(&lim);
	lim.form = form;
	snprintf(label, sizeof label, "form %d", form);
	if (form >= 0 && form <= 2) {
		expect_valid(label, &lim);
		return;
	}
	expect_limits_error(label, &lim, "form");
	memset(&report, 0, sizeof report);
	st = ket_limits_validate(&lim, &report);
	ck_assert_int_eq(st, KET_E_LIMITS);
	ck_assert_msg(tu_close(report.findings[0].value, (double)form, 0.0,
	              0.0), "%s: value %g", label, report.findings[0].value);
}
END_TEST

/* Several faults: the first field in declaration order is named, and a
 * relation is judged only against a valid partner. */
struct order_row {
	const char *name;
	int which;
	const char *field;
};

static const struct order_row order_rows[] = {
	{ "form 7 + concentration -1", 0, "form" },
	{ "weight min NaN + oral hard 0", 1, "weight_soft_min_kg" },
	{ "concentration Inf + bolus hard NaN", 2,
	  "concentration_max_mg_per_ml" },
	{ "soft max above NaN hard: hard named", 3,
	  "infusion_hard_max_mg_per_kg_per_h" },
	{ "soft max above hard 0: hard named", 4,
	  "infusion_hard_max_mg_per_kg_per_h" },
	{ "soft min 0.3 < soft max 1.5 > hard 1: soft max named", 5,
	  "infusion_soft_max_mg_per_kg_per_h" },
	{ "bolus soft above negative hard: hard named", 6,
	  "bolus_hard_max_mg_per_kg" },
	{ "daily soft above Inf daily hard: hard named", 7,
	  "daily_hard_max_mg_per_24h" },
	{ "oral soft 900 + oral hard 0: hard named", 8,
	  "oral_hard_max_mg_per_24h" },
	{ "weight min 200 + weight max NaN: max named", 9,
	  "weight_soft_max_kg" },
	{ "pca hard 0 + oral soft > oral hard: pca named", 10,
	  "pca_hard_max_mg_per_kg_per_h" },
};

START_TEST(test_validate_order)
{
	const struct order_row *row = &order_rows[_i];
	ket_limits lim;

	full_limits(&lim);
	switch (row->which) {
	case 0:
		lim.form = 7;
		lim.concentration_max_mg_per_ml = -1;
		break;
	case 1:
		lim.weight_soft_min_kg = tu_nan();
		lim.oral_hard_max_mg_per_24h = 0;
		break;
	case 2:
		lim.concentration_max_mg_per_ml = tu_inf();
		lim.bolus_hard_max_mg_per_kg = tu_nan();
		break;
	case 3:
		lim.infusion_soft_max_mg_per_kg_per_h = 5;
		lim.infusion_hard_max_mg_per_kg_per_h = tu_nan();
		break;
	case 4:
		lim.infusion_soft_max_mg_per_kg_per_h = 5;
		lim.infusion_hard_max_mg_per_kg_per_h = 0;
		break;
	case 5:
		lim.infusion_soft_min_mg_per_kg_per_h = 0.3;
		lim.infusion_soft_max_mg_per_kg_per_h = 1.5;
		break;
	case 6:
		lim.bolus_soft_max_mg_per_kg = 0.2;
		lim.bolus_hard_max_mg_per_kg = -0.35;
		break;
	case 7:
		lim.daily_soft_max_mg_per_24h = 500;
		lim.daily_hard_max_mg_per_24h = tu_inf();
		break;
	case 8:
		lim.oral_soft_max_mg_per_24h = 900;
		lim.oral_hard_max_mg_per_24h = 0;
		break;
	case 9:
		lim.weight_soft_min_kg = 200;
		lim.weight_soft_max_kg = tu_nan();
		break;
	default:
		lim.pca_hard_max_mg_per_kg_per_h = 0;
		lim.oral_soft_max_mg_per_24h = 900;
		break;
	}
	expect_limits_error(row->name, &lim, row->field);
}
END_TEST

START_TEST(test_validate_null)
{
	ket_report report;
	ket_status st;

	st = ket_limits_validate(NULL, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_limits_validate(NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

/* The input is not modified. */
START_TEST(test_validate_const)
{
	ket_limits lim, copy;
	ket_status st;

	full_limits(&lim);
	lim.oral_soft_max_mg_per_24h = 900;
	copy = lim;
	st = ket_limits_validate(&lim, NULL);
	ck_assert_int_eq(st, KET_E_LIMITS);
	ck_assert_int_eq(memcmp(&lim, &copy, sizeof lim), 0);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/).
 * Header: the finding holds "the bound it broke or NaN": NaN for a
 * non-finite field (no bound), 0 for a negative one and for a required
 * field of 0 ("above 0"). */
static void expect_bound(const char *label, const ket_limits *l,
                         double value, double limit)
{
	ket_report report;

	memset(&report, 0xA5, sizeof report);
	ck_assert_int_eq(ket_limits_validate(l, &report), KET_E_LIMITS);
	ck_assert_uint_eq(report.count, 1);
	if (isnan(value))
		ck_assert_msg(isnan(report.findings[0].value), "%s: value %g",
		              label, report.findings[0].value);
	else
		ck_assert_msg(tu_close(report.findings[0].value, value, 0, 0),
		              "%s: value %g, want %g", label,
		              report.findings[0].value, value);
	if (isnan(limit))
		ck_assert_msg(isnan(report.findings[0].limit), "%s: limit %g",
		              label, report.findings[0].limit);
	else
		ck_assert_msg(tu_close(report.findings[0].limit, limit, 0, 0),
		              "%s: limit %g, want %g", label,
		              report.findings[0].limit, limit);
}

START_TEST(test_mut_validate_bounds)
{
	ket_limits l;

	full_limits(&l);
	l.bolus_cap_mg = tu_nan();
	expect_bound("bolus_cap_mg NaN", &l, tu_nan(), tu_nan());
	full_limits(&l);
	l.bolus_cap_mg = -1;
	expect_bound("bolus_cap_mg -1", &l, -1, 0);
	full_limits(&l);
	l.infusion_hard_max_mg_per_kg_per_h = 0;
	expect_bound("infusion hard max 0", &l, 0, 0);
}
END_TEST

Suite *ket_suite_limits(void)
{
	Suite *s = suite_create("limits");
	TCase *tc;

	tc = tcase_create("profiles");
	tcase_add_loop_test(tc, test_profile_fields, 0, TU_ROWS(profile_rows));
	tcase_add_loop_test(tc, test_profile_validates, 0,
	                    TU_ROWS(profile_rows));
	tcase_add_loop_test(tc, test_profile_unknown, 0,
	                    TU_ROWS(unknown_profiles));
	tcase_add_test(tc, test_profile_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("validate");
	tcase_add_loop_test(tc, test_validate_bad_field, 0,
	                    TU_ROWS(fields) * TU_ROWS(bad_names));
	tcase_add_loop_test(tc, test_validate_bad_field_default, 0,
	                    TU_ROWS(fields) * TU_ROWS(bad_names));
	tcase_add_loop_test(tc, test_validate_zero_field, 0,
	                    TU_ROWS(fields) * 2);
	tcase_add_test(tc, test_validate_minimal);
	tcase_add_loop_test(tc, test_validate_relation, 0, TU_ROWS(rel_rows));
	tcase_add_test(tc, test_validate_soft_one_ulp_above);
	tcase_add_loop_test(tc, test_validate_form, 0, TU_ROWS(form_values));
	tcase_add_loop_test(tc, test_validate_order, 0, TU_ROWS(order_rows));
	tcase_add_test(tc, test_validate_null);
	tcase_add_test(tc, test_validate_const);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_validate_bounds);
	suite_add_tcase(s, tc);
	return s;
}
