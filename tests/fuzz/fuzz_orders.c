/*
 * fuzz_orders.c - libFuzzer harness for the order functions:
 * ket_infusion_rate, ket_infusion_check and ket_bolus_dose, with fuzzed
 * orders and fuzzed limits (built-in profiles, profiles with fields
 * replaced or scaled, or every field fuzzed).
 *
 * Input: a selector byte (function, NULL pointers), the limits (fz_limits),
 * then the order's fields in declaration order (fz_double / fz_enum).
 *
 * Invariants:
 *  - the status is the one the header's validation order gives for the
 *    input stages (NULL, non-finite, limits as ket_limits_validate, enums,
 *    form, ranges); after them only the documented refusals;
 *  - KET_OK: every double finite and positive; delivered per kg never above
 *    the hard maximum, delivered never above the cap or the daily hard
 *    maximum (1e-9 relative, API.md); rate x concentration = delivered mg/h,
 *    and the per-kg, mcg/kg/min and 24 h figures follow from it (1e-12);
 *    rounding moved the dose by at most KET_ROUNDING_REFUSE; the rate is a
 *    whole number of pump steps; warnings are known bits this function
 *    documents, exactly the report's, and the ones the thresholds demand;
 *  - an order clearly above a hard limit is KET_E_HARD_LIMIT, and a hard
 *    limit refusal names a limit the order really crossed;
 *  - any error: every double NaN, warnings 0;
 *  - the report: at most KET_REPORT_MAX findings, the refusal the last,
 *    and it formats;
 *  - the same call again, and with report NULL, gives the same bits.
 */
#include "fuzz_common.h"

static struct {
	int fn;
	ket_limits limits;
	ket_infusion_order inf;
	ket_pump_reading pump;
	ket_bolus_order bolus;
	ket_report report;
	ket_status st;
} in;

static void dump(void)
{
	fprintf(stderr, " function: %s, status %s\n",
	        in.fn == 0 ? "ket_infusion_rate"
	        : in.fn == 1 ? "ket_infusion_check" : "ket_bolus_dose",
	        ket_status_name(in.st));
	fz_print_limits(&in.limits);
	fprintf(stderr, " order:\n");
	if (in.fn == 0) {
		fz_print("weight_kg", in.inf.weight_kg);
		fz_print("dose", in.inf.dose);
		fz_print_int("dose_unit", in.inf.dose_unit);
		fz_print("concentration_mg_per_ml",
		         in.inf.concentration_mg_per_ml);
		fz_print("pump_step_ml_per_h", in.inf.pump_step_ml_per_h);
		fz_print_int("route", in.inf.route);
		fz_print_int("form", in.inf.form);
	} else if (in.fn == 1) {
		fz_print("weight_kg", in.pump.weight_kg);
		fz_print("rate_ml_per_h", in.pump.rate_ml_per_h);
		fz_print("concentration_mg_per_ml",
		         in.pump.concentration_mg_per_ml);
		fz_print_int("route", in.pump.route);
		fz_print_int("form", in.pump.form);
	} else {
		fz_print("weight_kg", in.bolus.weight_kg);
		fz_print("dose_mg_per_kg", in.bolus.dose_mg_per_kg);
		fz_print("concentration_mg_per_ml",
		         in.bolus.concentration_mg_per_ml);
		fz_print("syringe_step_ml", in.bolus.syringe_step_ml);
		fz_print_int("route", in.bolus.route);
		fz_print_int("form", in.bolus.form);
	}
	fz_print_report(&in.report);
}

/* ---- the input stages, as the header orders them ------------------------ */

static int iv_or_sc(int32_t route)
{
	return route == KET_ROUTE_IV || route == KET_ROUTE_SC;
}

static int form_known(int32_t form)
{
	return form >= KET_FORM_RACEMIC && form <= KET_FORM_ARKETAMINE;
}

/* Enums, form match, weight and concentration: shared by the three. */
static ket_status expect_common(int32_t route, int32_t form, double weight,
                                const ket_limits *l)
{
	if (!iv_or_sc(route))
		return KET_E_ROUTE;
	if (!form_known(form))
		return KET_E_RANGE;
	if (form != l->form)
		return KET_E_FORM;
	if (weight < KET_WEIGHT_KG_MIN || weight > KET_WEIGHT_KG_MAX)
		return KET_E_WEIGHT;
	return KET_OK;
}

static ket_status expect_conc(double conc, int32_t route, const ket_limits *l)
{
	if (conc < KET_CONC_MG_PER_ML_MIN || conc > KET_CONC_MG_PER_ML_MAX ||
	    (l->concentration_max_mg_per_ml > 0.0 &&
	     conc > l->concentration_max_mg_per_ml))
		return KET_E_CONCENTRATION;
	if (route == KET_ROUTE_IV && conc > KET_IV_CONC_MG_PER_ML_MAX)
		return KET_E_CONTRAINDICATED;
	return KET_OK;
}

static ket_status expect_rate_inputs(const ket_infusion_order *o,
                                     const ket_limits *l)
{
	const double v[] = { o->weight_kg, o->dose, o->concentration_mg_per_ml,
		             o->pump_step_ml_per_h };
	ket_status st;

	if (!fz_all_finite(v, 4))
		return KET_E_NOT_FINITE;
	if (!fz_limits_valid(l))
		return KET_E_LIMITS;
	if (o->dose_unit < 0 || o->dose_unit > KET_UNIT_MG_PER_24H)
		return KET_E_UNIT;
	st = expect_common(o->route, o->form, o->weight_kg, l);
	if (st != KET_OK)
		return st;
	if (!(o->dose > 0.0))
		return KET_E_DOSE;
	st = expect_conc(o->concentration_mg_per_ml, o->route, l);
	if (st != KET_OK)
		return st;
	if (o->pump_step_ml_per_h < 0.0 || o->pump_step_ml_per_h > 10.0)
		return KET_E_RANGE;
	return KET_OK;
}

static ket_status expect_check_inputs(const ket_pump_reading *p,
                                      const ket_limits *l)
{
	const double v[] = { p->weight_kg, p->rate_ml_per_h,
		             p->concentration_mg_per_ml };
	ket_status st;

	if (!fz_all_finite(v, 3))
		return KET_E_NOT_FINITE;
	if (!fz_limits_valid(l))
		return KET_E_LIMITS;
	st = expect_common(p->route, p->form, p->weight_kg, l);
	if (st != KET_OK)
		return st;
	if (!(p->rate_ml_per_h > 0.0))
		return KET_E_DOSE;
	return expect_conc(p->concentration_mg_per_ml, p->route, l);
}

static ket_status expect_bolus_inputs(const ket_bolus_order *o,
                                      const ket_limits *l)
{
	const double v[] = { o->weight_kg, o->dose_mg_per_kg,
		             o->concentration_mg_per_ml, o->syringe_step_ml };
	ket_status st;

	if (!fz_all_finite(v, 4))
		return KET_E_NOT_FINITE;
	if (!fz_limits_valid(l))
		return KET_E_LIMITS;
	st = expect_common(o->route, o->form, o->weight_kg, l);
	if (st != KET_OK)
		return st;
	if (!(o->dose_mg_per_kg > 0.0))
		return KET_E_DOSE;
	st = expect_conc(o->concentration_mg_per_ml, o->route, l);
	if (st != KET_OK)
		return st;
	if (o->syringe_step_ml < 0.0 || o->syringe_step_ml > 1.0)
		return KET_E_RANGE;
	return KET_OK;
}

/* ---- results ------------------------------------------------------------ */

static void infusion_doubles(const ket_infusion *r, double v[6])
{
	v[0] = r->mg_per_h;
	v[1] = r->rate_ml_per_h;
	v[2] = r->delivered_mg_per_h;
	v[3] = r->delivered_mg_per_kg_per_h;
	v[4] = r->delivered_mcg_per_kg_per_min;
	v[5] = r->delivered_mg_per_24h;
}

static int same_infusion(const ket_infusion *a, const ket_infusion *b)
{
	double va[6], vb[6];
	int i;

	infusion_doubles(a, va);
	infusion_doubles(b, vb);
	for (i = 0; i < 6; i++) {
		if (!fz_same_bits(va[i], vb[i]))
			return 0;
	}
	return a->warnings == b->warnings;
}

static int same_bolus(const ket_bolus *a, const ket_bolus *b)
{
	return fz_same_bits(a->mg, b->mg) &&
	       fz_same_bits(a->volume_ml, b->volume_ml) &&
	       fz_same_bits(a->delivered_mg_per_kg, b->delivered_mg_per_kg) &&
	       a->warnings == b->warnings;
}

static void check_infusion_failed(const ket_infusion *r)
{
	double v[6];

	infusion_doubles(r, v);
	FZ_CHECK(fz_all_nan(v, 6), "an error left a double that is not NaN");
	FZ_CHECK(r->warnings == 0, "an error left warnings");
}

/* The figures of a delivered rate follow from rate x concentration.  A
 * new order delivers a positive dose; a running pump at a positive rate
 * may deliver a dose that underflows to 0 (a rate of 5e-324 mL/h). */
static void check_delivered(const ket_infusion *r, double conc, double w,
                            int positive)
{
	double v[6];

	infusion_doubles(r, v);
	FZ_CHECK(fz_all_finite(v, 6), "KET_OK with a non-finite double");
	FZ_CHECK(r->rate_ml_per_h > 0.0, "KET_OK with a rate not above 0");
	FZ_CHECK(positive ? r->delivered_mg_per_h > 0.0 && r->mg_per_h > 0.0
	                  : !(r->delivered_mg_per_h < 0.0),
	         "KET_OK with a dose not above 0");
	FZ_CHECK(fz_close(r->delivered_mg_per_h, r->rate_ml_per_h * conc,
	                  1e-12, FZ_TINY),
	         "rate_ml_per_h x concentration != delivered_mg_per_h");
	FZ_CHECK(fz_close(r->delivered_mg_per_kg_per_h,
	                  r->delivered_mg_per_h / w, 1e-12, FZ_TINY),
	         "delivered_mg_per_kg_per_h != delivered_mg_per_h / weight");
	/* Divided first: x 1000 first overflows near 1.8e305 mg/kg/h, where
	 * the library's figure still fits (a harness defect found by fuzzing). */
	FZ_CHECK(fz_close(r->delivered_mcg_per_kg_per_min,
	                  r->delivered_mg_per_kg_per_h / 60.0 * 1000.0, 1e-12,
	                  FZ_TINY),
	         "delivered_mcg_per_kg_per_min != per kg per h x 1000 / 60");
	FZ_CHECK(fz_close(r->delivered_mg_per_24h,
	                  24.0 * r->delivered_mg_per_h, 1e-12, FZ_TINY),
	         "delivered_mg_per_24h != 24 x delivered_mg_per_h");
}

static void check_unusual_weight(double w, const ket_limits *l,
                                 uint32_t warnings)
{
	int outside = (l->weight_soft_min_kg > 0.0 &&
	               w < l->weight_soft_min_kg) ||
	              (l->weight_soft_max_kg > 0.0 &&
	               w > l->weight_soft_max_kg);

	FZ_CHECK(outside == ((warnings & KET_W_UNUSUAL_WEIGHT) != 0),
	         "KET_W_UNUSUAL_WEIGHT differs from the soft weight range");
}

static void check_rounding(double ordered, double delivered, double step,
                           double amount, uint32_t warnings)
{
	double dev = fabs(delivered - ordered) / ordered;

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
		double n = amount / step;

		FZ_CHECK(fabs(n - floor(n + 0.5)) <= 1e-9 * (n > 1.0 ? n : 1.0),
		         "a rounded amount that is not a whole number of "
		         "steps");
	}
}

/* The dose as ordered, in mg/kg/h and mg/h (ket_rate_convert's factors);
 * 0 when it does not convert (then no expectation is drawn from it). */
static int ordered_rates(const ket_infusion_order *o, double *per_kg,
                         double *mg_per_h)
{
	return ket_rate_convert(o->dose, (ket_rate_unit)o->dose_unit,
	                        KET_UNIT_MG_PER_KG_PER_H, o->weight_kg,
	                        per_kg) == KET_OK &&
	       ket_rate_convert(o->dose, (ket_rate_unit)o->dose_unit,
	                        KET_UNIT_MG_PER_H, o->weight_kg,
	                        mg_per_h) == KET_OK;
}

/* The 24 h total after the cap, as the daily hard maximum judges it. */
static double capped_daily(const ket_infusion_order *o, double mg_per_h,
                           const ket_limits *l)
{
	double cap = l->infusion_cap_mg_per_h;

	if (cap > 0.0 && fz_clearly_above(mg_per_h, cap))
		return 24.0 * cap;
	if (o->dose_unit == KET_UNIT_MG_PER_24H)
		return o->dose;
	return 24.0 * mg_per_h;
}

/* Which hard limit (if any) the order clearly crosses. */
static const char *hard_crossed(const ket_infusion_order *o,
                                const ket_limits *l, double per_kg,
                                double mg_per_h)
{
	double hard = l->infusion_hard_max_mg_per_kg_per_h;
	double daily = l->daily_hard_max_mg_per_24h;

	if (o->dose_unit == KET_UNIT_MG_PER_KG_PER_H ? o->dose > hard
	                                          : fz_clearly_above(per_kg,
	                                                             hard))
		return "infusion_hard_max_mg_per_kg_per_h";
	if (daily > 0.0 && fz_clearly_above(capped_daily(o, mg_per_h, l),
	                                    daily))
		return "daily_hard_max_mg_per_24h";
	return NULL;
}

/* A hard limit refusal must name a limit the order reaches (within the
 * tolerance band it may go either way). */
static void check_hard_refusal(const ket_infusion_order *o,
                               const ket_limits *l, double per_kg,
                               double mg_per_h, const ket_report *r)
{
	const char *field = r->findings[r->count - 1].field;
	double hard = l->infusion_hard_max_mg_per_kg_per_h;
	double daily = l->daily_hard_max_mg_per_24h;

	if (strcmp(field, "infusion_hard_max_mg_per_kg_per_h") == 0) {
		double band = hard * (1.0 + FZ_REL_TOL);

		FZ_CHECK(o->dose_unit == KET_UNIT_MG_PER_KG_PER_H
		                 ? o->dose > hard
		                 : !fz_clearly_below(per_kg, band),
		         "refused for a per-kg hard maximum it does not cross");
	} else if (strcmp(field, "daily_hard_max_mg_per_24h") == 0) {
		FZ_CHECK(daily > 0.0 &&
		         !fz_clearly_below(capped_daily(o, mg_per_h, l),
		                           daily),
		         "refused for a daily hard maximum it does not cross");
	} else {
		FZ_CHECK(0, "KET_E_HARD_LIMIT naming an unexpected field");
	}
}

/* The most mL/h the hard limits allow (API.md rule 4). */
static double max_rate(const ket_infusion_order *o, const ket_limits *l)
{
	double mg = l->infusion_hard_max_mg_per_kg_per_h * o->weight_kg;

	if (l->infusion_cap_mg_per_h > 0.0 && l->infusion_cap_mg_per_h < mg)
		mg = l->infusion_cap_mg_per_h;
	if (l->daily_hard_max_mg_per_24h > 0.0 &&
	    l->daily_hard_max_mg_per_24h / 24.0 < mg)
		mg = l->daily_hard_max_mg_per_24h / 24.0;
	return mg / o->concentration_mg_per_ml;
}

/* KET_E_RESOLUTION only when no whole number of steps within the limits
 * lies within 10 % of the dose (with a margin either way). */
static void check_resolution(const ket_infusion_order *o, const ket_limits *l,
                             double mg_per_h)
{
	double cap = l->infusion_cap_mg_per_h;
	double eff = cap > 0.0 && fz_clearly_above(mg_per_h, cap) ? cap
	                                                          : mg_per_h;
	double rate = eff / o->concentration_mg_per_ml;
	double step = o->pump_step_ml_per_h;
	double n, got;

	if (!(rate > 0.0) || !fz_finite(rate))
		return;
	if (!(step > 0.0)) {
		/* Without a step only a denormal rate, which carries too few
		 * digits to deliver the dose, can be refused. */
		FZ_CHECK(rate < FZ_TINY,
		         "KET_E_RESOLUTION without a pump step");
		return;
	}
	n = floor(rate / step + 0.5);
	got = n * step;
	/* Judged as API.md judges it: the dose delivered (rate x
	 * concentration) against the dose ordered.  Near the bottom of the
	 * denormals the two differ from the rate's deviation (a rate of
	 * 5e-324 mL/h at 2 mg/mL delivers 1e-323 mg/h, twice 5e-324). */
	if (n >= 1.0 &&
	    fabs(got * o->concentration_mg_per_ml - eff) / eff <
	            0.1 * (1.0 - 1e-6) &&
	    got < max_rate(o, l) * (1.0 - 1e-6))
		FZ_CHECK(0, "KET_E_RESOLUTION although a step count within "
		         "10 % and the limits exists");
}

/* Soft limits warn when the ordered or the delivered dose crosses them. */
static void check_soft(const ket_limits *l, double per_kg, double mg_per_h,
                       const ket_infusion *r)
{
	double max = l->infusion_soft_max_mg_per_kg_per_h;
	double min = l->infusion_soft_min_mg_per_kg_per_h;
	double max_h = l->infusion_soft_max_mg_per_h;
	double max_d = l->daily_soft_max_mg_per_24h;

	if (max > 0.0 && (fz_clearly_above(per_kg, max) ||
	                  fz_clearly_above(r->delivered_mg_per_kg_per_h, max)))
		FZ_CHECK(r->warnings & KET_W_ABOVE_SOFT_MAX,
		         "above the per-kg soft maximum without a warning");
	if (min > 0.0 && (fz_clearly_below(per_kg, min) ||
	                  fz_clearly_below(r->delivered_mg_per_kg_per_h, min)))
		FZ_CHECK(r->warnings & KET_W_BELOW_SOFT_MIN,
		         "below the per-kg soft minimum without a warning");
	if (max_h > 0.0 && (fz_clearly_above(mg_per_h, max_h) ||
	                    fz_clearly_above(r->delivered_mg_per_h, max_h)))
		FZ_CHECK(r->warnings & KET_W_ABOVE_SOFT_MAX,
		         "above the mg/h soft maximum without a warning");
	if (max_d > 0.0 && (fz_clearly_above(24.0 * mg_per_h, max_d) ||
	                    fz_clearly_above(r->delivered_mg_per_24h, max_d)))
		FZ_CHECK(r->warnings & KET_W_ABOVE_SOFT_MAX,
		         "above the daily soft maximum without a warning");
}

static void check_rate_ok(const ket_infusion_order *o, const ket_limits *l,
                          const ket_infusion *r, const ket_report *rep)
{
	const uint32_t allowed = KET_W_BELOW_SOFT_MIN | KET_W_ABOVE_SOFT_MAX |
	                         KET_W_CAPPED | KET_W_ROUNDED |
	                         KET_W_LOW_PUMP_RATE | KET_W_UNUSUAL_WEIGHT;
	double w = o->weight_kg, per_kg, mg_per_h;
	double cap = l->infusion_cap_mg_per_h;
	double daily = l->daily_hard_max_mg_per_24h;

	check_delivered(r, o->concentration_mg_per_ml, w, 1);
	fz_check_warnings(r->warnings, allowed, rep);
	FZ_CHECK(fz_not_above(r->delivered_mg_per_kg_per_h,
	                      l->infusion_hard_max_mg_per_kg_per_h),
	         "delivered per kg above the hard maximum");
	if (cap > 0.0) {
		FZ_CHECK(fz_not_above(r->delivered_mg_per_h, cap) &&
		         fz_not_above(r->mg_per_h, cap),
		         "a dose above the cap");
	}
	if (daily > 0.0)
		FZ_CHECK(fz_not_above(r->delivered_mg_per_24h, daily),
		         "delivered 24 h total above the daily hard maximum");
	check_rounding(r->mg_per_h, r->delivered_mg_per_h,
	               o->pump_step_ml_per_h, r->rate_ml_per_h, r->warnings);
	if (r->rate_ml_per_h < KET_PUMP_RATE_LOW_ML_PER_H * (1.0 - 2e-9))
		FZ_CHECK(r->warnings & KET_W_LOW_PUMP_RATE,
		         "a low pump rate without KET_W_LOW_PUMP_RATE");
	if (!(r->rate_ml_per_h < KET_PUMP_RATE_LOW_ML_PER_H))
		FZ_CHECK(!(r->warnings & KET_W_LOW_PUMP_RATE),
		         "KET_W_LOW_PUMP_RATE at or above 0.5 mL/h");
	check_unusual_weight(w, l, r->warnings);
	if (!ordered_rates(o, &per_kg, &mg_per_h))
		return;
	FZ_CHECK(hard_crossed(o, l, per_kg, mg_per_h) == NULL,
	         "KET_OK for an order clearly above a hard limit");
	if (cap > 0.0 && fz_clearly_above(mg_per_h, cap)) {
		FZ_CHECK((r->warnings & KET_W_CAPPED) &&
		         fz_same_bits(r->mg_per_h, cap),
		         "a dose above the cap not capped to it");
	} else if (!(cap > 0.0 && mg_per_h > cap)) {
		FZ_CHECK(!(r->warnings & KET_W_CAPPED),
		         "KET_W_CAPPED below the cap");
		FZ_CHECK(fz_close(r->mg_per_h, mg_per_h, 1e-12, FZ_TINY),
		         "mg_per_h differs from the ordered dose");
	}
	check_soft(l, per_kg, mg_per_h, r);
}

static void fuzz_rate(fz *f, int nulls)
{
	ket_infusion out, again;
	ket_infusion_order *o = &in.inf;
	ket_status want, st;
	double per_kg, mg_per_h;

	o->weight_kg = fz_double(f);
	o->dose = fz_double(f);
	o->dose_unit = fz_enum(f);
	o->concentration_mg_per_ml = fz_double(f);
	o->pump_step_ml_per_h = fz_double(f);
	o->route = fz_enum(f);
	o->form = fz_enum(f);
	if (nulls) {
		int which = nulls % 3;

		st = in.st = ket_infusion_rate(which == 0 ? NULL : o,
		                               which == 1 ? NULL : &in.limits,
		                               which == 2 ? NULL : &out,
		                               &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		if (which != 2)
			check_infusion_failed(&out);
		return;
	}
	st = in.st = ket_infusion_rate(o, &in.limits, &out, &in.report);
	FZ_CHECK(fz_status_known(st), "an unknown status");
	fz_check_report(&in.report, st);
	want = expect_rate_inputs(o, &in.limits);
	if (want != KET_OK)
		FZ_CHECK(st == want, "not the status of the validation order");
	else
		FZ_CHECK(st == KET_OK || st == KET_E_HARD_LIMIT ||
		         st == KET_E_RESOLUTION || st == KET_E_RANGE,
		         "an undocumented refusal of a valid order");
	if (st != KET_OK) {
		check_infusion_failed(&out);
	} else {
		check_rate_ok(o, &in.limits, &out, &in.report);
	}
	if (want == KET_OK && ordered_rates(o, &per_kg, &mg_per_h)) {
		if (hard_crossed(o, &in.limits, per_kg, mg_per_h) != NULL)
			FZ_CHECK(st == KET_E_HARD_LIMIT,
			         "an order clearly above a hard limit is not "
			         "KET_E_HARD_LIMIT");
		if (st == KET_E_HARD_LIMIT)
			check_hard_refusal(o, &in.limits, per_kg, mg_per_h,
			                   &in.report);
		if (st == KET_E_RESOLUTION)
			check_resolution(o, &in.limits, mg_per_h);
	}
	if (st == KET_E_RANGE && want == KET_OK)
		FZ_CHECK(strcmp(in.report.findings[in.report.count - 1].field,
		                "out") == 0,
		         "a KET_E_RANGE after validation that is not the "
		         "overflow guard");
	FZ_CHECK(ket_infusion_rate(o, &in.limits, &again, NULL) == st &&
	         same_infusion(&out, &again),
	         "a second call (report NULL) gives another result");
}

static void fuzz_check(fz *f, int nulls)
{
	const uint32_t allowed = KET_W_BELOW_SOFT_MIN | KET_W_ABOVE_SOFT_MAX |
	                         KET_W_ABOVE_HARD_MAX | KET_W_LOW_PUMP_RATE |
	                         KET_W_UNUSUAL_WEIGHT;
	ket_infusion out, again;
	ket_pump_reading *p = &in.pump;
	const ket_limits *l = &in.limits;
	ket_status want, st;

	p->weight_kg = fz_double(f);
	p->rate_ml_per_h = fz_double(f);
	p->concentration_mg_per_ml = fz_double(f);
	p->route = fz_enum(f);
	p->form = fz_enum(f);
	if (nulls) {
		int which = nulls % 3;

		st = in.st = ket_infusion_check(which == 0 ? NULL : p,
		                                which == 1 ? NULL : l,
		                                which == 2 ? NULL : &out,
		                                &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		if (which != 2)
			check_infusion_failed(&out);
		return;
	}
	st = in.st = ket_infusion_check(p, l, &out, &in.report);
	fz_check_report(&in.report, st);
	want = expect_check_inputs(p, l);
	if (want == KET_OK && st == KET_E_RANGE) {
		/* No upper bound on the rate: only doses that do not fit a
		 * double (24 h total, or per kg x 1000 / 60) are refused. */
		double mg_h = p->rate_ml_per_h * p->concentration_mg_per_ml;

		FZ_CHECK(!fz_finite(24.0 * mg_h) ||
		         !fz_finite(mg_h / p->weight_kg * 1000.0),
		         "KET_E_RANGE for a reading whose doses fit");
		FZ_CHECK(strcmp(in.report.findings[in.report.count - 1].field,
		                "out") == 0,
		         "an overflow refusal that does not name \"out\"");
	} else {
		FZ_CHECK(st == want, "not the status of the validation order");
	}
	if (st != KET_OK) {
		check_infusion_failed(&out);
	} else {
		double per_kg = out.delivered_mg_per_kg_per_h;
		double hard = l->infusion_hard_max_mg_per_kg_per_h;
		double cap = l->infusion_cap_mg_per_h;
		double daily = l->daily_hard_max_mg_per_24h;
		int above = fz_clearly_above(per_kg, hard) ||
		            (cap > 0.0 &&
		             fz_clearly_above(out.delivered_mg_per_h, cap)) ||
		            (daily > 0.0 &&
		             fz_clearly_above(out.delivered_mg_per_24h, daily));
		int reached = !fz_clearly_below(per_kg, hard) ||
		              (cap > 0.0 && !fz_clearly_below(
		                       out.delivered_mg_per_h, cap)) ||
		              (daily > 0.0 &&
		               !fz_clearly_below(out.delivered_mg_per_24h,
		                                 daily));

		check_delivered(&out, p->concentration_mg_per_ml,
		                p->weight_kg, 0);
		FZ_CHECK(fz_same_bits(out.mg_per_h, out.delivered_mg_per_h),
		         "a pump check with mg_per_h != delivered_mg_per_h");
		FZ_CHECK(fz_same_bits(out.rate_ml_per_h, p->rate_ml_per_h),
		         "a pump check that changed the pump's rate");
		fz_check_warnings(out.warnings, allowed, &in.report);
		if (above)
			FZ_CHECK(out.warnings & KET_W_ABOVE_HARD_MAX,
			         "a pump above a hard limit without "
			         "KET_W_ABOVE_HARD_MAX");
		if (out.warnings & KET_W_ABOVE_HARD_MAX)
			FZ_CHECK(reached, "KET_W_ABOVE_HARD_MAX below every "
			         "hard limit");
		FZ_CHECK((p->rate_ml_per_h < KET_PUMP_RATE_LOW_ML_PER_H) ==
		         ((out.warnings & KET_W_LOW_PUMP_RATE) != 0),
		         "KET_W_LOW_PUMP_RATE differs from rate < 0.5 mL/h "
		         "(the typed rate is compared exactly)");
		check_unusual_weight(p->weight_kg, l, out.warnings);
	}
	FZ_CHECK(ket_infusion_check(p, l, &again, NULL) == st &&
	         same_infusion(&out, &again),
	         "a second call (report NULL) gives another result");
}

static void check_bolus_ok(const ket_bolus_order *o, const ket_limits *l,
                           const ket_bolus *r, const ket_report *rep)
{
	const uint32_t allowed = KET_W_ABOVE_SOFT_MAX | KET_W_CAPPED |
	                         KET_W_ROUNDED | KET_W_SMALL_VOLUME |
	                         KET_W_UNUSUAL_WEIGHT;
	const double v[] = { r->mg, r->volume_ml, r->delivered_mg_per_kg };
	double conc = o->concentration_mg_per_ml, w = o->weight_kg;
	double ordered = o->dose_mg_per_kg * w, cap = l->bolus_cap_mg;
	double meant = ordered;

	FZ_CHECK(fz_all_finite(v, 3), "KET_OK with a non-finite double");
	FZ_CHECK(r->mg > 0.0 && r->volume_ml > 0.0,
	         "KET_OK with a dose or volume not above 0");
	fz_check_warnings(r->warnings, allowed, rep);
	FZ_CHECK(o->dose_mg_per_kg <= l->bolus_hard_max_mg_per_kg,
	         "KET_OK for a dose per kg above the hard maximum");
	FZ_CHECK(fz_close(r->mg, r->volume_ml * conc, 1e-12, FZ_TINY),
	         "mg != volume_ml x concentration");
	FZ_CHECK(fz_close(r->delivered_mg_per_kg, r->mg / w, 1e-12, FZ_TINY),
	         "delivered_mg_per_kg != mg / weight");
	FZ_CHECK(fz_not_above(r->delivered_mg_per_kg,
	                      l->bolus_hard_max_mg_per_kg),
	         "delivered per kg above the hard maximum");
	if (cap > 0.0) {
		FZ_CHECK(fz_not_above(r->mg, cap), "a bolus above the cap");
		if (fz_clearly_above(ordered, cap))
			FZ_CHECK(r->warnings & KET_W_CAPPED,
			         "a bolus above the cap without KET_W_CAPPED");
		if (ordered > cap)
			meant = cap;
	}
	if (r->warnings & KET_W_CAPPED)
		FZ_CHECK(cap > 0.0 && !fz_clearly_below(ordered, cap *
		                                        (1.0 + FZ_REL_TOL)),
		         "KET_W_CAPPED below the cap");
	if (!(cap > 0.0 && ordered > cap * (1.0 - 1e-6)))
		check_rounding(meant, r->mg, o->syringe_step_ml, r->volume_ml,
		               r->warnings);
	else
		FZ_CHECK(fabs(r->mg - meant) / meant <= 0.1 * (1.0 + 1e-6) ||
		         fabs(r->mg - ordered) / ordered <= 0.1 * (1.0 + 1e-6),
		         "KET_OK although rounding moved the dose by > 10 %");
	if (r->volume_ml < KET_VOLUME_SMALL_ML * (1.0 - 2e-9))
		FZ_CHECK(r->warnings & KET_W_SMALL_VOLUME,
		         "a small volume without KET_W_SMALL_VOLUME");
	if (!(r->volume_ml < KET_VOLUME_SMALL_ML))
		FZ_CHECK(!(r->warnings & KET_W_SMALL_VOLUME),
		         "KET_W_SMALL_VOLUME at or above 0.1 mL");
	if (l->bolus_soft_max_mg_per_kg > 0.0 &&
	    o->dose_mg_per_kg > l->bolus_soft_max_mg_per_kg)
		FZ_CHECK(r->warnings & KET_W_ABOVE_SOFT_MAX,
		         "above the per-kg soft maximum without a warning "
		         "(typed per kg, compared exactly)");
	check_unusual_weight(w, l, r->warnings);
}

static void fuzz_bolus(fz *f, int nulls)
{
	ket_bolus out, again;
	ket_bolus_order *o = &in.bolus;
	const ket_limits *l = &in.limits;
	ket_status want, st;

	o->weight_kg = fz_double(f);
	o->dose_mg_per_kg = fz_double(f);
	o->concentration_mg_per_ml = fz_double(f);
	o->syringe_step_ml = fz_double(f);
	o->route = fz_enum(f);
	o->form = fz_enum(f);
	if (nulls) {
		int which = nulls % 3;

		st = in.st = ket_bolus_dose(which == 0 ? NULL : o,
		                            which == 1 ? NULL : l,
		                            which == 2 ? NULL : &out,
		                            &in.report);
		FZ_CHECK(st == KET_E_NULL, "a NULL pointer is not KET_E_NULL");
		fz_check_report(&in.report, st);
		if (which != 2) {
			const double v[] = { out.mg, out.volume_ml,
				             out.delivered_mg_per_kg };

			FZ_CHECK(fz_all_nan(v, 3) && out.warnings == 0,
			         "an error left a double that is not NaN");
		}
		return;
	}
	st = in.st = ket_bolus_dose(o, l, &out, &in.report);
	fz_check_report(&in.report, st);
	want = expect_bolus_inputs(o, l);
	if (want != KET_OK) {
		FZ_CHECK(st == want, "not the status of the validation order");
	} else {
		FZ_CHECK(st == KET_OK || st == KET_E_HARD_LIMIT ||
		         st == KET_E_RESOLUTION || st == KET_E_RANGE,
		         "an undocumented refusal of a valid order");
		FZ_CHECK((o->dose_mg_per_kg > l->bolus_hard_max_mg_per_kg) ==
		         (st == KET_E_HARD_LIMIT),
		         "KET_E_HARD_LIMIT differs from dose per kg > the hard "
		         "maximum (typed per kg, compared exactly)");
	}
	if (st != KET_OK) {
		const double v[] = { out.mg, out.volume_ml,
			             out.delivered_mg_per_kg };

		FZ_CHECK(fz_all_nan(v, 3) && out.warnings == 0,
		         "an error left a double that is not NaN or warnings");
	} else {
		check_bolus_ok(o, l, &out, &in.report);
	}
	FZ_CHECK(ket_bolus_dose(o, l, &again, NULL) == st &&
	         same_bolus(&out, &again),
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
	in.fn = (int)(sel % 3);
	/* One input in 16 passes a NULL pointer (which one: the rest). */
	nulls = (sel >> 2) % 16 == 15 ? (int)(sel >> 6) + 1 : 0;
	fz_limits(&f, &in.limits);
	switch (in.fn) {
	case 0: fuzz_rate(&f, nulls); break;
	case 1: fuzz_check(&f, nulls); break;
	default: fuzz_bolus(&f, nulls); break;
	}
	return 0;
}
