/*
 * fuzz_parse.c - byte-level libFuzzer harness for the text readers:
 * ket_parse_decimal and ket_rate_unit_parse.  The whole input is the text
 * (a NUL-terminated copy of exactly its bytes, so ASan sees any read past
 * the terminator; an embedded NUL ends the string, as it would for a
 * caller).
 *
 * Invariants:
 *  - ket_parse_decimal accepts exactly the documented grammar -?D+(.D+)?
 *    with at most 15 significant digits (from the first non-zero digit,
 *    trailing zeros included; written out here independently of
 *    lib/parse.c) whose value is 0 or at least DBL_MIN in magnitude (judged
 *    on strtold's 64-bit value); everything else is KET_E_RANGE with NaN;
 *  - an accepted text gives a finite double equal to strtod's (C locale,
 *    correctly rounded) for the same text;
 *  - ket_rate_unit_parse accepts exactly the 15 spellings of the header,
 *    each to its unit, and its UCUM code reads back to the same unit;
 *    anything else is KET_E_UNIT with KET_UNIT_INVALID;
 *  - NULL text or output: KET_E_NULL.
 */
#include <float.h>
#include <stdlib.h>

#include "fuzz_common.h"

static const char *text_in;

static void dump(void)
{
	const unsigned char *p = (const unsigned char *)text_in;

	fprintf(stderr, " text (%zu bytes): \"", strlen(text_in));
	for (; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			fputc(*p, stderr);
		else
			fprintf(stderr, "\\x%02x", *p);
	}
	fprintf(stderr, "\"\n");
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The header's grammar, with its digit limit. */
static int grammar_accepts(const char *s)
{
	int significant = 0, after_point = 0, digits = 0;

	if (*s == '-')
		s++;
	for (;; s++) {
		if (is_digit(*s)) {
			if (digits < 1000000)
				digits++;
			if (significant > 0 || *s != '0')
				significant += significant < 1000000;
		} else if (*s == '.' && !after_point && digits > 0) {
			after_point = 1;
			digits = 0;
		} else {
			break;
		}
	}
	return *s == '\0' && digits > 0 && significant <= 15;
}

/* Accepted: the grammar, and a value that is 0 or a normal double.  A
 * 15-digit decimal below DBL_MIN is below it by far more than strtold's
 * rounding, so strtold decides it exactly. */
static int accepts(const char *text)
{
	long double v;

	if (!grammar_accepts(text))
		return 0;
	v = fabsl(strtold(text, NULL));
	return v == 0.0L || v >= (long double)DBL_MIN;
}

static void check_decimal(const char *text)
{
	double d = 12345.0, ref;
	char *end;
	ket_status st = ket_parse_decimal(text, &d);

	FZ_CHECK(st == (accepts(text) ? KET_OK : KET_E_RANGE),
	         "ket_parse_decimal disagrees with the documented grammar");
	if (st != KET_OK) {
		FZ_CHECK(isnan(d),
		         "a refused text left a value that is not NaN");
		return;
	}
	FZ_CHECK(fz_finite(d), "an accepted text read as a non-finite value");
	ref = strtod(text, &end);
	FZ_CHECK(*end == '\0', "strtod stops early on an accepted text");
	FZ_CHECK(fz_eq(d, ref), "an accepted text reads differently from "
	         "strtod (not correctly rounded)");
}

static void check_unit(const char *text)
{
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
	ket_rate_unit u = KET_UNIT_MG_PER_H, back;
	ket_status st = ket_rate_unit_parse(text, &u);
	size_t i;

	for (i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		if (strcmp(text, spellings[i].text) == 0)
			break;
	}
	if (i == sizeof spellings / sizeof spellings[0]) {
		FZ_CHECK(st == KET_E_UNIT && u == KET_UNIT_INVALID,
		         "a text that is no documented spelling is not "
		         "KET_E_UNIT with KET_UNIT_INVALID");
		return;
	}
	FZ_CHECK(st == KET_OK && u == spellings[i].unit,
	         "a documented spelling not read as its unit");
	FZ_CHECK(ket_rate_unit_parse(ket_rate_unit_ucum(u), &back) == KET_OK &&
	         back == u, "a unit's UCUM code does not read back to it");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	double d = 1.0;
	ket_rate_unit u = KET_UNIT_MG_PER_H;

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	text_in = text;
	fz_dump = dump;
	check_decimal(text);
	check_unit(text);
	FZ_CHECK(ket_parse_decimal(NULL, &d) == KET_E_NULL && isnan(d),
	         "NULL text not KET_E_NULL with NaN");
	FZ_CHECK(ket_parse_decimal(text, NULL) == KET_E_NULL, "NULL output");
	FZ_CHECK(ket_rate_unit_parse(NULL, &u) == KET_E_NULL &&
	         u == KET_UNIT_INVALID, "NULL text not KET_E_NULL");
	FZ_CHECK(ket_rate_unit_parse(text, NULL) == KET_E_NULL, "NULL output");
	free(text);
	return 0;
}
