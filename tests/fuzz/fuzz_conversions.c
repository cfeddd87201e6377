/*
 * fuzz_conversions.c - libFuzzer harness for the conversion functions:
 * ket_dosing_weight, ket_weight_from_lb, ket_limits_validate and
 * ket_limits_for_profile, ket_rate_convert, ket_route_bioavailability,
 * ket_route_equivalent, ket_route_check, ket_form_equivalent, the salt and
 * percent conversions, and the name tables (ket_status_name, ket_strerror,
 * ket_warning_name, ket_item_name, ket_route_name, ket_route_label,
 * ket_rate_unit_ucum).
 *
 * Input: a selector byte, then the arguments (fz_double / fz_enum /
 * fz_limits).
 *
 * Invariants: the status the header's order of checks gives; KET_OK: a
 * finite, positive result (0 only where 0 goes in) that is the documented
 * formula of its inputs, never above the actual weight for the adult
 * dosing weights, in the weight range for pounds; ket_rate_convert
 * faithfully rounded (less than one ulp from the exact product, checked in
 * long double) and refused with KET_E_RANGE only when the exact result
 * overflows or underflows; ket_limits_validate agreeing with the header's
 * rules (written out independently here); any error: NaN outputs and
 * warnings 0; names: never NULL where the header says so.
 */
#include "fuzz_common.h"

enum {
	FN_DOSING_WEIGHT, FN_POUNDS, FN_LIMITS, FN_RATE_CONVERT, FN_ROUTES,
	FN_FORMS, FN_SALTS, FN_PERCENT, FN_NAMES, FN_COUNT
};

static struct {
	int fn;
	ket_patient patient;
	int32_t e1, e2, e3;
	double x, w;
	ket_limits limits;
	ket_status st;
} in;

static void dump(void)
{
	fprintf(stderr, " selector %d, status %s\n", in.fn,
	        ket_status_name(in.st));
	fz_print("weight_kg", in.patient.weight_kg);
	fz_print("height_cm", in.patient.height_cm);
	fz_print("age_years", in.patient.age_years);
	fz_print_int("sex", in.patient.sex);
	fz_print_int("enum 1", in.e1);
	fz_print_int("enum 2", in.e2);
	fz_print_int("enum 3", in.e3);
	fz_print("x (value, dose, pounds...)", in.x);
	fz_print("w (weight)", in.w);
	if (in.fn == FN_LIMITS)
		fz_print_limits(&in.limits);
}

/* ---- dosing weight ------------------------------------------------------- */

static ket_status expect_dosing(const ket_patient *p, int32_t basis)
{
	if (!fz_finite(p->weight_kg) || !fz_finite(p->height_cm) ||
	    !fz_finite(p->age_years))
		return KET_E_NOT_FINITE;
	if (p->sex < KET_SEX_UNSPECIFIED || p->sex > KET_SEX_MALE ||
	    basis < KET_WEIGHT_ACTUAL || basis > KET_WEIGHT_LEAN)
		return KET_E_RANGE;
	if (p->weight_kg < KET_WEIGHT_KG_MIN ||
	    p->weight_kg > KET_WEIGHT_KG_MAX)
		return KET_E_WEIGHT;
	if (p->age_years > KET_AGE_YEARS_MAX)
		return KET_E_RANGE;
	if (basis == KET_WEIGHT_ACTUAL)
		return KET_OK;
	if (p->height_cm < (basis == KET_WEIGHT_LEAN ? 45.0 : 152.4) ||
	    p->height_cm > 250.0)
		return KET_E_HEIGHT;
	if (p->age_years >= 0.0 && p->age_years < 18.0)
		return KET_E_NO_DATA;
	if (p->sex == KET_SEX_UNSPECIFIED)
		return KET_E_SEX;
	return KET_OK;
}

/* CLINICAL.md's formulas (Devine 1974, Janmahasatian 2005). */
static double expected_weight(const ket_patient *p, int32_t basis)
{
	int male = p->sex == KET_SEX_MALE;
	double ideal = (male ? 50.0 : 45.5) +
	               2.3 * (p->height_cm / 2.54 - 60.0);
	double m = p->height_cm / 100.0, bmi = p->weight_kg / (m * m);
	double lean = 9270.0 * p->weight_kg /
	              (male ? 6680.0 + 216.0 * bmi : 8780.0 + 244.0 * bmi);

	ideal = fmin(ideal, p->weight_kg);
	switch (basis) {
	case KET_WEIGHT_IDEAL: return ideal;
	case KET_WEIGHT_ADJUSTED:
		return p->weight_kg > ideal
		               ? ideal + 0.4 * (p->weight_kg - ideal)
		               : p->weight_kg;
	case KET_WEIGHT_LEAN: return fmin(lean, p->weight_kg);
	default: return p->weight_kg;
	}
}

static void fuzz_dosing_weight(fz *f)
{
	ket_patient *p = &in.patient;
	double w = 12345.0;
	ket_status st, want;

	p->weight_kg = fz_double(f);
	p->height_cm = fz_double(f);
	p->age_years = fz_double(f);
	p->sex = fz_enum(f);
	in.e1 = fz_enum(f);
	if (in.e1 == 11) {
		FZ_CHECK(ket_dosing_weight(NULL, KET_WEIGHT_ACTUAL, &w) ==
		         KET_E_NULL && isnan(w), "NULL patient");
		FZ_CHECK(ket_dosing_weight(p, KET_WEIGHT_ACTUAL, NULL) ==
		         KET_E_NULL, "NULL weight_kg");
		return;
	}
	st = in.st = ket_dosing_weight(p, (ket_weight_basis)in.e1, &w);
	want = expect_dosing(p, in.e1);
	FZ_CHECK(st == want, "not the status of the documented order");
	if (st != KET_OK) {
		FZ_CHECK(isnan(w), "an error left a weight that is not NaN");
		return;
	}
	FZ_CHECK(fz_finite(w) && w > 0.0, "KET_OK with a weight not above 0");
	FZ_CHECK(w <= p->weight_kg, "a dosing weight above the actual weight");
	FZ_CHECK(fz_close(w, expected_weight(p, in.e1), 1e-12, 0.0),
	         "a dosing weight that is not CLINICAL.md's formula");
	if (in.e1 == KET_WEIGHT_ACTUAL)
		FZ_CHECK(fz_same_bits(w, p->weight_kg),
		         "the actual weight changed");
}

static void fuzz_pounds(fz *f)
{
	double lb = in.x = fz_double(f), kg = 12345.0, exact;
	ket_status st = in.st = ket_weight_from_lb(lb, &kg);

	FZ_CHECK(ket_weight_from_lb(lb, NULL) == KET_E_NULL, "NULL output");
	if (!fz_finite(lb)) {
		FZ_CHECK(st == KET_E_NOT_FINITE && isnan(kg),
		         "a non-finite weight not KET_E_NOT_FINITE");
		return;
	}
	exact = lb * 0.45359237;
	if (fz_clearly_below(exact, KET_WEIGHT_KG_MIN) ||
	    fz_clearly_above(exact, KET_WEIGHT_KG_MAX))
		FZ_CHECK(st == KET_E_WEIGHT, "a weight clearly out of range "
		         "accepted");
	if (exact >= KET_WEIGHT_KG_MIN && exact <= KET_WEIGHT_KG_MAX)
		FZ_CHECK(st == KET_OK, "a weight in range refused");
	if (st != KET_OK) {
		FZ_CHECK(st == KET_E_WEIGHT && isnan(kg),
		         "an error that is not KET_E_WEIGHT with NaN");
		return;
	}
	FZ_CHECK(kg >= KET_WEIGHT_KG_MIN && kg <= KET_WEIGHT_KG_MAX,
	         "KET_OK with a weight outside 0.5-350 kg");
	FZ_CHECK(fz_close(kg, exact, 2e-9, 0.0), "kg != lb x 0.45359237");
}

/* ---- limits -------------------------------------------------------------- */

static void fuzz_limits_fn(fz *f)
{
	ket_limits *l = &in.limits, p;
	ket_report r;
	ket_status st;
	int32_t profile;

	fz_limits(f, l);
	st = in.st = ket_limits_validate(l, &r);
	fz_check_report(&r, st);
	FZ_CHECK(st == (fz_limits_valid(l) ? KET_OK : KET_E_LIMITS),
	         "ket_limits_validate disagrees with the header's rules");
	if (st == KET_E_LIMITS)
		FZ_CHECK(r.count == 1, "KET_E_LIMITS with other findings");
	else
		FZ_CHECK(r.count == 0, "valid limits with findings");
	FZ_CHECK(ket_limits_validate(NULL, &r) == KET_E_NULL,
	         "NULL limits not KET_E_NULL");
	fz_check_report(&r, KET_E_NULL);
	profile = in.e1 = fz_enum(f);
	st = ket_limits_for_profile((ket_profile)profile, &p);
	if (profile >= 0 && profile <= 3) {
		FZ_CHECK(st == KET_OK && fz_limits_valid(&p) &&
		         ket_limits_validate(&p, NULL) == KET_OK,
		         "a built-in profile that is not valid");
	} else {
		unsigned i;

		FZ_CHECK(st == KET_E_RANGE && p.form == 0,
		         "an unknown profile not KET_E_RANGE");
		for (i = 0; i < FZ_LIMIT_FIELDS; i++)
			FZ_CHECK(isnan(*fz_limit_field(&p, i)),
			         "an unknown profile left a double not NaN");
	}
	FZ_CHECK(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                NULL) == KET_E_NULL, "NULL output");
}

/* ---- rate units ---------------------------------------------------------- */

/* Micrograms per 24 h of each unit (per kg for the per-kg ones): API.md's
 * factors, exact integers. */
static int unit_info(int32_t u, long double *size, int *per_kg)
{
	static const long double sizes[] = { 24000, 1440, 24, 1440000,
		                             24000, 1440000, 1000 };
	static const int kg[] = { 1, 1, 1, 1, 0, 0, 0 };

	if (u < 0 || u > KET_UNIT_MG_PER_24H)
		return 0;
	*size = sizes[u];
	*per_kg = kg[u];
	return 1;
}

/* One ulp of x (the spacing of doubles at |x|; DBL_TRUE_MIN below the
 * normal range). */
static double ulp(double x)
{
	double a = fabs(x);

	return nextafter(a, (double)INFINITY) - a;
}

static void fuzz_rate_convert(fz *f)
{
	double v = in.x = fz_double(f), w, out = 12345.0;
	int32_t from = in.e1 = fz_enum(f), to = in.e2 = fz_enum(f);
	long double sf, st_, exact;
	int kf = 0, kt = 0, crosses = 0;
	ket_status want, st;

	w = in.w = fz_double(f);
	st = in.st = ket_rate_convert(v, (ket_rate_unit)from, (ket_rate_unit)to,
	                              w, &out);
	FZ_CHECK(ket_rate_convert(v, (ket_rate_unit)from, (ket_rate_unit)to, w,
	                          NULL) == KET_E_NULL, "NULL output");
	if (!fz_finite(v))
		want = KET_E_NOT_FINITE;
	else if (!unit_info(from, &sf, &kf) || !unit_info(to, &st_, &kt))
		want = KET_E_UNIT;
	else if ((crosses = kf != kt) && !fz_finite(w))
		want = KET_E_NOT_FINITE;
	else if (crosses && (w < KET_WEIGHT_KG_MIN || w > KET_WEIGHT_KG_MAX))
		want = KET_E_WEIGHT;
	else if (v < 0.0)
		want = KET_E_DOSE;
	else
		want = KET_OK;
	if (want != KET_OK) {
		FZ_CHECK(st == want && isnan(out),
		         "not the status of the documented order, or not NaN");
		return;
	}
	if (!(v > 0.0)) {
		FZ_CHECK(st == KET_OK && fz_same_bits(out, 0.0),
		         "0 does not convert to +0");
		return;
	}
	exact = (long double)v * sf / st_;
	if (kf && !kt)
		exact *= (long double)w;
	else if (!kf && kt)
		exact /= (long double)w;
	if (st == KET_E_RANGE) {
		FZ_CHECK(isnan(out), "an error left a value that is not NaN");
		FZ_CHECK(exact > (long double)DBL_MAX * (1.0L - 1e-15L) ||
		         exact < (long double)FZ_DENORM_MIN,
		         "KET_E_RANGE for a result that fits a double");
		return;
	}
	FZ_CHECK(st == KET_OK, "an undocumented status");
	FZ_CHECK(fz_finite(out) && out > 0.0,
	         "KET_OK with a result that is not finite and above 0");
	/* Faithful rounding: less than one ulp from the exact value (long
	 * double carries 11 more bits, enough to see it). */
	FZ_CHECK(fabsl((long double)out - exact) <=
	         (long double)ulp(out) * (1.0L + 4e-3L),
	         "a conversion more than one ulp from the exact value");
}

/* ---- routes and forms ---------------------------------------------------- */

static int route_known(int32_t r)
{
	return r >= KET_ROUTE_IV && r <= KET_ROUTE_INTRATHECAL;
}

static void fuzz_routes(fz *f)
{
	double dose = in.x = fz_double(f);
	int32_t from = in.e1 = fz_enum(f), to = in.e2 = fz_enum(f);
	int32_t basis = in.e3 = fz_enum(f);
	ket_bioavailability a, b;
	ket_equivalent e;
	ket_status sa, sb, st, want;
	uint32_t w = 99;

	sa = ket_route_bioavailability((ket_route)from,
	                               (ket_exposure_basis)basis, &a);
	sb = ket_route_bioavailability((ket_route)to,
	                               (ket_exposure_basis)basis, &b);
	FZ_CHECK(ket_route_bioavailability(KET_ROUTE_IV, KET_BASIS_KETAMINE,
	                                   NULL) == KET_E_NULL, "NULL output");
	if (!route_known(from))
		FZ_CHECK(sa == KET_E_ROUTE, "an unknown route not KET_E_ROUTE");
	else if (basis != 0 && basis != 1)
		FZ_CHECK(sa == KET_E_RANGE, "an unknown basis not KET_E_RANGE");
	if (sa == KET_OK) {
		FZ_CHECK(a.fraction_low > 0.0 &&
		         a.fraction_low <= a.fraction &&
		         a.fraction <= a.fraction_high &&
		         a.fraction_high <= 1.0,
		         "a bioavailability not 0 < low <= F <= high <= 1");
		FZ_CHECK((a.warnings & ~KET_W_VARIABLE_ROUTE) == 0,
		         "an undocumented bioavailability warning");
	} else {
		FZ_CHECK(isnan(a.fraction) && isnan(a.fraction_low) &&
		         isnan(a.fraction_high) && a.warnings == 0,
		         "an error left a fraction that is not NaN");
	}
	st = in.st = ket_route_equivalent(dose, (ket_route)from, (ket_route)to,
	                                  (ket_exposure_basis)basis, &e);
	FZ_CHECK(ket_route_equivalent(dose, (ket_route)from, (ket_route)to,
	                              (ket_exposure_basis)basis, NULL) ==
	         KET_E_NULL, "NULL output");
	if (!fz_finite(dose))
		want = KET_E_NOT_FINITE;
	else if (!route_known(from) || !route_known(to))
		want = KET_E_ROUTE;
	else if (basis != 0 && basis != 1)
		want = KET_E_RANGE;
	else if (!(dose > 0.0))
		want = KET_E_DOSE;
	else if (sa != KET_OK || sb != KET_OK)
		want = KET_E_NO_DATA;
	else
		want = KET_OK;
	/* KET_E_RANGE for a valid comparison only where a result would
	 * overflow or underflow to 0 (header); a margin of one rounding. */
	FZ_CHECK(st == want ||
	         (want == KET_OK && st == KET_E_RANGE &&
	          (!((long double)dose * (long double)a.fraction_high /
	             (long double)b.fraction_low <= (long double)DBL_MAX) ||
	           (long double)dose * (long double)a.fraction_low /
	                   (long double)b.fraction_high <
	           2.0L * (long double)FZ_DENORM_MIN)),
	         "not the status of the documented order");
	if (st != KET_OK) {
		FZ_CHECK(isnan(e.mg) && isnan(e.mg_low) && isnan(e.mg_high) &&
		         e.warnings == 0,
		         "an error left a dose that is not NaN");
	} else if (from == to) {
		FZ_CHECK(fz_same_bits(e.mg, dose) &&
		         fz_same_bits(e.mg_low, dose) &&
		         fz_same_bits(e.mg_high, dose) && e.warnings == 0,
		         "the same route is not the identity");
	} else {
		const double v[] = { e.mg, e.mg_low, e.mg_high };

		FZ_CHECK(fz_all_finite(v, 3) && e.mg_low > 0.0,
		         "KET_OK with an equivalent that is not finite and "
		         "above 0");
		FZ_CHECK(e.mg_low <= e.mg && e.mg <= e.mg_high,
		         "not mg_low <= mg <= mg_high");
		FZ_CHECK(fz_close(e.mg, dose * a.fraction / b.fraction, 1e-12,
		                  FZ_TINY),
		         "mg != dose x F_from / F_to");
		FZ_CHECK(e.warnings == (KET_W_EXPOSURE_ONLY |
		                        ((a.warnings | b.warnings) &
		                         KET_W_VARIABLE_ROUTE)),
		         "warnings other than exposure-only (and variable "
		         "route)");
	}
	st = ket_route_check((ket_route)from, (int)in.e2, &w);
	FZ_CHECK(ket_route_check((ket_route)from, 0, NULL) == KET_E_NULL,
	         "NULL output");
	if (!route_known(from))
		FZ_CHECK(st == KET_E_ROUTE && w == 0, "an unknown route");
	else if (from == KET_ROUTE_EPIDURAL || from == KET_ROUTE_INTRATHECAL)
		FZ_CHECK(in.e2 == 0 ? st == KET_E_CONTRAINDICATED && w == 0
		                    : st == KET_OK && w == KET_W_NEURAXIAL,
		         "a neuraxial route not contraindicated unless "
		         "preservative-free");
	else
		FZ_CHECK(st == KET_OK && w == 0, "a route check that warns");
}

static void fuzz_forms(fz *f)
{
	double dose = in.x = fz_double(f);
	int32_t from = in.e1 = fz_enum(f), to = in.e2 = fz_enum(f);
	ket_equivalent e;
	ket_status st = in.st = ket_form_equivalent(dose, (ket_form)from,
	                                            (ket_form)to, &e), want;
	int known = from >= 0 && from <= 2 && to >= 0 && to <= 2;

	FZ_CHECK(ket_form_equivalent(dose, (ket_form)from, (ket_form)to,
	                             NULL) == KET_E_NULL, "NULL output");
	if (!fz_finite(dose))
		want = KET_E_NOT_FINITE;
	else if (!known)
		want = KET_E_RANGE;
	else if (!(dose > 0.0))
		want = KET_E_DOSE;
	else if (from != to && (from == KET_FORM_ARKETAMINE ||
	                        to == KET_FORM_ARKETAMINE))
		want = KET_E_NO_DATA;
	else
		want = KET_OK;
	FZ_CHECK(st == want ||
	         (want == KET_OK && st == KET_E_RANGE &&
	          (!((long double)dose * 2.0L <= (long double)DBL_MAX) ||
	           (long double)dose * 0.5L < (long double)FZ_DENORM_MIN)),
	         "not the status of the documented order (KET_E_RANGE only "
	         "for a result that overflows or underflows to 0)");
	if (st != KET_OK) {
		FZ_CHECK(isnan(e.mg) && isnan(e.mg_low) && isnan(e.mg_high) &&
		         e.warnings == 0,
		         "an error left a dose that is not NaN");
		return;
	}
	FZ_CHECK(fz_finite(e.mg) && e.mg > 0.0,
	         "KET_OK with a dose that is not finite and above 0");
	FZ_CHECK(fz_same_bits(e.mg_low, e.mg) && fz_same_bits(e.mg_high, e.mg),
	         "mg_low or mg_high differs from mg");
	if (from == to)
		FZ_CHECK(fz_same_bits(e.mg, dose) && e.warnings == 0,
		         "the same form is not the identity");
	else
		FZ_CHECK(fz_close(e.mg, from == KET_FORM_RACEMIC ? dose * 0.5
		                                                 : dose * 2.0,
		                  1e-15, FZ_TINY) &&
		         e.warnings == KET_W_APPROXIMATE,
		         "racemic <-> esketamine is not x 0.5 / x 2 with "
		         "KET_W_APPROXIMATE");
}

/* ---- salts and percent --------------------------------------------------- */

/* A salt conversion of in_mg by factor: the documented errors with NaN,
 * else a finite positive in_mg x factor; KET_E_RANGE only for a result
 * that does not fit a double (header: "a result that would overflow"). */
static void check_amount(ket_status st, double in_mg, double out,
                         double factor)
{
	if (!fz_finite(in_mg)) {
		FZ_CHECK(st == KET_E_NOT_FINITE && isnan(out),
		         "a non-finite amount not KET_E_NOT_FINITE with NaN");
		return;
	}
	if (!(in_mg > 0.0)) {
		FZ_CHECK(st == KET_E_DOSE && isnan(out),
		         "an amount <= 0 not KET_E_DOSE with NaN");
		return;
	}
	if (st != KET_OK) {
		FZ_CHECK(st == KET_E_RANGE && isnan(out),
		         "an undocumented error, or not NaN");
		FZ_CHECK(!((long double)in_mg * (long double)factor <=
		           (long double)DBL_MAX),
		         "KET_E_RANGE although the result fits a double");
		return;
	}
	FZ_CHECK(fz_finite(out) && out > 0.0,
	         "KET_OK with a result that is not finite and above 0");
	FZ_CHECK(fz_close(out, in_mg * factor, 1e-15, FZ_TINY),
	         "not mg x the molar mass ratio");
}

static void fuzz_salts(fz *f)
{
	double mg = in.x = fz_double(f), out = 12345.0;
	ket_status st;

	in.e1 = 0; /* dump: 0 hydrochloride to base, 1 base to HCl */
	st = in.st = ket_hydrochloride_to_base(mg, &out);
	check_amount(st, mg, out, 237.73 / 274.19);
	out = 12345.0;
	in.e1 = 1;
	st = in.st = ket_base_to_hydrochloride(mg, &out);
	check_amount(st, mg, out, 274.19 / 237.73);
	FZ_CHECK(ket_hydrochloride_to_base(mg, NULL) == KET_E_NULL &&
	         ket_base_to_hydrochloride(mg, NULL) == KET_E_NULL,
	         "NULL output");
}

static void fuzz_percent(fz *f)
{
	double p = in.x = fz_double(f), out = 12345.0;
	ket_status st = in.st = ket_percent_to_mg_per_ml(p, &out);

	FZ_CHECK(ket_percent_to_mg_per_ml(p, NULL) == KET_E_NULL, "NULL");
	if (!fz_finite(p))
		FZ_CHECK(st == KET_E_NOT_FINITE && isnan(out), "non-finite");
	else if (!(p > 0.0) || p > 10.0)
		FZ_CHECK(st == KET_E_RANGE && isnan(out), "out of (0, 10] %");
	else
		FZ_CHECK(st == KET_OK && fz_same_bits(out, p * 10.0),
		         "not 1 % = 10 mg/mL");
}

/* ---- names --------------------------------------------------------------- */

static void fuzz_names(fz *f)
{
	int32_t v = in.e1 = fz_enum(f);
	uint32_t bits = (uint32_t)in.e1;
	const char *s;

	FZ_CHECK(ket_status_name((ket_status)v) != NULL &&
	         ket_strerror((ket_status)v) != NULL,
	         "a status name or sentence that is NULL");
	if (v >= 0 && v <= KET_E_FORM)
		FZ_CHECK(strcmp(ket_status_name((ket_status)v),
		                "KET_E_UNKNOWN") != 0,
		         "a known status named KET_E_UNKNOWN");
	else
		FZ_CHECK(strcmp(ket_status_name((ket_status)v),
		                "KET_E_UNKNOWN") == 0,
		         "an unknown status not named KET_E_UNKNOWN");
	if (fz_byte(f) & 1)
		bits = (uint32_t)1 << (fz_byte(f) % 32);
	s = ket_warning_name(bits);
	FZ_CHECK((s != NULL) == (bits != 0 && (bits & (bits - 1)) == 0 &&
	                         (bits & ~FZ_KNOWN_WARNINGS) == 0),
	         "ket_warning_name not non-NULL exactly for one known bit");
	FZ_CHECK((ket_item_name((ket_item)v) != NULL) ==
	         (v >= KET_ITEM_NONE && v <= KET_ITEM_UNIT),
	         "ket_item_name not non-NULL exactly for a known item");
	FZ_CHECK((ket_route_name((ket_route)v) != NULL) == route_known(v) &&
	         (ket_route_label((ket_route)v) != NULL) == route_known(v),
	         "a route name not non-NULL exactly for a known route");
	s = ket_rate_unit_ucum((ket_rate_unit)v);
	FZ_CHECK((s != NULL) == (v >= 0 && v <= KET_UNIT_MG_PER_24H),
	         "ket_rate_unit_ucum not non-NULL exactly for a known unit");
	if (s != NULL) {
		ket_rate_unit u;

		FZ_CHECK(ket_rate_unit_parse(s, &u) == KET_OK &&
		         (int32_t)u == v,
		         "a UCUM code that does not parse back to its unit");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz f;

	fz_dump = dump;
	fz_init(&f, data, size);
	memset(&in, 0, sizeof in);
	in.fn = (int)(fz_byte(&f) % FN_COUNT);
	switch (in.fn) {
	case FN_DOSING_WEIGHT: fuzz_dosing_weight(&f); break;
	case FN_POUNDS: fuzz_pounds(&f); break;
	case FN_LIMITS: fuzz_limits_fn(&f); break;
	case FN_RATE_CONVERT: fuzz_rate_convert(&f); break;
	case FN_ROUTES: fuzz_routes(&f); break;
	case FN_FORMS: fuzz_forms(&f); break;
	case FN_SALTS: fuzz_salts(&f); break;
	case FN_PERCENT: fuzz_percent(&f); break;
	default: fuzz_names(&f); break;
	}
	return 0;
}
