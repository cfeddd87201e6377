/*
 * dosing_sheet.c - the low-dose ketamine dosing sheet a clinician pins to
 * the pump, for one patient, from the default limit profile.
 *
 *   dosing_sheet [weight_kg [concentration_mg_per_ml]]
 *
 * Defaults: 70 kg, infusions at 1 and 2 mg/mL.  Numbers are read with
 * ket_parse_decimal, so "70kg", "1,5" and "nan" are refused.
 */
#include <stdio.h>
#include <stdlib.h>

#include <ketamine.h>

#define PUMP_STEP_ML_PER_H 0.1
#define SYRINGE_STEP_ML 0.1

typedef struct sheet {
	double weight_kg;
	double conc_mg_per_ml[2];
	int n_conc;
	ket_limits limits;
} sheet;

/* A number for display; "-" when it cannot be shown. */
static const char *fmt(double value, int decimals, const char *unit,
                       char *buf, size_t size)
{
	if (ket_format_dose(value, decimals, unit, 0, buf, size) != KET_OK)
		return "-";
	return buf;
}

static int read_number(const char *text, const char *what, double *out)
{
	if (ket_parse_decimal(text, out) == KET_OK)
		return 1;
	fprintf(stderr, "dosing_sheet: %s \"%s\" is not a plain decimal "
	        "number (e.g. 70 or 1.5)\n", what, text);
	return 0;
}

/* Out-of-range arguments are refused here, with the library's sentence. */
static int check_args(const sheet *s)
{
	ket_patient p = { .weight_kg = s->weight_kg, .height_cm = 0.0,
	                  .age_years = KET_AGE_UNKNOWN,
	                  .sex = KET_SEX_UNSPECIFIED };
	double kg;
	ket_status st = ket_dosing_weight(&p, KET_WEIGHT_ACTUAL, &kg);

	if (st != KET_OK) {
		fprintf(stderr, "dosing_sheet: weight_kg: %s\n", ket_strerror(st));
		return 0;
	}
	if (s->conc_mg_per_ml[0] < KET_CONC_MG_PER_ML_MIN ||
	    s->conc_mg_per_ml[0] > KET_CONC_MG_PER_ML_MAX) {
		fprintf(stderr, "dosing_sheet: concentration_mg_per_ml: %s\n",
		        ket_strerror(KET_E_CONCENTRATION));
		return 0;
	}
	return 1;
}

static int parse_args(int argc, char **argv, sheet *s)
{
	s->weight_kg = 70.0;
	s->conc_mg_per_ml[0] = 1.0;
	s->conc_mg_per_ml[1] = 2.0;
	s->n_conc = 2;
	if (argc > 3) {
		fprintf(stderr, "usage: dosing_sheet [weight_kg "
		        "[concentration_mg_per_ml]]\n");
		return 0;
	}
	if (argc > 1 && !read_number(argv[1], "weight_kg", &s->weight_kg))
		return 0;
	if (argc > 2) {
		if (!read_number(argv[2], "concentration_mg_per_ml",
		                 &s->conc_mg_per_ml[0]))
			return 0;
		s->n_conc = 1;
	}
	return check_args(s);
}

static void print_refusal(ket_status st, const ket_report *report)
{
	char why[512];

	if (ket_report_format(report, why, sizeof why) != KET_OK || !why[0])
		printf("  refused: %s\n", ket_strerror(st));
	else
		printf("  refused (%s): %s\n", ket_status_name(st), why);
}

static void print_warnings(const ket_report *report)
{
	char why[512];

	if (report->count > 0 &&
	    ket_report_format(report, why, sizeof why) == KET_OK)
		printf("      note: %s\n", why);
}

static ket_infusion_order infusion_order(const sheet *s, double dose,
                                         double conc)
{
	ket_infusion_order o = {
		.weight_kg = s->weight_kg,
		.dose = dose,
		.dose_unit = KET_UNIT_MG_PER_KG_PER_H,
		.concentration_mg_per_ml = conc,
		.pump_step_ml_per_h = PUMP_STEP_ML_PER_H,
		.route = KET_ROUTE_IV,
		.form = KET_FORM_RACEMIC,
	};
	return o;
}

static void print_infusion_row(const sheet *s, double dose, double conc)
{
	ket_infusion_order o = infusion_order(s, dose, conc);
	ket_infusion r;
	ket_report report;
	char a[32], b[32], c[32], d[32];
	ket_status st = ket_infusion_rate(&o, &s->limits, &r, &report);

	if (st != KET_OK) {
		printf("  %-12s at %-9s", fmt(dose, 2, "mg/kg/h", a, sizeof a),
		       fmt(conc, 2, "mg/mL", b, sizeof b));
		print_refusal(st, &report);
		return;
	}
	printf("  %-12s at %-9s  %-10s  pump %-10s\n",
	       fmt(dose, 2, "mg/kg/h", a, sizeof a),
	       fmt(conc, 2, "mg/mL", b, sizeof b),
	       fmt(r.delivered_mg_per_h, 2, "mg/h", c, sizeof c),
	       fmt(r.rate_ml_per_h, 1, "mL/h", d, sizeof d));
	print_warnings(&report);
}

static void print_infusions(const sheet *s)
{
	static const double doses[] = { 0.05, 0.1, 0.15, 0.2 };
	size_t i;
	int c;

	printf("Continuous infusion (IV or SC), pump step %.1f mL/h\n",
	       PUMP_STEP_ML_PER_H);
	for (c = 0; c < s->n_conc; c++)
		for (i = 0; i < sizeof doses / sizeof doses[0]; i++)
			print_infusion_row(s, doses[i], s->conc_mg_per_ml[c]);
}

static void print_bolus(const sheet *s)
{
	ket_bolus_order o = {
		.weight_kg = s->weight_kg,
		.dose_mg_per_kg = 0.1,
		.concentration_mg_per_ml = s->conc_mg_per_ml[0],
		.syringe_step_ml = SYRINGE_STEP_ML,
		.route = KET_ROUTE_IV,
		.form = KET_FORM_RACEMIC,
	};
	ket_bolus r;
	ket_report report;
	char a[32], b[32], c[32];
	ket_status st = ket_bolus_dose(&o, &s->limits, &r, &report);

	printf("\nBolus 0.1 mg/kg at %s, syringe step %.1f mL\n",
	       fmt(o.concentration_mg_per_ml, 2, "mg/mL", a, sizeof a),
	       SYRINGE_STEP_ML);
	if (st != KET_OK) {
		print_refusal(st, &report);
		return;
	}
	printf("  give %s = %s\n", fmt(r.mg, 2, "mg", b, sizeof b),
	       fmt(r.volume_ml, 2, "mL", c, sizeof c));
	print_warnings(&report);
}

static void print_limit(const char *what, double value, const char *unit)
{
	char a[32];

	printf("  %-34s %s\n", what,
	       value > 0.0 ? fmt(value, 2, unit, a, sizeof a) : "none");
}

static void print_limits(const ket_limits *l)
{
	printf("\nLimits: built-in profile LOW_DOSE_ANALGESIA (racemic); a "
	       "starting point\nthe hospital must review, not a drug "
	       "library\n");
	print_limit("infusion soft min",
	            l->infusion_soft_min_mg_per_kg_per_h, "mg/kg/h");
	print_limit("infusion soft max",
	            l->infusion_soft_max_mg_per_kg_per_h, "mg/kg/h");
	print_limit("infusion hard max (refused above)",
	            l->infusion_hard_max_mg_per_kg_per_h, "mg/kg/h");
	print_limit("infusion soft max, absolute",
	            l->infusion_soft_max_mg_per_h, "mg/h");
	print_limit("bolus soft max", l->bolus_soft_max_mg_per_kg, "mg/kg");
	print_limit("bolus hard max (refused above)",
	            l->bolus_hard_max_mg_per_kg, "mg/kg");
	print_limit("bolus soft max, absolute", l->bolus_soft_max_mg, "mg");
	print_limit("concentration max", l->concentration_max_mg_per_ml,
	            "mg/mL");
	print_limit("usual weight from", l->weight_soft_min_kg, "kg");
	print_limit("usual weight to", l->weight_soft_max_kg, "kg");
}

static void print_refused_example(const sheet *s)
{
	ket_infusion_order o = infusion_order(s, 0.6, s->conc_mg_per_ml[0]);
	ket_infusion r;
	ket_report report;
	ket_status st = ket_infusion_rate(&o, &s->limits, &r, &report);

	printf("\nAn order the limits refuse: 0.6 mg/kg/h\n");
	if (st == KET_OK)
		printf("  accepted (these limits allow it)\n");
	else
		print_refusal(st, &report);
}

static void print_routes(void)
{
	static const ket_route to[] = {
		KET_ROUTE_IV, KET_ROUTE_IM, KET_ROUTE_SC, KET_ROUTE_ORAL,
		KET_ROUTE_SUBLINGUAL, KET_ROUTE_INTRANASAL, KET_ROUTE_RECTAL,
		KET_ROUTE_TRANSDERMAL, KET_ROUTE_EPIDURAL, KET_ROUTE_INTRATHECAL,
	};
	size_t i;

	printf("\nExposure comparison of 25 mg IV (pharmacokinetic, NOT an "
	       "order; practice\nconverts far more cautiously, e.g. 1:1 SC "
	       "to oral)\n");
	printf("  %-13s %-26s %s\n", "route", "ketamine alone",
	       "with norketamine");
	for (i = 0; i < sizeof to / sizeof to[0]; i++) {
		char cell[2][96];
		int b;

		for (b = 0; b < 2; b++) {
			ket_equivalent e;
			char m[24], lo[24], hi[24];

			if (ket_route_equivalent(25.0, KET_ROUTE_IV, to[i],
			                         (ket_exposure_basis)b,
			                         &e) != KET_OK) {
				snprintf(cell[b], sizeof cell[b], "no data");
				continue;
			}
			snprintf(cell[b], sizeof cell[b], "%s (%s-%s)",
			         fmt(e.mg, 1, "mg", m, sizeof m),
			         fmt(e.mg_low, 1, "", lo, sizeof lo),
			         fmt(e.mg_high, 1, "", hi, sizeof hi));
		}
		printf("  %-13s %-26s %s\n", ket_route_label(to[i]), cell[0],
		       cell[1]);
	}
}

/* ---- regimens: worked examples with fixed inputs ------------------------ */

static void print_report_line(ket_status st, const ket_report *report)
{
	if (st != KET_OK)
		print_refusal(st, report);
	else
		print_warnings(report);
}

static void print_preparation(void)
{
	ket_preparation_order o = { .total_mg = 500.0,
	                            .final_volume_ml = 50.0,
	                            .stock_mg_per_ml = 100.0,
	                            .route = KET_ROUTE_IV };
	ket_preparation p;
	ket_report report;
	char a[32], b[32], c[32];
	ket_status st = ket_prepare(&o, &p, &report);

	printf("\nPreparation: 500 mg in a 50 mL syringe from the 100 mg/mL "
	       "vial, IV\n");
	if (st == KET_OK)
		printf("  draw %s of stock, add %s of diluent: %s\n",
		       fmt(p.stock_volume_ml, 2, "mL", a, sizeof a),
		       fmt(p.diluent_volume_ml, 2, "mL", b, sizeof b),
		       fmt(p.final_concentration_mg_per_ml, 2, "mg/mL", c,
		           sizeof c));
	print_report_line(st, &report);
}

static void print_pca(const sheet *s)
{
	ket_pca_order o = { .weight_kg = s->weight_kg, .bolus_mg = 10.0,
	                    .lockout_min = 3.0, .basal_mg_per_h = 0.0,
	                    .limit_mg_per_h = 30.0, .limit_mg_per_4h = 0.0,
	                    .form = KET_FORM_RACEMIC };
	ket_pca p;
	ket_report report;
	char a[32], b[32], c[32];
	ket_status st = ket_pca_check(&o, &s->limits, &p, &report);

	printf("\nPCA (burn dressings): bolus 10 mg, lockout 3 min, 1-hour "
	       "limit 30 mg\n");
	if (st == KET_OK)
		printf("  at most %s, %s, %s\n",
		       fmt(p.max_mg_per_h, 2, "mg/h", a, sizeof a),
		       fmt(p.max_mg_per_4h, 2, "mg/4 h", b, sizeof b),
		       fmt(p.max_mg_per_kg_per_h, 3, "mg/kg/h", c, sizeof c));
	print_report_line(st, &report);
	o.limit_mg_per_h = 0.0;
	st = ket_pca_check(&o, &s->limits, &p, &report);
	printf("  the same without an hourly limit:\n");
	print_report_line(st, &report);
}

static void print_burst(const sheet *s)
{
	ket_limits burst_limits;
	ket_burst_order o = { .response_day = 0, .weight_kg = s->weight_kg,
	                      .concentration_mg_per_ml = 10.0,
	                      .pump_step_ml_per_h = 0.1,
	                      .route = KET_ROUTE_SC,
	                      .form = KET_FORM_RACEMIC };
	ket_burst_day days[8];
	ket_report report;
	size_t n = 0, i;
	ket_status st;

	if (ket_limits_for_profile(KET_PROFILE_PALLIATIVE_BURST,
	                           &burst_limits) != KET_OK)
		return;
	st = ket_burst_schedule(&o, &burst_limits, days, 8, &n, &report);
	printf("\nBurst therapy, SC at 10 mg/mL (PALLIATIVE_BURST limits), no "
	       "response;\neach escalation only after a daily clinical "
	       "review\n");
	for (i = 0; st == KET_OK && i < n; i++) {
		char a[32], b[32], c[32];

		printf("  day %d  %-12s pump %-10s delivers %s\n", days[i].day,
		       fmt(days[i].mg_per_24h, 1, "mg/24 h", a, sizeof a),
		       fmt(days[i].rate_ml_per_h, 1, "mL/h", b, sizeof b),
		       fmt(days[i].delivered_mg_per_24h, 1, "mg/24 h", c,
		           sizeof c));
	}
	print_report_line(st, &report);
}

static void print_oral(const sheet *s)
{
	ket_oral_order o = { .parenteral_mg_per_24h = 100.0,
	                     .from = KET_ROUTE_SC, .to = KET_ROUTE_ORAL,
	                     .ratio_oral_per_parenteral = 1.0,
	                     .doses_per_24h = 3, .dose_step_mg = 5.0,
	                     .solution_mg_per_ml = 10.0,
	                     .form = KET_FORM_RACEMIC };
	ket_oral_regimen r;
	ket_report report;
	char a[32], b[32], c[32], d[32];
	ket_status st = ket_oral_conversion(&o, &s->limits, &r, &report);

	printf("\nSC 100 mg/24 h to oral, ratio 1:1 (practice), 3 doses, "
	       "step 5 mg, 10 mg/mL;\nfirst oral dose 4-8 h after the "
	       "infusion stops\n");
	if (st == KET_OK)
		printf("  %s (%s) every 8 h = %s; exposure comparison %s "
		       "(context only)\n",
		       fmt(r.mg_per_dose, 2, "mg", a, sizeof a),
		       fmt(r.ml_per_dose, 2, "mL", b, sizeof b),
		       fmt(r.mg_per_24h, 2, "mg/24 h", c, sizeof c),
		       fmt(r.exposure_comparison_mg_per_24h, 1, "mg/24 h", d,
		           sizeof d));
	print_report_line(st, &report);
}

int main(int argc, char **argv)
{
	sheet s;
	char a[32];

	if (!parse_args(argc, argv, &s))
		return EXIT_FAILURE;
	if (ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA,
	                           &s.limits) != KET_OK)
		return EXIT_FAILURE;
	printf("Low-dose ketamine dosing sheet (libketamine %s)\n",
	       ket_version_string());
	printf("Patient: %s dosing weight; doses are ketamine base\n\n",
	       fmt(s.weight_kg, 2, "kg", a, sizeof a));
	print_infusions(&s);
	print_bolus(&s);
	print_limits(&s.limits);
	print_refused_example(&s);
	print_routes();
	print_preparation();
	print_pca(&s);
	print_burst(&s);
	print_oral(&s);
	return EXIT_SUCCESS;
}
