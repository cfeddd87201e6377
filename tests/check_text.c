/*
 * check_text.c - numbers from and to text: ket_parse_decimal and
 * ket_format_dose (ISMP display rules).
 *
 * Parsed values are compared exactly with the C literal, which the compiler
 * rounds correctly.  Formatted strings were worked out by hand from the
 * doubles' exact binary values (0.145 is 0.14499999999999999..., 0.005 is
 * 0.005000000000000000104..., 0.49999999999999994 + 0.5 rounds to 1 in
 * double arithmetic but the value is below the half).
 */
#include <float.h>
#include <limits.h>
#include <locale.h>
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

/* The comma-decimal locale the locale-independence tests switch to. */
#define COMMA_LOCALE "de_DE.UTF-8"

/* Exact equality of two doubles, without -Wfloat-equal; NaN never equal. */
static int dbl_same(double a, double b)
{
	return !isnan(a) && !isnan(b) && !(a < b) && !(a > b);
}

/* Switches to COMMA_LOCALE; 0 (with a message) when it is not installed. */
static int enter_comma_locale(const char *test)
{
	if (setlocale(LC_ALL, COMMA_LOCALE) == NULL) {
		fprintf(stderr, "%s: locale %s not installed; locale part "
		        "skipped (CI generates it)\n", test, COMMA_LOCALE);
		return 0;
	}
	return 1;
}

static void leave_comma_locale(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
}

/* --------------------------------------------------------------------
 * ket_parse_decimal
 * ------------------------------------------------------------------ */
struct parse_row {
	const char *text;
	double want;
};

static const struct parse_row parse_ok_rows[] = {
	{ "0", 0.0 },
	{ "7", 7.0 },
	{ "70", 70.0 },
	{ "0.5", 0.5 },
	{ "-2.25", -2.25 },
	{ "007", 7.0 },
	{ "123456789012345", 123456789012345.0 },  /* 15 digits */
	{ "-123456789012345", -123456789012345.0 },
	{ "999999999999999", 999999999999999.0 },
	{ "100000000000000", 100000000000000.0 },  /* 15, trailing zeros */
	{ "0.000123456789012345", 0.000123456789012345 }, /* 15 significant */
	{ "1.00000000000000", 1.0 },               /* 15 incl. trailing 0s */
	{ "0.1", 0.1 },
	{ "-0.1", -0.1 },
	{ "0.3", 0.3 },
	{ "1.1", 1.1 },
	{ "2.675", 2.675 },
	{ "12.6", 12.6 },
	{ "350.01", 350.01 },
	{ "0.49", 0.49 },
	{ "3.14159265358979", 3.14159265358979 },
	{ "0.999999999999999", 0.999999999999999 },
	{ "123456.789012345", 123456.789012345 },
	{ "9007199254740.99", 9007199254740.99 },
	{ "8.98846567431158", 8.98846567431158 },
	{ "0.000", 0.0 },
	{ "0000000000000000000007", 7.0 },         /* leading zeros: not
	                                              significant */
	{ "0.0000000000000000000001", 1e-22 },     /* 22 digits after '.' */
	{ "0.0000000123456789012345", 1.23456789012345e-8 }, /* 22 after '.',
	                                                        15 sig */
	{ "-0.0000000000000000000001", -1e-22 },
};

START_TEST(test_parse_accepted)
{
	const struct parse_row *r = &parse_ok_rows[_i];
	double got = UNSET;
	ket_status st = ket_parse_decimal(r->text, &got);

	ck_assert_msg(st == KET_OK, "\"%s\": status %d", r->text, (int)st);
	ck_assert_msg(dbl_same(got, r->want), "\"%s\": got %.17g, want %.17g",
	              r->text, got, r->want);
}
END_TEST

/* "-0" is digits with a leading '-': accepted, and it is 0. */
START_TEST(test_parse_minus_zero)
{
	double got = UNSET;

	ck_assert_int_eq(ket_parse_decimal("-0", &got), KET_OK);
	ck_assert_msg(dbl_same(got, 0.0), "\"-0\": got %g", got);
	got = UNSET;
	ck_assert_int_eq(ket_parse_decimal("-0.000", &got), KET_OK);
	ck_assert_msg(dbl_same(got, 0.0), "\"-0.000\": got %g", got);
}
END_TEST

static const char *const parse_bad_rows[] = {
	"",
	" 5",
	"5 ",
	".5",
	"5.",
	"1,5",
	"1.2.3",
	"5mg",
	"70kg",
	"1e3",
	"1E3",
	"1e-3",
	"1.5e3",
	"0x10",
	"0X1p3",
	"nan",
	"NaN",
	"inf",
	"-inf",
	"INF",
	"infinity",
	"+5",
	"+0",
	"--5",
	"-",
	"-.5",
	"- 5",
	"5-",
	"1.-5",
	".",
	"0..5",
	"1.5.",
	"1234567890123456",          /* 16 significant */
	"1.000000000000000",         /* 16 significant (trailing zeros) */
	"1000000000000000",          /* 16 significant (trailing zeros) */
	"0.1234567890123456",        /* 16 significant */
	"\t5",
	"5\n",
	"\n",
	"1 000",
	"1'000",
	"1_000",
	"5%",
	"\xef\xbc\x91",              /* full-width digit one, U+FF11 */
	"\xd9\xa5",                  /* Arabic-Indic digit five, U+0665 */
	"5\xc2\xa0",                 /* 5 and a no-break space */
};

START_TEST(test_parse_rejected)
{
	const char *text = parse_bad_rows[_i];
	double got = UNSET;
	ket_status st = ket_parse_decimal(text, &got);

	ck_assert_msg(st == KET_E_RANGE, "\"%s\": status %d, want KET_E_RANGE",
	              text, (int)st);
	ck_assert_msg(isnan(got), "\"%s\": out %g, want NaN", text, got);
}
END_TEST

START_TEST(test_parse_null)
{
	double got = UNSET;

	ck_assert_int_eq(ket_parse_decimal(NULL, &got), KET_E_NULL);
	ck_assert_msg(isnan(got), "NULL text: out %g, want NaN", got);
	ck_assert_int_eq(ket_parse_decimal("5", NULL), KET_E_NULL);
	ck_assert_int_eq(ket_parse_decimal("5mg", NULL), KET_E_NULL);
	ck_assert_int_eq(ket_parse_decimal(NULL, NULL), KET_E_NULL);
}
END_TEST

/* Locale-independent: a comma-decimal locale changes nothing. */
START_TEST(test_parse_locale)
{
	double got = UNSET;

	if (!enter_comma_locale("test_parse_locale"))
		return;
	ck_assert_int_eq(ket_parse_decimal("1.5", &got), KET_OK);
	ck_assert_msg(dbl_same(got, 1.5), "\"1.5\" under %s: got %g",
	              COMMA_LOCALE, got);
	got = UNSET;
	ck_assert_int_eq(ket_parse_decimal("1,5", &got), KET_E_RANGE);
	ck_assert_msg(isnan(got), "\"1,5\" under %s: out %g", COMMA_LOCALE,
	              got);
	got = UNSET;
	ck_assert_int_eq(ket_parse_decimal("-2.25", &got), KET_OK);
	ck_assert_msg(dbl_same(got, -2.25), "\"-2.25\" under %s: got %g",
	              COMMA_LOCALE, got);
	leave_comma_locale();
}
END_TEST

/* --------------------------------------------------------------------
 * ket_format_dose
 * ------------------------------------------------------------------ */
#define NOGROUP KET_FORMAT_NO_GROUPING
#define FMT_BUF 64

struct format_row {
	const char *name;
	double value;
	int max_decimals;
	const char *unit;
	uint32_t flags;
	const char *want;
};

static const struct format_row format_rows[] = {
	{ "0.5 mg", 0.5, 4, "mg", 0, "0.5 mg" },
	{ "5 mg, no trailing zero", 5.0, 4, "mg", 0, "5 mg" },
	{ "5 mg at 0", 5.0, 0, "mg", 0, "5 mg" },
	{ "12.6 mL/h at 1", 12.6, 1, "mL/h", 0, "12.6 mL/h" },
	{ "12.6 mL/h at 4", 12.6, 4, "mL/h", 0, "12.6 mL/h" },
	{ "1000 grouped", 1000.0, 0, "mg", 0, "1,000 mg" },
	{ "1000 grouped at 4", 1000.0, 4, "mg", 0, "1,000 mg" },
	{ "1234567.5 grouped", 1234567.5, 1, "mg", 0, "1,234,567.5 mg" },
	{ "1000 no grouping", 1000.0, 0, "mg", NOGROUP, "1000 mg" },
	{ "1234567.5 no grouping", 1234567.5, 1, "mg", NOGROUP,
	  "1234567.5 mg" },
	{ "1234.5678 no grouping", 1234.5678, 4, "mg", NOGROUP,
	  "1234.5678 mg" },
	{ "0.125 at 2: half up", 0.125, 2, "mg", 0, "0.13 mg" },
	{ "2.5 at 0: half up", 2.5, 0, "mg", 0, "3 mg" },
	{ "0.145 at 2: below the half", 0.145, 2, "mg", 0, "0.14 mg" },
	{ "-2.5 at 0: half away from zero", -2.5, 0, "mg", 0, "-3 mg" },
	{ "-0.5 at 1", -0.5, 1, "mg", 0, "-0.5 mg" },
	{ "0", 0.0, 2, "mg", 0, "0 mg" },
	{ "0 at 0", 0.0, 0, "mg", 0, "0 mg" },
	{ "-0.0: no minus", -0.0, 2, "mg", 0, "0 mg" },
	{ "unit NULL", 5.0, 2, NULL, 0, "5" },
	{ "unit empty", 5.0, 2, "", 0, "5" },
	{ "unit NULL, 0.5", 0.5, 1, NULL, 0, "0.5" },
	{ "unit NULL, 1000", 1000.0, 0, NULL, 0, "1,000" },
	{ "999 not grouped", 999.0, 0, "mg", 0, "999 mg" },
	{ "999.5 at 0 rounds to 1,000", 999.5, 0, "mg", 0, "1,000 mg" },
	{ "999.96 at 1 rounds to 1,000", 999.96, 1, "mg", 0, "1,000 mg" },
	{ "0.05 at 1 (just above the half)", 0.05, 1, "mg", 0, "0.1 mg" },
	{ "0.15 at 1 (just below the half)", 0.15, 1, "mg", 0, "0.1 mg" },
	{ "0.25 at 1 (exact half)", 0.25, 1, "mg", 0, "0.3 mg" },
	{ "1.005 at 2 (below the half)", 1.005, 2, "mg", 0, "1 mg" },
	{ "2.675 at 2 (below the half)", 2.675, 2, "mg", 0, "2.67 mg" },
	{ "1.115 at 2 (below the half)", 1.115, 2, "mg", 0, "1.11 mg" },
	{ "4.35 at 1 (below the half)", 4.35, 1, "mg", 0, "4.3 mg" },
	{ "0.0001 at 4", 0.0001, 4, "mg", 0, "0.0001 mg" },
	{ "0.00005 at 4 (just above the half)", 0.00005, 4, "mg", 0,
	  "0.0001 mg" },
	{ "-0.00005 at 4", -0.00005, 4, "mg", 0, "-0.0001 mg" },
	{ "0.005 at 2 (just above the half)", 0.005, 2, "mg", 0, "0.01 mg" },
	{ "0.5 at 0", 0.5, 0, "mg", 0, "1 mg" },
	{ "-0.5 at 0", -0.5, 0, "mg", 0, "-1 mg" },
	{ "0.6 at 0", 0.6, 0, "mg", 0, "1 mg" },
	{ "1.5 at 0", 1.5, 0, "mg", 0, "2 mg" },
	{ "-1.5 at 0", -1.5, 0, "mg", 0, "-2 mg" },
	{ "9.99995 at 4 carries", 9.99995, 4, "mg", 0, "10 mg" },
	/* 0.9995 is 0.99950000000000005507 and 1.995 is
	 * 1.99500000000000010658: above the half, so they carry. */
	{ "0.9995 at 3 carries", 0.9995, 3, "mg", 0, "1 mg" },
	{ "1.995 at 2 carries", 1.995, 2, "mg", 0, "2 mg" },
	{ "0.30000000000000004 at 4", 0.30000000000000004, 4, "mg", 0,
	  "0.3 mg" },
	{ "0.1 at 4", 0.1, 4, "mg", 0, "0.1 mg" },
	{ "0.15 mg/kg/h at 2", 0.15, 2, "mg/kg/h", 0, "0.15 mg/kg/h" },
	{ "123.456789 at 4", 123.456789, 4, "mg", 0, "123.4568 mg" },
	{ "123.456789 at 3", 123.456789, 3, "mg", 0, "123.457 mg" },
	{ "123.456789 at 0", 123.456789, 0, "mg", 0, "123 mg" },
	{ "1234.5 at 0", 1234.5, 0, "mg", 0, "1,235 mg" },
	{ "-1234.5 at 1", -1234.5, 1, "mg", 0, "-1,234.5 mg" },
	{ "12345.6789 at 2", 12345.6789, 2, "mg", 0, "12,345.68 mg" },
	{ "100000", 100000.0, 0, "mg", 0, "100,000 mg" },
	{ "1000000", 1000000.0, 0, "mg", 0, "1,000,000 mg" },
	{ "1e14", 1e14, 0, "mg", 0, "100,000,000,000,000 mg" },
	{ "999999999999999 at 0", 999999999999999.0, 0, "mg", 0,
	  "999,999,999,999,999 mg" },
	{ "-999999999999999 at 0", -999999999999999.0, 0, "mg", 0,
	  "-999,999,999,999,999 mg" },
	{ "999999999999999.875 at 4 (exact)", 999999999999999.875, 4, "mg",
	  0, "999,999,999,999,999.875 mg" },
	{ "999999999999999 no grouping", 999999999999999.0, 0, "mg", NOGROUP,
	  "999999999999999 mg" },
};

/* Fills buf with 'X' so that untouched bytes can be seen. */
static void fill(char *buf, size_t size)
{
	memset(buf, 'X', size);
}

static int untouched(const char *buf, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (buf[i] != 'X')
			return 0;
	return 1;
}

START_TEST(test_format)
{
	const struct format_row *r = &format_rows[_i];
	size_t len = strlen(r->want);
	char buf[FMT_BUF];
	ket_status st;

	ck_assert_msg(len + 2 <= sizeof(buf), "%s: row too long", r->name);

	/* a roomy buffer */
	fill(buf, sizeof(buf));
	st = ket_format_dose(r->value, r->max_decimals, r->unit, r->flags, buf,
	                     sizeof(buf));
	ck_assert_msg(st == KET_OK, "%s: status %d", r->name, (int)st);
	ck_assert_msg(strcmp(buf, r->want) == 0, "%s: \"%s\", want \"%s\"",
	              r->name, buf, r->want);

	/* exactly the length + 1: fits, nothing written past it */
	fill(buf, sizeof(buf));
	st = ket_format_dose(r->value, r->max_decimals, r->unit, r->flags, buf,
	                     len + 1);
	ck_assert_msg(st == KET_OK, "%s, size %zu: status %d", r->name,
	              len + 1, (int)st);
	ck_assert_msg(strcmp(buf, r->want) == 0, "%s, size %zu: \"%s\"",
	              r->name, len + 1, buf);
	ck_assert_msg(untouched(buf, len + 1, sizeof(buf)), "%s, size %zu: "
	              "wrote past the buffer", r->name, len + 1);

	/* one byte less: KET_E_BUFFER, buf "" and nothing written past it */
	fill(buf, sizeof(buf));
	st = ket_format_dose(r->value, r->max_decimals, r->unit, r->flags, buf,
	                     len);
	ck_assert_msg(st == KET_E_BUFFER, "%s, size %zu: status %d, want "
	              "KET_E_BUFFER", r->name, len, (int)st);
	ck_assert_msg(buf[0] == '\0', "%s, size %zu: buf not \"\"", r->name,
	              len);
	ck_assert_msg(untouched(buf, len, sizeof(buf)), "%s, size %zu: wrote "
	              "past the buffer", r->name, len);
}
END_TEST

struct format_error_row {
	const char *name;
	double value;
	int max_decimals;
	uint32_t flags;
	size_t size;
	ket_status want;
};

static const struct format_error_row format_error_rows[] = {
	/* a non-zero value that would print as 0 */
	{ "0.004 at 2", 0.004, 2, 0, FMT_BUF, KET_E_RANGE },
	{ "-0.004 at 2", -0.004, 2, 0, FMT_BUF, KET_E_RANGE },
	{ "0.4 at 0", 0.4, 0, 0, FMT_BUF, KET_E_RANGE },
	{ "-0.4 at 0", -0.4, 0, 0, FMT_BUF, KET_E_RANGE },
	{ "0.00004 at 4", 0.00004, 4, 0, FMT_BUF, KET_E_RANGE },
	{ "just below 0.00005 at 4", 4.9999999999999996e-05, 4, 0, FMT_BUF,
	  KET_E_RANGE },
	{ "just below 0.005 at 2", 0.004999999999999999, 2, 0, FMT_BUF,
	  KET_E_RANGE },
	{ "0.49999999999999994 at 0", 0.49999999999999994, 0, 0, FMT_BUF,
	  KET_E_RANGE },
	{ "smallest subnormal at 4", 4.9e-324, 4, 0, FMT_BUF, KET_E_RANGE },
	{ "1e-300 at 4", 1e-300, 4, 0, FMT_BUF, KET_E_RANGE },
	/* max_decimals outside 0-4 */
	{ "max_decimals -1", 5.0, -1, 0, FMT_BUF, KET_E_RANGE },
	{ "max_decimals 5", 5.0, 5, 0, FMT_BUF, KET_E_RANGE },
	{ "max_decimals INT_MAX", 5.0, INT_MAX, 0, FMT_BUF, KET_E_RANGE },
	{ "max_decimals INT_MIN", 5.0, INT_MIN, 0, FMT_BUF, KET_E_RANGE },
	/* unknown flag bits */
	{ "flag 1<<1", 5.0, 2, UINT32_C(1) << 1, FMT_BUF, KET_E_RANGE },
	{ "flag 1<<31", 5.0, 2, UINT32_C(1) << 31, FMT_BUF, KET_E_RANGE },
	{ "flags all", 5.0, 2, UINT32_C(0xffffffff), FMT_BUF, KET_E_RANGE },
	{ "NO_GROUPING plus an unknown bit", 5.0, 2,
	  KET_FORMAT_NO_GROUPING | (UINT32_C(1) << 2), FMT_BUF, KET_E_RANGE },
	/* non-finite */
	{ "NaN", D_NAN, 2, 0, FMT_BUF, KET_E_NOT_FINITE },
	{ "+Inf", D_INF, 2, 0, FMT_BUF, KET_E_NOT_FINITE },
	{ "-Inf", -D_INF, 2, 0, FMT_BUF, KET_E_NOT_FINITE },
	/* the order: non-finite, decimals and flags, prints-as-0, buffer */
	{ "order: NaN before max_decimals", D_NAN, 5, 0, FMT_BUF,
	  KET_E_NOT_FINITE },
	{ "order: Inf before flags", D_INF, 2, UINT32_C(1) << 1, FMT_BUF,
	  KET_E_NOT_FINITE },
	{ "order: NaN before buffer", D_NAN, 2, 0, 1, KET_E_NOT_FINITE },
	{ "order: -Inf before buffer", -D_INF, 2, 0, 1, KET_E_NOT_FINITE },
	{ "order: max_decimals before buffer", 5.0, -1, 0, 1, KET_E_RANGE },
	{ "order: flags before buffer", 5.0, 2, UINT32_C(1) << 1, 1,
	  KET_E_RANGE },
	{ "buffer 22 for 1e15 (22 characters)", 1e15, 2, 0, 22,
	  KET_E_BUFFER },
	{ "order: prints-as-0 before buffer", 0.004, 2, 0, 1, KET_E_RANGE },
	/* buffer */
	{ "buffer 1 for 5 mg", 5.0, 2, 0, 1, KET_E_BUFFER },
	{ "buffer 4 for 5 mg", 5.0, 2, 0, 4, KET_E_BUFFER },
	{ "buffer 8 for 1,000 mg", 1000.0, 0, 0, 8, KET_E_BUFFER },
};

START_TEST(test_format_errors)
{
	const struct format_error_row *r = &format_error_rows[_i];
	char buf[FMT_BUF];
	ket_status st;

	fill(buf, sizeof(buf));
	st = ket_format_dose(r->value, r->max_decimals, "mg", r->flags, buf,
	                     r->size);
	ck_assert_msg(st == r->want, "%s: status %d, want %d", r->name,
	              (int)st, (int)r->want);
	ck_assert_msg(buf[0] == '\0', "%s: buf not \"\"", r->name);
	ck_assert_msg(untouched(buf, r->size, sizeof(buf)), "%s: wrote past "
	              "size %zu", r->name, r->size);
}
END_TEST

/* Any finite double is written exactly (API.md lists no upper bound): the
 * integer part digit for digit, as Python's int(float) gives it (an exact
 * conversion, written independently of lib/numfmt.c's bignum division). */
struct format_large_row {
	const char *name;
	double value;
	int max_decimals;
	uint32_t flags;
	const char *want;
};

static const struct format_large_row format_large_rows[] = {
	{ "1e15", 1e15, 0, 0,
	  "1,000,000,000,000,000" },
	{ "-1e15", -1e15, 0, 0,
	  "-1,000,000,000,000,000" },
	{ "1e15 + 0.125 at 2: half away", 1000000000000000.125, 2, 0,
	  "1,000,000,000,000,000.13" },
	{ "1e15 + 0.125 at 4", 1000000000000000.125, 4, 0,
	  "1,000,000,000,000,000.125" },
	{ "2^52 - 0.5 at 0 carries", 4503599627370495.5, 0, 0,
	  "4,503,599,627,370,496" },
	{ "2^53 + 2", 9007199254740994.0, 0, 0,
	  "9,007,199,254,740,994" },
	{ "2^64 (beyond 64 bits)", 18446744073709551616.0, 4, 0,
	  "18,446,744,073,709,551,616" },
	/* 2^40 x 10^9 (exact): after one division by 10^9 the low word
	 * is 0 and the value 2^40 is not. */
	{ "2^40 x 10^9", 1099511627776000000000.0, 0, 0,
	  "1,099,511,627,776,000,000,000" },
	{ "1e20", 1e20, 0, 0,
	  "100,000,000,000,000,000,000" },
	{ "1e300 (exact binary value)", 1e300, 0, 0,
	  "1,000,000,000,000,000,052,504,760,255,204,420,248,704,468,58"
	  "1,108,159,154,915,854,115,511,802,457,988,908,195,786,371,37"
	  "5,080,447,864,043,704,443,832,883,878,176,942,523,235,360,43"
	  "0,575,644,792,184,786,706,982,848,387,200,926,575,803,737,83"
	  "0,233,794,788,090,059,368,953,234,970,799,945,081,119,038,96"
	  "7,640,880,074,652,742,780,142,494,579,258,788,820,056,842,83"
	  "8,115,669,472,196,386,865,459,400,540,160" },
	{ "-1e300 no grouping", -1e300, 3, NOGROUP,
	  "-10000000000000000525047602552044202487044685811081591549158"
	  "541155118024579889081957863713750804478640437044438328838781"
	  "769425232353604305756447921847867069828483872009265758037378"
	  "302337947880900593689532349707999450811190389676408800746527"
	  "427801424945792587888200568428381156694721963868654594005401"
	  "60" },
	{ "DBL_MAX", DBL_MAX, 4, 0,
	  "179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,"
	  "525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,"
	  "632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,"
	  "182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,"
	  "490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,"
	  "222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,"
	  "738,177,180,919,299,881,250,404,026,184,124,858,368" },
	{ "DBL_MAX no grouping", DBL_MAX, 0, NOGROUP,
	  "179769313486231570814527423731704356798070567525844996598917"
	  "476803157260780028538760589558632766878171540458953514382464"
	  "234321326889464182768467546703537516986049910576551282076245"
	  "490090389328944075868508455133942304583236903222948165808559"
	  "332123348274797826204144723168738177180919299881250404026184"
	  "124858368" },
};

START_TEST(test_format_large)
{
	const struct format_large_row *r = &format_large_rows[_i];
	char buf[512];
	size_t len = strlen(r->want);
	ket_status st;

	fill(buf, sizeof(buf));
	st = ket_format_dose(r->value, r->max_decimals, NULL, r->flags, buf,
	                     sizeof(buf));
	ck_assert_msg(st == KET_OK, "%s: status %d", r->name, (int)st);
	ck_assert_msg(strcmp(buf, r->want) == 0, "%s: \"%s\", want \"%s\"",
	              r->name, buf, r->want);
	fill(buf, sizeof(buf));
	st = ket_format_dose(r->value, r->max_decimals, NULL, r->flags, buf,
	                     len);
	ck_assert_msg(st == KET_E_BUFFER && buf[0] == '\0' &&
	              untouched(buf, len, sizeof(buf)),
	              "%s, one byte short: status %d", r->name, (int)st);
}
END_TEST

/* Size 0: KET_E_BUFFER (or the value's own error) and buf untouched. */
START_TEST(test_format_size_zero)
{
	char buf[8];

	fill(buf, sizeof(buf));
	ck_assert_int_eq(ket_format_dose(5.0, 2, "mg", 0, buf, 0),
	                 KET_E_BUFFER);
	ck_assert_msg(untouched(buf, 0, sizeof(buf)), "size 0: buf written");
	ck_assert_int_eq(ket_format_dose(0.0, 0, NULL, 0, buf, 0),
	                 KET_E_BUFFER);
	ck_assert_msg(untouched(buf, 0, sizeof(buf)), "size 0: buf written");
	ck_assert_int_eq(ket_format_dose(D_NAN, 2, "mg", 0, buf, 0),
	                 KET_E_NOT_FINITE);
	ck_assert_msg(untouched(buf, 0, sizeof(buf)), "size 0, NaN: buf "
	              "written");
	ck_assert_int_eq(ket_format_dose(0.004, 2, "mg", 0, buf, 0),
	                 KET_E_RANGE);
	ck_assert_msg(untouched(buf, 0, sizeof(buf)), "size 0, 0.004: buf "
	              "written");
	ck_assert_int_eq(ket_format_dose(5.0, 9, "mg", 0, buf, 0),
	                 KET_E_RANGE);
	ck_assert_msg(untouched(buf, 0, sizeof(buf)), "size 0, decimals 9: "
	              "buf written");
}
END_TEST

/* A NULL buf is KET_E_NULL, before everything else. */
START_TEST(test_format_null)
{
	ck_assert_int_eq(ket_format_dose(5.0, 2, "mg", 0, NULL, 16),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_format_dose(5.0, 2, "mg", 0, NULL, 0),
	                 KET_E_NULL);
	ck_assert_int_eq(ket_format_dose(D_NAN, 9, "mg", UINT32_C(1) << 5, NULL,
	                                 16), KET_E_NULL);
}
END_TEST

/* '.' as the decimal mark whatever the process locale. */
START_TEST(test_format_locale)
{
	char buf[FMT_BUF];

	if (!enter_comma_locale("test_format_locale"))
		return;
	ck_assert_int_eq(ket_format_dose(1234.5, 1, "mg", 0, buf, sizeof(buf)),
	                 KET_OK);
	ck_assert_str_eq(buf, "1,234.5 mg");
	ck_assert_int_eq(ket_format_dose(0.5, 4, "mg", 0, buf, sizeof(buf)),
	                 KET_OK);
	ck_assert_str_eq(buf, "0.5 mg");
	ck_assert_int_eq(ket_format_dose(1234.5, 1, "mg",
	                                 KET_FORMAT_NO_GROUPING, buf,
	                                 sizeof(buf)), KET_OK);
	ck_assert_str_eq(buf, "1234.5 mg");
	ck_assert_int_eq(ket_format_dose(-0.125, 2, "mL/h", 0, buf,
	                                 sizeof(buf)), KET_OK);
	ck_assert_str_eq(buf, "-0.13 mL/h");
	leave_comma_locale();
}
END_TEST

/* A formatted value read back by the strict parser (digits only, so no
 * grouping) is the value rounded to the decimals. */
static const double round_trip_values[] = { 0.5, 12.6, 7.0, 0.0001, 350.01,
                                            1234.5678, 0.1, 98.7654 };

START_TEST(test_format_parse_round_trip)
{
	double value = round_trip_values[_i];
	char buf[FMT_BUF];
	double back = UNSET;

	ck_assert_int_eq(ket_format_dose(value, 4, NULL, KET_FORMAT_NO_GROUPING,
	                                 buf, sizeof(buf)), KET_OK);
	ck_assert_int_eq(ket_parse_decimal(buf, &back), KET_OK);
	ck_assert_msg(dbl_same(back, value), "%.17g -> \"%s\" -> %.17g", value,
	              buf, back);
}
END_TEST

/* ------------------------------------------------------------------
 * coverage
 * ------------------------------------------------------------------ */

/* More than 22 digits after the point (leading zeros): API.md limits the
 * significant digits only.  Expected values are C literals in exponent
 * form, rounded by the compiler (independently of lib/parse.c's long
 * division); the text is built as "0." + zeros + digits. */
struct parse_long_row {
	int zeros;          /* zeros after the point before the digits */
	const char *digits; /* "" for all zeros */
	int negative;
	ket_status want;
	double value;
};

static const struct parse_long_row parse_long_rows[] = {
	{ 22, "1", 0, KET_OK, 1e-23 },             /* 23 after the point */
	{ 22, "1", 1, KET_OK, -1e-23 },
	{ 21, "123456789012345", 0, KET_OK, 1.23456789012345e-22 },
	{ 30, "999999999999999", 0, KET_OK, 9.99999999999999e-31 },
	{ 40, "5", 0, KET_OK, 5e-41 },
	{ 99, "1", 0, KET_OK, 1e-100 },
	{ 150, "314159265358979", 0, KET_OK, 3.14159265358979e-151 },
	{ 200, "7", 0, KET_OK, 7e-201 },
	{ 290, "12345", 0, KET_OK, 1.2345e-291 },
	/* DBL_MIN = 2.2250738585072014e-308: the normal range ends there. */
	{ 307, "222507385850721", 0, KET_OK, 2.22507385850721e-308 },
	{ 307, "222507385850730", 1, KET_OK, -2.2250738585073e-308 },
	{ 307, "300000000000000", 0, KET_OK, 3e-308 },
	{ 307, "222507385850720", 0, KET_E_RANGE, 0 }, /* below DBL_MIN */
	{ 307, "1", 0, KET_E_RANGE, 0 },               /* 1e-308 */
	{ 308, "999999999999999", 0, KET_E_RANGE, 0 }, /* 9.99e-309 */
	{ 308, "1", 0, KET_E_RANGE, 0 },
	{ 320, "5", 0, KET_E_RANGE, 0 },
	{ 400, "1", 1, KET_E_RANGE, 0 },
	{ 5000, "1", 0, KET_E_RANGE, 0 },              /* absurdly long */
	/* 16 significant digits stay refused however far out they are. */
	{ 30, "1234567890123456", 0, KET_E_RANGE, 0 },
	{ 22, "1000000000000000", 0, KET_E_RANGE, 0 }, /* trailing zeros */
	/* No significant digit at all: 0, however many zeros. */
	{ 23, "", 0, KET_OK, 0.0 },
	{ 23, "", 1, KET_OK, 0.0 },                    /* "-0.000...": 0 */
	{ 400, "", 0, KET_OK, 0.0 },
	{ 5000, "", 1, KET_OK, 0.0 },
};

START_TEST(test_parse_long_fraction)
{
	const struct parse_long_row *r = &parse_long_rows[_i];
	static char text[6000];
	double got = UNSET;
	size_t n = 0;
	ket_status st;
	int i;

	if (r->negative)
		text[n++] = '-';
	text[n++] = '0';
	text[n++] = '.';
	for (i = 0; i < r->zeros; i++)
		text[n++] = '0';
	strcpy(text + n, r->digits);
	st = ket_parse_decimal(text, &got);
	ck_assert_msg(st == r->want, "row %d: status %d, want %d", _i, (int)st,
	              (int)r->want);
	if (r->want == KET_OK)
		ck_assert_msg(dbl_same(got, r->value), "row %d: got %.17g, want "
		              "%.17g", _i, got, r->value);
	else
		ck_assert_msg(isnan(got), "row %d: out %g, want NaN", _i, got);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/).
 * Header: max_decimals 0-4 (5 is KET_E_RANGE); a non-zero value that
 * would print as 0 is KET_E_RANGE - also far below the last decimal
 * (0.0003 at 0 decimals, 0.00002 at 4: 2^-12 to 2^-16, where the exact
 * rounding shifts by 64 bits); on error buf holds "" when size > 0, a
 * size of 1 included. */
START_TEST(test_mut_format_edges)
{
	char buf[FMT_BUF];

	fill(buf, sizeof(buf));
	ck_assert_int_eq(ket_format_dose(1.0, 5, "mg", 0, buf, sizeof(buf)),
	                 KET_E_RANGE);
	ck_assert_str_eq(buf, "");
	fill(buf, sizeof(buf));
	ck_assert_int_eq(ket_format_dose(0.0003, 0, "mg", 0, buf, sizeof(buf)),
	                 KET_E_RANGE);
	ck_assert_str_eq(buf, "");
	fill(buf, sizeof(buf));
	ck_assert_int_eq(ket_format_dose(0.00002, 4, "mg", 0, buf,
	                                 sizeof(buf)), KET_E_RANGE);
	ck_assert_str_eq(buf, "");
	/* 3e14 at 4 decimals: 3e18 after scaling, exactly (no shift). */
	fill(buf, sizeof(buf));
	ck_assert_int_eq(ket_format_dose(3e14, 4, "mg", 0, buf, sizeof(buf)),
	                 KET_OK);
	ck_assert_str_eq(buf, "300,000,000,000,000 mg");
	fill(buf, sizeof(buf));
	ck_assert_int_eq(ket_format_dose(12.5, 1, "mg", 0, buf, 1),
	                 KET_E_BUFFER);
	ck_assert_msg(buf[0] == '\0', "size 1: buf not \"\"");
	ck_assert_msg(untouched(buf, 1, sizeof(buf)), "size 1: wrote past");
}
END_TEST

Suite *ket_suite_text(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("parse_decimal");

	tcase_add_loop_test(tc, test_parse_accepted, 0, N_ROWS(parse_ok_rows));
	tcase_add_test(tc, test_parse_minus_zero);
	tcase_add_loop_test(tc, test_parse_rejected, 0,
	                    N_ROWS(parse_bad_rows));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_parse_locale);
	suite_add_tcase(s, tc);

	tc = tcase_create("format_dose");
	tcase_add_loop_test(tc, test_format, 0, N_ROWS(format_rows));
	tcase_add_loop_test(tc, test_format_errors, 0,
	                    N_ROWS(format_error_rows));
	tcase_add_loop_test(tc, test_format_large, 0,
	                    N_ROWS(format_large_rows));
	tcase_add_test(tc, test_format_size_zero);
	tcase_add_test(tc, test_format_null);
	tcase_add_test(tc, test_format_locale);
	tcase_add_loop_test(tc, test_format_parse_round_trip, 0,
	                    N_ROWS(round_trip_values));
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_loop_test(tc, test_parse_long_fraction, 0,
	                    N_ROWS(parse_long_rows));
	suite_add_tcase(s, tc);
	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_format_edges);
	suite_add_tcase(s, tc);
	return s;
}
