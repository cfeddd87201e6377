/*
 * fuzz_regimens.c - libFuzzer harness for the regimen functions:
 * ket_prepare, ket_infusion_duration, ket_pca_check, ket_burst_schedule and
 * ket_oral_conversion, with fuzzed orders and fuzzed limits.
 *
 * Input: a selector byte (function, NULL pointers), the limits (fz_limits),
 * then the order's fields in declaration order.
 *
 * Invariants, besides those every order function shares (the status of
 * the header's validation order for the input stages; KET_OK: finite
 * outputs, known warnings equal to the report's; errors: NaN doubles,
 * warnings 0, the refusal the last finding of the report):
 *  - ket_prepare: stock + diluent = final volume, stock x strength = total,
 *    final concentration = total / volume, within the plausible range and
 *    the IV maximum;
 *  - ket_infusion_duration: exactly volume / rate and the earlier of that
 *    and the hang limit;
 *  - ket_pca_check: the maxima of API.md's formulas, never above the pump's
 *    limits, per kg never above pca_hard_max_mg_per_kg_per_h;
 *  - ket_burst_schedule: the plan of Jackson 2001 for the response day,
 *    each day bit for bit what ket_infusion_rate returns for its order, its
 *    refusal the schedule's; n_days and the NaN entries on error as
 *    documented, nothing written beyond capacity;
 *  - ket_oral_conversion: mg_per_24h = mg_per_dose x doses, never above the
 *    oral hard maximum, whole dose steps within 10 %, the exposure
 *    comparison equal to ket_route_equivalent's.
 */
#include "fuzz_common.h"

enum { FN_PREPARE, FN_DURATION, FN_PCA, FN_BURST, FN_ORAL, FN_COUNT };

static struct {
	int fn;
	ket_limits limits;
	ket_preparation_order prep;
	double volume, rate, hang;
	ket_pca_order pca;
	ket_burst_order burst;
	size_t capacity;
	ket_oral_order oral;
	ket_report report;
	ket_status st;
} in;

static const char *const fn_names[FN_COUNT] = {
	"ket_prepare", "ket_infusion_duration", "ket_pca_check",
	"ket_burst_schedule", "ket_oral_conversion",
};

static void dump(void)
{
	fprintf(stderr, " function: %s, status %s\n", fn_names[in.fn],
	        ket_status_name(in.st));
	if (in.fn != FN_PREPARE && in.fn != FN_DURATION)
		fz_print_limits(&in.limits);
	fprintf(stderr, " order:\n");
	switch (in.fn) {
	case FN_PREPARE:
		fz_print("total_mg", in.prep.total_mg);
		fz_print("final_volume_ml", in.prep.final_volume_ml);
		fz_print("stock_mg_per_ml", in.prep.stock_mg_per_ml);
		fz_print_int("route", in.prep.route);
		break;
	case FN_DURATION:
		fz_print("volume_ml", in.volume);
		fz_print("rate_ml_per_h", in.rate);
		fz_print("max_hang_h", in.hang);
		return;
	case FN_PCA:
		fz_print("weight_kg", in.pca.weight_kg);
		fz_print("bolus_mg", in.pca.bolus_mg);
		fz_print("lockout_min", in.pca.lockout_min);
		fz_print("basal_mg_per_h", in.pca.basal_mg_per_h);
		fz_print("limit_mg_per_h", in.pca.limit_mg_per_h);
		fz_print("limit_mg_per_4h", in.pca.limit_mg_per_4h);
		fz_print_int("form", in.pca.form);
		break;
	case FN_BURST:
		fz_print_int("response_day", in.burst.response_day);
		fz_print("weight_kg", in.burst.weight_kg);
		fz_print("concentration_mg_per_ml",
		         in.burst.concentration_mg_per_ml);
		fz_print("pump_step_ml_per_h", in.burst.pump_step_ml_per_h);
		fz_print_int("route", in.burst.route);
		fz_print_int("form", in.burst.form);
		fz_print_int("capacity", (long long)in.capacity);
		break;
	default:
		fz_print("parenteral_mg_per_24h",
		         in.oral.parenteral_mg_per_24h);
		fz_print_int("from", in.oral.from);
		fz_print_int("to", in.oral.to);
		fz_print("ratio_oral_per_parenteral",
		         in.oral.ratio_oral_per_parenteral);
		fz_print_int("doses_per_24h", in.oral.doses_per_24h);
		fz_print("dose_step_mg", in.oral.dose_step_mg);
		fz_print("solution_mg_per_ml", in.oral.solution_mg_per_ml);
		fz_print_int("form", in.oral.form);
		break;
	}
	fz_print_report(&in.report);
}

static int form_known(int32_t form)
{
	return form >= KET_FORM_RACEMIC && form <= KET_FORM_ARKETAMINE;
}

/* Limits, form and form match: the stages after the non-finite one. */
static ket_status expect_limits_form(const ket_limits *l, int32_t form)
{
	if (!fz_limits_valid(l))
		return KET_E_LIMITS;
	if (!form_known(form))
		return KET_E_RANGE;
	if (form != l->form)
		return KET_E_FORM;
	return KET_OK;
}

static void check_rounding(double ordered, double got, double step,
                           uint32_t warnings)
{
	double dev = fabs(got - ordered) / ordered;

	FZ_CHECK(dev <= KET_ROUNDING_REFUSE * (1.0 + 1e-6),
	         "KET_OK although rounding moved the dose by more than 10 %");
	if (dev > KET_ROUNDING_WARN * (1.0 + 1e-6))
		FZ_CHECK(warnings & KET_W_ROUNDED,
		         "rounding moved the dose by > 1 % without "
		         "KET_W_ROUNDED");
	if (warnings & KET_W_ROUNDED)
		FZ_CHECK(dev > KET_ROUNDING_WARN * (1.0 - 1e-6),
		         "KET_W_ROUNDED although rounding moved the dose "
		         "< 1 %");
	if (step > 0.0) {
		double n = got / step;

		FZ_CHECK(fabs(n - floor(n + 0.5)) <= 1e-9 * (n > 1.0 ? n : 1.0),
		         "a rounded dose that is not a whole number of steps");
	}
}

/* ---- ket_prepare --------------------------------------------------------- */

static ket_status expect_prepare(const ket_preparation_order *o)
{
	const double v[] = { o->total_mg, o->final_volume_ml,
		             o->stock_mg_per_ml };

	if (!fz_all_finite(v, 3))
		return KET_E_NOT_FINITE;
	if (o->route < KET_ROUTE_IV || o->route > KET_ROUTE_INTRATHECAL ||
	    o->route == KET_ROUTE_EPIDURAL || o->route == KET_ROUTE_INTRATHECAL)
		return KET_E_ROUTE;
	if (!(o->total_mg > 0.0))
		return KET_E_DOSE;
	if (!(o->final_volume_ml > 0.0 && o->final_volume_ml <= 1000.0))
		return KET_E_RANGE;
	if (o->stock_mg_per_ml < KET_CONC_MG_PER_ML_MIN ||
	    o->stock_mg_per_ml > KET_CONC_MG_PER_ML_MAX)
		return KET_E_CONCENTRATION;
	return KET_OK;
}

static void fuzz_prepare(fz *f, int nulls)
{
	ket_preparation_order *o = &in.prep;
	ket_preparation out, again;
	ket_status want, st;
	double stock_ml, conc;

	o->total_mg = fz_double(f);
	o->final_volume_ml = fz_double(f);
	o->stock_mg_per_ml = fz_double(f);
	o->route = fz_enum(f);
	if (nulls) {
		st = in.st = ket_prepare(nulls & 1 ? NULL : o,
		                         nulls & 1 ? &out : NULL, &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		return;
	}
	st = in.st = ket_prepare(o, &out, &in.report);
	fz_check_report(&in.report, st);
	want = expect_prepare(o);
	if (want != KET_OK)
		FZ_CHECK(st == want, "not the status of the validation order");
	if (st != KET_OK) {
		const double v[] = { out.stock_volume_ml, out.diluent_volume_ml,
			             out.final_concentration_mg_per_ml };

		FZ_CHECK(fz_all_nan(v, 3) && out.warnings == 0,
		         "an error left a double that is not NaN or warnings");
	}
	if (want == KET_OK) {
		stock_ml = o->total_mg / o->stock_mg_per_ml;
		conc = o->total_mg / o->final_volume_ml;
		if (!(stock_ml > 0.0)) /* a denormal total underflowed */
			FZ_CHECK(st == KET_E_RANGE, "a stock volume that "
			         "underflows to 0 is not KET_E_RANGE");
		else if (fz_clearly_above(stock_ml, o->final_volume_ml))
			FZ_CHECK(st == KET_E_RANGE, "a stock too weak for the "
			         "volume is not KET_E_RANGE");
		else if (fz_clearly_below(conc, KET_CONC_MG_PER_ML_MIN) &&
		         !(stock_ml > o->final_volume_ml))
			FZ_CHECK(st == KET_E_CONCENTRATION, "a final "
			         "concentration below 0.01 mg/mL accepted");
		FZ_CHECK(st == KET_OK || st == KET_E_RANGE ||
		         st == KET_E_CONCENTRATION ||
		         (st == KET_E_CONTRAINDICATED &&
		          o->route == KET_ROUTE_IV),
		         "an undocumented refusal of a valid preparation");
	}
	if (st == KET_OK) {
		const double v[] = { out.stock_volume_ml, out.diluent_volume_ml,
			             out.final_concentration_mg_per_ml };
		double fv = o->final_volume_ml;

		FZ_CHECK(fz_all_finite(v, 3),
		         "KET_OK with a non-finite double");
		FZ_CHECK(out.stock_volume_ml > 0.0 &&
		         !(out.diluent_volume_ml < 0.0),
		         "a stock volume not above 0 or a negative diluent");
		fz_check_warnings(out.warnings, KET_W_SMALL_VOLUME, &in.report);
		FZ_CHECK(fz_close(out.stock_volume_ml + out.diluent_volume_ml,
		                  fv, 2e-9, FZ_TINY),
		         "stock + diluent != final volume");
		FZ_CHECK(fz_close(out.stock_volume_ml * o->stock_mg_per_ml,
		                  o->total_mg, 1e-12, FZ_TINY),
		         "stock volume x strength != total");
		FZ_CHECK(fz_close(out.final_concentration_mg_per_ml,
		                  o->total_mg / fv, 1e-12, FZ_TINY),
		         "final concentration != total / volume");
		conc = out.final_concentration_mg_per_ml;
		FZ_CHECK(!fz_clearly_below(conc, KET_CONC_MG_PER_ML_MIN),
		         "a final concentration below 0.01 mg/mL");
		/* Denormal volumes carry a few bits only: 1.5e-323 mg in
		 * 1.5e-323 mL from 0.9935 mg/mL reads as 1 mg/mL. */
		if (out.stock_volume_ml >= FZ_TINY)
			FZ_CHECK(fz_not_above(conc, o->stock_mg_per_ml),
			         "a final concentration above the stock's");
		if (o->route == KET_ROUTE_IV)
			FZ_CHECK(fz_not_above(conc, KET_IV_CONC_MG_PER_ML_MAX),
			         "an IV preparation above 50 mg/mL");
		if (out.stock_volume_ml < KET_VOLUME_SMALL_ML * (1.0 - 2e-9))
			FZ_CHECK(out.warnings & KET_W_SMALL_VOLUME,
			         "a small stock volume without a warning");
		if (!(out.stock_volume_ml < KET_VOLUME_SMALL_ML))
			FZ_CHECK(!(out.warnings & KET_W_SMALL_VOLUME),
			         "KET_W_SMALL_VOLUME at or above 0.1 mL");
	}
	FZ_CHECK(ket_prepare(o, &again, NULL) == st &&
	         fz_same_bits(again.stock_volume_ml, out.stock_volume_ml) &&
	         fz_same_bits(again.diluent_volume_ml,
	                      out.diluent_volume_ml) &&
	         fz_same_bits(again.final_concentration_mg_per_ml,
	                      out.final_concentration_mg_per_ml) &&
	         again.warnings == out.warnings,
	         "a second call (report NULL) gives another result");
}

/* ---- ket_infusion_duration ----------------------------------------------- */

static void fuzz_duration(fz *f, int nulls)
{
	ket_duration out;
	ket_status want, st;
	double v = in.volume = fz_double(f);
	double r = in.rate = fz_double(f);
	double h = in.hang = fz_double(f);

	if (nulls) {
		st = in.st = ket_infusion_duration(v, r, h, NULL);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		return;
	}
	st = in.st = ket_infusion_duration(v, r, h, &out);
	if (!fz_finite(v) || !fz_finite(r) || !fz_finite(h))
		want = KET_E_NOT_FINITE;
	else if (!(v > 0.0 && v <= 1000.0) || !(r > 0.0 && r <= 1000.0) ||
	         !(h >= 0.0 && h <= 168.0))
		want = KET_E_RANGE;
	else if (!fz_finite(v / r) || !(v / r > 0.0)) /* denormals (header) */
		want = KET_E_RANGE;
	else
		want = KET_OK;
	FZ_CHECK(st == want, "not the documented status");
	if (st != KET_OK) {
		FZ_CHECK(isnan(out.empty_after_h) && isnan(out.change_after_h),
		         "an error left a double that is not NaN");
		return;
	}
	FZ_CHECK(fz_same_bits(out.empty_after_h, v / r),
	         "empty_after_h != volume / rate");
	FZ_CHECK(fz_same_bits(out.change_after_h,
	                      h > 0.0 && h < v / r ? h : v / r),
	         "change_after_h is not the earlier of empty and hang time");
	FZ_CHECK(fz_finite(out.empty_after_h) && out.empty_after_h > 0.0,
	         "KET_OK with a duration not finite and above 0");
}

/* ---- ket_pca_check ------------------------------------------------------- */

/* -1: clearly out of range; 1: clearly in range; 0: within the tolerance
 * band of a sum (either is right). */
static int pca_ranges(const ket_pca_order *o)
{
	double h = o->limit_mg_per_h, h4 = o->limit_mg_per_4h;
	double need_h = o->basal_mg_per_h + o->bolus_mg;
	double need_4h = 4.0 * o->basal_mg_per_h + o->bolus_mg;
	int band = 0;

	if (o->lockout_min < 1.0 || o->lockout_min > 120.0 ||
	    o->basal_mg_per_h < 0.0 || h < 0.0 || h4 < 0.0)
		return -1;
	if (h > 0.0) {
		if (fz_clearly_below(h, need_h))
			return -1;
		band |= h < need_h;
	}
	if (h4 > 0.0) {
		if (fz_clearly_below(h4, need_4h))
			return -1;
		band |= h4 < need_4h;
	}
	if (h4 > 0.0 && h > 0.0) {
		if (fz_clearly_below(h4, h))
			return -1;
		band |= h4 < h;
	}
	return band ? 0 : 1;
}

/* API.md's formulas, written out independently of lib/pca.c. */
static void pca_expected(const ket_pca_order *o, double *max_h,
                         double *max_4h)
{
	double l = o->lockout_min, b = o->bolus_mg, basal = o->basal_mg_per_h;
	double h = o->limit_mg_per_h, h4 = o->limit_mg_per_4h;
	double n1 = ceil(60.0 / l - 1e-9), n4 = ceil(240.0 / l - 1e-9);

	if (h > 0.0)
		n1 = fmin(n1, floor((h - basal) / b + 1e-9));
	if (h4 > 0.0)
		n1 = fmin(n1, floor((h4 - 4.0 * basal) / b + 1e-9));
	n4 = fmin(n4, 4.0 * n1);
	if (h4 > 0.0)
		n4 = fmin(n4, floor((h4 - 4.0 * basal) / b + 1e-9));
	*max_h = basal + n1 * b;
	if (h > 0.0)
		*max_h = fmin(*max_h, h);
	*max_4h = 4.0 * basal + n4 * b;
	if (h4 > 0.0)
		*max_4h = fmin(*max_4h, h4);
}

static void check_pca_ok(const ket_pca_order *o, const ket_limits *l,
                         const ket_pca *out)
{
	const double v[] = { out->max_mg_per_h, out->max_mg_per_4h,
		             out->max_mg_per_kg_per_h };
	double max_h, max_4h;

	FZ_CHECK(fz_all_finite(v, 3), "KET_OK with a non-finite double");
	FZ_CHECK(!(out->max_mg_per_h < 0.0) && !(out->max_mg_per_4h < 0.0),
	         "a negative PCA maximum");
	fz_check_warnings(out->warnings,
	                  KET_W_ABOVE_SOFT_MAX | KET_W_UNUSUAL_WEIGHT,
	                  &in.report);
	pca_expected(o, &max_h, &max_4h);
	FZ_CHECK(fz_close(out->max_mg_per_h, max_h, 1e-12, FZ_TINY),
	         "max_mg_per_h differs from API.md's formula");
	FZ_CHECK(fz_close(out->max_mg_per_4h, max_4h, 1e-12, FZ_TINY),
	         "max_mg_per_4h differs from API.md's formula");
	FZ_CHECK(fz_close(out->max_mg_per_kg_per_h,
	                  out->max_mg_per_h / o->weight_kg, 1e-12, FZ_TINY),
	         "max_mg_per_kg_per_h != max_mg_per_h / weight");
	if (o->limit_mg_per_h > 0.0)
		FZ_CHECK(out->max_mg_per_h <= o->limit_mg_per_h,
		         "max_mg_per_h above the pump's 1-hour limit");
	if (o->limit_mg_per_4h > 0.0)
		FZ_CHECK(out->max_mg_per_4h <= o->limit_mg_per_4h,
		         "max_mg_per_4h above the pump's 4-hour limit");
	FZ_CHECK(fz_not_above(out->max_mg_per_kg_per_h,
	                      l->pca_hard_max_mg_per_kg_per_h),
	         "max_mg_per_kg_per_h above pca_hard_max_mg_per_kg_per_h");
	FZ_CHECK(fz_not_above(o->bolus_mg / o->weight_kg,
	                      l->bolus_hard_max_mg_per_kg),
	         "a bolus per kg above bolus_hard_max_mg_per_kg");
	if (l->bolus_soft_max_mg > 0.0 && o->bolus_mg > l->bolus_soft_max_mg)
		FZ_CHECK(out->warnings & KET_W_ABOVE_SOFT_MAX,
		         "a bolus above bolus_soft_max_mg without a warning");
	if (l->bolus_soft_max_mg_per_kg > 0.0 &&
	    fz_clearly_above(o->bolus_mg / o->weight_kg,
	                     l->bolus_soft_max_mg_per_kg))
		FZ_CHECK(out->warnings & KET_W_ABOVE_SOFT_MAX,
		         "a bolus above the per-kg soft maximum without a "
		         "warning");
}

static void fuzz_pca(fz *f, int nulls)
{
	ket_pca_order *o = &in.pca;
	const ket_limits *l = &in.limits;
	ket_pca out, again;
	ket_status want, st;
	int ranges, overflow = 0;

	o->weight_kg = fz_double(f);
	o->bolus_mg = fz_double(f);
	o->lockout_min = fz_double(f);
	o->basal_mg_per_h = fz_double(f);
	o->limit_mg_per_h = fz_double(f);
	o->limit_mg_per_4h = fz_double(f);
	o->form = fz_enum(f);
	if (nulls) {
		int which = nulls % 3;

		st = in.st = ket_pca_check(which == 0 ? NULL : o,
		                           which == 1 ? NULL : l,
		                           which == 2 ? NULL : &out,
		                           &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		return;
	}
	st = in.st = ket_pca_check(o, l, &out, &in.report);
	fz_check_report(&in.report, st);
	{
		const double v[] = { o->weight_kg, o->bolus_mg, o->lockout_min,
			             o->basal_mg_per_h, o->limit_mg_per_h,
			             o->limit_mg_per_4h };

		want = fz_all_finite(v, 6) ? expect_limits_form(l, o->form)
		                           : KET_E_NOT_FINITE;
	}
	if (want == KET_OK && (o->weight_kg < KET_WEIGHT_KG_MIN ||
	                       o->weight_kg > KET_WEIGHT_KG_MAX))
		want = KET_E_WEIGHT;
	if (want == KET_OK && !(o->bolus_mg > 0.0))
		want = KET_E_DOSE;
	ranges = want == KET_OK ? pca_ranges(o) : 1;
	if (ranges < 0)
		want = KET_E_RANGE;
	if (want == KET_OK && ranges > 0) {
		/* KET_E_RANGE after the checks only for maxima that
		 * overflow (header). */
		double max_h, max_4h;

		pca_expected(o, &max_h, &max_4h);
		overflow = !fz_finite(max_h) || !fz_finite(max_4h) ||
		           !fz_finite(max_h / o->weight_kg);
	}
	if (want != KET_OK)
		FZ_CHECK(st == want, "not the status of the validation order");
	else if (ranges > 0)
		FZ_CHECK(st == KET_OK || st == KET_E_HARD_LIMIT ||
		         (st == KET_E_RANGE && overflow),
		         "an undocumented refusal of a valid PCA order");
	else
		FZ_CHECK(st == KET_OK || st == KET_E_HARD_LIMIT ||
		         st == KET_E_RANGE,
		         "an undocumented refusal of a valid PCA order");
	if (want == KET_OK && ranges != 0 &&
	    fz_clearly_above(o->bolus_mg / o->weight_kg,
	                     l->bolus_hard_max_mg_per_kg))
		FZ_CHECK(st == KET_E_HARD_LIMIT, "a bolus per kg clearly above "
		         "the hard maximum accepted");
	if (st != KET_OK) {
		const double v[] = { out.max_mg_per_h, out.max_mg_per_4h,
			             out.max_mg_per_kg_per_h };

		FZ_CHECK(fz_all_nan(v, 3) && out.warnings == 0,
		         "an error left a double that is not NaN or warnings");
	} else {
		check_pca_ok(o, l, &out);
	}
	FZ_CHECK(ket_pca_check(o, l, &again, NULL) == st &&
	         fz_same_bits(again.max_mg_per_h, out.max_mg_per_h) &&
	         fz_same_bits(again.max_mg_per_4h, out.max_mg_per_4h) &&
	         fz_same_bits(again.max_mg_per_kg_per_h,
	                      out.max_mg_per_kg_per_h) &&
	         again.warnings == out.warnings,
	         "a second call (report NULL) gives another result");
}

/* ---- ket_burst_schedule -------------------------------------------------- */

/* Jackson 2001 as API.md gives it: the plan for a response day. */
static size_t burst_plan(int32_t response_day, double mg[5])
{
	static const double d1[] = { 100, 100, 100 };
	static const double d2[] = { 100, 300, 300, 300 };
	static const double d3[] = { 100, 300, 500, 500, 500 };

	switch (response_day) {
	case 1: memcpy(mg, d1, sizeof d1); return 3;
	case 2: memcpy(mg, d2, sizeof d2); return 4;
	default: memcpy(mg, d3, sizeof d3); return 5;
	}
}

static ket_status expect_burst(const ket_burst_order *o, const ket_limits *l,
                               size_t capacity)
{
	const double v[] = { o->weight_kg, o->concentration_mg_per_ml,
		             o->pump_step_ml_per_h };
	double plan[5];
	double conc = o->concentration_mg_per_ml;

	if (!fz_all_finite(v, 3))
		return KET_E_NOT_FINITE;
	if (!fz_limits_valid(l) || !(l->daily_hard_max_mg_per_24h > 0.0))
		return KET_E_LIMITS;
	if (o->route != KET_ROUTE_IV && o->route != KET_ROUTE_SC)
		return KET_E_ROUTE;
	if (!form_known(o->form))
		return KET_E_RANGE;
	if (o->form != l->form)
		return KET_E_FORM;
	if (o->response_day < 0 || o->response_day > 3)
		return KET_E_RANGE;
	if (o->weight_kg < KET_WEIGHT_KG_MIN ||
	    o->weight_kg > KET_WEIGHT_KG_MAX)
		return KET_E_WEIGHT;
	if (conc < KET_CONC_MG_PER_ML_MIN || conc > KET_CONC_MG_PER_ML_MAX ||
	    (l->concentration_max_mg_per_ml > 0.0 &&
	     conc > l->concentration_max_mg_per_ml))
		return KET_E_CONCENTRATION;
	if (o->route == KET_ROUTE_IV && conc > KET_IV_CONC_MG_PER_ML_MAX)
		return KET_E_CONTRAINDICATED;
	if (o->pump_step_ml_per_h < 0.0 || o->pump_step_ml_per_h > 10.0)
		return KET_E_RANGE;
	if (capacity < burst_plan(o->response_day, plan))
		return KET_E_BUFFER;
	return KET_OK;
}

/* Each day is exactly ket_infusion_rate's answer for its order. */
static ket_status check_burst_days(const ket_burst_order *o,
                                   const ket_limits *l,
                                   const ket_burst_day *days, size_t n,
                                   ket_status st, uint32_t *all_warnings)
{
	double plan[5];
	size_t len = burst_plan(o->response_day, plan), i;
	ket_status day_st = KET_OK;

	*all_warnings = 0;
	for (i = 0; i < len && day_st == KET_OK; i++) {
		ket_infusion_order day = {
			.weight_kg = o->weight_kg,
			.dose = plan[i] / 24.0,
			.dose_unit = KET_UNIT_MG_PER_H,
			.concentration_mg_per_ml = o->concentration_mg_per_ml,
			.pump_step_ml_per_h = o->pump_step_ml_per_h,
			.route = o->route,
			.form = o->form,
		};
		ket_infusion r;

		day_st = ket_infusion_rate(&day, l, &r, NULL);
		if (day_st != KET_OK || st != KET_OK)
			continue;
		FZ_CHECK(n == len, "n_days is not the plan's length");
		FZ_CHECK(days[i].day == (int32_t)(i + 1), "a day out of order");
		FZ_CHECK(fz_same_bits(days[i].mg_per_24h, plan[i]),
		         "a day's mg_per_24h is not Jackson 2001's");
		FZ_CHECK(fz_same_bits(days[i].rate_ml_per_h, r.rate_ml_per_h) &&
		         fz_same_bits(days[i].delivered_mg_per_24h,
		                      r.delivered_mg_per_24h) &&
		         days[i].warnings == r.warnings,
		         "a day differs from ket_infusion_rate's answer");
		FZ_CHECK(fz_not_above(days[i].delivered_mg_per_24h,
		                      l->daily_hard_max_mg_per_24h),
		         "a day above the daily hard maximum");
		*all_warnings |= r.warnings;
	}
	return day_st;
}

static void fuzz_burst(fz *f, int nulls)
{
	ket_burst_order *o = &in.burst;
	const ket_limits *l = &in.limits;
	ket_burst_day *days;
	size_t n_days = 12345, cap, i;
	ket_status want, st, day_st;
	uint32_t warnings;
	unsigned c = fz_byte(f);

	/* Capacity: mostly 0-7; sometimes one above KET_MAX_ITEMS with a
	 * one-entry array, which the library must not write past. */
	cap = c == 255 ? (size_t)KET_MAX_ITEMS + 1 : c % 8;
	in.capacity = cap;
	days = malloc((cap > 8 ? 1 : cap + (cap == 0)) * sizeof *days);
	if (days == NULL)
		abort();
	o->response_day = fz_enum(f);
	o->weight_kg = fz_double(f);
	o->concentration_mg_per_ml = fz_double(f);
	o->pump_step_ml_per_h = fz_double(f);
	o->route = fz_enum(f);
	o->form = fz_enum(f);
	if (nulls) {
		int which = nulls % 4;

		st = in.st = ket_burst_schedule(
			which == 0 ? NULL : o, which == 1 ? NULL : l,
			which == 3 ? NULL : days, which == 3 ? 1 : cap,
			which == 2 ? NULL : &n_days, &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		free(days);
		return;
	}
	/* capacity 0 is a size query: days may be NULL. */
	st = in.st = ket_burst_schedule(o, l, cap == 0 && (c & 8) ? NULL : days,
	                                cap, &n_days, &in.report);
	fz_check_report(&in.report, st);
	if (cap > KET_MAX_ITEMS) {
		FZ_CHECK(st == KET_E_RANGE && n_days == 0,
		         "a capacity above KET_MAX_ITEMS is not KET_E_RANGE");
		free(days);
		return;
	}
	want = expect_burst(o, l, cap);
	if (want != KET_OK)
		FZ_CHECK(st == want, "not the status of the validation order");
	if (want == KET_OK) {
		day_st = check_burst_days(o, l, days, n_days, st, &warnings);
		FZ_CHECK(st == day_st, "the schedule's status is not its first "
		         "refused day's");
		if (st == KET_OK)
			fz_check_warnings(warnings, FZ_KNOWN_WARNINGS,
			                  &in.report);
	}
	if (st == KET_E_BUFFER) {
		double plan[5];

		FZ_CHECK(n_days == burst_plan(o->response_day, plan),
		         "KET_E_BUFFER without the plan's length in n_days");
	} else if (st != KET_OK) {
		FZ_CHECK(n_days == 0, "an error left n_days above 0");
	}
	if (st != KET_OK) {
		for (i = 0; i < cap; i++)
			FZ_CHECK(days[i].day == 0 &&
			         isnan(days[i].mg_per_24h) &&
			         isnan(days[i].rate_ml_per_h) &&
			         isnan(days[i].delivered_mg_per_24h) &&
			         days[i].warnings == 0,
			         "an error left an entry that is not NaN");
	}
	free(days);
}

/* ---- ket_oral_conversion ------------------------------------------------- */

static ket_status expect_oral(const ket_oral_order *o, const ket_limits *l)
{
	const double v[] = { o->parenteral_mg_per_24h,
		             o->ratio_oral_per_parenteral, o->dose_step_mg,
		             o->solution_mg_per_ml };
	double step = o->dose_step_mg;
	ket_status st;

	if (!fz_all_finite(v, 4))
		return KET_E_NOT_FINITE;
	if (!fz_limits_valid(l))
		return KET_E_LIMITS;
	if ((o->from != KET_ROUTE_IV && o->from != KET_ROUTE_IM &&
	     o->from != KET_ROUTE_SC) ||
	    (o->to != KET_ROUTE_ORAL && o->to != KET_ROUTE_SUBLINGUAL))
		return KET_E_ROUTE;
	st = expect_limits_form(l, o->form);
	if (st != KET_OK)
		return st;
	if (!(o->parenteral_mg_per_24h > 0.0))
		return KET_E_DOSE;
	if (o->ratio_oral_per_parenteral < 0.1 ||
	    o->ratio_oral_per_parenteral > 2.0 || o->doses_per_24h < 1 ||
	    o->doses_per_24h > 6 || step < 0.0 || (step > 0.0 && step < 0.5) ||
	    step > 50.0)
		return KET_E_RANGE;
	if (o->solution_mg_per_ml < KET_CONC_MG_PER_ML_MIN ||
	    o->solution_mg_per_ml > KET_CONC_MG_PER_ML_MAX)
		return KET_E_CONCENTRATION;
	return KET_OK;
}

static void check_oral_ok(const ket_oral_order *o, const ket_limits *l,
                          const ket_oral_regimen *r)
{
	const uint32_t allowed = KET_W_ROUNDED | KET_W_ABOVE_SOFT_MAX |
	                         KET_W_VARIABLE_ROUTE | KET_W_SMALL_VOLUME;
	const double v[] = { r->mg_per_dose, r->ml_per_dose, r->mg_per_24h,
		             r->exposure_comparison_mg_per_24h };
	double raw = o->parenteral_mg_per_24h * o->ratio_oral_per_parenteral /
	             (double)o->doses_per_24h;
	ket_equivalent e;

	FZ_CHECK(fz_all_finite(v, 4), "KET_OK with a non-finite double");
	FZ_CHECK(r->mg_per_dose > 0.0, "KET_OK with a dose not above 0");
	fz_check_warnings(r->warnings, allowed, &in.report);
	FZ_CHECK(r->warnings & KET_W_VARIABLE_ROUTE,
	         "an oral regimen without KET_W_VARIABLE_ROUTE");
	FZ_CHECK(fz_same_bits(r->mg_per_24h,
	                      r->mg_per_dose * (double)o->doses_per_24h),
	         "mg_per_24h != mg_per_dose x doses_per_24h");
	FZ_CHECK(fz_close(r->ml_per_dose,
	                  r->mg_per_dose / o->solution_mg_per_ml, 1e-12,
	                  FZ_TINY),
	         "ml_per_dose != mg_per_dose / solution strength");
	FZ_CHECK(fz_not_above(r->mg_per_24h, l->oral_hard_max_mg_per_24h),
	         "mg_per_24h above the oral hard maximum");
	check_rounding(raw, r->mg_per_dose, o->dose_step_mg, r->warnings);
	if (o->ratio_oral_per_parenteral > 1.0 ||
	    (l->oral_soft_max_mg_per_24h > 0.0 &&
	     fz_clearly_above(r->mg_per_24h, l->oral_soft_max_mg_per_24h)))
		FZ_CHECK(r->warnings & KET_W_ABOVE_SOFT_MAX,
		         "a ratio above 1 or a total above the oral soft "
		         "maximum without KET_W_ABOVE_SOFT_MAX");
	if (r->ml_per_dose < KET_VOLUME_SMALL_ML * (1.0 - 2e-9))
		FZ_CHECK(r->warnings & KET_W_SMALL_VOLUME,
		         "a small volume without KET_W_SMALL_VOLUME");
	if (ket_route_equivalent(o->parenteral_mg_per_24h, (ket_route)o->from,
	                         (ket_route)o->to, KET_BASIS_WITH_NORKETAMINE,
	                         &e) == KET_OK)
		FZ_CHECK(fz_same_bits(r->exposure_comparison_mg_per_24h, e.mg),
		         "the exposure comparison differs from "
		         "ket_route_equivalent");
}

static void fuzz_oral(fz *f, int nulls)
{
	ket_oral_order *o = &in.oral;
	const ket_limits *l = &in.limits;
	ket_oral_regimen out, again;
	ket_status want, st;

	o->parenteral_mg_per_24h = fz_double(f);
	o->from = fz_enum(f);
	o->to = fz_enum(f);
	o->ratio_oral_per_parenteral = fz_double(f);
	o->doses_per_24h = fz_enum(f);
	o->dose_step_mg = fz_double(f);
	o->solution_mg_per_ml = fz_double(f);
	o->form = fz_enum(f);
	if (nulls) {
		int which = nulls % 3;

		st = in.st = ket_oral_conversion(which == 0 ? NULL : o,
		                                 which == 1 ? NULL : l,
		                                 which == 2 ? NULL : &out,
		                                 &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		return;
	}
	st = in.st = ket_oral_conversion(o, l, &out, &in.report);
	fz_check_report(&in.report, st);
	want = expect_oral(o, l);
	if (want != KET_OK)
		FZ_CHECK(st == want, "not the status of the validation order");
	else
		FZ_CHECK(st == KET_OK || st == KET_E_RESOLUTION ||
		         st == KET_E_HARD_LIMIT || st == KET_E_RANGE,
		         "an undocumented refusal of a valid oral order");
	if (want == KET_OK && o->dose_step_mg <= 0.0) {
		double total = o->parenteral_mg_per_24h *
		               o->ratio_oral_per_parenteral;

		/* Refused as above the limit, or (checked first) for a
		 * result that overflows: the exposure comparison or the
		 * volume of a dose of 1e308 mg. */
		long double exposure = (long double)o->parenteral_mg_per_24h *
		                       (1.0L / 0.54L);
		long double ml = (long double)total /
		                 (long double)o->solution_mg_per_ml;

		if (total > FZ_TINY &&
		    fz_clearly_above(total, l->oral_hard_max_mg_per_24h))
			FZ_CHECK(st == KET_E_HARD_LIMIT ||
			         (st == KET_E_RANGE &&
			          (exposure > (long double)DBL_MAX / 2.0L ||
			           ml > (long double)DBL_MAX / 2.0L)),
			         "a 24 h total clearly above the oral hard "
			         "maximum accepted");
	}
	if (st != KET_OK) {
		const double v[] = { out.mg_per_dose, out.ml_per_dose,
			             out.mg_per_24h,
			             out.exposure_comparison_mg_per_24h };

		FZ_CHECK(fz_all_nan(v, 4) && out.warnings == 0,
		         "an error left a double that is not NaN or warnings");
	} else {
		check_oral_ok(o, l, &out);
	}
	FZ_CHECK(ket_oral_conversion(o, l, &again, NULL) == st &&
	         fz_same_bits(again.mg_per_dose, out.mg_per_dose) &&
	         fz_same_bits(again.ml_per_dose, out.ml_per_dose) &&
	         fz_same_bits(again.mg_per_24h, out.mg_per_24h) &&
	         fz_same_bits(again.exposure_comparison_mg_per_24h,
	                      out.exposure_comparison_mg_per_24h) &&
	         again.warnings == out.warnings,
	         "a second call (report NULL) gives another result");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz f;
	unsigned sel;
	int nulls;

	fz_dump = dump;
	fz_init(&f, data, size);
	memset(&in, 0, sizeof in);
	sel = fz_byte(&f);
	in.fn = (int)(sel % FN_COUNT);
	/* One input in 16 passes a NULL pointer (which one: the rest). */
	nulls = (sel >> 3) % 16 == 15 ? (int)(sel >> 7) + 1 : 0;
	if (nulls)
		nulls += (int)(fz_byte(&f) % 4);
	fz_limits(&f, &in.limits);
	switch (in.fn) {
	case FN_PREPARE: fuzz_prepare(&f, nulls); break;
	case FN_DURATION: fuzz_duration(&f, nulls); break;
	case FN_PCA: fuzz_pca(&f, nulls); break;
	case FN_BURST: fuzz_burst(&f, nulls); break;
	default: fuzz_oral(&f, nulls); break;
	}
	return 0;
}
