/*
 * internal.h - private helpers shared by the library sources; never installed.
 *
 * Where a rule lives:
 *   clinical.c   every clinical number (profiles, routes, formula constants)
 *   check.c      the validation stages (NULL, finite, weight, concentration,
 *                route, form) and the tolerance comparisons
 *   rounding.c   rounding to a device step and judging the deviation
 *   report.c     recording findings; ket_report_format
 *   numfmt.c     the ISMP number writer behind ket_format_dose and reports
 *   units.c      rate-unit factors and conversions
 */
#ifndef KET_INTERNAL_H
#define KET_INTERNAL_H

#if defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__
#error "libketamine must not be built with -ffast-math or -ffinite-math-only: they delete the NaN and infinity checks that make it fail safe"
#endif

#include <math.h>

#include <ketamine.h>

/* API.md "Comparisons": a computed quantity within 1e-9 relative of a limit
 * counts as at it, so last-bit error never decides a refusal or warning. */
#define KET_REL_TOL 1e-9

/* API.md's pump step bound, shared by ket_infusion_rate and the burst
 * schedule.  (The 1000 mL/h rate bound belongs to ket_infusion_duration
 * alone: prepare.c.) */
#define KET_PUMP_STEP_MAX_ML_PER_H 10.0 /* pump step 0 or (0, 10] mL/h */

/* ---- clinical.c: the tables -------------------------------------------- */
typedef struct ket_clinical_constants {
	double kg_per_lb;
	double cm_per_inch;
	double devine_male_kg, devine_female_kg, devine_kg_per_inch;
	double devine_base_height_in;
	double ideal_height_min_cm, ideal_height_max_cm;
	double lean_height_min_cm, lean_height_max_cm;
	double lean_numerator;
	double lean_male_a, lean_male_b, lean_female_a, lean_female_b;
	double adjusted_fraction;
	double adult_age_years;
	double base_g_per_mol, hydrochloride_g_per_mol;
	double esketamine_per_racemic_mg;
	double mg_per_ml_per_percent;
	double percent_max;
	double oral_ratio_min, oral_ratio_max, oral_ratio_practice;
	int oral_doses_min, oral_doses_max;
	double oral_step_min_mg, oral_step_max_mg;
} ket_clinical_constants;

typedef struct ket_route_row {
	const char *name;   /* "KET_ROUTE_SC" */
	const char *label;  /* "subcutaneous" */
	int has_data[2];    /* per ket_exposure_basis */
	double f[2][3];     /* [basis][point, low, high] */
	int variable;       /* KET_W_VARIABLE_ROUTE */
	int neuraxial;
	double ka_per_min;  /* first-order absorption; 0: none (IV) or no data */
} ket_route_row;

/* A PK model: CLINICAL.md "Pharmacokinetic models". */
typedef struct ket_pk_model_row {
	int compartments;
	int published_micro;    /* 1: V1 per kg and k's; 0: V and CL per 70 kg */
	double v1_l_per_kg;     /* published_micro */
	double k10, k12, k21, k13, k31;
	double v_l_70kg[3];     /* !published_micro: V1, V2, V3 per 70 kg */
	double cl_l_per_h_70kg[3]; /* CL, Q2, Q3 per 70 kg */
	double cl_exponent;     /* (WT/70)^exponent for clearances */
	double weight_min_kg, weight_max_kg; /* population */
	double age_min_years, age_max_years; /* age_max 0: none */
	int needs_age;
} ket_pk_model_row;

const ket_pk_model_row *ket_pk_model_row_for(int32_t model);

/* A burst plan: Jackson 2001, by the day whose dose worked. */
#define KET_BURST_DAYS_MAX 5
typedef struct ket_burst_plan {
	size_t days;
	double mg_per_24h[KET_BURST_DAYS_MAX];
} ket_burst_plan;

const ket_burst_plan *ket_burst_plan_for(int32_t response_day); /* or NULL */

/* ---- pk_expm.c ---------------------------------------------------------- */
/* State: 3 compartments + one depot per absorbed route used (at most
 * 6); the propagator works on the doubled system [[A, I], [0, 0]]. */
#define KET_PK_STATE_MAX 9
#define KET_PK_DIM_MAX (2 * KET_PK_STATE_MAX)
void ket_expm(const double *m, int n, double *out);

extern const ket_clinical_constants ket_clinical;
const ket_limits *ket_profile_row(int32_t profile);     /* NULL if unknown */
const ket_route_row *ket_route_row_for(int32_t route);  /* NULL if unknown */

/* ---- check.c: validation stages and comparisons ------------------------ */
typedef struct ket_field {  /* one double input, for the finite stage */
	double value;
	const char *name;
	ket_item item;
	const char *unit;
} ket_field;

double ket_nan(void);

/* Inline: it runs once per sample in long simulations. */
static inline int ket_is_finite(double x)
{
	return isfinite(x) != 0;
}
int ket_above(double value, double limit, int exact);
int ket_below(double value, double limit, int exact);
int ket_all_finite(const double *values, size_t n);
ket_status ket_fail_null(ket_report *report, const char *param);
ket_status ket_check_finite(const ket_field *fields, size_t n,
                            ket_report *report);
ket_status ket_check_limits(const ket_limits *limits, ket_report *report);
ket_status ket_check_iv_sc(int32_t route, ket_report *report);
ket_status ket_check_form(int32_t form, const ket_limits *limits,
                          ket_report *report);
ket_status ket_check_weight(double weight_kg, ket_report *report);
ket_status ket_check_concentration(double mg_per_ml, int32_t route,
                                   const ket_limits *limits,
                                   ket_report *report);
ket_status ket_check_step(double step, double max, const char *field,
                          const char *unit, ket_report *report);
ket_status ket_fail_input(ket_report *report, ket_status status,
                          ket_item item, const char *field, double value,
                          double limit, const char *unit);
void ket_warn_unusual_weight(double weight_kg, const ket_limits *limits,
                             uint32_t *warnings, ket_report *report);

/* ---- report.c ----------------------------------------------------------- */
void ket_report_clear(ket_report *report);
void ket_report_add(ket_report *report, ket_status status, uint32_t warning,
                    ket_item item, double value, double limit,
                    const char *unit, const char *field);
void ket_warn(ket_report *report, uint32_t *warnings, uint32_t bit,
              ket_item item, double value, double limit, const char *unit,
              const char *field);

/* ---- rounding.c --------------------------------------------------------- */
double ket_round_to_step(double amount, double step, double max_amount);
ket_status ket_judge_rounding(double ordered, double delivered,
                              const char *step_field, uint32_t *warnings,
                              ket_report *report);

/* ---- units.c ------------------------------------------------------------ */
int ket_unit_is_known(int32_t unit);
int ket_unit_is_per_kg(int32_t unit);
double ket_unit_scale(double value, int32_t from, int32_t to,
                      double weight_kg);

/* ---- bignum.c ----------------------------------------------------------- */
/* 40 words (1,280 bits) hold the largest values made: twice 10^323 (1,074
 * bits, parse.c) and a double's integer part below 2^1024 (numfmt.c). */
#define KET_BIG_WORDS 40
typedef struct ket_big {
	uint32_t w[KET_BIG_WORDS]; /* least significant word first */
} ket_big;

void ket_big_set(ket_big *b, uint64_t v);
int ket_big_is_zero(const ket_big *b);
void ket_big_mul_small(ket_big *b, uint32_t m);
uint32_t ket_big_div_small(ket_big *b, uint32_t d);
void ket_big_shl(ket_big *b, unsigned bits);
unsigned ket_big_bits(const ket_big *b);
int ket_big_sub_if_ge(ket_big *a, const ket_big *b);

/* ---- numfmt.c ----------------------------------------------------------- */
typedef struct ket_writer {  /* bounded text writer, never overflows */
	char *buf;
	size_t size;
	size_t len;
	int overflow;
} ket_writer;

void ket_writer_init(ket_writer *w, char *buf, size_t size);
void ket_writer_puts(ket_writer *w, const char *s);
ket_status ket_writer_finish(ket_writer *w);
ket_status ket_write_number(ket_writer *w, double value, int max_decimals,
                            int grouping);

#endif /* KET_INTERNAL_H */
