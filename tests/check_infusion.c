/*
 * check_infusion.c - ket_infusion_rate and ket_infusion_check.
 *
 * Every expected rate is worked out by hand from API.md's rules (comments on
 * the rows show the arithmetic): mg/h = weight x dose per kg; rate = mg/h /
 * concentration rounded to whole pump steps, n = floor(rate / step + 0.5),
 * never above the steps a hard limit or cap allows; the deviation
 * |delivered - ordered| / ordered warns above 1 % and refuses above 10 %.
 * The delivered figures are derived in the test from the expected rate
 * (delivered mg/h = rate x concentration, per kg = / weight, mcg/kg/min =
 * x 1000 / 60, 24 h = x 24).
 */
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "suites.h"
#include "testutil.h"

#define REL 1e-9   /* relative tolerance on every computed dose */
#define ABS 1e-12  /* absolute floor, in the value's unit */

/* Short names for the tables. */
#define IV KET_ROUTE_IV
#define SC KET_ROUTE_SC
#define RAC KET_FORM_RACEMIC
#define ESK KET_FORM_ESKETAMINE
#define MGKGH KET_UNIT_MG_PER_KG_PER_H
#define UGKGMIN KET_UNIT_MCG_PER_KG_PER_MIN
#define UGKGH KET_UNIT_MCG_PER_KG_PER_H
#define MGKGMIN KET_UNIT_MG_PER_KG_PER_MIN
#define MGH KET_UNIT_MG_PER_H
#define MGMIN KET_UNIT_MG_PER_MIN
#define MG24H KET_UNIT_MG_PER_24H
#define W_MIN KET_W_BELOW_SOFT_MIN
#define W_MAX KET_W_ABOVE_SOFT_MAX
#define W_HARD KET_W_ABOVE_HARD_MAX
#define W_CAP KET_W_CAPPED
#define W_RND KET_W_ROUNDED
#define W_LOW KET_W_LOW_PUMP_RATE
#define W_WT KET_W_UNUSUAL_WEIGHT
#define NO_ITEM (-1) /* do not check the finding */

/* ------------------------------------------------------------ limits */

enum {
	LIM_DEFAULT,        /* LOW_DOSE_ANALGESIA: 0.05/0.2/0.5, 25 mg/h */
	LIM_PALL,           /* PALLIATIVE_BURST: daily 500/700, conc 50 */
	LIM_PED,            /* PEDIATRIC_ANALGESIA */
	LIM_CAP20,          /* default + infusion_cap_mg_per_h 20 */
	LIM_NOCONC,         /* default + concentration_max_mg_per_ml 0 */
	LIM_DAILY150,       /* default + daily_hard_max_mg_per_24h 150 */
	LIM_DAILY168,       /* default + daily_hard_max_mg_per_24h 168 */
	LIM_CAP10_DAILY300, /* default + cap 10 mg/h + daily hard 300 */
	LIM_ESK,            /* default written for esketamine */
	LIM_BAD_HARD0,      /* default with infusion hard max 0: invalid */
	LIM_BAD_FORM,       /* default with form 9: invalid */
	LIM_NOWEIGHT        /* default without a soft weight range */
};

static void make_limits(int kind, ket_limits *l)
{
	ket_profile p = KET_PROFILE_LOW_DOSE_ANALGESIA;
	ket_status st;

	if (kind == LIM_PALL)
		p = KET_PROFILE_PALLIATIVE_BURST;
	else if (kind == LIM_PED)
		p = KET_PROFILE_PEDIATRIC_ANALGESIA;
	st = ket_limits_for_profile(p, l);
	ck_assert_int_eq(st, KET_OK);
	switch (kind) {
	case LIM_CAP20:
		l->infusion_cap_mg_per_h = 20;
		break;
	case LIM_NOCONC:
		l->concentration_max_mg_per_ml = 0;
		break;
	case LIM_DAILY150:
		l->daily_hard_max_mg_per_24h = 150;
		break;
	case LIM_DAILY168:
		l->daily_hard_max_mg_per_24h = 168;
		break;
	case LIM_CAP10_DAILY300:
		l->infusion_cap_mg_per_h = 10;
		l->daily_hard_max_mg_per_24h = 300;
		break;
	case LIM_ESK:
		l->form = KET_FORM_ESKETAMINE;
		break;
	case LIM_BAD_HARD0:
		l->infusion_hard_max_mg_per_kg_per_h = 0;
		break;
	case LIM_BAD_FORM:
		l->form = 9;
		break;
	case LIM_NOWEIGHT:
		l->weight_soft_min_kg = 0;
		l->weight_soft_max_kg = 0;
		break;
	default:
		break;
	}
}

static void set_order(ket_infusion_order *o, double weight, double dose,
		      int unit, double conc, double step, int route, int form)
{
	memset(o, 0, sizeof *o);
	o->weight_kg = weight;
	o->dose = dose;
	o->dose_unit = unit;
	o->concentration_mg_per_ml = conc;
	o->pump_step_ml_per_h = step;
	o->route = route;
	o->form = form;
}

static void prefill(ket_infusion *out, ket_report *report)
{
	out->mg_per_h = TU_UNSET;
	out->rate_ml_per_h = TU_UNSET;
	out->delivered_mg_per_h = TU_UNSET;
	out->delivered_mg_per_kg_per_h = TU_UNSET;
	out->delivered_mcg_per_kg_per_min = TU_UNSET;
	out->delivered_mg_per_24h = TU_UNSET;
	out->warnings = UINT32_C(0xffffffff);
	if (report != NULL)
		memset(report, 0xA5, sizeof *report);
}

/* Fail-safe outputs: every double NaN, warnings 0. */
static void expect_failsafe(const char *label, const ket_infusion *out)
{
	ck_assert_msg(isnan(out->mg_per_h), "%s: mg_per_h %.17g", label,
	              out->mg_per_h);
	ck_assert_msg(isnan(out->rate_ml_per_h), "%s: rate %.17g", label,
	              out->rate_ml_per_h);
	ck_assert_msg(isnan(out->delivered_mg_per_h), "%s: delivered %.17g",
	              label, out->delivered_mg_per_h);
	ck_assert_msg(isnan(out->delivered_mg_per_kg_per_h),
	              "%s: delivered per kg %.17g", label,
	              out->delivered_mg_per_kg_per_h);
	ck_assert_msg(isnan(out->delivered_mcg_per_kg_per_min),
	              "%s: delivered mcg/kg/min %.17g", label,
	              out->delivered_mcg_per_kg_per_min);
	ck_assert_msg(isnan(out->delivered_mg_per_24h),
	              "%s: delivered 24 h %.17g", label,
	              out->delivered_mg_per_24h);
	ck_assert_msg(out->warnings == 0, "%s: warnings 0x%lx", label,
	              (unsigned long)out->warnings);
}

/* The delivered figures follow from the rate, the concentration and the
 * weight. */
static void expect_delivered(const char *label, const ket_infusion *out,
			     double want_rate, double conc, double weight)
{
	double mg_h = want_rate * conc;
	double per_kg = mg_h / weight;
	double ug_kg_min = mg_h * 1000.0 / 60.0 / weight;
	double day = mg_h * 24.0;

	ck_assert_msg(tu_close(out->rate_ml_per_h, want_rate, REL, ABS),
	              "%s: rate %.17g mL/h, want %.17g", label,
	              out->rate_ml_per_h, want_rate);
	ck_assert_msg(tu_close(out->delivered_mg_per_h, mg_h, REL, ABS),
	              "%s: delivered %.17g mg/h, want %.17g", label,
	              out->delivered_mg_per_h, mg_h);
	ck_assert_msg(tu_close(out->delivered_mg_per_kg_per_h, per_kg, REL,
	              ABS), "%s: delivered %.17g mg/kg/h, want %.17g", label,
	              out->delivered_mg_per_kg_per_h, per_kg);
	ck_assert_msg(tu_close(out->delivered_mcg_per_kg_per_min, ug_kg_min,
	              REL, ABS), "%s: delivered %.17g mcg/kg/min, want %.17g",
	              label, out->delivered_mcg_per_kg_per_min, ug_kg_min);
	ck_assert_msg(tu_close(out->delivered_mg_per_24h, day, REL, ABS),
	              "%s: delivered %.17g mg/24 h, want %.17g", label,
	              out->delivered_mg_per_24h, day);
}

/* A successful result's report: warnings only, and together exactly the
 * warnings field. */
static void expect_warning_report(const char *label, const ket_infusion *out,
				  const ket_report *report)
{
	uint32_t bits = 0;
	size_t i;

	ck_assert_msg(report->count <= KET_REPORT_MAX, "%s: count %lu", label,
	              (unsigned long)report->count);
	ck_assert_uint_eq(report->dropped, 0);
	for (i = 0; i < report->count; i++) {
		const ket_finding *f = &report->findings[i];

		ck_assert_msg(f->status == KET_OK, "%s: finding %lu status %s",
		              label, (unsigned long)i,
		              ket_status_name((ket_status)f->status));
		ck_assert_msg(ket_warning_name(f->warning) != NULL,
		              "%s: finding %lu warning 0x%lx", label,
		              (unsigned long)i, (unsigned long)f->warning);
		ck_assert_msg(f->unit != NULL && f->field != NULL,
		              "%s: finding %lu NULL string", label,
		              (unsigned long)i);
		bits |= f->warning;
	}
	ck_assert_msg(bits == out->warnings, "%s: findings 0x%lx, warnings "
	              "0x%lx", label, (unsigned long)bits,
	              (unsigned long)out->warnings);
}

/* The last finding of a refused order. */
static void expect_last_finding(const char *label, const ket_report *report,
				ket_status status, int item, const char *field)
{
	const ket_finding *f;

	ck_assert_msg(report->count >= 1 && report->count <= KET_REPORT_MAX,
	              "%s: %lu findings", label, (unsigned long)report->count);
	f = &report->findings[report->count - 1];
	ck_assert_msg(f->status == (int32_t)status,
	              "%s: last finding %s, want %s", label,
	              ket_status_name((ket_status)f->status),
	              ket_status_name(status));
	ck_assert_msg(f->warning == 0, "%s: error finding warning 0x%lx",
	              label, (unsigned long)f->warning);
	ck_assert_msg(f->unit != NULL && f->field != NULL,
	              "%s: NULL unit or field", label);
	if (item == NO_ITEM)
		return;
	ck_assert_msg(f->item == item, "%s: item %d, want %d", label,
	              (int)f->item, item);
	if (field != NULL)
		ck_assert_msg(strcmp(f->field, field) == 0,
		              "%s: field \"%s\", want \"%s\"", label, f->field,
		              field);
}

/* ------------------------------------------------ ket_infusion_rate: OK */

struct ok_row {
	const char *name;
	int lim;
	double weight_kg, dose;
	int unit;
	double conc, step;
	int route, form;
	double want_mg_per_h, want_rate;
	uint32_t want_warnings;
};

static const struct ok_row ok_rows[] = {
	/* 70 x 0.1 = 7 mg/h; / 1 mg/mL = 7 mL/h = 70 steps. */
	{ "70 kg 0.1 mg/kg/h 1 mg/mL step 0.1", LIM_DEFAULT, 70, 0.1, MGKGH,
	  1, 0.1, IV, RAC, 7, 7, 0 },
	{ "step 0: no rounding", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0, IV, RAC,
	  7, 7, 0 },
	{ "step -0.0 is 0", LIM_DEFAULT, 70, 0.1, MGKGH, 1, -0.0, IV, RAC,
	  7, 7, 0 },
	{ "subcutaneous", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, SC, RAC,
	  7, 7, 0 },
	{ "2 mg/mL: 3.5 mL/h", LIM_DEFAULT, 70, 0.1, MGKGH, 2, 0.1, IV, RAC,
	  7, 3.5, 0 },

	/* The seven units (70 kg, 1 mg/mL, step 0.1). */
	/* 1.5 mcg/kg/min x 60 / 1000 = 0.09 mg/kg/h; x 70 = 6.3 mg/h. */
	{ "1.5 mcg/kg/min", LIM_DEFAULT, 70, 1.5, UGKGMIN, 1, 0.1, IV, RAC,
	  6.3, 6.3, 0 },
	/* 100 mcg/kg/h = 0.1 mg/kg/h = 7 mg/h. */
	{ "100 mcg/kg/h", LIM_DEFAULT, 70, 100, UGKGH, 1, 0.1, IV, RAC,
	  7, 7, 0 },
	/* 0.002 mg/kg/min x 60 = 0.12 mg/kg/h = 8.4 mg/h. */
	{ "0.002 mg/kg/min", LIM_DEFAULT, 70, 0.002, MGKGMIN, 1, 0.1, IV, RAC,
	  8.4, 8.4, 0 },
	{ "7 mg/h absolute", LIM_DEFAULT, 70, 7, MGH, 1, 0.1, IV, RAC,
	  7, 7, 0 },
	/* 0.1 mg/min x 60 = 6 mg/h. */
	{ "0.1 mg/min", LIM_DEFAULT, 70, 0.1, MGMIN, 1, 0.1, IV, RAC,
	  6, 6, 0 },
	/* 168 mg/24 h / 24 = 7 mg/h. */
	{ "168 mg/24h", LIM_DEFAULT, 70, 168, MG24H, 1, 0.1, IV, RAC,
	  7, 7, 0 },

	/* The hard maximum 0.5 mg/kg/h itself, in several units: accepted
	 * (35 mg/h is above the 25 mg/h and 0.2 mg/kg/h soft maxima). */
	{ "0.5 mg/kg/h at the hard max", LIM_DEFAULT, 70, 0.5, MGKGH, 1, 0.1,
	  IV, RAC, 35, 35, W_MAX },
	{ "0.5/0.06 mcg/kg/min at the hard max", LIM_DEFAULT, 70, 0.5 / 0.06,
	  UGKGMIN, 1, 0.1, IV, RAC, 35, 35, W_MAX },
	{ "35 mg/h at the hard max", LIM_DEFAULT, 70, 35, MGH, 1, 0.1, IV,
	  RAC, 35, 35, W_MAX },
	{ "840 mg/24h at the hard max", LIM_DEFAULT, 70, 840, MG24H, 1, 0.1,
	  IV, RAC, 35, 35, W_MAX },
	/* API.md rule 4: 40.4 x 0.5 = 20.2 mg/h -> 202 steps, not 201. */
	{ "40.4 kg at 0.5 mg/kg/h -> 20.2 mL/h", LIM_DEFAULT, 40.4, 0.5,
	  MGKGH, 1, 0.1, IV, RAC, 20.2, 20.2, W_MAX },

	/* Rounding. */
	/* 68.3 x 0.1 = 6.83 -> 68 steps = 6.8: 0.44 %, no warning. */
	{ "rounding 0.44 %", LIM_DEFAULT, 68.3, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  6.83, 6.8, 0 },
	/* 6.83 / step 1 -> 7: 2.49 %. */
	{ "rounding 2.49 % warns", LIM_DEFAULT, 68.3, 0.1, MGKGH, 1, 1, IV,
	  RAC, 6.83, 7, W_RND },
	/* 10 mg/h, step 5.05: 1.98 steps -> 2 = 10.1: exactly 1 %. */
	{ "rounding exactly 1 %", LIM_DEFAULT, 100, 0.1, MGKGH, 1, 5.05, IV,
	  RAC, 10, 10.1, 0 },
	/* step 5.0501 -> 10.1002: 1.002 %. */
	{ "rounding 1.002 % warns", LIM_DEFAULT, 100, 0.1, MGKGH, 1, 5.0501,
	  IV, RAC, 10, 10.1002, W_RND },
	/* step 5.5: 1.82 steps -> 2 = 11: exactly 10 %, warned only. */
	{ "rounding exactly +10 %", LIM_DEFAULT, 100, 0.1, MGKGH, 1, 5.5, IV,
	  RAC, 10, 11, W_RND },
	/* step 4.5: 2.22 steps -> 2 = 9: exactly -10 %. */
	{ "rounding exactly -10 %", LIM_DEFAULT, 100, 0.1, MGKGH, 1, 4.5, IV,
	  RAC, 10, 9, W_RND },
	/* 35 mL/h / step 3 = 11.67 -> 12 = 36 would cross the hard max:
	 * n_max = floor(35 / 3) = 11 -> 33 mL/h, 5.7 %. */
	{ "rounding held below the hard max", LIM_DEFAULT, 70, 0.5, MGKGH, 1,
	  3, IV, RAC, 35, 33, W_MAX | W_RND },
	/* 35 mL/h / step 10 = 3.5 -> 4 would cross: 3 steps = 30 mL/h
	 * is 14 %: see the refusals.  Step 7: exactly 5 steps. */
	{ "hard max, step 7: 5 steps", LIM_DEFAULT, 70, 0.5, MGKGH, 1, 7, IV,
	  RAC, 35, 35, W_MAX },

	/* A half step rounds up even when the division lands just below it:
	 * 7.35 / 0.1 = 73.49999999999999 in doubles, so n = 74. */
	{ "7.35 mg/h: half a step rounds up", LIM_DEFAULT, 70, 7.35, MGH, 1,
	  0.1, IV, RAC, 7.35, 7.4, 0 },
	{ "70 kg 0.105: half a step rounds up", LIM_DEFAULT, 70, 0.105, MGKGH,
	  1, 0.1, IV, RAC, 7.35, 7.4, 0 },

	/* Cap 20 mg/h: 70 x 0.4 = 28 mg/h -> 20. */
	{ "capped at 20 mg/h", LIM_CAP20, 70, 0.4, MGKGH, 1, 0.1, IV, RAC,
	  20, 20, W_CAP | W_MAX },
	/* 20 / 3 = 6.667 mL/h / 0.4 = 16.67 -> 17 = 6.8 mL/h = 20.4 mg/h
	 * crosses the cap: n_max = 16 -> 6.4 mL/h = 19.2 mg/h, 4 %. */
	{ "capped, rounding held below the cap", LIM_CAP20, 70, 0.4, MGKGH,
	  3, 0.4, IV, RAC, 20, 6.4, W_CAP | W_MAX | W_RND },
	{ "cap not reached", LIM_CAP20, 70, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  7, 7, 0 },
	/* 70 x 0.3 = 21 -> cap 10; 24 x 10 = 240 <= daily hard 300. */
	{ "cap brings the day under the daily hard max", LIM_CAP10_DAILY300,
	  70, 0.3, MGKGH, 1, 0.1, IV, RAC, 10, 10, W_CAP | W_MAX },
	/* 24 x 7 = 168 = daily hard max 168: accepted. */
	{ "at the daily hard max", LIM_DAILY168, 70, 0.1, MGKGH, 1, 0.1, IV,
	  RAC, 7, 7, 0 },

	/* Palliative profile (daily 500 soft, 700 hard), SC, 10 mg/mL. */
	/* 480 / 24 = 20 mg/h = 2 mL/h. */
	{ "palliative 480 mg/24h", LIM_PALL, 70, 480, MG24H, 10, 0.1, SC, RAC,
	  20, 2, 0 },
	/* 500 / 24 = 20.833 mg/h = 2.0833 mL/h -> 2.1 = 21 mg/h = 504 mg/24 h:
	 * the delivered day crosses the soft max. */
	{ "palliative 500 mg/24h delivered 504", LIM_PALL, 70, 500, MG24H, 10,
	  0.1, SC, RAC, 500.0 / 24.0, 2.1, W_MAX },
	/* 600 / 24 = 25 mg/h = 2.5 mL/h: ordered above 500. */
	{ "palliative 600 mg/24h", LIM_PALL, 70, 600, MG24H, 10, 0.1, SC, RAC,
	  25, 2.5, W_MAX },
	/* 700 / 24 = 29.167 mg/h = 2.9167 mL/h -> 29 steps = 2.9 mL/h. */
	{ "palliative 700 mg/24h at the hard max", LIM_PALL, 70, 700, MG24H,
	  10, 0.1, SC, RAC, 700.0 / 24.0, 2.9, W_MAX },
	{ "palliative 700 mg/24h step 0", LIM_PALL, 70, 700, MG24H, 10, 0, SC,
	  RAC, 700.0 / 24.0, 700.0 / 240.0, W_MAX },
	/* 2.9167 / 0.3 = 9.72 -> 10 = 3 mL/h would cross the daily hard
	 * max: n_max = 9 -> 2.7 mL/h = 27 mg/h, 7.4 %. */
	{ "rounding held below the daily hard max", LIM_PALL, 70, 700, MG24H,
	  10, 0.3, SC, RAC, 700.0 / 24.0, 2.7, W_MAX | W_RND },
	{ "palliative IV at 50 mg/mL", LIM_PALL, 70, 480, MG24H, 50, 0.1, IV,
	  RAC, 20, 0.4, W_LOW },

	/* Soft limits on the ordered and on the delivered dose. */
	{ "0.04 below the soft min", LIM_DEFAULT, 70, 0.04, MGKGH, 1, 0.1, IV,
	  RAC, 2.8, 2.8, W_MIN },
	{ "0.05 at the soft min", LIM_DEFAULT, 70, 0.05, MGKGH, 1, 0.1, IV,
	  RAC, 3.5, 3.5, 0 },
	/* 70.6 x 0.05 = 3.53 -> 3.5 mL/h = 0.04958 mg/kg/h delivered. */
	{ "delivered below the soft min", LIM_DEFAULT, 70.6, 0.05, MGKGH, 1,
	  0.1, IV, RAC, 3.53, 3.5, W_MIN },
	{ "0.3 above the soft max", LIM_DEFAULT, 70, 0.3, MGKGH, 1, 0.1, IV,
	  RAC, 21, 21, W_MAX },
	{ "0.2 at the soft max", LIM_DEFAULT, 70, 0.2, MGKGH, 1, 0.1, IV, RAC,
	  14, 14, 0 },
	/* 14 / 0.3 = 46.67 -> 47 steps = 14.1 mL/h = 0.2014 mg/kg/h. */
	{ "delivered above the soft max", LIM_DEFAULT, 70, 0.2, MGKGH, 1, 0.3,
	  IV, RAC, 14, 14.1, W_MAX },
	/* 150 x 0.2 = 30 mg/h > 25 mg/h; 0.2 per kg is not above 0.2. */
	{ "150 kg 0.2: 30 mg/h above 25", LIM_DEFAULT, 150, 0.2, MGKGH, 1,
	  0.1, IV, RAC, 30, 30, W_MAX },
	{ "125 kg 0.2: 25 mg/h at the mg/h soft max", LIM_DEFAULT, 125, 0.2,
	  MGKGH, 1, 0.1, IV, RAC, 25, 25, 0 },
	/* 140 x 0.1785 = 24.99 mg/h; / 0.7 = 35.7 -> 36 = 25.2 mg/h. */
	{ "delivered above the mg/h soft max", LIM_DEFAULT, 140, 0.1785,
	  MGKGH, 1, 0.7, IV, RAC, 24.99, 25.2, W_MAX },

	/* Per-kg soft limits met after a unit conversion: at them, within
	 * 1e-9, so no warning. */
	{ "3.5 mg/h = 0.05 mg/kg/h: at the soft min", LIM_DEFAULT, 70, 3.5,
	  MGH, 1, 0.1, IV, RAC, 3.5, 3.5, 0 },
	{ "0.05/0.06 mcg/kg/min: at the soft min", LIM_DEFAULT, 70,
	  0.05 / 0.06, UGKGMIN, 1, 0.1, IV, RAC, 3.5, 3.5, 0 },
	{ "14 mg/h = 0.2 mg/kg/h: at the soft max", LIM_DEFAULT, 70, 14, MGH,
	  1, 0.1, IV, RAC, 14, 14, 0 },
	{ "0.2/0.06 mcg/kg/min: at the soft max", LIM_DEFAULT, 70, 0.2 / 0.06,
	  UGKGMIN, 1, 0.1, IV, RAC, 14, 14, 0 },
	{ "20.2 mg/h at 40.4 kg: at the hard max", LIM_DEFAULT, 40.4, 20.2,
	  MGH, 1, 0.1, IV, RAC, 20.2, 20.2, W_MAX },
	{ "0.5/60 mg/kg/min at the hard max", LIM_DEFAULT, 70, 0.5 / 60,
	  MGKGMIN, 1, 0.1, IV, RAC, 35, 35, W_MAX },
	/* 140 x 0.19 = 26.6 mg/h ordered (above 25), capped at 20: the
	 * ordered dose still warns. */
	{ "ordered above 25 mg/h, capped below", LIM_CAP20, 140, 0.19, MGKGH,
	  1, 0.1, IV, RAC, 20, 20, W_CAP | W_MAX },

	/* Weight: soft range 40-150. */
	{ "150 kg in range", LIM_DEFAULT, 150, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  15, 15, 0 },
	{ "151 kg unusual", LIM_DEFAULT, 151, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  15.1, 15.1, W_WT },
	{ "40 kg in range", LIM_DEFAULT, 40, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  4, 4, 0 },
	{ "39.9 kg unusual", LIM_DEFAULT, 39.9, 0.1, MGKGH, 1, 0.01, IV, RAC,
	  3.99, 3.99, W_WT },
	{ "0.5 kg, the weight minimum", LIM_DEFAULT, 0.5, 0.1, MGKGH, 0.01, 0,
	  IV, RAC, 0.05, 5, W_WT },
	{ "350 kg, the weight maximum", LIM_DEFAULT, 350, 0.1, MGKGH, 1, 0.1,
	  IV, RAC, 35, 35, W_MAX | W_WT },

	/* A limit of 0 is none. */
	{ "no soft weight range: 300 kg", LIM_NOWEIGHT, 300, 0.05, MGKGH, 1,
	  0.1, IV, RAC, 15, 15, 0 },
	{ "no soft weight range: 1 kg", LIM_NOWEIGHT, 1, 0.1, MGKGH, 0.1, 0.1,
	  IV, RAC, 0.1, 1, 0 },
	/* Palliative: no soft min; 70 x 0.01 = 0.7 mg/h / 1 = 0.7 mL/h. */
	{ "palliative: no soft min", LIM_PALL, 70, 0.01, MGKGH, 1, 0.1, SC,
	  RAC, 0.7, 0.7, 0 },

	/* Pump rate: 40 x 0.05 = 2 mg/h / 5 = 0.4 mL/h is low. */
	{ "0.4 mL/h low pump rate", LIM_DEFAULT, 40, 0.05, MGKGH, 5, 0.1, IV,
	  RAC, 2, 0.4, W_LOW },
	{ "0.5 mL/h not low", LIM_DEFAULT, 50, 0.05, MGKGH, 5, 0.1, IV, RAC,
	  2.5, 0.5, 0 },

	/* Concentrations. */
	{ "0.01 mg/mL, the minimum", LIM_DEFAULT, 70, 0.1, MGKGH, 0.01, 0, IV,
	  RAC, 7, 700, 0 },
	{ "5 mg/mL, the profile max", LIM_DEFAULT, 70, 0.1, MGKGH, 5, 0.1, IV,
	  RAC, 7, 1.4, 0 },
	{ "no profile max: SC 50.01 mg/mL", LIM_NOCONC, 70, 0.1, MGKGH, 50.01,
	  0, SC, RAC, 7, 7 / 50.01, W_LOW },
	{ "no profile max: SC 100 mg/mL", LIM_NOCONC, 70, 0.1, MGKGH, 100, 0,
	  SC, RAC, 7, 0.07, W_LOW },
	{ "no profile max: IV 50 mg/mL", LIM_NOCONC, 70, 0.1, MGKGH, 50, 0,
	  IV, RAC, 7, 0.14, W_LOW },

	/* Pump step 10, the maximum: 70 mL/h = 7 steps. */
	{ "step 10", LIM_DEFAULT, 70, 0.1, MGKGH, 0.1, 10, IV, RAC, 7, 70, 0 },

	/* Forms and profiles. */
	{ "esketamine order, esketamine limits", LIM_ESK, 70, 0.1, MGKGH, 1,
	  0.1, IV, ESK, 7, 7, 0 },
	{ "pediatric 20 kg 0.2", LIM_PED, 20, 0.2, MGKGH, 1, 0.1, IV, RAC,
	  4, 4, 0 },
	/* 60 x 0.3 = 18 mg/h > 15. */
	{ "pediatric 60 kg 0.3: above 15 mg/h", LIM_PED, 60, 0.3, MGKGH, 1,
	  0.1, IV, RAC, 18, 18, W_MAX },
	{ "pediatric 20 kg 0.6 at the hard max", LIM_PED, 20, 0.6, MGKGH, 1,
	  0.1, IV, RAC, 12, 12, W_MAX },
};

START_TEST(test_rate_ok)
{
	const struct ok_row *row = &ok_rows[_i];
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out, out2;
	ket_report report;
	ket_status st;

	make_limits(row->lim, &lim);
	set_order(&order, row->weight_kg, row->dose, row->unit, row->conc,
	          row->step, row->route, row->form);
	prefill(&out, &report);
	st = ket_infusion_rate(&order, &lim, &out, &report);
	ck_assert_msg(st == KET_OK, "%s: status %s", row->name,
	              ket_status_name(st));
	ck_assert_msg(tu_close(out.mg_per_h, row->want_mg_per_h, REL, ABS),
	              "%s: mg_per_h %.17g, want %.17g", row->name,
	              out.mg_per_h, row->want_mg_per_h);
	expect_delivered(row->name, &out, row->want_rate, row->conc,
	                 row->weight_kg);
	ck_assert_msg(out.warnings == row->want_warnings,
	              "%s: warnings 0x%lx, want 0x%lx", row->name,
	              (unsigned long)out.warnings,
	              (unsigned long)row->want_warnings);
	expect_warning_report(row->name, &out, &report);

	/* The same without a report. */
	prefill(&out2, NULL);
	st = ket_infusion_rate(&order, &lim, &out2, NULL);
	ck_assert_msg(st == KET_OK, "%s: no report: %s", row->name,
	              ket_status_name(st));
	ck_assert_msg(out2.warnings == out.warnings &&
	              tu_close(out2.rate_ml_per_h, out.rate_ml_per_h, 0, 0),
	              "%s: differs without a report", row->name);
}
END_TEST

/* The canonical example with every output typed in. */
START_TEST(test_rate_example)
{
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out;
	ket_report report;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, MGKGH, 1, 0.1, IV, RAC);
	prefill(&out, &report);
	st = ket_infusion_rate(&order, &lim, &out, &report);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_msg(tu_close(out.mg_per_h, 7, REL, ABS), "%.17g",
	              out.mg_per_h);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 7, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
	ck_assert_msg(tu_close(out.delivered_mg_per_h, 7, REL, ABS), "%.17g",
	              out.delivered_mg_per_h);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg_per_h, 0.1, REL, ABS),
	              "%.17g", out.delivered_mg_per_kg_per_h);
	/* 0.1 / 0.06 = 1.6666... */
	ck_assert_msg(tu_close(out.delivered_mcg_per_kg_per_min,
	              1.6666666666666667, REL, ABS), "%.17g",
	              out.delivered_mcg_per_kg_per_min);
	ck_assert_msg(tu_close(out.delivered_mg_per_24h, 168, REL, ABS),
	              "%.17g", out.delivered_mg_per_24h);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(report.count, 0);
	ck_assert_uint_eq(report.dropped, 0);
}
END_TEST

/* Inputs are not modified. */
START_TEST(test_rate_const)
{
	ket_limits lim, lim_copy;
	ket_infusion_order order, order_copy;
	ket_infusion out;
	ket_status st;

	make_limits(LIM_CAP20, &lim);
	set_order(&order, 70, 0.4, MGKGH, 3, 0.4, IV, RAC);
	lim_copy = lim;
	order_copy = order;
	st = ket_infusion_rate(&order, &lim, &out, NULL);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_int_eq(memcmp(&lim, &lim_copy, sizeof lim), 0);
	ck_assert_int_eq(memcmp(&order, &order_copy, sizeof order), 0);
}
END_TEST

/* -------------------------------------------- ket_infusion_rate: errors */

struct err_row {
	const char *name;
	int lim;
	double weight_kg, dose;
	int unit;
	double conc, step;
	int route, form;
	ket_status status;
	int item;          /* of the last finding; NO_ITEM: not checked */
	const char *field; /* of the last finding; NULL: not checked */
};

#define F_HARD "infusion_hard_max_mg_per_kg_per_h"
#define F_DAILY "daily_hard_max_mg_per_24h"
#define F_STEP "pump_step_ml_per_h"
#define F_CONC "concentration_mg_per_ml"
#define I_KG KET_ITEM_DOSE_PER_KG
#define I_DAY KET_ITEM_DAILY_TOTAL
#define I_RND KET_ITEM_ROUNDING
#define I_CONC KET_ITEM_CONCENTRATION

static const struct err_row err_rows[] = {
	/* Hard maximum per kg (0.5), typed in mg/kg/h: compared exactly. */
	{ "0.5000001 mg/kg/h", LIM_DEFAULT, 70, 0.5000001, MGKGH, 1, 0.1, IV,
	  RAC, KET_E_HARD_LIMIT, I_KG, F_HARD },
	{ "0.6 mg/kg/h", LIM_DEFAULT, 70, 0.6, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, I_KG, F_HARD },
	{ "5 mg/kg/h (10-fold slip)", LIM_DEFAULT, 70, 5, MGKGH, 1, 0.1, IV,
	  RAC, KET_E_HARD_LIMIT, I_KG, F_HARD },
	/* 35.01 mg/h / 70 = 0.50014 mg/kg/h. */
	{ "35.01 mg/h at 70 kg", LIM_DEFAULT, 70, 35.01, MGH, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, I_KG, F_HARD },
	/* 8.34 x 0.06 = 0.5004 mg/kg/h. */
	{ "8.34 mcg/kg/min", LIM_DEFAULT, 70, 8.34, UGKGMIN, 1, 0.1, IV, RAC,
	  KET_E_HARD_LIMIT, I_KG, F_HARD },
	{ "0.6000001 pediatric", LIM_PED, 20, 0.6000001, MGKGH, 1, 0.1, IV,
	  RAC, KET_E_HARD_LIMIT, I_KG, F_HARD },

	/* Daily hard maximum: 24 x 7 = 168 > 150. */
	{ "168 mg/24h above daily hard 150", LIM_DAILY150, 70, 0.1, MGKGH, 1,
	  0.1, IV, RAC, KET_E_HARD_LIMIT, I_DAY, F_DAILY },
	{ "palliative 701 mg/24h", LIM_PALL, 70, 701, MG24H, 10, 0.1, SC, RAC,
	  KET_E_HARD_LIMIT, I_DAY, F_DAILY },
	{ "palliative 30 mg/h = 720 mg/24h", LIM_PALL, 70, 30, MGH, 10, 0.1,
	  SC, RAC, KET_E_HARD_LIMIT, I_DAY, F_DAILY },

	/* Resolution. */
	/* 7 mg/h / 2 = 3.5 mL/h, step 1 -> 4 = 8 mg/h: 14.3 %. */
	{ "rounding 14.3 %", LIM_DEFAULT, 70, 0.1, MGKGH, 2, 1, IV, RAC,
	  KET_E_RESOLUTION, I_RND, F_STEP },
	/* 10 mg/h, step 5.51 -> 11.02: 10.2 %. */
	{ "rounding +10.2 %", LIM_DEFAULT, 100, 0.1, MGKGH, 1, 5.51, IV, RAC,
	  KET_E_RESOLUTION, I_RND, F_STEP },
	/* step 4.49 -> 8.98: -10.2 %. */
	{ "rounding -10.2 %", LIM_DEFAULT, 100, 0.1, MGKGH, 1, 4.49, IV, RAC,
	  KET_E_RESOLUTION, I_RND, F_STEP },
	/* 3.5 mg/h / 5 = 0.7 mL/h, step 10 -> 0 steps. */
	{ "rounds to 0 steps", LIM_DEFAULT, 70, 0.05, MGKGH, 5, 10, IV, RAC,
	  KET_E_RESOLUTION, I_RND, F_STEP },
	/* 0.7 mL/h, step 1.5: 0.47 steps -> 0. */
	{ "rounds to 0 steps, step 1.5", LIM_DEFAULT, 70, 0.05, MGKGH, 5, 1.5,
	  IV, RAC, KET_E_RESOLUTION, I_RND, F_STEP },
	/* 35 mL/h, step 10: 4 steps cross the hard max, 3 = 30 is 14 %. */
	{ "hard max, step 10: held to 30 mL/h, 14 %", LIM_DEFAULT, 70, 0.5,
	  MGKGH, 1, 10, IV, RAC, KET_E_RESOLUTION, I_RND, F_STEP },

	/* Concentration. */
	{ "0.0099 mg/mL", LIM_DEFAULT, 70, 0.1, MGKGH, 0.0099, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "0 mg/mL", LIM_DEFAULT, 70, 0.1, MGKGH, 0, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "-0.0 mg/mL", LIM_DEFAULT, 70, 0.1, MGKGH, -0.0, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "-1 mg/mL", LIM_DEFAULT, 70, 0.1, MGKGH, -1, 0, IV, RAC,
	  KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "5.01 mg/mL above the profile max", LIM_DEFAULT, 70, 0.1, MGKGH,
	  5.01, 0.1, IV, RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "50 mg/mL above the profile max", LIM_DEFAULT, 70, 0.1, MGKGH, 50,
	  0, SC, RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "no profile max: 100.1 mg/mL", LIM_NOCONC, 70, 0.1, MGKGH, 100.1, 0,
	  SC, RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "palliative 50.01 mg/mL", LIM_PALL, 70, 480, MG24H, 50.01, 0, SC,
	  RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "no profile max: IV 50.01 mg/mL", LIM_NOCONC, 70, 0.1, MGKGH, 50.01,
	  0, IV, RAC, KET_E_CONTRAINDICATED, I_CONC, F_CONC },
	{ "no profile max: IV 100 mg/mL", LIM_NOCONC, 70, 0.1, MGKGH, 100, 0,
	  IV, RAC, KET_E_CONTRAINDICATED, I_CONC, F_CONC },

	/* Pump step. */
	{ "step 10.01", LIM_DEFAULT, 70, 0.1, MGKGH, 0.1, 10.01, IV, RAC,
	  KET_E_RANGE, KET_ITEM_DEVICE_STEP, F_STEP },
	{ "step -0.1", LIM_DEFAULT, 70, 0.1, MGKGH, 1, -0.1, IV, RAC,
	  KET_E_RANGE, KET_ITEM_DEVICE_STEP, F_STEP },
	{ "step -10", LIM_DEFAULT, 70, 0.1, MGKGH, 1, -10, IV, RAC,
	  KET_E_RANGE, KET_ITEM_DEVICE_STEP, F_STEP },

	/* Routes other than IV and SC. */
	{ "route IM", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, KET_ROUTE_IM, RAC,
	  KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route oral", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, KET_ROUTE_ORAL,
	  RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route sublingual", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_SUBLINGUAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route intranasal", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_INTRANASAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route rectal", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_RECTAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route transdermal", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_TRANSDERMAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route epidural", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_EPIDURAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route intrathecal", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_INTRATHECAL, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route 10 (unknown)", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, 10, RAC,
	  KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route -1 (unknown)", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, -1, RAC,
	  KET_E_ROUTE, KET_ITEM_ROUTE, "route" },

	/* Forms. */
	{ "esketamine with racemic limits", LIM_DEFAULT, 70, 0.1, MGKGH, 1,
	  0.1, IV, ESK, KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "arketamine with racemic limits", LIM_DEFAULT, 70, 0.1, MGKGH, 1,
	  0.1, IV, KET_FORM_ARKETAMINE, KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "racemic with esketamine limits", LIM_ESK, 70, 0.1, MGKGH, 1, 0.1,
	  IV, RAC, KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "form 3 (unknown)", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, IV, 3,
	  KET_E_RANGE, KET_ITEM_FORM, "form" },
	{ "form -1 (unknown)", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1, IV, -1,
	  KET_E_RANGE, KET_ITEM_FORM, "form" },

	/* Units. */
	{ "dose unit 7 (unknown)", LIM_DEFAULT, 70, 0.1, 7, 1, 0.1, IV, RAC,
	  KET_E_UNIT, KET_ITEM_UNIT, "dose_unit" },
	{ "dose unit KET_UNIT_INVALID", LIM_DEFAULT, 70, 0.1,
	  KET_UNIT_INVALID, 1, 0.1, IV, RAC, KET_E_UNIT, KET_ITEM_UNIT,
	  "dose_unit" },

	/* Dose. */
	{ "dose 0", LIM_DEFAULT, 70, 0, MGKGH, 1, 0.1, IV, RAC, KET_E_DOSE,
	  KET_ITEM_DOSE, "dose" },
	{ "dose -0.0", LIM_DEFAULT, 70, -0.0, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_DOSE, KET_ITEM_DOSE, "dose" },
	{ "dose -0.1", LIM_DEFAULT, 70, -0.1, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_DOSE, KET_ITEM_DOSE, "dose" },
	{ "dose -7 mg/h", LIM_DEFAULT, 70, -7, MGH, 1, 0.1, IV, RAC,
	  KET_E_DOSE, KET_ITEM_DOSE, "dose" },

	/* Weight. */
	{ "weight 0.49", LIM_DEFAULT, 0.49, 0.1, MGKGH, 1, 0, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight 350.01", LIM_DEFAULT, 350.01, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight 0", LIM_DEFAULT, 0, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight -70", LIM_DEFAULT, -70, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight -0.0", LIM_DEFAULT, -0.0, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight 0.49, absolute unit", LIM_DEFAULT, 0.49, 7, MGH, 1, 0.1, IV,
	  RAC, KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },

	/* Invalid limits. */
	{ "limits: infusion hard max 0", LIM_BAD_HARD0, 70, 0.1, MGKGH, 1,
	  0.1, IV, RAC, KET_E_LIMITS, KET_ITEM_LIMITS, F_HARD },
	{ "limits: form 9", LIM_BAD_FORM, 70, 0.1, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_LIMITS, KET_ITEM_LIMITS, "form" },

	/* Several faults: the documented order decides. */
	{ "NaN dose + bad limits", LIM_BAD_HARD0, 70, (double)NAN, MGKGH, 1,
	  0.1, IV, RAC, KET_E_NOT_FINITE, KET_ITEM_DOSE, "dose" },
	{ "NaN weight + NaN concentration", LIM_DEFAULT, (double)NAN, 0.1,
	  MGKGH, (double)NAN, 0.1, IV, RAC, KET_E_NOT_FINITE, KET_ITEM_WEIGHT,
	  "weight_kg" },
	{ "Inf concentration + NaN step", LIM_DEFAULT, 70, 0.1, MGKGH,
	  (double)INFINITY, (double)NAN, IV, RAC, KET_E_NOT_FINITE, I_CONC,
	  F_CONC },
	{ "NaN step + unknown unit", LIM_DEFAULT, 70, 0.1, 9, 1, (double)NAN,
	  IV, RAC, KET_E_NOT_FINITE, KET_ITEM_DEVICE_STEP, F_STEP },
	{ "bad limits + route IM", LIM_BAD_HARD0, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_IM, RAC, KET_E_LIMITS, KET_ITEM_LIMITS, F_HARD },
	{ "bad limits + unknown unit", LIM_BAD_FORM, 70, 0.1, 9, 1, 0.1, IV,
	  RAC, KET_E_LIMITS, KET_ITEM_LIMITS, "form" },
	{ "unknown unit + route IM", LIM_DEFAULT, 70, 0.1, 9, 1, 0.1,
	  KET_ROUTE_IM, RAC, KET_E_UNIT, KET_ITEM_UNIT, "dose_unit" },
	{ "route IM + weight 0.4", LIM_DEFAULT, 0.4, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_IM, RAC, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route oral + unknown form", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_ORAL, 5, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "route oral + esketamine", LIM_DEFAULT, 70, 0.1, MGKGH, 1, 0.1,
	  KET_ROUTE_ORAL, ESK, KET_E_ROUTE, KET_ITEM_ROUTE, "route" },
	{ "unknown form + weight 0.4", LIM_DEFAULT, 0.4, 0.1, MGKGH, 1, 0.1,
	  IV, 5, KET_E_RANGE, KET_ITEM_FORM, "form" },
	{ "esketamine + weight 0.4", LIM_DEFAULT, 0.4, 0.1, MGKGH, 1, 0.1, IV,
	  ESK, KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "esketamine + dose 0.6", LIM_DEFAULT, 70, 0.6, MGKGH, 1, 0.1, IV,
	  ESK, KET_E_FORM, KET_ITEM_FORM, "form" },
	{ "weight 0.4 + dose 0", LIM_DEFAULT, 0.4, 0, MGKGH, 1, 0.1, IV, RAC,
	  KET_E_WEIGHT, KET_ITEM_WEIGHT, "weight_kg" },
	{ "dose 0 + concentration 0", LIM_DEFAULT, 70, 0, MGKGH, 0, 0.1, IV,
	  RAC, KET_E_DOSE, KET_ITEM_DOSE, "dose" },
	{ "concentration 5.01 + step 11", LIM_DEFAULT, 70, 0.1, MGKGH, 5.01,
	  11, IV, RAC, KET_E_CONCENTRATION, I_CONC, F_CONC },
	{ "IV 50.01 + step 11", LIM_NOCONC, 70, 0.1, MGKGH, 50.01, 11, IV,
	  RAC, KET_E_CONTRAINDICATED, I_CONC, F_CONC },
	{ "step 11 + dose 0.6", LIM_DEFAULT, 70, 0.6, MGKGH, 1, 11, IV, RAC,
	  KET_E_RANGE, KET_ITEM_DEVICE_STEP, F_STEP },
	{ "dose 0.6 + daily hard 150", LIM_DAILY150, 70, 0.6, MGKGH, 1, 0.1,
	  IV, RAC, KET_E_HARD_LIMIT, I_KG, F_HARD },
	/* 42 mL/h, step 10: the hard limit refuses before rounding. */
	{ "dose 0.6 + coarse step", LIM_DEFAULT, 70, 0.6, MGKGH, 1, 10, IV,
	  RAC, KET_E_HARD_LIMIT, I_KG, F_HARD },
	/* Daily hard before rounding (3.5 mL/h, step 1 would be 14 %). */
	{ "daily hard 150 + coarse step", LIM_DAILY150, 70, 0.1, MGKGH, 2, 1,
	  IV, RAC, KET_E_HARD_LIMIT, I_DAY, F_DAILY },
};

START_TEST(test_rate_error)
{
	const struct err_row *row = &err_rows[_i];
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out;
	ket_report report;
	ket_status st;

	make_limits(row->lim, &lim);
	set_order(&order, row->weight_kg, row->dose, row->unit, row->conc,
	          row->step, row->route, row->form);
	prefill(&out, &report);
	st = ket_infusion_rate(&order, &lim, &out, &report);
	ck_assert_msg(st == row->status, "%s: status %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->status));
	expect_failsafe(row->name, &out);
	expect_last_finding(row->name, &report, row->status, row->item,
	                    row->field);

	prefill(&out, NULL);
	st = ket_infusion_rate(&order, &lim, &out, NULL);
	ck_assert_msg(st == row->status, "%s: no report: status %s",
	              row->name, ket_status_name(st));
	expect_failsafe(row->name, &out);
}
END_TEST

/* NaN, +Inf, -Inf in each double field of the order: 4 x 3 rows. */
static const char *const nf_fields[] = {
	"weight_kg", "dose", "concentration_mg_per_ml", "pump_step_ml_per_h"
};
static const int nf_items[] = {
	KET_ITEM_WEIGHT, KET_ITEM_DOSE, KET_ITEM_CONCENTRATION,
	KET_ITEM_DEVICE_STEP
};
static const double nf_values[] = {
	(double)NAN, (double)INFINITY, -(double)INFINITY
};
static const char *const nf_names[] = { "NaN", "+Inf", "-Inf" };

START_TEST(test_rate_not_finite)
{
	int fi = _i / 3, vi = _i % 3;
	double v = nf_values[vi];
	char label[96];
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out;
	ket_report report;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, MGKGH, 1, 0.1, IV, RAC);
	if (fi == 0)
		order.weight_kg = v;
	else if (fi == 1)
		order.dose = v;
	else if (fi == 2)
		order.concentration_mg_per_ml = v;
	else
		order.pump_step_ml_per_h = v;
	snprintf(label, sizeof label, "%s %s", nf_fields[fi], nf_names[vi]);
	prefill(&out, &report);
	st = ket_infusion_rate(&order, &lim, &out, &report);
	ck_assert_msg(st == KET_E_NOT_FINITE, "%s: status %s", label,
	              ket_status_name(st));
	expect_failsafe(label, &out);
	expect_last_finding(label, &report, KET_E_NOT_FINITE, nf_items[fi],
	                    nf_fields[fi]);
	/* The finding carries the offending value. */
	if (isnan(v))
		ck_assert_msg(isnan(report.findings[report.count - 1].value),
		              "%s: value", label);
	else
		ck_assert_msg(isinf(report.findings[report.count - 1].value),
		              "%s: value", label);
}
END_TEST

START_TEST(test_rate_null)
{
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out;
	ket_report report;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_order(&order, 70, 0.1, MGKGH, 1, 0.1, IV, RAC);

	prefill(&out, &report);
	st = ket_infusion_rate(NULL, &lim, &out, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL order", &out);
	expect_last_finding("NULL order", &report, KET_E_NULL, KET_ITEM_NONE,
	                    NULL);
	ck_assert(isnan(report.findings[report.count - 1].value));

	prefill(&out, &report);
	st = ket_infusion_rate(&order, NULL, &out, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL limits", &out);
	expect_last_finding("NULL limits", &report, KET_E_NULL, KET_ITEM_NONE,
	                    NULL);

	prefill(&out, &report);
	st = ket_infusion_rate(&order, &lim, NULL, &report);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_last_finding("NULL out", &report, KET_E_NULL, KET_ITEM_NONE,
	                    NULL);

	st = ket_infusion_rate(NULL, NULL, NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);

	/* NULL comes first. */
	order.weight_kg = tu_nan();
	st = ket_infusion_rate(&order, &lim, NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	order.weight_kg = 70;
	order.dose = tu_nan();
	prefill(&out, NULL);
	st = ket_infusion_rate(&order, NULL, &out, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL limits + NaN dose", &out);
}
END_TEST

/* The value and the bound of a failed input's finding. */
struct bound_row {
	const char *name;
	int lim;
	double weight_kg, conc, step;
	int route;
	ket_status status;
	double value, limit;
	const char *unit;
};

static const struct bound_row bound_rows[] = {
	{ "weight 0.49", LIM_DEFAULT, 0.49, 1, 0, IV, KET_E_WEIGHT, 0.49, 0.5,
	  "kg" },
	{ "weight 350.01", LIM_DEFAULT, 350.01, 1, 0, IV, KET_E_WEIGHT,
	  350.01, 350, "kg" },
	{ "0.0099 mg/mL", LIM_DEFAULT, 70, 0.0099, 0, IV, KET_E_CONCENTRATION,
	  0.0099, 0.01, "mg/mL" },
	{ "5.01 mg/mL, profile max 5", LIM_DEFAULT, 70, 5.01, 0, IV,
	  KET_E_CONCENTRATION, 5.01, 5, "mg/mL" },
	{ "100.1 mg/mL", LIM_NOCONC, 70, 100.1, 0, SC, KET_E_CONCENTRATION,
	  100.1, 100, "mg/mL" },
	{ "IV 50.01 mg/mL", LIM_NOCONC, 70, 50.01, 0, IV,
	  KET_E_CONTRAINDICATED, 50.01, 50, "mg/mL" },
	{ "step 10.01", LIM_DEFAULT, 70, 0.1, 10.01, IV, KET_E_RANGE, 10.01,
	  10, "mL/h" },
};

START_TEST(test_rate_error_bounds)
{
	const struct bound_row *row = &bound_rows[_i];
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out;
	ket_report r;
	const ket_finding *f;
	ket_status st;

	make_limits(row->lim, &lim);
	set_order(&order, row->weight_kg, 0.1, MGKGH, row->conc, row->step,
	          row->route, RAC);
	prefill(&out, &r);
	st = ket_infusion_rate(&order, &lim, &out, &r);
	ck_assert_msg(st == row->status, "%s: %s", row->name,
	              ket_status_name(st));
	ck_assert_uint_ge(r.count, 1);
	f = &r.findings[r.count - 1];
	ck_assert_msg(tu_close(f->value, row->value, 1e-12, 0),
	              "%s: value %.17g, want %.17g", row->name, f->value,
	              row->value);
	ck_assert_msg(tu_close(f->limit, row->limit, 1e-12, 0),
	              "%s: limit %.17g, want %.17g", row->name, f->limit,
	              row->limit);
	ck_assert_msg(f->unit != NULL && strcmp(f->unit, row->unit) == 0,
	              "%s: unit \"%s\", want \"%s\"", row->name,
	              f->unit != NULL ? f->unit : "(null)", row->unit);
}
END_TEST

/* ----------------------------------------- ket_infusion_rate: findings */

static void run_rate(int lim_kind, double weight, double dose, int unit,
		     double conc, double step, int route, ket_status want,
		     ket_infusion *out, ket_report *report)
{
	ket_limits lim;
	ket_infusion_order order;
	ket_status st;

	make_limits(lim_kind, &lim);
	set_order(&order, weight, dose, unit, conc, step, route, RAC);
	prefill(out, report);
	st = ket_infusion_rate(&order, &lim, out, report);
	ck_assert_msg(st == want, "status %s, want %s", ket_status_name(st),
	              ket_status_name(want));
}

static void expect_finding(const char *label, const ket_finding *f,
			   ket_status status, uint32_t warning, int item,
			   const char *field, double value, double limit,
			   double rel)
{
	ck_assert_msg(f->status == (int32_t)status, "%s: status %s", label,
	              ket_status_name((ket_status)f->status));
	ck_assert_msg(f->warning == warning, "%s: warning 0x%lx, want 0x%lx",
	              label, (unsigned long)f->warning,
	              (unsigned long)warning);
	ck_assert_msg(f->item == item, "%s: item %d, want %d", label,
	              (int)f->item, item);
	ck_assert_msg(f->field != NULL && strcmp(f->field, field) == 0,
	              "%s: field \"%s\", want \"%s\"", label,
	              f->field != NULL ? f->field : "(null)", field);
	ck_assert_msg(f->unit != NULL, "%s: NULL unit", label);
	ck_assert_msg(tu_close(f->value, value, rel, ABS),
	              "%s: value %.17g, want %.17g", label, f->value, value);
	ck_assert_msg(tu_close(f->limit, limit, rel, ABS),
	              "%s: limit %.17g, want %.17g", label, f->limit, limit);
}

START_TEST(test_finding_hard_limit)
{
	ket_infusion out;
	ket_report r;
	const ket_finding *f;

	run_rate(LIM_DEFAULT, 70, 0.5000001, MGKGH, 1, 0.1, IV,
	         KET_E_HARD_LIMIT, &out, &r);
	ck_assert_uint_ge(r.count, 1);
	f = &r.findings[r.count - 1];
	expect_finding("hard", f, KET_E_HARD_LIMIT, 0, KET_ITEM_DOSE_PER_KG,
	               F_HARD, 0.5000001, 0.5, 1e-12);
	ck_assert_str_eq(f->unit, "mg/kg/h");
	/* Hard limit first: nothing was judged before it. */
	ck_assert_uint_eq(r.count, 1);
}
END_TEST

/* A limit crossed by both the ordered and the delivered dose is one
 * finding, valued at the ordered dose. */
START_TEST(test_finding_soft_once)
{
	ket_infusion out;
	ket_report r;

	run_rate(LIM_DEFAULT, 70, 0.3, MGKGH, 1, 0.1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft max", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_KG,
	               "infusion_soft_max_mg_per_kg_per_h", 0.3, 0.2, 1e-12);
	ck_assert_str_eq(r.findings[0].unit, "mg/kg/h");
}
END_TEST

/* Crossed by the delivered dose only: valued at the delivered dose. */
START_TEST(test_finding_soft_delivered)
{
	ket_infusion out;
	ket_report r;

	/* 14.1 mL/h x 1 mg/mL / 70 kg. */
	run_rate(LIM_DEFAULT, 70, 0.2, MGKGH, 1, 0.3, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("delivered soft max", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_KG,
	               "infusion_soft_max_mg_per_kg_per_h", 14.1 / 70, 0.2,
	               REL);
}
END_TEST

START_TEST(test_finding_soft_min)
{
	ket_infusion out;
	ket_report r;

	run_rate(LIM_DEFAULT, 70, 0.04, MGKGH, 1, 0.1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("soft min", &r.findings[0], KET_OK, W_MIN,
	               KET_ITEM_DOSE_PER_KG,
	               "infusion_soft_min_mg_per_kg_per_h", 0.04, 0.05,
	               1e-12);
}
END_TEST

START_TEST(test_finding_mg_per_h)
{
	ket_infusion out;
	ket_report r;

	run_rate(LIM_DEFAULT, 150, 0.2, MGKGH, 1, 0.1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("mg/h soft max", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_H, "infusion_soft_max_mg_per_h", 30,
	               25, REL);
}
END_TEST

START_TEST(test_finding_cap)
{
	ket_infusion out;
	ket_report r;
	size_t i;
	int found = 0;

	/* 70 x 0.4 = 28 mg/h, capped at 20. */
	run_rate(LIM_CAP20, 70, 0.4, MGKGH, 1, 0.1, IV, KET_OK, &out, &r);
	for (i = 0; i < r.count; i++) {
		if (r.findings[i].warning != W_CAP)
			continue;
		found++;
		expect_finding("cap", &r.findings[i], KET_OK, W_CAP,
		               KET_ITEM_DOSE_PER_H, "infusion_cap_mg_per_h", 28,
		               20, REL);
	}
	ck_assert_int_eq(found, 1);
}
END_TEST

START_TEST(test_finding_daily)
{
	ket_infusion out;
	ket_report r;
	const ket_finding *f;

	run_rate(LIM_DAILY150, 70, 0.1, MGKGH, 1, 0.1, IV, KET_E_HARD_LIMIT,
	         &out, &r);
	ck_assert_uint_eq(r.count, 1);
	f = &r.findings[0];
	expect_finding("daily", f, KET_E_HARD_LIMIT, 0, KET_ITEM_DAILY_TOTAL,
	               F_DAILY, 168, 150, REL);
	ck_assert_str_eq(f->unit, "mg/24 h");
}
END_TEST

/* A refusal keeps the warnings found before it and comes last. */
START_TEST(test_finding_warning_then_refusal)
{
	ket_infusion out;
	ket_report r;

	/* 0.3 mg/kg/h warns (soft max 0.2); 24 x 21 = 504 > 150 refuses. */
	run_rate(LIM_DAILY150, 70, 0.3, MGKGH, 1, 0.1, IV, KET_E_HARD_LIMIT,
	         &out, &r);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("warning first", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_KG,
	               "infusion_soft_max_mg_per_kg_per_h", 0.3, 0.2, 1e-12);
	expect_finding("refusal last", &r.findings[1], KET_E_HARD_LIMIT, 0,
	               KET_ITEM_DAILY_TOTAL, F_DAILY, 504, 150, REL);
	expect_failsafe("warning then refusal", &out);
}
END_TEST

START_TEST(test_finding_rounded)
{
	ket_infusion out;
	ket_report r;
	const ket_finding *f;

	/* 6.83 mg/h -> 7: |7 - 6.83| / 6.83 = 2.4890 %. */
	run_rate(LIM_DEFAULT, 68.3, 0.1, MGKGH, 1, 1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	f = &r.findings[0];
	expect_finding("rounded", f, KET_OK, W_RND, KET_ITEM_ROUNDING, F_STEP,
	               0.17 / 6.83 * 100, 1, 1e-9);
	ck_assert_str_eq(f->unit, "%");
}
END_TEST

START_TEST(test_finding_resolution)
{
	ket_infusion out;
	ket_report r;
	const ket_finding *f;

	/* 3.5 mL/h -> 4: 0.5 / 3.5 = 14.2857 %. */
	run_rate(LIM_DEFAULT, 70, 0.1, MGKGH, 2, 1, IV, KET_E_RESOLUTION,
	         &out, &r);
	ck_assert_uint_eq(r.count, 1);
	f = &r.findings[0];
	expect_finding("resolution", f, KET_E_RESOLUTION, 0,
	               KET_ITEM_ROUNDING, F_STEP, 100.0 / 7.0, 10, 1e-9);
	ck_assert_str_eq(f->unit, "%");
}
END_TEST

START_TEST(test_finding_low_rate)
{
	ket_infusion out;
	ket_report r;
	const ket_finding *f;

	run_rate(LIM_DEFAULT, 40, 0.05, MGKGH, 5, 0.1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	f = &r.findings[0];
	expect_finding("low rate", f, KET_OK, W_LOW, KET_ITEM_PUMP_RATE,
	               "rate_ml_per_h", 0.4, 0.5, REL);
	ck_assert_str_eq(f->unit, "mL/h");
}
END_TEST

START_TEST(test_finding_unusual_weight)
{
	ket_infusion out;
	ket_report r;

	run_rate(LIM_DEFAULT, 151, 0.1, MGKGH, 1, 0.1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("heavy", &r.findings[0], KET_OK, W_WT, KET_ITEM_WEIGHT,
	               "weight_soft_max_kg", 151, 150, 1e-12);
	ck_assert_str_eq(r.findings[0].unit, "kg");
	run_rate(LIM_DEFAULT, 39.9, 0.1, MGKGH, 1, 0.01, IV, KET_OK, &out,
	         &r);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("light", &r.findings[0], KET_OK, W_WT, KET_ITEM_WEIGHT,
	               "weight_soft_min_kg", 39.9, 40, 1e-12);
}
END_TEST

/* Findings in the order the rules are applied: ordered per-kg soft max,
 * mg/h soft max, ..., the weight last. */
START_TEST(test_finding_order)
{
	ket_infusion out;
	ket_report r;

	/* 151 x 0.3 = 45.3 mg/h. */
	run_rate(LIM_DEFAULT, 151, 0.3, MGKGH, 1, 0.1, IV, KET_OK, &out, &r);
	ck_assert_uint_eq(r.count, 3);
	ck_assert_str_eq(r.findings[0].field,
	                 "infusion_soft_max_mg_per_kg_per_h");
	ck_assert_str_eq(r.findings[1].field, "infusion_soft_max_mg_per_h");
	ck_assert_str_eq(r.findings[2].field, "weight_soft_max_kg");
	ck_assert_uint_eq(out.warnings, W_MAX | W_WT);
}
END_TEST

/* -------------------------------------- ket_infusion_rate: properties */

/* Below any cap, mg/h is linear in the weight. */
static const double prop_weights[] = { 20.3, 35, 40, 52.7, 61.1, 75 };
static const double prop_doses[] = { 0.03, 0.05, 0.1, 0.137, 0.2, 0.25 };

START_TEST(test_prop_double_weight)
{
	ket_limits lim;
	int wi, di;

	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_soft_max_mg_per_h = 0;
	for (wi = 0; wi < TU_ROWS(prop_weights); wi++)
	for (di = 0; di < TU_ROWS(prop_doses); di++) {
		double w = prop_weights[wi], d = prop_doses[di];
		ket_infusion_order o1, o2;
		ket_infusion r1, r2;
		ket_status s1, s2;

		set_order(&o1, w, d, MGKGH, 1, 0, IV, RAC);
		set_order(&o2, 2 * w, d, MGKGH, 1, 0, IV, RAC);
		s1 = ket_infusion_rate(&o1, &lim, &r1, NULL);
		s2 = ket_infusion_rate(&o2, &lim, &r2, NULL);
		ck_assert_msg(s1 == KET_OK && s2 == KET_OK,
		              "%g kg %g: %s / %s", w, d, ket_status_name(s1),
		              ket_status_name(s2));
		ck_assert_msg(tu_close(r2.mg_per_h, 2 * r1.mg_per_h, 1e-12,
		              0), "%g kg %g mg/kg/h: %.17g vs 2 x %.17g", w, d,
		              r2.mg_per_h, r1.mg_per_h);
		ck_assert_msg(tu_close(r2.rate_ml_per_h, 2 * r1.rate_ml_per_h,
		              1e-12, 0), "%g kg %g mg/kg/h: rate", w, d);
		ck_assert_msg(tu_close(r1.mg_per_h, w * d, 1e-12, 0),
		              "%g kg %g mg/kg/h: mg_per_h %.17g", w, d,
		              r1.mg_per_h);
	}
}
END_TEST

/* Rounding never delivers more than the hard maximum allows. */
static const double grid_steps[] = {
	0.01, 0.03, 0.07, 0.1, 0.13, 0.3, 0.7, 1, 1.7, 3, 7.3, 10
};
static const double grid_weights[] = { 40.4, 57.3, 70, 83.1, 121.9 };
static const double grid_concs[] = { 0.5, 1, 2, 5 };

START_TEST(test_prop_never_above_hard)
{
	ket_limits lim;
	int si, wi, ci, k, ok = 0;

	make_limits(LIM_DEFAULT, &lim);
	for (si = 0; si < TU_ROWS(grid_steps); si++)
	for (wi = 0; wi < TU_ROWS(grid_weights); wi++)
	for (ci = 0; ci < TU_ROWS(grid_concs); ci++)
	for (k = 0; k <= 20; k++) {
		/* 0.45 .. 0.5 mg/kg/h */
		double d = 0.45 + 0.0025 * k;
		double w = grid_weights[wi];
		ket_infusion_order o;
		ket_infusion r;
		ket_status st;

		if (d > 0.5)
			d = 0.5;
		set_order(&o, w, d, MGKGH, grid_concs[ci], grid_steps[si],
		          IV, RAC);
		st = ket_infusion_rate(&o, &lim, &r, NULL);
		if (st == KET_E_RESOLUTION)
			continue;
		ck_assert_msg(st == KET_OK, "%g kg %g step %g: %s", w, d,
		              grid_steps[si], ket_status_name(st));
		ok++;
		ck_assert_msg(tu_not_above(r.delivered_mg_per_kg_per_h, 0.5,
		              1e-9), "%g kg %g mg/kg/h %g mg/mL step %g: "
		              "delivered %.17g mg/kg/h", w, d, grid_concs[ci],
		              grid_steps[si], r.delivered_mg_per_kg_per_h);
		ck_assert_msg(tu_not_above(r.delivered_mg_per_h, 0.5 * w,
		              1e-9), "%g kg %g step %g: delivered %.17g mg/h",
		              w, d, grid_steps[si], r.delivered_mg_per_h);
	}
	ck_assert_int_gt(ok, 1000);
}
END_TEST

/* Rounding never crosses a cap or the daily hard maximum either. */
START_TEST(test_prop_never_above_cap_or_daily)
{
	ket_limits cap, day;
	int si, ci, k;

	make_limits(LIM_CAP20, &cap);
	make_limits(LIM_PALL, &day);
	for (si = 0; si < TU_ROWS(grid_steps); si++)
	for (ci = 0; ci < TU_ROWS(grid_concs); ci++)
	for (k = 0; k <= 20; k++) {
		ket_infusion_order o;
		ket_infusion r;
		ket_status st;
		/* 19 .. 25 mg/h ordered against the 20 mg/h cap. */
		double mgh = 19 + 0.3 * k;
		/* 640 .. 700 mg/24 h against the 700 mg/24 h hard max. */
		double mgday = 640 + 3 * k;

		set_order(&o, 70, mgh, MGH, grid_concs[ci], grid_steps[si],
		          IV, RAC);
		st = ket_infusion_rate(&o, &cap, &r, NULL);
		ck_assert_msg(st == KET_OK || st == KET_E_RESOLUTION,
		              "cap %g mg/h: %s", mgh, ket_status_name(st));
		if (st == KET_OK)
			ck_assert_msg(tu_not_above(r.delivered_mg_per_h, 20,
			              1e-9), "cap: %g mg/h step %g conc %g: "
			              "%.17g", mgh, grid_steps[si],
			              grid_concs[ci], r.delivered_mg_per_h);

		set_order(&o, 70, mgday, MG24H, grid_concs[ci] * 10,
		          grid_steps[si], SC, RAC);
		st = ket_infusion_rate(&o, &day, &r, NULL);
		ck_assert_msg(st == KET_OK || st == KET_E_RESOLUTION,
		              "daily %g mg/24 h: %s", mgday,
		              ket_status_name(st));
		if (st == KET_OK)
			ck_assert_msg(tu_not_above(r.delivered_mg_per_24h,
			              700, 1e-9), "daily: %g mg/24 h step %g: "
			              "%.17g", mgday, grid_steps[si],
			              r.delivered_mg_per_24h);
	}
}
END_TEST

/* An order exactly at the hard maximum is never stepped down by last-bit
 * error: w kg at 0.5 mg/kg/h and 0.5 mg/mL is w mL/h, a whole number of
 * 0.1 mL/h steps for every w = 40.0, 40.1, ..., 150.0. */
START_TEST(test_prop_at_hard_max_not_stepped_down)
{
	ket_limits lim;
	int k;

	make_limits(LIM_DEFAULT, &lim);
	for (k = 400; k <= 1500; k++) {
		double w = k / 10.0;
		ket_infusion_order o;
		ket_infusion r;
		ket_status st;

		set_order(&o, w, 0.5, MGKGH, 0.5, 0.1, IV, RAC);
		st = ket_infusion_rate(&o, &lim, &r, NULL);
		ck_assert_msg(st == KET_OK, "%g kg: %s", w,
		              ket_status_name(st));
		ck_assert_msg(tu_close(r.rate_ml_per_h, w, 1e-9, 0),
		              "%g kg: rate %.17g mL/h, want %g", w,
		              r.rate_ml_per_h, w);
		ck_assert_msg((r.warnings & W_RND) == 0, "%g kg: rounded", w);
	}
}
END_TEST

/* --------------------------------------------------- ket_infusion_check */

struct chk_row {
	const char *name;
	int lim;
	double weight_kg, rate, conc;
	int route, form;
	ket_status status;
	double want_mg_per_h; /* rate x concentration, typed */
	uint32_t want_warnings;
	int item;          /* errors: last finding */
	const char *field;
};

static const struct chk_row chk_rows[] = {
	{ "70 kg 7 mL/h 1 mg/mL", LIM_DEFAULT, 70, 7, 1, IV, RAC, KET_OK, 7,
	  0, NO_ITEM, NULL },
	{ "SC 3.5 mL/h 2 mg/mL", LIM_DEFAULT, 70, 3.5, 2, SC, RAC, KET_OK, 7,
	  0, NO_ITEM, NULL },
	/* 35 mL/h = 0.5 mg/kg/h: at the hard max, above both soft maxima. */
	{ "35 mL/h at the hard max", LIM_DEFAULT, 70, 35, 1, IV, RAC, KET_OK,
	  35, W_MAX, NO_ITEM, NULL },
	/* 20.2 / 40.4 = 0.5 computed: at it. */
	{ "40.4 kg 20.2 mL/h at the hard max", LIM_DEFAULT, 40.4, 20.2, 1, IV,
	  RAC, KET_OK, 20.2, W_MAX, NO_ITEM, NULL },
	{ "36 mL/h above the hard max", LIM_DEFAULT, 70, 36, 1, IV, RAC,
	  KET_OK, 36, W_HARD | W_MAX, NO_ITEM, NULL },
	{ "10-fold: 70 mL/h at 5 mg/mL", LIM_DEFAULT, 70, 70, 5, IV, RAC,
	  KET_OK, 350, W_HARD | W_MAX, NO_ITEM, NULL },
	/* Cap 20 mg/h: 21 above it; 21 / 70 = 0.3 > 0.2 soft. */
	{ "cap 20: 21 mL/h", LIM_CAP20, 70, 21, 1, IV, RAC, KET_OK, 21,
	  W_HARD | W_MAX, NO_ITEM, NULL },
	{ "cap 20: 20 mL/h", LIM_CAP20, 70, 20, 1, IV, RAC, KET_OK, 20, W_MAX,
	  NO_ITEM, NULL },
	/* Palliative, 10 mg/mL: 2.92 mL/h = 29.2 mg/h = 700.8 mg/24 h. */
	{ "palliative 700.8 mg/24h", LIM_PALL, 70, 2.92, 10, SC, RAC, KET_OK,
	  29.2, W_HARD | W_MAX, NO_ITEM, NULL },
	{ "palliative 696 mg/24h", LIM_PALL, 70, 2.9, 10, SC, RAC, KET_OK,
	  29, W_MAX, NO_ITEM, NULL },
	{ "palliative 480 mg/24h", LIM_PALL, 70, 2, 10, SC, RAC, KET_OK, 20,
	  0, NO_ITEM, NULL },
	{ "3.4 mL/h below the soft min", LIM_DEFAULT, 70, 3.4, 1, IV, RAC,
	  KET_OK, 3.4, W_MIN, NO_ITEM, NULL },
	{ "3.5 mL/h at the soft min", LIM_DEFAULT, 70, 3.5, 1, IV, RAC,
	  KET_OK, 3.5, 0, NO_ITEM, NULL },
	{ "0.4 mL/h low", LIM_DEFAULT, 40, 0.4, 5, IV, RAC, KET_OK, 2, W_LOW,
	  NO_ITEM, NULL },
	{ "0.5 mL/h not low", LIM_DEFAULT, 50, 0.5, 5, IV, RAC, KET_OK, 2.5,
	  0, NO_ITEM, NULL },
	{ "150 kg 30 mL/h above 25 mg/h", LIM_DEFAULT, 150, 30, 1, IV, RAC,
	  KET_OK, 30, W_MAX, NO_ITEM, NULL },
	{ "151 kg unusual", LIM_DEFAULT, 151, 15.1, 1, IV, RAC, KET_OK, 15.1,
	  W_WT, NO_ITEM, NULL },

	/* Errors. */
	{ "rate 0", LIM_DEFAULT, 70, 0, 1, IV, RAC, KET_E_DOSE, 0, 0,
	  KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "rate -0.0", LIM_DEFAULT, 70, -0.0, 1, IV, RAC, KET_E_DOSE, 0, 0,
	  KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "rate -1", LIM_DEFAULT, 70, -1, 1, IV, RAC, KET_E_DOSE, 0, 0,
	  KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "weight 0.49", LIM_DEFAULT, 0.49, 1, 1, IV, RAC, KET_E_WEIGHT, 0, 0,
	  KET_ITEM_WEIGHT, "weight_kg" },
	{ "weight 350.01", LIM_DEFAULT, 350.01, 1, 1, IV, RAC, KET_E_WEIGHT,
	  0, 0, KET_ITEM_WEIGHT, "weight_kg" },
	{ "5.01 mg/mL", LIM_DEFAULT, 70, 1, 5.01, IV, RAC,
	  KET_E_CONCENTRATION, 0, 0, I_CONC, F_CONC },
	{ "0.0099 mg/mL", LIM_DEFAULT, 70, 1, 0.0099, IV, RAC,
	  KET_E_CONCENTRATION, 0, 0, I_CONC, F_CONC },
	{ "no profile max: 100.1 mg/mL", LIM_NOCONC, 70, 0.1, 100.1, SC, RAC,
	  KET_E_CONCENTRATION, 0, 0, I_CONC, F_CONC },
	{ "no profile max: IV 50.01", LIM_NOCONC, 70, 0.1, 50.01, IV, RAC,
	  KET_E_CONTRAINDICATED, 0, 0, I_CONC, F_CONC },
	{ "route IM", LIM_DEFAULT, 70, 7, 1, KET_ROUTE_IM, RAC, KET_E_ROUTE,
	  0, 0, KET_ITEM_ROUTE, "route" },
	{ "route epidural", LIM_DEFAULT, 70, 7, 1, KET_ROUTE_EPIDURAL, RAC,
	  KET_E_ROUTE, 0, 0, KET_ITEM_ROUTE, "route" },
	{ "route 42", LIM_DEFAULT, 70, 7, 1, 42, RAC, KET_E_ROUTE, 0, 0,
	  KET_ITEM_ROUTE, "route" },
	{ "esketamine", LIM_DEFAULT, 70, 7, 1, IV, ESK, KET_E_FORM, 0, 0,
	  KET_ITEM_FORM, "form" },
	{ "form 3", LIM_DEFAULT, 70, 7, 1, IV, 3, KET_E_RANGE, 0, 0,
	  KET_ITEM_FORM, "form" },
	{ "bad limits", LIM_BAD_HARD0, 70, 7, 1, IV, RAC, KET_E_LIMITS, 0, 0,
	  KET_ITEM_LIMITS, F_HARD },
	{ "NaN weight", LIM_DEFAULT, (double)NAN, 7, 1, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, KET_ITEM_WEIGHT, "weight_kg" },
	{ "+Inf weight", LIM_DEFAULT, (double)INFINITY, 7, 1, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, KET_ITEM_WEIGHT, "weight_kg" },
	{ "-Inf weight", LIM_DEFAULT, -(double)INFINITY, 7, 1, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, KET_ITEM_WEIGHT, "weight_kg" },
	{ "NaN rate", LIM_DEFAULT, 70, (double)NAN, 1, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "+Inf rate", LIM_DEFAULT, 70, (double)INFINITY, 1, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "-Inf rate", LIM_DEFAULT, 70, -(double)INFINITY, 1, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "NaN concentration", LIM_DEFAULT, 70, 7, (double)NAN, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, I_CONC, F_CONC },
	{ "+Inf concentration", LIM_DEFAULT, 70, 7, (double)INFINITY, IV, RAC,
	  KET_E_NOT_FINITE, 0, 0, I_CONC, F_CONC },
	{ "-Inf concentration", LIM_DEFAULT, 70, 7, -(double)INFINITY, IV,
	  RAC, KET_E_NOT_FINITE, 0, 0, I_CONC, F_CONC },
	/* Order. */
	{ "NaN rate + bad limits", LIM_BAD_HARD0, 70, (double)NAN, 1, IV,
	  RAC, KET_E_NOT_FINITE, 0, 0, KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
	{ "bad limits + route IM", LIM_BAD_HARD0, 70, 7, 1, KET_ROUTE_IM, RAC,
	  KET_E_LIMITS, 0, 0, KET_ITEM_LIMITS, F_HARD },
	{ "route IM + weight 0.4", LIM_DEFAULT, 0.4, 7, 1, KET_ROUTE_IM, RAC,
	  KET_E_ROUTE, 0, 0, KET_ITEM_ROUTE, "route" },
	{ "esketamine + weight 0.4", LIM_DEFAULT, 0.4, 7, 1, IV, ESK,
	  KET_E_FORM, 0, 0, KET_ITEM_FORM, "form" },
	{ "weight 0.4 + rate 0", LIM_DEFAULT, 0.4, 0, 1, IV, RAC,
	  KET_E_WEIGHT, 0, 0, KET_ITEM_WEIGHT, "weight_kg" },
	{ "rate 0 + concentration 5.01", LIM_DEFAULT, 70, 0, 5.01, IV, RAC,
	  KET_E_DOSE, 0, 0, KET_ITEM_PUMP_RATE, "rate_ml_per_h" },
};

static void set_pump(ket_pump_reading *p, double weight, double rate,
		     double conc, int route, int form)
{
	memset(p, 0, sizeof *p);
	p->weight_kg = weight;
	p->rate_ml_per_h = rate;
	p->concentration_mg_per_ml = conc;
	p->route = route;
	p->form = form;
}

START_TEST(test_check)
{
	const struct chk_row *row = &chk_rows[_i];
	ket_limits lim;
	ket_pump_reading pump;
	ket_infusion out;
	ket_report report;
	ket_status st;

	make_limits(row->lim, &lim);
	set_pump(&pump, row->weight_kg, row->rate, row->conc, row->route,
	         row->form);
	prefill(&out, &report);
	st = ket_infusion_check(&pump, &lim, &out, &report);
	ck_assert_msg(st == row->status, "%s: status %s, want %s", row->name,
	              ket_status_name(st), ket_status_name(row->status));
	if (row->status != KET_OK) {
		expect_failsafe(row->name, &out);
		expect_last_finding(row->name, &report, row->status,
		                    row->item, row->field);
		return;
	}
	ck_assert_msg(tu_close(out.mg_per_h, row->want_mg_per_h, REL, ABS),
	              "%s: mg_per_h %.17g, want %.17g", row->name,
	              out.mg_per_h, row->want_mg_per_h);
	ck_assert_msg(tu_close(out.mg_per_h, out.delivered_mg_per_h, 0, 0),
	              "%s: mg_per_h %.17g != delivered %.17g", row->name,
	              out.mg_per_h, out.delivered_mg_per_h);
	expect_delivered(row->name, &out, row->rate, row->conc,
	                 row->weight_kg);
	ck_assert_msg(out.warnings == row->want_warnings,
	              "%s: warnings 0x%lx, want 0x%lx", row->name,
	              (unsigned long)out.warnings,
	              (unsigned long)row->want_warnings);
	expect_warning_report(row->name, &out, &report);
}
END_TEST

START_TEST(test_check_finding_hard)
{
	ket_limits lim;
	ket_pump_reading pump;
	ket_infusion out;
	ket_report r;
	ket_status st;
	size_t i;
	int found = 0;

	make_limits(LIM_DEFAULT, &lim);
	set_pump(&pump, 70, 36, 1, IV, RAC);
	st = ket_infusion_check(&pump, &lim, &out, &r);
	ck_assert_int_eq(st, KET_OK);
	for (i = 0; i < r.count; i++) {
		if (r.findings[i].warning != W_HARD)
			continue;
		found++;
		expect_finding("check hard", &r.findings[i], KET_OK, W_HARD,
		               KET_ITEM_DOSE_PER_KG, F_HARD, 36.0 / 70.0, 0.5,
		               REL);
	}
	ck_assert_int_eq(found, 1);
}
END_TEST

/* Above both the per-kg hard maximum and the cap: one finding each. */
START_TEST(test_check_two_hard_findings)
{
	ket_limits lim;
	ket_pump_reading pump;
	ket_infusion out;
	ket_report r;
	ket_status st;
	size_t i;
	int per_kg = 0, cap = 0;

	make_limits(LIM_CAP20, &lim);
	set_pump(&pump, 70, 36, 1, IV, RAC);
	st = ket_infusion_check(&pump, &lim, &out, &r);
	ck_assert_int_eq(st, KET_OK);
	ck_assert_uint_eq(out.warnings, W_HARD | W_MAX);
	for (i = 0; i < r.count; i++) {
		const ket_finding *f = &r.findings[i];

		if (f->warning != W_HARD)
			continue;
		if (strcmp(f->field, F_HARD) == 0) {
			per_kg++;
			expect_finding("per kg", f, KET_OK, W_HARD,
			               KET_ITEM_DOSE_PER_KG, F_HARD,
			               36.0 / 70.0, 0.5, REL);
		} else {
			cap++;
			expect_finding("cap", f, KET_OK, W_HARD,
			               KET_ITEM_DOSE_PER_H,
			               "infusion_cap_mg_per_h", 36, 20, REL);
		}
	}
	ck_assert_int_eq(per_kg, 1);
	ck_assert_int_eq(cap, 1);
}
END_TEST

/* Above the daily hard maximum. */
START_TEST(test_check_daily_finding)
{
	ket_limits lim;
	ket_pump_reading pump;
	ket_infusion out;
	ket_report r;
	ket_status st;
	size_t i;
	int found = 0;

	make_limits(LIM_PALL, &lim);
	set_pump(&pump, 70, 2.92, 10, SC, RAC);
	st = ket_infusion_check(&pump, &lim, &out, &r);
	ck_assert_int_eq(st, KET_OK);
	for (i = 0; i < r.count; i++) {
		if (r.findings[i].warning != W_HARD)
			continue;
		found++;
		expect_finding("daily", &r.findings[i], KET_OK, W_HARD,
		               KET_ITEM_DAILY_TOTAL, F_DAILY, 700.8, 700, REL);
	}
	ck_assert_int_eq(found, 1);
}
END_TEST

START_TEST(test_check_null)
{
	ket_limits lim;
	ket_pump_reading pump;
	ket_infusion out;
	ket_status st;

	make_limits(LIM_DEFAULT, &lim);
	set_pump(&pump, 70, 7, 1, IV, RAC);
	prefill(&out, NULL);
	st = ket_infusion_check(NULL, &lim, &out, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL pump", &out);
	prefill(&out, NULL);
	st = ket_infusion_check(&pump, NULL, &out, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	expect_failsafe("NULL limits", &out);
	st = ket_infusion_check(&pump, &lim, NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
	pump.rate_ml_per_h = tu_nan();
	st = ket_infusion_check(&pump, &lim, NULL, NULL);
	ck_assert_int_eq(st, KET_E_NULL);
}
END_TEST

/* Review finding: a pump reading of 1e308 mL/h gave infinite doses with
 * KET_OK.  A reading has no upper bound (API.md: the check reports); only
 * doses that overflow a double are KET_E_RANGE ("out"). */
START_TEST(test_review_pump_rate_bound)
{
	ket_limits l;
	ket_infusion out;
	ket_report rep;
	ket_pump_reading p = { .weight_kg = 70.0, .rate_ml_per_h = 1500.0,
	                       .concentration_mg_per_ml = 1.0,
	                       .route = KET_ROUTE_IV,
	                       .form = KET_FORM_RACEMIC };

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                        &l), KET_OK);
	/* 1500 mg/h: 21.43 mg/kg/h, 36,000 mg/24 h; reported, not refused. */
	ck_assert_int_eq(ket_infusion_check(&p, &l, &out, &rep), KET_OK);
	ck_assert(fabs(out.mg_per_h - 1500.0) <= 0.0);
	ck_assert(fabs(out.delivered_mg_per_h - 1500.0) <= 0.0);
	ck_assert(fabs(out.delivered_mg_per_kg_per_h - 1500.0 / 70.0) <=
	          1e-12 * 21.5);
	ck_assert(fabs(out.delivered_mg_per_24h - 36000.0) <= 0.0);
	ck_assert(out.warnings & KET_W_ABOVE_HARD_MAX);
	ck_assert_int_eq(rep.findings[0].status, KET_OK);
	ck_assert_str_eq(rep.findings[0].field,
	                 "infusion_hard_max_mg_per_kg_per_h");
	{
		/* The sentence groups thousands as ket_format_dose does. */
		char text[600];

		ck_assert_int_eq(ket_report_format(&rep, text, sizeof text),
		                 KET_OK);
		ck_assert_msg(strstr(text, "dose per hour 1,500 mg/h is above "
		                     "the soft maximum 25 mg/h") != NULL,
		              "report: %s", text);
	}
	/* 1e306 mL/h of 0.01 mg/mL: 1e304 mg/h, every figure finite. */
	p.rate_ml_per_h = 1e306;
	p.concentration_mg_per_ml = 0.01;
	ck_assert_int_eq(ket_infusion_check(&p, &l, &out, &rep), KET_OK);
	ck_assert(fabs(out.delivered_mg_per_h - 1e304) <= 1e292);
	/* 1e308 mL/h of 1 mg/mL: 2.4e309 mg/24 h does not fit a double. */
	p.rate_ml_per_h = 1e308;
	p.concentration_mg_per_ml = 1.0;
	ck_assert_int_eq(ket_infusion_check(&p, &l, &out, &rep), KET_E_RANGE);
	ck_assert(isnan(out.mg_per_h) && isnan(out.delivered_mg_per_24h) &&
	          isnan(out.rate_ml_per_h));
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(rep.count, 1);
	ck_assert_int_eq(rep.findings[0].status, KET_E_RANGE);
	ck_assert_int_eq(rep.findings[0].item, KET_ITEM_OTHER);
	ck_assert_str_eq(rep.findings[0].field, "out");
	/* A rate whose 24 h total (24 x rate x 1 mg/mL) still fits. */
	p.rate_ml_per_h = 1.7e308 / 24.0;
	ck_assert_int_eq(ket_infusion_check(&p, &l, &out, &rep), KET_OK);
	ck_assert(isfinite(out.delivered_mg_per_24h));
}
END_TEST

/* Absurd but valid limits (hard maximum 1e300 mg/kg/h) must not let an
 * infinite rate out as KET_OK. */
START_TEST(test_review_infinite_result)
{
	ket_limits l;
	ket_infusion out;
	ket_infusion_order o = { .weight_kg = 350.0, .dose = 1e306,
	                         .dose_unit = KET_UNIT_MG_PER_KG_PER_H,
	                         .concentration_mg_per_ml = 0.01,
	                         .pump_step_ml_per_h = 0.0,
	                         .route = KET_ROUTE_IV,
	                         .form = KET_FORM_RACEMIC };

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                        &l), KET_OK);
	l.infusion_soft_max_mg_per_kg_per_h = 0.0;
	l.infusion_soft_max_mg_per_h = 0.0;
	l.concentration_max_mg_per_ml = 0.0;
	l.infusion_hard_max_mg_per_kg_per_h = 1e300 * 1e7;
	ck_assert_int_eq(ket_infusion_rate(&o, &l, &out, NULL), KET_E_RANGE);
	ck_assert(isnan(out.rate_ml_per_h));
}
END_TEST

/* Found by CI's fuzzer (tests/fuzz/crashes/orders/): at the bottom of the
 * denormals one pump step of 4.9e-324 mL/h (the smallest double) at
 * 1.999999998 mg/mL delivers 9.9e-324 mg/h (two units of the last place),
 * twice the 4.9e-324 mg/h ordered: a 100 % deviation, refused.  The rate
 * itself (4.9e-324 / 1.999999998 rounds up to one unit) looks exact, which
 * is why the dose, not the rate, must be judged. */
START_TEST(test_review_denormal_step_judged_on_dose)
{
	ket_limits l;
	ket_infusion out;
	ket_report r;
	const double tiny = 4.9406564584124654e-324;
	ket_infusion_order o = { .weight_kg = 1.0, .dose = tiny,
	                         .dose_unit = KET_UNIT_MG_PER_KG_PER_H,
	                         .concentration_mg_per_ml = 1.999999998,
	                         .pump_step_ml_per_h = tiny,
	                         .route = KET_ROUTE_IV,
	                         .form = KET_FORM_RACEMIC };

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                        &l), KET_OK);
	ck_assert_int_eq(ket_infusion_rate(&o, &l, &out, &r),
	                 KET_E_RESOLUTION);
	ck_assert(isnan(out.rate_ml_per_h) && isnan(out.delivered_mg_per_h));
	ck_assert_uint_ge(r.count, 1);
	ck_assert_int_eq(r.findings[r.count - 1].status, KET_E_RESOLUTION);
	ck_assert_double_eq_tol(r.findings[r.count - 1].value, 100.0, 1e-9);
}
END_TEST

/* API.md rule 3: CAPPED, then the daily soft maximum on the dose as
 * ordered (672 mg/24 h; capped, 480 would cross too: one finding). */
START_TEST(test_review_finding_order)
{
	ket_limits l;
	ket_infusion out;
	ket_report rep;
	ket_infusion_order o = { .weight_kg = 70.0, .dose = 0.4,
	                         .dose_unit = KET_UNIT_MG_PER_KG_PER_H,
	                         .concentration_mg_per_ml = 1.0,
	                         .pump_step_ml_per_h = 0.0,
	                         .route = KET_ROUTE_IV,
	                         .form = KET_FORM_RACEMIC };

	ck_assert_int_eq(ket_limits_for_profile(KET_PROFILE_PALLIATIVE_BURST,
	                                        &l), KET_OK);
	l.infusion_cap_mg_per_h = 20.0;   /* 28 mg/h ordered */
	l.daily_soft_max_mg_per_24h = 300.0; /* 672 ordered, 480 capped */
	ck_assert_int_eq(ket_infusion_rate(&o, &l, &out, &rep), KET_OK);
	ck_assert_uint_eq(rep.count, 2);
	ck_assert_uint_eq(rep.findings[0].warning, KET_W_CAPPED);
	ck_assert_uint_eq(rep.findings[1].warning, KET_W_ABOVE_SOFT_MAX);
	ck_assert_int_eq(rep.findings[1].item, KET_ITEM_DAILY_TOTAL);
	ck_assert(fabs(rep.findings[1].value - 672.0) <= 1e-9);
}
END_TEST

/* ------------------------------------------------------------ coverage */

/* A cap above what the hard maximum allows does not loosen it (rule 4:
 * the most steps is the smaller limit's).  70.5 kg at 0.5 mg/kg/h (the
 * hard maximum) = 35.25 mg/h = 35.25 mL/h of 1 mg/mL; in 0.5 mL/h steps
 * x = 70.5 rounds to 71 (35.5 mL/h = 0.5035 mg/kg/h, above the hard
 * maximum), so n_max = floor(70.5 + 1e-9) = 70: 35 mL/h, moved 0.25 /
 * 35.25 = 0.709 % (no warning).  The 100 mg/h cap is not reached (no
 * KET_W_CAPPED, mg_per_h stays 35.25); 0.5 mg/kg/h is above the 0.2 soft
 * maximum and 35.25 mg/h above the 25 mg/h one. */
START_TEST(test_cov_cap_above_hard)
{
	ket_limits lim;
	ket_infusion_order order;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_cap_mg_per_h = 100;
	set_order(&order, 70.5, 0.5, MGKGH, 1, 0.5, IV, RAC);
	prefill(&out, &r);
	ck_assert_int_eq(ket_infusion_rate(&order, &lim, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.mg_per_h, 35.25, REL, ABS), "%.17g mg/h",
	              out.mg_per_h);
	expect_delivered("cap above hard", &out, 35, 1, 70.5);
	ck_assert_uint_eq(out.warnings, W_MAX);
	expect_warning_report("cap above hard", &out, &r);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("per kg", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_KG,
	               "infusion_soft_max_mg_per_kg_per_h", 0.5, 0.2, REL);
	expect_finding("mg/h", &r.findings[1], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_H, "infusion_soft_max_mg_per_h",
	               35.25, 25, REL);
}
END_TEST

/* ------------------------------------------------------------ mutation */

/* Tests that kill mutants `make mutate` found alive (tests/mutation/).
 * API.md "Comparisons": a value the caller typed in the limit's own unit
 * is compared exactly; a computed one within 1e-9 relative of a limit is
 * at it.  The inputs below put a computed value one last bit above or
 * below a decimal limit (50 kg x 0.009 mg/kg/h / 0.9 mg/mL is 0.5 mL/h in
 * decimal, 0.49999999999999994 in binary). */

static ket_status mut_rate(const ket_limits *lim, double weight, double dose,
                           int unit, double conc, double step,
                           ket_infusion *out, ket_report *r)
{
	ket_infusion_order order;

	set_order(&order, weight, dose, unit, conc, step, IV, RAC);
	prefill(out, r);
	return ket_infusion_rate(&order, lim, out, r);
}

static ket_status mut_check(const ket_limits *lim, double weight,
                            double rate, double conc, ket_infusion *out,
                            ket_report *r)
{
	ket_pump_reading pump;

	set_pump(&pump, weight, rate, conc, IV, RAC);
	prefill(out, r);
	return ket_infusion_check(&pump, lim, out, r);
}

/* Typed doses a hair (under 1e-9 relative) above a soft maximum in their
 * own unit warn; typed exactly at the soft minimum does not. */
START_TEST(test_mut_typed_exact)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	/* 0.2000000001 mg/kg/h x 70 kg = 14.000000007 mg/h, above 0.2. */
	ck_assert_int_eq(mut_rate(&lim, 70, 0.2000000001, MGKGH, 1, 0, &out,
	                          &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("per kg", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_KG, "infusion_soft_max_mg_per_kg_per_h",
	               0.2000000001, 0.2, REL);
	/* 25.00000001 mg/h at 140 kg (0.179 mg/kg/h): above 25 mg/h. */
	ck_assert_int_eq(mut_rate(&lim, 140, 25.00000001, MGH, 1, 0, &out,
	                          &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("per h", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_H, "infusion_soft_max_mg_per_h",
	               25.00000001, 25, REL);
	/* 0.05 mg/kg/h at the 0.05 soft minimum: 3.5 mL/h, no finding. */
	ck_assert_int_eq(mut_rate(&lim, 70, 0.05, MGKGH, 1, 0, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 3.5, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);

	/* Palliative profile, daily soft maximum 500 mg/24 h:
	 * 500.0000001 mg/24 h (20.83 mg/h, 0.298 mg/kg/h) is above it. */
	make_limits(LIM_PALL, &lim);
	ck_assert_int_eq(mut_rate(&lim, 70, 500.0000001, MG24H, 1, 0, &out,
	                          &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 1);
	expect_finding("daily", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DAILY_TOTAL, "daily_soft_max_mg_per_24h",
	               500.0000001, 500, REL);
}
END_TEST

/* Computed values one last bit past a limit are at it. */
START_TEST(test_mut_computed_at_limit)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	/* 0.2 mg/kg/h x 70 kg = 14 mg/h = 46.667 mL/h of 0.3 mg/mL; the
	 * delivered 0.2 mg/kg/h is at the soft maximum. */
	ck_assert_int_eq(mut_rate(&lim, 70, 0.2, MGKGH, 0.3, 0, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 14 / 0.3, REL, ABS),
	              "%.17g", out.rate_ml_per_h);
	ck_assert_msg(tu_close(out.delivered_mg_per_kg_per_h, 0.2, REL, ABS),
	              "%.17g", out.delivered_mg_per_kg_per_h);
	ck_assert_uint_eq(out.warnings, 0);
	ck_assert_uint_eq(r.count, 0);
	/* 50 kg x 0.009 mg/kg/h = 0.45 mg/h = 0.5 mL/h of 0.9 mg/mL: at
	 * KET_PUMP_RATE_LOW_ML_PER_H, not below; below the soft minimum. */
	ck_assert_int_eq(mut_rate(&lim, 50, 0.009, MGKGH, 0.9, 0, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 0.5, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
	ck_assert_uint_eq(out.warnings, W_MIN);
	ck_assert_uint_eq(r.count, 1);
}
END_TEST

/* Rule 3: the daily hard maximum holds the capped dose: 20 mg/h capped
 * to 10 mg/h is 240 mg/24 h, above 200: refused with that figure. */
START_TEST(test_mut_capped_daily)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_cap_mg_per_h = 10;
	lim.daily_hard_max_mg_per_24h = 200;
	ck_assert_int_eq(mut_rate(&lim, 70, 20, MGH, 1, 0, &out, &r),
	                 KET_E_HARD_LIMIT);
	expect_failsafe("capped daily", &out);
	expect_finding("capped daily", &r.findings[r.count - 1],
	               KET_E_HARD_LIMIT, 0, KET_ITEM_DAILY_TOTAL,
	               "daily_hard_max_mg_per_24h", 240, 200, REL);

	/* 48 mg/24 h typed, capped to 1.1 mg/h: 24 x 1.1 = 26.4 mg/24 h is
	 * computed (26.400000000000002 in binary), so at the 26.4 maximum,
	 * not above: given at 1.1 mL/h. */
	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_soft_min_mg_per_kg_per_h = 0;
	lim.infusion_cap_mg_per_h = 1.1;
	lim.daily_hard_max_mg_per_24h = 26.4;
	ck_assert_int_eq(mut_rate(&lim, 70, 48, MG24H, 1, 0, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 1.1, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
	ck_assert_uint_eq(out.warnings, W_CAP);
	ck_assert_uint_eq(r.count, 1);
}
END_TEST

/* A cap and a daily hard maximum below 1 count, for the dose and for
 * rounding (rule 4: rounding never crosses them). */
START_TEST(test_mut_small_cap_and_daily)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	/* 2 mg/h capped to 0.9375 mg/h = 7.5 mL/h of 0.125 mg/mL; 1 mL/h
	 * steps: 8 mL/h would cross the cap, so 7 mL/h = 0.875 mg/h, moved
	 * 0.0625 / 0.9375 = 6.667 %. */
	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_soft_min_mg_per_kg_per_h = 0;
	lim.infusion_cap_mg_per_h = 0.9375;
	ck_assert_int_eq(mut_rate(&lim, 70, 2, MGH, 0.125, 1, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 7, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
	ck_assert_msg(tu_close(out.delivered_mg_per_h, 0.875, REL, ABS),
	              "%.17g", out.delivered_mg_per_h);
	ck_assert_uint_eq(out.warnings, W_CAP | W_RND);

	/* Daily hard maximum 0.9 mg/24 h = 0.0375 mg/h = 3.75 mL/h of
	 * 0.01 mg/mL; 0.5 mL/h steps: 4 would cross it, so 3.5 mL/h =
	 * 0.035 mg/h, moved 6.667 %. */
	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_soft_min_mg_per_kg_per_h = 0;
	lim.daily_hard_max_mg_per_24h = 0.9;
	ck_assert_int_eq(mut_rate(&lim, 70, 0.0375, MGH, 0.01, 0.5, &out,
	                          &r), KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 3.5, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
	ck_assert_uint_eq(out.warnings, W_RND);
	/* 0.05 mg/h is 1.2 mg/24 h, above 0.9: refused. */
	ck_assert_int_eq(mut_rate(&lim, 70, 0.05, MGH, 0.01, 0.5, &out, &r),
	                 KET_E_HARD_LIMIT);
	expect_finding("daily 0.9", &r.findings[r.count - 1],
	               KET_E_HARD_LIMIT, 0, KET_ITEM_DAILY_TOTAL,
	               "daily_hard_max_mg_per_24h", 1.2, 0.9, REL);
}
END_TEST

/* Refusals of a zero dose or rate carry the bound 0. */
START_TEST(test_mut_zero_bounds)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_rate(&lim, 70, 0, MGKGH, 1, 0.1, &out, &r),
	                 KET_E_DOSE);
	expect_finding("dose 0", &r.findings[r.count - 1], KET_E_DOSE, 0,
	               KET_ITEM_DOSE, "dose", 0, 0, REL);
	ck_assert_int_eq(mut_check(&lim, 70, 0, 1, &out, &r), KET_E_DOSE);
	expect_finding("rate 0", &r.findings[r.count - 1], KET_E_DOSE, 0,
	               KET_ITEM_PUMP_RATE, "rate_ml_per_h", 0, 0, REL);
}
END_TEST

/* A running pump: 110 kg, 50 mL/h of 1.1 mg/mL is 55 mg/h (in binary
 * 55.00000000000001), 0.5 mg/kg/h, 1320 mg/24 h - each at the hard
 * maximum, cap and daily hard maximum set to those, none above; above the
 * soft maxima 0.2 mg/kg/h and 25 mg/h. */
START_TEST(test_mut_pump_at_limits)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_cap_mg_per_h = 55;
	lim.daily_hard_max_mg_per_24h = 1320;
	ck_assert_int_eq(mut_check(&lim, 110, 50, 1.1, &out, &r), KET_OK);
	ck_assert_msg(tu_close(out.delivered_mg_per_h, 55, REL, ABS), "%.17g",
	              out.delivered_mg_per_h);
	ck_assert_uint_eq(out.warnings, W_MAX);
	ck_assert_uint_eq(r.count, 2);
	expect_finding("per kg", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_KG, "infusion_soft_max_mg_per_kg_per_h",
	               0.5, 0.2, REL);
	expect_finding("per h", &r.findings[1], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_H, "infusion_soft_max_mg_per_h", 55,
	               25, REL);

	/* A cap of 0.5 mg/h and a daily hard maximum of 0.9 mg/24 h count:
	 * 70 kg, 1 mL/h of 1 mg/mL = 1 mg/h (0.0143 mg/kg/h, below the
	 * 0.05 soft minimum), 24 mg/24 h. */
	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_cap_mg_per_h = 0.5;
	lim.daily_hard_max_mg_per_24h = 0.9;
	ck_assert_int_eq(mut_check(&lim, 70, 1, 1, &out, &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MIN | W_HARD);
	ck_assert_uint_eq(r.count, 3);
	expect_finding("min", &r.findings[0], KET_OK, W_MIN,
	               KET_ITEM_DOSE_PER_KG, "infusion_soft_min_mg_per_kg_per_h",
	               1.0 / 70, 0.05, REL);
	expect_finding("cap", &r.findings[1], KET_OK, W_HARD,
	               KET_ITEM_DOSE_PER_H, "infusion_cap_mg_per_h", 1, 0.5,
	               REL);
	expect_finding("daily", &r.findings[2], KET_OK, W_HARD,
	               KET_ITEM_DAILY_TOTAL, "daily_hard_max_mg_per_24h", 24,
	               0.9, REL);

	/* A typed rate of 0.4999999998 mL/h is below 0.5 (exactly). */
	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_check(&lim, 70, 0.4999999998, 1, &out, &r),
	                 KET_OK);
	ck_assert_uint_eq(out.warnings, W_MIN | W_LOW);
}
END_TEST

/* "Within 1e-9 relative counts as at it" includes exactly 1e-9: a
 * running pump at 1.000000001 mL/h of 1 mg/mL delivers 1.000000001 mg/h,
 * at a 1 mg/h cap, not above (70 kg: below the 0.05 mg/kg/h soft
 * minimum); an order of 0.4999999995 mg/h of 1 mg/mL runs at
 * 0.4999999995 mL/h, at KET_PUMP_RATE_LOW_ML_PER_H, not below. */
START_TEST(test_mut_tolerance_edge)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_cap_mg_per_h = 1;
	ck_assert_int_eq(mut_check(&lim, 70, 1.000000001, 1, &out, &r),
	                 KET_OK);
	ck_assert_uint_eq(out.warnings, W_MIN);
	ck_assert_uint_eq(r.count, 1);

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_rate(&lim, 70, 0.4999999995, MGH, 1, 0, &out,
	                          &r), KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 0.4999999995, REL, ABS),
	              "%.17g", out.rate_ml_per_h);
	ck_assert_uint_eq(out.warnings, W_MIN);
	ck_assert_uint_eq(r.count, 1);
}
END_TEST

/* A rounded rate is the pump's decimal exactly (the double nearest it):
 * API.md's example 40.4 kg at 0.5 mg/kg/h, 1 mg/mL, step 0.1 gives
 * 202 steps, 20.2 mL/h - not 202 x 0.1 = 20.200000000000003. */
START_TEST(test_mut_rate_is_the_decimal)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_rate(&lim, 40.4, 0.5, MGKGH, 1, 0.1, &out, &r),
	                 KET_OK);
	ck_assert_msg(!(out.rate_ml_per_h < 20.2) && !(out.rate_ml_per_h > 20.2),
	              "%.17g mL/h, want the double nearest 20.2",
	              out.rate_ml_per_h);
}
END_TEST

/* More limits at and below 1 (API.md "Comparisons", rule 4):
 * - delivered doses computed one last bit above a soft maximum typed
 *   exactly at it: 25 mg/h of 0.3 mg/mL delivers 25.000000000000004 mg/h;
 *   500 mg/24 h of 1.3 mg/mL delivers 500.00000000000006 mg/24 h;
 * - soft maxima below 1: 1 mg/h is above a 0.5 mg/h soft maximum, and
 *   0.05 mg/h (1.2 mg/24 h) above a 0.9 mg/24 h daily one;
 * - rounding never crosses the hard maximum per kg even when the daily
 *   hard maximum is a little higher: 70 kg x 0.5 mg/kg/h = 35 mg/h (35
 *   mL/h of 1 mg/mL), daily hard 844.8 mg/24 h (35.2 mg/h); 0.3 mL/h
 *   steps: 117 steps (35.1) would cross 35, so 116 steps, 34.8 mL/h. */
START_TEST(test_mut_more_limits)
{
	ket_limits lim;
	ket_infusion out;
	ket_report r;

	make_limits(LIM_DEFAULT, &lim);
	ck_assert_int_eq(mut_rate(&lim, 140, 25, MGH, 0.3, 0, &out, &r),
	                 KET_OK);
	ck_assert_uint_eq(out.warnings, 0);
	make_limits(LIM_PALL, &lim);
	ck_assert_int_eq(mut_rate(&lim, 70, 500, MG24H, 1.3, 0, &out, &r),
	                 KET_OK);
	ck_assert_uint_eq(out.warnings, 0);

	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_soft_min_mg_per_kg_per_h = 0;
	lim.infusion_soft_max_mg_per_h = 0.5;
	ck_assert_int_eq(mut_rate(&lim, 70, 1, MGH, 1, 0, &out, &r), KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX);
	expect_finding("soft 0.5 mg/h", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DOSE_PER_H, "infusion_soft_max_mg_per_h", 1,
	               0.5, REL);
	make_limits(LIM_DEFAULT, &lim);
	lim.infusion_soft_min_mg_per_kg_per_h = 0;
	lim.daily_soft_max_mg_per_24h = 0.9;
	ck_assert_int_eq(mut_rate(&lim, 70, 0.05, MGH, 0.01, 0, &out, &r),
	                 KET_OK);
	ck_assert_uint_eq(out.warnings, W_MAX);
	expect_finding("daily soft 0.9", &r.findings[0], KET_OK, W_MAX,
	               KET_ITEM_DAILY_TOTAL, "daily_soft_max_mg_per_24h", 1.2,
	               0.9, REL);

	make_limits(LIM_DEFAULT, &lim);
	lim.daily_hard_max_mg_per_24h = 844.8;
	ck_assert_int_eq(mut_rate(&lim, 70, 0.5, MGKGH, 1, 0.3, &out, &r),
	                 KET_OK);
	ck_assert_msg(tu_close(out.rate_ml_per_h, 34.8, REL, ABS), "%.17g",
	              out.rate_ml_per_h);
}
END_TEST

Suite *ket_suite_infusion(void)
{
	Suite *s = suite_create("infusion");
	TCase *tc;

	tc = tcase_create("rate");
	tcase_add_loop_test(tc, test_rate_ok, 0, TU_ROWS(ok_rows));
	tcase_add_test(tc, test_rate_example);
	tcase_add_test(tc, test_rate_const);
	suite_add_tcase(s, tc);

	tc = tcase_create("rate_errors");
	tcase_add_loop_test(tc, test_rate_error, 0, TU_ROWS(err_rows));
	tcase_add_loop_test(tc, test_rate_not_finite, 0,
	                    TU_ROWS(nf_fields) * TU_ROWS(nf_values));
	tcase_add_test(tc, test_rate_null);
	tcase_add_loop_test(tc, test_rate_error_bounds, 0,
	                    TU_ROWS(bound_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("rate_findings");
	tcase_add_test(tc, test_finding_hard_limit);
	tcase_add_test(tc, test_finding_soft_once);
	tcase_add_test(tc, test_finding_soft_delivered);
	tcase_add_test(tc, test_finding_soft_min);
	tcase_add_test(tc, test_finding_mg_per_h);
	tcase_add_test(tc, test_finding_cap);
	tcase_add_test(tc, test_finding_daily);
	tcase_add_test(tc, test_finding_warning_then_refusal);
	tcase_add_test(tc, test_finding_rounded);
	tcase_add_test(tc, test_finding_resolution);
	tcase_add_test(tc, test_finding_low_rate);
	tcase_add_test(tc, test_finding_unusual_weight);
	tcase_add_test(tc, test_finding_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("rate_properties");
	tcase_add_test(tc, test_prop_double_weight);
	tcase_add_test(tc, test_prop_never_above_hard);
	tcase_add_test(tc, test_prop_never_above_cap_or_daily);
	tcase_add_test(tc, test_prop_at_hard_max_not_stepped_down);
	suite_add_tcase(s, tc);

	tc = tcase_create("check");
	tcase_add_loop_test(tc, test_check, 0, TU_ROWS(chk_rows));
	tcase_add_test(tc, test_check_finding_hard);
	tcase_add_test(tc, test_check_two_hard_findings);
	tcase_add_test(tc, test_check_daily_finding);
	tcase_add_test(tc, test_check_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("review_regressions");
	tcase_add_test(tc, test_review_pump_rate_bound);
	tcase_add_test(tc, test_review_infinite_result);
	tcase_add_test(tc, test_review_finding_order);
	tcase_add_test(tc, test_review_denormal_step_judged_on_dose);
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_test(tc, test_cov_cap_above_hard);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutation");
	tcase_add_test(tc, test_mut_typed_exact);
	tcase_add_test(tc, test_mut_computed_at_limit);
	tcase_add_test(tc, test_mut_capped_daily);
	tcase_add_test(tc, test_mut_small_cap_and_daily);
	tcase_add_test(tc, test_mut_zero_bounds);
	tcase_add_test(tc, test_mut_pump_at_limits);
	tcase_add_test(tc, test_mut_tolerance_edge);
	tcase_add_test(tc, test_mut_rate_is_the_decimal);
	tcase_add_test(tc, test_mut_more_limits);
	suite_add_tcase(s, tc);

	return s;
}
