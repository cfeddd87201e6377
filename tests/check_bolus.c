/*
 * check_bolus.c - ket_bolus_dose.
 *
 * Expected volumes are worked out by hand (comments on the rows):
 * mg = weight x dose per kg; volume = mg / concentration rounded to whole
 * syringe steps, n = floor(volume / step + 0.5), never above the steps the
 * hard maximum or the cap allows; the dose given is volume x concentration;
 * the deviation warns above 1 % and refuses above 10 %.
 */
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"

#define REL 1e-9  /* relative tolerance on every computed dose */
#define ABS 1e-12 /* absolute floor, in the value's unit */

#define IV KET_ROUTE_IV
#define SC KET_ROUTE_SC
#define RAC KET_FORM_RACEMIC
#define ESK KET_FORM_ESKETAMINE
#define W_MAX KET_W_ABOVE_SOFT_MAX
#define W_CAP KET_W_CAPPED
#define W_RND KET_W_ROUNDED
#define W_SMALL KET_W_SMALL_VOLUME
#define W_WT KET_W_UNUSUAL_WEIGHT
#define F_HARD "bolus_hard_max_mg_per_kg"
#define F_STEP "syringe_step_ml"
#define F_CONC "concentration_mg_per_ml"
#define I_CONC KET_ITEM_CONCENTRATION

enum {
	LIM_DEFAULT,   /* LOW_DOSE_ANALGESIA: bolus 0.2 / 0.35 mg/kg, 25 mg */
	LIM_PED,       /* PEDIATRIC: 0.25 / 0.5 mg/kg, 15 mg, 3-60 kg */
	LIM_CAP10,     /* default + bolus_cap_mg 10 */
	LIM_NOCONC,    /* default + concentration_max_mg_per_ml 0 */
	LIM_DAILY5,    /* default + daily soft 4 / hard 5 mg/24 h */
	LIM_ESK,       /* default written for esketamine */
	LIM_BAD_BOLUS, /* bolus_hard_max_mg_per_kg 0: invalid */
	LIM_BAD_INF    /* infusion_hard_max_mg_per_kg_per_h NaN: invalid */
};

static void make_limits(int kind, ket_limits *l)
{
	ket_profile p = kind == LIM_PED ? KET_PROFILE_PEDIATRIC_ANALGESIA
	                                : KET_PROFILE_LOW_DOSE_ANALGESIA;
	ket_status st = ket_limits_for_profile(p, l);

	ck_assert_int_eq(st, KET_OK);
	switch (kind) {
	case LIM_CAP10:
		l->bolus_cap_mg = 10;
		break;
	case LIM_NOCONC:
		l->concentration_max_mg_per_ml = 0;
		break;
	case LIM_DAILY5:
		l->daily_soft_max_mg_per_24h = 4;
		l->daily_hard_max_mg_per_24h = 5;
		break;
	case LIM_ESK:
		l->form = KET_FORM_ESKETAMINE;
		break;
	case LIM_BAD_BOLUS:
		l->bolus_hard_max_mg_per_kg = 0;
		break;
	case LIM_BAD_INF:
		l->infusion_hard_max_mg_per_kg_per_h = tu_nan();
		break;
	default:
		break;
	}
}

static void set_order(ket_bolus_order *o, double weight, double dose,
		      double conc, double step, int route, int form)
{
	memset(o, 0, sizeof *o);
	o->weight_kg = weight;
	o->dose_mg_per_kg = dose;
	o->concentration_mg_per_ml = conc;
	o->syringe_step_ml = step;
	o->route = route;
	o->form = form;
}

static void prefill(ket_bolus *out, ket_report *report)
{
	out->mg = TU_UNSET;
	out->volume_ml = TU_UNSET;
	out->delivered_mg_per_kg = TU_UNSET;
	out->warnings = UINT32_C(0xffffffff);
	if (report != NULL)
		memset(report, 0xA5, sizeof *report);
}

static void expect_failsafe(const char *label, const ket_bolus *out)
{
	ck_assert_msg(isnan(out->mg), "%s: mg %.17g", label, out->mg);
	ck_assert_msg(isnan(out->volume_ml), "%s: volume %.17g", label,
	              out->volume_ml);
	ck_assert_msg(isnan(out->delivered_mg_per_kg), "%s: per kg %.17g",
	              label, out->delivered_mg_per_kg);
	ck_assert_msg(out->warnings == 0, "%s: warnings 0x%lx", label,
	              (unsigned long)out->warnings);
}

static void expect_last_finding(const char *label, const ket_report *r,
				ket_status status, int item, const char *field)
{
	const ket_finding *f;

	ck_assert_msg(r->count >= 1 && r->count <= KET_REPORT_MAX,
	              "%s: %lu findings", label, (unsigned long)r->count);
	f = &r->findings[r->count - 1];
	ck_assert_msg(f->status == (int32_t)status,
	              "%s: last finding %s, want %s", label,
	              ket_status_name((ket_status)f->status),
	              ket_status_name(status));
	ck_assert_msg(f->warning == 0, "%s: warning 0x%lx", label,
	              (unsigned long)f->warning);
	ck_assert_msg(f->item == item, "%s: item %d, want %d", label,
	              (int)f->item, item);
	ck_assert_msg(f->unit != NULL && f->field != NULL,
	              "%s: NULL unit or field", label);
	if (field != NULL)
		ck_assert_msg(strcmp(f->field, field) == 0,
		              "%s: field \"%s\", want \"%s\"", label, f->field,
		              field);
}

static void expect_finding(const char *label, const ket_finding *f,
			   uint32_t warning, int item, const char *field,
			   double value, double limit, const char *unit)
{
	ck_assert_msg(f->status == KET_OK, "%s: status %s", label,
	              ket_status_name((ket_status)f->status));
	ck_assert_msg(f->warning == warning, "%s: warning 0x%lx", label,
	              (unsigned long)f->warning);
	ck_assert_msg(f->item == item, "%s: item %d, want %d", label,
	              (int)f->item, item);
	ck_assert_msg(f->field != NULL && strcmp(f->field, field) == 0,
	              "%s: field \"%s\", want \"%s\"", label,
	              f->field != NULL ? f->field : "(null)", field);
	ck_assert_msg(f->unit != NULL && strcmp(f->unit, unit) == 0,
	              "%s: unit \"%s\", want \"%s\"", label,
	              f->unit != NULL ? f->unit : "(null)", unit);
	ck_assert_msg(tu_close(f->value, value, REL, ABS),
	              "%s: value %.17g, want %.17g", label, f->value, value);
	ck_assert_msg(tu_close(f->limit, limit, REL, ABS),
	              "%s: limit %.17g, want %.17g", label, f->limit, limit);
}

/* ------------------------------------------------------------ results */

struct ok_row {
	const char *name;
	int lim;
	double weight_kg, dose, conc, step;
	int route, form;
	double want_volume;
	uint32_t want_warnings;
};

static const struct ok_row ok_rows[] = {
	/* 70 x 0.1 = 7 mg / 1 mg/mL = 7 mL = 70 steps. */
	{ "70 kg 0.1 mg/kg 1 mg/mL step 0.1", LIM_DEFAULT, 70, 0.1, 1, 0.1,
	  IV, RAC, 7, 0 },
	{ "step 0", LIM_DEFAULT, 70, 0.1, 1, 0, IV, RAC, 7, 0 },
	{ "step -0.0 is 0", LIM_DEFAULT, 70, 0.1, 1, -0.0, IV, RAC, 7, 0 },
	{ "step 0.01", LIM_DEFAULT, 70, 0.1, 1, 0.01, IV, RAC, 7, 0 },
	{ "step 1, the maximum", LIM_DEFAULT, 70, 0.1, 1, 1, IV, RAC, 7, 0 },
	{ "subcutaneous", LIM_DEFAULT, 70, 0.1, 1, 0.1, SC, RAC, 7, 0 },
	{ "2 mg/mL: 3.5 mL", LIM_DEFAULT, 70, 0.1, 2, 0.1, IV, RAC, 3.5, 0 },

	/* Per-kg limits: soft 0.2, hard 0.35. */
	{ "0.35 at the hard max", LIM_DEFAULT, 70, 0.35, 1, 0.1, IV, RAC,
	  24.5, W_MAX },
	{ "0.2 at the soft max", LIM_DEFAULT, 70, 0.2, 1, 0.1, IV, RAC, 14,
	  0 },
	{ "0.21 above the soft max", LIM_DEFAULT, 70, 0.21, 1, 0.1, IV, RAC,
	  14.7, W_MAX },
	/* 14 mg / step 0.3 = 46.67 -> 47 = 14.1 mL: 0.2014 mg/kg given. */
	{ "delivered above the soft max", LIM_DEFAULT, 70, 0.2, 1, 0.3, IV,
	  RAC, 14.1, W_MAX },
	/* mg soft max 25: 130 x 0.2 = 26 mg; 125 x 0.2 = 25 mg. */
	{ "26 mg above 25 mg", LIM_DEFAULT, 130, 0.2, 1, 0.1, IV, RAC, 26,
	  W_MAX },
	{ "25 mg at the mg soft max", LIM_DEFAULT, 125, 0.2, 1, 0.1, IV, RAC,
	  25, 0 },
	/* 140 x 0.1785 = 24.99 mg / 0.7 = 35.7 -> 36 = 25.2 mL. */
	{ "delivered above 25 mg", LIM_DEFAULT, 140, 0.1785, 1, 0.7, IV, RAC,
	  25.2, W_MAX },

	/* Rounding. */
	{ "rounding 0.44 %", LIM_DEFAULT, 68.3, 0.1, 1, 0.1, IV, RAC, 6.8,
	  0 },
	{ "rounding 2.49 %", LIM_DEFAULT, 68.3, 0.1, 1, 1, IV, RAC, 7,
	  W_RND },
	/* 50 x 0.1 = 5 mg / 5 = 1 mL; step 0.505: 1.98 -> 2 = 1.01 mL. */
	{ "rounding exactly 1 %", LIM_DEFAULT, 50, 0.1, 5, 0.505, IV, RAC,
	  1.01, 0 },
	{ "rounding 1.02 %", LIM_DEFAULT, 50, 0.1, 5, 0.5051, IV, RAC,
	  1.0102, W_RND },
	/* step 0.55: 1.82 -> 2 = 1.1 mL, +10 %; 0.45: 2.22 -> 2 = 0.9. */
	{ "rounding exactly +10 %", LIM_DEFAULT, 50, 0.1, 5, 0.55, IV, RAC,
	  1.1, W_RND },
	{ "rounding exactly -10 %", LIM_DEFAULT, 50, 0.1, 5, 0.45, IV, RAC,
	  0.9, W_RND },
	/* 70 x 0.105 = 7.35 mL; 7.35 / 0.1 = 73.49999999999999 in doubles:
	 * half a step still rounds up, to 74 steps. */
	{ "half a step rounds up", LIM_DEFAULT, 70, 0.105, 1, 0.1, IV, RAC,
	  7.4, 0 },
	/* 24.5 mL / step 1 -> 25 would cross the hard max: 24 mL, 2 %. */
	{ "rounding held below the hard max", LIM_DEFAULT, 70, 0.35, 1, 1, IV,
	  RAC, 24, W_MAX | W_RND },

	/* Cap 10 mg. */
	{ "capped at 10 mg", LIM_CAP10, 70, 0.2, 1, 0.1, IV, RAC, 10, W_CAP },
	/* 10 / 3 = 3.333 mL / 0.2 = 16.67 -> 17 = 3.4 mL = 10.2 mg crosses
	 * the cap: 16 steps = 3.2 mL = 9.6 mg, 4 %. */
	{ "capped, rounding held below the cap", LIM_CAP10, 70, 0.2, 3, 0.2,
	  IV, RAC, 3.2, W_CAP | W_RND },
	{ "cap not reached", LIM_CAP10, 70, 0.1, 1, 0.1, IV, RAC, 7, 0 },

	/* Small volume (pediatric, 5 mg/mL at most). */
	/* 4 x 0.1 = 0.4 mg / 5 = 0.08 mL. */
	{ "0.08 mL small", LIM_PED, 4, 0.1, 5, 0.01, IV, RAC, 0.08,
	  W_SMALL },
	{ "0.1 mL not small", LIM_PED, 5, 0.1, 5, 0.01, IV, RAC, 0.1, 0 },
	{ "pediatric 0.5 at the hard max", LIM_PED, 20, 0.5, 5, 0.1, IV, RAC,
	  2, W_MAX },
	/* 70 x 0.1 / 100 = 0.07 mL. */
	{ "no profile max: SC 100 mg/mL", LIM_NOCONC, 70, 0.1, 100, 0, SC,
	  RAC, 0.07, W_SMALL },
	{ "no profile max: SC 50.01 mg/mL", LIM_NOCONC, 70, 0.1, 50.01, 0, SC,
	  RAC, 7 / 50.01, 0 },
	{ "no profile max: IV 50 mg/mL", LIM_NOCONC, 70, 0.1, 50, 0, IV, RAC,
	  0.14, 0 },

	/* Weight. */
	{ "39.9 kg unusual", LIM_DEFAULT, 39.9, 0.1, 1, 0.01, IV, RAC, 3.99,
	  W_WT },
	{ "40 kg", LIM_DEFAULT, 40, 0.1, 1, 0.1, IV, RAC, 4, 0 },
	{ "150 kg", LIM_DEFAULT, 150, 0.1, 1, 0.1, IV, RAC, 15, 0 },
	{ "151 kg unusual", LIM_DEFAULT, 151, 0.1, 1, 0.1, IV, RAC, 15.1,
	  W_WT },
	{ "0.5 kg", LIM_DEFAULT, 0.5, 0.1, 0.01, 0, IV, RAC, 5, W_WT },
	{ "350 kg: 35 mg", LIM_DEFAULT, 350, 0.1, 1, 0.1, IV, RAC, 35,
	  W_MAX | W_WT },

	/* Concentrations. */
	{ "0.01 mg/mL", LIM_DEFAULT, 70, 0.1, 0.01, 0, IV, RAC, 700, 0 },
	{ "5 mg/mL", LIM_DEFAULT, 70, 0.1, 5, 0.1, IV, RAC, 1.4, 0 },

	/* Not held against the daily limits. */
	{ "7 mg with a 5 mg/24 h daily hard max", LIM_DAILY5, 70, 0.1, 1, 0.1,
	  IV, RAC, 7, 0 },
	{ "esketamine limits and order", LIM_ESK, 70, 0.1, 1, 0.1, IV, ESK, 7,
	  0 },
};

START_TEST(test_bolus_ok)
{
	const struct ok_row *row = &ok_rows[_i];
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report report;
	ket_status st;
	double want_mg = row->want_volume * row->conc;
	double want_per_kg = want_mg / row->weight_kg;
	uint32_t bits = 0;
	size_t i;

	make_limits(row->lim, &lim);
	set_order(&order, row->weight_kg, row->dose, row->conc, row->step,
	          row->route, row->form);
	prefill(&out, &report);
	st = ket_bolus_dose(&order, &lim, &out, &report);
	ck_assert_msg(st == KET_OK, "%s: status %s", row->name,
	              ket_status_name(st));
	ck_assert_msg(tu_close(out.volume_ml, row->want_volume, REL, ABS),
	              "%s: volume %.17g mL, want %.17g", row->name,
	              out.volume_ml, row->want_volume);
	ck_assert_msg(tu_close(out.mg, want_mg, REL, ABS),
	              "%s: %.17g mg, want %.17g", row->name, out.mg, want_mg);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg, want_per_kg, REL,
	              ABS), "%s: %.17g mg/kg, want %.17g", row->name,
	              out.delivered_mg_per_kg, want_per_kg);
	ck_assert_msg(out.warnings == row->want_warnings,
	              "%s: warnings 0x%lx, want 0x%lx", row->name,
	              (unsigned long)out.warnings,
	              (unsigned long)row->want_warnings);
	ck_assert_uint_le(report.count, KET_REPORT_MAX);
	ck_assert_uint_eq(report.dropped, 0);
	for (i = 0; i < report.count; i++) {
		ck_assert_msg(report.findings[i].status == KET_OK,
		              "%s: finding %lu is an error", row->name,
		              (unsigned long)i);
		bits |= report.findings[i].warning;
	}
	ck_assert_msg(bits == out.warnings, "%s: findings 0x%lx", row->name,
	              (unsigned long)bits);

	prefill(&out, NULL);
	st = ket_bolus_dose(&order, &lim, &out, NULL);
	ck_assert_msg(st == KET_OK && out.warnings == row->want_warnings,
	              "%s: without a report: %s", row->name,
	              ket_status_name(st));
}
END_TEST

START_TEST(test_bolus_example)
{
	ket_limits lim;
	ket_bolus_order order, copy;
	ket_bolus out;
	ket_report report;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, 1, 0.1, IV, RAC);
	copy = order;
	prefill(&out, &report);
	st = ket_bolus_dose(&order, &lim, &out, &report);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(tu_close(out.mg, 7, REL, ABS), "%.17g", out.mg);
	ck_assert_msg(tu_close(out.volume_ml, 7, REL, ABS), "%.17g",
	              out.volume_ml);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg, 0.1, REL, ABS),
	              "%.17g", out.delivered_mg_per_kg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(report.count, 0);
	ck_assert_int_eq(memcmp(&order, &copy, sizeof order), 0);
}
END_TEST

/* ------------------------------------------------------------- errors */

struct err_row {
	const char *name;
	int lim;
	double weight_kg, dose, conc, step;
	int route, form;
	ket_status status;
	int item;
	const char *field;
};

static const struct err_row err_rows[] = {
	/* Hard maximum per kg, typed in mg/kg: compared exactly. */
	{ "0.3500001 mg/kg", LIM_DEFAULT, 70, 0.3500001, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, KET_ITEM_DOSE_PER_KG, F_HARD },
	{ "0.5 mg/kg", LIM_DEFAULT, 70, 0.5, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, KET_ITEM_DOSE_PER_KG, F_HARD },
	{ "1 mg/kg (10-fold slip)", LIM_DEFAULT, 70, 1, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, KET_ITEM_DOSE_PER_KG, F_HARD },
	{ "pediatric 0.5000001", LIM_PED, 20, 0.5000001, 5, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, KET_ITEM_DOSE_PER_KG, F_HARD },
	{ "0.36 with a cap", LIM_CAP10, 70, 0.36, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, KET_ITEM_DOSE_PER_KG, F_HARD },

	/* Resolution. */
	/* 7 mg / 2 = 3.5 mL, step 1 -> 4 = 8 mg: 14 %. */
	{ "rounding 14 %", LIM_DEFAULT, 70, 0.1, 2, 1, IV, RAC,
	  KET_E_RESOLUTION, KET_ITEM_ROUNDING, F_STEP },
	{ "rounding +10.2 %", LIM_DEFAULT, 50, 0.1, 5, 0.551, IV, RAC,
	  KET_E_RESOLUTION, KET_ITEM_ROUNDING, F_STEP },
	{ "rounding -10.2 %", LIM_DEFAULT, 50, 0.1, 5, 0.449, IV, RAC,
	  KET_E_RESOLUTION, KET_ITEM_ROUNDING, F_STEP },
	/* 40 x 0.05 = 2 mg / 5 = 0.4 mL, step 1: 0 steps. */
	{ "rounds to 0 steps", LIM_DEFAULT, 40, 0.05, 5, 1, IV, RAC,
	  KET_E_RESOLUTION, KET_ITEM_ROUNDING, F_STEP },
	/* 24.5 mg / 5 = 4.9 mL, step 1: 5 crosses, 4 = 20 mg is 18 %. */
	{ "hard max held down to 18 %", LIM_DEFAULT, 70, 0.35, 5, 1, IV, RAC,
	  KET_E_RESOLUTION, KET_ITEM_ROUNDING, F_STEP },

	/* Concentration. */
	{ "0.0099 mg/mL", LIM_DEFAULT, 70, 0.1, 0.0099, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "0 mg/mL", LIM_DEFAULT, 70, 0.1, 0, 0, IV, RAC, KET_E_CONCENTRATION,
	  I_CONC, F_CONC },
	{ "-0.0 mg/mL", LIM_DEFAULT, 70, 0.1, -0.0, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "-5 mg/mL", LIM_DEFAULT, 70, 0.1, -5, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "5.01 mg/mL", LIM_DEFAULT, 70, 0.1, 5.01, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	/* 5 kg x 0.1 at 10 mg/mL would be 0.05 mL, but the pediatric
	 * profile allows 5 mg/mL at most. */
	{ "pediatric 10 mg/mL", LIM_PED, 5, 0.1, 10, 0.01, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "no profile max: 100.1 mg/mL", LIM_NOCONC, 70, 0.1, 100.1, 0, SC,
	  RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "no profile max: IV 50.01", LIM_NOCONC, 70, 0.1, 50.01, 0, IV, RAC,
	  KET_E_CONTRAINDICATED, I_CONC, F_CONC },
	{ "no profile max: IV 100", LIM_NOCONC, 70, 0.1, 100, 0, IV, RAC,
	  KET_E_CONTRAINDICATED, I_CONC, F_CONC },

	/* Syringe step: 0 or (0, 1]. */
	{ "step 1.01", LIM_DEFAULT, 70, 0.1, 1, 1.01, IV, RAC, KET_E_RANGE,
	  KET_ITEM_DEVICE_STEP, F_STEP },
	{ "step 10", LIM_DEFAULT, 70, 0.1, 1, 10, IV, RAC, KET_E_RANGE,
	  KET_ITEM_DEVICE_STEP, F_STEP },
	{ "step -0.1", LIM_DEFAULT, 70, 0.1, 1, -0.1, IV, RAC, KET_E_RANGE,
	  KET_ITEM_DEVICE_STEP, F_STEP },
	{ "step -1", LIM_DEFAULT, 70, 0.1, 1, -1, IV, RAC, KET_E_RANGE,
	  KET_ITEM_DEVICE_STEP, F_STEP },

	/* Routes. */
	{ "route IM", LIM_DEFAULT, 70, 0.1, 1, 0.1, KET_ROUTE_IM, RAC,
	  KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route oral", LIM_DEFAULT, 70, 0.1, 1, 0.1, KET_ROUTE_ORAL, RAC,
	  KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route sublingual", LIM_DEFAULT, 70, 0.1, 1, 0.1,
	  KET_ROUTE_SUBLINGUAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route intranasal", LIM_DEFAULT, 70, 0.1, 1, 0.1,
	  KET_ROUTE_INTRANASAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route rectal", LIM_DEFAULT, 70, 0.1, 1, 0.1, KET_ROUTE_RECTAL, RAC,
	  KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route transdermal", LIM_DEFAULT, 70, 0.1, 1, 0.1,
	  KET_ROUTE_TRANSDERMAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route epidural", LIM_DEFAULT, 70, 0.1, 1, 0.1, KET_ROUTE_EPIDURAL,
	  RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route intrathecal", LIM_DEFAULT, 70, 0.1, 1, 0.1,
	  KET_ROUTE_INTRATHECAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route 10", LIM_DEFAULT, 70, 0.1, 1, 0.1, 10, RAC, KET_E_ROUTE,
	  KET_ITEM_ROUTE, "route" },
	{ "route -1", LIM_DEFAULT, 70, 0.1, 1, 0.1, -1, RAC, KET_E_ROUTE,
	  KET_ITEM_ROUTE, "route" },

	/* Forms. */
	{ "esketamine, racemic limits", LIM_DEFAULT, 70, 0.1, 1, 0.1, IV, ESK,
	  KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "arketamine, racemic limits", LIM_DEFAULT, 70, 0.1, 1, 0.1, IV,
	  KET_FORM_ARKETAMINE, KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "racemic, esketamine limits", LIM_ESK, 70, 0.1, 1, 0.1, IV, RAC,
	  KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "form 3", LIM_DEFAULT, 70, 0.1, 1, 0.1, IV, 3, KET_E_RANGE,
	  KET_ITEM_FORM, "form" },
	{ "form -1", LIM_DEFAULT, 70, 0.1, 1, 0.1, IV, -1, KET_E_RANGE,
	  KET_ITEM_FORM, "form" },

	/* Dose and weight. */
	{ "dose 0", LIM_DEFAULT, 70, 0, 1, 0.1, IV, RAC, KET_E_DOSE,
	  KET_ITEM_DOSE, "dose_mg_per_kg" },
	{ "dose -0.0", LIM_DEFAULT, 70, -0.0, 1, 0.1, IV, RAC, KET_E_DOSE,
	  KET_ITEM_DOSE, "dose_mg_per_kg" },
	{ "dose -0.1", LIM_DEFAULT, 70, -0.1, 1, 0.1, IV, RAC, KET_E_DOSE,
	  KET_ITEM_DOSE, "dose_mg_per_kg" },
	{ "weight 0.49", LIM_DEFAULT, 0.49, 0.1, 1, 0, IV, RAC, KET_E_WEIGHT,
	  KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight 350.01", LIM_DEFAULT, 350.01, 0.1, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight 0", LIM_DEFAULT, 0, 0.1, 1, 0.1, IV, RAC, KET_E_WEIGHT,
	  KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight -0.0", LIM_DEFAULT, -0.0, 0.1, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },

	/* Limits: the whole struct is validated. */
	{ "limits: bolus hard max 0", LIM_BAD_BOLUS, 70, 0.1, 1, 0.1, IV, RAC,
	  KET_E_LIMITS, KET_ITEM_LIMITS, F_HARD },
	{ "limits: infusion hard max NaN", LIM_BAD_INF, 70, 0.1, 1, 0.1, IV,
	  RAC, KET_E_LIMITS, KET_ITEM_LIMITS,
	  "infusion_hard_max_mg_per_kg_per_h" },

	/* Several faults. */
	{ "NaN dose + bad limits", LIM_BAD_BOLUS, 70, (double)NAN, 1, 0.1, IV,
	  RAC, KET_E_NOT_FINITE, KET_ITEM_DOSE, "dose_mg_per_kg" },
	{ "NaN weight + Inf step", LIM_DEFAULT, (double)NAN, 0.1, 1,
	  (double)INFINITY, IV, RAC, KET_E_NOT_FINITE, KET_ITEM_WEIGHT,
	  "weight_kg" },
	{ "bad limits + route IM", LIM_BAD_BOLUS, 70, 0.1, 1, 0.1,
	  KET_ROUTE_IM, RAC, KET_E_LIMITS, KET_ITEM_LIMITS, F_HARD },
	{ "route IM + weight 0.4", LIM_DEFAULT, 0.4, 0.1, 1, 0.1,
	  KET_ROUTE_IM, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route oral + esketamine", LIM_DEFAULT, 70, 0.1, 1, 0.1,
	  KET_ROUTE_ORAL, ESK, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "form 4 + weight 0.4", LIM_DEFAULT, 0.4, 0.1, 1, 0.1, IV, 4,
	  KET_E_RANGE, KET_ITEM_FORM, "form" },
	{ "esketamine + dose 0.5", LIM_DEFAULT, 70, 0.5, 1, 0.1, IV, ESK,
	  KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "weight 0.4 + dose 0", LIM_DEFAULT, 0.4, 0, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "dose 0 + concentration 0", LIM_DEFAULT, 70, 0, 0, 0.1, IV, RAC,
	  KET_E_DOSE, KET_ITEM_DOSE, "dose_mg_per_kg" },
	{ "concentration 5.01 + step 2", LIM_DEFAULT, 70, 0.1, 5.01, 2, IV,
	  RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "IV 50.01 + step 2", LIM_NOCONC, 70, 0.1, 50.01, 2, IV, RAC,
	  KET_E_CONTRAINDICATED, I_CONC, F_CONC },
	{ "step 2 + dose 0.5", LIM_DEFAULT, 70, 0.5, 1, 2, IV, RAC,
	  KET_E_RANGE, KET_ITEM_DEVICE_STEP, F_STEP },
	{ "dose 0.5 + coarse step", LIM_DEFAULT, 70, 0.5, 2, 1, IV, RAC,
	  KET_E_HARD_LIMIT, KET_ITEM_DOSE_PER_KG, F_HARD },
};

START_TEST(test_bolus_error)
{
	const struct err_row *row = &err_rows[_i];
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report report;
	ket_status st;

	make_limits(row->lim, &lim);
	set_order(&order, row->weight_kg, row->dose, row->conc, row->step,
	          row->route, row->form);
	prefill(&out, &report);
	st = ket_bolus_dose(&order, &lim, &out, &report);
	ck_assert_msg(st == row->status, "%s: status %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->status));
	expect_failsafe(row->name, &out);
	expect_last_finding(row->name, &report, row->status, row->item,
	                    row->field);

	prefill(&out, NULL);
	st = ket_bolus_dose(&order, &lim, &out, NULL);
	ck_assert_msg(st == row->status, "%s: without a report: %s",
	              row->name, ket_status_name(st));
	expect_failsafe(row->name, &out);
}
END_TEST

static const char *const nf_fields[] = {
	"weight_kg", "dose_mg_per_kg", "concentration_mg_per_ml",
	"syringe_step_ml"
};
static const int nf_items[] = {
	KET_ITEM_WEIGHT, KET_ITEM_DOSE, KET_ITEM_CONCENTRATION,
	KET_ITEM_DEVICE_STEP
};
static const double nf_values[] = {
	(double)NAN, (double)INFINITY, -(double)INFINITY
};
static const char *const nf_names[] = { "NaN", "+Inf", "-Inf" };

START_TEST(test_bolus_not_finite)
{
	int fi = _i / 3, vi = _i % 3;
	double v = nf_values[vi];
	char label[96];
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report report;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, 1, 0.1, IV, RAC);
	if (fi == 0)
		order.weight_kg = v;
	else if (fi == 1)
		order.dose_mg_per_kg = v;
	else if (fi == 2)
		order.concentration_mg_per_ml = v;
	else
		order.syringe_step_ml = v;
	snprintf(label, sizeof label, "%s %s", nf_fields[fi], nf_names[vi]);
	prefill(&out, &report);
	st = ket_bolus_dose(&order, &lim, &out, &report);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s: status %s", label,
	              ket_status_name(st));
	expect_failsafe(label, &out);
	expect_last_finding(label, &report, KET_E_NOT_FINITE, nf_items[fi],
	                    nf_fields[fi]);
}
END_TEST

START_TEST(test_bolus_null)
{
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report report;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, 1, 0.1, IV, RAC);

	prefill(&out, &report);
	st = ket_bolus_dose(NULL, &lim, &out, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL order", &out);
	expect_last_finding("NULL order", &report, KET_E_NULL, KET_ITEM_NONE,
	                    NULL);
	prefill(&out, &report);
	st = ket_bolus_dose(&order, NULL, &out, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL limits", &out);
	expect_last_finding("NULL limits", &report, KET_E_NULL, KET_ITEM_NONE,
	                    NULL);
	st = ket_bolus_dose(&order, &lim, NULL, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	st = ket_bolus_dose(NULL, NULL, NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	order.dose_mg_per_kg = tu_nan();
	st = ket_bolus_dose(&order, &lim, NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

/* The value and the bound of a failed input's finding. */
START_TEST(test_bolus_error_bounds)
{
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report r;
	const ket_finding *f;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, 1, 1.01, IV, RAC);
	prefill(&out, &r);
	st = ket_bolus_dose(&order, &lim, &out, &r);
	ck_assert_int_eq(st, KET_E_RANGE);
	ck_assert_uint_ge(r.count, 1);
	f = &r.findings[r.count - 1];
	ck_assert_msg(tu_close(f->value, 1.01, 1e-12, 0), "value %.17g",
	              f->value);
	ck_assert_msg(tu_close(f->limit, 1, 1e-12, 0), "limit %.17g",
	              f->limit);
	ck_assert_str_eq(f->unit, "mL");

	set_order(&order, 350.01, 0.1, 1, 0.1, IV, RAC);
	prefill(&out, &r);
	st = ket_bolus_dose(&order, &lim, &out, &r);
	ck_assert_int_eq(st, KET_E_WEIGHT);
	f = &r.findings[r.count - 1];
	ck_assert_msg(tu_close(f->value, 350.01, 1e-12, 0), "value %.17g",
	              f->value);
	ck_assert_msg(tu_close(f->limit, 350, 1e-12, 0), "limit %.17g",
	              f->limit);
	ck_assert_str_eq(f->unit, "kg");
}
END_TEST

/* ----------------------------------------------------------- findings */

static void run_bolus(int lim_kind, double weight, double dose, double conc,
		      double step, ket_status want, ket_bolus *out,
		      ket_report *report)
{
	ket_limits lim;
	ket_bolus_order order;
	ket_status st;

	make_limits(lim_kind, &lim);
	set_order(&order, weight, dose, conc, step, IV, RAC);
	prefill(out, report);
	st = ket_bolus_dose(&order, &lim, out, report);
	ck_assert_msg(st == want, "status %s, want %s", ket_status_name(st),
	              ket_status_name(want));
}

START_TEST(test_finding_hard)
{
	ket_bolus out;
	ket_report r;
	const ket_finding *f;

	run_bolus(LIM_DEFAULT, 70, 0.3500001, 1, 0.1, KET_E_HARD_LIMIT, &out,
	          &r);
	ck_assert_uint_eq(r.count, 1);
	f = &r.findings[0];
	ck_assert_int_eq(f->status, KET_E_HARD_LIMIT);
	ck_assert_int_eq(f->item, KET_ITEM_DOSE_PER_KG);
	ck_assert_str_eq(f->field, F_HARD);
	ck_assert_str_eq(f->unit, "mg/kg");
	ck_assert_msg(tu_close(f->value, 0.3500001, 1e-12, 0), "%.17g",
	              f->value);
	ck_assert_msg(tu_close(f->limit, 0.35, 1e-12, 0), "%.17g", f->limit);
}
END_TEST

START_TEST(test_finding_soft_per_kg)
{
	ket_bolus out;
	ket_report r;

	/* Ordered and delivered both cross: one finding, the ordered. */
	run_bolus(LIM_DEFAULT, 70, 0.21, 1, 0.1, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft per kg", &r.findings[0], W_MAX,
	               KET_ITEM_DOSE_PER_KG, "bolus_soft_max_mg_per_kg", 0.21,
	               0.2, "mg/kg");
	/* Delivered only: 14.1 mL x 1 mg/mL / 70 kg. */
	run_bolus(LIM_DEFAULT, 70, 0.2, 1, 0.3, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("delivered soft per kg", &r.findings[0], W_MAX,
	               KET_ITEM_DOSE_PER_KG, "bolus_soft_max_mg_per_kg",
	               14.1 / 70, 0.2, "mg/kg");
}
END_TEST

START_TEST(test_finding_soft_mg)
{
	ket_bolus out;
	ket_report r;

	run_bolus(LIM_DEFAULT, 130, 0.2, 1, 0.1, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft mg", &r.findings[0], W_MAX, KET_ITEM_DOSE,
	               "bolus_soft_max_mg", 26, 25, "mg");
}
END_TEST

START_TEST(test_finding_cap)
{
	ket_bolus out;
	ket_report r;

	run_bolus(LIM_CAP10, 70, 0.2, 1, 0.1, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("cap", &r.findings[0], W_CAP, KET_ITEM_DOSE,
	               "bolus_cap_mg", 14, 10, "mg");
}
END_TEST

START_TEST(test_finding_small_volume)
{
	ket_bolus out;
	ket_report r;

	run_bolus(LIM_PED, 4, 0.1, 5, 0.01, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("small volume", &r.findings[0], W_SMALL,
	               KET_ITEM_VOLUME, "volume_ml", 0.08, 0.1, "mL");
}
END_TEST

START_TEST(test_finding_rounded)
{
	ket_bolus out;
	ket_report r;

	/* 6.83 mg -> 7 mL: 0.17 / 6.83 = 2.489 %. */
	run_bolus(LIM_DEFAULT, 68.3, 0.1, 1, 1, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("rounded", &r.findings[0], W_RND, KET_ITEM_ROUNDING,
	               F_STEP, 0.17 / 6.83 * 100, 1, "%");
}
END_TEST

START_TEST(test_finding_weight)
{
	ket_bolus out;
	ket_report r;

	run_bolus(LIM_DEFAULT, 151, 0.1, 1, 0.1, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("heavy", &r.findings[0], W_WT, KET_ITEM_WEIGHT,
	               "weight_soft_max_kg", 151, 150, "kg");
}
END_TEST

/* --------------------------------------------------------- properties */

static const double grid_steps[] = {
	0.01, 0.03, 0.07, 0.1, 0.13, 0.25, 0.3, 0.7, 1
};
static const double grid_weights[] = { 40.4, 57.3, 70, 83.1 };
static const double grid_concs[] = { 1, 2, 5 };

START_TEST(test_prop_never_above_hard)
{
	ket_limits lim;
	int si, wi, ci, k, ok = 0;

	make_limits(LIM_DEFAULT, &lim);
	for (si = 0; si < TU_ROWS(grid_steps); si++)
	for (wi = 0; wi < TU_ROWS(grid_weights); wi++)
	for (ci = 0; ci < TU_ROWS(grid_concs); ci++)
	for (k = 0; k <= 20; k++) {
		/* 0.30 .. 0.35 mg/kg */
		double d = 0.30 + 0.0025 * k;
		double w = grid_weights[wi];
		ket_bolus_order o;
		ket_bolus b;
		ket_status st;

		if (d > 0.35)
			d = 0.35;
		set_order(&o, w, d, grid_concs[ci], grid_steps[si], IV, RAC);
		st = ket_bolus_dose(&o, &lim, &b, NULL);
		if (st == KET_E_RESOLUTION)
			continue;
		ck_assert_msg(st == KET_OK, "%g kg %g mg/kg step %g: %s", w, d,
		              grid_steps[si], ket_status_name(st));
		ok++;
		ck_assert_msg(tu_not_above(b.delivered_mg_per_kg, 0.35, 1e-9),
		              "%g kg %g mg/kg %g mg/mL step %g: %.17g mg/kg",
		              w, d, grid_concs[ci], grid_steps[si],
		              b.delivered_mg_per_kg);
		ck_assert_msg(tu_not_above(b.mg, 0.35 * w, 1e-9),
		              "%g kg %g mg/kg step %g: %.17g mg", w, d,
		              grid_steps[si], b.mg);
	}
	ck_assert_int_gt(ok, 500);
}
END_TEST

START_TEST(test_prop_never_above_cap)
{
	ket_limits lim;
	int si, ci, k;

	make_limits(LIM_CAP10, &lim);
	for (si = 0; si < TU_ROWS(grid_steps); si++)
	for (ci = 0; ci < TU_ROWS(grid_concs); ci++)
	for (k = 0; k <= 20; k++) {
		/* 9.1 .. 15.1 mg ordered against the 10 mg cap (70 kg). */
		double d = (9.1 + 0.3 * k) / 70;
		ket_bolus_order o;
		ket_bolus b;
		ket_status st;

		set_order(&o, 70, d, grid_concs[ci], grid_steps[si], IV, RAC);
		st = ket_bolus_dose(&o, &lim, &b, NULL);
		ck_assert_msg(st == KET_OK || st == KET_E_RESOLUTION,
		              "%g mg/kg: %s", d, ket_status_name(st));
		if (st == KET_OK)
			ck_assert_msg(tu_not_above(b.mg, 10, 1e-9),
			              "%g mg/kg step %g conc %g: %.17g mg", d,
			              grid_steps[si], grid_concs[ci], b.mg);
	}
}
END_TEST

/* At the hard maximum the volume is never stepped down by last-bit
 * error: w kg x 0.35 mg/kg at 0.35 mg/mL is w mL, a whole number of
 * 0.1 mL steps for w = 40.0, 40.1, ..., 150.0. */
START_TEST(test_prop_at_hard_max_not_stepped_down)
{
	ket_limits lim;
	int k;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_soft_max_mg = 0;
	for (k = 400; k <= 1500; k++) {
		double w = k / 10.0;
		ket_bolus_order o;
		ket_bolus b;
		ket_status st;

		set_order(&o, w, 0.35, 0.35, 0.1, IV, RAC);
		st = ket_bolus_dose(&o, &lim, &b, NULL);
		ck_assert_msg(st == KET_OK, "%g kg: %s", w,
		              ket_status_name(st));
		ck_assert_msg(tu_close(b.volume_ml, w, 1e-9, 0),
		              "%g kg: %.17g mL, want %g", w, b.volume_ml, w);
		ck_assert_msg(b.warnings == W_MAX, "%g kg: warnings 0x%lx", w,
		              (unsigned long)b.warnings);
	}
}
END_TEST

/* Without rounding, the dose is linear in the weight. */
START_TEST(test_prop_double_weight)
{
	static const double weights[] = { 20.3, 35, 40, 52.7, 61.1, 75 };
	static const double doses[] = { 0.03, 0.1, 0.137, 0.2, 0.35 };
	ket_limits lim;
	int wi, di;

	make_limits(LIM_DEFAULT, &lim);
	for (wi = 0; wi < TU_ROWS(weights); wi++)
	for (di = 0; di < TU_ROWS(doses); di++) {
		double w = weights[wi], d = doses[di];
		ket_bolus_order o1, o2;
		ket_bolus b1, b2;
		ket_status s1, s2;

		set_order(&o1, w, d, 1, 0, IV, RAC);
		set_order(&o2, 2 * w, d, 1, 0, IV, RAC);
		s1 = ket_bolus_dose(&o1, &lim, &b1, NULL);
		s2 = ket_bolus_dose(&o2, &lim, &b2, NULL);
		ck_assert_msg(s1 == KET_OK && s2 == KET_OK, "%g kg %g: %s/%s",
		              w, d, ket_status_name(s1), ket_status_name(s2));
		ck_assert_msg(tu_close(b2.mg, 2 * b1.mg, 1e-12, 0),
		              "%g kg %g mg/kg: %.17g vs 2 x %.17g", w, d, b2.mg,
		              b1.mg);
		ck_assert_msg(tu_close(b1.mg, w * d, 1e-12, 0),
		              "%g kg %g mg/kg: %.17g mg", w, d, b1.mg);
	}
}
END_TEST

/* ----------------------------------------------------------- coverage */

/* bolus_soft_max_mg_per_kg 0 means none: 70 kg x 0.3 mg/kg = 21 mg (under
 * the 25 mg soft maximum and the 0.35 mg/kg hard maximum) = 21 mL of
 * 1 mg/mL, 210 steps of 0.1 mL, no warning (0.3 would be above the
 * profile's 0.2 mg/kg). */
START_TEST(test_cov_no_soft_per_kg)
{
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_soft_max_mg_per_kg = 0;
	set_order(&order, 70, 0.3, 1, 0.1, IV, RAC);
	prefill(&out, &r);
	ck_assert_int_eq(ket_bolus_dose(&order, &lim, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 21, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_msg(tu_close(out.mg, 21, REL, ABS), "%.17g mg", out.mg);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg, 0.3, REL, ABS),
	              "%.17g mg/kg", out.delivered_mg_per_kg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

/* A cap above what the hard maximum allows does not loosen it: 70 kg x
 * 0.35 mg/kg = 24.5 mg = 24.5 mL of 1 mg/mL; whole 1 mL steps would round
 * to 25 mL (0.357 mg/kg, above the hard maximum), so 24 mL: 24 mg,
 * 0.342857 mg/kg, moved 0.5 / 24.5 = 2.0408 % (warns).  The 100 mg cap is
 * not reached (no KET_W_CAPPED); 0.35 is above the 0.2 mg/kg soft
 * maximum. */
START_TEST(test_cov_cap_above_hard)
{
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_cap_mg = 100;
	set_order(&order, 70, 0.35, 1, 1, IV, RAC);
	prefill(&out, &r);
	ck_assert_int_eq(ket_bolus_dose(&order, &lim, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 24, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_msg(tu_close(out.mg, 24, REL, ABS), "%.17g mg", out.mg);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg, 24.0 / 70.0, REL, ABS),
	              "%.17g mg/kg", out.delivered_mg_per_kg);
	ck_assert_uint_eq(out.warnings, W_MAX | W_RND);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("soft", &r.findings[0], W_MAX, KET_ITEM_DOSE_PER_KG,
	               "bolus_soft_max_mg_per_kg", 0.35, 0.2, "mg/kg");
	expect_finding("rounded", &r.findings[1], W_RND, KET_ITEM_ROUNDING,
	               F_STEP, 0.5 / 24.5 * 100.0, 1.0, "%");
}
END_TEST

/* Absurd but valid limits must not carry an infinite dose out as success
 * (header: KET_E_RANGE, item KET_ITEM_OTHER, as ket_infusion_rate): a hard
 * maximum of 1e308 mg/kg lets 1e307 mg/kg through, and 350 kg x 1e307 mg
 * = 3.5e309 mg is beyond the largest double (1.8e308). */
START_TEST(test_cov_overflow)
{
	ket_limits lim;
	ket_bolus_order order;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_hard_max_mg_per_kg = 1e308;
	ck_assert_int_eq(ket_limits_validate(&lim, NULL), KET_OK);
	set_order(&order, 350, 1e307, 1, 0, IV, RAC);
	prefill(&out, &r);
	ck_assert_int_eq(ket_bolus_dose(&order, &lim, &out, &r), KET_E_RANGE);
	expect_failsafe("overflow", &out);
	expect_last_finding("overflow", &r, KET_E_RANGE, KET_ITEM_OTHER, NULL);
	/* The same with a syringe step. */
	order.syringe_step_ml = 0.1;
	prefill(&out, &r);
	ck_assert_int_eq(ket_bolus_dose(&order, &lim, &out, &r), KET_E_RANGE);
	expect_failsafe("overflow, step 0.1", &out);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/).
 * Each names the rule it pins; every expectation is worked out by hand. */

static ket_status mut_bolus(const ket_limits *lim, double weight, double dose,
                            double conc, double step, ket_bolus *out,
                            ket_report *r)
{
	ket_bolus_order order;

	set_order(&order, weight, dose, conc, step, IV, RAC);
	prefill(out, r);
	return ket_bolus_dose(&order, lim, out, r);
}

/* bolus_soft_max_mg 0 means none: 70 kg x 0.1 mg/kg = 7 mg = 7 mL of
 * 1 mg/mL, no finding.  A soft maximum below 1 mg still counts: 70 kg x
 * 0.01 mg/kg = 0.7 mg = 0.7 mL (7 steps of 0.1) is above 0.5 mg. */
START_TEST(test_mut_soft_max_mg_none_and_small)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_soft_max_mg = 0;
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.1, 1, 0.1, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.mg, 7, REL, ABS), "%.17g mg", out.mg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);

	lim.bolus_soft_max_mg = 0.5;
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.01, 1, 0.1, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 0.7, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft mg", &r.findings[0], W_MAX, KET_ITEM_DOSE,
	               "bolus_soft_max_mg", 0.7, 0.5, "mg");
}
END_TEST

/* API.md "Comparisons": mg = weight x dose is computed, so within 1e-9 of
 * a limit it is at it.  50 kg x 0.14 mg/kg is 7 mg in decimal but
 * 7.000000000000001 in binary: neither the 7 mg soft maximum warns nor
 * the 7 mg cap caps. */
START_TEST(test_mut_ordered_mg_at_limit)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_soft_max_mg = 7;
	ck_assert_int_eq(mut_bolus(&lim, 50, 0.14, 1, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.mg, 7, REL, ABS), "%.17g mg", out.mg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_cap_mg = 7;
	ck_assert_int_eq(mut_bolus(&lim, 50, 0.14, 1, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.mg, 7, REL, ABS), "%.17g mg", out.mg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

/* A dose per kg typed by the caller is compared with the per-kg soft
 * maximum exactly: 0.2000000001 mg/kg (5e-10 relative above 0.2) warns;
 * 70 kg x 0.2000000001 = 14.000000007 mg, 14.000000007 mL at 1 mg/mL. */
START_TEST(test_mut_typed_per_kg_exact)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.2000000001, 1, 0, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.mg, 14.000000007, REL, ABS), "%.17g mg",
	              out.mg);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft per kg", &r.findings[0], W_MAX,
	               KET_ITEM_DOSE_PER_KG, "bolus_soft_max_mg_per_kg",
	               0.2000000001, 0.2, "mg/kg");
}
END_TEST

/* The delivered dose per kg is computed: 0.2 mg/kg x 70 kg = 14 mg =
 * 46.667 mL of 0.3 mg/mL (no step), delivered 14 mg, 0.2 mg/kg - in
 * binary 0.20000000000000004, which is at the 0.2 soft maximum, not above
 * it: no warning. */
START_TEST(test_mut_delivered_per_kg_at_limit)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.2, 0.3, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 14 / 0.3, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg, 0.2, REL, ABS),
	              "%.17g mg/kg", out.delivered_mg_per_kg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

/* The volume is computed: 50 kg x 0.006 mg/kg = 0.3 mg = 0.1 mL of
 * 3 mg/mL (no step), 0.09999999999999999 in binary: at KET_VOLUME_SMALL_ML,
 * not below it. */
START_TEST(test_mut_volume_at_small)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_bolus(&lim, 50, 0.006, 3, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 0.1, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

/* A cap below 1 mg caps, and rounding never crosses it: 70 kg x
 * 0.02 mg/kg = 1.4 mg, capped to 0.9375 mg = 7.5 mL of 0.125 mg/mL; whole
 * 1 mL steps would round to 8 mL = 1 mg, above the cap, so 7 mL =
 * 0.875 mg, 0.0125 mg/kg, moved 0.0625 / 0.9375 = 6.667 % (warns). */
START_TEST(test_mut_small_cap_not_crossed)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.bolus_cap_mg = 0.9375;
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.02, 0.125, 1, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 7, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_msg(tu_close(out.mg, 0.875, REL, ABS), "%.17g mg", out.mg);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg, 0.0125, REL, ABS),
	              "%.17g mg/kg", out.delivered_mg_per_kg);
	ck_assert_uint_eq(out.warnings, W_CAP | W_RND);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("cap", &r.findings[0], W_CAP, KET_ITEM_DOSE,
	               "bolus_cap_mg", 1.4, 0.9375, "mg");
	expect_finding("rounded", &r.findings[1], W_RND, KET_ITEM_ROUNDING,
	               F_STEP, 0.0625 / 0.9375 * 100.0, 1.0, "%");
}
END_TEST

/* The validation stages (lib/check.c) through ket_bolus_dose, with the
 * value and bound each finding carries. */
static void expect_bound(const char *label, const ket_report *r,
                         double value, double limit)
{
	const ket_finding *f = &r->findings[r->count - 1];

	ck_assert_msg(tu_close(f->value, value, REL, ABS),
	              "%s: value %.17g, want %.17g", label, f->value, value);
	ck_assert_msg(tu_close(f->limit, limit, REL, ABS),
	              "%s: limit %.17g, want %.17g", label, f->limit, limit);
}

START_TEST(test_mut_check_stages)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	/* A soft minimum weight of 1 kg counts: 0.5 kg x 0.1 mg/kg =
	 * 0.05 mg = 0.5 mL of 0.1 mg/mL, an unusual weight. */
	make_limits(LIM_DEFAULT, &lim);
	lim.weight_soft_min_kg = 1;
	ck_assert_int_eq(mut_bolus(&lim, 0.5, 0.1, 0.1, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 0.5, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_uint_eq(out.warnings, W_WT);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft min 1 kg", &r.findings[0], W_WT,
	               KET_ITEM_WEIGHT, "weight_soft_min_kg", 0.5, 1, "kg");

	/* So does a soft maximum of 1 kg: 2 kg x 0.1 mg/kg = 0.2 mg = 2 mL. */
	lim.weight_soft_min_kg = 0;
	lim.weight_soft_max_kg = 1;
	ck_assert_int_eq(mut_bolus(&lim, 2, 0.1, 0.1, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 2, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_uint_eq(out.warnings, W_WT);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft max 1 kg", &r.findings[0], W_WT,
	               KET_ITEM_WEIGHT, "weight_soft_max_kg", 2, 1, "kg");

	/* A concentration maximum below 1 mg/mL counts. */
	make_limits(LIM_DEFAULT, &lim);
	lim.concentration_max_mg_per_ml = 0.5;
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.1, 1, 0.1, &out, &r),
	                 KET_E_CONCENTRATION);
	expect_failsafe("concentration max 0.5", &out);
	expect_last_finding("concentration max 0.5", &r, KET_E_CONCENTRATION,
	                    I_CONC, F_CONC);
	expect_bound("concentration max 0.5", &r, 1, 0.5);

	/* A negative step is refused against 0. */
	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.1, 1, -0.1, &out, &r),
	                 KET_E_RANGE);
	expect_last_finding("step -0.1", &r, KET_E_RANGE,
	                    KET_ITEM_DEVICE_STEP, F_STEP);
	expect_bound("step -0.1", &r, -0.1, 0);

	/* A dose of 0 is refused against 0 ("must be above 0"). */
	ck_assert_int_eq(mut_bolus(&lim, 70, 0, 1, 0.1, &out, &r), KET_E_DOSE);
	expect_last_finding("dose 0", &r, KET_E_DOSE, KET_ITEM_DOSE,
	                    "dose_mg_per_kg");
	expect_bound("dose 0", &r, 0, 0);

	/* A typed dose exactly at the per-kg soft maximum is at it, not
	 * above: 70 kg x 0.2 mg/kg = 14 mg = 14 mL, no finding. */
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.2, 1, 0, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.mg, 14, REL, ABS), "%.17g mg", out.mg);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
}
END_TEST

/* Rounding to the nearest whole step (API.md rule 4): 100 kg x
 * 0.100497 mg/kg = 10.0497 mg = 10.0497 mL, 100.497 steps of 0.1 mL:
 * 100 steps, 10 mL (moved 0.49 %, no warning).  A volume that rounds to
 * 0 steps is refused, the finding saying 100 %: 70 kg x 0.001 mg/kg =
 * 0.07 mL, 0.14 steps of 0.5 mL. */
START_TEST(test_mut_nearest_step)
{
	ket_limits lim;
	ket_bolus out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_bolus(&lim, 100, 0.100497, 1, 0.1, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.volume_ml, 10, REL, ABS), "%.17g mL",
	              out.volume_ml);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_int_eq(mut_bolus(&lim, 70, 0.001, 1, 0.5, &out, &r),
	                 KET_E_RESOLUTION);
	expect_last_finding("0 steps", &r, KET_E_RESOLUTION,
	                    KET_ITEM_ROUNDING, F_STEP);
	expect_bound("0 steps", &r, 100, 10);
}
END_TEST

Suite *ket_suite_bolus(void)
{
	Suite *s = suite_create("bolus");
	TCase *tc;

	tc = tcase_create("dose");
	tcase_add_loop_test(tc, test_bolus_ok, 0, TU_ROWS(ok_rows));
	tcase_add_test(tc, test_bolus_example);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bolus_error, 0, TU_ROWS(err_rows));
	tcase_add_loop_test(tc, test_bolus_not_finite, 0,
	                    TU_ROWS(nf_fields) * TU_ROWS(nf_values));
	tcase_add_test(tc, test_bolus_null);
	tcase_add_test(tc, test_bolus_error_bounds);
	suite_add_tcase(s, tc);

	tc = tcase_create("findings");
	tcase_add_test(tc, test_finding_hard);
	tcase_add_test(tc, test_finding_soft_per_kg);
	tcase_add_test(tc, test_finding_soft_mg);
	tcase_add_test(tc, test_finding_cap);
	tcase_add_test(tc, test_finding_small_volume);
	tcase_add_test(tc, test_finding_rounded);
	tcase_add_test(tc, test_finding_weight);
	suite_add_tcase(s, tc);

	tc = tcase_create("properties");
	tcase_add_test(tc, test_prop_never_above_hard);
	tcase_add_test(tc, test_prop_never_above_cap);
	tcase_add_test(tc, test_prop_at_hard_max_not_stepped_down);
	tcase_add_test(tc, test_prop_double_weight);
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_test(tc, test_cov_no_soft_per_kg);
	tcase_add_test(tc, test_cov_cap_above_hard);
	tcase_add_test(tc, test_cov_overflow);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_soft_max_mg_none_and_small);
	tcase_add_test(tc, test_mut_ordered_mg_at_limit);
	tcase_add_test(tc, test_mut_typed_per_kg_exact);
	tcase_add_test(tc, test_mut_delivered_per_kg_at_limit);
	tcase_add_test(tc, test_mut_volume_at_small);
	tcase_add_test(tc, test_mut_small_cap_not_crossed);
	tcase_add_test(tc, test_mut_check_stages);
	tcase_add_test(tc, test_mut_nearest_step);
	suite_add_tcase(s, tc);

	return s;
}
