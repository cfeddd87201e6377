/*
 * ketamine.h - libketamine: low-dose ketamine dose calculations for hospital
 * software.  This header is the reference manual; README.md and the man
 * pages summarise it.
 *
 * WHAT IT COMPUTES
 *   Weight-based infusion rates turned into pump rates (mL/h), bolus doses and
 *   volumes, dosing weights, unit conversions, route and enantiomer
 *   equivalents, all held against the hospital's own dose limits
 *   (struct ket_limits), the way an infusion pump's drug library applies them.
 *
 * CONVENTIONS (every function)
 *   - Doses are mg of ketamine BASE.  Units are in every name: _kg, _mg,
 *     _ml, _per_h, _per_24h, _min.  Fractions are 0-1, never percent.
 *   - Every function that can fail returns a ket_status and writes its
 *     results through pointers; a dose is never a return value.
 *   - FAIL-SAFE OUTPUTS: on any status other than KET_OK every double the
 *     function was asked to write is NaN, every int/enum output 0 and every
 *     warnings field 0, so a caller that ignores the status shows "nan", never
 *     a plausible wrong dose.  Out-pointers that are NULL are not written.
 *     The optional ket_report explains the error instead.
 *   - Validation order: NULL pointers (KET_E_NULL), array lengths, non-finite
 *     inputs (KET_E_NOT_FINITE), the limits (KET_E_LIMITS), enum values (then
 *     the form match, KET_E_FORM), ranges, then the clinical checks in the
 *     order each function lists.  Within a stage, struct fields in declaration
 *     order, then scalar parameters left to right.  Bad input is never clamped.
 *   - A computed quantity within 1e-9 relative of a limit or threshold counts
 *     as at it (accepted, not warned); a value typed by the caller in the
 *     limit's own unit is compared exactly.  Bounds are inclusive.  -0.0
 *     counts as 0 everywhere.
 *   - An enum value outside the listed ones is KET_E_RANGE, except a route
 *     (KET_E_ROUTE) and a rate unit (KET_E_UNIT).
 *
 * THREAD SAFETY
 *   Every function is pure and reentrant: no global mutable state, no heap
 *   allocation, no I/O, no errno, no locale dependence, never abort() or
 *   exit().  Any number of threads may call any function at once.  Input
 *   structs are read once at entry; outputs must not alias inputs.
 *
 * FLOATING POINT
 *   The library assumes IEEE 754 binary64 double, round-to-nearest and no
 *   flush-to-zero.  It refuses to compile under -ffast-math, which deletes
 *   the NaN and infinity checks that make it fail safe.
 *
 * LIMITS POLICY
 *   The built-in limit profiles (ket_limits_for_profile) are documented
 *   starting points taken from published guidance.  They are NOT a drug
 *   library: every hospital must review them and supply its own ket_limits.
 *   Every order function requires a limits struct; NULL is KET_E_NULL.
 *   Moderate renal or hepatic dysfunction needs no dose change (seed review),
 *   but severe hepatic impairment is not covered: ketamine has a high hepatic
 *   extraction ratio.
 *
 * VERSIONING
 *   Semantic versioning.  0.x may change the API between minor versions.
 *   From 1.0 on, released structs are frozen and new capability arrives as
 *   new functions and struct types; status codes, warning bits and enum
 *   values are append-only.  SONAME libketamine.so.MAJOR.
 */
#ifndef KETAMINE_H
#define KETAMINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(KET_BUILDING_LIBRARY) && (defined(__GNUC__) || defined(__clang__))
#define KET_API __attribute__((visibility("default")))
#else
#define KET_API
#endif

/* Status-returning functions: ignoring the status is a compile warning.
 * (Never `nonnull`: it lets the compiler delete the NULL checks.) */
#if defined(__GNUC__) || defined(__clang__)
#define KET_NODISCARD __attribute__((warn_unused_result))
#else
#define KET_NODISCARD
#endif

/* ------------------------------------------------------------------------
 * Version
 * ---------------------------------------------------------------------- */
#define KET_VERSION_MAJOR 0 /* incompatible ABI changes */
#define KET_VERSION_MINOR 1 /* added functionality, ABI compatible */
#define KET_VERSION_PATCH 0 /* fixes only */
#define KET_VERSION_NUMBER                                                  \
	(KET_VERSION_MAJOR * 10000 + KET_VERSION_MINOR * 100 + KET_VERSION_PATCH)
#define KET_VERSION_STRING "0.1.0"

/* KET_VERSION_NUMBER and KET_VERSION_STRING of the library linked at run
 * time (compare with the macros to detect a header/library mismatch). */
KET_API int ket_version_number(void);
KET_API const char *ket_version_string(void);

/* ------------------------------------------------------------------------
 * Status codes.  Fixed integers, appended only.
 * ---------------------------------------------------------------------- */
typedef enum ket_status {
	KET_OK = 0,
	KET_E_NULL = 1,            /* a required pointer argument is NULL */
	KET_E_NOT_FINITE = 2,      /* an input is NaN or infinite */
	KET_E_WEIGHT = 3,          /* weight outside KET_WEIGHT_KG_MIN..MAX */
	KET_E_HEIGHT = 4,          /* height missing or outside the range the
	                              chosen formula allows */
	KET_E_SEX = 5,             /* sex unspecified where the formula needs it */
	KET_E_DOSE = 6,            /* a dose or amount is zero or negative */
	KET_E_CONCENTRATION = 7,   /* concentration outside the plausible range
	                              or the profile's maximum */
	KET_E_HARD_LIMIT = 8,      /* the order exceeds a hard limit: refused */
	KET_E_ROUTE = 9,           /* unknown route, or one this function does
	                              not handle */
	KET_E_NO_DATA = 10,        /* no established clinical data for this
	                              conversion, model or patient */
	KET_E_CONTRAINDICATED = 11, /* e.g. a preserved product by a neuraxial
	                               route, an undiluted vial IV */
	KET_E_UNIT = 12,           /* unknown unit, or units that cannot be
	                              converted into each other */
	KET_E_LIMITS = 13,         /* a limits struct is inconsistent or lacks a
	                              limit this function needs */
	KET_E_RANGE = 14,          /* another argument outside its range */
	KET_E_RESOLUTION = 15,     /* the device step cannot deliver this dose
	                              within 10 % (or rounds it to 0) */
	KET_E_BUFFER = 16,         /* output buffer too small */
	KET_E_FORM = 17            /* the order's form differs from the limits' */
} ket_status;

/* "KET_E_WEIGHT"; "KET_E_UNKNOWN" for a value not listed.  Never NULL. */
KET_API const char *ket_status_name(ket_status s);
/* One English sentence for a clinician; never NULL (a generic sentence for a
 * value not listed). */
KET_API const char *ket_strerror(ket_status s);

/* ------------------------------------------------------------------------
 * Warnings: bits in the uint32_t `warnings` field of result structs.
 * A result with warnings is valid but needs a clinician's confirmation.
 * ---------------------------------------------------------------------- */
#define KET_W_BELOW_SOFT_MIN (UINT32_C(1) << 0) /* below a soft minimum */
#define KET_W_ABOVE_SOFT_MAX (UINT32_C(1) << 1) /* above a soft maximum */
#define KET_W_ABOVE_HARD_MAX (UINT32_C(1) << 2) /* only from functions that
	report rather than refuse (ket_infusion_check): above a hard maximum */
#define KET_W_CAPPED (UINT32_C(1) << 3)         /* dose reduced to an absolute
	mg cap from the limits */
#define KET_W_ROUNDED (UINT32_C(1) << 4)        /* rounding to the device step
	moved the dose by more than KET_ROUNDING_WARN */
#define KET_W_LOW_PUMP_RATE (UINT32_C(1) << 5)  /* pump rate below
	KET_PUMP_RATE_LOW_ML_PER_H */
#define KET_W_SMALL_VOLUME (UINT32_C(1) << 6)   /* volume to measure below
	KET_VOLUME_SMALL_ML */
#define KET_W_VARIABLE_ROUTE (UINT32_C(1) << 7) /* bioavailability of this
	route varies widely */
#define KET_W_APPROXIMATE (UINT32_C(1) << 8)    /* a clinical approximation
	(e.g. esketamine) */
#define KET_W_NEURAXIAL (UINT32_C(1) << 9)      /* neuraxial route:
	preservative-free product only */
#define KET_W_OUTSIDE_MODEL (UINT32_C(1) << 10) /* patient outside a PK
	model's population */
#define KET_W_UNUSUAL_WEIGHT (UINT32_C(1) << 11) /* weight outside the
	profile's soft weight range */
#define KET_W_EXPOSURE_ONLY (UINT32_C(1) << 12) /* a pharmacokinetic exposure
	comparison, not a dose to order: clinical conversions are more
	cautious */

/* "KET_W_CAPPED" for one known bit; NULL for 0, several bits or an unknown
 * bit. */
KET_API const char *ket_warning_name(uint32_t bit);

/* ------------------------------------------------------------------------
 * Reports: why an order was refused or warned.
 *
 * Every order function takes a last argument `ket_report *report` (NULL
 * allowed).  It is cleared on entry and receives one finding per limit or
 * rule the order crossed, in the order found.  A limit crossed by both the
 * ordered and the delivered dose is one finding (value: the ordered dose if
 * that crosses, else the delivered dose).  On a refusal the warnings found
 * before it stay and the refusal is the last finding.  Findings beyond
 * KET_REPORT_MAX are counted in `dropped`; a refusal is never dropped (it
 * takes the last slot, and the warning it displaces is counted instead).
 *
 * `item` names what was judged: the input field for a failed input
 * (weight_kg -> KET_ITEM_WEIGHT, dose / dose_mg_per_kg -> KET_ITEM_DOSE,
 * dose_unit -> KET_ITEM_UNIT, concentration_mg_per_ml ->
 * KET_ITEM_CONCENTRATION, pump_step_ml_per_h / syringe_step_ml ->
 * KET_ITEM_DEVICE_STEP, a pump reading's rate_ml_per_h -> KET_ITEM_PUMP_RATE,
 * route -> KET_ITEM_ROUTE, form -> KET_ITEM_FORM, anything else ->
 * KET_ITEM_OTHER); KET_ITEM_NONE for KET_E_NULL; KET_ITEM_LIMITS for
 * KET_E_LIMITS; for a limit, the quantity judged: KET_ITEM_DOSE_PER_KG
 * (per-kg limits), KET_ITEM_DOSE_PER_H (mg/h soft maximum and cap),
 * KET_ITEM_DOSE (bolus mg soft maximum and cap), KET_ITEM_DAILY_TOTAL (24 h
 * limits); KET_ITEM_ROUNDING for KET_W_ROUNDED and KET_E_RESOLUTION (value
 * and limit in "%"); KET_ITEM_PUMP_RATE for KET_W_LOW_PUMP_RATE;
 * KET_ITEM_VOLUME for KET_W_SMALL_VOLUME; KET_ITEM_WEIGHT for
 * KET_W_UNUSUAL_WEIGHT.  `field` names the input field, or for a limit the
 * ket_limits field, for rounding the step field, for the low-rate and
 * small-volume warnings the output field (rate_ml_per_h, volume_ml).
 * ---------------------------------------------------------------------- */
typedef enum ket_item {
	KET_ITEM_NONE = 0,
	KET_ITEM_WEIGHT = 1,
	KET_ITEM_DOSE = 2,
	KET_ITEM_DOSE_PER_KG = 3,
	KET_ITEM_DOSE_PER_H = 4,
	KET_ITEM_DAILY_TOTAL = 5,
	KET_ITEM_CONCENTRATION = 6,
	KET_ITEM_DEVICE_STEP = 7,
	KET_ITEM_PUMP_RATE = 8,
	KET_ITEM_VOLUME = 9,
	KET_ITEM_ROUTE = 10,
	KET_ITEM_FORM = 11,
	KET_ITEM_LIMITS = 12,
	KET_ITEM_LOCKOUT = 13,
	KET_ITEM_PCA_HOURLY = 14,
	KET_ITEM_RATIO = 15,
	KET_ITEM_DOSES_PER_24H = 16,
	KET_ITEM_RESPONSE_DAY = 17,
	KET_ITEM_ROUNDING = 18,
	KET_ITEM_OTHER = 19,
	KET_ITEM_UNIT = 20
} ket_item;

typedef struct ket_finding {
	int32_t status;    /* ket_status: the error, or KET_OK for a warning */
	uint32_t warning;  /* the KET_W_ bit for a warning, 0 for an error */
	int32_t item;      /* ket_item: what was judged */
	double value;      /* its value, in `unit` (NaN when it has none) */
	double limit;      /* the bound it crossed, in `unit` (NaN if none) */
	const char *unit;  /* static string: "mg/kg/h", "kg", "%", ""; never
	                      NULL */
	const char *field; /* static string naming the offending struct field
	                      or parameter; never NULL */
} ket_finding;

#define KET_REPORT_MAX 8
typedef struct ket_report {
	size_t count;   /* findings recorded (at most KET_REPORT_MAX) */
	size_t dropped; /* findings that did not fit */
	ket_finding findings[KET_REPORT_MAX];
} ket_report;

/* Lower-case English name of an item: "dose per kg", "weight", ...; NULL for
 * an unknown value. */
KET_API const char *ket_item_name(ket_item item);

/* Writes one English sentence per finding, separated by "; ", numbers
 * formatted by ket_format_dose's rules with up to 4 decimals, e.g.
 * "dose per kg 0.6 mg/kg/h is above the hard maximum 0.5 mg/kg/h".  A
 * non-zero number too small to show at 4 decimals is written "< 0.0001", one
 * of 1e15 or more ">= 1e15" (and of -1e15 or less "<= -1e15").  An
 * empty report writes "".  If findings were dropped the text ends with
 * "; and N more".
 * Returns KET_OK; KET_E_NULL (report or buf NULL; buf, if given, then
 * holds "" when size > 0); KET_E_BUFFER when the text and its NUL do not
 * fit in `size` bytes (buf then holds "" if size > 0). */
KET_NODISCARD KET_API ket_status ket_report_format(const ket_report *report,
                                                   char *buf, size_t size);

/* ------------------------------------------------------------------------
 * Plausibility ranges and thresholds.  Bounds are inclusive.
 * ---------------------------------------------------------------------- */
#define KET_WEIGHT_KG_MIN 0.5          /* kg */
#define KET_WEIGHT_KG_MAX 350.0        /* kg */
#define KET_HEIGHT_CM_MIN 45.0         /* cm */
#define KET_HEIGHT_CM_MAX 250.0        /* cm */
#define KET_AGE_YEARS_MAX 130.0        /* years */
#define KET_AGE_UNKNOWN (-1.0)         /* any negative age means unknown */
#define KET_CONC_MG_PER_ML_MIN 0.01    /* mg/mL */
#define KET_CONC_MG_PER_ML_MAX 100.0   /* mg/mL, the strongest vial */
#define KET_IV_CONC_MG_PER_ML_MAX 50.0 /* mg/mL, strongest solution given IV
                                          (100 mg/mL diluted 1:1) */
#define KET_PUMP_RATE_LOW_ML_PER_H 0.5 /* mL/h; below: KET_W_LOW_PUMP_RATE */
#define KET_VOLUME_SMALL_ML 0.1        /* mL; below: KET_W_SMALL_VOLUME */
#define KET_ROUNDING_WARN 0.01         /* rounding moved the dose by more
                                          than this fraction: warn */
#define KET_ROUNDING_REFUSE 0.10       /* ... by more: KET_E_RESOLUTION */
#define KET_MAX_ITEMS 1000000          /* longest array argument */

/* ------------------------------------------------------------------------
 * Routes, forms and rate units (enums used by orders).
 * ---------------------------------------------------------------------- */
typedef enum ket_route {
	KET_ROUTE_IV = 0,
	KET_ROUTE_IM = 1,
	KET_ROUTE_SC = 2,
	KET_ROUTE_ORAL = 3,
	KET_ROUTE_SUBLINGUAL = 4,
	KET_ROUTE_INTRANASAL = 5,
	KET_ROUTE_RECTAL = 6,
	KET_ROUTE_TRANSDERMAL = 7,
	KET_ROUTE_EPIDURAL = 8,
	KET_ROUTE_INTRATHECAL = 9
} ket_route;

typedef enum ket_form {
	KET_FORM_RACEMIC = 0,
	KET_FORM_ESKETAMINE = 1,
	KET_FORM_ARKETAMINE = 2
} ket_form;

typedef enum ket_rate_unit {
	KET_UNIT_MG_PER_KG_PER_H = 0,
	KET_UNIT_MCG_PER_KG_PER_MIN = 1,
	KET_UNIT_MCG_PER_KG_PER_H = 2,
	KET_UNIT_MG_PER_KG_PER_MIN = 3,
	KET_UNIT_MG_PER_H = 4,
	KET_UNIT_MG_PER_MIN = 5,
	KET_UNIT_MG_PER_24H = 6,
	KET_UNIT_INVALID = -1 /* written by ket_rate_unit_parse on error */
} ket_rate_unit;

/* ------------------------------------------------------------------------
 * Patients and dosing weight
 * ---------------------------------------------------------------------- */
typedef enum ket_sex {
	KET_SEX_UNSPECIFIED = 0,
	KET_SEX_FEMALE = 1,
	KET_SEX_MALE = 2
} ket_sex;

typedef struct ket_patient {
	double weight_kg; /* actual (total) body weight; required */
	double height_cm; /* 0 when unknown */
	double age_years; /* KET_AGE_UNKNOWN (negative) when unknown;
	                     fractional below 1 year */
	int32_t sex;      /* ket_sex */
} ket_patient;

typedef enum ket_weight_basis {
	KET_WEIGHT_ACTUAL = 0,   /* as measured */
	KET_WEIGHT_IDEAL = 1,    /* Devine 1974 */
	KET_WEIGHT_ADJUSTED = 2, /* ideal + 0.4 x (actual - ideal) */
	KET_WEIGHT_LEAN = 3      /* Janmahasatian 2005 */
} ket_weight_basis;

/* weight_kg = weight_lb x 0.45359237 (exact definition of the pound).
 * Returns KET_OK; KET_E_NULL; KET_E_NOT_FINITE; KET_E_WEIGHT when the result
 * lies outside KET_WEIGHT_KG_MIN..MAX (negative pounds included).  A result
 * within 1e-9 relative beyond a bound counts as at it and is returned as
 * the bound itself, so an order accepts it. */
KET_NODISCARD KET_API ket_status ket_weight_from_lb(double weight_lb,
                                                    double *weight_kg);

/* The weight to dose on.
 *   ACTUAL:   the patient's weight.
 *   IDEAL:    Devine 1974: male 50 kg, female 45.5 kg, + 2.3 kg per inch
 *             over 60 in (1 in = 2.54 cm); height 152.4-250 cm.
 *   ADJUSTED: ideal + 0.4 x (actual - ideal) when actual > ideal, else
 *             actual; height as ideal.
 *   LEAN:     Janmahasatian 2005: male 9270 W / (6680 + 216 BMI), female
 *             9270 W / (8780 + 244 BMI); height 45-250 cm.
 * IDEAL, ADJUSTED and LEAN are adult formulas and never exceed the actual
 * weight.  Children are dosed on actual weight.  Obese patients: dose on
 * ideal or adjusted weight (Erstad & Barletta, Crit Care 2020).
 * Order: KET_E_NULL (patient, weight_kg); KET_E_NOT_FINITE (weight, height,
 * age, for every basis); KET_E_RANGE (unknown sex or basis, for every
 * basis); KET_E_WEIGHT; KET_E_RANGE (known age above KET_AGE_YEARS_MAX);
 * then for IDEAL, ADJUSTED and LEAN only: KET_E_HEIGHT (height outside the
 * formula's domain; 0 = unknown is an error here), KET_E_NO_DATA (known age
 * below 18), KET_E_SEX (unspecified).  ACTUAL needs neither height nor sex. */
KET_NODISCARD KET_API ket_status ket_dosing_weight(const ket_patient *patient,
                                                   ket_weight_basis basis,
                                                   double *weight_kg);

/* ------------------------------------------------------------------------
 * Limits: the hospital's drug library entry.  A field of 0 means "none",
 * except the four required ones.
 * ---------------------------------------------------------------------- */
typedef struct ket_limits {
	int32_t form; /* ket_form the limits are written for */
	double weight_soft_min_kg; /* outside the soft weight range: */
	double weight_soft_max_kg; /*   KET_W_UNUSUAL_WEIGHT (0 = none) */
	double concentration_max_mg_per_ml;       /* above: KET_E_CONCENTRATION
	                                             (0 = none) */
	double infusion_soft_min_mg_per_kg_per_h; /* below: KET_W_BELOW_SOFT_MIN
	                                             (0 = none) */
	double infusion_soft_max_mg_per_kg_per_h; /* above: KET_W_ABOVE_SOFT_MAX
	                                             (0 = none) */
	double infusion_hard_max_mg_per_kg_per_h; /* above: KET_E_HARD_LIMIT
	                                             (required) */
	double infusion_soft_max_mg_per_h; /* absolute, e.g. obese patients:
	                                      warns (0 = none) */
	double infusion_cap_mg_per_h;      /* absolute cap: dose reduced to it,
	                                      KET_W_CAPPED (0 = none) */
	double bolus_soft_max_mg_per_kg;   /* above: KET_W_ABOVE_SOFT_MAX
	                                      (0 = none) */
	double bolus_hard_max_mg_per_kg;   /* above: KET_E_HARD_LIMIT
	                                      (required) */
	double bolus_soft_max_mg;          /* absolute: warns (0 = none) */
	double bolus_cap_mg;               /* absolute cap per bolus,
	                                      KET_W_CAPPED (0 = none) */
	double daily_soft_max_mg_per_24h;  /* parenteral 24 h total: warns
	                                      (0 = none) */
	double daily_hard_max_mg_per_24h;  /* parenteral 24 h total: refused
	                                      (0 = none) */
	double pca_hard_max_mg_per_kg_per_h; /* most a PCA may allow in any
	                                        hour (required) */
	double oral_soft_max_mg_per_24h;   /* oral/sublingual 24 h: warns
	                                      (0 = none) */
	double oral_hard_max_mg_per_24h;   /* oral/sublingual 24 h: refused
	                                      (required) */
} ket_limits;

/* Built-in starting points (values and sources in lib/clinical.c); all for
 * racemic ketamine.  A hospital must review them before use. */
typedef enum ket_profile {
	KET_PROFILE_LOW_DOSE_ANALGESIA = 0,  /* seed 0.05-0.2 mg/kg/h (default) */
	KET_PROFILE_ACUTE_PAIN_ASRA = 1,     /* ASRA/AAPM/ASA 2018 ceilings */
	KET_PROFILE_PALLIATIVE_BURST = 2,    /* burst, 100-500 mg/24 h */
	KET_PROFILE_PEDIATRIC_ANALGESIA = 3  /* CHEO, Sheehy, eTG */
} ket_profile;

/* Copies a built-in profile.  KET_OK; KET_E_NULL; KET_E_RANGE (unknown
 * profile; *out then has NaN doubles and form 0). */
KET_NODISCARD KET_API ket_status ket_limits_for_profile(ket_profile profile,
                                                        ket_limits *out);

/* KET_OK, or KET_E_LIMITS naming the first offending field in the report
 * (item KET_ITEM_LIMITS, field, value, and the bound it broke or NaN);
 * KET_E_NULL when limits is NULL.  Valid: form a known ket_form; every
 * double finite and >= 0; infusion_hard_max_mg_per_kg_per_h,
 * bolus_hard_max_mg_per_kg, pca_hard_max_mg_per_kg_per_h and
 * oral_hard_max_mg_per_24h above 0; each non-zero soft maximum at most its
 * hard maximum (infusion per kg, bolus per kg, daily when the daily hard
 * maximum is set, oral); a non-zero infusion soft minimum below the soft
 * maximum (or, when that is 0 or itself invalid, the hard maximum); a
 * non-zero weight_soft_min_kg below a non-zero weight_soft_max_kg.  Fields
 * are examined once each in declaration order; a relation is checked at
 * the first of its two fields, against a partner that is itself valid
 * (finite, above 0, and within its own relation): with soft minimum 0.55,
 * soft maximum 0.6 and hard maximum 0.5 mg/kg/h the soft maximum is no
 * bound, so the soft minimum is held against the hard maximum and is the
 * field named. */
KET_NODISCARD KET_API ket_status ket_limits_validate(const ket_limits *limits,
                                                     ket_report *report);

/* ------------------------------------------------------------------------
 * Continuous infusion
 * ---------------------------------------------------------------------- */
typedef struct ket_infusion_order {
	double weight_kg;  /* dosing weight */
	double dose;       /* in dose_unit */
	int32_t dose_unit; /* ket_rate_unit: per kg or absolute */
	double concentration_mg_per_ml; /* drug in the syringe or bag */
	double pump_step_ml_per_h;      /* programmable resolution; 0 = none */
	int32_t route;     /* ket_route: KET_ROUTE_IV or KET_ROUTE_SC */
	int32_t form;      /* ket_form: must equal limits->form */
} ket_infusion_order;

typedef struct ket_infusion {
	double mg_per_h;                 /* ordered, after any absolute cap */
	double rate_ml_per_h;            /* pump rate, rounded to the step */
	double delivered_mg_per_h;       /* what rate_ml_per_h delivers */
	double delivered_mg_per_kg_per_h;
	double delivered_mcg_per_kg_per_min;
	double delivered_mg_per_24h;
	uint32_t warnings;
} ket_infusion;

/* Turns an infusion order into a pump rate.
 * Order of checks:
 *  1. KET_E_NULL (order, limits, out); KET_E_NOT_FINITE (weight_kg, dose,
 *     concentration_mg_per_ml, pump_step_ml_per_h); KET_E_LIMITS (as
 *     ket_limits_validate); KET_E_UNIT (dose_unit); KET_E_ROUTE (not IV or
 *     SC); KET_E_RANGE (unknown form); KET_E_FORM (form != limits->form).
 *  2. Ranges: KET_E_WEIGHT; KET_E_DOSE (dose <= 0); KET_E_CONCENTRATION
 *     (outside KET_CONC_MG_PER_ML_MIN..MAX or above a non-zero
 *     concentration_max_mg_per_ml); KET_E_CONTRAINDICATED (IV above
 *     KET_IV_CONC_MG_PER_ML_MAX); KET_E_RANGE (pump step not 0 and not in
 *     (0, 10] mL/h).
 *  3. The dose converted to mg/kg/h and mg/h (ket_rate_convert's factors).
 *     Above infusion_hard_max_mg_per_kg_per_h: KET_E_HARD_LIMIT.  Then the
 *     ordered dose against the per-kg soft minimum and maximum and the mg/h
 *     soft maximum (warnings).
 *  4. A set cap that the dose exceeds: mg_per_h = cap, KET_W_CAPPED.  The 24 h
 *     total 24 x mg_per_h above daily_hard_max_mg_per_24h: KET_E_HARD_LIMIT;
 *     the ordered 24 h total above daily_soft_max_mg_per_24h warns.
 *  5. rate = mg_per_h / concentration rounded to the nearest whole number of
 *     pump steps, n = floor(rate / step + 0.5 + 1e-9), but never more steps
 *     than the hard maximum per kg, the cap or the daily hard maximum allow
 *     (floor(limit_ml_per_h / step + 1e-9)).  Rounding to 0 steps, or moving
 *     the dose by more than KET_ROUNDING_REFUSE: KET_E_RESOLUTION (use a more
 *     dilute concentration); by more than KET_ROUNDING_WARN: KET_W_ROUNDED.
 *     KET_W_LOW_PUMP_RATE below KET_PUMP_RATE_LOW_ML_PER_H.
 *  6. The delivered dose against the soft limits not already crossed by the
 *     ordered dose; KET_W_UNUSUAL_WEIGHT outside the limits' soft weight
 *     range.
 * KET_E_RANGE (item KET_ITEM_OTHER) if absurd but valid limits would let a
 * result overflow to infinity.
 * On any error every double of *out is NaN and warnings 0. */
KET_NODISCARD KET_API ket_status ket_infusion_rate(
	const ket_infusion_order *order, const ket_limits *limits,
	ket_infusion *out, ket_report *report);

typedef struct ket_pump_reading { /* a pump that is already running */
	double weight_kg;
	double rate_ml_per_h;
	double concentration_mg_per_ml;
	int32_t route; /* IV or SC */
	int32_t form;
} ket_pump_reading;

/* Checks a running pump and reports instead of refusing: mg_per_h equals
 * delivered_mg_per_h = rate x concentration.  Input checks as
 * ket_infusion_rate, with a rate of 0 or below KET_E_DOSE (item
 * KET_ITEM_PUMP_RATE) after the weight and before the concentration.  The
 * rate has no upper bound: a pump far above the limits (a dose typed into
 * the rate field) is what this check is for, and it is reported, not
 * refused.  Only a reading whose doses do not fit a double (a rate of the
 * order of 1e305 mL/h, depending on the concentration and the weight) is
 * KET_E_RANGE (item KET_ITEM_OTHER, field "out").  Above the
 * per-kg hard maximum, the cap or the daily hard maximum:
 * KET_W_ABOVE_HARD_MAX (one finding each); soft limits, KET_W_LOW_PUMP_RATE
 * and KET_W_UNUSUAL_WEIGHT as ket_infusion_rate. */
KET_NODISCARD KET_API ket_status ket_infusion_check(
	const ket_pump_reading *pump, const ket_limits *limits,
	ket_infusion *out, ket_report *report);

/* ------------------------------------------------------------------------
 * Bolus
 * ---------------------------------------------------------------------- */
typedef struct ket_bolus_order {
	double weight_kg;
	double dose_mg_per_kg;
	double concentration_mg_per_ml;
	double syringe_step_ml; /* measurable volume step; 0 = none, typical
	                           0.1 or 0.01; at most 1 */
	int32_t route;          /* ket_route: IV or SC, else KET_E_ROUTE */
	int32_t form;
} ket_bolus_order;

typedef struct ket_bolus {
	double mg;                  /* dose to give, matched to the volume */
	double volume_ml;           /* rounded to the syringe step */
	double delivered_mg_per_kg;
	uint32_t warnings;
} ket_bolus;

/* A single bolus.  Input checks as ket_infusion_rate (syringe step 0 or in
 * (0, 1] mL, else KET_E_RANGE).  Above bolus_hard_max_mg_per_kg:
 * KET_E_HARD_LIMIT.  bolus_soft_max_mg_per_kg and bolus_soft_max_mg warn
 * (on the ordered or delivered dose); bolus_cap_mg caps (KET_W_CAPPED).  The
 * volume is rounded by whole syringe steps without crossing the hard maximum
 * or the cap; mg = volume x concentration; KET_E_RESOLUTION and
 * KET_W_ROUNDED as the infusion; KET_W_SMALL_VOLUME below
 * KET_VOLUME_SMALL_ML; KET_W_UNUSUAL_WEIGHT.  A bolus is not held against
 * the daily limits. */
KET_NODISCARD KET_API ket_status ket_bolus_dose(const ket_bolus_order *order,
                                                const ket_limits *limits,
                                                ket_bolus *out,
                                                ket_report *report);

/* ------------------------------------------------------------------------
 * Preparation: making up a syringe or bag
 * ---------------------------------------------------------------------- */
typedef struct ket_preparation_order {
	double total_mg;        /* ketamine wanted in the container */
	double final_volume_ml; /* container volume after dilution */
	double stock_mg_per_ml; /* vial strength drawn from (10, 50, 100) */
	int32_t route;          /* ket_route the preparation is for */
} ket_preparation_order;

typedef struct ket_preparation {
	double stock_volume_ml;   /* stock to draw */
	double diluent_volume_ml; /* final volume - stock volume (may be 0) */
	double final_concentration_mg_per_ml;
	uint32_t warnings;
} ket_preparation;

/* Stock to draw and diluent to add.
 * Order: KET_E_NULL (order, out); KET_E_NOT_FINITE (total_mg,
 * final_volume_ml, stock_mg_per_ml); KET_E_ROUTE (unknown or neuraxial
 * route: plan neuraxial use with ket_route_check and the specialist's
 * protocol); KET_E_DOSE (total_mg <= 0); KET_E_RANGE (final_volume_ml not
 * in (0, 1000]); KET_E_CONCENTRATION (stock outside
 * KET_CONC_MG_PER_ML_MIN..MAX); KET_E_RANGE (the stock volume would exceed
 * the final volume: the stock is too weak; the finding names
 * stock_mg_per_ml with the weakest stock that fits as its limit);
 * KET_E_CONCENTRATION (final concentration below KET_CONC_MG_PER_ML_MIN);
 * KET_E_CONTRAINDICATED (IV with a final concentration above
 * KET_IV_CONC_MG_PER_ML_MAX, e.g. the undiluted 100 mg/mL vial).  A stock
 * volume that underflows to 0 (denormal amounts) is KET_E_RANGE, checked
 * first among these.
 * KET_W_SMALL_VOLUME when the stock volume is below KET_VOLUME_SMALL_ML
 * (hard to measure: use a weaker vial). */
KET_NODISCARD KET_API ket_status ket_prepare(
	const ket_preparation_order *order, ket_preparation *out,
	ket_report *report);

typedef struct ket_duration {
	double empty_after_h;  /* volume / rate */
	double change_after_h; /* the earlier of empty and the hang limit */
} ket_duration;

/* How long a syringe or bag lasts.  volume_ml in (0, 1000], rate_ml_per_h
 * in (0, 1000], max_hang_h 0 (none) or in (0, 168] h, else KET_E_RANGE;
 * KET_E_NULL; KET_E_NOT_FINITE (volume, rate, hang time); KET_E_RANGE when
 * a denormal volume or rate would make the time 0 or infinite. */
KET_NODISCARD KET_API ket_status ket_infusion_duration(double volume_ml,
                                                       double rate_ml_per_h,
                                                       double max_hang_h,
                                                       ket_duration *out);

/* ------------------------------------------------------------------------
 * PCA: what a patient-controlled analgesia programme allows
 * ---------------------------------------------------------------------- */
typedef struct ket_pca_order {
	double weight_kg;
	double bolus_mg;
	double lockout_min;
	double basal_mg_per_h;  /* background infusion, 0 = none */
	double limit_mg_per_h;  /* the pump's 1-hour limit, basal included;
	                           0 = none */
	double limit_mg_per_4h; /* the pump's 4-hour limit, basal included;
	                           0 = none */
	int32_t form;
} ket_pca_order;

typedef struct ket_pca {
	double max_mg_per_h;  /* the most a patient can receive in any
	                         60-minute window */
	double max_mg_per_4h; /* ... in any 4-hour window */
	double max_mg_per_kg_per_h;
	uint32_t warnings;
} ket_pca;

/* The most a PCA programme lets a patient self-administer.  Windows are
 * sliding and half-open, [t, t + 60 min), the lockout counted from each
 * bolus.  Boluses in an hour: n1 = ceil(60 / lockout - 1e-9), reduced to
 * floor((limit_mg_per_h - basal) / bolus + 1e-9) when a 1-hour limit is set
 * and to floor((limit_mg_per_4h - 4 basal) / bolus + 1e-9) when a 4-hour
 * limit is set; in 4 hours n4 = min(ceil(240 / lockout - 1e-9), 4 n1),
 * reduced likewise by the 4-hour limit.  max_mg_per_h = min(basal + n1
 * bolus, 1-hour limit if set); max_mg_per_4h = min(4 basal + n4 bolus,
 * 4-hour limit if set).
 * Order: KET_E_NULL (order, limits, out); KET_E_NOT_FINITE (fields in
 * order); KET_E_LIMITS; KET_E_RANGE (unknown form); KET_E_FORM; then
 * KET_E_WEIGHT; KET_E_DOSE (bolus_mg <= 0); KET_E_RANGE, each: lockout
 * outside [1, 120] min, basal below 0, the 1-hour limit below 0 or below
 * basal + one bolus, the 4-hour limit below 0, below 4 x basal + one bolus
 * or below the 1-hour limit (sums compared with the 1e-9 tolerance); then the bolus per kg above bolus_hard_max_mg_per_kg
 * (KET_E_HARD_LIMIT), above bolus_soft_max_mg_per_kg and bolus_mg above
 * bolus_soft_max_mg (KET_W_ABOVE_SOFT_MAX; bolus_cap_mg does not apply:
 * the bolus is what the pump is programmed with); KET_W_UNUSUAL_WEIGHT;
 * then KET_E_RANGE if a maximum overflows (a basal rate near DBL_MAX with
 * limits that allow it); then max_mg_per_kg_per_h above
 * pca_hard_max_mg_per_kg_per_h:
 * KET_E_HARD_LIMIT (so a ward PCA needs an hourly limit).
 * Worked example (seed: burn dressings, ketamine 10 mg, lockout 3 min),
 * default profile, 70 kg, 1-hour limit 30 mg: 30 mg/h, 120 mg/4 h,
 * 0.4286 mg/kg/h; with no hourly limit: 200 mg/h, refused. */
KET_NODISCARD KET_API ket_status ket_pca_check(const ket_pca_order *order,
                                               const ket_limits *limits,
                                               ket_pca *out,
                                               ket_report *report);

/* ------------------------------------------------------------------------
 * Burst therapy (Jackson et al., J Pain Symptom Manage 2001)
 * ---------------------------------------------------------------------- */
typedef struct ket_burst_order {
	int32_t response_day; /* the day whose dose worked: 1, 2, 3, or 0 for
	                         none */
	double weight_kg;
	double concentration_mg_per_ml;
	double pump_step_ml_per_h;
	int32_t route;        /* KET_ROUTE_SC (Jackson 2001) or KET_ROUTE_IV
	                         (the seed) */
	int32_t form;
} ket_burst_order;

typedef struct ket_burst_day {
	int32_t day;                 /* 1-based */
	double mg_per_24h;           /* ordered */
	double rate_ml_per_h;        /* rounded to the pump step, never above a
	                                hard limit */
	double delivered_mg_per_24h;
	uint32_t warnings;
} ket_burst_day;

/* The day-by-day burst plan: 100 mg/24 h on day 1, escalating to 300 and
 * then 500 mg/24 h while there is no response; the dose that works (or
 * 500 mg/24 h) is continued for 3 days in all, then stopped.
 * response_day 1 -> 100, 100, 100; 2 -> 100, 300, 300, 300; 3 or 0 -> 100,
 * 300, 500, 500, 500.  EACH ESCALATION IS CONDITIONAL ON A DAILY CLINICAL
 * REVIEW (sedation, psychotomimetic effects, blood pressure, pain); the plan
 * is the protocol's ceiling, not an instruction to escalate.
 * Each day is exactly what ket_infusion_rate returns for {weight, dose =
 * mg_per_24h / 24, KET_UNIT_MG_PER_H, concentration, pump step, route,
 * form} with the same limits: its refusal refuses the whole schedule, its
 * warnings are the day's.  The report merges the days' findings in day
 * order, each distinct finding once: two days' findings are the same when
 * status, warning, item, unit and field match and value and limit agree
 * within 1e-9 relative (rounding by 4 % on day 1 and by 4 % on day 2 is
 * one finding, though the two quotients differ in their last bits); the
 * first day's is kept.
 * Order: KET_E_NULL (order, limits, n_days, and days unless capacity is 0);
 * KET_E_RANGE (capacity above KET_MAX_ITEMS: no entry is written, since
 * the loops are bounded); KET_E_NOT_FINITE; KET_E_LIMITS (also when daily_hard_max_mg_per_24h is
 * 0); KET_E_ROUTE (not SC or IV); KET_E_RANGE (unknown form); KET_E_FORM;
 * KET_E_RANGE (response_day); KET_E_WEIGHT; KET_E_CONCENTRATION /
 * KET_E_CONTRAINDICATED; KET_E_RANGE (pump step); KET_E_BUFFER (capacity
 * below the plan's length); then the days in order.
 * *n_days receives the plan's length with KET_OK and KET_E_BUFFER (a size
 * query passes days NULL and capacity 0), and 0 with any other error; on
 * any error every entry up to capacity has NaN doubles, day 0 and
 * warnings 0. */
KET_NODISCARD KET_API ket_status ket_burst_schedule(
	const ket_burst_order *order, const ket_limits *limits,
	ket_burst_day *days, size_t capacity, size_t *n_days,
	ket_report *report);

/* ------------------------------------------------------------------------
 * Parenteral to oral
 * ---------------------------------------------------------------------- */
typedef struct ket_oral_order {
	double parenteral_mg_per_24h;     /* the current SC/IV/IM 24 h dose */
	int32_t from;                     /* ket_route: IV, IM or SC */
	int32_t to;                       /* ket_route: oral or sublingual */
	double ratio_oral_per_parenteral; /* the prescriber's choice, [0.1, 2];
	                                     1 is sourced practice */
	int32_t doses_per_24h;            /* 1-6 */
	double dose_step_mg;              /* 0 = none, else [0.5, 50] */
	double solution_mg_per_ml;        /* oral solution strength */
	int32_t form;
} ket_oral_order;

typedef struct ket_oral_regimen {
	double mg_per_dose;  /* rounded to the dose step */
	double ml_per_dose;  /* of the oral solution */
	double mg_per_24h;   /* mg_per_dose x doses */
	double exposure_comparison_mg_per_24h; /* route-table exposure match
	                                          (with norketamine): context
	                                          only, never to be ordered */
	uint32_t warnings;
} ket_oral_regimen;

/* Converts a parenteral 24 h dose to an oral or sublingual regimen with an
 * explicit ratio (no hidden default; Benitez-Rosario 2011: 1:1 kept 27 of
 * 29 palliative patients controlled).  Give the first oral dose 4-8 h
 * after the infusion stops; at least half of patients do not respond to
 * oral ketamine (seed).  Check which oral solution strength (10 or
 * 50 mg/mL) is dispensed: mix-ups have harmed patients.
 * mg_per_dose = parenteral x ratio / doses, rounded to the nearest step by
 * whole steps (floor(x + 0.5 + 1e-9)); rounding to 0 or by more than
 * KET_ROUNDING_REFUSE: KET_E_RESOLUTION; by more than KET_ROUNDING_WARN:
 * KET_W_ROUNDED.  mg_per_24h above oral_hard_max_mg_per_24h:
 * KET_E_HARD_LIMIT; above oral_soft_max_mg_per_24h: KET_W_ABOVE_SOFT_MAX; a
 * ratio above 1: KET_W_ABOVE_SOFT_MAX (KET_ITEM_RATIO); always
 * KET_W_VARIABLE_ROUTE; KET_W_SMALL_VOLUME below KET_VOLUME_SMALL_ML.
 * exposure_comparison_mg_per_24h = parenteral x F_from / F_to with
 * KET_BASIS_WITH_NORKETAMINE.
 * Order: KET_E_NULL (order, limits, out); KET_E_NOT_FINITE; KET_E_LIMITS;
 * KET_E_ROUTE (from not IV/IM/SC, to not oral/sublingual); KET_E_RANGE
 * (unknown form); KET_E_FORM; KET_E_DOSE (parenteral <= 0); KET_E_RANGE
 * (ratio, doses_per_24h, dose_step_mg); KET_E_CONCENTRATION (solution
 * outside KET_CONC_MG_PER_ML_MIN..MAX only: the limits' concentration
 * maximum is for parenteral containers); then the checks above.
 * Worked example: SC 100 mg/24 h, ratio 1, 3 doses, step 5 mg, 10 mg/mL ->
 * 35 mg (3.5 mL) per dose, 105 mg/24 h, exposure comparison 163.6 mg/24 h,
 * KET_W_ROUNDED | KET_W_VARIABLE_ROUTE. */
KET_NODISCARD KET_API ket_status ket_oral_conversion(
	const ket_oral_order *order, const ket_limits *limits,
	ket_oral_regimen *out, ket_report *report);

/* ------------------------------------------------------------------------
 * Routes, bioavailability and exposure comparisons
 * ---------------------------------------------------------------------- */
typedef enum ket_exposure_basis {
	KET_BASIS_KETAMINE = 0,        /* exposure to ketamine alone */
	KET_BASIS_WITH_NORKETAMINE = 1 /* ketamine plus norketamine as ketamine
	                                  equivalents */
} ket_exposure_basis;

typedef struct ket_bioavailability {
	double fraction, fraction_low, fraction_high; /* point estimate and
	                                                 published range, 0-1 */
	uint32_t warnings; /* KET_W_VARIABLE_ROUTE where the range is wide */
} ket_bioavailability;

typedef struct ket_equivalent {
	double mg, mg_low, mg_high; /* exposure-matched amount by `to`; low and
	                               high from the published ranges */
	uint32_t warnings;          /* always KET_W_EXPOSURE_ONLY between
	                               different routes */
} ket_equivalent;

/* "KET_ROUTE_SC"; NULL for unknown. */
KET_API const char *ket_route_name(ket_route route);
/* "subcutaneous"; NULL for unknown. */
KET_API const char *ket_route_label(ket_route route);

/* Bioavailability of a route.  KET_OK; KET_E_NULL; KET_E_ROUTE (unknown);
 * KET_E_RANGE (unknown basis); KET_E_NO_DATA (transdermal, epidural,
 * intrathecal; intranasal and rectal with norketamine). */
KET_NODISCARD KET_API ket_status ket_route_bioavailability(
	ket_route route, ket_exposure_basis basis, ket_bioavailability *out);

/* Exposure-matched amount: mg = dose x F_from / F_to, mg_low = dose x
 * F_from_low / F_to_high, mg_high = dose x F_from_high / F_to_low.  mg_low is
 * the cautious figure when moving to a route.  These are pharmacokinetic
 * comparisons, NOT orders: clinical practice (e.g. 1:1 SC to oral in
 * palliative care) is far from them.  Between different routes the result
 * always carries KET_W_EXPOSURE_ONLY (plus KET_W_VARIABLE_ROUTE if either
 * route varies); the same route is the identity with no warning.
 * Order: KET_E_NULL; KET_E_NOT_FINITE; KET_E_ROUTE (from, to); KET_E_RANGE
 * (basis); KET_E_DOSE (dose <= 0); KET_E_NO_DATA (either route without data
 * for the basis, also when both are the same); KET_E_RANGE (a result that
 * would overflow, e.g. 1e308 mg, or underflow to 0 from a denormal dose). */
KET_NODISCARD KET_API ket_status ket_route_equivalent(double dose_mg,
                                                      ket_route from,
                                                      ket_route to,
                                                      ket_exposure_basis basis,
                                                      ket_equivalent *out);

/* Neuraxial routes (epidural, intrathecal): KET_E_CONTRAINDICATED unless
 * preservative_free is non-zero (commercial preparations contain a
 * potentially neurotoxic preservative), then KET_OK with KET_W_NEURAXIAL.
 * Other known routes: KET_OK, no warnings.  KET_E_NULL; KET_E_ROUTE. */
KET_NODISCARD KET_API ket_status ket_route_check(ket_route route,
                                                 int preservative_free,
                                                 uint32_t *warnings);

/* ------------------------------------------------------------------------
 * Enantiomers, salts, strengths, units
 * ---------------------------------------------------------------------- */

/* Racemic <-> esketamine: x 0.5 / x 2 with KET_W_APPROXIMATE (mg_low =
 * mg_high = mg; Peltoniemi 2016).  The same form is the identity with no
 * warning.  KET_E_NULL; KET_E_NOT_FINITE; KET_E_RANGE (unknown form);
 * KET_E_DOSE (dose <= 0); KET_E_NO_DATA (to or from arketamine);
 * KET_E_RANGE (a result that would overflow or underflow to 0). */
KET_NODISCARD KET_API ket_status ket_form_equivalent(double dose_mg,
                                                     ket_form from,
                                                     ket_form to,
                                                     ket_equivalent *out);

/* Salt conversions from the molar masses 237.73 g/mol (base) and 274.19
 * g/mol (hydrochloride).  KET_E_NULL; KET_E_NOT_FINITE; KET_E_DOSE (<= 0);
 * KET_E_RANGE (a result that would overflow). */
KET_NODISCARD KET_API ket_status ket_hydrochloride_to_base(
	double mg_hydrochloride, double *mg_base);
KET_NODISCARD KET_API ket_status ket_base_to_hydrochloride(
	double mg_base, double *mg_hydrochloride);

/* 1 % w/v = 10 mg/mL.  Accepts (0, 10] %, else KET_E_RANGE; KET_E_NULL;
 * KET_E_NOT_FINITE. */
KET_NODISCARD KET_API ket_status ket_percent_to_mg_per_ml(double percent_w_v,
                                                          double *mg_per_ml);

/* Converts a dose rate between units (1 mcg/kg/min = 0.06 mg/kg/h).  The
 * weight is used, and examined, only between a per-kg and an absolute unit.
 * Order: KET_E_NULL; KET_E_NOT_FINITE (value); KET_E_UNIT (from, to);
 * KET_E_NOT_FINITE / KET_E_WEIGHT (weight, when used); KET_E_DOSE (value
 * below 0); KET_E_RANGE when the result would overflow or a positive value
 * would underflow to 0.  0 (and -0.0) converts to 0.  Exact factors
 * (ratios of integers, no rounded constants) in double-double arithmetic:
 * the result is faithfully rounded, a fraction of an ulp from the exact
 * value. */
KET_NODISCARD KET_API ket_status ket_rate_convert(double value,
                                                  ket_rate_unit from,
                                                  ket_rate_unit to,
                                                  double weight_kg,
                                                  double *out);

/* Accepts exactly the UCUM codes mg/kg/h, ug/kg/min, ug/kg/h, mg/kg/min,
 * mg/h, mg/min, mg/d, the forms mg/(kg.h), ug/(kg.min), ug/(kg.h),
 * mg/(kg.min), mg/(24.h), and the clinical spellings mcg/kg/min, mcg/kg/h
 * and mg/24h; case-sensitive, no spaces.  Anything else: KET_E_UNIT.
 * KET_E_NULL.  On error *out (if not NULL) is KET_UNIT_INVALID. */
KET_NODISCARD KET_API ket_status ket_rate_unit_parse(const char *text,
                                                     ket_rate_unit *out);

/* Canonical UCUM code ("ug/kg/min"); NULL for an unknown unit. */
KET_API const char *ket_rate_unit_ucum(ket_rate_unit unit);

/* ------------------------------------------------------------------------
 * Pharmacokinetics: prediction and target-controlled infusion
 *
 * Models (lib/clinical.c, with sources): k in 1/min, V in L, CL
 * and Q in L/min.  Concentrations in ng/mL (= mg/L x 1000).  Predictions
 * are population estimates for planning and teaching; they do not replace
 * clinical observation.
 * ---------------------------------------------------------------------- */
typedef enum ket_pk_model {
	KET_PK_DOMINO_1984 = 0,   /* adult volunteers, 3 compartments */
	KET_PK_CLEMENTS_1981 = 1, /* adult volunteers, 2 compartments */
	KET_PK_HIJAZI_2003 = 2,   /* adult ICU, 2 compartments */
	KET_PK_HERD_2007 = 3,     /* children 1-14 y, 10.8-74.8 kg, 2 comp. */
	KET_PK_KAMP_2020 = 4      /* pooled adults, 3 compartments */
} ket_pk_model;

typedef struct ket_pk_params {
	int32_t compartments;                    /* 2 or 3 */
	double v1_l, v2_l, v3_l;                 /* v3_l is 0 for two */
	double cl_l_per_min, q2_l_per_min, q3_l_per_min;
	double k10_per_min, k12_per_min, k21_per_min, k13_per_min,
	       k31_per_min;
	uint32_t warnings;                       /* KET_W_OUTSIDE_MODEL */
} ket_pk_params;

/* The model's parameters for a patient: both sets filled (micro-constants
 * published for Domino, Clements and Hijazi, clearances and volumes for
 * Herd and Kamp; the other set derived: k10 = CL/V1, k12 = Q2/V1, k21 =
 * Q2/V2, k13 = Q3/V1, k31 = Q3/V3).  KET_W_OUTSIDE_MODEL when the weight or
 * a known age lies outside the model's population (adult models: 40-140 kg
 * or a known age below 18; Herd: 1-14 years or 10.8-74.8 kg).
 * Two-compartment models have v3_l, q3_l_per_min, k13_per_min and
 * k31_per_min exactly 0.  An age of -0.0 is a known age of 0.
 * Order: KET_E_NULL (patient, out); KET_E_NOT_FINITE (weight, height,
 * age); KET_E_RANGE (unknown model, unknown sex); KET_E_WEIGHT;
 * KET_E_RANGE (known age above KET_AGE_YEARS_MAX); KET_E_NO_DATA (Herd
 * with an unknown age).  Height and sex are not used by these models. */
KET_NODISCARD KET_API ket_status ket_pk_params_for(ket_pk_model model,
                                                   const ket_patient *patient,
                                                   ket_pk_params *out);

typedef struct ket_pk_dose {
	double start_min;    /* from time 0, >= 0 */
	double mg;           /* amount; for an infusion the total over
	                        duration_min */
	double duration_min; /* 0: given at once; > 0: constant rate over
	                        [start, start + duration) */
	int32_t route;       /* ket_route */
} ket_pk_dose;

/* Plasma concentration (ng/mL) at each time.  IV boluses and infusions, SC
 * infusions, and IM, SC, oral, sublingual, intranasal and rectal doses
 * with first-order absorption (bioavailability: the route table's
 * ketamine-alone point estimate; absorption rate constants: lib/clinical.c,
 * the same for every model).  A dose given at time t already counts at t
 * (an IV bolus of D mg at 0 gives D / V1 at 0).  An SC infusion enters the
 * SC absorption depot at F x mg / duration.
 * The solution is exact for this piecewise-constant input: each interval
 * is advanced by the matrix exponential of the linear system (scaling and
 * squaring of a Taylor series to full double precision), which stays exact
 * when an absorption rate equals a disposition rate.  Agreement with an
 * independent high-accuracy integration is tested to 1e-9 relative.
 * Parameters are used through v1_l and the micro-constants, which must be
 * positive (k13, k31 for three compartments; compartments 2 or 3), else
 * KET_E_RANGE.
 * Order (dose by dose, an exception to the global stages): KET_E_NULL (pk,
 * doses unless n_doses is 0, times unless n_times is 0, conc_ng_per_ml
 * unless n_times is 0); KET_E_RANGE (n_doses or n_times above
 * KET_MAX_ITEMS); KET_E_NOT_FINITE (the parameters, then the doses in
 * order, then the times; every double of the parameters counts);
 * KET_E_RANGE (parameters); then each dose in
 * order: KET_E_ROUTE (unknown route), KET_E_NO_DATA (transdermal, epidural,
 * intrathecal), KET_E_RANGE (an infusion by a route other than IV or SC, a
 * negative duration), KET_E_DOSE (mg <= 0), KET_E_RANGE (a negative start,
 * or a start before the previous dose's); then KET_E_RANGE (a negative
 * time, or times that decrease); KET_E_RANGE when absurd but valid input
 * (a dose of 1e308 mg, a time of 1e300 min) would give a non-finite
 * concentration.  An infusion too short to move start + duration off start
 * in double precision is given at once.  On error every concentration is
 * NaN (none is written when n_times exceeds KET_MAX_ITEMS). */
KET_NODISCARD KET_API ket_status ket_pk_simulate(const ket_pk_params *pk,
                                                 const ket_pk_dose *doses,
                                                 size_t n_doses,
                                                 const double *times_min,
                                                 size_t n_times,
                                                 double *conc_ng_per_ml);

typedef struct ket_pk_summary {
	double peak_ng_per_ml, peak_time_min; /* a tied peak: the earliest */
	double auc_ng_min_per_ml;             /* trapezoidal over the samples */
	double time_above_min;                /* at or above the threshold,
	                                         linear between samples */
} ket_pk_summary;

/* Summary of sampled concentrations.  KET_E_NULL; KET_E_RANGE (n = 0 or
 * above KET_MAX_ITEMS); KET_E_NOT_FINITE (times, concentrations, then the
 * threshold); KET_E_RANGE (times decreasing, a negative concentration or
 * threshold, or sums that overflow). */
KET_NODISCARD KET_API ket_status ket_pk_summarize(
	const double *times_min, const double *conc_ng_per_ml, size_t n,
	double threshold_ng_per_ml, ket_pk_summary *out);

#define KET_TCI_TARGET_MAX_NG_PER_ML 500.0 /* above: beyond dissociative
                                              levels, refused */

/* Advisory plasma-targeted infusion plan (Jacobs 1990): a plan for a
 * clinician to review, not a pump programme.  It starts from no drug; for
 * each step of step_s seconds (1-3600) the rate is clamp((target - C_free)
 * / C_unit, 0, max_rate_mg_per_h), where C_free is the end-of-step plasma
 * concentration with no new drug and C_unit the end-of-step concentration
 * a 1 mg/h infusion over the step adds.  It writes the rate and the
 * predicted end-of-step concentration, which replaying the rates through
 * ket_pk_simulate as IV infusions reproduces.
 * Order: KET_E_NULL (pk, targets, rates, conc); KET_E_RANGE (n_steps 0 or
 * above KET_MAX_ITEMS); KET_E_NOT_FINITE (parameters, targets, step_s,
 * max_rate); KET_E_RANGE (parameters as ket_pk_simulate; a target outside
 * [0, KET_TCI_TARGET_MAX_NG_PER_ML]; step_s outside [1, 3600];
 * max_rate_mg_per_h not above 0: there is no "none"); KET_E_RANGE when
 * absurd parameters overflow.  On error every
 * output given (non-NULL) is NaN, none when n_steps exceeds
 * KET_MAX_ITEMS. */
KET_NODISCARD KET_API ket_status ket_tci_plan(const ket_pk_params *pk,
                                              const double *targets_ng_per_ml,
                                              size_t n_steps, double step_s,
                                              double max_rate_mg_per_h,
                                              double *rates_mg_per_h,
                                              double *conc_ng_per_ml);

/* ------------------------------------------------------------------------
 * Reading numbers from text
 * ---------------------------------------------------------------------- */

/* Strict, locale-independent decimal reader for values typed by a person or
 * carried in a message.  Accepts only `digits` or `digits.digits` with an
 * optional leading '-' and at most 15 significant digits (counted from the
 * first non-zero digit, trailing zeros included); any number of leading
 * zeros after the point.  The result is the correctly rounded double.
 * Rejects with KET_E_RANGE everything strtod would repair: "", spaces,
 * ".5", "5.", "1,5", "1.2.3", "5mg", exponents, hex, "nan", "inf"; and a
 * non-zero value below DBL_MIN (2.2250738585072014e-308), where a double
 * keeps too few digits (strtod would return a subnormal or 0).
 * KET_E_NULL. */
KET_NODISCARD KET_API ket_status ket_parse_decimal(const char *text,
                                                   double *out);

/* ------------------------------------------------------------------------
 * Formatting for display (ISMP rules)
 * ---------------------------------------------------------------------- */
#define KET_FORMAT_NO_GROUPING (UINT32_C(1) << 0) /* no thousands separator */

/* Writes e.g. "0.5 mg", "5 mg", "12.6 mL/h", "1,000 mg": a leading zero,
 * never a trailing zero, a comma between thousands from 1,000 up (none with
 * KET_FORMAT_NO_GROUPING), rounded to max_decimals (0-4) with halves away
 * from zero on the double's exact value (0.125 -> "0.13"), '.' whatever the
 * locale, '-' for negatives, one space before a non-empty unit (unit may be
 * NULL).  Zero (and -0.0) prints "0".
 * The integer part of every finite double is written exactly, and the
 * fraction rounded to max_decimals as above: -DBL_MAX, the longest, is its
 * 309 digits grouped, 412 characters before the unit.
 * Errors, in this order: KET_E_NULL (buf); KET_E_NOT_FINITE; KET_E_RANGE
 * (max_decimals outside 0-4, unknown flag bits); KET_E_RANGE (a non-zero
 * value that would print as 0: a dose must never read "0"); KET_E_BUFFER.
 * On error buf holds "" when size > 0. */
KET_NODISCARD KET_API ket_status ket_format_dose(double value,
                                                 int max_decimals,
                                                 const char *unit,
                                                 uint32_t flags, char *buf,
                                                 size_t size);

#ifdef __cplusplus
}
#endif

#endif /* KETAMINE_H */
