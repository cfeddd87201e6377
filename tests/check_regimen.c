/*
 * check_regimen.c - ket_prepare, ket_infusion_duration, ket_pca_check,
 * ket_burst_schedule and ket_oral_conversion (API.md "Preparation", "PCA",
 * "Burst therapy", "Parenteral to oral"; the header's comments where
 * API.md is silent).
 *
 * Every expected value is worked out by hand from the contract, with the
 * arithmetic in a comment on the row.  The one exception is the burst
 * schedule, whose contract is "each day is exactly what ket_infusion_rate
 * returns" for a stated order: there the test builds that order itself and
 * uses ket_infusion_rate as the oracle, and pins a few days by hand too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"

#define REL 1e-9  /* relative tolerance on every computed value */
#define ABS 1e-12 /* absolute floor, in the value's own unit */

/* In an expected finding: this member is not checked. */
#define ANY (-1.0e300)
#define NO_ITEM (-1)

/* Short names for the tables. */
#define IV KET_ROUTE_IV
#define IM KET_ROUTE_IM
#define SC KET_ROUTE_SC
#define PO KET_ROUTE_ORAL
#define SL KET_ROUTE_SUBLINGUAL
#define IN KET_ROUTE_INTRANASAL
#define PR KET_ROUTE_RECTAL
#define TD KET_ROUTE_TRANSDERMAL
#define EPI KET_ROUTE_EPIDURAL
#define ITH KET_ROUTE_INTRATHECAL
#define RAC KET_FORM_RACEMIC
#define ESK KET_FORM_ESKETAMINE
#define W_MAX KET_W_ABOVE_SOFT_MAX
#define W_RND KET_W_ROUNDED
#define W_LOW KET_W_LOW_PUMP_RATE
#define W_SMALL KET_W_SMALL_VOLUME
#define W_VAR KET_W_VARIABLE_ROUTE
#define W_WT KET_W_UNUSUAL_WEIGHT
#define I_NONE KET_ITEM_NONE
#define I_WT KET_ITEM_WEIGHT
#define I_DOSE KET_ITEM_DOSE
#define I_PERKG KET_ITEM_DOSE_PER_KG
#define I_PERH KET_ITEM_DOSE_PER_H
#define I_DAY KET_ITEM_DAILY_TOTAL
#define I_CONC KET_ITEM_CONCENTRATION
#define I_STEP KET_ITEM_DEVICE_STEP
#define I_VOL KET_ITEM_VOLUME
#define I_ROUTE KET_ITEM_ROUTE
#define I_FORM KET_ITEM_FORM
#define I_LIM KET_ITEM_LIMITS
#define I_LOCK KET_ITEM_LOCKOUT
#define I_PCAH KET_ITEM_PCA_HOURLY
#define I_RATIO KET_ITEM_RATIO
#define I_DOSES KET_ITEM_DOSES_PER_24H
#define I_RDAY KET_ITEM_RESPONSE_DAY
#define I_RND KET_ITEM_ROUNDING

/* Bioavailability with norketamine (CLINICAL.md route table). */
#define F_IV 1.0
#define F_IM 0.93
#define F_SC 0.90
#define F_PO 0.55
#define F_SL 0.55

/* The three non-finite values every double field is tried with. */
static const double nonfinite[3] = {
	(double)NAN, (double)INFINITY, -(double)INFINITY
};

/* ------------------------------------------------------------ limits */

enum {
	LIM_DEFAULT,     /* LOW_DOSE_ANALGESIA: bolus 0.2 / 0.35 mg/kg and
	                    25 mg, PCA 0.5 mg/kg/h, oral 240 / 800, weight
	                    40-150, no daily maximum */
	LIM_ASRA,        /* ACUTE_PAIN_ASRA: PCA 1.0 mg/kg/h, bolus 35 mg */
	LIM_PALL,        /* PALLIATIVE_BURST: daily 500 / 700, conc 50,
	                    infusion 0.5 / 1.0 mg/kg/h, weight 30-150 */
	LIM_PED,         /* PEDIATRIC_ANALGESIA: oral 60 / 200 */
	LIM_PALL_D400,   /* palliative, daily soft 0 and hard 400 */
	LIM_PALL_NOCONC, /* palliative without a concentration maximum */
	LIM_ESK,         /* default, written for esketamine */
	LIM_PALL_ESK,    /* palliative, written for esketamine */
	LIM_NO_PCA,      /* default, pca_hard_max 0: invalid */
	LIM_NO_ORAL,     /* default, oral_hard_max 0: invalid */
	LIM_NAN_WEIGHT,  /* default, weight_soft_min_kg NaN: invalid */
	LIM_BAD_FORM,    /* default, form 9: invalid */
	LIM_BOLUS_CAP    /* default + bolus_cap_mg 5 */
};

static void make_limits(int kind, ket_limits *l)
{
	ket_profile p = KET_PROFILE_LOW_DOSE_ANALGESIA;
	ket_status st;

	switch (kind) {
	case LIM_ASRA:
		p = KET_PROFILE_ACUTE_PAIN_ASRA;
		break;
	case LIM_PALL:
	case LIM_PALL_D400:
	case LIM_PALL_NOCONC:
	case LIM_PALL_ESK:
		p = KET_PROFILE_PALLIATIVE_BURST;
		break;
	case LIM_PED:
		p = KET_PROFILE_PEDIATRIC_ANALGESIA;
		break;
	default:
		break;
	}
	st = ket_limits_for_profile(p, l);
	ck_assert_int_eq(st, KET_OK);
	switch (kind) {
	case LIM_PALL_D400:
		l->daily_soft_max_mg_per_24h = 0;
		l->daily_hard_max_mg_per_24h = 400;
		break;
	case LIM_PALL_NOCONC:
		l->concentration_max_mg_per_ml = 0;
		break;
	case LIM_ESK:
	case LIM_PALL_ESK:
		l->form = KET_FORM_ESKETAMINE;
		break;
	case LIM_NO_PCA:
		l->pca_hard_max_mg_per_kg_per_h = 0;
		break;
	case LIM_NO_ORAL:
		l->oral_hard_max_mg_per_24h = 0;
		break;
	case LIM_NAN_WEIGHT:
		l->weight_soft_min_kg = tu_nan();
		break;
	case LIM_BAD_FORM:
		l->form = 9;
		break;
	case LIM_BOLUS_CAP:
		l->bolus_cap_mg = 5;
		break;
	default:
		break;
	}
}

/* ----------------------------------------------------------- reports */

static int is_any(double v)
{
	return v < -1.0e299;
}

static void garble(ket_report *r)
{
	memset(r, 0xA5, sizeof *r);
}

/* Finding i of a report: status, warning bit, item, field, value, limit
 * (NO_ITEM, NULL or ANY: that member is not checked). */
static void expect_finding(const char *label, const ket_report *r, size_t i,
			   int status, uint32_t warning, int item,
			   const char *field, double value, double limit)
{
	const ket_finding *f;

	ck_assert_msg(r->count <= KET_REPORT_MAX && i < r->count,
	              "%s: finding %lu of %lu", label, (unsigned long)i,
	              (unsigned long)r->count);
	f = &r->findings[i];
	ck_assert_msg(f->status == status, "%s: finding %lu status %s, want %s",
	              label, (unsigned long)i,
	              ket_status_name((ket_status)f->status),
	              ket_status_name((ket_status)status));
	ck_assert_msg(f->warning == warning,
	              "%s: finding %lu warning 0x%lx, want 0x%lx", label,
	              (unsigned long)i, (unsigned long)f->warning,
	              (unsigned long)warning);
	ck_assert_msg(f->unit != NULL && f->field != NULL,
	              "%s: finding %lu has a NULL string", label,
	              (unsigned long)i);
	if (item != NO_ITEM)
		ck_assert_msg(f->item == item,
		              "%s: finding %lu item %d, want %d", label,
		              (unsigned long)i, (int)f->item, item);
	if (field != NULL)
		ck_assert_msg(strcmp(f->field, field) == 0,
		              "%s: finding %lu field \"%s\", want \"%s\"",
		              label, (unsigned long)i, f->field, field);
	if (!is_any(value))
		ck_assert_msg(tu_close(f->value, value, REL, ABS),
		              "%s: finding %lu value %.17g, want %.17g", label,
		              (unsigned long)i, f->value, value);
	if (!is_any(limit))
		ck_assert_msg(tu_close(f->limit, limit, REL, ABS),
		              "%s: finding %lu limit %.17g, want %.17g", label,
		              (unsigned long)i, f->limit, limit);
}

/* The last finding of a refused order: the refusal. */
static void expect_last(const char *label, const ket_report *r, int status,
			int item, const char *field, double value,
			double limit)
{
	ck_assert_msg(r->count >= 1 && r->count <= KET_REPORT_MAX,
	              "%s: %lu findings", label, (unsigned long)r->count);
	expect_finding(label, r, r->count - 1, status, 0, item, field, value,
	               limit);
}

/* A successful result: every finding a warning, their bits together the
 * warnings field, nothing dropped. */
static void expect_warnings_only(const char *label, const ket_report *r,
				 uint32_t warnings)
{
	uint32_t bits = 0;
	size_t i;

	ck_assert_msg(r->count <= KET_REPORT_MAX, "%s: count %lu", label,
	              (unsigned long)r->count);
	ck_assert_msg(r->dropped == 0, "%s: dropped %lu", label,
	              (unsigned long)r->dropped);
	for (i = 0; i < r->count; i++) {
		const ket_finding *f = &r->findings[i];

		ck_assert_msg(f->status == KET_OK, "%s: finding %lu is %s",
		              label, (unsigned long)i,
		              ket_status_name((ket_status)f->status));
		ck_assert_msg(ket_warning_name(f->warning) != NULL,
		              "%s: finding %lu warning 0x%lx", label,
		              (unsigned long)i, (unsigned long)f->warning);
		ck_assert_msg(f->unit != NULL && f->field != NULL,
		              "%s: finding %lu has a NULL string", label,
		              (unsigned long)i);
		bits |= f->warning;
	}
	ck_assert_msg(bits == warnings, "%s: findings 0x%lx, warnings 0x%lx",
	              label, (unsigned long)bits, (unsigned long)warnings);
}

/* Index of the first finding with this warning bit (and item, unless
 * NO_ITEM); -1 when there is none. */
static int find_warning(const ket_report *r, uint32_t bit, int item)
{
	size_t i;

	for (i = 0; i < r->count && i < KET_REPORT_MAX; i++)
		if (r->findings[i].warning == bit &&
		    (item == NO_ITEM || r->findings[i].item == item))
			return (int)i;
	return -1;
}

/* Number of findings with this warning bit. */
static int count_warning(const ket_report *r, uint32_t bit)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->count && i < KET_REPORT_MAX; i++)
		if (r->findings[i].warning == bit)
			n++;
	return n;
}

static void expect_close(const char *label, const char *what, double got,
			 double want)
{
	ck_assert_msg(tu_close(got, want, REL, ABS), "%s: %s %.17g, want %.17g",
	              label, what, got, want);
}

/* ===================================================== ket_prepare */

static ket_preparation_order prep_order(double total, double final_ml,
					double stock, int route)
{
	ket_preparation_order o;

	memset(&o, 0, sizeof o);
	o.total_mg = total;
	o.final_volume_ml = final_ml;
	o.stock_mg_per_ml = stock;
	o.route = route;
	return o;
}

static void prep_prefill(ket_preparation *p)
{
	p->stock_volume_ml = TU_UNSET;
	p->diluent_volume_ml = TU_UNSET;
	p->final_concentration_mg_per_ml = TU_UNSET;
	p->warnings = UINT32_C(0xffffffff);
}

static void prep_failsafe(const char *label, const ket_preparation *p)
{
	ck_assert_msg(isnan(p->stock_volume_ml), "%s: stock %.17g", label,
	              p->stock_volume_ml);
	ck_assert_msg(isnan(p->diluent_volume_ml), "%s: diluent %.17g", label,
	              p->diluent_volume_ml);
	ck_assert_msg(isnan(p->final_concentration_mg_per_ml),
	              "%s: concentration %.17g", label,
	              p->final_concentration_mg_per_ml);
	ck_assert_msg(p->warnings == 0, "%s: warnings 0x%lx", label,
	              (unsigned long)p->warnings);
}

struct prep_ok_row {
	const char *name;
	double total_mg, final_ml, stock;
	int route;
	double want_stock_ml, want_diluent_ml, want_conc;
	uint32_t want_warnings;
};

static const struct prep_ok_row prep_ok_rows[] = {
	/* API.md: 500 mg / 100 mg/mL = 5 mL; 50 - 5 = 45 mL; 500 / 50 =
	 * 10 mg/mL. */
	{ "500 mg in 50 mL from 100 mg/mL IV", 500, 50, 100, IV, 5, 45, 10,
	  0 },
	/* 100 / 10 = 10 mL; 100 - 10 = 90; 100 / 100 = 1 mg/mL. */
	{ "100 mg in 100 mL from 10 mg/mL IV", 100, 100, 10, IV, 10, 90, 1,
	  0 },
	/* 250 / 50 = 5 mL; 45 mL; 5 mg/mL. */
	{ "250 mg in 50 mL from 50 mg/mL SC", 250, 50, 50, SC, 5, 45, 5, 0 },
	/* 200 / 100 = 2 mL = the final volume: 0 diluent, 100 mg/mL; the
	 * IV maximum does not apply to SC. */
	{ "200 mg in 2 mL from 100 mg/mL SC: undiluted", 200, 2, 100, SC, 2, 0,
	  100, 0 },
	/* 500 / 100 = 5 mL; 10 - 5 = 5; 500 / 10 = 50 mg/mL = the IV
	 * maximum, accepted (bounds are inclusive). */
	{ "500 mg in 10 mL IV: exactly 50 mg/mL", 500, 10, 100, IV, 5, 5, 50,
	  0 },
	/* 100 / 50 = 2 mL, undiluted 50 mg/mL IV. */
	{ "100 mg in 2 mL from 50 mg/mL IV: undiluted 50", 100, 2, 50, IV, 2,
	  0, 50, 0 },
	/* 100 / 10 = 10 mL = final volume. */
	{ "stock volume equals the final volume", 100, 10, 10, IV, 10, 0, 10,
	  0 },
	/* 5 / 100 = 0.05 mL < 0.1: small volume; 10 - 0.05 = 9.95;
	 * 5 / 10 = 0.5 mg/mL. */
	{ "5 mg from 100 mg/mL: 0.05 mL warns", 5, 10, 100, IV, 0.05, 9.95,
	  0.5, W_SMALL },
	/* 10 / 100 = 0.1 mL: at the threshold, no warning. */
	{ "10 mg from 100 mg/mL: 0.1 mL", 10, 10, 100, IV, 0.1, 9.9, 1, 0 },
	/* 9.99 / 100 = 0.0999 mL: just below. */
	{ "9.99 mg from 100 mg/mL: 0.0999 mL warns", 9.99, 10, 100, IV, 0.0999,
	  9.9001, 0.999, W_SMALL },
	/* 500 / 100 = 5 mL; 1000 - 5 = 995; 0.5 mg/mL. */
	{ "final volume 1000 mL", 500, 1000, 100, IV, 5, 995, 0.5, 0 },
	/* 10 / 10 = 1 mL; 999 mL; 10 / 1000 = 0.01 mg/mL: at the minimum. */
	{ "final concentration exactly 0.01 mg/mL", 10, 1000, 10, IV, 1, 999,
	  0.01, 0 },
	/* 10 / 0.01 = 1000 mL = final volume; 0.01 mg/mL. */
	{ "stock 0.01 mg/mL undiluted", 10, 1000, 0.01, SC, 1000, 0, 0.01,
	  0 },
	/* Every known non-neuraxial route is handled: 100 / 100 = 1 mL,
	 * 9 mL diluent, 10 mg/mL. */
	{ "route IM", 100, 10, 100, IM, 1, 9, 10, 0 },
	{ "route oral", 100, 10, 100, PO, 1, 9, 10, 0 },
	{ "route sublingual", 100, 10, 100, SL, 1, 9, 10, 0 },
	{ "route intranasal", 100, 10, 100, IN, 1, 9, 10, 0 },
	{ "route rectal", 100, 10, 100, PR, 1, 9, 10, 0 },
	{ "route transdermal", 100, 10, 100, TD, 1, 9, 10, 0 },
	/* The undiluted 100 mg/mL vial is refused for IV only. */
	{ "oral: 100 mg/mL undiluted allowed", 200, 2, 100, PO, 2, 0, 100, 0 },
	{ "IM: 100 mg/mL undiluted allowed", 200, 2, 100, IM, 2, 0, 100, 0 },
	/* Computed within 1e-9 of a threshold: at it.  500 (1 + 1e-12) /
	 * 10 = 50.00000000005 mg/mL IV: accepted. */
	{ "IV 50 mg/mL + 1e-12 relative", 500.0 * (1.0 + 1e-12), 10, 100, IV,
	  5.0 * (1.0 + 1e-12), 10.0 - 5.0 * (1.0 + 1e-12),
	  50.0 * (1.0 + 1e-12), 0 },
	/* 10 (1 - 1e-12) / 100 = 0.0999999999999 mL: at 0.1, no warning. */
	{ "stock volume 0.1 - 1e-13: not small", 10.0 * (1.0 - 1e-12), 10,
	  100, IV, 0.1 * (1.0 - 1e-12), 10.0 - 0.1 * (1.0 - 1e-12),
	  1.0 - 1e-12, 0 },
};

START_TEST(test_prepare_ok)
{
	const struct prep_ok_row *row = &prep_ok_rows[_i];
	ket_preparation_order o = prep_order(row->total_mg, row->final_ml,
	                                     row->stock, row->route);
	ket_preparation p;
	ket_report r;
	ket_status st;

	prep_prefill(&p);
	garble(&r);
	st = ket_prepare(&o, &p, &r);
	ck_assert_msg(st == KET_OK, "%s: %s", row->name, ket_status_name(st));
	expect_close(row->name, "stock_volume_ml", p.stock_volume_ml,
	             row->want_stock_ml);
	expect_close(row->name, "diluent_volume_ml", p.diluent_volume_ml,
	             row->want_diluent_ml);
	expect_close(row->name, "final_concentration_mg_per_ml",
	             p.final_concentration_mg_per_ml, row->want_conc);
	ck_assert_msg(p.warnings == row->want_warnings,
	              "%s: warnings 0x%lx, want 0x%lx", row->name,
	              (unsigned long)p.warnings,
	              (unsigned long)row->want_warnings);
	expect_warnings_only(row->name, &r, p.warnings);
	/* The same without a report. */
	prep_prefill(&p);
	st = ket_prepare(&o, &p, NULL);
	ck_assert_msg(st == KET_OK, "%s (no report): %s", row->name,
	              ket_status_name(st));
	expect_close(row->name, "stock_volume_ml", p.stock_volume_ml,
	             row->want_stock_ml);
}
END_TEST

START_TEST(test_prepare_small_volume_finding)
{
	/* 5 mg / 100 mg/mL = 0.05 mL, below KET_VOLUME_SMALL_ML 0.1: one
	 * finding, item VOLUME, naming the output field stock_volume_ml. */
	ket_preparation_order o = prep_order(5, 10, 100, IV);
	ket_preparation p;
	ket_report r;

	garble(&r);
	ck_assert_int_eq(ket_prepare(&o, &p, &r), KET_OK);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("small volume", &r, 0, KET_OK, W_SMALL, I_VOL,
	               "stock_volume_ml", 0.05, 0.1);
}
END_TEST

/* The stock volume is computed: 100 (1 + 1e-12) / 10 = 10.00000000001 mL
 * is at the 10 mL final volume within 1e-9, so accepted (not "too weak");
 * the diluent is 0 within that tolerance. */
START_TEST(test_prepare_stock_at_final_volume)
{
	ket_preparation_order o = prep_order(100.0 * (1.0 + 1e-12), 10, 10,
	                                     IV);
	ket_preparation p;
	ket_report r;

	garble(&r);
	ck_assert_int_eq(ket_prepare(&o, &p, &r), KET_OK);
	expect_close("stock at final", "stock_volume_ml", p.stock_volume_ml,
	             10.0 * (1.0 + 1e-12));
	ck_assert_msg(tu_close(p.diluent_volume_ml, 0, 0, 1e-9),
	              "diluent %.17g", p.diluent_volume_ml);
	expect_close("stock at final", "final_concentration_mg_per_ml",
	             p.final_concentration_mg_per_ml, 10.0 * (1.0 + 1e-12));
	ck_assert_uint_eq(p.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

struct prep_err_row {
	const char *name;
	double total_mg, final_ml, stock;
	int route;
	ket_status want;
	int item;
	const char *field;
	double value, limit;
};

static const struct prep_err_row prep_err_rows[] = {
	/* 200 / 2 = 100 mg/mL IV > 50: the undiluted vial. */
	{ "200 mg in 2 mL from 100 mg/mL IV", 200, 2, 100, IV,
	  KET_E_CONTRAINDICATED, I_CONC, NULL, 100, 50 },
	/* 500.1 / 10 = 50.01 mg/mL IV: just above 50. */
	{ "IV 50.01 mg/mL", 500.1, 10, 100, IV, KET_E_CONTRAINDICATED, I_CONC,
	  NULL, 50.01, 50 },
	/* 500 / 10 = 50 mL of stock > 40 mL; the weakest stock that fits is
	 * 500 / 40 = 12.5 mg/mL (header). */
	{ "stock too weak: 50 mL into 40", 500, 40, 10, IV, KET_E_RANGE, I_CONC,
	  "stock_mg_per_ml", 10, 12.5 },
	/* 100.01 / 10 = 10.001 mL > 10; weakest fit 100.01 / 10. */
	{ "stock too weak: 10.001 mL into 10", 100.01, 10, 10, IV, KET_E_RANGE,
	  I_CONC, "stock_mg_per_ml", 10, 10.001 },
	/* 9.99 / 1000 = 0.00999 mg/mL < 0.01. */
	{ "final concentration 0.00999", 9.99, 1000, 10, IV,
	  KET_E_CONCENTRATION, I_CONC, NULL, 0.00999, 0.01 },
	{ "final concentration 0.00999 SC", 9.99, 1000, 10, SC,
	  KET_E_CONCENTRATION, I_CONC, NULL, 0.00999, 0.01 },
	/* Stock strength outside 0.01..100. */
	{ "stock 100.01", 100, 10, 100.01, SC, KET_E_CONCENTRATION, I_CONC,
	  "stock_mg_per_ml", 100.01, 100 },
	{ "stock 0.0099", 0.01, 10, 0.0099, SC, KET_E_CONCENTRATION, I_CONC,
	  "stock_mg_per_ml", 0.0099, 0.01 },
	{ "stock 0", 100, 10, 0, SC, KET_E_CONCENTRATION, I_CONC,
	  "stock_mg_per_ml", 0, ANY },
	{ "stock -10", 100, 10, -10, SC, KET_E_CONCENTRATION, I_CONC,
	  "stock_mg_per_ml", -10, ANY },
	/* final_volume_ml in (0, 1000]. */
	{ "final volume 1000.01", 500, 1000.01, 100, IV, KET_E_RANGE, I_VOL,
	  "final_volume_ml", 1000.01, 1000 },
	{ "final volume 0", 500, 0, 100, IV, KET_E_RANGE, I_VOL,
	  "final_volume_ml", 0, ANY },
	{ "final volume -0.0", 500, -0.0, 100, IV, KET_E_RANGE, I_VOL,
	  "final_volume_ml", 0, ANY },
	{ "final volume -5", 500, -5, 100, IV, KET_E_RANGE, I_VOL,
	  "final_volume_ml", -5, ANY },
	/* Typed bounds are compared exactly. */
	{ "final volume 1000 (1 + 1e-12)", 500, 1000.0 * (1.0 + 1e-12), 100,
	  IV, KET_E_RANGE, I_VOL, "final_volume_ml", 1000.0 * (1.0 + 1e-12),
	  1000 },
	{ "stock 100 (1 + 1e-12)", 100, 10, 100.0 * (1.0 + 1e-12), SC,
	  KET_E_CONCENTRATION, I_CONC, "stock_mg_per_ml",
	  100.0 * (1.0 + 1e-12), 100 },
	/* total_mg > 0. */
	{ "total 0", 0, 50, 100, IV, KET_E_DOSE, I_DOSE, "total_mg", 0, ANY },
	{ "total -0.0", -0.0, 50, 100, IV, KET_E_DOSE, I_DOSE, "total_mg", 0,
	  ANY },
	{ "total -1", -1, 50, 100, IV, KET_E_DOSE, I_DOSE, "total_mg", -1,
	  ANY },
	/* Neuraxial and unknown routes. */
	{ "route epidural", 100, 10, 10, EPI, KET_E_ROUTE, I_ROUTE, "route",
	  ANY, ANY },
	{ "route intrathecal", 100, 10, 10, ITH, KET_E_ROUTE, I_ROUTE, "route",
	  ANY, ANY },
	{ "route 10", 100, 10, 10, 10, KET_E_ROUTE, I_ROUTE, "route", ANY,
	  ANY },
	{ "route -1", 100, 10, 10, -1, KET_E_ROUTE, I_ROUTE, "route", ANY,
	  ANY },
	/* Several faults: the earlier stage wins. */
	{ "NaN total + epidural", (double)NAN, 10, 10, EPI,
	  KET_E_NOT_FINITE, I_DOSE, "total_mg", ANY, ANY },
	{ "Inf final volume + epidural", 100, (double)INFINITY, 10, EPI,
	  KET_E_NOT_FINITE, I_VOL, "final_volume_ml", ANY, ANY },
	{ "NaN total + Inf stock: field order", (double)NAN, 10,
	  (double)INFINITY, IV, KET_E_NOT_FINITE, I_DOSE, "total_mg", ANY,
	  ANY },
	{ "NaN volume + Inf stock: field order", 100, (double)NAN,
	  (double)INFINITY, IV, KET_E_NOT_FINITE, I_VOL, "final_volume_ml",
	  ANY, ANY },
	{ "epidural + total 0", 0, 10, 10, EPI, KET_E_ROUTE, I_ROUTE, "route",
	  ANY, ANY },
	{ "total 0 + volume 0", 0, 0, 10, IV, KET_E_DOSE, I_DOSE, "total_mg",
	  0, ANY },
	{ "volume 0 + stock 0", 100, 0, 0, IV, KET_E_RANGE, I_VOL,
	  "final_volume_ml", 0, ANY },
	{ "volume 2000 + stock 200", 100, 2000, 200, IV, KET_E_RANGE, I_VOL,
	  "final_volume_ml", 2000, 1000 },
	/* Stock 200 is out of range before the IV check (200 / 2 = 100
	 * would be contraindicated). */
	{ "stock 200 + IV undiluted", 200, 2, 200, IV, KET_E_CONCENTRATION,
	  I_CONC, "stock_mg_per_ml", 200, 100 },
	/* 1000 / 10 = 100 mL into 50: too weak; the weakest stock that
	 * fits is 1000 / 50 = 20 mg/mL. */
	{ "too weak: 100 mL into 50", 1000, 50, 10, IV, KET_E_RANGE, I_CONC,
	  "stock_mg_per_ml", 10, 20 },
};

START_TEST(test_prepare_error)
{
	const struct prep_err_row *row = &prep_err_rows[_i];
	ket_preparation_order o = prep_order(row->total_mg, row->final_ml,
	                                     row->stock, row->route);
	ket_preparation p;
	ket_report r;
	ket_status st;

	prep_prefill(&p);
	garble(&r);
	st = ket_prepare(&o, &p, &r);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	prep_failsafe(row->name, &p);
	expect_last(row->name, &r, (int)row->want, row->item, row->field,
	            row->value, row->limit);
	prep_prefill(&p);
	st = ket_prepare(&o, &p, NULL);
	ck_assert_msg(st == row->want, "%s (no report): %s", row->name,
	              ket_status_name(st));
	prep_failsafe(row->name, &p);
}
END_TEST

/* Each double field: NaN, +Inf, -Inf (3 fields x 3 values). */
START_TEST(test_prepare_not_finite)
{
	static const char *const fields[3] = {
		"total_mg", "final_volume_ml", "stock_mg_per_ml"
	};
	static const int items[3] = { I_DOSE, I_VOL, I_CONC };
	int k = _i / 3;
	double v = nonfinite[_i % 3];
	ket_preparation_order o = prep_order(500, 50, 100, IV);
	ket_preparation p;
	ket_report r;
	ket_status st;
	char label[64];

	if (k == 0)
		o.total_mg = v;
	else if (k == 1)
		o.final_volume_ml = v;
	else
		o.stock_mg_per_ml = v;
	snprintf(label, sizeof label, "%s = %g", fields[k], v);
	prep_prefill(&p);
	garble(&r);
	st = ket_prepare(&o, &p, &r);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s: %s", label,
	              ket_status_name(st));
	prep_failsafe(label, &p);
	expect_last(label, &r, KET_E_NOT_FINITE, items[k], fields[k], ANY,
	            ANY);
}
END_TEST

START_TEST(test_prepare_null)
{
	ket_preparation_order o = prep_order(500, 50, 100, IV);
	ket_preparation p;
	ket_report r;

	prep_prefill(&p);
	garble(&r);
	ck_assert_int_eq(ket_prepare(NULL, &p, &r), KET_E_NULL);
	prep_failsafe("order NULL", &p);
	expect_last("order NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	garble(&r);
	ck_assert_int_eq(ket_prepare(&o, NULL, &r), KET_E_NULL);
	expect_last("out NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	/* NULL before everything: a NaN field does not change it. */
	o.total_mg = tu_nan();
	ck_assert_int_eq(ket_prepare(&o, NULL, NULL), KET_E_NULL);
	ck_assert_int_eq(ket_prepare(NULL, NULL, NULL), KET_E_NULL);
}
END_TEST

/* ========================================== ket_infusion_duration */

static void dur_prefill(ket_duration *d)
{
	d->empty_after_h = TU_UNSET;
	d->change_after_h = TU_UNSET;
}

struct dur_row {
	const char *name;
	double volume_ml, rate_ml_per_h, hang_h;
	ket_status want;
	double want_empty_h, want_change_h;
};

static const struct dur_row dur_rows[] = {
	/* 50 / 2 = 25 h; hang limit 24 < 25: change at 24 h. */
	{ "50 mL at 2 mL/h, hang 24", 50, 2, 24, KET_OK, 25, 24 },
	/* No hang limit: change when empty. */
	{ "hang 0: change = empty", 50, 2, 0, KET_OK, 25, 25 },
	{ "hang -0.0 is 0", 50, 2, -0.0, KET_OK, 25, 25 },
	/* 50 / 2.5 = 20 h < 24. */
	{ "empty before the hang limit", 50, 2.5, 24, KET_OK, 20, 20 },
	/* 48 / 2 = 24 = hang limit. */
	{ "empty at the hang limit", 48, 2, 24, KET_OK, 24, 24 },
	/* 1000 / 1000 = 1 h. */
	{ "volume 1000, rate 1000, hang 168", 1000, 1000, 168, KET_OK, 1, 1 },
	/* 1000 / 1 = 1000 h; hang 168. */
	{ "hang 168 is the maximum", 1000, 1, 168, KET_OK, 1000, 168 },
	/* 50 / 2 = 25; hang 0.001 h. */
	{ "tiny hang limit", 50, 2, 0.001, KET_OK, 25, 0.001 },
	/* 0.001 / 1000 = 1e-6 h. */
	{ "tiny volume", 0.001, 1000, 0, KET_OK, 1e-6, 1e-6 },
	/* 10 / 0.001 = 10000 h. */
	{ "tiny rate", 10, 0.001, 0, KET_OK, 10000, 10000 },

	{ "volume 1000.01", 1000.01, 2, 24, KET_E_RANGE, 0, 0 },
	{ "volume 0", 0, 2, 24, KET_E_RANGE, 0, 0 },
	{ "volume -0.0", -0.0, 2, 24, KET_E_RANGE, 0, 0 },
	{ "volume -1", -1, 2, 24, KET_E_RANGE, 0, 0 },
	{ "rate 1000.01", 50, 1000.01, 24, KET_E_RANGE, 0, 0 },
	{ "rate 0", 50, 0, 24, KET_E_RANGE, 0, 0 },
	{ "rate -0.0", 50, -0.0, 24, KET_E_RANGE, 0, 0 },
	{ "rate -2", 50, -2, 24, KET_E_RANGE, 0, 0 },
	{ "hang 168.01", 50, 2, 168.01, KET_E_RANGE, 0, 0 },
	{ "hang -0.01", 50, 2, -0.01, KET_E_RANGE, 0, 0 },
	{ "hang -24", 50, 2, -24, KET_E_RANGE, 0, 0 },
	/* Typed bounds are compared exactly. */
	{ "volume 1000 (1 + 1e-12)", 1000.0 * (1.0 + 1e-12), 2, 24,
	  KET_E_RANGE, 0, 0 },
	{ "rate 1000 (1 + 1e-12)", 50, 1000.0 * (1.0 + 1e-12), 24, KET_E_RANGE,
	  0, 0 },
	{ "hang 168 (1 + 1e-12)", 50, 2, 168.0 * (1.0 + 1e-12), KET_E_RANGE, 0,
	  0 },
	/* Non-finite before ranges, whatever the parameter's position. */
	{ "volume 0 + NaN rate", 0, (double)NAN, 24, KET_E_NOT_FINITE, 0, 0 },
	{ "rate 0 + Inf hang", 50, 0, (double)INFINITY, KET_E_NOT_FINITE, 0,
	  0 },
	{ "volume 2000 + -Inf hang", 2000, 2, -(double)INFINITY,
	  KET_E_NOT_FINITE, 0, 0 },
};

START_TEST(test_duration)
{
	const struct dur_row *row = &dur_rows[_i];
	ket_duration d;
	ket_status st;

	dur_prefill(&d);
	st = ket_infusion_duration(row->volume_ml, row->rate_ml_per_h,
	                           row->hang_h, &d);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	if (row->want == KET_OK) {
		expect_close(row->name, "empty_after_h", d.empty_after_h,
		             row->want_empty_h);
		expect_close(row->name, "change_after_h", d.change_after_h,
		             row->want_change_h);
	} else {
		ck_assert_msg(isnan(d.empty_after_h) && isnan(d.change_after_h),
		              "%s: outputs %.17g %.17g, want NaN", row->name,
		              d.empty_after_h, d.change_after_h);
	}
}
END_TEST

/* Each parameter: NaN, +Inf, -Inf (3 x 3). */
START_TEST(test_duration_not_finite)
{
	double a[3] = { 50, 2, 24 };
	ket_duration d;
	ket_status st;

	a[_i / 3] = nonfinite[_i % 3];
	dur_prefill(&d);
	st = ket_infusion_duration(a[0], a[1], a[2], &d);
	ck_assert_msg(st == KET_E_NOT_FINITE, "parameter %d = %g: %s", _i / 3,
	              nonfinite[_i % 3], ket_status_name(st));
	ck_assert(isnan(d.empty_after_h) && isnan(d.change_after_h));
}
END_TEST

START_TEST(test_duration_null)
{
	ck_assert_int_eq(ket_infusion_duration(50, 2, 24, NULL), KET_E_NULL);
	/* NULL first: bad values do not change it. */
	ck_assert_int_eq(ket_infusion_duration(tu_nan(), 0, -1, NULL),
	                 KET_E_NULL);
}
END_TEST

/* ===================================================== ket_pca_check */

static ket_pca_order pca_order(double weight, double bolus, double lockout,
			       double basal, double limit_h, double limit_4h,
			       int form)
{
	ket_pca_order o;

	memset(&o, 0, sizeof o);
	o.weight_kg = weight;
	o.bolus_mg = bolus;
	o.lockout_min = lockout;
	o.basal_mg_per_h = basal;
	o.limit_mg_per_h = limit_h;
	o.limit_mg_per_4h = limit_4h;
	o.form = form;
	return o;
}

static void pca_prefill(ket_pca *p)
{
	p->max_mg_per_h = TU_UNSET;
	p->max_mg_per_4h = TU_UNSET;
	p->max_mg_per_kg_per_h = TU_UNSET;
	p->warnings = UINT32_C(0xffffffff);
}

static void pca_failsafe(const char *label, const ket_pca *p)
{
	ck_assert_msg(isnan(p->max_mg_per_h), "%s: max_mg_per_h %.17g", label,
	              p->max_mg_per_h);
	ck_assert_msg(isnan(p->max_mg_per_4h), "%s: max_mg_per_4h %.17g",
	              label, p->max_mg_per_4h);
	ck_assert_msg(isnan(p->max_mg_per_kg_per_h),
	              "%s: max_mg_per_kg_per_h %.17g", label,
	              p->max_mg_per_kg_per_h);
	ck_assert_msg(p->warnings == 0, "%s: warnings 0x%lx", label,
	              (unsigned long)p->warnings);
}

/*
 * n1 = ceil(60 / L - 1e-9), reduced to floor((limit_h - basal) / bolus +
 * 1e-9) and floor((limit_4h - 4 basal) / bolus + 1e-9) when set;
 * n4 = min(ceil(240 / L - 1e-9), 4 n1), reduced by the 4-hour limit;
 * max_h = min(basal + n1 bolus, limit_h); max_4h = min(4 basal + n4 bolus,
 * limit_4h).  Default profile unless stated: bolus soft 0.2 mg/kg and
 * 25 mg, hard 0.35 mg/kg, PCA hard 0.5 mg/kg/h, weight 40-150 kg.
 */
struct pca_ok_row {
	const char *name;
	int lim;
	double weight, bolus, lockout, basal, limit_h, limit_4h;
	int form;
	double want_h, want_4h, want_per_kg;
	uint32_t want_warnings;
};

static const struct pca_ok_row pca_ok_rows[] = {
	/* API.md worked example: n1 = min(20, floor(30 / 10)) = 3 -> 30;
	 * n4 = min(80, 12) = 12 -> 120; 30 / 70 = 0.428571. */
	{ "worked example 70 kg 10 mg 3 min limit 30", LIM_DEFAULT, 70, 10, 3,
	  0, 30, 0, RAC, 30, 120, 30.0 / 70.0, 0 },
	/* Lockout 1: n1 = min(60, 30) = 30 -> 30; n4 = min(240, 120) = 120
	 * -> 120; 30 / 70. */
	{ "lockout 1 min", LIM_DEFAULT, 70, 1, 1, 0, 30, 0, RAC, 30, 120,
	  30.0 / 70.0, 0 },
	/* Lockout 120: n1 = ceil(0.5) = 1 -> 10; n4 = min(ceil(2), 4) = 2
	 * -> 20; 10 / 70. */
	{ "lockout 120 min", LIM_DEFAULT, 70, 10, 120, 0, 0, 0, RAC, 10, 20,
	  10.0 / 70.0, 0 },
	/* Half-open windows: lockout 15 gives boluses at 0, 15, 30, 45 (60
	 * is outside [0, 60)): n1 = 4 -> 20; n4 = 16 -> 80. */
	{ "lockout 15: 4 per hour, not 5", LIM_DEFAULT, 70, 5, 15, 0, 0, 0,
	  RAC, 20, 80, 20.0 / 70.0, 0 },
	/* Lockout 7: n1 = ceil(8.571) = 9 -> 18; n4 = min(ceil(34.29) = 35,
	 * 36) = 35 -> 70. */
	{ "lockout 7: n4 below 4 n1", LIM_DEFAULT, 70, 2, 7, 0, 0, 0, RAC, 18,
	  70, 18.0 / 70.0, 0 },
	/* Lockout 60/7: 60 / L is 7 within last-bit error, n1 = 7 -> 14;
	 * n4 = 28 -> 56; 14 / 70 = 0.2. */
	{ "lockout 60/7: 7 per hour, not 8", LIM_DEFAULT, 70, 2, 60.0 / 7.0, 0,
	  0, 0, RAC, 14, 56, 0.2, 0 },
	/* Lockout 25: n1 = ceil(2.4) = 3 -> 15; n4 = min(ceil(9.6), 12) = 10
	 * -> 50. */
	{ "lockout 25", LIM_DEFAULT, 70, 5, 25, 0, 0, 0, RAC, 15, 50,
	  15.0 / 70.0, 0 },
	/* Basal 2: n1 = 6 -> 2 + 30 = 32; n4 = 24 -> 8 + 120 = 128. */
	{ "basal 2 mg/h", LIM_DEFAULT, 70, 5, 10, 2, 0, 0, RAC, 32, 128,
	  32.0 / 70.0, 0 },
	/* Basal 2, limit 20: n1 = min(6, floor(18 / 5) = 3) = 3 -> 17 (the
	 * limit 20 is not reached); n4 = min(24, 12) = 12 -> 8 + 60 = 68. */
	{ "basal 2, 1-hour limit 20", LIM_DEFAULT, 70, 5, 10, 2, 20, 0, RAC,
	  17, 68, 17.0 / 70.0, 0 },
	/* Limit = basal + one bolus = 7: n1 = 1 -> 7; n4 = 4 -> 8 + 20 =
	 * 28; 7 / 70 = 0.1. */
	{ "1-hour limit = basal + one bolus", LIM_DEFAULT, 70, 5, 10, 2, 7, 0,
	  RAC, 7, 28, 0.1, 0 },
	/* 0.1 + 0.2 is 0.30000000000000004 in doubles: the limit 0.3 is at
	 * basal + bolus within 1e-9.  n1 = floor(0.2 / 0.2 + 1e-9) = 1 ->
	 * 0.3; n4 = min(24, 4) = 4 -> 0.4 + 0.8 = 1.2. */
	{ "limit 0.3 = 0.1 + 0.2 within 1e-9", LIM_DEFAULT, 70, 0.2, 10, 0.1,
	  0.3, 0, RAC, 0.3, 1.2, 0.3 / 70.0, 0 },
	/* A 4-hour limit alone reduces n1: min(20, floor(30 / 10)) = 3 ->
	 * 30 (no 1-hour limit); n4 = min(80, 12, 3) = 3 -> 30. */
	{ "4-hour limit alone", LIM_DEFAULT, 70, 10, 3, 0, 0, 30, RAC, 30, 30,
	  30.0 / 70.0, 0 },
	/* n1 = 3 -> 30; n4 = min(80, 12, floor(100 / 10) = 10) = 10 -> 100. */
	{ "1-hour 30 and 4-hour 100", LIM_DEFAULT, 70, 10, 3, 0, 30, 100, RAC,
	  30, 100, 30.0 / 70.0, 0 },
	/* 4-hour limit = 1-hour limit: n1 = 3, n4 = min(80, 12, 3) = 3. */
	{ "4-hour limit = 1-hour limit", LIM_DEFAULT, 70, 10, 3, 0, 30, 30,
	  RAC, 30, 30, 30.0 / 70.0, 0 },
	/* Basal 1, 4-hour 30: n1 = min(6, floor(26 / 5) = 5) = 5 -> 26;
	 * n4 = min(24, 20, 5) = 5 -> min(4 + 25, 30) = 29. */
	{ "basal 1, 4-hour limit 30", LIM_DEFAULT, 70, 5, 10, 1, 0, 30, RAC,
	  26, 29, 26.0 / 70.0, 0 },
	/* 4-hour limit = 4 x 2 + 5 = 13: n1 = min(6, floor(5 / 5)) = 1 ->
	 * 7; n4 = 1 -> 13. */
	{ "4-hour limit = 4 basal + one bolus", LIM_DEFAULT, 70, 5, 10, 2, 0,
	  13, RAC, 7, 13, 0.1, 0 },
	/* 4 x 0.1 + 0.2 = 0.6000000000000001 vs 0.6: at it within 1e-9.
	 * n1 = 1 -> 0.3; n4 = 1 -> 0.6. */
	{ "4-hour limit 0.6 = 0.4 + 0.2 within 1e-9", LIM_DEFAULT, 70, 0.2, 10,
	  0.1, 0, 0.6, RAC, 0.3, 0.6, 0.3 / 70.0, 0 },
	/* 5 + 6 x 5 = 35 mg/h = 0.5 mg/kg/h at 70 kg: at the PCA hard max;
	 * n4 = 24 -> 20 + 120 = 140. */
	{ "per kg exactly 0.5 (basal)", LIM_DEFAULT, 70, 5, 10, 5, 0, 0, RAC,
	  35, 140, 0.5, 0 },
	/* 30 / 60 = 0.5. */
	{ "per kg exactly 0.5 (60 kg)", LIM_DEFAULT, 60, 10, 3, 0, 30, 0, RAC,
	  30, 120, 0.5, 0 },
	/* Bolus 24.5 / 70 = 0.35 = bolus hard max (accepted), above the
	 * soft 0.2: warns.  n1 = floor(30 / 24.5) = 1 -> 24.5; n4 = 4 -> 98. */
	{ "bolus at the per-kg hard max", LIM_DEFAULT, 70, 24.5, 3, 0, 30, 0,
	  RAC, 24.5, 98, 0.35, W_MAX },
	/* 14 / 70 = 0.2 = soft max per kg (within 1e-9): no warning.
	 * n1 = floor(30 / 14) = 2 -> 28; n4 = 8 -> 112. */
	{ "bolus at the per-kg soft max", LIM_DEFAULT, 70, 14, 3, 0, 30, 0,
	  RAC, 28, 112, 0.4, 0 },
	/* 14.07 / 70 = 0.201: warns; n1 = 2 -> 28.14; n4 = 8 -> 112.56. */
	{ "bolus just above the per-kg soft max", LIM_DEFAULT, 70, 14.07, 3, 0,
	  30, 0, RAC, 28.14, 112.56, 28.14 / 70.0, W_MAX },
	/* 25 mg = bolus_soft_max_mg: no warning (25 / 150 = 0.167 per kg).
	 * Lockout 30: n1 = 2 -> 50; n4 = 8 -> 200; 50 / 150. */
	{ "bolus at 25 mg soft max", LIM_DEFAULT, 150, 25, 30, 0, 0, 0, RAC,
	  50, 200, 50.0 / 150.0, 0 },
	/* 26 mg > 25: warns (26 / 150 = 0.173 per kg).  52, 208. */
	{ "bolus 26 mg above soft max", LIM_DEFAULT, 150, 26, 30, 0, 0, 0, RAC,
	  52, 208, 52.0 / 150.0, W_MAX },
	/* 30 / 100 = 0.3 per kg and 30 mg: both soft maxima.  Lockout 60:
	 * n1 = 1 -> 30; n4 = 4 -> 120. */
	{ "bolus above both soft maxima", LIM_DEFAULT, 100, 30, 60, 0, 0, 0,
	  RAC, 30, 120, 0.3, W_MAX },
	/* Soft weight range 40-150. */
	{ "weight 151 unusual", LIM_DEFAULT, 151, 10, 3, 0, 30, 0, RAC, 30,
	  120, 30.0 / 151.0, W_WT },
	{ "weight 150 usual", LIM_DEFAULT, 150, 10, 3, 0, 30, 0, RAC, 30, 120,
	  0.2, 0 },
	/* 5 / 39 = 0.128 per kg; n1 = min(6, floor(15 / 5)) = 3 -> 15;
	 * n4 = 12 -> 60. */
	{ "weight 39 unusual", LIM_DEFAULT, 39, 5, 10, 0, 15, 0, RAC, 15, 60,
	  15.0 / 39.0, W_WT },
	{ "weight 40 usual", LIM_DEFAULT, 40, 5, 10, 0, 15, 0, RAC, 15, 60,
	  0.375, 0 },
	/* 0.5 kg: 0.1 / 0.5 = 0.2 per kg, at the soft max; lockout 120:
	 * 0.1 mg/h, 0.2 mg/4 h, 0.2 mg/kg/h. */
	{ "weight 0.5 kg", LIM_DEFAULT, 0.5, 0.1, 120, 0, 0, 0, RAC, 0.1, 0.2,
	  0.2, W_WT },
	{ "weight 350 kg", LIM_DEFAULT, 350, 10, 3, 0, 30, 0, RAC, 30, 120,
	  30.0 / 350.0, W_WT },
	/* -0.0 is 0: no basal, no limit. */
	{ "basal -0.0", LIM_DEFAULT, 70, 10, 3, -0.0, 30, 0, RAC, 30, 120,
	  30.0 / 70.0, 0 },
	{ "limits -0.0 are none", LIM_DEFAULT, 70, 10, 120, 0, -0.0, -0.0, RAC,
	  10, 20, 10.0 / 70.0, 0 },
	/* bolus_cap_mg does not apply to a PCA: the 10 mg bolus stands, no
	 * KET_W_CAPPED; the worked example's figures. */
	{ "bolus cap 5 mg does not apply", LIM_BOLUS_CAP, 70, 10, 3, 0, 30, 0,
	  RAC, 30, 120, 30.0 / 70.0, 0 },
	{ "esketamine limits and order", LIM_ESK, 70, 10, 3, 0, 30, 0, ESK, 30,
	  120, 30.0 / 70.0, 0 },
	/* ASRA: PCA hard 1.0.  Lockout 10: n1 = 6 -> 60 = 0.857 per kg;
	 * n4 = 24 -> 240. */
	{ "ASRA profile, no hourly limit", LIM_ASRA, 70, 10, 10, 0, 0, 0, RAC,
	  60, 240, 60.0 / 70.0, 0 },
	/* Computed quantities within 1e-9 relative of a limit count as at
	 * it.  30 / (60 (1 - 1e-12)) = 0.5000000000005 mg/kg/h: accepted. */
	{ "per kg 0.5 + 1e-12 relative: at the max", LIM_DEFAULT,
	  60.0 * (1.0 - 1e-12), 10, 3, 0, 30, 0, RAC, 30, 120,
	  30.0 / (60.0 * (1.0 - 1e-12)), 0 },
	/* 24.5 (1 + 1e-12) / 70 = 0.35 + 3.5e-13 mg/kg: at the bolus hard
	 * max; n1 = 1. */
	{ "bolus per kg 0.35 + 1e-12 relative", LIM_DEFAULT, 70,
	  24.5 * (1.0 + 1e-12), 3, 0, 30, 0, RAC, 24.5 * (1.0 + 1e-12),
	  98.0 * (1.0 + 1e-12), 0.35 * (1.0 + 1e-12), W_MAX },
	/* Limit 10 (1 - 1e-12) vs basal + one bolus = 10: within 1e-9,
	 * accepted; n1 = floor(0.999999999999 + 1e-9) = 1 -> min(10,
	 * limit) = the limit; n4 = min(80, 4) = 4 -> 40. */
	{ "1-hour limit 1e-12 below one bolus", LIM_DEFAULT, 70, 10, 3, 0,
	  10.0 * (1.0 - 1e-12), 0, RAC, 10.0 * (1.0 - 1e-12), 40,
	  10.0 * (1.0 - 1e-12) / 70.0, 0 },
	/* A typed bolus against the mg limit is compared exactly:
	 * 25 (1 + 1e-12) mg > 25 warns.  n1 = 2, n4 = 8. */
	{ "bolus 25 + 1e-12 relative warns (exact)", LIM_DEFAULT, 150,
	  25.0 * (1.0 + 1e-12), 30, 0, 0, 0, RAC, 50.0 * (1.0 + 1e-12),
	  200.0 * (1.0 + 1e-12), 50.0 * (1.0 + 1e-12) / 150.0, W_MAX },
};

START_TEST(test_pca_ok)
{
	const struct pca_ok_row *row = &pca_ok_rows[_i];
	ket_pca_order o = pca_order(row->weight, row->bolus, row->lockout,
	                            row->basal, row->limit_h, row->limit_4h,
	                            row->form);
	ket_limits lim;
	ket_pca p;
	ket_report r;
	ket_status st;

	make_limits(row->lim, &lim);
	pca_prefill(&p);
	garble(&r);
	st = ket_pca_check(&o, &lim, &p, &r);
	ck_assert_msg(st == KET_OK, "%s: %s", row->name, ket_status_name(st));
	expect_close(row->name, "max_mg_per_h", p.max_mg_per_h, row->want_h);
	expect_close(row->name, "max_mg_per_4h", p.max_mg_per_4h,
	             row->want_4h);
	expect_close(row->name, "max_mg_per_kg_per_h", p.max_mg_per_kg_per_h,
	             row->want_per_kg);
	ck_assert_msg(p.warnings == row->want_warnings,
	              "%s: warnings 0x%lx, want 0x%lx", row->name,
	              (unsigned long)p.warnings,
	              (unsigned long)row->want_warnings);
	expect_warnings_only(row->name, &r, p.warnings);
	pca_prefill(&p);
	st = ket_pca_check(&o, &lim, &p, NULL);
	ck_assert_msg(st == KET_OK, "%s (no report): %s", row->name,
	              ket_status_name(st));
	expect_close(row->name, "max_mg_per_h", p.max_mg_per_h, row->want_h);
}
END_TEST

struct pca_err_row {
	const char *name;
	int lim;
	double weight, bolus, lockout, basal, limit_h, limit_4h;
	int form;
	ket_status want;
	int item;
	const char *field;
	double value, limit;
};

static const struct pca_err_row pca_err_rows[] = {
	/* API.md: no hourly limit -> n1 = 20 -> 200 mg/h = 2.857 mg/kg/h
	 * > 0.5. */
	{ "worked example without an hourly limit", LIM_DEFAULT, 70, 10, 3, 0,
	  0, 0, RAC, KET_E_HARD_LIMIT, I_PCAH, "pca_hard_max_mg_per_kg_per_h",
	  200.0 / 70.0, 0.5 },
	/* 30 / 59.9 = 0.50083 > 0.5. */
	{ "per kg 0.50083 (59.9 kg)", LIM_DEFAULT, 59.9, 10, 3, 0, 30, 0, RAC,
	  KET_E_HARD_LIMIT, I_PCAH, "pca_hard_max_mg_per_kg_per_h",
	  30.0 / 59.9, 0.5 },
	/* 5.1 + 30 = 35.1 mg/h / 70 = 0.50143. */
	{ "per kg 0.50143 (basal 5.1)", LIM_DEFAULT, 70, 5, 10, 5.1, 0, 0,
	  RAC, KET_E_HARD_LIMIT, I_PCAH, "pca_hard_max_mg_per_kg_per_h",
	  35.1 / 70.0, 0.5 },
	/* A 4-hour limit does not bound the hour: n1 = min(20, floor(100 /
	 * 10)) = 10 -> 100 mg/h = 1.43 mg/kg/h. */
	{ "4-hour limit only, hour too high", LIM_DEFAULT, 70, 10, 3, 0, 0,
	  100, RAC, KET_E_HARD_LIMIT, I_PCAH, "pca_hard_max_mg_per_kg_per_h",
	  100.0 / 70.0, 0.5 },
	/* 24.6 / 70 = 0.3514 > 0.35 mg/kg. */
	{ "bolus above the per-kg hard max", LIM_DEFAULT, 70, 24.6, 3, 0, 30,
	  0, RAC, KET_E_HARD_LIMIT, I_PERKG, "bolus_hard_max_mg_per_kg",
	  24.6 / 70.0, 0.35 },
	/* bolus_cap_mg does not apply, but the hard max does. */
	{ "bolus 12 mg at 30 kg: 0.4 mg/kg", LIM_DEFAULT, 30, 12, 60, 0, 0, 0,
	  RAC, KET_E_HARD_LIMIT, I_PERKG, "bolus_hard_max_mg_per_kg", 0.4,
	  0.35 },
	/* Weight 0.5..350. */
	{ "weight 0.49", LIM_DEFAULT, 0.49, 0.1, 120, 0, 0, 0, RAC,
	  KET_E_WEIGHT, I_WT, "weight_kg", 0.49, 0.5 },
	{ "weight 350.01", LIM_DEFAULT, 350.01, 10, 3, 0, 30, 0, RAC,
	  KET_E_WEIGHT, I_WT, "weight_kg", 350.01, 350 },
	{ "weight 0", LIM_DEFAULT, 0, 10, 3, 0, 30, 0, RAC, KET_E_WEIGHT, I_WT,
	  "weight_kg", 0, ANY },
	{ "weight -70", LIM_DEFAULT, -70, 10, 3, 0, 30, 0, RAC, KET_E_WEIGHT,
	  I_WT, "weight_kg", -70, ANY },
	/* bolus_mg > 0. */
	{ "bolus 0", LIM_DEFAULT, 70, 0, 3, 0, 30, 0, RAC, KET_E_DOSE, I_DOSE,
	  "bolus_mg", 0, ANY },
	{ "bolus -0.0", LIM_DEFAULT, 70, -0.0, 3, 0, 30, 0, RAC, KET_E_DOSE,
	  I_DOSE, "bolus_mg", 0, ANY },
	{ "bolus -10", LIM_DEFAULT, 70, -10, 3, 0, 30, 0, RAC, KET_E_DOSE,
	  I_DOSE, "bolus_mg", -10, ANY },
	/* Lockout [1, 120] min, compared exactly. */
	{ "lockout 0.99", LIM_DEFAULT, 70, 1, 0.99, 0, 30, 0, RAC, KET_E_RANGE,
	  I_LOCK, "lockout_min", 0.99, 1 },
	{ "lockout 120.01", LIM_DEFAULT, 70, 10, 120.01, 0, 0, 0, RAC,
	  KET_E_RANGE, I_LOCK, "lockout_min", 120.01, 120 },
	{ "lockout 0", LIM_DEFAULT, 70, 10, 0, 0, 30, 0, RAC, KET_E_RANGE,
	  I_LOCK, "lockout_min", 0, 1 },
	{ "lockout -3", LIM_DEFAULT, 70, 10, -3, 0, 30, 0, RAC, KET_E_RANGE,
	  I_LOCK, "lockout_min", -3, 1 },
	/* Typed ranges are compared exactly. */
	{ "lockout 1 - 1e-12", LIM_DEFAULT, 70, 1, 1.0 - 1e-12, 0, 30, 0, RAC,
	  KET_E_RANGE, I_LOCK, "lockout_min", 1.0 - 1e-12, 1 },
	{ "lockout 120 (1 + 1e-12)", LIM_DEFAULT, 70, 10,
	  120.0 * (1.0 + 1e-12), 0, 0, 0, RAC, KET_E_RANGE, I_LOCK,
	  "lockout_min", 120.0 * (1.0 + 1e-12), 120 },
	/* basal >= 0. */
	{ "basal -0.01", LIM_DEFAULT, 70, 10, 3, -0.01, 30, 0, RAC,
	  KET_E_RANGE, I_PERH, "basal_mg_per_h", -0.01, 0 },
	/* Limits >= 0. */
	{ "1-hour limit -1", LIM_DEFAULT, 70, 10, 3, 0, -1, 0, RAC,
	  KET_E_RANGE, I_PCAH, "limit_mg_per_h", -1, ANY },
	{ "4-hour limit -1", LIM_DEFAULT, 70, 10, 3, 0, 30, -1, RAC,
	  KET_E_RANGE, I_PCAH, "limit_mg_per_4h", -1, ANY },
	/* 1-hour limit below basal + one bolus. */
	{ "1-hour limit 9.99 below one bolus", LIM_DEFAULT, 70, 10, 3, 0, 9.99,
	  0, RAC, KET_E_RANGE, I_PCAH, "limit_mg_per_h", 9.99, 10 },
	{ "1-hour limit 6.99 below 2 + 5", LIM_DEFAULT, 70, 5, 10, 2, 6.99, 0,
	  RAC, KET_E_RANGE, I_PCAH, "limit_mg_per_h", 6.99, 7 },
	/* 4-hour limit below 4 x basal + one bolus (4 x 2 + 5 = 13). */
	{ "4-hour limit 12.99 below 13", LIM_DEFAULT, 70, 5, 10, 2, 0, 12.99,
	  RAC, KET_E_RANGE, I_PCAH, "limit_mg_per_4h", 12.99, 13 },
	{ "4-hour limit 9.99 below one bolus", LIM_DEFAULT, 70, 10, 3, 0, 0,
	  9.99, RAC, KET_E_RANGE, I_PCAH, "limit_mg_per_4h", 9.99, 10 },
	/* 4-hour limit below the 1-hour limit. */
	{ "4-hour limit 29.99 below 1-hour 30", LIM_DEFAULT, 70, 10, 3, 0, 30,
	  29.99, RAC, KET_E_RANGE, I_PCAH, "limit_mg_per_4h", 29.99, 30 },
	/* Forms. */
	{ "form 3 unknown", LIM_DEFAULT, 70, 10, 3, 0, 30, 0, 3, KET_E_RANGE,
	  I_FORM, "form", ANY, ANY },
	{ "form -1 unknown", LIM_DEFAULT, 70, 10, 3, 0, 30, 0, -1, KET_E_RANGE,
	  I_FORM, "form", ANY, ANY },
	{ "esketamine order, racemic limits", LIM_DEFAULT, 70, 10, 3, 0, 30, 0,
	  ESK, KET_E_FORM, I_FORM, "form", ANY, ANY },
	/* Limits. */
	{ "limits without a PCA maximum", LIM_NO_PCA, 70, 10, 3, 0, 30, 0, RAC,
	  KET_E_LIMITS, I_LIM, "pca_hard_max_mg_per_kg_per_h", 0, ANY },
	{ "limits with a NaN field", LIM_NAN_WEIGHT, 70, 10, 3, 0, 30, 0, RAC,
	  KET_E_LIMITS, I_LIM, "weight_soft_min_kg", ANY, ANY },
	{ "limits with form 9", LIM_BAD_FORM, 70, 10, 3, 0, 30, 0, RAC,
	  KET_E_LIMITS, I_LIM, "form", ANY, ANY },
	/* Validation order: stage by stage, fields in declaration order. */
	{ "NaN weight + Inf bolus", LIM_DEFAULT, (double)NAN,
	  (double)INFINITY, 3, 0, 30, 0, RAC, KET_E_NOT_FINITE, I_WT,
	  "weight_kg", ANY, ANY },
	{ "NaN limit_4h + bad limits", LIM_NO_PCA, 70, 10, 3, 0, 30,
	  (double)NAN, RAC, KET_E_NOT_FINITE, I_PCAH, "limit_mg_per_4h", ANY,
	  ANY },
	{ "bad limits + form 3", LIM_NO_PCA, 70, 10, 3, 0, 30, 0, 3,
	  KET_E_LIMITS, I_LIM, "pca_hard_max_mg_per_kg_per_h", ANY, ANY },
	{ "bad limits + form mismatch", LIM_NO_PCA, 70, 10, 3, 0, 30, 0, ESK,
	  KET_E_LIMITS, I_LIM, "pca_hard_max_mg_per_kg_per_h", ANY, ANY },
	{ "form 3 + weight 0", LIM_DEFAULT, 0, 10, 3, 0, 30, 0, 3, KET_E_RANGE,
	  I_FORM, "form", ANY, ANY },
	{ "form mismatch + weight 0", LIM_DEFAULT, 0, 10, 3, 0, 30, 0, ESK,
	  KET_E_FORM, I_FORM, "form", ANY, ANY },
	{ "weight 0 + bolus 0", LIM_DEFAULT, 0, 0, 3, 0, 30, 0, RAC,
	  KET_E_WEIGHT, I_WT, "weight_kg", 0, ANY },
	{ "bolus 0 + lockout 0", LIM_DEFAULT, 70, 0, 0, 0, 30, 0, RAC,
	  KET_E_DOSE, I_DOSE, "bolus_mg", 0, ANY },
	{ "lockout 0 + basal -1", LIM_DEFAULT, 70, 10, 0, -1, 30, 0, RAC,
	  KET_E_RANGE, I_LOCK, "lockout_min", 0, 1 },
	{ "basal -1 + limit -1", LIM_DEFAULT, 70, 10, 3, -1, -1, 0, RAC,
	  KET_E_RANGE, I_PERH, "basal_mg_per_h", -1, 0 },
	{ "limit_h -1 + limit_4h -1", LIM_DEFAULT, 70, 10, 3, 0, -1, -1, RAC,
	  KET_E_RANGE, I_PCAH, "limit_mg_per_h", -1, ANY },
	/* Ranges before the bolus limits: 24.6 / 70 is above the hard max
	 * but the lockout is refused first. */
	{ "lockout 200 + bolus above hard max", LIM_DEFAULT, 70, 24.6, 200, 0,
	  30, 0, RAC, KET_E_RANGE, I_LOCK, "lockout_min", 200, 120 },
	/* The bolus hard limit before the hourly one (both crossed). */
	{ "bolus hard before PCA hard", LIM_DEFAULT, 70, 24.6, 3, 0, 0, 0, RAC,
	  KET_E_HARD_LIMIT, I_PERKG, "bolus_hard_max_mg_per_kg", 24.6 / 70.0,
	  0.35 },
};

START_TEST(test_pca_error)
{
	const struct pca_err_row *row = &pca_err_rows[_i];
	ket_pca_order o = pca_order(row->weight, row->bolus, row->lockout,
	                            row->basal, row->limit_h, row->limit_4h,
	                            row->form);
	ket_limits lim;
	ket_pca p;
	ket_report r;
	ket_status st;

	make_limits(row->lim, &lim);
	pca_prefill(&p);
	garble(&r);
	st = ket_pca_check(&o, &lim, &p, &r);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	pca_failsafe(row->name, &p);
	expect_last(row->name, &r, (int)row->want, row->item, row->field,
	            row->value, row->limit);
	pca_prefill(&p);
	st = ket_pca_check(&o, &lim, &p, NULL);
	ck_assert_msg(st == row->want, "%s (no report): %s", row->name,
	              ket_status_name(st));
	pca_failsafe(row->name, &p);
}
END_TEST

/* Each double field: NaN, +Inf, -Inf (6 fields x 3 values). */
START_TEST(test_pca_not_finite)
{
	static const char *const fields[6] = {
		"weight_kg", "bolus_mg", "lockout_min", "basal_mg_per_h",
		"limit_mg_per_h", "limit_mg_per_4h"
	};
	static const int items[6] = {
		I_WT, I_DOSE, I_LOCK, I_PERH, I_PCAH, I_PCAH
	};
	double a[6] = { 70, 10, 3, 0, 30, 0 };
	int k = _i / 3;
	ket_pca_order o;
	ket_limits lim;
	ket_pca p;
	ket_report r;
	ket_status st;
	char label[64];

	a[k] = nonfinite[_i % 3];
	o = pca_order(a[0], a[1], a[2], a[3], a[4], a[5], RAC);
	snprintf(label, sizeof label, "%s = %g", fields[k], a[k]);
	make_limits(LIM_DEFAULT, &lim);
	pca_prefill(&p);
	garble(&r);
	st = ket_pca_check(&o, &lim, &p, &r);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s: %s", label,
	              ket_status_name(st));
	pca_failsafe(label, &p);
	expect_last(label, &r, KET_E_NOT_FINITE, items[k], fields[k], ANY,
	            ANY);
}
END_TEST

START_TEST(test_pca_null)
{
	ket_pca_order o = pca_order(70, 10, 3, 0, 30, 0, RAC);
	ket_limits lim;
	ket_pca p;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	pca_prefill(&p);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(NULL, &lim, &p, &r), KET_E_NULL);
	pca_failsafe("order NULL", &p);
	expect_last("order NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	pca_prefill(&p);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, NULL, &p, &r), KET_E_NULL);
	pca_failsafe("limits NULL", &p);
	expect_last("limits NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, NULL, &r), KET_E_NULL);
	expect_last("out NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	/* NULL before a NaN field. */
	o.weight_kg = tu_nan();
	pca_prefill(&p);
	ck_assert_int_eq(ket_pca_check(&o, NULL, &p, NULL), KET_E_NULL);
	pca_failsafe("limits NULL + NaN", &p);
}
END_TEST

/* The worked example's report is empty and its figures exact. */
START_TEST(test_pca_worked_example)
{
	ket_pca_order o = pca_order(70, 10, 3, 0, 30, 0, RAC);
	ket_limits lim;
	ket_pca p;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_uint_eq(r.count, 0);
	ck_assert_uint_eq(r.dropped, 0);
	ck_assert_uint_eq(p.warnings, 0);
	/* 30 / 70 = 0.42857142857..., to 1e-6 as API.md prints it. */
	ck_assert(tu_close(p.max_mg_per_kg_per_h, 0.428571, 0, 1e-6));

	/* Without the hourly limit: refused, one finding, NaN figures. */
	o.limit_mg_per_h = 0;
	pca_prefill(&p);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_HARD_LIMIT);
	pca_failsafe("no hourly limit", &p);
	ck_assert_uint_eq(r.count, 1);
	/* 200 / 70 = 2.857142857 mg/kg/h, API.md's 2.857. */
	expect_last("no hourly limit", &r, KET_E_HARD_LIMIT, I_PCAH,
	            "pca_hard_max_mg_per_kg_per_h", 200.0 / 70.0, 0.5);
	ck_assert(tu_close(r.findings[0].value, 2.857, 0, 1e-3));
}
END_TEST

/* The bolus per kg is computed (bolus / weight): 14.000000000000002 mg /
 * 70 kg is 0.20000000000000004, one last bit above the 0.2 mg/kg soft
 * maximum, and within API.md's tolerance: no warning.  14.00001 mg
 * (0.2000001 mg/kg) warns. */
START_TEST(test_pca_bolus_per_kg_tolerance)
{
	ket_pca_order o = pca_order(70, 14.000000000000002, 3, 0, 30, 0, RAC);
	ket_limits lim;
	ket_pca p;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert(o.bolus_mg / 70.0 > lim.bolus_soft_max_mg_per_kg);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_uint_eq(p.warnings & KET_W_ABOVE_SOFT_MAX, 0);
	o.bolus_mg = 14.00001;
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_uint_ne(p.warnings & KET_W_ABOVE_SOFT_MAX, 0);
}
END_TEST

START_TEST(test_pca_findings)
{
	ket_pca_order o;
	ket_limits lim;
	ket_pca p;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);

	/* 30 mg at 100 kg: 0.3 mg/kg > 0.2 and 30 mg > 25: two findings in
	 * the order the contract lists them (per kg, then mg). */
	o = pca_order(100, 30, 60, 0, 0, 0, RAC);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("both soft", &r, 0, KET_OK, W_MAX, I_PERKG,
	               "bolus_soft_max_mg_per_kg", 0.3, 0.2);
	expect_finding("both soft", &r, 1, KET_OK, W_MAX, I_DOSE,
	               "bolus_soft_max_mg", 30, 25);

	/* 8 mg at 39 kg: 0.205 mg/kg > 0.2, then the unusual weight. */
	o = pca_order(39, 8, 60, 0, 0, 0, RAC);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("soft + weight", &r, 0, KET_OK, W_MAX, I_PERKG,
	               "bolus_soft_max_mg_per_kg", 8.0 / 39.0, 0.2);
	expect_finding("soft + weight", &r, 1, KET_OK, W_WT, I_WT,
	               "weight_soft_min_kg", 39, 40);

	/* A refusal keeps the warnings found before it: 151 kg is unusual,
	 * then 200 / 151 = 1.32 mg/kg/h > 0.5. */
	o = pca_order(151, 10, 3, 0, 0, 0, RAC);
	pca_prefill(&p);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_HARD_LIMIT);
	pca_failsafe("weight then refusal", &p);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("weight then refusal", &r, 0, KET_OK, W_WT, I_WT,
	               "weight_soft_max_kg", 151, 150);
	expect_last("weight then refusal", &r, KET_E_HARD_LIMIT, I_PCAH,
	            "pca_hard_max_mg_per_kg_per_h", 200.0 / 151.0, 0.5);
}
END_TEST

/* ================================================ ket_burst_schedule */

/* Jackson 2001 as API.md states it, indexed by response_day (0 = none). */
static const double plan_mg[4][5] = {
	{ 100, 300, 500, 500, 500 }, /* 0: no response */
	{ 100, 100, 100, 0, 0 },     /* 1 */
	{ 100, 300, 300, 300, 0 },   /* 2 */
	{ 100, 300, 500, 500, 500 }, /* 3 */
};
static const size_t plan_len[4] = { 5, 3, 4, 5 };

#define CAP 8 /* days[] capacity used by the tests */

static ket_burst_order burst_order(int response_day, double weight,
				   double conc, double step, int route,
				   int form)
{
	ket_burst_order o;

	memset(&o, 0, sizeof o);
	o.response_day = response_day;
	o.weight_kg = weight;
	o.concentration_mg_per_ml = conc;
	o.pump_step_ml_per_h = step;
	o.route = route;
	o.form = form;
	return o;
}

static void days_prefill(ket_burst_day *days, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		days[i].day = 77;
		days[i].mg_per_24h = TU_UNSET;
		days[i].rate_ml_per_h = TU_UNSET;
		days[i].delivered_mg_per_24h = TU_UNSET;
		days[i].warnings = UINT32_C(0xffffffff);
	}
}

/* On any error every entry up to capacity has NaN doubles, day 0 and
 * warnings 0. */
static void days_failsafe(const char *label, const ket_burst_day *days,
			  size_t capacity)
{
	size_t i;

	for (i = 0; i < capacity; i++) {
		const ket_burst_day *d = &days[i];

		ck_assert_msg(d->day == 0 && d->warnings == 0,
		              "%s: entry %lu day %d warnings 0x%lx", label,
		              (unsigned long)i, (int)d->day,
		              (unsigned long)d->warnings);
		ck_assert_msg(isnan(d->mg_per_24h) && isnan(d->rate_ml_per_h) &&
		              isnan(d->delivered_mg_per_24h),
		              "%s: entry %lu doubles %g %g %g", label,
		              (unsigned long)i, d->mg_per_24h, d->rate_ml_per_h,
		              d->delivered_mg_per_24h);
	}
}

static int same_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return memcmp(&a, &b, sizeof a) == 0;
}

/* API.md's comparison tolerance: equal within 1e-9 of b. */
static int close_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9 * fabs(b);
}

/* "Each distinct finding once": the same finding on two days, its value
 * and limit equal within the tolerance (4 % computed as 4 on one day and
 * 4.0000000000000071 on another is one finding). */
static int same_finding(const ket_finding *a, const ket_finding *b)
{
	return a->status == b->status && a->warning == b->warning &&
	       a->item == b->item && strcmp(a->unit, b->unit) == 0 &&
	       strcmp(a->field, b->field) == 0 &&
	       close_double(a->value, b->value) &&
	       close_double(a->limit, b->limit);
}

/* Appends the findings of one day not already in the merged report. */
static void merge_report(ket_report *into, const ket_report *day)
{
	size_t i, j;

	for (i = 0; i < day->count && i < KET_REPORT_MAX; i++) {
		int seen = 0;

		for (j = 0; j < into->count; j++)
			if (same_finding(&into->findings[j], &day->findings[i]))
				seen = 1;
		if (seen)
			continue;
		if (into->count < KET_REPORT_MAX)
			into->findings[into->count++] = day->findings[i];
		else
			into->dropped++;
	}
	into->dropped += day->dropped;
}

/* The expected schedule, built day by day from ket_infusion_rate with the
 * order API.md names: {weight, mg_per_24h / 24, KET_UNIT_MG_PER_H,
 * concentration, pump step, route, form}. */
struct burst_want {
	ket_status status;
	size_t n;
	ket_burst_day days[5];
	ket_report report;
};

static void burst_oracle(const ket_burst_order *o, const ket_limits *lim,
			 struct burst_want *w)
{
	int resp = o->response_day;
	size_t d;

	memset(w, 0, sizeof *w);
	ck_assert(resp >= 0 && resp <= 3);
	w->status = KET_OK;
	w->n = plan_len[resp];
	for (d = 0; d < plan_len[resp]; d++) {
		ket_infusion_order io;
		ket_infusion inf;
		ket_report r;
		ket_status st;

		memset(&io, 0, sizeof io);
		io.weight_kg = o->weight_kg;
		io.dose = plan_mg[resp][d] / 24.0;
		io.dose_unit = KET_UNIT_MG_PER_H;
		io.concentration_mg_per_ml = o->concentration_mg_per_ml;
		io.pump_step_ml_per_h = o->pump_step_ml_per_h;
		io.route = o->route;
		io.form = o->form;
		st = ket_infusion_rate(&io, lim, &inf, &r);
		merge_report(&w->report, &r);
		if (st != KET_OK) {
			w->status = st;
			w->n = 0;
			return;
		}
		w->days[d].day = (int32_t)(d + 1);
		w->days[d].mg_per_24h = plan_mg[resp][d];
		w->days[d].rate_ml_per_h = inf.rate_ml_per_h;
		w->days[d].delivered_mg_per_24h = inf.delivered_mg_per_24h;
		w->days[d].warnings = inf.warnings;
	}
}

static void expect_same_report(const char *label, const ket_report *got,
			       const ket_report *want)
{
	size_t i;

	ck_assert_msg(got->count == want->count &&
	              got->dropped == want->dropped,
	              "%s: report %lu findings (%lu dropped), want %lu (%lu)",
	              label, (unsigned long)got->count,
	              (unsigned long)got->dropped, (unsigned long)want->count,
	              (unsigned long)want->dropped);
	for (i = 0; i < want->count; i++) {
		const ket_finding *g = &got->findings[i];
		const ket_finding *w = &want->findings[i];

		ck_assert_msg(g->unit != NULL && g->field != NULL,
		              "%s: finding %lu NULL string", label,
		              (unsigned long)i);
		ck_assert_msg(g->status == w->status &&
		              g->warning == w->warning && g->item == w->item &&
		              strcmp(g->field, w->field) == 0 &&
		              strcmp(g->unit, w->unit) == 0,
		              "%s: finding %lu is %s 0x%lx item %d %s, want %s "
		              "0x%lx item %d %s", label, (unsigned long)i,
		              ket_status_name((ket_status)g->status),
		              (unsigned long)g->warning, (int)g->item, g->field,
		              ket_status_name((ket_status)w->status),
		              (unsigned long)w->warning, (int)w->item,
		              w->field);
		ck_assert_msg(same_double(g->value, w->value) ||
		              tu_close(g->value, w->value, 1e-12, 0),
		              "%s: finding %lu value %.17g, want %.17g", label,
		              (unsigned long)i, g->value, w->value);
		ck_assert_msg(same_double(g->limit, w->limit) ||
		              tu_close(g->limit, w->limit, 1e-12, 0),
		              "%s: finding %lu limit %.17g, want %.17g", label,
		              (unsigned long)i, g->limit, w->limit);
	}
}

/* Rows checked against the ket_infusion_rate oracle: status, n_days,
 * every entry and the merged report. */
struct burst_row {
	const char *name;
	int lim;
	int response_day;
	double weight, conc, step;
	int route, form;
	ket_status want; /* by hand; the oracle must agree */
};

static const struct burst_row burst_rows[] = {
	{ "no response, 70 kg 10 mg/mL SC", LIM_PALL, 0, 70, 10, 0.1, SC, RAC,
	  KET_OK },
	{ "response day 1", LIM_PALL, 1, 70, 10, 0.1, SC, RAC, KET_OK },
	{ "response day 2", LIM_PALL, 2, 70, 10, 0.1, SC, RAC, KET_OK },
	{ "response day 3", LIM_PALL, 3, 70, 10, 0.1, SC, RAC, KET_OK },
	{ "IV (the seed)", LIM_PALL, 0, 70, 10, 0.1, IV, RAC, KET_OK },
	{ "1 mg/mL", LIM_PALL, 0, 70, 1, 0.1, SC, RAC, KET_OK },
	{ "pump step 0", LIM_PALL, 0, 70, 10, 0, SC, RAC, KET_OK },
	/* 500 / 24 / 30 = 0.694 mg/kg/h > 0.5 soft; 30 kg at the soft
	 * weight minimum. */
	{ "30 kg: per-kg soft max", LIM_PALL, 0, 30, 10, 0, SC, RAC, KET_OK },
	/* 29 kg: unusual; 500 / 24 / 29 = 0.718 < 1.0 hard. */
	{ "29 kg: unusual weight", LIM_PALL, 0, 29, 10, 0, SC, RAC, KET_OK },
	/* 100 / 24 / 20 = 0.208 per kg: fine for three days. */
	{ "20 kg, response day 1", LIM_PALL, 1, 20, 10, 0.1, SC, RAC, KET_OK },
	/* 50 mg/mL, step 0.01: 0.0833 -> 0.08 mL/h (4 %), 0.25, 0.4167 ->
	 * 0.42 mL/h = 504 mg/24 h. */
	{ "50 mg/mL SC step 0.01", LIM_PALL, 0, 70, 50, 0.01, SC, RAC,
	  KET_OK },
	/* IV at exactly 50 mg/mL is allowed. */
	{ "50 mg/mL IV step 0", LIM_PALL, 0, 70, 50, 0, IV, RAC, KET_OK },
	/* Pump step 10 is the maximum; at 0.01 mg/mL the rates are 416.7,
	 * 1250 and 2083 mL/h, so 10 mL/h steps round within 1 %. */
	{ "pump step 10 at 0.01 mg/mL", LIM_PALL, 0, 70, 0.01, 10, SC, RAC,
	  KET_OK },
	{ "esketamine", LIM_PALL_ESK, 0, 70, 10, 0.1, SC, ESK, KET_OK },
	/* Daily hard 400 stops only the 500 mg days. */
	{ "daily hard 400, response day 2", LIM_PALL_D400, 2, 70, 10, 0.1, SC,
	  RAC, KET_OK },
	{ "no concentration maximum, SC 60 mg/mL", LIM_PALL_NOCONC, 0, 70, 60,
	  0, SC, RAC, KET_OK },
	/* Refusals by a day: the whole schedule is refused. */
	/* Day 3: 24 x 500 / 24 = 500 mg/24 h > 400. */
	{ "daily hard 400 refuses day 3", LIM_PALL_D400, 0, 70, 10, 0.1, SC,
	  RAC, KET_E_HARD_LIMIT },
	{ "daily hard 400, response day 3", LIM_PALL_D400, 3, 70, 10, 0.1, SC,
	  RAC, KET_E_HARD_LIMIT },
	/* Day 3: 500 / 24 / 20 = 1.04 mg/kg/h > 1.0. */
	{ "20 kg: day 3 above the per-kg hard max", LIM_PALL, 0, 20, 10, 0.1,
	  SC, RAC, KET_E_HARD_LIMIT },
	/* Day 1: 100 / 24 / 50 = 0.083 mL/h -> 1 step of 0.1 = 20 % off. */
	{ "50 mg/mL step 0.1: day 1 resolution", LIM_PALL, 0, 70, 50, 0.1, SC,
	  RAC, KET_E_RESOLUTION },
};

START_TEST(test_burst_oracle)
{
	const struct burst_row *row = &burst_rows[_i];
	ket_burst_order o = burst_order(row->response_day, row->weight,
	                                row->conc, row->step, row->route,
	                                row->form);
	ket_limits lim;
	struct burst_want w;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99, i;
	ket_status st;
	char label[128];

	make_limits(row->lim, &lim);
	burst_oracle(&o, &lim, &w);
	ck_assert_msg(w.status == row->want, "%s: oracle %s, want %s",
	              row->name, ket_status_name(w.status),
	              ket_status_name(row->want));
	days_prefill(days, CAP);
	garble(&r);
	st = ket_burst_schedule(&o, &lim, days, CAP, &n, &r);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	ck_assert_msg(n == w.n, "%s: n_days %lu, want %lu", row->name,
	              (unsigned long)n, (unsigned long)w.n);
	expect_same_report(row->name, &r, &w.report);
	if (st != KET_OK) {
		days_failsafe(row->name, days, CAP);
		expect_last(row->name, &r, (int)row->want, NO_ITEM, NULL, ANY,
		            ANY);
		return;
	}
	for (i = 0; i < w.n; i++) {
		const ket_burst_day *g = &days[i];
		const ket_burst_day *e = &w.days[i];

		snprintf(label, sizeof label, "%s, day %lu", row->name,
		         (unsigned long)(i + 1));
		ck_assert_msg(g->day == e->day, "%s: day %d", label,
		              (int)g->day);
		expect_close(label, "mg_per_24h", g->mg_per_24h, e->mg_per_24h);
		ck_assert_msg(tu_close(g->rate_ml_per_h, e->rate_ml_per_h,
		              1e-12, 0),
		              "%s: rate %.17g, ket_infusion_rate %.17g", label,
		              g->rate_ml_per_h, e->rate_ml_per_h);
		ck_assert_msg(tu_close(g->delivered_mg_per_24h,
		              e->delivered_mg_per_24h, 1e-12, 0),
		              "%s: delivered %.17g, ket_infusion_rate %.17g",
		              label, g->delivered_mg_per_24h,
		              e->delivered_mg_per_24h);
		ck_assert_msg(g->warnings == e->warnings,
		              "%s: warnings 0x%lx, ket_infusion_rate 0x%lx",
		              label, (unsigned long)g->warnings,
		              (unsigned long)e->warnings);
	}
	/* Without a report: the same status and days. */
	n = 99;
	days_prefill(days, CAP);
	st = ket_burst_schedule(&o, &lim, days, CAP, &n, NULL);
	ck_assert_msg(st == row->want && n == w.n, "%s (no report): %s, %lu",
	              row->name, ket_status_name(st), (unsigned long)n);
}
END_TEST

/* Days worked out by hand (palliative profile: daily soft 500, hard 700;
 * per kg soft 0.5, hard 1.0; no mg/h maximum). */
struct burst_hand_day {
	double mg, rate, delivered;
	uint32_t warnings;
};

struct burst_hand_row {
	const char *name;
	int response_day;
	double weight, conc, step;
	int route;
	size_t n;
	struct burst_hand_day d[5];
};

/* 10 mg/mL, step 0.1:
 *   100: 100 / 24 / 10 = 0.41667 mL/h = 4.17 steps -> 0.4 mL/h = 4 mg/h =
 *        96 mg/24 h; 4 % off (> 1 %): rounded; 0.4 < 0.5: low rate.
 *   300: 12.5 mg/h / 10 = 1.25 mL/h = 12.5 steps -> 13 = 1.3 mL/h =
 *        13 mg/h = 312 mg/24 h; 4 % off: rounded.
 *   500: 20.833 mg/h / 10 = 2.0833 mL/h -> 2.1 mL/h = 21 mg/h = 504 mg/24 h
 *        (0.8 % off); 504 > 500 soft: above soft max.
 * 1 mg/mL, step 0.1:
 *   100: 4.1667 mL/h -> 4.2 = 100.8 mg/24 h (0.8 %);
 *   300: 12.5 mL/h exactly = 300;
 *   500: 20.833 mL/h -> 20.8 = 499.2 mg/24 h (0.16 %). */
#define D100 { 100, 0.4, 96, W_RND | W_LOW }
#define D300 { 300, 1.3, 312, W_RND }
#define D500 { 500, 2.1, 504, W_MAX }
#define E100 { 100, 4.2, 100.8, 0 }
#define E300 { 300, 12.5, 300, 0 }
#define E500 { 500, 20.8, 499.2, 0 }

static const struct burst_hand_row burst_hand_rows[] = {
	{ "no response 10 mg/mL SC", 0, 70, 10, 0.1, SC, 5,
	  { D100, D300, D500, D500, D500 } },
	{ "response day 3 10 mg/mL SC", 3, 70, 10, 0.1, SC, 5,
	  { D100, D300, D500, D500, D500 } },
	{ "response day 2 10 mg/mL SC", 2, 70, 10, 0.1, SC, 4,
	  { D100, D300, D300, D300, { 0, 0, 0, 0 } } },
	{ "response day 1 10 mg/mL SC", 1, 70, 10, 0.1, SC, 3,
	  { D100, D100, D100, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } } },
	{ "no response 10 mg/mL IV", 0, 70, 10, 0.1, IV, 5,
	  { D100, D300, D500, D500, D500 } },
	{ "no response 1 mg/mL SC", 0, 70, 1, 0.1, SC, 5,
	  { E100, E300, E500, E500, E500 } },
	/* Step 0: 100 / 24 / 10 = 0.41667 mL/h (low rate), no rounding. */
	{ "response day 1 step 0", 1, 70, 10, 0, SC, 3,
	  { { 100, 100.0 / 240.0, 100, W_LOW },
	    { 100, 100.0 / 240.0, 100, W_LOW },
	    { 100, 100.0 / 240.0, 100, W_LOW }, { 0, 0, 0, 0 },
	    { 0, 0, 0, 0 } } },
};

START_TEST(test_burst_hand)
{
	const struct burst_hand_row *row = &burst_hand_rows[_i];
	ket_burst_order o = burst_order(row->response_day, row->weight,
	                                row->conc, row->step, row->route, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99, i;
	ket_status st;
	char label[128];

	make_limits(LIM_PALL, &lim);
	days_prefill(days, CAP);
	garble(&r);
	st = ket_burst_schedule(&o, &lim, days, CAP, &n, &r);
	ck_assert_msg(st == KET_OK, "%s: %s", row->name, ket_status_name(st));
	ck_assert_msg(n == row->n, "%s: n_days %lu, want %lu", row->name,
	              (unsigned long)n, (unsigned long)row->n);
	for (i = 0; i < row->n; i++) {
		snprintf(label, sizeof label, "%s, day %lu", row->name,
		         (unsigned long)(i + 1));
		ck_assert_msg(days[i].day == (int32_t)(i + 1), "%s: day %d",
		              label, (int)days[i].day);
		expect_close(label, "mg_per_24h", days[i].mg_per_24h,
		             row->d[i].mg);
		expect_close(label, "rate_ml_per_h", days[i].rate_ml_per_h,
		             row->d[i].rate);
		expect_close(label, "delivered_mg_per_24h",
		             days[i].delivered_mg_per_24h, row->d[i].delivered);
		ck_assert_msg(days[i].warnings == row->d[i].warnings,
		              "%s: warnings 0x%lx, want 0x%lx", label,
		              (unsigned long)days[i].warnings,
		              (unsigned long)row->d[i].warnings);
	}
	expect_warnings_only(row->name, &r, days[0].warnings |
	                     days[1].warnings | days[2].warnings |
	                     (row->n > 3 ? days[3].warnings : 0) |
	                     (row->n > 4 ? days[4].warnings : 0));
}
END_TEST

/* The merged report of the 10 mg/mL plan: the 504 mg/24 h soft-maximum
 * finding of days 3, 4 and 5 appears once, the low rate of day 1 once. */
START_TEST(test_burst_report_merge)
{
	ket_burst_order o = burst_order(0, 70, 10, 0.1, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 0;
	int i;

	make_limits(LIM_PALL, &lim);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_OK);
	ck_assert_int_eq(count_warning(&r, W_MAX), 1);
	ck_assert_int_eq(count_warning(&r, W_LOW), 1);
	i = find_warning(&r, W_MAX, NO_ITEM);
	ck_assert_int_ge(i, 0);
	expect_finding("504 mg/24 h", &r, (size_t)i, KET_OK, W_MAX, I_DAY,
	               "daily_soft_max_mg_per_24h", 504, 500);
	i = find_warning(&r, W_LOW, NO_ITEM);
	ck_assert_int_ge(i, 0);
	expect_finding("0.4 mL/h", &r, (size_t)i, KET_OK, W_LOW,
	               KET_ITEM_PUMP_RATE, "rate_ml_per_h", 0.4, 0.5);
	/* Day order: the low rate (day 1) before the soft maximum (day 3). */
	ck_assert_int_lt(find_warning(&r, W_LOW, NO_ITEM),
	                 find_warning(&r, W_MAX, NO_ITEM));
	/* Rounding: day 1, 100/24 = 4.1667 mg/h, 0.41667 mL/h -> 0.4 (4 mg/h)
	 * and day 2, 12.5 mg/h, 1.25 mL/h -> 1.3 (13 mg/h) both move the
	 * dose by 4 % (0.1667/4.1667 and 0.5/12.5): one finding, though the
	 * two quotients differ in their last bits.  In all: rounding (day 1),
	 * low rate (day 1), soft maximum (day 3). */
	ck_assert_int_eq(count_warning(&r, KET_W_ROUNDED), 1);
	ck_assert_uint_eq(r.count, 3);
	ck_assert_int_eq(r.findings[0].warning, KET_W_ROUNDED);
	ck_assert(fabs(r.findings[0].value - 4.0) <= 1e-9);
	ck_assert(fabs(r.findings[0].limit - 1.0) <= 0.0);
	ck_assert_int_eq(r.findings[1].warning, W_LOW);
	ck_assert_int_eq(r.findings[2].warning, W_MAX);
}
END_TEST

/* "Each distinct finding once" with the tolerance both ways: at 1.7 mg/mL
 * and a 0.5 mL/h step every day rounds by 2 %: day 1 100/24 = 4.1667 mg/h,
 * 2.451 mL/h -> 2.5 (4.25 mg/h); day 2 12.5 mg/h, 7.353 -> 7.5 (12.75);
 * day 3 20.833 mg/h, 12.255 -> 12.5 (21.25).  The three quotients differ
 * in their last bits (day 1's is the smallest), yet it is one finding. */
START_TEST(test_burst_report_merge_tolerance)
{
	ket_burst_order o = burst_order(0, 70, 1.7, 0.5, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 0;
	int i;

	make_limits(LIM_PALL, &lim);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_OK);
	ck_assert_uint_eq(n, 5);
	ck_assert(fabs(days[0].rate_ml_per_h - 2.5) <= 1e-12);
	ck_assert(fabs(days[1].rate_ml_per_h - 7.5) <= 1e-12);
	ck_assert(fabs(days[2].rate_ml_per_h - 12.5) <= 1e-12);
	ck_assert_int_eq(count_warning(&r, KET_W_ROUNDED), 1);
	i = find_warning(&r, KET_W_ROUNDED, NO_ITEM);
	ck_assert_int_ge(i, 0);
	ck_assert(fabs(r.findings[i].value - 2.0) <= 1e-9);
}
END_TEST

/* A day refused by a limit refuses the whole plan: custom limits with a
 * daily hard maximum of 400 (soft 0) refuse day 3's 500 mg. */
START_TEST(test_burst_refused_day)
{
	ket_burst_order o = burst_order(0, 70, 10, 0.1, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99;

	make_limits(LIM_PALL_D400, &lim);
	days_prefill(days, CAP);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_E_HARD_LIMIT);
	ck_assert_uint_eq(n, 0);
	days_failsafe("daily hard 400", days, CAP);
	/* Day 3: 24 x 500 / 24 = 500 mg/24 h above 400. */
	expect_last("daily hard 400", &r, KET_E_HARD_LIMIT, I_DAY,
	            "daily_hard_max_mg_per_24h", 500, 400);
	/* Days 1 and 2 were judged first: their warnings stay. */
	ck_assert_int_ge(find_warning(&r, W_LOW, NO_ITEM), 0);
	ck_assert_int_ge(find_warning(&r, W_RND, NO_ITEM), 0);
}
END_TEST

/* Capacity: size queries and too-small buffers. */
struct burst_cap_row {
	const char *name;
	int response_day;
	int days_null;
	size_t capacity;
	ket_status want;
	size_t want_n;
};

static const struct burst_cap_row burst_cap_rows[] = {
	{ "size query, no response", 0, 1, 0, KET_E_BUFFER, 5 },
	{ "size query, day 1", 1, 1, 0, KET_E_BUFFER, 3 },
	{ "size query, day 2", 2, 1, 0, KET_E_BUFFER, 4 },
	{ "size query, day 3", 3, 1, 0, KET_E_BUFFER, 5 },
	{ "capacity 0 with a buffer", 0, 0, 0, KET_E_BUFFER, 5 },
	{ "capacity 4 for 5 days", 0, 0, 4, KET_E_BUFFER, 5 },
	{ "capacity 1 for 5 days", 3, 0, 1, KET_E_BUFFER, 5 },
	{ "capacity 2 for 3 days", 1, 0, 2, KET_E_BUFFER, 3 },
	{ "capacity 3 for 4 days", 2, 0, 3, KET_E_BUFFER, 4 },
	{ "capacity 5 for 5 days", 0, 0, 5, KET_OK, 5 },
	{ "capacity 3 for 3 days", 1, 0, 3, KET_OK, 3 },
	{ "capacity 4 for 4 days", 2, 0, 4, KET_OK, 4 },
	{ "capacity 8 for 3 days", 1, 0, 8, KET_OK, 3 },
	{ "days NULL, capacity 5", 0, 1, 5, KET_E_NULL, 0 },
};

START_TEST(test_burst_capacity)
{
	const struct burst_cap_row *row = &burst_cap_rows[_i];
	ket_burst_order o = burst_order(row->response_day, 70, 10, 0.1, SC,
	                                RAC);
	ket_limits lim;
	ket_burst_day buf[CAP];
	ket_burst_day *days = row->days_null ? NULL : buf;
	ket_report r;
	size_t n = 99, i;
	ket_status st;

	make_limits(LIM_PALL, &lim);
	days_prefill(buf, CAP);
	garble(&r);
	st = ket_burst_schedule(&o, &lim, days, row->capacity, &n, &r);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	ck_assert_msg(n == row->want_n, "%s: n_days %lu, want %lu", row->name,
	              (unsigned long)n, (unsigned long)row->want_n);
	if (st == KET_OK) {
		for (i = 0; i < row->want_n; i++)
			ck_assert_msg(buf[i].day == (int32_t)(i + 1) &&
			              tu_close(buf[i].mg_per_24h,
			              plan_mg[row->response_day][i], REL, ABS),
			              "%s: entry %lu day %d %g mg", row->name,
			              (unsigned long)i, (int)buf[i].day,
			              buf[i].mg_per_24h);
		return;
	}
	expect_last(row->name, &r, (int)row->want, NO_ITEM, NULL, ANY, ANY);
	if (days == NULL)
		return;
	days_failsafe(row->name, buf, row->capacity);
	/* Nothing is written beyond the capacity. */
	for (i = row->capacity; i < CAP; i++)
		ck_assert_msg(buf[i].day == 77 && buf[i].warnings ==
		              UINT32_C(0xffffffff) &&
		              tu_close(buf[i].mg_per_24h, TU_UNSET, 0, 0),
		              "%s: entry %lu beyond capacity written",
		              row->name, (unsigned long)i);
}
END_TEST

/* Size query order: every input check comes before the capacity, and the
 * capacity before the days (a plan whose day 3 would be refused still
 * answers a size query). */
START_TEST(test_burst_capacity_order)
{
	ket_burst_order o = burst_order(0, 20, 10, 0.1, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99;

	make_limits(LIM_PALL, &lim);
	/* 20 kg: day 3 above the per-kg hard max, but the buffer comes
	 * first. */
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, NULL, 0, &n, &r),
	                 KET_E_BUFFER);
	ck_assert_uint_eq(n, 5);
	n = 99;
	days_prefill(days, CAP);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, 2, &n, &r),
	                 KET_E_BUFFER);
	ck_assert_uint_eq(n, 5);
	days_failsafe("capacity 2, 20 kg", days, 2);
	/* With room: refused by day 3. */
	n = 99;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_E_HARD_LIMIT);
	ck_assert_uint_eq(n, 0);
	/* A range error before the capacity: n_days 0. */
	o = burst_order(4, 70, 10, 0.1, SC, RAC);
	n = 99;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, NULL, 0, &n, &r),
	                 KET_E_RANGE);
	ck_assert_uint_eq(n, 0);
	/* Invalid pump step with a too-small buffer: the step first. */
	o = burst_order(0, 70, 10, 10.01, SC, RAC);
	n = 99;
	days_prefill(days, CAP);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, 1, &n, &r),
	                 KET_E_RANGE);
	ck_assert_uint_eq(n, 0);
	days_failsafe("step 10.01, capacity 1", days, 1);
	/* Limits without a daily hard maximum, size query: KET_E_LIMITS. */
	make_limits(LIM_DEFAULT, &lim);
	o = burst_order(0, 70, 10, 0.1, SC, RAC);
	n = 99;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, NULL, 0, &n, &r),
	                 KET_E_LIMITS);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* Conventions: array arguments longer than KET_MAX_ITEMS are KET_E_RANGE,
 * checked right after the NULL checks.  The buffer really has
 * KET_MAX_ITEMS + 1 entries, so whatever the library writes stays in it. */
START_TEST(test_burst_capacity_max_items)
{
	size_t big = (size_t)KET_MAX_ITEMS + 1, n;
	ket_burst_day *days = malloc(big * sizeof *days);
	ket_burst_order o = burst_order(0, 70, 10, 0.1, SC, RAC);
	ket_limits lim;
	ket_report r;
	ket_status st;

	ck_assert_ptr_nonnull(days);
	make_limits(LIM_PALL, &lim);

	/* KET_MAX_ITEMS itself is accepted. */
	n = 99;
	st = ket_burst_schedule(&o, &lim, days, (size_t)KET_MAX_ITEMS, &n,
	                        &r);
	ck_assert_msg(st == KET_OK, "capacity KET_MAX_ITEMS: %s",
	              ket_status_name(st));
	ck_assert_uint_eq(n, 5);

	/* One more is refused. */
	n = 99;
	garble(&r);
	st = ket_burst_schedule(&o, &lim, days, big, &n, &r);
	ck_assert_msg(st == KET_E_RANGE, "capacity KET_MAX_ITEMS + 1: %s",
	              ket_status_name(st));
	ck_assert_uint_eq(n, 0);
	expect_last("capacity KET_MAX_ITEMS + 1", &r, KET_E_RANGE, NO_ITEM,
	            NULL, ANY, ANY);
	/* The entries are not checked here: "every entry up to capacity"
	 * would be a loop over a length the bounded-loop rule has just
	 * refused, so the contract does not say which of the two wins. */

	/* Lengths come before the non-finite stage. */
	o.weight_kg = tu_nan();
	n = 99;
	st = ket_burst_schedule(&o, &lim, days, big, &n, NULL);
	ck_assert_msg(st == KET_E_RANGE, "capacity too big + NaN weight: %s",
	              ket_status_name(st));
	ck_assert_uint_eq(n, 0);
	free(days);
}
END_TEST

struct burst_err_row {
	const char *name;
	int lim;
	int response_day;
	double weight, conc, step;
	int route, form;
	ket_status want;
	int item;
	const char *field;
	double value, limit;
};

static const struct burst_err_row burst_err_rows[] = {
	/* The limits must set daily_hard_max_mg_per_24h (the default
	 * profile has none). */
	{ "default profile: no daily hard max", LIM_DEFAULT, 0, 70, 10, 0.1,
	  SC, RAC, KET_E_LIMITS, I_LIM, "daily_hard_max_mg_per_24h", 0, ANY },
	{ "pediatric profile: no daily hard max", LIM_PED, 0, 70, 5, 0.1, SC,
	  RAC, KET_E_LIMITS, I_LIM, "daily_hard_max_mg_per_24h", 0, ANY },
	{ "invalid limits (NaN field)", LIM_NAN_WEIGHT, 0, 70, 10, 0.1, SC,
	  RAC, KET_E_LIMITS, I_LIM, "weight_soft_min_kg", ANY, ANY },
	/* Routes: SC or IV only. */
	{ "route IM", LIM_PALL, 0, 70, 10, 0.1, IM, RAC, KET_E_ROUTE, I_ROUTE,
	  "route", ANY, ANY },
	{ "route oral", LIM_PALL, 0, 70, 10, 0.1, PO, RAC, KET_E_ROUTE, I_ROUTE,
	  "route", ANY, ANY },
	{ "route epidural", LIM_PALL, 0, 70, 10, 0.1, EPI, RAC, KET_E_ROUTE,
	  I_ROUTE, "route", ANY, ANY },
	{ "route 10", LIM_PALL, 0, 70, 10, 0.1, 10, RAC, KET_E_ROUTE, I_ROUTE,
	  "route", ANY, ANY },
	{ "route -1", LIM_PALL, 0, 70, 10, 0.1, -1, RAC, KET_E_ROUTE, I_ROUTE,
	  "route", ANY, ANY },
	/* Forms. */
	{ "form 3", LIM_PALL, 0, 70, 10, 0.1, SC, 3, KET_E_RANGE, I_FORM,
	  "form", ANY, ANY },
	{ "esketamine, racemic limits", LIM_PALL, 0, 70, 10, 0.1, SC, ESK,
	  KET_E_FORM, I_FORM, "form", ANY, ANY },
	/* response_day in {0, 1, 2, 3}. */
	{ "response day 4", LIM_PALL, 4, 70, 10, 0.1, SC, RAC, KET_E_RANGE,
	  I_RDAY, "response_day", 4, ANY },
	{ "response day -1", LIM_PALL, -1, 70, 10, 0.1, SC, RAC, KET_E_RANGE,
	  I_RDAY, "response_day", -1, ANY },
	{ "response day INT32_MIN", LIM_PALL, INT32_MIN, 70, 10, 0.1, SC, RAC,
	  KET_E_RANGE, I_RDAY, "response_day", ANY, ANY },
	/* Weight 0.5..350. */
	{ "weight 0.49", LIM_PALL, 1, 0.49, 10, 0, SC, RAC, KET_E_WEIGHT, I_WT,
	  "weight_kg", 0.49, 0.5 },
	{ "weight 350.01", LIM_PALL, 0, 350.01, 10, 0.1, SC, RAC,
	  KET_E_WEIGHT, I_WT, "weight_kg", 350.01, 350 },
	/* Concentration: 0.01..100 and the profile's 50. */
	{ "concentration 0.0099", LIM_PALL, 0, 70, 0.0099, 0, SC, RAC,
	  KET_E_CONCENTRATION, I_CONC, "concentration_mg_per_ml", 0.0099,
	  0.01 },
	{ "concentration 50.01 above the profile's 50", LIM_PALL, 0, 70, 50.01,
	  0, SC, RAC, KET_E_CONCENTRATION, I_CONC, "concentration_mg_per_ml",
	  50.01, 50 },
	{ "concentration 100.01", LIM_PALL_NOCONC, 0, 70, 100.01, 0, SC, RAC,
	  KET_E_CONCENTRATION, I_CONC, "concentration_mg_per_ml", 100.01,
	  100 },
	{ "IV 60 mg/mL without a profile maximum", LIM_PALL_NOCONC, 0, 70, 60,
	  0, IV, RAC, KET_E_CONTRAINDICATED, I_CONC, NULL, 60, 50 },
	/* Pump step 0 or (0, 10]. */
	{ "pump step 10.01", LIM_PALL, 0, 70, 10, 10.01, SC, RAC, KET_E_RANGE,
	  I_STEP, "pump_step_ml_per_h", 10.01, 10 },
	{ "pump step -0.1", LIM_PALL, 0, 70, 10, -0.1, SC, RAC, KET_E_RANGE,
	  I_STEP, "pump_step_ml_per_h", -0.1, ANY },
	/* Validation order. */
	{ "NaN weight + route IM", LIM_PALL, 0, (double)NAN, 10, 0.1, IM, RAC,
	  KET_E_NOT_FINITE, I_WT, "weight_kg", ANY, ANY },
	{ "Inf concentration + NaN step", LIM_PALL, 0, 70, (double)INFINITY,
	  (double)NAN, SC, RAC, KET_E_NOT_FINITE, I_CONC,
	  "concentration_mg_per_ml", ANY, ANY },
	{ "NaN step + no daily max", LIM_DEFAULT, 0, 70, 10, (double)NAN, SC,
	  RAC, KET_E_NOT_FINITE, I_STEP, "pump_step_ml_per_h", ANY, ANY },
	{ "no daily max + route IM", LIM_DEFAULT, 0, 70, 10, 0.1, IM, RAC,
	  KET_E_LIMITS, I_LIM, "daily_hard_max_mg_per_24h", ANY, ANY },
	{ "route IM + form 3", LIM_PALL, 0, 70, 10, 0.1, IM, 3, KET_E_ROUTE,
	  I_ROUTE, "route", ANY, ANY },
	{ "form 3 + response day 4", LIM_PALL, 4, 70, 10, 0.1, SC, 3,
	  KET_E_RANGE, I_FORM, "form", ANY, ANY },
	{ "form mismatch + response day 4", LIM_PALL, 4, 70, 10, 0.1, SC, ESK,
	  KET_E_FORM, I_FORM, "form", ANY, ANY },
	{ "response day 4 + weight 0", LIM_PALL, 4, 0, 10, 0.1, SC, RAC,
	  KET_E_RANGE, I_RDAY, "response_day", ANY, ANY },
	{ "weight 0 + concentration 0", LIM_PALL, 0, 0, 0, 0.1, SC, RAC,
	  KET_E_WEIGHT, I_WT, "weight_kg", 0, ANY },
	{ "concentration 0 + step 20", LIM_PALL, 0, 70, 0, 20, SC, RAC,
	  KET_E_CONCENTRATION, I_CONC, "concentration_mg_per_ml", 0, ANY },
	{ "IV 60 + step 20", LIM_PALL_NOCONC, 0, 70, 60, 20, IV, RAC,
	  KET_E_CONTRAINDICATED, I_CONC, NULL, 60, 50 },
};

START_TEST(test_burst_error)
{
	const struct burst_err_row *row = &burst_err_rows[_i];
	ket_burst_order o = burst_order(row->response_day, row->weight,
	                                row->conc, row->step, row->route,
	                                row->form);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99;
	ket_status st;

	make_limits(row->lim, &lim);
	days_prefill(days, CAP);
	garble(&r);
	st = ket_burst_schedule(&o, &lim, days, CAP, &n, &r);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	ck_assert_msg(n == 0, "%s: n_days %lu", row->name, (unsigned long)n);
	days_failsafe(row->name, days, CAP);
	expect_last(row->name, &r, (int)row->want, row->item, row->field,
	            row->value, row->limit);
	/* The same with a size query and without a report. */
	n = 99;
	st = ket_burst_schedule(&o, &lim, NULL, 0, &n, NULL);
	ck_assert_msg(st == row->want && n == 0, "%s (size query): %s, %lu",
	              row->name, ket_status_name(st), (unsigned long)n);
}
END_TEST

/* Each double field: NaN, +Inf, -Inf (3 fields x 3 values). */
START_TEST(test_burst_not_finite)
{
	static const char *const fields[3] = {
		"weight_kg", "concentration_mg_per_ml", "pump_step_ml_per_h"
	};
	static const int items[3] = { I_WT, I_CONC, I_STEP };
	double a[3] = { 70, 10, 0.1 };
	int k = _i / 3;
	ket_burst_order o;
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99;
	ket_status st;
	char label[64];

	a[k] = nonfinite[_i % 3];
	o = burst_order(0, a[0], a[1], a[2], SC, RAC);
	snprintf(label, sizeof label, "%s = %g", fields[k], a[k]);
	make_limits(LIM_PALL, &lim);
	days_prefill(days, CAP);
	garble(&r);
	st = ket_burst_schedule(&o, &lim, days, CAP, &n, &r);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s: %s", label,
	              ket_status_name(st));
	ck_assert_uint_eq(n, 0);
	days_failsafe(label, days, CAP);
	expect_last(label, &r, KET_E_NOT_FINITE, items[k], fields[k], ANY,
	            ANY);
}
END_TEST

START_TEST(test_burst_null)
{
	ket_burst_order o = burst_order(0, 70, 10, 0.1, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n;

	make_limits(LIM_PALL, &lim);

	n = 99;
	days_prefill(days, CAP);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(NULL, &lim, days, CAP, &n, &r),
	                 KET_E_NULL);
	ck_assert_uint_eq(n, 0);
	days_failsafe("order NULL", days, CAP);
	expect_last("order NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	n = 99;
	days_prefill(days, CAP);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, NULL, days, CAP, &n, &r),
	                 KET_E_NULL);
	ck_assert_uint_eq(n, 0);
	days_failsafe("limits NULL", days, CAP);
	expect_last("limits NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	days_prefill(days, CAP);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, NULL, &r),
	                 KET_E_NULL);
	days_failsafe("n_days NULL", days, CAP);
	expect_last("n_days NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	n = 99;
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, NULL, 3, &n, &r),
	                 KET_E_NULL);
	ck_assert_uint_eq(n, 0);
	expect_last("days NULL, capacity 3", &r, KET_E_NULL, I_NONE, NULL, ANY,
	            ANY);

	/* NULL before a NaN field. */
	o.weight_kg = tu_nan();
	n = 99;
	ck_assert_int_eq(ket_burst_schedule(&o, NULL, NULL, 0, &n, NULL),
	                 KET_E_NULL);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* =============================================== ket_oral_conversion */

static ket_oral_order oral_order(double parenteral, int from, int to,
				 double ratio, int doses, double step,
				 double solution, int form)
{
	ket_oral_order o;

	memset(&o, 0, sizeof o);
	o.parenteral_mg_per_24h = parenteral;
	o.from = from;
	o.to = to;
	o.ratio_oral_per_parenteral = ratio;
	o.doses_per_24h = doses;
	o.dose_step_mg = step;
	o.solution_mg_per_ml = solution;
	o.form = form;
	return o;
}

static void oral_prefill(ket_oral_regimen *g)
{
	g->mg_per_dose = TU_UNSET;
	g->ml_per_dose = TU_UNSET;
	g->mg_per_24h = TU_UNSET;
	g->exposure_comparison_mg_per_24h = TU_UNSET;
	g->warnings = UINT32_C(0xffffffff);
}

static void oral_failsafe(const char *label, const ket_oral_regimen *g)
{
	ck_assert_msg(isnan(g->mg_per_dose), "%s: mg_per_dose %.17g", label,
	              g->mg_per_dose);
	ck_assert_msg(isnan(g->ml_per_dose), "%s: ml_per_dose %.17g", label,
	              g->ml_per_dose);
	ck_assert_msg(isnan(g->mg_per_24h), "%s: mg_per_24h %.17g", label,
	              g->mg_per_24h);
	ck_assert_msg(isnan(g->exposure_comparison_mg_per_24h),
	              "%s: exposure %.17g", label,
	              g->exposure_comparison_mg_per_24h);
	ck_assert_msg(g->warnings == 0, "%s: warnings 0x%lx", label,
	              (unsigned long)g->warnings);
}

/*
 * x = parenteral x ratio / doses; with a step, n = floor(x / step + 0.5)
 * and mg_per_dose = n x step; ml = mg / solution; mg_per_24h = mg x doses;
 * exposure = parenteral x F_from / F_to (with norketamine: IV 1, IM 0.93,
 * SC 0.90, oral and sublingual 0.55).  Default profile: oral soft 240,
 * hard 800 mg/24 h.  Every result carries KET_W_VARIABLE_ROUTE.
 */
struct oral_ok_row {
	const char *name;
	int lim;
	double parenteral;
	int from, to;
	double ratio;
	int doses;
	double step, solution;
	int form;
	double want_dose, want_ml, want_24h, want_exposure;
	uint32_t want_warnings;
};

static const struct oral_ok_row oral_ok_rows[] = {
	/* API.md worked example: 100 / 3 = 33.33 / 5 = 6.67 -> 7 steps =
	 * 35 mg (5 % off: rounded), 3.5 mL, 105 mg/24 h; exposure
	 * 100 x 0.90 / 0.55 = 163.64. */
	{ "worked example SC -> oral", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 10,
	  RAC, 35, 3.5, 105, 100 * F_SC / F_PO, W_RND | W_VAR },
	{ "SC -> sublingual", LIM_DEFAULT, 100, SC, SL, 1, 3, 5, 10, RAC, 35,
	  3.5, 105, 100 * F_SC / F_SL, W_RND | W_VAR },
	/* 100 x 1.0 / 0.55 = 181.82. */
	{ "IV -> oral", LIM_DEFAULT, 100, IV, PO, 1, 3, 5, 10, RAC, 35, 3.5,
	  105, 100 * F_IV / F_PO, W_RND | W_VAR },
	{ "IV -> sublingual", LIM_DEFAULT, 100, IV, SL, 1, 3, 5, 10, RAC, 35,
	  3.5, 105, 100 * F_IV / F_SL, W_RND | W_VAR },
	/* 100 x 0.93 / 0.55 = 169.09. */
	{ "IM -> oral", LIM_DEFAULT, 100, IM, PO, 1, 3, 5, 10, RAC, 35, 3.5,
	  105, 100 * F_IM / F_PO, W_RND | W_VAR },
	/* No step: 33.333 mg, 3.3333 mL, 100 mg/24 h. */
	{ "step 0: no rounding", LIM_DEFAULT, 100, SC, PO, 1, 3, 0, 10, RAC,
	  100.0 / 3.0, 10.0 / 3.0, 100, 100 * F_SC / F_PO, W_VAR },
	{ "step -0.0 is 0", LIM_DEFAULT, 100, SC, PO, 1, 3, -0.0, 10, RAC,
	  100.0 / 3.0, 10.0 / 3.0, 100, 100 * F_SC / F_PO, W_VAR },
	/* 33.333 / 0.5 = 66.67 -> 67 = 33.5 mg (0.5 %): 3.35 mL, 100.5. */
	{ "step 0.5", LIM_DEFAULT, 100, SC, PO, 1, 3, 0.5, 10, RAC, 33.5, 3.35,
	  100.5, 100 * F_SC / F_PO, W_VAR },
	/* 100 / 2 = 50 = 1 step of 50. */
	{ "step 50", LIM_DEFAULT, 100, SC, PO, 1, 2, 50, 10, RAC, 50, 5, 100,
	  100 * F_SC / F_PO, W_VAR },
	/* 100 x 0.1 = 10 mg, 1 mL; the exposure ignores the ratio. */
	{ "ratio 0.1", LIM_DEFAULT, 100, SC, PO, 0.1, 1, 0, 10, RAC, 10, 1, 10,
	  100 * F_SC / F_PO, W_VAR },
	/* 400 x 2 = 800 = the oral hard max: accepted; above the soft 240
	 * and a ratio above 1: one bit, two findings.  800 / 50 = 16 mL;
	 * exposure 400 x 0.9 / 0.55 = 654.55. */
	{ "ratio 2 at the oral hard max", LIM_DEFAULT, 400, SC, PO, 2, 1, 0,
	  50, RAC, 800, 16, 800, 400 * F_SC / F_PO, W_MAX | W_VAR },
	/* 800 / 3 x 3 is 800 within last-bit error: at the hard max. */
	{ "800 / 3 x 3 at the oral hard max", LIM_DEFAULT, 800, SC, PO, 1, 3,
	  0, 10, RAC, 800.0 / 3.0, 80.0 / 3.0, 800, 800 * F_SC / F_PO,
	  W_MAX | W_VAR },
	/* 100 x 1.01 = 101 mg: ratio above 1 warns. */
	{ "ratio 1.01", LIM_DEFAULT, 100, SC, PO, 1.01, 1, 0, 10, RAC, 101,
	  10.1, 101, 100 * F_SC / F_PO, W_MAX | W_VAR },
	/* 120 / 6 = 20 mg = 4 steps of 5: 2 mL, 120. */
	{ "6 doses", LIM_DEFAULT, 120, SC, PO, 1, 6, 5, 10, RAC, 20, 2, 120,
	  120 * F_SC / F_PO, W_VAR },
	{ "1 dose", LIM_DEFAULT, 100, SC, PO, 1, 1, 0, 10, RAC, 100, 10, 100,
	  100 * F_SC / F_PO, W_VAR },
	/* 240 / 3 = 80 mg, 8 mL, 240 = the soft max: no warning. */
	{ "at the oral soft max 240", LIM_DEFAULT, 240, SC, PO, 1, 3, 0, 10,
	  RAC, 80, 8, 240, 240 * F_SC / F_PO, W_VAR },
	/* (240 / 0.7) x 0.7 / 3 x 3 is 240 within last-bit error. */
	{ "240 via ratio 0.7: at the soft max", LIM_DEFAULT, 240.0 / 0.7, SC,
	  PO, 0.7, 3, 0, 10, RAC, 80, 8, 240, 240.0 / 0.7 * F_SC / F_PO,
	  W_VAR },
	/* 240.3 / 3 = 80.1 mg, 8.01 mL, 240.3 > 240. */
	{ "above the oral soft max", LIM_DEFAULT, 240.3, SC, PO, 1, 3, 0, 10,
	  RAC, 80.1, 8.01, 240.3, 240.3 * F_SC / F_PO, W_MAX | W_VAR },
	/* 200 / 49.5 = 4.04 -> 4 = 198 mg: |198 - 200| / 200 = 1 % exactly:
	 * not above the warning threshold. */
	{ "rounding exactly 1 %", LIM_DEFAULT, 200, SC, PO, 1, 1, 49.5, 10, RAC,
	  198, 19.8, 198, 200 * F_SC / F_PO, W_VAR },
	/* 99 / 50 = 1.98 -> 2 = 100 mg: 1 / 99 = 1.0101 %. */
	{ "rounding 1.01 % warns", LIM_DEFAULT, 99, SC, PO, 1, 1, 50, 10, RAC,
	  100, 10, 100, 99 * F_SC / F_PO, W_RND | W_VAR },
	/* 101 / 50 = 2.02 -> 2 = 100 mg: 1 / 101 = 0.99 %. */
	{ "rounding 0.99 % does not", LIM_DEFAULT, 101, SC, PO, 1, 1, 50, 10,
	  RAC, 100, 10, 100, 101 * F_SC / F_PO, W_VAR },
	/* 100 / 45 = 2.22 -> 2 = 90 mg: exactly 10 %: warned, not refused. */
	{ "rounding exactly 10 %", LIM_DEFAULT, 100, SC, PO, 1, 1, 45, 10, RAC,
	  90, 9, 90, 100 * F_SC / F_PO, W_RND | W_VAR },
	/* 100 / 45.1 = 2.217 -> 2 = 90.2 mg: 9.8 %. */
	{ "rounding 9.8 %", LIM_DEFAULT, 100, SC, PO, 1, 1, 45.1, 10, RAC,
	  90.2, 9.02, 90.2, 100 * F_SC / F_PO, W_RND | W_VAR },
	/* 95 / 3 = 31.67 / 5 = 6.33 -> 6 = 30 mg (5.3 % down), 90 / 24 h. */
	{ "rounding down 5.3 %", LIM_DEFAULT, 95, SC, PO, 1, 3, 5, 10, RAC, 30,
	  3, 90, 95 * F_SC / F_PO, W_RND | W_VAR },
	/* 102.5 / 5 = 20.5: half a step rounds up -> 21 = 105 (2.4 %). */
	{ "half a step rounds up", LIM_DEFAULT, 102.5, SC, PO, 1, 1, 5, 10,
	  RAC, 105, 10.5, 105, 102.5 * F_SC / F_PO, W_RND | W_VAR },
	/* 73.5 x 0.7 = 51.45 / 2.1 = 24.4999999999999964 in doubles: a half
	 * step, so 25 steps = 52.5 mg (2 %), never 24 = 50.4. */
	{ "half a step just below .5 in doubles", LIM_DEFAULT, 73.5, SC, PO,
	  0.7, 1, 2.1, 10, RAC, 52.5, 5.25, 52.5, 73.5 * F_SC / F_PO,
	  W_RND | W_VAR },
	/* The ratio is typed: compared exactly, 1 + 1e-12 warns. */
	{ "ratio 1 + 1e-12 warns (exact)", LIM_DEFAULT, 100, SC, PO,
	  1.0 + 1e-12, 1, 0, 10, RAC, 100.0 * (1.0 + 1e-12),
	  10.0 * (1.0 + 1e-12), 100.0 * (1.0 + 1e-12), 100 * F_SC / F_PO,
	  W_MAX | W_VAR },
	/* 790 / 50 = 15.8 -> 16 = 800 = the hard max (1.3 % off). */
	{ "rounded up to the oral hard max", LIM_DEFAULT, 790, SC, PO, 1, 1, 50,
	  50, RAC, 800, 16, 800, 790 * F_SC / F_PO, W_RND | W_MAX | W_VAR },
	/* 30 / 6 = 5 mg / 100 mg/mL = 0.05 mL < 0.1. */
	{ "0.05 mL per dose: small volume", LIM_DEFAULT, 30, SC, PO, 1, 6, 0,
	  100, RAC, 5, 0.05, 30, 30 * F_SC / F_PO, W_VAR | W_SMALL },
	/* 60 / 6 = 10 mg / 100 = 0.1 mL: at the threshold. */
	{ "0.1 mL per dose", LIM_DEFAULT, 60, SC, PO, 1, 6, 0, 100, RAC, 10,
	  0.1, 60, 60 * F_SC / F_PO, W_VAR },
	/* Solution 0.01..100 only: 1 mg / 0.01 = 100 mL. */
	{ "solution 0.01 mg/mL", LIM_DEFAULT, 1, SC, PO, 1, 1, 0, 0.01, RAC, 1,
	  100, 1, 1 * F_SC / F_PO, W_VAR },
	{ "solution 100 mg/mL", LIM_DEFAULT, 100, SC, PO, 1, 1, 0, 100, RAC,
	  100, 1, 100, 100 * F_SC / F_PO, W_VAR },
	/* The profile's 5 mg/mL maximum is for parenteral containers. */
	{ "solution 50 mg/mL, profile max 5", LIM_DEFAULT, 100, SC, PO, 1, 2, 0,
	  50, RAC, 50, 1, 100, 100 * F_SC / F_PO, W_VAR },
	{ "esketamine", LIM_ESK, 100, SC, PO, 1, 3, 5, 10, ESK, 35, 3.5, 105,
	  100 * F_SC / F_PO, W_RND | W_VAR },
	/* Pediatric oral soft 60. */
	{ "pediatric at the soft max 60", LIM_PED, 60, SC, PO, 1, 3, 0, 10, RAC,
	  20, 2, 60, 60 * F_SC / F_PO, W_VAR },
	{ "pediatric 61 above the soft max", LIM_PED, 61, SC, PO, 1, 3, 0, 10,
	  RAC, 61.0 / 3.0, 6.1 / 3.0, 61, 61 * F_SC / F_PO, W_MAX | W_VAR },
};

START_TEST(test_oral_ok)
{
	const struct oral_ok_row *row = &oral_ok_rows[_i];
	ket_oral_order o = oral_order(row->parenteral, row->from, row->to,
	                              row->ratio, row->doses, row->step,
	                              row->solution, row->form);
	ket_limits lim;
	ket_oral_regimen g;
	ket_report r;
	ket_status st;

	make_limits(row->lim, &lim);
	oral_prefill(&g);
	garble(&r);
	st = ket_oral_conversion(&o, &lim, &g, &r);
	ck_assert_msg(st == KET_OK, "%s: %s", row->name, ket_status_name(st));
	expect_close(row->name, "mg_per_dose", g.mg_per_dose, row->want_dose);
	expect_close(row->name, "ml_per_dose", g.ml_per_dose, row->want_ml);
	expect_close(row->name, "mg_per_24h", g.mg_per_24h, row->want_24h);
	expect_close(row->name, "exposure_comparison_mg_per_24h",
	             g.exposure_comparison_mg_per_24h, row->want_exposure);
	ck_assert_msg(g.warnings == row->want_warnings,
	              "%s: warnings 0x%lx, want 0x%lx", row->name,
	              (unsigned long)g.warnings,
	              (unsigned long)row->want_warnings);
	expect_warnings_only(row->name, &r, g.warnings);
	oral_prefill(&g);
	st = ket_oral_conversion(&o, &lim, &g, NULL);
	ck_assert_msg(st == KET_OK, "%s (no report): %s", row->name,
	              ket_status_name(st));
	expect_close(row->name, "mg_per_dose", g.mg_per_dose, row->want_dose);
}
END_TEST

struct oral_err_row {
	const char *name;
	int lim;
	double parenteral;
	int from, to;
	double ratio;
	int doses;
	double step, solution;
	int form;
	ket_status want;
	int item;
	const char *field;
	double value, limit;
};

#define PAR "parenteral_mg_per_24h"
#define RATIO "ratio_oral_per_parenteral"
#define DOSES "doses_per_24h"
#define STEP "dose_step_mg"
#define SOL "solution_mg_per_ml"
#define OHARD "oral_hard_max_mg_per_24h"

static const struct oral_err_row oral_err_rows[] = {
	/* parenteral > 0. */
	{ "parenteral 0", LIM_DEFAULT, 0, SC, PO, 1, 3, 5, 10, RAC, KET_E_DOSE,
	  I_DOSE, PAR, 0, ANY },
	{ "parenteral -0.0", LIM_DEFAULT, -0.0, SC, PO, 1, 3, 5, 10, RAC,
	  KET_E_DOSE, I_DOSE, PAR, 0, ANY },
	{ "parenteral -100", LIM_DEFAULT, -100, SC, PO, 1, 3, 5, 10, RAC,
	  KET_E_DOSE, I_DOSE, PAR, -100, ANY },
	/* from: IV, IM or SC. */
	{ "from oral", LIM_DEFAULT, 100, PO, PO, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "from", ANY, ANY },
	{ "from sublingual", LIM_DEFAULT, 100, SL, PO, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "from intranasal", LIM_DEFAULT, 100, IN, PO, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "from rectal", LIM_DEFAULT, 100, PR, PO, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "from transdermal", LIM_DEFAULT, 100, TD, PO, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "from epidural", LIM_DEFAULT, 100, EPI, PO, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "from intrathecal", LIM_DEFAULT, 100, ITH, PO, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "from 10", LIM_DEFAULT, 100, 10, PO, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "from", ANY, ANY },
	{ "from -1", LIM_DEFAULT, 100, -1, PO, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "from", ANY, ANY },
	/* to: oral or sublingual. */
	{ "to IV", LIM_DEFAULT, 100, SC, IV, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "to", ANY, ANY },
	{ "to IM", LIM_DEFAULT, 100, SC, IM, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "to", ANY, ANY },
	{ "to SC", LIM_DEFAULT, 100, SC, SC, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "to", ANY, ANY },
	{ "to intranasal", LIM_DEFAULT, 100, SC, IN, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "to", ANY, ANY },
	{ "to rectal", LIM_DEFAULT, 100, SC, PR, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "to", ANY, ANY },
	{ "to transdermal", LIM_DEFAULT, 100, SC, TD, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "to", ANY, ANY },
	{ "to epidural", LIM_DEFAULT, 100, SC, EPI, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "to", ANY, ANY },
	{ "to intrathecal", LIM_DEFAULT, 100, SC, ITH, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "to", ANY, ANY },
	{ "to 10", LIM_DEFAULT, 100, SC, 10, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "to", ANY, ANY },
	{ "to -1", LIM_DEFAULT, 100, SC, -1, 1, 3, 5, 10, RAC, KET_E_ROUTE,
	  I_ROUTE, "to", ANY, ANY },
	/* Forms. */
	{ "form 3", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 10, 3, KET_E_RANGE,
	  I_FORM, "form", ANY, ANY },
	{ "form -1", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 10, -1, KET_E_RANGE,
	  I_FORM, "form", ANY, ANY },
	{ "esketamine, racemic limits", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 10,
	  ESK, KET_E_FORM, I_FORM, "form", ANY, ANY },
	/* Ratio [0.1, 2]. */
	{ "ratio 0.0999", LIM_DEFAULT, 100, SC, PO, 0.0999, 1, 0, 10, RAC,
	  KET_E_RANGE, I_RATIO, RATIO, 0.0999, 0.1 },
	{ "ratio 2.01", LIM_DEFAULT, 100, SC, PO, 2.01, 1, 0, 10, RAC,
	  KET_E_RANGE, I_RATIO, RATIO, 2.01, 2 },
	{ "ratio 0", LIM_DEFAULT, 100, SC, PO, 0, 1, 0, 10, RAC, KET_E_RANGE,
	  I_RATIO, RATIO, 0, 0.1 },
	{ "ratio -1", LIM_DEFAULT, 100, SC, PO, -1, 1, 0, 10, RAC, KET_E_RANGE,
	  I_RATIO, RATIO, -1, 0.1 },
	{ "ratio 2 (1 + 1e-12)", LIM_DEFAULT, 100, SC, PO, 2.0 * (1.0 + 1e-12),
	  1, 0, 10, RAC, KET_E_RANGE, I_RATIO, RATIO, 2.0 * (1.0 + 1e-12), 2 },
	/* Doses 1-6. */
	{ "doses 0", LIM_DEFAULT, 100, SC, PO, 1, 0, 5, 10, RAC, KET_E_RANGE,
	  I_DOSES, DOSES, 0, 1 },
	{ "doses 7", LIM_DEFAULT, 100, SC, PO, 1, 7, 5, 10, RAC, KET_E_RANGE,
	  I_DOSES, DOSES, 7, 6 },
	{ "doses -1", LIM_DEFAULT, 100, SC, PO, 1, -1, 5, 10, RAC, KET_E_RANGE,
	  I_DOSES, DOSES, -1, 1 },
	{ "doses INT32_MAX", LIM_DEFAULT, 100, SC, PO, 1, INT32_MAX, 5, 10, RAC,
	  KET_E_RANGE, I_DOSES, DOSES, ANY, ANY },
	/* Step 0 or [0.5, 50]. */
	{ "step 0.49", LIM_DEFAULT, 100, SC, PO, 1, 3, 0.49, 10, RAC,
	  KET_E_RANGE, I_STEP, STEP, 0.49, 0.5 },
	{ "step 50.01", LIM_DEFAULT, 100, SC, PO, 1, 3, 50.01, 10, RAC,
	  KET_E_RANGE, I_STEP, STEP, 50.01, 50 },
	{ "step 0.1", LIM_DEFAULT, 100, SC, PO, 1, 3, 0.1, 10, RAC,
	  KET_E_RANGE, I_STEP, STEP, 0.1, 0.5 },
	{ "step -0.5", LIM_DEFAULT, 100, SC, PO, 1, 3, -0.5, 10, RAC,
	  KET_E_RANGE, I_STEP, STEP, -0.5, ANY },
	{ "step 0.5 (1 - 1e-12)", LIM_DEFAULT, 100, SC, PO, 1, 3,
	  0.5 * (1.0 - 1e-12), 10, RAC, KET_E_RANGE, I_STEP, STEP,
	  0.5 * (1.0 - 1e-12), 0.5 },
	/* Solution 0.01..100. */
	{ "solution 0.0099", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 0.0099, RAC,
	  KET_E_CONCENTRATION, I_CONC, SOL, 0.0099, 0.01 },
	{ "solution 100.01", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 100.01, RAC,
	  KET_E_CONCENTRATION, I_CONC, SOL, 100.01, 100 },
	{ "solution 0", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, 0, RAC,
	  KET_E_CONCENTRATION, I_CONC, SOL, 0, 0.01 },
	{ "solution -10", LIM_DEFAULT, 100, SC, PO, 1, 3, 5, -10, RAC,
	  KET_E_CONCENTRATION, I_CONC, SOL, -10, 0.01 },
	/* Resolution: 100 x 0.1 / 6 = 1.67 mg / 50 = 0.03 -> 0 steps. */
	{ "rounds to 0", LIM_DEFAULT, 100, SC, PO, 0.1, 6, 50, 10, RAC,
	  KET_E_RESOLUTION, I_RND, STEP, ANY, ANY },
	/* 100 / 3 = 33.3 / 50 = 0.67 -> 1 step = 50 mg: 50 % off. */
	{ "rounding 50 %", LIM_DEFAULT, 100, SC, PO, 1, 3, 50, 10, RAC,
	  KET_E_RESOLUTION, I_RND, STEP, 50, 10 },
	/* 100 / 44.9 = 2.23 -> 2 = 89.8 mg: 10.2 % off. */
	{ "rounding 10.2 %", LIM_DEFAULT, 100, SC, PO, 1, 1, 44.9, 10, RAC,
	  KET_E_RESOLUTION, I_RND, STEP, 10.2, 10 },
	/* Oral hard max 800: 400.01 x 2 = 800.02. */
	{ "800.02 mg/24 h above the hard max", LIM_DEFAULT, 400.01, SC, PO, 2,
	  1, 0, 50, RAC, KET_E_HARD_LIMIT, I_DAY, OHARD, 800.02, 800 },
	/* 810 / 20 = 40.5 -> 41 steps = 820 mg > 800: judged after
	 * rounding. */
	{ "rounded up above the hard max", LIM_DEFAULT, 810, SC, PO, 1, 1, 20,
	  50, RAC, KET_E_HARD_LIMIT, I_DAY, OHARD, 820, 800 },
	{ "pediatric 201 above the hard max 200", LIM_PED, 201, SC, PO, 1, 1,
	  0, 10, RAC, KET_E_HARD_LIMIT, I_DAY, OHARD, 201, 200 },
	/* Limits. */
	{ "limits without an oral maximum", LIM_NO_ORAL, 100, SC, PO, 1, 3, 5,
	  10, RAC, KET_E_LIMITS, I_LIM, OHARD, 0, ANY },
	{ "limits with a NaN field", LIM_NAN_WEIGHT, 100, SC, PO, 1, 3, 5, 10,
	  RAC, KET_E_LIMITS, I_LIM, "weight_soft_min_kg", ANY, ANY },
	/* Validation order. */
	{ "NaN parenteral + from oral", LIM_DEFAULT, (double)NAN, PO, PO, 1, 3,
	  5, 10, RAC, KET_E_NOT_FINITE, I_DOSE, PAR, ANY, ANY },
	{ "Inf ratio + NaN solution", LIM_DEFAULT, 100, SC, PO,
	  (double)INFINITY, 3, 5, (double)NAN, RAC, KET_E_NOT_FINITE, I_RATIO,
	  RATIO, ANY, ANY },
	{ "NaN step + bad limits", LIM_NO_ORAL, 100, SC, PO, 1, 3, (double)NAN,
	  10, RAC, KET_E_NOT_FINITE, I_STEP, STEP, ANY, ANY },
	{ "bad limits + from oral", LIM_NO_ORAL, 100, PO, PO, 1, 3, 5, 10, RAC,
	  KET_E_LIMITS, I_LIM, OHARD, ANY, ANY },
	{ "from oral + to IV", LIM_DEFAULT, 100, PO, IV, 1, 3, 5, 10, RAC,
	  KET_E_ROUTE, I_ROUTE, "from", ANY, ANY },
	{ "to IV + form 3", LIM_DEFAULT, 100, SC, IV, 1, 3, 5, 10, 3,
	  KET_E_ROUTE, I_ROUTE, "to", ANY, ANY },
	{ "form 3 + parenteral 0", LIM_DEFAULT, 0, SC, PO, 1, 3, 5, 10, 3,
	  KET_E_RANGE, I_FORM, "form", ANY, ANY },
	{ "form mismatch + parenteral 0", LIM_DEFAULT, 0, SC, PO, 1, 3, 5, 10,
	  ESK, KET_E_FORM, I_FORM, "form", ANY, ANY },
	{ "parenteral 0 + ratio 5", LIM_DEFAULT, 0, SC, PO, 5, 3, 5, 10, RAC,
	  KET_E_DOSE, I_DOSE, PAR, 0, ANY },
	{ "ratio 5 + doses 0", LIM_DEFAULT, 100, SC, PO, 5, 0, 5, 10, RAC,
	  KET_E_RANGE, I_RATIO, RATIO, 5, 2 },
	{ "doses 0 + step 0.1", LIM_DEFAULT, 100, SC, PO, 1, 0, 0.1, 10, RAC,
	  KET_E_RANGE, I_DOSES, DOSES, 0, 1 },
	{ "step 0.1 + solution 0", LIM_DEFAULT, 100, SC, PO, 1, 3, 0.1, 0, RAC,
	  KET_E_RANGE, I_STEP, STEP, 0.1, 0.5 },
	{ "solution 0 + rounds to 0", LIM_DEFAULT, 100, SC, PO, 0.1, 6, 50, 0,
	  RAC, KET_E_CONCENTRATION, I_CONC, SOL, 0, 0.01 },
	/* Pediatric: 360 / 6 = 60 / 50 = 1.2 -> 1 step = 50 mg (16.7 %
	 * off); 6 x 50 = 300 > 200 too, but rounding is judged first. */
	{ "resolution before the hard max", LIM_PED, 360, SC, PO, 1, 6, 50, 10,
	  RAC, KET_E_RESOLUTION, I_RND, STEP, 100.0 / 6.0, 10 },
};

START_TEST(test_oral_error)
{
	const struct oral_err_row *row = &oral_err_rows[_i];
	ket_oral_order o = oral_order(row->parenteral, row->from, row->to,
	                              row->ratio, row->doses, row->step,
	                              row->solution, row->form);
	ket_limits lim;
	ket_oral_regimen g;
	ket_report r;
	ket_status st;

	make_limits(row->lim, &lim);
	oral_prefill(&g);
	garble(&r);
	st = ket_oral_conversion(&o, &lim, &g, &r);
	ck_assert_msg(st == row->want, "%s: %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->want));
	oral_failsafe(row->name, &g);
	expect_last(row->name, &r, (int)row->want, row->item, row->field,
	            row->value, row->limit);
	oral_prefill(&g);
	st = ket_oral_conversion(&o, &lim, &g, NULL);
	ck_assert_msg(st == row->want, "%s (no report): %s", row->name,
	              ket_status_name(st));
	oral_failsafe(row->name, &g);
}
END_TEST

/* Each double field: NaN, +Inf, -Inf (4 fields x 3 values). */
START_TEST(test_oral_not_finite)
{
	static const char *const fields[4] = { PAR, RATIO, STEP, SOL };
	static const int items[4] = { I_DOSE, I_RATIO, I_STEP, I_CONC };
	double a[4] = { 100, 1, 5, 10 };
	int k = _i / 3;
	ket_oral_order o;
	ket_limits lim;
	ket_oral_regimen g;
	ket_report r;
	ket_status st;
	char label[64];

	a[k] = nonfinite[_i % 3];
	o = oral_order(a[0], SC, PO, a[1], 3, a[2], a[3], RAC);
	snprintf(label, sizeof label, "%s = %g", fields[k], a[k]);
	make_limits(LIM_DEFAULT, &lim);
	oral_prefill(&g);
	garble(&r);
	st = ket_oral_conversion(&o, &lim, &g, &r);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s: %s", label,
	              ket_status_name(st));
	oral_failsafe(label, &g);
	expect_last(label, &r, KET_E_NOT_FINITE, items[k], fields[k], ANY,
	            ANY);
}
END_TEST

START_TEST(test_oral_null)
{
	ket_oral_order o = oral_order(100, SC, PO, 1, 3, 5, 10, RAC);
	ket_limits lim;
	ket_oral_regimen g;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	oral_prefill(&g);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(NULL, &lim, &g, &r), KET_E_NULL);
	oral_failsafe("order NULL", &g);
	expect_last("order NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	oral_prefill(&g);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, NULL, &g, &r), KET_E_NULL);
	oral_failsafe("limits NULL", &g);
	expect_last("limits NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, NULL, &r), KET_E_NULL);
	expect_last("out NULL", &r, KET_E_NULL, I_NONE, NULL, ANY, ANY);

	o.parenteral_mg_per_24h = tu_nan();
	oral_prefill(&g);
	ck_assert_int_eq(ket_oral_conversion(&o, NULL, &g, NULL), KET_E_NULL);
	oral_failsafe("limits NULL + NaN", &g);
}
END_TEST

START_TEST(test_oral_findings)
{
	ket_oral_order o;
	ket_limits lim;
	ket_oral_regimen g;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);

	/* Worked example: rounded by 5 % (value and limit in %), then the
	 * variable route, and nothing else. */
	o = oral_order(100, SC, PO, 1, 3, 5, 10, RAC);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	/* |35 - 33.333| / 33.333 = 5 %. */
	expect_finding("worked example", &r, 0, KET_OK, W_RND, I_RND, STEP, 5,
	               1);
	expect_finding("worked example", &r, 1, KET_OK, W_VAR, I_ROUTE, NULL,
	               ANY, ANY);
	/* API.md's printed figure: 163.6 mg/24 h. */
	ck_assert(tu_close(g.exposure_comparison_mg_per_24h, 163.6, 0, 0.05));

	/* 400 x 2 = 800: the 24 h soft maximum, then the ratio, then the
	 * route, in the order the contract lists them. */
	o = oral_order(400, SC, PO, 2, 1, 0, 50, RAC);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	ck_assert_uint_eq(r.count, 3);
	expect_finding("ratio 2", &r, 0, KET_OK, W_MAX, I_DAY,
	               "oral_soft_max_mg_per_24h", 800, 240);
	expect_finding("ratio 2", &r, 1, KET_OK, W_MAX, I_RATIO, RATIO, 2, 1);
	expect_finding("ratio 2", &r, 2, KET_OK, W_VAR, I_ROUTE, NULL, ANY,
	               ANY);

	/* Ratio 1.01 alone. */
	o = oral_order(100, SC, PO, 1.01, 1, 0, 10, RAC);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("ratio 1.01", &r, 0, KET_OK, W_MAX, I_RATIO, RATIO,
	               1.01, 1);
	expect_finding("ratio 1.01", &r, 1, KET_OK, W_VAR, I_ROUTE, NULL, ANY,
	               ANY);

	/* 0.05 mL per dose: the route, then the small volume naming the
	 * output field ml_per_dose. */
	o = oral_order(30, SC, PO, 1, 6, 0, 100, RAC);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("small volume", &r, 0, KET_OK, W_VAR, I_ROUTE, NULL,
	               ANY, ANY);
	expect_finding("small volume", &r, 1, KET_OK, W_SMALL, I_VOL,
	               "ml_per_dose", 0.05, 0.1);

	/* Rounded up to 820 mg and refused: the rounding warning found
	 * before stays, the refusal is last.  10 / 810 = 1.23 %. */
	o = oral_order(810, SC, PO, 1, 1, 20, 50, RAC);
	oral_prefill(&g);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r),
	                 KET_E_HARD_LIMIT);
	oral_failsafe("820 refused", &g);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("820 refused", &r, 0, KET_OK, W_RND, I_RND, STEP,
	               1000.0 / 810.0, 1);
	expect_last("820 refused", &r, KET_E_HARD_LIMIT, I_DAY, OHARD, 820,
	            800);
}
END_TEST

/* ============================================================ suite */

/* Review finding: with the report full of warnings, the burst refusal
 * was counted as dropped and never recorded.  A refusal is always the
 * last finding. */
START_TEST(test_review_burst_refusal_last)
{
	ket_limits l;
	ket_burst_order o = { 0, 200.0, 50.0, 0.03, KET_ROUTE_SC,
	                      KET_FORM_RACEMIC };
	ket_burst_day days[5];
	ket_report rep;
	size_t n = 99;

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_PALLIATIVE_BURST,
	                                        &l), KET_OK);
	l.infusion_soft_min_mg_per_kg_per_h = 0.2;
	l.infusion_hard_max_mg_per_kg_per_h = 1.0;
	l.daily_soft_max_mg_per_24h = 0.0;
	l.daily_hard_max_mg_per_24h = 400.0;
	l.concentration_max_mg_per_ml = 50.0;
	ck_assert_int_eq(ket_burst_schedule(&o, &l, days, 5, &n, &rep),
	                 KET_E_HARD_LIMIT);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_ge(rep.count, 1);
	ck_assert_int_eq(rep.findings[rep.count - 1].status,
	                 KET_E_HARD_LIMIT);
	ck_assert_str_eq(rep.findings[rep.count - 1].field,
	                 "daily_hard_max_mg_per_24h");
}
END_TEST

/* ========================================================= coverage */

/* bolus_soft_max_mg_per_kg and bolus_soft_max_mg 0 mean none.  140 kg,
 * 30 mg every 10 min, 1-hour limit 40 mg: n1 = min(ceil(6 - 1e-9) = 6,
 * floor(40 / 30 + 1e-9) = 1) = 1 -> 30 mg/h; n4 = min(ceil(24 - 1e-9),
 * 4 x 1) = 4 -> 120 mg/4 h; 30 / 140 = 0.2142857 mg/kg/h (PCA hard 0.5).
 * The bolus, 0.214 mg/kg and 30 mg, is above the default profile's soft
 * maxima (0.2 mg/kg, 25 mg): two warnings there, none without them. */
START_TEST(test_cov_pca_no_bolus_soft)
{
	ket_pca_order o = pca_order(140, 30, 10, 0, 40, 0, RAC);
	ket_limits lim;
	ket_pca out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	pca_prefill(&out);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &out, &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("per kg", &r, 0, KET_OK, W_MAX, I_PERKG,
	               "bolus_soft_max_mg_per_kg", 30.0 / 140.0, 0.2);
	expect_finding("mg", &r, 1, KET_OK, W_MAX, I_DOSE, "bolus_soft_max_mg",
	               30, 25);

	lim.bolus_soft_max_mg_per_kg = 0;
	lim.bolus_soft_max_mg = 0;
	pca_prefill(&out);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &out, &r), KET_OK);
	expect_close("no soft", "max_mg_per_h", out.max_mg_per_h, 30);
	expect_close("no soft", "max_mg_per_4h", out.max_mg_per_4h, 120);
	expect_close("no soft", "max_mg_per_kg_per_h", out.max_mg_per_kg_per_h,
	             30.0 / 140.0);
	ck_assert_uint_eq(out.warnings, 0);
	expect_warnings_only("no soft", &r, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

/* oral_soft_max_mg_per_24h 0 means none: SC 300 mg/24 h, ratio 1, 3 doses,
 * 5 mg steps, 10 mg/mL -> 100 mg (10 mL) per dose, 300 mg/24 h (above the
 * default 240 soft maximum, below the 800 hard one); exposure comparison
 * 300 x 0.90 / 0.55 = 490.909 mg/24 h.  Warnings: only the route's. */
START_TEST(test_cov_oral_no_soft)
{
	ket_oral_order o = oral_order(300, SC, PO, 1, 3, 5, 10, RAC);
	ket_limits lim;
	ket_oral_regimen out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	oral_prefill(&out);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &out, &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX | W_VAR);
	ck_assert_int_ge(find_warning(&r, W_MAX, I_DAY), 0);

	lim.oral_soft_max_mg_per_24h = 0;
	oral_prefill(&out);
	garble(&r);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &out, &r), KET_OK);
	expect_close("no soft", "mg_per_dose", out.mg_per_dose, 100);
	expect_close("no soft", "ml_per_dose", out.ml_per_dose, 10);
	expect_close("no soft", "mg_per_24h", out.mg_per_24h, 300);
	expect_close("no soft", "exposure", out.exposure_comparison_mg_per_24h,
	             300 * F_SC / F_PO);
	ck_assert_uint_eq(out.warnings, W_VAR);
	expect_warnings_only("no soft", &r, W_VAR);
	ck_assert_uint_eq(r.count, 1);
}
END_TEST

/* Palliative limits with a per-kg soft maximum of 0.05 mg/kg/h and an
 * mg/h soft maximum of 2 mg/h; 50 kg, 5 mg/mL SC, no pump step. */
static void cov_burst_limits(ket_limits *lim)
{
	make_limits(LIM_PALL, lim);
	lim->infusion_soft_max_mg_per_kg_per_h = 0.05;
	lim->infusion_soft_max_mg_per_h = 2;
}

/* Day by day, each day's two warnings (same bit, different items) are
 * distinct findings: 100 mg/24 h = 4.1667 mg/h = 0.083333 mg/kg/h, then
 * 300 mg/24 h = 12.5 mg/h = 0.25 mg/kg/h; days 3 and 4 repeat day 2 and
 * add nothing.  Rates 0.8333 and 2.5 mL/h, no rounding (step 0). */
START_TEST(test_cov_burst_same_bit_other_item)
{
	ket_burst_order o = burst_order(2, 50, 5, 0, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 0;

	cov_burst_limits(&lim);
	days_prefill(days, CAP);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_OK);
	ck_assert_uint_eq(n, 4);
	expect_close("day 1", "rate", days[0].rate_ml_per_h, 100.0 / 24 / 5);
	expect_close("day 4", "rate", days[3].rate_ml_per_h, 300.0 / 24 / 5);
	ck_assert_uint_eq(days[0].warnings, W_MAX);
	ck_assert_uint_eq(days[3].warnings, W_MAX);
	expect_warnings_only("merge", &r, W_MAX);
	ck_assert_uint_eq(r.count, 4);
	expect_finding("day 1 per kg", &r, 0, KET_OK, W_MAX, I_PERKG,
	               "infusion_soft_max_mg_per_kg_per_h", 100.0 / 24 / 50,
	               0.05);
	expect_finding("day 1 mg/h", &r, 1, KET_OK, W_MAX, I_PERH,
	               "infusion_soft_max_mg_per_h", 100.0 / 24, 2);
	expect_finding("day 2 per kg", &r, 2, KET_OK, W_MAX, I_PERKG,
	               "infusion_soft_max_mg_per_kg_per_h", 0.25, 0.05);
	expect_finding("day 2 mg/h", &r, 3, KET_OK, W_MAX, I_PERH,
	               "infusion_soft_max_mg_per_h", 12.5, 2);
}
END_TEST

/* More distinct warnings than a report holds: with a daily soft maximum of
 * 50 mg/24 h each day also warns its 24 h total, so days 1 (100), 2 (300)
 * and 3 (500 mg/24 h) bring 3 + 3 + 3 distinct findings; the first
 * KET_REPORT_MAX = 8 are kept in day order, day 3's 500 mg/24 h finding
 * does not fit and is counted in `dropped` (the plan itself is KET_OK),
 * and the text ends "; and N more". */
START_TEST(test_cov_burst_warnings_dropped)
{
	ket_burst_order o = burst_order(0, 50, 5, 0, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 0;
	char text[2048], tail[32];
	size_t len, tlen;

	cov_burst_limits(&lim);
	lim.daily_soft_max_mg_per_24h = 50;
	days_prefill(days, CAP);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_OK);
	ck_assert_uint_eq(n, 5);
	ck_assert_uint_eq(r.count, KET_REPORT_MAX);
	ck_assert_uint_ge(r.dropped, 1);
	expect_finding("d1 per kg", &r, 0, KET_OK, W_MAX, I_PERKG, NULL,
	               100.0 / 24 / 50, 0.05);
	expect_finding("d1 mg/h", &r, 1, KET_OK, W_MAX, I_PERH, NULL,
	               100.0 / 24, 2);
	expect_finding("d1 24 h", &r, 2, KET_OK, W_MAX, I_DAY,
	               "daily_soft_max_mg_per_24h", 100, 50);
	expect_finding("d2 per kg", &r, 3, KET_OK, W_MAX, I_PERKG, NULL, 0.25,
	               0.05);
	expect_finding("d2 mg/h", &r, 4, KET_OK, W_MAX, I_PERH, NULL, 12.5, 2);
	expect_finding("d2 24 h", &r, 5, KET_OK, W_MAX, I_DAY, NULL, 300, 50);
	expect_finding("d3 per kg", &r, 6, KET_OK, W_MAX, I_PERKG, NULL,
	               500.0 / 24 / 50, 0.05);
	expect_finding("d3 mg/h", &r, 7, KET_OK, W_MAX, I_PERH, NULL,
	               500.0 / 24, 2);
	ck_assert_int_eq(ket_report_format(&r, text, sizeof text), KET_OK);
	ck_assert_int_gt(snprintf(tail, sizeof tail, "; and %lu more",
	                          (unsigned long)r.dropped), 0);
	len = strlen(text);
	tlen = strlen(tail);
	ck_assert_uint_gt(len, tlen);
	ck_assert_str_eq(text + (len - tlen), tail);
}
END_TEST

/* A parenteral dose of 1.5e308 mg with limits that allow it: the exposure
 * comparison (x 0.93 / 0.55 = 2.5e308 > DBL_MAX) overflows, so the
 * regimen is refused. */
START_TEST(test_oral_overflow_refused)
{
	ket_limits l;
	ket_oral_regimen r;
	ket_oral_order o = { 1.5e308, KET_ROUTE_IM, KET_ROUTE_ORAL, 1.0, 1, 0.0,
	                     100.0, KET_FORM_RACEMIC };

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                        &l), KET_OK);
	l.oral_soft_max_mg_per_24h = 0.0;
	l.oral_hard_max_mg_per_24h = DBL_MAX;
	ck_assert_int_eq(ket_oral_conversion(&o, &l, &r, NULL), KET_E_RANGE);
	ck_assert(isnan(r.mg_per_dose) && isnan(r.ml_per_dose));
	ck_assert(isnan(r.mg_per_24h));
	ck_assert(isnan(r.exposure_comparison_mg_per_24h));
	ck_assert_uint_eq(r.warnings, 0);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/);
 * every expectation is worked out by hand from API.md. */

/* Burst refusals carry their bound; a daily hard maximum below 1 mg/24 h
 * is a maximum, not "none"; days NULL with a capacity of 1 is KET_E_NULL. */
START_TEST(test_mut_burst_bounds)
{
	ket_burst_order o = burst_order(-1, 70, 10, 0.1, SC, RAC);
	ket_limits lim;
	ket_burst_day days[CAP];
	ket_report r;
	size_t n = 99;

	make_limits(LIM_PALL, &lim);
	garble(&r);
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_E_RANGE);
	expect_last("response day -1", &r, KET_E_RANGE, KET_ITEM_RESPONSE_DAY,
	            "response_day", -1, 0);
	o.response_day = 4;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_E_RANGE);
	expect_last("response day 4", &r, KET_E_RANGE, KET_ITEM_RESPONSE_DAY,
	            "response_day", 4, 3);

	/* Burst needs a daily hard maximum: 0 is refused against 0. */
	o.response_day = 0;
	lim.daily_soft_max_mg_per_24h = 0;
	lim.daily_hard_max_mg_per_24h = 0;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_E_LIMITS);
	expect_last("daily hard 0", &r, KET_E_LIMITS, KET_ITEM_LIMITS,
	            "daily_hard_max_mg_per_24h", 0, 0);
	/* 1 mg/24 h is a maximum: day 1's 100 mg/24 h is above it. */
	lim.daily_hard_max_mg_per_24h = 1;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, days, CAP, &n, &r),
	                 KET_E_HARD_LIMIT);
	expect_last("daily hard 1", &r, KET_E_HARD_LIMIT, KET_ITEM_DAILY_TOTAL,
	            "daily_hard_max_mg_per_24h", 100, 1);

	make_limits(LIM_PALL, &lim);
	n = 99;
	ck_assert_int_eq(ket_burst_schedule(&o, &lim, NULL, 1, &n, &r),
	                 KET_E_NULL);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* At a capacity of exactly KET_MAX_ITEMS the entries are NaN-ed before
 * the NULL checks too. */
START_TEST(test_mut_burst_max_capacity_failsafe)
{
	size_t cap = (size_t)KET_MAX_ITEMS, n = 99, i;
	ket_burst_day *days = malloc(cap * sizeof *days);
	ket_limits lim;

	ck_assert_ptr_nonnull(days);
	make_limits(LIM_PALL, &lim);
	days_prefill(days, cap);
	ck_assert_int_eq(ket_burst_schedule(NULL, &lim, days, cap, &n, NULL),
	                 KET_E_NULL);
	/* One assertion for the million entries (Check's are slow). */
	for (i = 0; i < cap; i++) {
		const ket_burst_day *d = &days[i];

		if (d->day != 0 || d->warnings != 0 || !isnan(d->mg_per_24h) ||
		    !isnan(d->rate_ml_per_h) || !isnan(d->delivered_mg_per_24h))
			break;
	}
	free(days);
	ck_assert_msg(i == cap, "entry %lu of %lu not NaN-ed",
	              (unsigned long)i, (unsigned long)cap);
}
END_TEST

/* The final concentration is computed (2.3 mg / 230 mL is
 * 0.009999999999999998, one last bit below 0.01 mg/mL): API.md's tolerance
 * for computed values accepts it; 2.2 mg in 230 mL (0.00957) is refused. */
START_TEST(test_prepare_final_conc_at_minimum)
{
	ket_preparation_order o = { 2.3, 230.0, 10.0, KET_ROUTE_SC };
	ket_preparation p;
	ket_report rep;

	ck_assert(2.3 / 230.0 < KET_CONC_MG_PER_ML_MIN);
	ck_assert_int_eq(ket_prepare(&o, &p, &rep), KET_OK);
	ck_assert(fabs(p.stock_volume_ml - 0.23) <= 1e-15);
	ck_assert(fabs(p.final_concentration_mg_per_ml - 0.01) <= 1e-17);
	o.total_mg = 2.2;
	ck_assert_int_eq(ket_prepare(&o, &p, &rep), KET_E_CONCENTRATION);
	ck_assert(isnan(p.final_concentration_mg_per_ml));
}
END_TEST

/* Fuzz findings (tests/fuzz/crashes/regimens): a stock volume that
 * underflows to 0 (a denormal amount: 4.9e-324 mg / 100 mg/mL rounds to
 * 0) and an infinite bag time from a denormal rate are refused. */
START_TEST(test_fuzz_denormals_refused)
{
	ket_preparation_order o = { 4.9406564584124654e-324, 1e-322, 100.0,
	                            KET_ROUTE_SC };
	ket_preparation p;
	ket_duration d;
	ket_report rep;

	ck_assert_int_eq(ket_prepare(&o, &p, &rep), KET_E_RANGE);
	ck_assert(isnan(p.stock_volume_ml) && isnan(p.diluent_volume_ml));
	ck_assert_str_eq(rep.findings[rep.count - 1].field, "stock_volume_ml");
	/* The finding: the volume (0 after the underflow) and its bound 0. */
	ck_assert_int_eq(rep.findings[rep.count - 1].item, KET_ITEM_VOLUME);
	ck_assert(fabs(rep.findings[rep.count - 1].value) <= 0.0);
	ck_assert(fabs(rep.findings[rep.count - 1].limit) <= 0.0);
	ck_assert_int_eq(ket_infusion_duration(1.0, 1e-310, 0.0, &d),
	                 KET_E_RANGE);
	ck_assert(isnan(d.empty_after_h) && isnan(d.change_after_h));
}
END_TEST

/* Oral conversion: refusals carry their bound, an oral soft maximum below
 * 1 mg/24 h is a maximum, and computed totals and volumes one last bit
 * past a limit are at it (API.md "Comparisons"). */
START_TEST(test_mut_oral_bounds)
{
	ket_oral_order o = oral_order(0, IV, PO, 1, 1, 0, 1, RAC);
	ket_oral_regimen g;
	ket_limits lim;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	garble(&r);
	oral_prefill(&g);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_E_DOSE);
	expect_last("parenteral 0", &r, KET_E_DOSE, KET_ITEM_DOSE,
	            "parenteral_mg_per_24h", 0, 0);

	/* 10 mg/24 h IV at 1:1, one dose: 10 mg/24 h is above a 0.5 mg/24 h
	 * oral soft maximum; the variable route is always reported. */
	o.parenteral_mg_per_24h = 10;
	lim.oral_soft_max_mg_per_24h = 0.5;
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("soft 0.5", &r, 0, KET_OK, KET_W_ABOVE_SOFT_MAX,
	               KET_ITEM_DAILY_TOTAL, "oral_soft_max_mg_per_24h", 10,
	               0.5);

	/* 50 mg/24 h x 1.1 = 55 mg/24 h, 55.00000000000001 in binary: at an
	 * oral hard maximum of 55, and at a soft maximum of 55 (the ratio
	 * above 1 and the route are the findings). */
	o.parenteral_mg_per_24h = 50;
	o.ratio_oral_per_parenteral = 1.1;
	make_limits(LIM_DEFAULT, &lim);
	lim.oral_soft_max_mg_per_24h = 0;
	lim.oral_hard_max_mg_per_24h = 55;
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	expect_close("hard 55", "mg_per_24h", g.mg_per_24h, 55);
	lim.oral_soft_max_mg_per_24h = 55;
	lim.oral_hard_max_mg_per_24h = 800;
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("soft 55", &r, 0, KET_OK, KET_W_ABOVE_SOFT_MAX,
	               KET_ITEM_RATIO, "ratio_oral_per_parenteral", 1.1, 1);

	/* 1 mg/24 h x 0.3 in one dose of 3 mg/mL solution: 0.1 mL
	 * (0.09999999999999999 in binary), at KET_VOLUME_SMALL_ML. */
	o = oral_order(1, IV, PO, 0.3, 1, 0, 3, RAC);
	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(ket_oral_conversion(&o, &lim, &g, &r), KET_OK);
	expect_close("0.1 mL", "ml_per_dose", g.ml_per_dose, 0.1);
	ck_assert_uint_eq(g.warnings, KET_W_VARIABLE_ROUTE);
}
END_TEST

/* PCA: refused pump limits carry their bound, limits below 1 mg count,
 * only whole boluses fit a 4 h limit, and the hourly maximum never
 * exceeds the hourly limit, not even in the last bit (0.1 mg boluses:
 * 3 x 0.1 is 0.30000000000000004 in binary). */
START_TEST(test_mut_pca_limits)
{
	ket_pca_order o = pca_order(70, 0.5, 10, 0, -1, 0, RAC);
	ket_pca p;
	ket_limits lim;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	garble(&r);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_RANGE);
	expect_last("limit -1", &r, KET_E_RANGE, KET_ITEM_PCA_HOURLY,
	            "limit_mg_per_h", -1, 0);
	o.limit_mg_per_h = 0;
	o.limit_mg_per_4h = -1;
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_RANGE);
	expect_last("4 h limit -1", &r, KET_E_RANGE, KET_ITEM_PCA_HOURLY,
	            "limit_mg_per_4h", -1, 0);
	/* A 0.4 mg hourly (or 4 h) limit does not allow one 0.5 mg bolus. */
	o.limit_mg_per_4h = 0;
	o.limit_mg_per_h = 0.4;
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_RANGE);
	expect_last("limit 0.4", &r, KET_E_RANGE, KET_ITEM_PCA_HOURLY,
	            "limit_mg_per_h", 0.4, 0.5);
	o.limit_mg_per_h = 0;
	o.limit_mg_per_4h = 0.4;
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_RANGE);
	expect_last("4 h limit 0.4", &r, KET_E_RANGE, KET_ITEM_PCA_HOURLY,
	            "limit_mg_per_4h", 0.4, 0.5);
	/* A 4 h limit below the hourly one: 0.8 < 0.9, 0.1 mg boluses. */
	o = pca_order(70, 0.1, 10, 0, 0.9, 0.8, RAC);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_RANGE);
	expect_last("4 h below 1 h", &r, KET_E_RANGE, KET_ITEM_PCA_HOURLY,
	            "limit_mg_per_4h", 0.8, 0.9);
	/* A bolus of 0 is refused against 0. */
	o = pca_order(70, 0, 10, 0, 0, 0, RAC);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_E_DOSE);
	expect_last("bolus 0", &r, KET_E_DOSE, KET_ITEM_DOSE, "bolus_mg", 0,
	            0);

	/* 0.1 mg every 5 min (12 an hour), 4 h limit 0.35 mg: 3 whole
	 * boluses, so 0.3 mg/h and 0.3 mg/4 h. */
	o = pca_order(70, 0.1, 5, 0, 0, 0.35, RAC);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	expect_close("4 h 0.35", "max_mg_per_h", p.max_mg_per_h, 0.3);
	expect_close("4 h 0.35", "max_mg_per_4h", p.max_mg_per_4h, 0.3);
	/* Hourly limit 0.3 mg and 4 h limit 0.3 mg: never above either. */
	o = pca_order(70, 0.1, 5, 0, 0.3, 0.3, RAC);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_msg(p.max_mg_per_h <= 0.3, "max_mg_per_h %.17g above 0.3",
	              p.max_mg_per_h);
	ck_assert_msg(p.max_mg_per_4h <= 0.3, "max_mg_per_4h %.17g above 0.3",
	              p.max_mg_per_4h);
	expect_close("limits 0.3", "max_mg_per_h", p.max_mg_per_h, 0.3);

	/* A bolus soft maximum below 1 mg counts: 1 mg above 0.5 mg. */
	lim.bolus_soft_max_mg = 0.5;
	o = pca_order(70, 1, 10, 0, 0, 0, RAC);
	ck_assert_int_eq(ket_pca_check(&o, &lim, &p, &r), KET_OK);
	ck_assert_uint_eq(p.warnings & KET_W_ABOVE_SOFT_MAX,
	                  KET_W_ABOVE_SOFT_MAX);
	expect_finding("soft 0.5 mg", &r, 0, KET_OK, KET_W_ABOVE_SOFT_MAX,
	               KET_ITEM_DOSE, "bolus_soft_max_mg", 1, 0.5);
}
END_TEST

/* Fuzz finding (tests/fuzz/crashes/regimens/pca-basal-dbl-max-*): with a
 * basal rate of DBL_MAX, 4 x basal + one bolus is infinite, and the
 * tolerance of the comparison made it NaN, so a 4-hour limit of 10 mg
 * passed.  It is refused; and with limits loose enough to accept such a
 * basal, the infinite 4-hour maximum is refused too. */
START_TEST(test_fuzz_pca_huge_basal)
{
	ket_limits l;
	ket_pca p;
	ket_report rep;
	ket_pca_order o = { 70.0, 1.0, 10.0, DBL_MAX, 0.0, 10.0,
	                    KET_FORM_RACEMIC };

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                        &l), KET_OK);
	ck_assert_int_eq(ket_pca_check(&o, &l, &p, &rep), KET_E_RANGE);
	ck_assert_str_eq(rep.findings[rep.count - 1].field, "limit_mg_per_4h");
	ck_assert(isnan(p.max_mg_per_h) && isnan(p.max_mg_per_4h));
	o.limit_mg_per_4h = 0.0;
	l.pca_hard_max_mg_per_kg_per_h = DBL_MAX;
	ck_assert_int_eq(ket_pca_check(&o, &l, &p, &rep), KET_E_RANGE);
	ck_assert(isnan(p.max_mg_per_4h) && isnan(p.max_mg_per_kg_per_h));
	ck_assert_uint_eq(p.warnings, 0);
}
END_TEST

/* Fuzz finding: a denormal volume at 1000 mL/h lasts "0 h". */
START_TEST(test_fuzz_duration_zero)
{
	ket_duration d;

	ck_assert_int_eq(ket_infusion_duration(4.9406564584124654e-324, 1000.0,
	                                       0.0, &d), KET_E_RANGE);
	ck_assert(isnan(d.empty_after_h) && isnan(d.change_after_h));
}
END_TEST

/* ket_prepare: refusals of a zero amount or volume carry the bound 0; a
 * diluent volume below 1 mL is kept (95 mg from 100 mg/mL = 0.95 mL,
 * made up to 1.45 mL: 0.5 mL of diluent); a stock volume within 1e-9
 * above the final volume is the whole of it (100.00000005 mg from
 * 100 mg/mL in 1 mL: no diluent, never a negative one). */
START_TEST(test_mut_prepare_bounds)
{
	ket_preparation_order o = prep_order(0, 10, 10, SC);
	ket_preparation p;
	ket_report r;

	garble(&r);
	ck_assert_int_eq(ket_prepare(&o, &p, &r), KET_E_DOSE);
	expect_last("total 0", &r, KET_E_DOSE, KET_ITEM_DOSE, "total_mg", 0, 0);
	o = prep_order(10, 0, 10, SC);
	ck_assert_int_eq(ket_prepare(&o, &p, &r), KET_E_RANGE);
	expect_last("final 0", &r, KET_E_RANGE, KET_ITEM_VOLUME,
	            "final_volume_ml", 0, 0);
	o = prep_order(95, 1.45, 100, SC);
	ck_assert_int_eq(ket_prepare(&o, &p, &r), KET_OK);
	expect_close("diluent 0.5", "diluent", p.diluent_volume_ml, 0.5);
	o = prep_order(100.00000005, 1, 100, SC);
	ck_assert_int_eq(ket_prepare(&o, &p, &r), KET_OK);
	ck_assert_msg(p.diluent_volume_ml >= 0.0 &&
	              tu_close(p.diluent_volume_ml, 0, 0, 0),
	              "diluent %.17g mL, want 0", p.diluent_volume_ml);
}
END_TEST

Suite *ket_suite_regimen(void)
{
	Suite *s = suite_create("regimen");
	TCase *tc;

	tc = tcase_create("ket_prepare");
	tcase_add_loop_test(tc, test_prepare_ok, 0, TU_ROWS(prep_ok_rows));
	tcase_add_test(tc, test_prepare_small_volume_finding);
	tcase_add_test(tc, test_prepare_stock_at_final_volume);
	tcase_add_loop_test(tc, test_prepare_error, 0, TU_ROWS(prep_err_rows));
	tcase_add_loop_test(tc, test_prepare_not_finite, 0, 9);
	tcase_add_test(tc, test_prepare_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("ket_infusion_duration");
	tcase_add_loop_test(tc, test_duration, 0, TU_ROWS(dur_rows));
	tcase_add_loop_test(tc, test_duration_not_finite, 0, 9);
	tcase_add_test(tc, test_duration_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("ket_pca_check");
	tcase_add_loop_test(tc, test_pca_ok, 0, TU_ROWS(pca_ok_rows));
	tcase_add_loop_test(tc, test_pca_error, 0, TU_ROWS(pca_err_rows));
	tcase_add_loop_test(tc, test_pca_not_finite, 0, 18);
	tcase_add_test(tc, test_pca_null);
	tcase_add_test(tc, test_pca_worked_example);
	tcase_add_test(tc, test_pca_findings);
	suite_add_tcase(s, tc);

	tc = tcase_create("ket_burst_schedule");
	tcase_add_loop_test(tc, test_burst_oracle, 0, TU_ROWS(burst_rows));
	tcase_add_loop_test(tc, test_burst_hand, 0, TU_ROWS(burst_hand_rows));
	tcase_add_test(tc, test_burst_report_merge);
	tcase_add_test(tc, test_burst_report_merge_tolerance);
	tcase_add_test(tc, test_burst_refused_day);
	tcase_add_loop_test(tc, test_burst_capacity, 0,
	                    TU_ROWS(burst_cap_rows));
	tcase_add_test(tc, test_burst_capacity_order);
	tcase_add_test(tc, test_burst_capacity_max_items);
	tcase_add_loop_test(tc, test_burst_error, 0, TU_ROWS(burst_err_rows));
	tcase_add_loop_test(tc, test_burst_not_finite, 0, 9);
	tcase_add_test(tc, test_burst_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("ket_oral_conversion");
	tcase_add_loop_test(tc, test_oral_ok, 0, TU_ROWS(oral_ok_rows));
	tcase_add_loop_test(tc, test_oral_error, 0, TU_ROWS(oral_err_rows));
	tcase_add_loop_test(tc, test_oral_not_finite, 0, 12);
	tcase_add_test(tc, test_oral_null);
	tcase_add_test(tc, test_oral_findings);
	suite_add_tcase(s, tc);

	tc = tcase_create("review_regressions");
	tcase_add_test(tc, test_review_burst_refusal_last);
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_test(tc, test_cov_pca_no_bolus_soft);
	tcase_add_test(tc, test_cov_oral_no_soft);
	tcase_add_test(tc, test_cov_burst_same_bit_other_item);
	tcase_add_test(tc, test_cov_burst_warnings_dropped);
	suite_add_tcase(s, tc);

	tc = tcase_create("overflow");
	tcase_add_test(tc, test_oral_overflow_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_burst_bounds);
	tcase_add_test(tc, test_mut_burst_max_capacity_failsafe);
	tcase_add_test(tc, test_mut_oral_bounds);
	tcase_add_test(tc, test_mut_pca_limits);
	tcase_add_test(tc, test_mut_prepare_bounds);
	suite_add_tcase(s, tc);

	tc = tcase_create("fuzz_regressions");
	tcase_add_test(tc, test_fuzz_denormals_refused);
	tcase_add_test(tc, test_prepare_final_conc_at_minimum);
	tcase_add_test(tc, test_pca_bolus_per_kg_tolerance);
	suite_add_tcase(s, tc);

	tc = tcase_create("fuzz_regressions_2");
	tcase_add_test(tc, test_fuzz_pca_huge_basal);
	tcase_add_test(tc, test_fuzz_duration_zero);
	suite_add_tcase(s, tc);

	return s;
}
