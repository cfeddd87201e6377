/*
 * fuzz_common.h - shared by the libFuzzer harnesses in tests/fuzz/ (static
 * functions only; each harness is one translation unit).
 *
 * A reader turns the fuzz bytes into doubles, enum values and sizes that
 * favour the values where dose arithmetic breaks: NaN, +-Inf, +-0,
 * denormals, 1e308, the library's bounds exactly, +-1 ulp and +-1e-9
 * relative (the tolerance of API.md "Comparisons"), a previous value of the
 * same input again (a dose exactly at a limit), and typical doses.  An
 * exhausted input reads as zero bytes, which decode to ordinary values
 * (1.0, enum 0), so short inputs still reach the clinical code.
 *
 * Invariant checks print what failed, with the harness's inputs, and call
 * abort(): libFuzzer treats that as a crash and saves the input.
 *
 * Byte format of a double (fz_double), by the top 3 bits of a tag byte:
 *   0  typical[tag & 31]                 typical doses, weights, rates
 *   1  special[tag & 31]                 NaN, Inf, -0, denormals, 1e308...
 *   2  bound[tag & 31], then a modifier byte (fz_modify)
 *   3  8 raw bytes, little-endian IEEE 754
 *   4  3-byte integer / 10^(tag & 7), negative if tag & 8
 *   5  the previous double drawn, then a modifier byte
 *   6  (1 + ((tag >> 1) & 15) / 8) x 10^(int8 byte), negative if tag & 1
 *   7  (int8) byte, a small integer
 * tests/fuzz/make_seeds.py writes seeds in this format.
 */
#ifndef KET_FUZZ_COMMON_H
#define KET_FUZZ_COMMON_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ketamine.h>

/* The warning bits the header defines (KET_W_BELOW_SOFT_MIN ..
 * KET_W_EXPOSURE_ONLY). */
#define FZ_KNOWN_WARNINGS ((UINT32_C(1) << 13) - 1)

/* API.md "Comparisons": a computed quantity within 1e-9 relative of a limit
 * counts as at it.  A result may therefore lie up to 1e-9 beyond a limit,
 * plus the rounding of the few operations that produce it. */
#define FZ_REL_TOL 1e-9
#define FZ_ULPS (16.0 * DBL_EPSILON)

#define FZ_DENORM_MIN 4.9406564584124654e-324 /* DBL_TRUE_MIN (C11) */
/* Below this, relative comparisons say nothing (denormals carry few
 * digits); no dose is this small. */
#define FZ_TINY 1e-300

typedef struct fz {
	const uint8_t *p;
	size_t n;
	double last; /* the previous double drawn */
} fz;

static inline void fz_init(fz *f, const uint8_t *data, size_t size)
{
	f->p = data;
	f->n = size;
	f->last = 1.0;
}

static inline unsigned fz_byte(fz *f)
{
	if (f->n == 0)
		return 0;
	f->n--;
	return *f->p++;
}

static inline uint64_t fz_raw(fz *f, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)fz_byte(f) << (8 * i);
	return v;
}

static inline double fz_bits_to_double(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

static const double fz_typical[32] = {
	1.0, 0.5, 0.1, 0.05, 0.15, 0.2, 0.35, 2.0,
	5.0, 10.0, 25.0, 40.0, 50.0, 70.0, 100.0, 150.0,
	240.0, 300.0, 350.0, 500.0, 0.01, 1000.0, 168.0, 120.0,
	60.0, 3.0, 30.0, 24.0, 45.0, 250.0, 18.0, 0.25,
};

static inline double fz_special(unsigned i)
{
	switch (i & 31) {
	case 0: return (double)NAN;
	case 1: return -(double)NAN;
	case 2: return (double)INFINITY;
	case 3: return -(double)INFINITY;
	case 4: return 0.0;
	case 5: return -0.0;
	case 6: return FZ_DENORM_MIN;
	case 7: return -FZ_DENORM_MIN;
	case 8: return DBL_MIN;
	case 9: return -DBL_MIN;
	case 10: return DBL_MIN - FZ_DENORM_MIN; /* largest denormal */
	case 11: return DBL_MAX;
	case 12: return -DBL_MAX;
	case 13: return 1e308;
	case 14: return -1e308;
	case 15: return 1e-308;
	case 16: return 1e300;
	case 17: return 1e-300;
	case 18: return 1e15;
	case 19: return 1e-15;
	case 20: return 9007199254740992.0;    /* 2^53 */
	case 21: return 9223372036854775808.0; /* 2^63 */
	case 22: return 18446744073709551616.0; /* 2^64 */
	case 23: return -1.0;
	case 24: return -0.5;
	case 25: return 1e-9;
	case 26: return 1e9;
	case 27: return 3.0 * FZ_DENORM_MIN;
	case 28: return 1e-320;
	case 29: return 4503599627370495.5;    /* 2^52 - 0.5 */
	case 30: return 0.1 + 0.2;
	default: return 0.49999999999999994;   /* 0.5 - 1 ulp */
	}
}

/* The bounds the library compares with (header macros and the limits of
 * API.md), where an off-by-one-ulp decision would show. */
static const double fz_bound[32] = {
	0.5, 350.0, 45.0, 250.0, 130.0, 0.01, 100.0, 50.0,
	0.5, 0.1, 10.0, 1.0, 1000.0, 168.0, 120.0, 152.4,
	0.1, 2.0, 0.5, 50.0, 18.0, 500.0, 3600.0, 1e15,
	0.00005, 0.005, 0.05, 10.0, 40.4, 0.6, 0.0, 1e-4,
};

static inline double fz_modify(double x, unsigned m)
{
	switch (m & 15) {
	case 0: return x;
	case 1: return nextafter(x, (double)INFINITY);
	case 2: return nextafter(x, -(double)INFINITY);
	case 3: return x * (1.0 + 1e-9);
	case 4: return x * (1.0 - 1e-9);
	case 5: return x * (1.0 + 2e-9);
	case 6: return x * (1.0 - 2e-9);
	case 7: return x * (1.0 + 5e-10);
	case 8: return x * (1.0 - 5e-10);
	case 9: return -x;
	case 10: return x * 2.0;
	case 11: return x / 2.0;
	case 12: return x * 24.0;
	case 13: return x / 24.0;
	case 14: return x * 60.0;
	default: return x / 60.0;
	}
}

static inline double fz_double(fz *f)
{
	unsigned tag = fz_byte(f);
	double x;

	switch (tag >> 5) {
	case 0: x = fz_typical[tag & 31]; break;
	case 1: x = fz_special(tag); break;
	case 2: x = fz_modify(fz_bound[tag & 31], fz_byte(f)); break;
	case 3: x = fz_bits_to_double(fz_raw(f, 8)); break;
	case 4:
		x = (double)fz_raw(f, 3) / pow(10.0, (double)(tag & 7));
		if (tag & 8)
			x = -x;
		break;
	case 5: x = fz_modify(f->last, fz_byte(f)); break;
	case 6:
		x = (1.0 + (double)((tag >> 1) & 15) / 8.0) *
		    pow(10.0, (double)(int8_t)fz_byte(f));
		if (tag & 1)
			x = -x;
		break;
	default: x = (double)(int8_t)fz_byte(f); break;
	}
	f->last = x;
	return x;
}

/* An enum value: mostly 0..11 and -1..-4, sometimes an extreme. */
static inline int32_t fz_enum(fz *f)
{
	unsigned tag = fz_byte(f);
	int v;

	if (tag < 0xF0) {
		v = (int)(tag & 15);
		return v >= 12 ? 11 - v : v;
	}
	switch (tag & 15) {
	case 0: return INT32_MIN;
	case 1: return INT32_MAX;
	case 2: return -1;
	case 3: return 255;
	case 4: return 256;
	case 5: return 65535;
	case 6: return 65536;
	case 7: return 1000;
	case 8: return -1000;
	case 9: return INT32_MIN + 1;
	case 10: return INT32_MAX - 1;
	case 11: return 17;
	case 12: return 18;
	case 13: return 20;
	case 14: return 21;
	default: return (int32_t)(uint32_t)fz_raw(f, 4);
	}
}

/* 0..max, mostly small. */
static inline size_t fz_size(fz *f, size_t max)
{
	return (size_t)fz_byte(f) % (max + 1);
}

/* ---- comparisons (no ==, so -Wfloat-equal stays quiet) ------------------ */

/* Same bits: what "the same output" means for two calls (NaN included). */
static inline int fz_same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* Equal numbers (-0 equals 0); NaN never equal. */
static inline int fz_eq(double a, double b)
{
	return a <= b && a >= b;
}

static inline int fz_finite(double x)
{
	return isfinite(x) != 0;
}

/* |got - want| <= rel |want| + abs; finite only. */
static inline int fz_close(double got, double want, double rel, double abs_tol)
{
	return fz_finite(got) && fz_finite(want) &&
	       fabs(got - want) <= rel * fabs(want) + abs_tol;
}

/* got is not above limit beyond the API.md tolerance and a few roundings. */
static inline int fz_not_above(double got, double limit)
{
	return got <= limit * (1.0 + FZ_REL_TOL) * (1.0 + FZ_ULPS);
}

/* value lies clearly above limit: beyond the tolerance band, so the
 * library must treat it as above. */
static inline int fz_clearly_above(double value, double limit)
{
	return value > limit * (1.0 + FZ_REL_TOL) * (1.0 + FZ_ULPS) +
	               FZ_DENORM_MIN;
}

static inline int fz_clearly_below(double value, double limit)
{
	return value < limit * (1.0 - FZ_REL_TOL) * (1.0 - FZ_ULPS) -
	               FZ_DENORM_MIN;
}

static inline int fz_all_nan(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isnan(v[i]))
			return 0;
	}
	return 1;
}

static inline int fz_all_finite(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!fz_finite(v[i]))
			return 0;
	}
	return 1;
}

/* ---- failing ------------------------------------------------------------ */

/* Each harness sets this to print its inputs when an invariant fails. */
static void (*fz_dump)(void);

static inline void fz_fail(const char *file, int line, const char *cond,
                    const char *what)
{
	fprintf(stderr, "\n%s:%d: INVARIANT FAILED: %s\n  (%s)\n", file, line,
	        what, cond);
	if (fz_dump != NULL)
		fz_dump();
	fflush(stderr);
	abort();
}

#define FZ_CHECK(cond, what)                                             \
	do {                                                             \
		if (!(cond))                                             \
			fz_fail(__FILE__, __LINE__, #cond, what);        \
	} while (0)

/* A double for a dump: decimal and exact hexadecimal. */
static inline void fz_print(const char *name, double x)
{
	fprintf(stderr, "  %-36s %.17g (%a)\n", name, x, x);
}

static inline void fz_print_int(const char *name, long long v)
{
	fprintf(stderr, "  %-36s %lld\n", name, v);
}

/* ---- statuses and reports ------------------------------------------------ */

static inline int fz_status_known(ket_status st)
{
	return (int)st >= (int)KET_OK && (int)st <= (int)KET_E_FORM;
}

static inline uint32_t fz_report_bits(const ket_report *r)
{
	uint32_t bits = 0;
	size_t i;

	for (i = 0; i < r->count && i < KET_REPORT_MAX; i++)
		bits |= r->findings[i].warning;
	return bits;
}

/* The report of an order function after it returned st: at most
 * KET_REPORT_MAX findings, each warning one known bit, the refusal (if any)
 * the last finding and the only error; its text formats. */
static inline void fz_check_report(const ket_report *r, ket_status st)
{
	static char text[8192], small[8192];
	size_t i, len;

	FZ_CHECK(r->count <= KET_REPORT_MAX, "report count above the maximum");
	FZ_CHECK(st == KET_OK || r->count >= 1,
	         "a refusal without a finding in the report");
	for (i = 0; i < r->count; i++) {
		const ket_finding *f = &r->findings[i];
		int last_error = st != KET_OK && i + 1 == r->count;

		FZ_CHECK(f->unit != NULL && f->field != NULL,
		         "a finding with a NULL unit or field");
		FZ_CHECK(ket_item_name((ket_item)f->item) != NULL,
		         "a finding with an unknown item");
		if (last_error) {
			FZ_CHECK(f->status == (int32_t)st,
			         "the last finding is not the returned error");
			FZ_CHECK(f->warning == 0, "an error finding with a "
			         "warning bit");
		} else {
			FZ_CHECK(f->status == KET_OK,
			         "an error finding that is not the last one");
			FZ_CHECK(ket_warning_name(f->warning) != NULL,
			         "a warning finding without one known bit");
		}
	}
	if (st == KET_E_NULL)
		FZ_CHECK(r->findings[r->count - 1].item == KET_ITEM_NONE,
		         "KET_E_NULL not reported as KET_ITEM_NONE");
	if (st == KET_E_LIMITS)
		FZ_CHECK(r->findings[r->count - 1].item == KET_ITEM_LIMITS,
		         "KET_E_LIMITS not reported as KET_ITEM_LIMITS");
	/* The sentences fit in a generous buffer, and exactly in len + 1. */
	FZ_CHECK(ket_report_format(r, text, sizeof text) == KET_OK,
	         "a library report does not format in 8 KiB");
	len = strlen(text);
	FZ_CHECK((r->count == 0) == (len == 0),
	         "report text empty exactly when there are no findings");
	FZ_CHECK(ket_report_format(r, small, len + 1) == KET_OK &&
	         strcmp(small, text) == 0,
	         "report text differs when formatted into its exact size");
	if (len > 0) {
		FZ_CHECK(ket_report_format(r, small, len) == KET_E_BUFFER &&
		         small[0] == '\0',
		         "a one-byte-short buffer is not KET_E_BUFFER "
		         "with \"\"");
	}
}

/* Warnings of a KET_OK result: known bits only, and the same bits as the
 * report's findings (all of them when nothing was dropped). */
static inline void fz_check_warnings(uint32_t warnings, uint32_t allowed,
                              const ket_report *r)
{
	uint32_t bits = fz_report_bits(r);

	FZ_CHECK((warnings & ~FZ_KNOWN_WARNINGS) == 0,
	         "an unknown warning bit");
	FZ_CHECK((warnings & ~allowed) == 0,
	         "a warning bit this function does not document");
	FZ_CHECK((bits & ~warnings) == 0,
	         "a warning in the report but not in the result");
	if (r->dropped == 0)
		FZ_CHECK(bits == warnings,
		         "a warning in the result but not in the report");
}

/* ---- limits ------------------------------------------------------------- */

#define FZ_LIMIT_FIELDS 17

static inline double *fz_limit_field(ket_limits *l, unsigned i)
{
	switch (i % FZ_LIMIT_FIELDS) {
	case 0: return &l->weight_soft_min_kg;
	case 1: return &l->weight_soft_max_kg;
	case 2: return &l->concentration_max_mg_per_ml;
	case 3: return &l->infusion_soft_min_mg_per_kg_per_h;
	case 4: return &l->infusion_soft_max_mg_per_kg_per_h;
	case 5: return &l->infusion_hard_max_mg_per_kg_per_h;
	case 6: return &l->infusion_soft_max_mg_per_h;
	case 7: return &l->infusion_cap_mg_per_h;
	case 8: return &l->bolus_soft_max_mg_per_kg;
	case 9: return &l->bolus_hard_max_mg_per_kg;
	case 10: return &l->bolus_soft_max_mg;
	case 11: return &l->bolus_cap_mg;
	case 12: return &l->daily_soft_max_mg_per_24h;
	case 13: return &l->daily_hard_max_mg_per_24h;
	case 14: return &l->pca_hard_max_mg_per_kg_per_h;
	case 15: return &l->oral_soft_max_mg_per_24h;
	default: return &l->oral_hard_max_mg_per_24h;
	}
}

/* Limits from fuzz bytes: a built-in profile as is, a profile with a few
 * fields replaced, a profile scaled by one factor (relations kept, values
 * absurd), or every field fuzzed. */
static inline void fz_limits(fz *f, ket_limits *l)
{
	unsigned mode = fz_byte(f) % 8, i, k;
	double scale;

	if (ket_limits_for_profile((ket_profile)(mode & 3), l) != KET_OK)
		abort();
	switch (mode) {
	case 4:
	case 5:
		for (k = fz_byte(f) % 4 + 1; k > 0; k--) {
			i = fz_byte(f) % (FZ_LIMIT_FIELDS + 1);
			if (i == FZ_LIMIT_FIELDS)
				l->form = fz_enum(f);
			else
				*fz_limit_field(l, i) = fz_double(f);
		}
		break;
	case 6:
		l->form = fz_enum(f);
		for (i = 0; i < FZ_LIMIT_FIELDS; i++)
			*fz_limit_field(l, i) = fz_double(f);
		break;
	case 7:
		scale = fz_double(f);
		for (i = 0; i < FZ_LIMIT_FIELDS; i++)
			*fz_limit_field(l, i) *= scale;
		break;
	default:
		break;
	}
}

/* Validity as the header states it (ket_limits_validate), written
 * independently of lib/limits.c. */
static inline int fz_limits_valid(const ket_limits *l)
{
	ket_limits c = *l;
	unsigned i;

	if (c.form != KET_FORM_RACEMIC && c.form != KET_FORM_ESKETAMINE &&
	    c.form != KET_FORM_ARKETAMINE)
		return 0;
	for (i = 0; i < FZ_LIMIT_FIELDS; i++) {
		double v = *fz_limit_field(&c, i);

		if (!fz_finite(v) || v < 0.0)
			return 0;
	}
	if (!(c.infusion_hard_max_mg_per_kg_per_h > 0.0) ||
	    !(c.bolus_hard_max_mg_per_kg > 0.0) ||
	    !(c.pca_hard_max_mg_per_kg_per_h > 0.0) ||
	    !(c.oral_hard_max_mg_per_24h > 0.0))
		return 0;
	if (c.infusion_soft_max_mg_per_kg_per_h >
	    c.infusion_hard_max_mg_per_kg_per_h)
		return 0;
	if (c.bolus_soft_max_mg_per_kg > c.bolus_hard_max_mg_per_kg)
		return 0;
	if (c.daily_hard_max_mg_per_24h > 0.0 &&
	    c.daily_soft_max_mg_per_24h > c.daily_hard_max_mg_per_24h)
		return 0;
	if (c.oral_soft_max_mg_per_24h > c.oral_hard_max_mg_per_24h)
		return 0;
	if (c.infusion_soft_min_mg_per_kg_per_h > 0.0 &&
	    !(c.infusion_soft_min_mg_per_kg_per_h <
	      (c.infusion_soft_max_mg_per_kg_per_h > 0.0
	               ? c.infusion_soft_max_mg_per_kg_per_h
	               : c.infusion_hard_max_mg_per_kg_per_h)))
		return 0;
	if (c.weight_soft_min_kg > 0.0 && c.weight_soft_max_kg > 0.0 &&
	    !(c.weight_soft_min_kg < c.weight_soft_max_kg))
		return 0;
	return 1;
}

static inline void fz_print_limits(const ket_limits *l)
{
	static const char *const names[FZ_LIMIT_FIELDS] = {
		"weight_soft_min_kg", "weight_soft_max_kg",
		"concentration_max_mg_per_ml",
		"infusion_soft_min_mg_per_kg_per_h",
		"infusion_soft_max_mg_per_kg_per_h",
		"infusion_hard_max_mg_per_kg_per_h",
		"infusion_soft_max_mg_per_h", "infusion_cap_mg_per_h",
		"bolus_soft_max_mg_per_kg", "bolus_hard_max_mg_per_kg",
		"bolus_soft_max_mg", "bolus_cap_mg",
		"daily_soft_max_mg_per_24h", "daily_hard_max_mg_per_24h",
		"pca_hard_max_mg_per_kg_per_h", "oral_soft_max_mg_per_24h",
		"oral_hard_max_mg_per_24h",
	};
	ket_limits c = *l;
	unsigned i;

	fprintf(stderr, " limits:\n");
	fz_print_int("form", c.form);
	for (i = 0; i < FZ_LIMIT_FIELDS; i++)
		fz_print(names[i], *fz_limit_field(&c, i));
}

static inline void fz_print_report(const ket_report *r)
{
	static char text[8192];
	size_t i;

	fprintf(stderr, " report: count %zu, dropped %zu\n", r->count,
	        r->dropped);
	for (i = 0; i < r->count && i < KET_REPORT_MAX; i++) {
		const ket_finding *f = &r->findings[i];

		fprintf(stderr, "  [%zu] %s warning 0x%x item %d value %.17g "
		        "limit %.17g unit \"%s\" field \"%s\"\n", i,
		        ket_status_name((ket_status)f->status),
		        (unsigned)f->warning, (int)f->item, f->value, f->limit,
		        f->unit != NULL ? f->unit : "(null)",
		        f->field != NULL ? f->field : "(null)");
	}
	if (ket_report_format(r, text, sizeof text) == KET_OK)
		fprintf(stderr, "  text: %s\n", text);
}

#endif /* KET_FUZZ_COMMON_H */
