/*
 * corpus.c - the calls behind tests/threads and tests/fpsame (corpus.h).
 *
 * Every public function of <ketamine.h> is called here (make threads checks
 * it with nm against the header's list).  Inputs: normal orders from every
 * built-in profile and some edited limits, boundaries, every status path
 * the tables reach, NULL pointers, NaN and infinities.  Large grids are
 * sampled by a fixed integer hash of the input number (splitmix64), so the
 * same numbers pick the same inputs in every build (one pick per statement:
 * never two in the arguments of one call, whose order of evaluation is
 * unspecified); doubles are literals or an integer times a literal (exact
 * in every build with SSE2 and -ffp-contract=off).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#include "corpus.h"

#define D_NAN ((double)NAN)
#define D_INF ((double)INFINITY)
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* Outputs start as this byte pattern, so one left unwritten shows the
 * same in every run (a double of 0x5a5a... is about 1.5e127). */
#define UNSET(x) memset(&(x), 0x5a, sizeof(x))

#define IV KET_ROUTE_IV
#define IM KET_ROUTE_IM
#define SC KET_ROUTE_SC
#define PO KET_ROUTE_ORAL
#define SL KET_ROUTE_SUBLINGUAL
#define IN KET_ROUTE_INTRANASAL
#define PR KET_ROUTE_RECTAL
#define TD KET_ROUTE_TRANSDERMAL
#define EPI KET_ROUTE_EPIDURAL

#define REPORT_TEXT_MAX 2048
#define BURST_DAYS_MAX 8
#define TCI_STEPS_MAX 360
#define PK_TIMES_MAX 601

/* ------------------------------------------------------------ writing */

void corpus_out_init(corpus_out *o, char *buf, size_t size, int verbose)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	o->overflow = 0;
	o->verbose = verbose;
	o->name = "";
	o->index = 0;
	if (size > 0)
		buf[0] = '\0';
}

static void put_mem(corpus_out *o, const char *s, size_t n)
{
	if (o->overflow || o->size - o->len <= n) {
		o->overflow = 1;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void put_str(corpus_out *o, const char *s)
{
	put_mem(o, s, strlen(s));
}

static void put_uint(corpus_out *o, uint64_t v)
{
	char t[24];
	size_t n = sizeof t;

	do {
		t[--n] = (char)('0' + (int)(v % 10u));
		v /= 10u;
	} while (v != 0 && n > 0);
	put_mem(o, t + n, sizeof t - n);
}

static void put_int(corpus_out *o, int64_t v)
{
	if (v < 0) {
		put_str(o, "-");
		put_uint(o, (uint64_t)0 - (uint64_t)v);
	} else {
		put_uint(o, (uint64_t)v);
	}
}

static void put_hex(corpus_out *o, uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char t[18];
	int k;

	t[0] = '0';
	t[1] = 'x';
	for (k = 0; k < digits; k++)
		t[2 + k] = hex[(v >> (4 * (digits - 1 - k))) & 15u];
	put_mem(o, t, (size_t)(2 + digits));
}

/* Starts one output: "label=" (terse) or "<case>#<i> label = " (verbose).
 * idx >= 0 appends "[idx]". */
static void label(corpus_out *o, const char *name, long idx)
{
	if (o->verbose) {
		put_str(o, o->name);
		put_str(o, "#");
		put_uint(o, o->index);
		put_str(o, " ");
	}
	put_str(o, name);
	if (idx >= 0) {
		put_str(o, "[");
		put_uint(o, (uint64_t)idx);
		put_str(o, "]");
	}
	put_str(o, o->verbose ? " = " : "=");
}

static void end(corpus_out *o)
{
	put_str(o, o->verbose ? "\n" : ";");
}

static void out_double_at(corpus_out *o, const char *name, long idx,
                          double x)
{
	uint64_t bits;

	memcpy(&bits, &x, sizeof bits);
	label(o, name, idx);
	put_hex(o, bits, 16);
	if (o->verbose) {
		char t[40];

		(void)snprintf(t, sizeof t, " %.17g", x);
		put_str(o, t);
	}
	end(o);
}

static void out_double(corpus_out *o, const char *name, double x)
{
	out_double_at(o, name, -1, x);
}

static void out_int(corpus_out *o, const char *name, int64_t v)
{
	label(o, name, -1);
	put_int(o, v);
	end(o);
}

static void out_bits(corpus_out *o, const char *name, uint32_t v)
{
	label(o, name, -1);
	put_hex(o, v, 8);
	end(o);
}

/* NULL is written (null), a string in quotes. */
static void out_text(corpus_out *o, const char *name, const char *s)
{
	label(o, name, -1);
	if (s == NULL) {
		put_str(o, "(null)");
	} else {
		put_str(o, "\"");
		put_str(o, s);
		put_str(o, "\"");
	}
	end(o);
}

static void out_status(corpus_out *o, ket_status st)
{
	out_int(o, "status", (int64_t)st);
}

/* Every finding, then the report through ket_report_format. */
static void out_report(corpus_out *o, const ket_report *r)
{
	char text[REPORT_TEXT_MAX];
	size_t k;

	out_int(o, "report.count", (int64_t)r->count);
	out_int(o, "report.dropped", (int64_t)r->dropped);
	for (k = 0; k < r->count && k < KET_REPORT_MAX; k++) {
		const ket_finding *f = &r->findings[k];

		out_int(o, "finding.status", f->status);
		out_bits(o, "finding.warning", f->warning);
		out_int(o, "finding.item", f->item);
		out_double_at(o, "finding.value", (long)k, f->value);
		out_double_at(o, "finding.limit", (long)k, f->limit);
		out_text(o, "finding.unit", f->unit);
		out_text(o, "finding.field", f->field);
	}
	out_int(o, "report_format.status",
	        (int64_t)ket_report_format(r, text, sizeof text));
	out_text(o, "report_format", text);
}

void corpus_run(const corpus_case *c, size_t i, corpus_out *o)
{
	o->len = 0;
	o->overflow = 0;
	if (o->size > 0)
		o->buf[0] = '\0';
	o->name = c->name;
	o->index = i;
	c->run(i, o);
}

/* ------------------------------------------------------------ inputs */

/* splitmix64: input number -> a fixed stream of table indices. */
typedef struct picker {
	uint64_t state;
	int valid; /* even inputs: every field from the valid entries */
} picker;

static picker picker_for(size_t i, uint64_t salt)
{
	picker p;

	p.state = (uint64_t)i * UINT64_C(0x9e3779b97f4a7c15) ^ salt;
	p.valid = i % 2 == 0;
	return p;
}

static size_t pick(picker *p, size_t n)
{
	uint64_t z = (p->state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	return (size_t)(z % (uint64_t)n);
}

/* Mixed radix: digit k of i in base n. */
static size_t digit(size_t *i, size_t n)
{
	size_t d = *i % n;

	*i /= n;
	return d;
}

/* Tables list their valid entries first.  An index below `good` always
 * for a `valid` picker, else 3 times in 4: so about half the orders are
 * valid in every field and the others mostly have one bad field. */
static size_t pick_in(picker *p, size_t good, size_t n)
{
	if (p->valid || pick(p, 4) != 0)
		return pick(p, good);
	return pick(p, n);
}

#define PICK(p, table) ((table)[pick((p), N_OF(table))])
#define PICKV(p, table, good) ((table)[pick_in((p), (good), N_OF(table))])
#define DIGIT(i, table) ((table)[digit(&(i), N_OF(table))])

static const double weights_kg[] = { 70.0, 82.5, 3.0, 12.5, 40.0, 150.0,
	350.0, 0.5, 22.31, /* invalid: */ 0.4, 351.0, D_NAN };
static const double concs[] = { 1.0, 2.0, 10.0, 50.0, 100.0, 0.5, 5.0,
	0.01, 1.5, /* invalid: */ 0.005, 101.0, D_INF };
static const int32_t forms[] = { KET_FORM_RACEMIC, /* invalid with the
	profiles: */ KET_FORM_ESKETAMINE, KET_FORM_ARKETAMINE, 3 };
static const int32_t iv_sc[] = { IV, IV, SC, /* invalid: */ IM, -1 };
#define GOOD_WEIGHTS 9
#define GOOD_CONCS 9
#define GOOD_FORMS 1
#define GOOD_IV_SC 3

/* A built-in profile, as is or edited (variant > 0). */
static void make_limits(size_t profile, size_t variant, ket_limits *l)
{
	if (ket_limits_for_profile((ket_profile)profile, l) != KET_OK)
		return;
	switch (variant) {
	case 1:
		l->infusion_cap_mg_per_h = 5.0;
		l->bolus_cap_mg = 5.0;
		break;
	case 2:
		l->daily_soft_max_mg_per_24h = 80.0;
		l->daily_hard_max_mg_per_24h = 100.0;
		break;
	case 3:
		l->concentration_max_mg_per_ml = 10.0;
		break;
	case 4:
		l->weight_soft_min_kg = 40.0;
		l->weight_soft_max_kg = 120.0;
		l->infusion_soft_max_mg_per_h = 5.0;
		l->bolus_soft_max_mg = 5.0;
		break;
	case 5:
		l->form = KET_FORM_ESKETAMINE;
		break;
	case 6:
		l->infusion_hard_max_mg_per_kg_per_h = 0.0; /* invalid */
		break;
	default:
		break;
	}
}

static void pick_limits(picker *p, ket_limits *l)
{
	static const size_t valid[] = { 0, 0, 0, 0, 1, 2, 3, 4 };
	size_t profile = pick(p, 4);
	/* 5 and 6 make every order fail */
	size_t variant = p->valid ? PICK(p, valid) : pick(p, 7);

	make_limits(profile, variant, l);
}

/* ------------------------------------------------ statuses and names */

static void run_version(size_t i, corpus_out *o)
{
	(void)i;
	out_int(o, "ket_version_number", ket_version_number());
	out_text(o, "ket_version_string", ket_version_string());
}

static void run_status_names(size_t i, corpus_out *o)
{
	ket_status s = (ket_status)((int)i - 2); /* -2 .. 20 */

	out_text(o, "ket_status_name", ket_status_name(s));
	out_text(o, "ket_strerror", ket_strerror(s));
}

static void run_warning_name(size_t i, corpus_out *o)
{
	uint32_t bit = i < 32 ? UINT32_C(1) << i
	             : i == 32 ? 0u : i == 33 ? 3u : UINT32_C(0xffffffff);

	out_text(o, "ket_warning_name", ket_warning_name(bit));
}

static void run_item_name(size_t i, corpus_out *o)
{
	out_text(o, "ket_item_name", ket_item_name((ket_item)((int)i - 2)));
}

static void run_route_names(size_t i, corpus_out *o)
{
	ket_route r = (ket_route)((int)i - 2);

	out_text(o, "ket_route_name", ket_route_name(r));
	out_text(o, "ket_route_label", ket_route_label(r));
}

static void run_rate_unit_ucum(size_t i, corpus_out *o)
{
	out_text(o, "ket_rate_unit_ucum",
	         ket_rate_unit_ucum((ket_rate_unit)((int)i - 2)));
}

/* Reports from infusion orders, written into buffers of several sizes. */
static void run_report_format(size_t i, corpus_out *o)
{
	static const size_t sizes[] = { 2048, 200, 60, 16, 1, 0 };
	picker p = picker_for(i, 0x11);
	ket_infusion_order ord;
	ket_limits lim;
	ket_infusion res;
	ket_report rep;
	char buf[2048];
	size_t size = PICK(&p, sizes);
	ket_status st;

	memset(&rep, 0, sizeof rep);
	pick_limits(&p, &lim);
	ord.weight_kg = PICK(&p, weights_kg);
	ord.dose = (double)(1 + pick(&p, 40)) * 0.025;
	ord.dose_unit = KET_UNIT_MG_PER_KG_PER_H;
	ord.concentration_mg_per_ml = PICK(&p, concs);
	ord.pump_step_ml_per_h = pick(&p, 2) ? 0.1 : 1.0;
	ord.route = IV;
	ord.form = KET_FORM_RACEMIC;
	out_int(o, "infusion_status",
	        (int64_t)ket_infusion_rate(&ord, &lim, &res, &rep));
	memset(buf, 'x', sizeof buf);
	st = ket_report_format(&rep, pick(&p, 8) ? buf : NULL, size);
	out_status(o, st);
	out_int(o, "size", (int64_t)size);
	if (size > 0) {
		buf[size - 1] = '\0'; /* the text, or what was left */
		out_text(o, "buf", buf);
	}
}

/* ------------------------------------------------------------ weight */

static void run_weight_from_lb(size_t i, corpus_out *o)
{
	static const double special[] = { 154.3, 1.1023113109243878,
		1.1023113, 771.6179176, 771.61791764, 771.62, 0.0, -0.0,
		-1.0, D_NAN, D_INF, -D_INF, 1e308, 5e-324 };
	double lb = i < N_OF(special) ? special[i]
	          : (double)(i - N_OF(special)) * 0.731;
	double kg = 12345.0;

	out_status(o, ket_weight_from_lb(lb, &kg));
	out_double(o, "weight_kg", kg);
}

static void run_dosing_weight(size_t i, corpus_out *o)
{
	static const double w[] = { 70.0, 45.0, 82.5, 150.0, 350.0, 3.0,
		0.4, D_NAN };
	static const double h[] = { 0.0, 100.0, 152.4, 152.3, 170.0,
		185.5, 250.0, 251.0, 44.9, D_INF };
	static const double age[] = { KET_AGE_UNKNOWN, 17.9, 18.0, 40.0,
		-0.0, 130.0, 131.0, D_NAN };
	static const int32_t sex[] = { KET_SEX_UNSPECIFIED, KET_SEX_FEMALE,
		KET_SEX_MALE, 3 };
	ket_patient pt;
	int basis;
	double kg = 12345.0;

	pt.weight_kg = DIGIT(i, w);
	pt.height_cm = DIGIT(i, h);
	pt.age_years = DIGIT(i, age);
	pt.sex = DIGIT(i, sex);
	basis = (int)(i % 5); /* 4: unknown */
	out_status(o, ket_dosing_weight(&pt, (ket_weight_basis)basis, &kg));
	out_double(o, "weight_kg", kg);
}

/* ------------------------------------------------------------ limits */

static void out_limits(corpus_out *o, const ket_limits *l)
{
	out_int(o, "form", l->form);
	out_double(o, "weight_soft_min_kg", l->weight_soft_min_kg);
	out_double(o, "weight_soft_max_kg", l->weight_soft_max_kg);
	out_double(o, "concentration_max", l->concentration_max_mg_per_ml);
	out_double(o, "infusion_soft_min", l->infusion_soft_min_mg_per_kg_per_h);
	out_double(o, "infusion_soft_max", l->infusion_soft_max_mg_per_kg_per_h);
	out_double(o, "infusion_hard_max", l->infusion_hard_max_mg_per_kg_per_h);
	out_double(o, "infusion_soft_max_mg_per_h",
	           l->infusion_soft_max_mg_per_h);
	out_double(o, "infusion_cap", l->infusion_cap_mg_per_h);
	out_double(o, "bolus_soft_max", l->bolus_soft_max_mg_per_kg);
	out_double(o, "bolus_hard_max", l->bolus_hard_max_mg_per_kg);
	out_double(o, "bolus_soft_max_mg", l->bolus_soft_max_mg);
	out_double(o, "bolus_cap", l->bolus_cap_mg);
	out_double(o, "daily_soft_max", l->daily_soft_max_mg_per_24h);
	out_double(o, "daily_hard_max", l->daily_hard_max_mg_per_24h);
	out_double(o, "pca_hard_max", l->pca_hard_max_mg_per_kg_per_h);
	out_double(o, "oral_soft_max", l->oral_soft_max_mg_per_24h);
	out_double(o, "oral_hard_max", l->oral_hard_max_mg_per_24h);
}

static void run_limits_for_profile(size_t i, corpus_out *o)
{
	ket_limits l;

	memset(&l, 0x5a, sizeof l);
	out_status(o, ket_limits_for_profile((ket_profile)((int)i - 1), &l));
	out_limits(o, &l);
}

/* Every double field of every profile set to each of these in turn. */
static const double limit_edits[] = { D_NAN, D_INF, -1.0, 0.0, -0.0,
	1e-300, 0.05, 0.3, 2.0, 500.0, 1e308 };

static double *limits_field(ket_limits *l, size_t k)
{
	double *const f[] = { &l->weight_soft_min_kg, &l->weight_soft_max_kg,
		&l->concentration_max_mg_per_ml,
		&l->infusion_soft_min_mg_per_kg_per_h,
		&l->infusion_soft_max_mg_per_kg_per_h,
		&l->infusion_hard_max_mg_per_kg_per_h,
		&l->infusion_soft_max_mg_per_h, &l->infusion_cap_mg_per_h,
		&l->bolus_soft_max_mg_per_kg, &l->bolus_hard_max_mg_per_kg,
		&l->bolus_soft_max_mg, &l->bolus_cap_mg,
		&l->daily_soft_max_mg_per_24h, &l->daily_hard_max_mg_per_24h,
		&l->pca_hard_max_mg_per_kg_per_h, &l->oral_soft_max_mg_per_24h,
		&l->oral_hard_max_mg_per_24h };

	return f[k % N_OF(f)];
}

#define LIMIT_FIELDS 17

static void run_limits_validate(size_t i, corpus_out *o)
{
	ket_limits l;
	ket_report rep;
	size_t profile = digit(&i, 4);
	size_t kind = digit(&i, LIMIT_FIELDS + 1);

	make_limits(profile, 0, &l);
	if (kind == LIMIT_FIELDS)
		l.form = (int32_t)(i % 6) - 1;
	else
		*limits_field(&l, kind) = limit_edits[i % N_OF(limit_edits)];
	UNSET(rep);
	out_status(o, ket_limits_validate(&l, &rep));
	out_report(o, &rep);
}

/* ---------------------------------------------------------- infusion */

static void out_infusion(corpus_out *o, const ket_infusion *r)
{
	out_double(o, "mg_per_h", r->mg_per_h);
	out_double(o, "rate_ml_per_h", r->rate_ml_per_h);
	out_double(o, "delivered_mg_per_h", r->delivered_mg_per_h);
	out_double(o, "delivered_mg_per_kg_per_h", r->delivered_mg_per_kg_per_h);
	out_double(o, "delivered_mcg_per_kg_per_min",
	           r->delivered_mcg_per_kg_per_min);
	out_double(o, "delivered_mg_per_24h", r->delivered_mg_per_24h);
	out_bits(o, "warnings", r->warnings);
}

typedef struct unit_dose {
	int32_t unit;
	double dose;
} unit_dose;

static const unit_dose infusion_doses[] = {
	{ KET_UNIT_MG_PER_KG_PER_H, 0.05 }, { KET_UNIT_MG_PER_KG_PER_H, 0.1 },
	{ KET_UNIT_MG_PER_KG_PER_H, 0.15 }, { KET_UNIT_MG_PER_KG_PER_H, 0.2 },
	{ KET_UNIT_MG_PER_KG_PER_H, 0.03 }, { KET_UNIT_MG_PER_KG_PER_H, 0.35 },
	{ KET_UNIT_MG_PER_KG_PER_H, 0.5 }, { KET_UNIT_MG_PER_KG_PER_H, 0.6 },
	{ KET_UNIT_MG_PER_KG_PER_H, 1.0 / 3.0 },
	{ KET_UNIT_MCG_PER_KG_PER_MIN, 1.5 },
	{ KET_UNIT_MCG_PER_KG_PER_MIN, 2.5 },
	{ KET_UNIT_MCG_PER_KG_PER_MIN, 0.7 },
	{ KET_UNIT_MCG_PER_KG_PER_H, 100.0 },
	{ KET_UNIT_MG_PER_KG_PER_MIN, 0.002 },
	{ KET_UNIT_MG_PER_H, 7.0 }, { KET_UNIT_MG_PER_H, 4.2 },
	{ KET_UNIT_MG_PER_H, 40.0 }, { KET_UNIT_MG_PER_MIN, 0.1 },
	{ KET_UNIT_MG_PER_24H, 240.0 }, { KET_UNIT_MG_PER_24H, 100.0 },
	{ KET_UNIT_MG_PER_24H, 1000.0 }, /* invalid: */ { 7, 0.1 }, { -1, 0.1 },
	{ KET_UNIT_MG_PER_KG_PER_H, 0.0 }, { KET_UNIT_MG_PER_KG_PER_H, -0.1 },
	{ KET_UNIT_MG_PER_KG_PER_H, D_NAN }, { KET_UNIT_MG_PER_H, 1e300 },
};

static const double pump_steps[] = { 0.1, 0.1, 0.01, 1.0, 0.0, 0.5, 10.0,
	0.3, /* invalid: */ 11.0, -0.1 };
#define GOOD_DOSES 21
#define GOOD_STEPS 8

static void run_infusion_rate(size_t i, corpus_out *o)
{
	picker p = picker_for(i, 0x21);
	ket_infusion_order ord;
	ket_limits lim;
	ket_infusion res;
	ket_report rep;
	unit_dose ud = PICKV(&p, infusion_doses, GOOD_DOSES);

	pick_limits(&p, &lim);
	ord.weight_kg = PICKV(&p, weights_kg, GOOD_WEIGHTS);
	ord.dose = ud.dose;
	ord.dose_unit = ud.unit;
	ord.concentration_mg_per_ml = PICKV(&p, concs, GOOD_CONCS);
	ord.pump_step_ml_per_h = PICKV(&p, pump_steps, GOOD_STEPS);
	ord.route = PICKV(&p, iv_sc, GOOD_IV_SC);
	ord.form = PICKV(&p, forms, GOOD_FORMS);
	UNSET(res);
	UNSET(rep);
	out_status(o, ket_infusion_rate(&ord, &lim, &res, &rep));
	out_infusion(o, &res);
	out_report(o, &rep);
}

static void run_infusion_check(size_t i, corpus_out *o)
{
	static const double rates[] = { 7.0, 7.3, 14.0, 35.0, 0.5, 0.2,
		1.0, 100.0, 1000.0, /* invalid: */ 1000.5, 0.0, -1.0, D_NAN };
	picker p = picker_for(i, 0x22);
	ket_pump_reading pump;
	ket_limits lim;
	ket_infusion res;
	ket_report rep;

	pick_limits(&p, &lim);
	pump.weight_kg = PICKV(&p, weights_kg, GOOD_WEIGHTS);
	pump.rate_ml_per_h = PICKV(&p, rates, 9);
	pump.concentration_mg_per_ml = PICKV(&p, concs, GOOD_CONCS);
	pump.route = PICKV(&p, iv_sc, GOOD_IV_SC);
	pump.form = PICKV(&p, forms, GOOD_FORMS);
	UNSET(res);
	UNSET(rep);
	out_status(o, ket_infusion_check(&pump, &lim, &res, &rep));
	out_infusion(o, &res);
	out_report(o, &rep);
}

/* ------------------------------------------------------------- bolus */

static void run_bolus_dose(size_t i, corpus_out *o)
{
	static const double doses[] = { 0.1, 0.15, 0.25, 0.3, 0.35, 0.5,
		0.05, 1.0, 2.0, 1.0 / 7.0, /* invalid: */ 0.0, -1.0, D_NAN };
	static const double steps[] = { 0.1, 0.01, 0.0, 1.0, 0.3, 0.05,
		/* invalid: */ 1.5 };
	picker p = picker_for(i, 0x31);
	ket_bolus_order ord;
	ket_limits lim;
	ket_bolus res;
	ket_report rep;

	pick_limits(&p, &lim);
	ord.weight_kg = PICKV(&p, weights_kg, GOOD_WEIGHTS);
	ord.dose_mg_per_kg = PICKV(&p, doses, 10);
	ord.concentration_mg_per_ml = PICKV(&p, concs, GOOD_CONCS);
	ord.syringe_step_ml = PICKV(&p, steps, 6);
	ord.route = PICKV(&p, iv_sc, GOOD_IV_SC);
	ord.form = PICKV(&p, forms, GOOD_FORMS);
	UNSET(res);
	UNSET(rep);
	out_status(o, ket_bolus_dose(&ord, &lim, &res, &rep));
	out_double(o, "mg", res.mg);
	out_double(o, "volume_ml", res.volume_ml);
	out_double(o, "delivered_mg_per_kg", res.delivered_mg_per_kg);
	out_bits(o, "warnings", res.warnings);
	out_report(o, &rep);
}

/* ---------------------------------------------------------- regimens */

static void run_prepare(size_t i, corpus_out *o)
{
	static const double total[] = { 10.0, 50.0, 100.0, 250.0, 500.0,
		1000.0, 3.0, /* invalid: */ 0.0, -5.0, D_NAN };
	static const double volume[] = { 1.0, 10.0, 50.0, 100.0, 500.0,
		1000.0, 48.0, /* invalid: */ 1001.0, 0.0 };
	static const double stock[] = { 10.0, 50.0, 100.0, 1.0, 25.0,
		/* invalid: */ 0.005, 150.0 };
	static const int32_t routes[] = { IV, SC, IM, PO, /* invalid: */ EPI,
		12 };
	picker p = picker_for(i, 0x3a);
	ket_preparation_order ord;
	ket_preparation res;
	ket_report rep;

	ord.total_mg = PICKV(&p, total, 7);
	ord.final_volume_ml = PICKV(&p, volume, 7);
	ord.stock_mg_per_ml = PICKV(&p, stock, 5);
	ord.route = PICKV(&p, routes, 4);
	UNSET(res);
	UNSET(rep);
	out_status(o, ket_prepare(&ord, &res, &rep));
	out_double(o, "stock_volume_ml", res.stock_volume_ml);
	out_double(o, "diluent_volume_ml", res.diluent_volume_ml);
	out_double(o, "final_concentration", res.final_concentration_mg_per_ml);
	out_bits(o, "warnings", res.warnings);
	out_report(o, &rep);
}

static void run_infusion_duration(size_t i, corpus_out *o)
{
	static const double volume[] = { 50.0, 100.0, 1000.0, 1001.0, 0.0,
		0.5, 48.3, D_NAN };
	static const double rate[] = { 0.5, 1.3, 7.0, 1000.0, 0.0, 2.1,
		D_INF };
	static const double hang[] = { 0.0, 24.0, 168.0, 169.0, -1.0, 12.5,
		D_NAN };
	ket_duration res;

	double v = DIGIT(i, volume);
	double r = DIGIT(i, rate);
	double h = DIGIT(i, hang);

	UNSET(res);
	out_status(o, ket_infusion_duration(v, r, h, &res));
	out_double(o, "empty_after_h", res.empty_after_h);
	out_double(o, "change_after_h", res.change_after_h);
}

static void run_pca_check(size_t i, corpus_out *o)
{
	static const double wt[] = { 70.0, 20.0, 120.0, 55.5,
		/* invalid: */ 0.4 };
	static const double bolus[] = { 10.0, 5.0, 1.0, 0.5, 2.5, 20.0,
		/* invalid: */ 0.0 };
	static const double lockout[] = { 3.0, 5.0, 7.0, 10.0, 15.0, 120.0,
		/* invalid: */ 0.5, 121.0 };
	static const double basal[] = { 0.0, 0.0, 2.0, 5.0,
		/* invalid: */ -1.0 };
	static const double lim_h[] = { 0.0, 30.0, 20.0, 10.0, 12.0,
		/* invalid: */ -1.0 };
	static const double lim_4h[] = { 0.0, 100.0, 120.0, 60.0, 45.0,
		/* invalid: */ -1.0 };
	picker p = picker_for(i, 0x41);
	ket_pca_order ord;
	ket_limits lim;
	ket_pca res;
	ket_report rep;

	pick_limits(&p, &lim);
	ord.weight_kg = PICKV(&p, wt, 4);
	ord.bolus_mg = PICKV(&p, bolus, 6);
	ord.lockout_min = PICKV(&p, lockout, 6);
	ord.basal_mg_per_h = PICKV(&p, basal, 4);
	ord.limit_mg_per_h = PICKV(&p, lim_h, 5);
	ord.limit_mg_per_4h = PICKV(&p, lim_4h, 5);
	ord.form = PICKV(&p, forms, GOOD_FORMS);
	UNSET(res);
	UNSET(rep);
	out_status(o, ket_pca_check(&ord, &lim, &res, &rep));
	out_double(o, "max_mg_per_h", res.max_mg_per_h);
	out_double(o, "max_mg_per_4h", res.max_mg_per_4h);
	out_double(o, "max_mg_per_kg_per_h", res.max_mg_per_kg_per_h);
	out_bits(o, "warnings", res.warnings);
	out_report(o, &rep);
}

static void run_burst_schedule(size_t i, corpus_out *o)
{
	static const int32_t response[] = { 0, 1, 2, 3, /* invalid: */ 4,
		-1 };
	static const double wt[] = { 70.0, 40.0, 150.0, /* invalid: */ 0.4 };
	static const double conc[] = { 1.0, 2.0, 5.0, 10.0, 50.0,
		/* invalid: */ 100.0 };
	static const double step[] = { 0.1, 0.0, 1.0, 0.01,
		/* invalid: */ 11.0 };
	static const int32_t routes[] = { SC, IV, /* invalid: */ IM };
	static const size_t capacity[] = { 8, 5, /* too small: */ 3, 2, 0 };
	picker p = picker_for(i, 0x51);
	ket_burst_order ord;
	ket_limits lim;
	ket_burst_day days[BURST_DAYS_MAX];
	ket_report rep;
	size_t cap = PICKV(&p, capacity, 2);
	size_t n = 77, k, profile, variant;

	/* The palliative burst profile most of the time: it has a daily
	 * hard maximum, which the schedule needs.  (One pick per statement:
	 * the order in which a call's arguments are evaluated is
	 * unspecified, and gcc and clang differ.) */
	profile = pick(&p, 3) ? KET_PROFILE_PALLIATIVE_BURST : pick(&p, 4);
	variant = pick(&p, 2) ? 0 : pick(&p, p.valid ? 5 : 7);
	make_limits(profile, variant, &lim);
	ord.response_day = PICKV(&p, response, 4);
	ord.weight_kg = PICKV(&p, wt, 3);
	ord.concentration_mg_per_ml = PICKV(&p, conc, 5);
	ord.pump_step_ml_per_h = PICKV(&p, step, 4);
	ord.route = PICKV(&p, routes, 2);
	ord.form = PICKV(&p, forms, GOOD_FORMS);
	UNSET(days);
	UNSET(rep);
	out_status(o, ket_burst_schedule(&ord, &lim, cap ? days : NULL, cap,
	                                 &n, &rep));
	out_int(o, "n_days", (int64_t)n);
	for (k = 0; k < cap; k++) {
		out_int(o, "day", days[k].day);
		out_double_at(o, "mg_per_24h", (long)k, days[k].mg_per_24h);
		out_double_at(o, "rate_ml_per_h", (long)k,
		              days[k].rate_ml_per_h);
		out_double_at(o, "delivered_mg_per_24h", (long)k,
		              days[k].delivered_mg_per_24h);
		out_bits(o, "warnings", days[k].warnings);
	}
	out_report(o, &rep);
}

static void run_oral_conversion(size_t i, corpus_out *o)
{
	static const double parenteral[] = { 100.0, 50.0, 300.0, 500.0,
		1000.0, 20.0, /* invalid: */ 0.0 };
	static const int32_t from[] = { SC, IV, IM, /* invalid: */ PO };
	static const int32_t to[] = { PO, SL, /* invalid: */ IV };
	static const double ratio[] = { 1.0, 0.5, 0.1, 2.0, 1.5, 1.0 / 3.0,
		/* invalid: */ 2.1 };
	static const int32_t doses[] = { 3, 1, 2, 4, 6, /* invalid: */ 7, 0 };
	static const double step[] = { 5.0, 0.0, 0.5, 2.5, 50.0,
		/* invalid: */ 51.0 };
	static const double solution[] = { 10.0, 50.0, 1.0,
		/* invalid: */ 0.005 };
	picker p = picker_for(i, 0x61);
	ket_oral_order ord;
	ket_limits lim;
	ket_oral_regimen res;
	ket_report rep;

	pick_limits(&p, &lim);
	ord.parenteral_mg_per_24h = PICKV(&p, parenteral, 6);
	ord.from = PICKV(&p, from, 3);
	ord.to = PICKV(&p, to, 2);
	ord.ratio_oral_per_parenteral = PICKV(&p, ratio, 6);
	ord.doses_per_24h = PICKV(&p, doses, 5);
	ord.dose_step_mg = PICKV(&p, step, 5);
	ord.solution_mg_per_ml = PICKV(&p, solution, 3);
	ord.form = PICKV(&p, forms, GOOD_FORMS);
	UNSET(res);
	UNSET(rep);
	out_status(o, ket_oral_conversion(&ord, &lim, &res, &rep));
	out_double(o, "mg_per_dose", res.mg_per_dose);
	out_double(o, "ml_per_dose", res.ml_per_dose);
	out_double(o, "mg_per_24h", res.mg_per_24h);
	out_double(o, "exposure_comparison", res.exposure_comparison_mg_per_24h);
	out_bits(o, "warnings", res.warnings);
	out_report(o, &rep);
}

/* --------------------------------------------------- routes and forms */

static const double amounts[] = { 25.0, 1.0, 0.5, 100.0, 1.0 / 3.0,
	0.0, -1.0, D_NAN, D_INF, 1e308, 5e-324 };

static void out_equivalent(corpus_out *o, const ket_equivalent *e)
{
	out_double(o, "mg", e->mg);
	out_double(o, "mg_low", e->mg_low);
	out_double(o, "mg_high", e->mg_high);
	out_bits(o, "warnings", e->warnings);
}

static void run_route_bioavailability(size_t i, corpus_out *o)
{
	ket_bioavailability b;
	int route = (int)(i / 3) - 1;
	int basis = (int)(i % 3);

	UNSET(b);
	out_status(o, ket_route_bioavailability((ket_route)route,
	                                        (ket_exposure_basis)basis, &b));
	out_double(o, "fraction", b.fraction);
	out_double(o, "fraction_low", b.fraction_low);
	out_double(o, "fraction_high", b.fraction_high);
	out_bits(o, "warnings", b.warnings);
}

static void run_route_equivalent(size_t i, corpus_out *o)
{
	ket_equivalent e;
	double dose = DIGIT(i, amounts);
	int from = (int)digit(&i, 12) - 1;
	int to = (int)digit(&i, 12) - 1;
	int basis = (int)(i % 3);

	UNSET(e);
	out_status(o, ket_route_equivalent(dose, (ket_route)from,
	                                   (ket_route)to,
	                                   (ket_exposure_basis)basis, &e));
	out_equivalent(o, &e);
}

static void run_route_check(size_t i, corpus_out *o)
{
	uint32_t w = 0xdeadbeefu;

	out_status(o, ket_route_check((ket_route)((int)(i / 3) - 1),
	                              (int)(i % 3), &w));
	out_bits(o, "warnings", w);
}

static void run_form_equivalent(size_t i, corpus_out *o)
{
	ket_equivalent e;
	double dose = DIGIT(i, amounts);
	int from = (int)digit(&i, 5) - 1;
	int to = (int)(i % 5) - 1;

	UNSET(e);
	out_status(o, ket_form_equivalent(dose, (ket_form)from, (ket_form)to,
	                                  &e));
	out_equivalent(o, &e);
}

static double sweep(size_t i, const double *special, size_t n, double k)
{
	return i < n ? special[i] : (double)(i - n) * k;
}

static void run_salts(size_t i, corpus_out *o)
{
	static const double special[] = { 1.0, 10.0, 100.0, 274.19, 237.73,
		0.0, -1.0, D_NAN, D_INF, 1e-300, 1e308, 5e-324 };
	double x = sweep(i, special, N_OF(special), 0.37);
	double y = 12345.0, z = 12345.0;

	out_status(o, ket_hydrochloride_to_base(x, &y));
	out_double(o, "mg_base", y);
	out_status(o, ket_base_to_hydrochloride(x, &z));
	out_double(o, "mg_hydrochloride", z);
}

static void run_percent(size_t i, corpus_out *o)
{
	static const double special[] = { 1.0, 5.0, 10.0, 0.5, 0.0,
		10.000000001, 11.0, -1.0, D_NAN, 0.001, 5e-324 };
	double x = sweep(i, special, N_OF(special), 0.0137);
	double y = 12345.0;

	out_status(o, ket_percent_to_mg_per_ml(x, &y));
	out_double(o, "mg_per_ml", y);
}

/* ------------------------------------------------------ units and text */

static void run_rate_convert(size_t i, corpus_out *o)
{
	static const double value[] = { 0.1, 1.5, 0.05, 123.456, 1.0 / 3.0,
		0.0, -0.0, -1.0, 1e-320, 1e308, D_NAN, 7.0 };
	static const double wt[] = { 70.0, 82.5, 0.5, 350.0, 3.0, 0.4,
		D_NAN };
	double x = DIGIT(i, value);
	int from = (int)digit(&i, 9) - 1;
	int to = (int)digit(&i, 9) - 1;
	double w = DIGIT(i, wt);
	double y = 12345.0;

	out_status(o, ket_rate_convert(x, (ket_rate_unit)from,
	                               (ket_rate_unit)to, w, &y));
	out_double(o, "out", y);
}

static const char *const unit_texts[] = { "mg/kg/h", "ug/kg/min",
	"ug/kg/h", "mg/kg/min", "mg/h", "mg/min", "mg/d", "mg/(kg.h)",
	"ug/(kg.min)", "ug/(kg.h)", "mg/(kg.min)", "mg/(24.h)", "mcg/kg/min",
	"mcg/kg/h", "mg/24h", "MG/KG/H", "mg/kg/h ", " mg/h", "", "mg",
	"mg/kg/hr", NULL };

static void run_rate_unit_parse(size_t i, corpus_out *o)
{
	ket_rate_unit u = (ket_rate_unit)99;

	out_status(o, ket_rate_unit_parse(unit_texts[i], &u));
	out_int(o, "unit", (int64_t)u);
}

static const char *const decimal_texts[] = { "70", "0.15", "-3.75",
	"12.5", "1000.25", "0.0001", "350", "123.456", "0", "-0", "0.0",
	"00012.500", "2.675", "0.1", "0.30000000000000004",
	"123456789012345", "1234567890123456", "99999999999999.9",
	"999999999999999.9", "0.0000000000000000000001",
	"0.00000000000000000000001", "1e5", ".5", "5.", "1,5", "1.2.3",
	"5mg", " 5", "5 ", "+5", "--5", "-", "", "nan", "inf", "0x10",
	"9007199254740993", "0.000000000000000000123456789012345",
	"1.797693134862315", NULL };

static void run_parse_decimal(size_t i, corpus_out *o)
{
	double y = 12345.0;

	out_status(o, ket_parse_decimal(decimal_texts[i], &y));
	out_double(o, "out", y);
}

static void run_format_dose(size_t i, corpus_out *o)
{
	static const double value[] = { 0.0, -0.0, 0.5, 0.125, 0.005, 1000.0,
		1234567.891, 0.00004, 0.00005, 1e15, 999999999999999.0,
		-2.5, 12.6, 0.30000000000000004, 2.675, 1.005, 7.0,
		0.99995, 999.5, -1234.5678, 1.0 / 3.0, D_NAN, D_INF, 5e-324 };
	static const int decimals[] = { 0, 1, 2, 3, 4, 5, -1 };
	static const char *const unit[] = { "mg", NULL, "mL/h", "mg", "" };
	static const uint32_t flags[] = { 0, 0, KET_FORMAT_NO_GROUPING, 2,
		0 };
	static const size_t sizes[] = { 64, 5, 1, 0 };
	char buf[64];
	double x = DIGIT(i, value);
	int d = DIGIT(i, decimals);
	size_t k = digit(&i, N_OF(unit));
	size_t size = sizes[i % N_OF(sizes)];

	memset(buf, 'x', sizeof buf);
	out_status(o, ket_format_dose(x, d, unit[k], flags[k], buf, size));
	if (size > 0) {
		buf[size - 1] = '\0';
		out_text(o, "buf", buf);
	}
}

/* ------------------------------------------------- pharmacokinetics */

static void out_pk_params(corpus_out *o, const ket_pk_params *p)
{
	out_int(o, "compartments", p->compartments);
	out_double(o, "v1_l", p->v1_l);
	out_double(o, "v2_l", p->v2_l);
	out_double(o, "v3_l", p->v3_l);
	out_double(o, "cl_l_per_min", p->cl_l_per_min);
	out_double(o, "q2_l_per_min", p->q2_l_per_min);
	out_double(o, "q3_l_per_min", p->q3_l_per_min);
	out_double(o, "k10", p->k10_per_min);
	out_double(o, "k12", p->k12_per_min);
	out_double(o, "k21", p->k21_per_min);
	out_double(o, "k13", p->k13_per_min);
	out_double(o, "k31", p->k31_per_min);
	out_bits(o, "warnings", p->warnings);
}

static const double pk_weights[] = { 70.0, 22.31, 10.8, 40.0, 74.8,
	140.0, 150.0, 3.0, 0.4, 350.0, 55.5, D_NAN };
static const double pk_ages[] = { KET_AGE_UNKNOWN, 0.0, -0.0, 1.0, 8.0,
	14.0, 15.0, 17.0, 18.0, 40.0, 131.0 };

static void run_pk_params_for(size_t i, corpus_out *o)
{
	static const int32_t sex[] = { KET_SEX_FEMALE, 3 }; /* 3: unknown */
	ket_patient pt;
	ket_pk_params p;
	int model = (int)digit(&i, 7) - 1;

	pt.weight_kg = DIGIT(i, pk_weights);
	pt.age_years = DIGIT(i, pk_ages);
	pt.sex = DIGIT(i, sex);
	pt.height_cm = 170.0; /* not used by the models */
	UNSET(p);
	out_status(o, ket_pk_params_for((ket_pk_model)model, &pt, &p));
	out_pk_params(o, &p);
}

/* Parameters: a model for a patient (mostly), or edited ones. */
static void pick_pk_params(picker *p, ket_pk_params *pk)
{
	ket_patient pt;
	/* 0: equal rates; 1-4: invalid; 5 and above: as the model gives */
	size_t kind = p->valid ? (pick(p, 6) == 0 ? 0 : 5) : pick(p, 12);

	pt.weight_kg = pick(p, 2) ? 70.0 : pk_weights[pick(p, 7)];
	pt.height_cm = 0.0;
	pt.age_years = pick(p, 2) ? 8.0 : 40.0;
	pt.sex = KET_SEX_UNSPECIFIED;
	if (ket_pk_params_for((ket_pk_model)pick(p, 5), &pt, pk) != KET_OK &&
	    ket_pk_params_for(KET_PK_DOMINO_1984, &pt, pk) != KET_OK)
		memset(pk, 0, sizeof *pk); /* not reached: Domino, 70 kg */
	switch (kind) {
	case 0: /* absorption rate equal to a disposition rate: SC 0.0192 */
		pk->k10_per_min = 0.0192;
		break;
	case 1:
		pk->k21_per_min = 0.0;
		break;
	case 2:
		pk->compartments = 4;
		break;
	case 3:
		pk->v2_l = D_NAN;
		break;
	case 4:
		pk->k12_per_min = 1e300;
		break;
	default:
		break;
	}
}

typedef struct regimen {
	const ket_pk_dose *doses;
	size_t n;
} regimen;

static const ket_pk_dose reg_bolus[] = { { 0.0, 25.0, 0.0, IV } };
static const ket_pk_dose reg_mixed[] = { { 0.0, 25.0, 0.0, IV },
	{ 0.0, 168.0, 1440.0, IV }, { 240.0, 50.0, 0.0, PO },
	{ 720.0, 50.0, 0.0, PO }, { 1200.0, 50.0, 0.0, PO } };
static const ket_pk_dose reg_routes[] = { { 0.0, 10.0, 0.0, IM },
	{ 30.0, 10.0, 0.0, SC }, { 60.0, 50.0, 0.0, PO },
	{ 90.0, 25.0, 0.0, SL }, { 120.0, 25.0, 0.0, IN },
	{ 150.0, 25.0, 0.0, PR }, { 180.0, 100.0, 720.0, SC },
	{ 200.0, 20.0, 60.0, IV }, { 200.0, 5.0, 0.0, IV } };
static const ket_pk_dose reg_tiny[] = { { 0.0, 1.0, 1e-300, IV },
	{ 5.0, 10.0, 0.001, IV }, { 5.5, 2.0, 0.0, SC } };
static const ket_pk_dose reg_infusions[] = { { 0.0, 30.0, 30.0, IV },
	{ 10.0, 60.0, 120.0, IV }, { 10.0, 240.0, 1440.0, SC },
	{ 600.0, 10.0, 5.0, IV } };
static const ket_pk_dose reg_transdermal[] = { { 0.0, 10.0, 0.0, TD } };
static const ket_pk_dose reg_backwards[] = { { 10.0, 10.0, 0.0, IV },
	{ 5.0, 10.0, 0.0, IV } };
static const ket_pk_dose reg_oral_infusion[] = { { 0.0, 10.0, 30.0,
	PO } };
static const ket_pk_dose reg_huge[] = { { 0.0, 1e308, 0.0, IV } };
static const ket_pk_dose reg_zero[] = { { 0.0, 0.0, 0.0, IV } };
static const ket_pk_dose reg_nan[] = { { 0.0, D_NAN, 0.0, IV } };
static const ket_pk_dose reg_late[] = { { 2000.0, 50.0, 0.0, IV } };

static const regimen regimens[] = {
	{ reg_bolus, N_OF(reg_bolus) }, { reg_mixed, N_OF(reg_mixed) },
	{ reg_mixed, N_OF(reg_mixed) }, { reg_routes, N_OF(reg_routes) },
	{ reg_routes, N_OF(reg_routes) }, { reg_tiny, N_OF(reg_tiny) },
	{ reg_infusions, N_OF(reg_infusions) },
	{ reg_infusions, N_OF(reg_infusions) },
	{ reg_late, N_OF(reg_late) }, { NULL, 0 },
	/* invalid: */
	{ reg_transdermal, N_OF(reg_transdermal) },
	{ reg_backwards, N_OF(reg_backwards) },
	{ reg_oral_infusion, N_OF(reg_oral_infusion) },
	{ reg_huge, N_OF(reg_huge) }, { reg_zero, N_OF(reg_zero) },
	{ reg_nan, N_OF(reg_nan) },
};
#define GOOD_REGIMENS 10

/* Sample times; returns how many. */
static size_t make_times(size_t kind, double *t)
{
	static const double irregular[] = { 0.0, 0.5, 1.0, 1.0, 2.0, 5.0,
		10.0, 29.999999999, 30.0, 60.0, 200.0, 240.0, 240.0000001,
		720.0, 1440.0, 2880.0, 10080.0 };
	static const double bad[][3] = { { 0.0, 10.0, 5.0 },
		{ -1.0, 0.0, 1.0 }, { 0.0, 1.0, 1e300 },
		{ 0.0, D_NAN, 1.0 } };
	size_t k;

	switch (kind) {
	case 0: /* 24 h every 10 min */
		for (k = 0; k < 145; k++)
			t[k] = (double)k * 10.0;
		return 145;
	case 1: /* 10 min every second: the regular-grid path */
		for (k = 0; k < PK_TIMES_MAX; k++)
			t[k] = (double)k / 60.0;
		return PK_TIMES_MAX;
	case 2: /* 30 min every 0.25 min */
		for (k = 0; k < 121; k++)
			t[k] = (double)k * 0.25;
		return 121;
	case 3:
		memcpy(t, irregular, sizeof irregular);
		return N_OF(irregular);
	case 4:
		t[0] = 30.0;
		return 1;
	default:
		k = (kind - 5) % N_OF(bad);
		memcpy(t, bad[k], sizeof bad[k]);
		return 3;
	}
}

#define TIME_KINDS 9
#define GOOD_TIME_KINDS 5

static void run_pk_simulate(size_t i, corpus_out *o)
{
	picker p = picker_for(i, 0x71);
	ket_pk_params pk;
	double t[PK_TIMES_MAX], c[PK_TIMES_MAX];
	regimen r;
	size_t n, k;

	pick_pk_params(&p, &pk);
	r = PICKV(&p, regimens, GOOD_REGIMENS);
	n = make_times(pick_in(&p, GOOD_TIME_KINDS, TIME_KINDS), t);
	if (pick(&p, 20) == 0)
		n = 0;
	UNSET(c);
	out_status(o, ket_pk_simulate(&pk, r.doses, r.n, t, n, c));
	for (k = 0; k < n; k++)
		out_double_at(o, "conc", (long)k, c[k]);
}

static void run_pk_summarize(size_t i, corpus_out *o)
{
	static const double thresholds[] = { 0.0, 50.0, 100.0, 150.0, 1e6,
		-1.0, D_NAN, 1e308 };
	picker p = picker_for(i, 0x81);
	ket_pk_params pk;
	ket_pk_summary s;
	double t[PK_TIMES_MAX], c[PK_TIMES_MAX];
	regimen r = regimens[pick(&p, 8)];
	size_t n = make_times(pick_in(&p, GOOD_TIME_KINDS, TIME_KINDS), t);
	size_t edit = pick(&p, 12); /* 0-3: edited curves */

	pick_pk_params(&p, &pk);
	if (ket_pk_simulate(&pk, r.doses, r.n, t, n, c) != KET_OK)
		for (n = 0; n < 4; n++) { /* a small hand-made curve */
			t[n] = (double)n * 7.5;
			c[n] = (double)(n * (5 - n)) * 31.25;
		}
	if (edit == 0)
		c[n / 2] = -1.0;
	else if (edit == 1)
		c[n - 1] = 1e308;
	else if (edit == 2)
		n = 1;
	else if (edit == 3)
		n = 0;
	UNSET(s);
	out_status(o, ket_pk_summarize(t, c, n, PICKV(&p, thresholds, 5),
	                               &s));
	out_double(o, "peak_ng_per_ml", s.peak_ng_per_ml);
	out_double(o, "peak_time_min", s.peak_time_min);
	out_double(o, "auc_ng_min_per_ml", s.auc_ng_min_per_ml);
	out_double(o, "time_above_min", s.time_above_min);
}

static void run_tci_plan(size_t i, corpus_out *o)
{
	static const size_t steps[] = { 60, 360, 1, 120, /* invalid: */ 0 };
	static const double step_s[] = { 10.0, 1.0, 60.0, 3600.0, 15.0,
		/* invalid: */ 0.5, 3601.0 };
	static const double max_rate[] = { 1000.0, 50.0, 200.0, 1e300,
		/* invalid: */ 0.0, D_INF };
	picker p = picker_for(i, 0x91);
	ket_pk_params pk;
	double target[TCI_STEPS_MAX], rate[TCI_STEPS_MAX],
	       conc[TCI_STEPS_MAX];
	size_t n = PICKV(&p, steps, 4);
	size_t shape = pick_in(&p, 4, 6);
	double step, max;
	size_t k;

	pick_pk_params(&p, &pk);
	for (k = 0; k < n; k++) {
		switch (shape) {
		case 0:
			target[k] = 100.0;
			break;
		case 1: /* up, then down, then off */
			target[k] = k < n / 3 ? 150.0 : k < 2 * n / 3 ? 60.0
			                                               : 0.0;
			break;
		case 2:
			target[k] = 500.0;
			break;
		case 3:
			target[k] = (double)(k % 7) * 25.0;
			break;
		case 4: /* invalid */
			target[k] = k + 1 == n ? 500.5 : 200.0;
			break;
		default: /* invalid */
			target[k] = k == 0 ? D_NAN : 100.0;
			break;
		}
	}
	UNSET(rate);
	UNSET(conc);
	step = PICKV(&p, step_s, 5);
	max = PICKV(&p, max_rate, 4);
	out_status(o, ket_tci_plan(&pk, target, n, step, max, rate, conc));
	for (k = 0; k < n; k++) {
		out_double_at(o, "rate_mg_per_h", (long)k, rate[k]);
		out_double_at(o, "conc", (long)k, conc[k]);
	}
}

/* ------------------------------------------------------ NULL pointers */

/* Each public function that takes a pointer, called with NULL for it: the
 * status, and the outputs that are still given. */
static void run_null(size_t i, corpus_out *o)
{
	ket_limits lim;
	ket_infusion inf;
	ket_bolus bol;
	ket_report rep;
	ket_patient pt = { 70.0, 170.0, 40.0, KET_SEX_MALE };
	ket_infusion_order io = { 70.0, 0.1, KET_UNIT_MG_PER_KG_PER_H, 1.0,
		0.1, IV, KET_FORM_RACEMIC };
	ket_bolus_order bo = { 70.0, 0.1, 1.0, 0.1, IV, KET_FORM_RACEMIC };
	ket_pump_reading pr = { 70.0, 7.0, 1.0, IV, KET_FORM_RACEMIC };
	ket_pca_order po = { 70.0, 10.0, 3.0, 0.0, 30.0, 0.0,
		KET_FORM_RACEMIC };
	ket_pca pca;
	ket_pk_params pk;
	ket_pk_summary sum;
	ket_preparation prep;
	ket_oral_regimen orr;
	ket_burst_day days[5];
	size_t nd = 77;
	double t[3] = { 0.0, 1.0, 2.0 }, c[3] = { 1.0, 1.0, 1.0 };
	double r3[3] = { 1.0, 1.0, 1.0 }, k3[3] = { 1.0, 1.0, 1.0 };
	double x = 12345.0;
	char buf[16] = "unchanged";
	ket_status st = KET_OK;

	UNSET(inf);
	UNSET(bol);
	UNSET(pca);
	UNSET(sum);
	UNSET(prep);
	UNSET(orr);
	UNSET(days);
	make_limits(KET_PROFILE_LOW_DOSE_ANALGESIA, 0, &lim);
	if (ket_pk_params_for(KET_PK_DOMINO_1984, &pt, &pk) != KET_OK)
		memset(&pk, 0, sizeof pk);
	memset(&rep, 0, sizeof rep);
	switch (i) {
	case 0: st = ket_report_format(NULL, buf, sizeof buf); break;
	case 1: st = ket_report_format(&rep, NULL, 16); break;
	case 2: st = ket_weight_from_lb(150.0, NULL); break;
	case 3: st = ket_dosing_weight(NULL, KET_WEIGHT_ACTUAL, &x); break;
	case 4: st = ket_dosing_weight(&pt, KET_WEIGHT_ACTUAL, NULL); break;
	case 5: st = ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                                    NULL); break;
	case 6: st = ket_limits_validate(NULL, &rep); break;
	case 7: st = ket_infusion_rate(NULL, &lim, &inf, &rep); break;
	case 8: st = ket_infusion_rate(&io, NULL, &inf, &rep); break;
	case 9: st = ket_infusion_rate(&io, &lim, NULL, &rep); break;
	case 10: st = ket_infusion_check(NULL, &lim, &inf, &rep); break;
	case 11: st = ket_infusion_check(&pr, &lim, NULL, NULL); break;
	case 12: st = ket_bolus_dose(NULL, &lim, &bol, &rep); break;
	case 13: st = ket_bolus_dose(&bo, NULL, &bol, &rep); break;
	case 14: st = ket_prepare(NULL, &prep, &rep); break;
	case 15: st = ket_infusion_duration(50.0, 2.0, 0.0, NULL); break;
	case 16: st = ket_pca_check(&po, &lim, NULL, &rep); break;
	case 17: st = ket_burst_schedule(NULL, &lim, days, 5, &nd, &rep);
		break;
	case 18: st = ket_oral_conversion(NULL, &lim, &orr, &rep); break;
	case 19: st = ket_route_bioavailability(IV, KET_BASIS_KETAMINE, NULL);
		break;
	case 20: st = ket_route_equivalent(25.0, IV, SC, KET_BASIS_KETAMINE,
	                                   NULL); break;
	case 21: st = ket_route_check(IV, 0, NULL); break;
	case 22: st = ket_form_equivalent(25.0, 0, 1, NULL); break;
	case 23: st = ket_hydrochloride_to_base(10.0, NULL); break;
	case 24: st = ket_base_to_hydrochloride(10.0, NULL); break;
	case 25: st = ket_percent_to_mg_per_ml(1.0, NULL); break;
	case 26: st = ket_rate_convert(1.0, 0, 1, 70.0, NULL); break;
	case 27: st = ket_rate_unit_parse("mg/h", NULL); break;
	case 28: st = ket_pk_params_for(KET_PK_DOMINO_1984, NULL, &pk);
		break;
	case 29: st = ket_pk_simulate(NULL, reg_bolus, 1, t, 3, c); break;
	case 30: st = ket_pk_simulate(&pk, NULL, 1, t, 3, c); break;
	case 31: st = ket_pk_simulate(&pk, reg_bolus, 1, NULL, 3, c); break;
	case 32: st = ket_pk_simulate(&pk, reg_bolus, 1, t, 3, NULL); break;
	case 33: st = ket_pk_summarize(NULL, c, 3, 1.0, &sum); break;
	case 34: st = ket_pk_summarize(t, c, 3, 1.0, NULL); break;
	case 35: st = ket_tci_plan(NULL, t, 3, 10.0, 100.0, r3, k3); break;
	case 36: st = ket_tci_plan(&pk, t, 3, 10.0, 100.0, NULL, k3); break;
	case 37: st = ket_parse_decimal(NULL, &x); break;
	case 38: st = ket_parse_decimal("1.5", NULL); break;
	case 39: st = ket_format_dose(1.0, 2, "mg", 0, NULL, 16); break;
	case 40: st = ket_burst_schedule(NULL, &lim, NULL, 0, NULL, NULL);
		break;
	case 41: st = ket_pca_check(NULL, NULL, &pca, NULL); break;
	default: break;
	}
	out_status(o, st);
	out_double(o, "x", x);
	out_text(o, "buf", buf);
	out_int(o, "n_days", (int64_t)nd);
	out_double(o, "c", c[0]);
	out_double(o, "t", t[0]);
	out_double(o, "tci.rate", r3[0]);
	out_double(o, "tci.conc", k3[0]);
	if (i == 7 || i == 8 || i == 10)
		out_infusion(o, &inf);
	if (i == 12 || i == 13)
		out_double(o, "bolus.mg", bol.mg);
	if (i == 17)
		out_double(o, "day.mg_per_24h", days[0].mg_per_24h);
	if (i == 41)
		out_double(o, "max_mg_per_h", pca.max_mg_per_h);
	if (i == 14)
		out_double(o, "stock_volume_ml", prep.stock_volume_ml);
	if (i == 18)
		out_double(o, "mg_per_dose", orr.mg_per_dose);
	if (i == 33)
		out_double(o, "peak", sum.peak_ng_per_ml);
	out_report(o, &rep);
}

/* ------------------------------------------------------------ the table */

const corpus_case corpus_cases[] = {
	{ "ket_version", 1, run_version },
	{ "ket_status_name+ket_strerror", 23, run_status_names },
	{ "ket_warning_name", 35, run_warning_name },
	{ "ket_item_name", 25, run_item_name },
	{ "ket_route_name+ket_route_label", 14, run_route_names },
	{ "ket_rate_unit_ucum", 11, run_rate_unit_ucum },
	{ "ket_report_format", 400, run_report_format },
	{ "ket_weight_from_lb", 1200, run_weight_from_lb },
	{ "ket_dosing_weight", 8 * 10 * 8 * 4 * 5, run_dosing_weight },
	{ "ket_limits_for_profile", 6, run_limits_for_profile },
	{ "ket_limits_validate", 4 * (LIMIT_FIELDS + 1) * N_OF(limit_edits),
	  run_limits_validate },
	{ "ket_infusion_rate", 3000, run_infusion_rate },
	{ "ket_infusion_check", 1500, run_infusion_check },
	{ "ket_bolus_dose", 2000, run_bolus_dose },
	{ "ket_prepare", 1200, run_prepare },
	{ "ket_infusion_duration", 8 * 7 * 7, run_infusion_duration },
	{ "ket_pca_check", 1500, run_pca_check },
	{ "ket_burst_schedule", 800, run_burst_schedule },
	{ "ket_oral_conversion", 1500, run_oral_conversion },
	{ "ket_route_bioavailability", 12 * 3, run_route_bioavailability },
	{ "ket_route_equivalent", N_OF(amounts) * 12 * 12 * 3,
	  run_route_equivalent },
	{ "ket_route_check", 12 * 3, run_route_check },
	{ "ket_form_equivalent", N_OF(amounts) * 5 * 5,
	  run_form_equivalent },
	{ "ket_hydrochloride_to_base+ket_base_to_hydrochloride", 600,
	  run_salts },
	{ "ket_percent_to_mg_per_ml", 800, run_percent },
	{ "ket_rate_convert", 12 * 9 * 9 * 7, run_rate_convert },
	{ "ket_rate_unit_parse", N_OF(unit_texts), run_rate_unit_parse },
	{ "ket_parse_decimal", N_OF(decimal_texts), run_parse_decimal },
	{ "ket_format_dose", 24 * 7 * 5 * 4, run_format_dose },
	{ "ket_pk_params_for", 7 * N_OF(pk_weights) * N_OF(pk_ages) * 2,
	  run_pk_params_for },
	{ "ket_pk_simulate", 400, run_pk_simulate },
	{ "ket_pk_summarize", 300, run_pk_summarize },
	{ "ket_tci_plan", 200, run_tci_plan },
	{ "null pointers", 42, run_null },
};

const size_t corpus_n_cases = N_OF(corpus_cases);
