/*
 * fuzz_format.c - libFuzzer harness for the text writers: ket_format_dose
 * (fuzzed doubles, decimals, flags, buffer sizes and unit text) and
 * ket_report_format (reports built from fuzz bytes, strings included, as a
 * caller might pass them).  Output buffers are heap blocks of exactly
 * `size` bytes, so ASan sees any write past them.
 *
 * Input: a mode byte (even: ket_format_dose, odd: ket_report_format), then
 * the arguments; the rest of the input is text (the unit, or the strings
 * of the findings).
 *
 * Invariants:
 *  - ket_format_dose: the status of the header's order (NULL, non-finite,
 *    decimals and flags, a non-zero value printing as
 *    0, buffer); on error "" when size > 0; on KET_OK exactly the text that
 *    C's printf gives for the value at max_decimals, with halves of the
 *    exact binary value rounded away from zero, trailing zeros and a bare
 *    point removed, a leading zero, '-' only for a non-zero negative,
 *    commas between thousands unless KET_FORMAT_NO_GROUPING, then " unit";
 *    and that number, commas removed, read back by ket_parse_decimal (or
 *    strtod beyond 15 digits) within half a unit of the last decimal;
 *  - ket_report_format: KET_OK or KET_E_BUFFER only; NUL-terminated within
 *    size, "" on KET_E_BUFFER; KET_OK exactly when the text and its NUL
 *    fit, with the same text at every size that fits; "" for no findings;
 *    "; and N more" at the end when findings were dropped; the documented
 *    sentence "<item> <value> <unit> is above the hard maximum <limit>
 *    <unit>" for a hard limit finding.
 */
#include <limits.h>

#include "fuzz_common.h"

#define TEXT_MAX 65536

static struct {
	int mode;
	double value;
	int decimals;
	uint32_t flags;
	size_t size;
	const char *unit;
	const char *got;
	char want[1024];
	ket_report report;
	ket_status st;
} in;

static void print_text(const char *name, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fprintf(stderr, "  %-36s ", name);
	if (s == NULL) {
		fprintf(stderr, "NULL\n");
		return;
	}
	fputc('"', stderr);
	for (; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			fputc(*p, stderr);
		else
			fprintf(stderr, "\\x%02x", *p);
	}
	fprintf(stderr, "\"\n");
}

static void dump(void)
{
	fprintf(stderr, " function: %s, status %s\n",
	        in.mode == 0 ? "ket_format_dose" : "ket_report_format",
	        ket_status_name(in.st));
	if (in.mode == 0) {
		fz_print("value", in.value);
		fz_print_int("max_decimals", in.decimals);
		fz_print_int("flags", in.flags);
		print_text("unit", in.unit);
		print_text("expected", in.want);
	} else {
		fz_print_report(&in.report);
	}
	fz_print_int("size", (long long)in.size);
	print_text("got", in.got);
}

/* ---- the expected text of ket_format_dose -------------------------------- */

/* Adds one unit in the last place to a decimal string of digits and at
 * most one point ("0.129" -> "0.130", "9.99" -> "10.00"). */
static void increment_decimal(char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		char *c = &s[--n];

		if (*c == '.')
			continue;
		if (*c != '9') {
			(*c)++;
			return;
		}
		*c = '0';
	}
	memmove(s + 1, s, strlen(s) + 1);
	s[0] = '1';
}

/* |v| rounded to d decimals, halves of the exact value away from zero:
 * printf rounds exactly, and the only exact halves are values with d + 1
 * decimals ending in 5, whose d + 1 digits printf writes without rounding.
 * Then no trailing zeros, no bare point. */
static void rounded_text(double a, int d, char *out, size_t size)
{
	double x = ldexp(a, d + 1); /* exact: a power-of-two scaling */
	int tie = fz_eq(x, floor(x)) && fz_eq(fmod(x, 2.0), 1.0);
	char *p;

	if (tie) {
		snprintf(out, size, "%.*f", d + 1, a);
		out[strlen(out) - 1] = '\0'; /* the 5 */
		if (out[strlen(out) - 1] == '.')
			out[strlen(out) - 1] = '\0';
		increment_decimal(out);
	} else {
		snprintf(out, size, "%.*f", d, a);
	}
	p = strchr(out, '.');
	if (p != NULL) {
		size_t n = strlen(out);

		while (n > 0 && out[n - 1] == '0')
			out[--n] = '\0';
		if (out[n - 1] == '.')
			out[n - 1] = '\0';
	}
}

/* "1234567.5" -> "1,234,567.5" */
static void group_thousands(const char *s, char *out)
{
	size_t int_len = strcspn(s, "."), i;

	for (i = 0; i < int_len; i++) {
		*out++ = s[i];
		if (i + 1 < int_len && (int_len - i - 1) % 3 == 0)
			*out++ = ',';
	}
	strcpy(out, s + int_len);
}

/* The status and text ket_format_dose must give (ignoring the buffer). */
static ket_status expect_format(double v, int d, const char *unit,
                                uint32_t flags, char *out, size_t size)
{
	char num[400], grouped[600];

	out[0] = '\0';
	if (!fz_finite(v))
		return KET_E_NOT_FINITE;
	if (d < 0 || d > 4 || (flags & ~KET_FORMAT_NO_GROUPING) != 0)
		return KET_E_RANGE;
	rounded_text(fabs(v), d, num, sizeof num);
	if (strcmp(num, "0") == 0 && fabs(v) > 0.0)
		return KET_E_RANGE;
	if (flags & KET_FORMAT_NO_GROUPING)
		strcpy(grouped, num);
	else
		group_thousands(num, grouped);
	snprintf(out, size, "%s%s%s%s", v < 0.0 && strcmp(num, "0") != 0
	                                         ? "-" : "",
	         grouped, unit != NULL && unit[0] != '\0' ? " " : "",
	         unit != NULL ? unit : "");
	return KET_OK;
}

/* The number part of an accepted text, commas removed, read back. */
static void check_reparse(const char *text, double v, int d)
{
	char num[512]; /* -DBL_MAX: 310 characters without commas */
	size_t n = 0;
	double back;
	const char *p;

	for (p = text; *p != '\0' && *p != ' ' && n + 1 < sizeof num; p++) {
		if (*p != ',')
			num[n++] = *p;
	}
	num[n] = '\0';
	if (ket_parse_decimal(num, &back) != KET_OK) {
		/* Beyond 15 significant digits: strtod reads it. */
		char *end;

		back = strtod(num, &end);
		FZ_CHECK(*end == '\0' && strlen(num) > 15,
		         "the number written is not a decimal "
		         "ket_parse_decimal reads");
	}
	FZ_CHECK(fabs(back - v) <= 0.5 * pow(10.0, -d) * (1.0 + 1e-9) +
	                           2.0 * fabs(v) * DBL_EPSILON,
	         "the number written is more than half a unit of the last "
	         "decimal from the value");
}

static void fuzz_format_dose(fz *f)
{
	unsigned b;
	char *buf, *unit = NULL, unit_text[256];
	size_t size, n;
	ket_status want;

	in.value = fz_double(f);
	b = fz_byte(f);
	if (b >= 0xF0)
		in.decimals = b & 1 ? INT_MAX : INT_MIN;
	else
		in.decimals = (int)(b % 8) - 1;
	b = fz_byte(f);
	in.flags = b < 0x80 ? 0 : b < 0xF0 ? KET_FORMAT_NO_GROUPING
	                                   : (uint32_t)1 << (b % 32);
	b = fz_byte(f);
	size = in.size = b == 0xFF ? 4096 : b % 48;
	b = fz_byte(f);
	if (b % 4 != 0) { /* the unit: the rest of the input */
		n = f->n < sizeof unit_text - 1 ? f->n : sizeof unit_text - 1;
		memcpy(unit_text, f->p, n);
		unit_text[n] = '\0';
		unit = unit_text;
	}
	in.unit = unit;
	buf = malloc(size > 0 ? size : 1);
	if (buf == NULL)
		abort();
	buf[0] = 'X';
	in.got = "";
	FZ_CHECK(ket_format_dose(in.value, in.decimals, unit, in.flags, NULL,
	                         size) == KET_E_NULL, "NULL buffer");
	in.st = ket_format_dose(in.value, in.decimals, unit, in.flags, buf,
	                        size);
	if (size > 0) {
		FZ_CHECK(memchr(buf, '\0', size) != NULL,
		         "the output is not NUL-terminated within size");
		in.got = buf;
	} else {
		FZ_CHECK(buf[0] == 'X', "a write into a buffer of size 0");
	}
	want = expect_format(in.value, in.decimals, unit, in.flags, in.want,
	                     sizeof in.want);
	if (want == KET_OK && strlen(in.want) + 1 > size)
		want = KET_E_BUFFER;
	FZ_CHECK(in.st == want, "not the status of the documented order");
	if (in.st != KET_OK) {
		if (size > 0)
			FZ_CHECK(buf[0] == '\0', "an error left text in buf");
		in.got = "";
		free(buf);
		return;
	}
	FZ_CHECK(strcmp(buf, in.want) == 0,
	         "not the ISMP text (printf's digits, halves away from zero)");
	check_reparse(buf, in.value, in.decimals);
	in.got = "";
	free(buf);
}

/* ---- ket_report_format --------------------------------------------------- */

static const char *pick_string(fz *f, char *pool, size_t *used)
{
	static char long_text[301];
	unsigned b = fz_byte(f) % 8;
	size_t n;

	switch (b) {
	case 0: return NULL;
	case 1: return "";
	case 2: return "mg/kg/h";
	case 3: return "%";
	case 4:
		memset(long_text, 'x', sizeof long_text - 1);
		long_text[sizeof long_text - 1] = '\0';
		return long_text;
	default: /* a slice of the input */
		n = fz_byte(f) % 24;
		if (n > f->n)
			n = f->n;
		if (*used + n + 1 > 1024)
			return "";
		memcpy(pool + *used, f->p, n);
		pool[*used + n] = '\0';
		f->p += n;
		f->n -= n;
		*used += n + 1;
		return pool + *used - n - 1;
	}
}

static size_t fuzz_count(fz *f)
{
	unsigned b = fz_byte(f);

	if (b < 0xF0)
		return b % 10;
	switch (b & 3) {
	case 0: return SIZE_MAX;
	case 1: return (size_t)1e15;
	case 2: return 999;
	default: return 1000;
	}
}

/* "<quantity>" as report sentences write numbers (header). */
static void quantity_text(double v, const char *unit, char *out, size_t size)
{
	char num[512];

	if (!(fabs(v) < 1e15))
		strcpy(num, v > 0.0 ? ">= 1e15" : "<= -1e15");
	else if (expect_format(v, 4, NULL, 0, num, sizeof num) != KET_OK)
		strcpy(num, "< 0.0001");
	snprintf(out, size, "%s%s%s", num, unit[0] != '\0' ? " " : "", unit);
}

static void check_report_text(const ket_report *r, const char *text)
{
	size_t n = r->count < KET_REPORT_MAX ? r->count : KET_REPORT_MAX;
	char tail[128], num[64], want[2048], qv[700], ql[700];

	if (n == 0) {
		FZ_CHECK(text[0] == '\0', "a report without findings not \"\"");
		return;
	}
	FZ_CHECK(text[0] != '\0', "a report with findings written as \"\"");
	if (r->dropped > 0 && (double)r->dropped < 1e15) {
		FZ_CHECK(expect_format((double)r->dropped, 0, NULL, 0, num,
		                       sizeof num) == KET_OK, "harness");
		snprintf(tail, sizeof tail, "; and %s more", num);
		FZ_CHECK(strlen(text) >= strlen(tail) &&
		         strcmp(text + strlen(text) - strlen(tail), tail) == 0,
		         "dropped findings without \"; and N more\" at the "
		         "end");
	}
	/* The header's example sentence, for one hard limit finding. */
	if (n == 1 && r->dropped == 0 &&
	    r->findings[0].status == KET_E_HARD_LIMIT &&
	    ket_item_name((ket_item)r->findings[0].item) != NULL &&
	    fz_finite(r->findings[0].value) &&
	    fz_finite(r->findings[0].limit)) {
		const ket_finding *fd = &r->findings[0];
		const char *unit = fd->unit != NULL ? fd->unit : "";

		quantity_text(fd->value, unit, qv, sizeof qv);
		quantity_text(fd->limit, unit, ql, sizeof ql);
		snprintf(want, sizeof want,
		         "%s %s is above the hard maximum %s",
		         ket_item_name((ket_item)fd->item), qv, ql);
		FZ_CHECK(strcmp(text, want) == 0, "a hard limit finding not "
		         "written \"<item> <value> is above the hard maximum "
		         "<limit>\"");
	}
}

static void fuzz_report_format(fz *f)
{
	static char pool[1024], full[TEXT_MAX];
	ket_report *r = &in.report;
	size_t used = 0, i, len, size;
	unsigned b;
	char *buf;

	r->count = fuzz_count(f);
	r->dropped = fz_byte(f) < 0xC0 ? 0 : fuzz_count(f);
	for (i = 0; i < KET_REPORT_MAX; i++) {
		ket_finding *fd = &r->findings[i];

		fd->status = fz_enum(f);
		b = fz_byte(f);
		fd->warning = b < 0x40 ? 0 : b < 0xF0 ? (uint32_t)1 << (b % 16)
		                                      : (uint32_t)fz_raw(f, 4);
		fd->item = fz_enum(f);
		fd->value = fz_double(f);
		fd->limit = fz_double(f);
		fd->unit = pick_string(f, pool, &used);
		fd->field = pick_string(f, pool, &used);
	}
	b = fz_byte(f);
	size = in.size = b == 0xFF ? 8192 : b % 128;
	in.st = ket_report_format(r, full, sizeof full);
	in.got = full;
	FZ_CHECK(in.st == KET_OK, "a report that does not fit in 64 KiB");
	len = strlen(full);
	check_report_text(r, full);
	buf = malloc(size > 0 ? size : 1);
	if (buf == NULL)
		abort();
	buf[0] = 'X';
	in.st = ket_report_format(r, buf, size);
	if (size == 0) {
		FZ_CHECK(in.st == KET_E_BUFFER && buf[0] == 'X',
		         "size 0: not KET_E_BUFFER, or a write");
	} else {
		FZ_CHECK(memchr(buf, '\0', size) != NULL,
		         "the output is not NUL-terminated within size");
		in.got = buf;
		if (len + 1 <= size)
			FZ_CHECK(in.st == KET_OK && strcmp(buf, full) == 0,
			         "a text that fits is not KET_OK with the same "
			         "text");
		else
			FZ_CHECK(in.st == KET_E_BUFFER && buf[0] == '\0',
			         "a text that does not fit is not KET_E_BUFFER "
			         "with \"\"");
	}
	FZ_CHECK(ket_report_format(r, NULL, size) == KET_E_NULL,
	         "NULL buffer");
	if (size > 0)
		FZ_CHECK(ket_report_format(NULL, buf, size) == KET_E_NULL &&
		         buf[0] == '\0',
		         "NULL report not KET_E_NULL with \"\"");
	in.got = "";
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz f;

	fz_dump = dump;
	fz_init(&f, data, size);
	memset(&in, 0, sizeof in);
	in.mode = (int)(fz_byte(&f) & 1);
	if (in.mode == 0)
		fuzz_format_dose(&f);
	else
		fuzz_report_format(&f);
	return 0;
}
