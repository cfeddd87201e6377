/*
 * check_status.c - version, status and warning names, items, and
 * ket_report_format.
 *
 * Expected strings are typed from API.md and include/ketamine.h; the report
 * sentences are checked on a report produced by a real refused order.
 */
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"

/* ---------------------------------------------------------------- version */

START_TEST(test_version_number_macro)
{
	int want = KET_VERSION_MAJOR * 10000 + KET_VERSION_MINOR * 100 +
	           KET_VERSION_PATCH;

	ck_assert_int_eq(KET_VERSION_NUMBER, want);
	ck_assert_int_ge(KET_VERSION_MAJOR, 0);
	ck_assert_int_ge(KET_VERSION_MINOR, 0);
	ck_assert_int_le(KET_VERSION_MINOR, 99);
	ck_assert_int_ge(KET_VERSION_PATCH, 0);
	ck_assert_int_le(KET_VERSION_PATCH, 99);
}
END_TEST

START_TEST(test_version_string_macro)
{
	char want[32];
	int n = snprintf(want, sizeof want, "%d.%d.%d", KET_VERSION_MAJOR,
	                 KET_VERSION_MINOR, KET_VERSION_PATCH);

	ck_assert_int_gt(n, 0);
	ck_assert_str_eq(KET_VERSION_STRING, want);
}
END_TEST

START_TEST(test_version_runtime)
{
	const char *s = ket_version_string();

	ck_assert_int_eq(ket_version_number(), KET_VERSION_NUMBER);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, KET_VERSION_STRING);
}
END_TEST

/* ---------------------------------------------------------- status names */

struct status_row {
	ket_status status;
	const char *name;
};

static const struct status_row status_rows[] = {
	{ KET_OK, "KET_OK" },
	{ KET_E_NULL, "KET_E_NULL" },
	{ KET_E_NOT_FINITE, "KET_E_NOT_FINITE" },
	{ KET_E_WEIGHT, "KET_E_WEIGHT" },
	{ KET_E_HEIGHT, "KET_E_HEIGHT" },
	{ KET_E_SEX, "KET_E_SEX" },
	{ KET_E_DOSE, "KET_E_DOSE" },
	{ KET_E_CONCENTRATION, "KET_E_CONCENTRATION" },
	{ KET_E_HARD_LIMIT, "KET_E_HARD_LIMIT" },
	{ KET_E_ROUTE, "KET_E_ROUTE" },
	{ KET_E_NO_DATA, "KET_E_NO_DATA" },
	{ KET_E_CONTRAINDICATED, "KET_E_CONTRAINDICATED" },
	{ KET_E_UNIT, "KET_E_UNIT" },
	{ KET_E_LIMITS, "KET_E_LIMITS" },
	{ KET_E_RANGE, "KET_E_RANGE" },
	{ KET_E_RESOLUTION, "KET_E_RESOLUTION" },
	{ KET_E_BUFFER, "KET_E_BUFFER" },
	{ KET_E_FORM, "KET_E_FORM" },
};

/* The fixed integers of API.md: appended only, never renumbered. */
static const int status_values[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
};

START_TEST(test_status_values)
{
	ck_assert_int_eq(TU_ROWS(status_values), TU_ROWS(status_rows));
	ck_assert_msg((int)status_rows[_i].status == status_values[_i],
	              "%s is %d, want %d", status_rows[_i].name,
	              (int)status_rows[_i].status, status_values[_i]);
}
END_TEST

START_TEST(test_status_name)
{
	const struct status_row *row = &status_rows[_i];
	const char *got = ket_status_name(row->status);

	ck_assert_msg(got != NULL, "%s: NULL name", row->name);
	ck_assert_msg(strcmp(got, row->name) == 0, "%s: got \"%s\"", row->name,
	              got);
}
END_TEST

START_TEST(test_strerror)
{
	const struct status_row *row = &status_rows[_i];
	const char *got = ket_strerror(row->status);

	ck_assert_msg(got != NULL, "%s: NULL sentence", row->name);
	ck_assert_msg(got[0] != '\0', "%s: empty sentence", row->name);
}
END_TEST

/* Values that are not a listed status. */
static const int unknown_status[] = { 18, 19, 100, -1, -1000, 0x7fffffff };

START_TEST(test_status_name_unknown)
{
	ket_status s = (ket_status)unknown_status[_i];
	const char *name = ket_status_name(s);
	const char *text = ket_strerror(s);

	ck_assert_msg(name != NULL, "%d: NULL name", unknown_status[_i]);
	ck_assert_msg(strcmp(name, "KET_E_UNKNOWN") == 0, "%d: got \"%s\"",
	              unknown_status[_i], name);
	ck_assert_msg(text != NULL, "%d: NULL sentence", unknown_status[_i]);
	ck_assert_msg(text[0] != '\0', "%d: empty sentence",
	              unknown_status[_i]);
}
END_TEST

/* --------------------------------------------------------- warning names */

struct warning_row {
	uint32_t bit;
	const char *name;
	unsigned shift;
};

static const struct warning_row warning_rows[] = {
	{ KET_W_BELOW_SOFT_MIN, "KET_W_BELOW_SOFT_MIN", 0 },
	{ KET_W_ABOVE_SOFT_MAX, "KET_W_ABOVE_SOFT_MAX", 1 },
	{ KET_W_ABOVE_HARD_MAX, "KET_W_ABOVE_HARD_MAX", 2 },
	{ KET_W_CAPPED, "KET_W_CAPPED", 3 },
	{ KET_W_ROUNDED, "KET_W_ROUNDED", 4 },
	{ KET_W_LOW_PUMP_RATE, "KET_W_LOW_PUMP_RATE", 5 },
	{ KET_W_SMALL_VOLUME, "KET_W_SMALL_VOLUME", 6 },
	{ KET_W_VARIABLE_ROUTE, "KET_W_VARIABLE_ROUTE", 7 },
	{ KET_W_APPROXIMATE, "KET_W_APPROXIMATE", 8 },
	{ KET_W_NEURAXIAL, "KET_W_NEURAXIAL", 9 },
	{ KET_W_OUTSIDE_MODEL, "KET_W_OUTSIDE_MODEL", 10 },
	{ KET_W_UNUSUAL_WEIGHT, "KET_W_UNUSUAL_WEIGHT", 11 },
	{ KET_W_EXPOSURE_ONLY, "KET_W_EXPOSURE_ONLY", 12 },
};

START_TEST(test_warning_name)
{
	const struct warning_row *row = &warning_rows[_i];
	const char *got = ket_warning_name(row->bit);

	ck_assert_msg(row->bit == (UINT32_C(1) << row->shift),
	              "%s: bit 0x%lx is not 1 << %u", row->name,
	              (unsigned long)row->bit, row->shift);
	ck_assert_msg(got != NULL, "%s: NULL name", row->name);
	ck_assert_msg(strcmp(got, row->name) == 0, "%s: got \"%s\"", row->name,
	              got);
}
END_TEST

struct warning_null_row {
	const char *name;
	uint32_t bits;
};

static const struct warning_null_row warning_null_rows[] = {
	{ "zero", 0 },
	{ "two bits CAPPED|ROUNDED", KET_W_CAPPED | KET_W_ROUNDED },
	{ "two bits lowest", KET_W_BELOW_SOFT_MIN | KET_W_ABOVE_SOFT_MAX },
	{ "all thirteen", (UINT32_C(1) << 13) - 1 },
	{ "unknown bit 13", UINT32_C(1) << 13 },
	{ "unknown bit 20", UINT32_C(1) << 20 },
	{ "unknown bit 31", UINT32_C(1) << 31 },
	{ "all ones", UINT32_C(0xffffffff) },
	{ "known plus unknown", KET_W_CAPPED | (UINT32_C(1) << 14) },
};

START_TEST(test_warning_name_null)
{
	const struct warning_null_row *row = &warning_null_rows[_i];

	ck_assert_msg(ket_warning_name(row->bits) == NULL,
	              "%s: want NULL", row->name);
}
END_TEST

/* ------------------------------------------------------------ item names */

static const ket_item all_items[] = {
	KET_ITEM_NONE, KET_ITEM_WEIGHT, KET_ITEM_DOSE, KET_ITEM_DOSE_PER_KG,
	KET_ITEM_DOSE_PER_H, KET_ITEM_DAILY_TOTAL, KET_ITEM_CONCENTRATION,
	KET_ITEM_DEVICE_STEP, KET_ITEM_PUMP_RATE, KET_ITEM_VOLUME,
	KET_ITEM_ROUTE, KET_ITEM_FORM, KET_ITEM_LIMITS, KET_ITEM_LOCKOUT,
	KET_ITEM_PCA_HOURLY, KET_ITEM_RATIO, KET_ITEM_DOSES_PER_24H,
	KET_ITEM_RESPONSE_DAY, KET_ITEM_ROUNDING, KET_ITEM_OTHER, KET_ITEM_UNIT
};

START_TEST(test_item_values)
{
	/* API.md numbers the items 0..20 in this order. */
	ck_assert_int_eq(TU_ROWS(all_items), 21);
	ck_assert_int_eq((int)all_items[_i], _i);
}
END_TEST

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

START_TEST(test_item_name)
{
	ket_item item = all_items[_i];
	const char *got = ket_item_name(item);
	const char *p;

	ck_assert_msg(got != NULL, "item %d: NULL name", (int)item);
	if (item == KET_ITEM_NONE)
		return;
	ck_assert_msg(got[0] != '\0', "item %d: empty name", (int)item);
	/* "Lower-case English name": a capital is allowed only inside an
	 * all-capital word of two letters or more (an acronym: "PCA"). */
	for (p = got; *p != '\0'; p++) {
		int prev = p > got && is_upper(p[-1]);
		int next = is_upper(p[1]);

		ck_assert_msg(!is_upper(*p) || prev || next,
		              "item %d: \"%s\" is not lower case", (int)item,
		              got);
	}
}
END_TEST

START_TEST(test_item_name_examples)
{
	const char *per_kg = ket_item_name(KET_ITEM_DOSE_PER_KG);
	const char *weight = ket_item_name(KET_ITEM_WEIGHT);

	ck_assert_ptr_nonnull(per_kg);
	ck_assert_ptr_nonnull(weight);
	ck_assert_str_eq(per_kg, "dose per kg");
	ck_assert_str_eq(weight, "weight");
}
END_TEST

START_TEST(test_item_names_distinct)
{
	int i, j;

	/* Items 1..20: a report must tell them apart. */
	for (i = 1; i < TU_ROWS(all_items); i++) {
		const char *a = ket_item_name(all_items[i]);

		ck_assert_ptr_nonnull(a);
		for (j = i + 1; j < TU_ROWS(all_items); j++) {
			const char *b = ket_item_name(all_items[j]);

			ck_assert_ptr_nonnull(b);
			ck_assert_msg(strcmp(a, b) != 0,
			              "items %d and %d share \"%s\"", i, j, a);
		}
	}
}
END_TEST

static const int unknown_items[] = { 21, 22, 100, -1, -100, 0x7fffffff };

START_TEST(test_item_name_unknown)
{
	ket_item item = (ket_item)unknown_items[_i];

	ck_assert_msg(ket_item_name(item) == NULL, "item %d: want NULL",
	              unknown_items[_i]);
}
END_TEST

/* --------------------------------------------------------- report format */

static const char hard_sentence[] =
	"dose per kg 0.6 mg/kg/h is above the hard maximum 0.5 mg/kg/h";

/* 70 kg at 0.6 mg/kg/h in the default profile (hard maximum 0.5): refused. */
static void refused_report(ket_report *report)
{
	ket_limits limits;
	ket_infusion out;
	ket_infusion_order order;
	ket_status st;

	memset(report, 0, sizeof *report);
	memset(&order, 0, sizeof order);
	st = ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA, &limits);
	ck_assert_int_eq(st, KET_OK);
	order.weight_kg = 70.0;
	order.dose = 0.6;
	order.dose_unit = KET_UNIT_MG_PER_KG_PER_H;
	order.concentration_mg_per_ml = 1.0;
	order.pump_step_ml_per_h = 0.1;
	order.route = KET_ROUTE_IV;
	order.form = KET_FORM_RACEMIC;
	st = ket_infusion_rate(&order, &limits, &out, report);
	ck_assert_int_eq(st, KET_E_HARD_LIMIT);
	ck_assert_uint_ge(report->count, 1);
}

START_TEST(test_format_empty)
{
	ket_report report;
	char buf[16] = "garbage";
	ket_status st;

	memset(&report, 0, sizeof report);
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_format_empty_one_byte)
{
	ket_report report;
	char buf[1] = { 'x' };
	ket_status st;

	memset(&report, 0, sizeof report);
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_int_eq(buf[0], '\0');
}
END_TEST

START_TEST(test_format_empty_zero_size)
{
	ket_report report;
	char buf[4] = "abc";
	ket_status st;

	/* "" and its NUL need one byte. */
	memset(&report, 0, sizeof report);
	st = ket_report_format(&report, buf, 0);
	ck_assert_int_eq(st, KET_E_BUFFER);
	ck_assert_str_eq(buf, "abc");
}
END_TEST

START_TEST(test_format_refused_order)
{
	ket_report report;
	char buf[512];
	ket_status st;

	refused_report(&report);
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(strstr(buf, hard_sentence) != NULL,
	              "got \"%s\", want it to contain \"%s\"", buf,
	              hard_sentence);
}
END_TEST

START_TEST(test_format_buffer_sizes)
{
	ket_report report;
	char full[512];
	char buf[512];
	size_t len;
	ket_status st;

	refused_report(&report);
	st = ket_report_format(&report, full, sizeof full);
	ck_assert_int_eq(st, KET_OK);
	len = strlen(full);
	ck_assert_uint_gt(len, 0);

	/* Exactly the text and its NUL: fits. */
	memset(buf, 'x', sizeof buf);
	st = ket_report_format(&report, buf, len + 1);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_str_eq(buf, full);

	/* One byte short: KET_E_BUFFER and "". */
	memset(buf, 'x', sizeof buf);
	st = ket_report_format(&report, buf, len);
	ck_assert_int_eq(st, KET_E_BUFFER);
	ck_assert_int_eq(buf[0], '\0');

	/* One byte. */
	memset(buf, 'x', sizeof buf);
	st = ket_report_format(&report, buf, 1);
	ck_assert_int_eq(st, KET_E_BUFFER);
	ck_assert_int_eq(buf[0], '\0');

	/* Size 0: nothing may be written. */
	memset(buf, 'x', sizeof buf);
	st = ket_report_format(&report, buf, 0);
	ck_assert_int_eq(st, KET_E_BUFFER);
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

START_TEST(test_format_null)
{
	ket_report report;
	char buf[64] = "";
	ket_status st;

	memset(&report, 0, sizeof report);
	st = ket_report_format(NULL, buf, sizeof buf);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_report_format(&report, NULL, sizeof buf);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_report_format(&report, NULL, 0);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_report_format(NULL, NULL, 0);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

/* Two findings: one sentence each, separated by "; ". */
START_TEST(test_format_two_findings)
{
	ket_report report;
	char one[512];
	char want[1100];
	char buf[1100];
	ket_status st;

	refused_report(&report);
	report.count = 1;
	report.dropped = 0;
	st = ket_report_format(&report, one, sizeof one);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_str_eq(one, hard_sentence);

	report.findings[1] = report.findings[0];
	report.count = 2;
	ck_assert_int_gt(snprintf(want, sizeof want, "%s; %s", one, one), 0);
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_str_eq(buf, want);
}
END_TEST

/* Dropped findings: the text ends with "; and N more". */
START_TEST(test_format_dropped)
{
	ket_report report;
	char buf[4096];
	const char *tail = "; and 3 more";
	size_t len, tlen = strlen(tail);
	ket_status st;
	int i;

	refused_report(&report);
	for (i = 1; i < KET_REPORT_MAX; i++)
		report.findings[i] = report.findings[0];
	report.count = KET_REPORT_MAX;
	report.dropped = 3;
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	len = strlen(buf);
	ck_assert_uint_gt(len, tlen);
	ck_assert_str_eq(buf + (len - tlen), tail);
	ck_assert_msg(strncmp(buf, hard_sentence, strlen(hard_sentence)) == 0,
	              "got \"%s\"", buf);
}
END_TEST

/* "; and N more" follows findings: one finding and 2 dropped ends with it;
 * a caller-made report with no finding but a dropped count is still "" (the
 * header: an empty report writes ""). */
START_TEST(test_format_dropped_few)
{
	ket_report report;
	char buf[4096];
	char want[600];

	refused_report(&report);
	report.count = 1;
	report.dropped = 2;
	ck_assert_int_eq(ket_report_format(&report, buf, sizeof buf), KET_OK);
	snprintf(want, sizeof want, "%s; and 2 more", hard_sentence);
	ck_assert_str_eq(buf, want);
	report.count = 0;
	report.dropped = 3;
	ck_assert_int_eq(ket_report_format(&report, buf, sizeof buf), KET_OK);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* A non-zero number too small for 4 decimals is written "< 0.0001". */
START_TEST(test_format_tiny_value)
{
	ket_report report;
	char buf[512];
	ket_status st;

	refused_report(&report);
	report.count = 1;
	report.dropped = 0;
	report.findings[0].value = 0.00001;
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(strstr(buf, "< 0.0001 mg/kg/h") != NULL, "got \"%s\"",
	              buf);
	ck_assert_msg(strstr(buf, "0.5 mg/kg/h") != NULL, "got \"%s\"", buf);
}
END_TEST

/* Formatting uses '.' and 4 decimals at most: 0.12345 prints 0.1235. */
START_TEST(test_format_four_decimals)
{
	ket_report report;
	char buf[512];
	ket_status st;

	refused_report(&report);
	report.count = 1;
	report.dropped = 0;
	report.findings[0].value = 0.61234;
	st = ket_report_format(&report, buf, sizeof buf);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(strstr(buf, "0.6123 mg/kg/h") != NULL, "got \"%s\"",
	              buf);
}
END_TEST

/* Review finding: a NULL report left the caller's buffer untouched. */
START_TEST(test_review_format_null_report_clears)
{
	char buf[16] = "stale";

	ck_assert_int_eq(ket_report_format(NULL, buf, sizeof buf), KET_E_NULL);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* ------------------------------------------- report format: every finding
 *
 * One sentence per kind of finding (make coverage: every path of
 * ket_report_format).  Each finding is formatted on its own, so a sentence
 * is judged whole.  Expected numbers are typed from the hand calculation in
 * each builder's comment, written by ket_format_dose's rules (header: up to
 * 4 decimals, no trailing zero, one space before the unit); the words are
 * the header's own for each warning ("above a soft maximum", "below a soft
 * minimum", "above a hard maximum", ...).  No sentence may show "nan" or
 * "(null)", or a double space (one space before a non-empty unit only). */

enum fmt_order {
	FMT_HIGH,       /* 160 kg at 0.3 mg/kg/h, default profile */
	FMT_LIGHT,      /* 30 kg at 0.1 mg/kg/h */
	FMT_SOFT_MIN,   /* 70 kg at 0.04 mg/kg/h */
	FMT_CAP,        /* 70 kg at 0.19 mg/kg/h, cap 10 mg/h */
	FMT_LOW_RATE,   /* paediatric 20 kg at 0.1 mg/kg/h, 5 mg/mL */
	FMT_ROUNDED,    /* 70 kg at 0.1 mg/kg/h, pump step 0.3 mL/h */
	FMT_SMALL,      /* palliative bolus 70 kg x 0.05 mg/kg, 50 mg/mL */
	FMT_PUMP_HARD,  /* running pump 40 mL/h of 1 mg/mL in 70 kg */
	FMT_ORAL,       /* SC 100 mg/24 h to oral, ratio 1.5 */
	FMT_NULL,       /* limits NULL */
	FMT_NAN,        /* weight NaN */
	FMT_RESOLUTION, /* 70 kg at 0.1 mg/kg/h, pump step 5 mL/h */
	FMT_HEAVY,      /* 400 kg */
	FMT_ROUTE,      /* route 99 */
	FMT_LIMITS_NAN  /* limits with bolus_cap_mg NaN */
};

static ket_limits fmt_profile(ket_profile p)
{
	ket_limits l;

	ck_assert_int_eq(ket_limits_for_profile(p, &l), KET_OK);
	return l;
}

static ket_infusion_order fmt_infusion(double weight_kg, double dose,
                                       double conc, double step)
{
	ket_infusion_order o;

	memset(&o, 0, sizeof o);
	o.weight_kg = weight_kg;
	o.dose = dose;
	o.dose_unit = KET_UNIT_MG_PER_KG_PER_H;
	o.concentration_mg_per_ml = conc;
	o.pump_step_ml_per_h = step;
	o.route = KET_ROUTE_IV;
	o.form = KET_FORM_RACEMIC;
	return o;
}

/* Runs the order and returns the status it gave; the report is filled. */
static ket_status fmt_run(enum fmt_order which, ket_report *r)
{
	ket_limits l = fmt_profile(KET_PROFILE_LOW_DOSE_ANALGESIA);
	ket_infusion_order o = fmt_infusion(70.0, 0.1, 1.0, 0.1);
	ket_infusion inf;
	ket_bolus bol;
	ket_bolus_order b;
	ket_pump_reading pump;
	ket_oral_order oral;
	ket_oral_regimen reg;

	switch (which) {
	case FMT_HIGH: /* 48 mg/h: above 0.2 mg/kg/h, 25 mg/h and 150 kg */
		o = fmt_infusion(160.0, 0.3, 1.0, 0.1);
		break;
	case FMT_LIGHT: /* 3 mL/h; 30 kg below the usual 40 kg */
		o = fmt_infusion(30.0, 0.1, 1.0, 0.1);
		break;
	case FMT_SOFT_MIN: /* 2.8 mL/h; below the soft minimum 0.05 */
		o = fmt_infusion(70.0, 0.04, 1.0, 0.1);
		break;
	case FMT_CAP: /* 13.3 mg/h capped at 10 mg/h */
		l.infusion_cap_mg_per_h = 10.0;
		o = fmt_infusion(70.0, 0.19, 1.0, 0.1);
		break;
	case FMT_LOW_RATE: /* 2 mg/h / 5 mg/mL = 0.4 mL/h, below 0.5 */
		l = fmt_profile(KET_PROFILE_PEDIATRIC_ANALGESIA);
		o = fmt_infusion(20.0, 0.1, 5.0, 0.1);
		break;
	case FMT_ROUNDED: /* 7 mL/h -> 23 x 0.3 = 6.9: 1/70 = 1.4286 % */
		o = fmt_infusion(70.0, 0.1, 1.0, 0.3);
		break;
	case FMT_SMALL: /* 3.5 mg / 50 mg/mL = 0.07 mL, below 0.1 mL */
		l = fmt_profile(KET_PROFILE_PALLIATIVE_BURST);
		memset(&b, 0, sizeof b);
		b.weight_kg = 70.0;
		b.dose_mg_per_kg = 0.05;
		b.concentration_mg_per_ml = 50.0;
		b.syringe_step_ml = 0.01;
		b.route = KET_ROUTE_SC;
		b.form = KET_FORM_RACEMIC;
		return ket_bolus_dose(&b, &l, &bol, r);
	case FMT_PUMP_HARD: /* 40 mg/h / 70 kg = 0.5714 mg/kg/h > 0.5 */
		memset(&pump, 0, sizeof pump);
		pump.weight_kg = 70.0;
		pump.rate_ml_per_h = 40.0;
		pump.concentration_mg_per_ml = 1.0;
		pump.route = KET_ROUTE_IV;
		pump.form = KET_FORM_RACEMIC;
		return ket_infusion_check(&pump, &l, &inf, r);
	case FMT_ORAL: /* 100 x 1.5 / 3 = 50 mg: ratio 1.5 above 1 */
		memset(&oral, 0, sizeof oral);
		oral.parenteral_mg_per_24h = 100.0;
		oral.from = KET_ROUTE_SC;
		oral.to = KET_ROUTE_ORAL;
		oral.ratio_oral_per_parenteral = 1.5;
		oral.doses_per_24h = 3;
		oral.dose_step_mg = 5.0;
		oral.solution_mg_per_ml = 10.0;
		oral.form = KET_FORM_RACEMIC;
		return ket_oral_conversion(&oral, &l, &reg, r);
	case FMT_NULL:
		return ket_infusion_rate(&o, NULL, &inf, r);
	case FMT_NAN:
		o.weight_kg = tu_nan();
		break;
	case FMT_RESOLUTION: /* 7 mL/h -> 1 x 5 mL/h: 2/7 = 28.5714 % */
		o.pump_step_ml_per_h = 5.0;
		break;
	case FMT_HEAVY:
		o.weight_kg = 400.0;
		break;
	case FMT_ROUTE:
		o.route = 99;
		break;
	case FMT_LIMITS_NAN:
		l.bolus_cap_mg = tu_nan();
		break;
	}
	return ket_infusion_rate(&o, &l, &inf, r);
}

/* Formats one finding alone and checks what every sentence must hold. */
static void fmt_any(const ket_finding *f, char *buf, size_t size)
{
	ket_report one;

	memset(&one, 0, sizeof one);
	one.count = 1;
	one.findings[0] = *f;
	ck_assert_int_eq(ket_report_format(&one, buf, size), KET_OK);
	ck_assert_msg(buf[0] != '\0', "empty sentence");
	ck_assert_msg(strstr(buf, "nan") == NULL, "\"%s\" shows nan", buf);
	ck_assert_msg(strstr(buf, "(null)") == NULL, "\"%s\"", buf);
}

/* ... and, for findings whose strings are set, no double space. */
static void fmt_one(const ket_finding *f, char *buf, size_t size)
{
	fmt_any(f, buf, size);
	ck_assert_msg(strstr(buf, "  ") == NULL, "\"%s\": double space", buf);
}

static void fmt_has(const char *text, const char *want)
{
	if (want != NULL)
		ck_assert_msg(strstr(text, want) != NULL,
		              "\"%s\" lacks \"%s\"", text, want);
}

struct fmt_row {
	enum fmt_order order;
	ket_status status;   /* the order's status */
	size_t index;        /* which finding */
	int32_t f_status;    /* that finding's status and warning bit */
	uint32_t warning;
	const char *has[5];
};

static const struct fmt_row fmt_rows[] = {
	{ FMT_HIGH, KET_OK, 0, KET_OK, KET_W_ABOVE_SOFT_MAX,
	  { "dose per kg", " 0.3 mg/kg/h", " 0.2 mg/kg/h", "above", "soft" } },
	{ FMT_HIGH, KET_OK, 1, KET_OK, KET_W_ABOVE_SOFT_MAX,
	  { " 48 mg/h", " 25 mg/h", "above", "soft", NULL } },
	{ FMT_HIGH, KET_OK, 2, KET_OK, KET_W_UNUSUAL_WEIGHT,
	  { "weight", " 160 kg", " 150 kg", "above", NULL } },
	{ FMT_LIGHT, KET_OK, 0, KET_OK, KET_W_UNUSUAL_WEIGHT,
	  { "weight", " 30 kg", " 40 kg", "below", NULL } },
	{ FMT_SOFT_MIN, KET_OK, 0, KET_OK, KET_W_BELOW_SOFT_MIN,
	  { "dose per kg", " 0.04 mg/kg/h", " 0.05 mg/kg/h", "below",
	    "soft" } },
	{ FMT_CAP, KET_OK, 0, KET_OK, KET_W_CAPPED,
	  { " 13.3 mg/h", " 10 mg/h", "cap", NULL, NULL } },
	{ FMT_LOW_RATE, KET_OK, 0, KET_OK, KET_W_LOW_PUMP_RATE,
	  { " 0.4 mL/h", " 0.5 mL/h", "below", NULL, NULL } },
	{ FMT_ROUNDED, KET_OK, 0, KET_OK, KET_W_ROUNDED,
	  { "pump_step_ml_per_h", " 1.4286 %", " 1 %", NULL, NULL } },
	{ FMT_SMALL, KET_OK, 0, KET_OK, KET_W_SMALL_VOLUME,
	  { " 0.07 mL", " 0.1 mL", "below", NULL, NULL } },
	{ FMT_PUMP_HARD, KET_OK, 0, KET_OK, KET_W_ABOVE_HARD_MAX,
	  { "dose per kg", " 0.5714 mg/kg/h", " 0.5 mg/kg/h", "above",
	    "hard" } },
	{ FMT_ORAL, KET_OK, 0, KET_OK, KET_W_ABOVE_SOFT_MAX,
	  { " 1.5 ", " 1", "above", "soft", NULL } },
	{ FMT_ORAL, KET_OK, 1, KET_OK, KET_W_VARIABLE_ROUTE,
	  { "varies widely", NULL, NULL, NULL, NULL } },
	{ FMT_NULL, KET_E_NULL, 0, KET_E_NULL, 0,
	  { "limits", "NULL", NULL, NULL, NULL } },
	{ FMT_NAN, KET_E_NOT_FINITE, 0, KET_E_NOT_FINITE, 0,
	  { "weight_kg", NULL, NULL, NULL, NULL } },
	{ FMT_RESOLUTION, KET_E_RESOLUTION, 0, KET_E_RESOLUTION, 0,
	  { "pump_step_ml_per_h", " 28.5714 %", " 10 %", NULL, NULL } },
	{ FMT_HEAVY, KET_E_WEIGHT, 0, KET_E_WEIGHT, 0,
	  { "weight_kg", " 400 kg", " 350 kg", NULL, NULL } },
	{ FMT_ROUTE, KET_E_ROUTE, 0, KET_E_ROUTE, 0,
	  { "route", " 99", NULL, NULL, NULL } },
	{ FMT_LIMITS_NAN, KET_E_LIMITS, 0, KET_E_LIMITS, 0,
	  { "bolus_cap_mg", NULL, NULL, NULL, NULL } },
};

START_TEST(test_cov_format_each_finding)
{
	const struct fmt_row *row = &fmt_rows[_i];
	ket_report report;
	const ket_finding *f;
	char buf[512];
	int k;

	ck_assert_int_eq(fmt_run(row->order, &report), row->status);
	ck_assert_uint_gt(report.count, row->index);
	f = &report.findings[row->index];
	ck_assert_int_eq(f->status, row->f_status);
	ck_assert_uint_eq(f->warning, row->warning);
	fmt_one(f, buf, sizeof buf);
	for (k = 0; k < 5; k++)
		fmt_has(buf, row->has[k]);
}
END_TEST

/* A whole report: its findings' sentences in order, "; " between them. */
START_TEST(test_cov_format_whole_report)
{
	ket_report report;
	char all[1024], one[512];
	const char *at = all;
	size_t i;

	ck_assert_int_eq(fmt_run(FMT_HIGH, &report), KET_OK);
	ck_assert_uint_eq(report.count, 3);
	ck_assert_int_eq(ket_report_format(&report, all, sizeof all), KET_OK);
	for (i = 0; i < report.count; i++) {
		const char *p;

		fmt_one(&report.findings[i], one, sizeof one);
		p = strstr(at, one);
		ck_assert_msg(p == at, "\"%s\": sentence %u \"%s\" not next",
		              all, (unsigned)i, one);
		at = p + strlen(one);
		if (i + 1 < report.count) {
			ck_assert_msg(strncmp(at, "; ", 2) == 0, "\"%s\"", all);
			at += 2;
		}
	}
	ck_assert_str_eq(at, "");
}
END_TEST

/* Findings that no order function writes but a caller's report may hold
 * (ket_report_format takes any report): warnings without a bound, bound
 * warnings whose bound is missing, unknown bits and items, NULL strings. */
static ket_finding fmt_finding(int32_t status, uint32_t warning,
                               int32_t item, double value, double limit,
                               const char *unit, const char *field)
{
	ket_finding f;

	memset(&f, 0, sizeof f);
	f.status = status;
	f.warning = warning;
	f.item = item;
	f.value = value;
	f.limit = limit;
	f.unit = unit;
	f.field = field;
	return f;
}

struct fmt_plain_row {
	uint32_t warning;
	const char *has; /* from the header's comment on the bit */
};

static const struct fmt_plain_row fmt_plain_rows[] = {
	{ KET_W_VARIABLE_ROUTE, "varies widely" },
	{ KET_W_APPROXIMATE, "approximation" },
	{ KET_W_NEURAXIAL, "preservative-free" },
	{ KET_W_OUTSIDE_MODEL, "population" },
	{ KET_W_EXPOSURE_ONLY, "not a dose to order" },
};

START_TEST(test_cov_format_plain_warnings)
{
	const struct fmt_plain_row *row = &fmt_plain_rows[_i];
	ket_finding f = fmt_finding(KET_OK, row->warning, KET_ITEM_ROUTE,
	                            tu_nan(), tu_nan(), "", "to");
	char buf[256];

	fmt_one(&f, buf, sizeof buf);
	fmt_has(buf, row->has);
}
END_TEST

START_TEST(test_cov_format_caller_findings)
{
	const char *pump = ket_item_name(KET_ITEM_PUMP_RATE);
	ket_finding f;
	char buf[256];

	ck_assert_ptr_nonnull(pump);
	/* A bound warning without its bound: it still names the item. */
	f = fmt_finding(KET_OK, KET_W_LOW_PUMP_RATE, KET_ITEM_PUMP_RATE, 0.4,
	                tu_nan(), "mL/h", "rate_ml_per_h");
	fmt_one(&f, buf, sizeof buf);
	fmt_has(buf, pump);
	/* Unknown and combined warning bits, an unknown item. */
	f = fmt_finding(KET_OK, UINT32_C(1) << 20, KET_ITEM_OTHER, tu_nan(),
	                tu_nan(), "", "x");
	fmt_one(&f, buf, sizeof buf);
	f.warning = KET_W_ABOVE_SOFT_MAX | KET_W_BELOW_SOFT_MIN;
	fmt_one(&f, buf, sizeof buf);
	f = fmt_finding(KET_OK, KET_W_ABOVE_SOFT_MAX, 999, 5.0, 4.0, "mg",
	                "x");
	fmt_one(&f, buf, sizeof buf);
	fmt_has(buf, " 5 mg");
	fmt_has(buf, " 4 mg");
	/* NULL strings where the header promises none. */
	f = fmt_finding(KET_OK, KET_W_ABOVE_SOFT_MAX, KET_ITEM_DOSE, 5.0, 4.0,
	                NULL, NULL);
	fmt_any(&f, buf, sizeof buf);
	fmt_has(buf, " 5 ");
	fmt_has(buf, " 4");
	f = fmt_finding(KET_OK, KET_W_ROUNDED, KET_ITEM_ROUNDING, 2.5, 1.0,
	                NULL, NULL);
	fmt_any(&f, buf, sizeof buf);
	f = fmt_finding(KET_E_NULL, 0, KET_ITEM_NONE, tu_nan(), tu_nan(), NULL,
	                NULL);
	fmt_any(&f, buf, sizeof buf);
	f = fmt_finding(KET_E_RANGE, 0, KET_ITEM_OTHER, 7.0, tu_nan(), NULL,
	                NULL);
	fmt_any(&f, buf, sizeof buf);
	fmt_has(buf, " 7");
	/* An error with a bound but no value, and an unknown status. */
	f = fmt_finding(KET_E_RANGE, 0, KET_ITEM_OTHER, tu_nan(), 10.0, "mL",
	                "final_volume_ml");
	fmt_one(&f, buf, sizeof buf);
	fmt_has(buf, "final_volume_ml");
	fmt_has(buf, " 10 mL");
	f.status = 99;
	fmt_one(&f, buf, sizeof buf);
}
END_TEST

/* Header: a number of magnitude 1e15 or more is written ">= 1e15". */
START_TEST(test_cov_format_huge_value)
{
	ket_report report;
	char buf[512];

	refused_report(&report);
	report.count = 1;
	report.dropped = 0;
	report.findings[0].value = 1e15;
	fmt_one(&report.findings[0], buf, sizeof buf);
	fmt_has(buf, ">= 1e15 mg/kg/h");
	fmt_has(buf, " 0.5 mg/kg/h");
	report.findings[0].value = 2.5e300;
	fmt_one(&report.findings[0], buf, sizeof buf);
	fmt_has(buf, ">= 1e15 mg/kg/h");
}
END_TEST

/* A caller's report whose count exceeds KET_REPORT_MAX: only the
 * KET_REPORT_MAX findings the struct holds are read (header: count is at
 * most KET_REPORT_MAX). */
START_TEST(test_cov_format_count_beyond_max)
{
	ket_report report;
	char eight[4096], more[4096];
	int i;

	refused_report(&report);
	for (i = 1; i < KET_REPORT_MAX; i++)
		report.findings[i] = report.findings[0];
	report.count = KET_REPORT_MAX;
	report.dropped = 0;
	ck_assert_int_eq(ket_report_format(&report, eight, sizeof eight),
	                 KET_OK);
	report.count = KET_REPORT_MAX + 1;
	ck_assert_int_eq(ket_report_format(&report, more, sizeof more), KET_OK);
	ck_assert_str_eq(more, eight);
	report.count = (size_t)-1;
	ck_assert_int_eq(ket_report_format(&report, more, sizeof more), KET_OK);
	ck_assert_str_eq(more, eight);
}
END_TEST

/* A huge negative number reads "<= -1e15", not ">= 1e15". */
START_TEST(test_format_huge_negative)
{
	ket_report r;
	char buf[256];

	memset(&r, 0, sizeof r);
	r.count = 1;
	r.findings[0].status = KET_E_DOSE;
	r.findings[0].item = KET_ITEM_DOSE;
	r.findings[0].value = -1e20;
	r.findings[0].limit = 0.0;
	r.findings[0].unit = "mg/kg";
	r.findings[0].field = "dose_mg_per_kg";
	ck_assert_int_eq(ket_report_format(&r, buf, sizeof buf), KET_OK);
	ck_assert_msg(strstr(buf, "<= -1e15 mg/kg") != NULL, "got %s", buf);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/):
 * KET_OK, status 0, is a known status with its own sentence. */
START_TEST(test_mut_strerror_ok)
{
	const char *s = ket_strerror(KET_OK);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_ne(s, "Unknown status code.");
	ck_assert_str_ne(s, ket_strerror((ket_status)-1));
	ck_assert_str_eq(ket_status_name(KET_OK), "KET_OK");
}
END_TEST

Suite *ket_suite_status(void)
{
	Suite *s = suite_create("status");
	TCase *tc;

	tc = tcase_create("version");
	tcase_add_test(tc, test_version_number_macro);
	tcase_add_test(tc, test_version_string_macro);
	tcase_add_test(tc, test_version_runtime);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_loop_test(tc, test_status_values, 0, TU_ROWS(status_rows));
	tcase_add_loop_test(tc, test_status_name, 0, TU_ROWS(status_rows));
	tcase_add_loop_test(tc, test_strerror, 0, TU_ROWS(status_rows));
	tcase_add_loop_test(tc, test_status_name_unknown, 0,
	                    TU_ROWS(unknown_status));
	suite_add_tcase(s, tc);

	tc = tcase_create("warning");
	tcase_add_loop_test(tc, test_warning_name, 0, TU_ROWS(warning_rows));
	tcase_add_loop_test(tc, test_warning_name_null, 0,
	                    TU_ROWS(warning_null_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("item");
	tcase_add_loop_test(tc, test_item_values, 0, TU_ROWS(all_items));
	tcase_add_loop_test(tc, test_item_name, 0, TU_ROWS(all_items));
	tcase_add_test(tc, test_item_name_examples);
	tcase_add_test(tc, test_item_names_distinct);
	tcase_add_loop_test(tc, test_item_name_unknown, 0,
	                    TU_ROWS(unknown_items));
	suite_add_tcase(s, tc);

	tc = tcase_create("report_format");
	tcase_add_test(tc, test_format_empty);
	tcase_add_test(tc, test_format_empty_one_byte);
	tcase_add_test(tc, test_format_empty_zero_size);
	tcase_add_test(tc, test_format_refused_order);
	tcase_add_test(tc, test_format_buffer_sizes);
	tcase_add_test(tc, test_format_null);
	tcase_add_test(tc, test_format_two_findings);
	tcase_add_test(tc, test_format_dropped);
	tcase_add_test(tc, test_format_tiny_value);
	tcase_add_test(tc, test_format_four_decimals);
	suite_add_tcase(s, tc);

	tc = tcase_create("review_regressions");
	tcase_add_test(tc, test_review_format_null_report_clears);
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_loop_test(tc, test_cov_format_each_finding, 0,
	                    TU_ROWS(fmt_rows));
	tcase_add_test(tc, test_cov_format_whole_report);
	tcase_add_loop_test(tc, test_cov_format_plain_warnings, 0,
	                    TU_ROWS(fmt_plain_rows));
	tcase_add_test(tc, test_cov_format_caller_findings);
	tcase_add_test(tc, test_cov_format_huge_value);
	tcase_add_test(tc, test_cov_format_count_beyond_max);
	suite_add_tcase(s, tc);

	tc = tcase_create("huge_negative");
	tcase_add_test(tc, test_format_huge_negative);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_strerror_ok);
	tcase_add_test(tc, test_format_dropped_few);
	suite_add_tcase(s, tc);
	return s;
}
