/*
 * limits.c - the hospital's dose limits: built-in profiles and the one
 * validation every order function applies as its third step.
 */
#include <stddef.h>

#include "internal.h"

#define NO_FIELD ((size_t)-1)

/* One row per double field of ket_limits, in declaration order.  A field
 * with a partner must relate to it: below it (strict) or at most it; when
 * the partner is 0 or itself invalid, the alternate partner is used. */
typedef struct limit_rule {
	const char *name;
	size_t offset;
	const char *unit;
	int required;     /* must be above 0 */
	size_t partner;   /* NO_FIELD: no relation */
	size_t alternate; /* used when partner is 0 or invalid */
	int strict;       /* below the partner rather than at most it */
} limit_rule;

#define FIELD(f) #f, offsetof(ket_limits, f)
#define AT(f) offsetof(ket_limits, f)

static const limit_rule rules[] = {
	{ FIELD(weight_soft_min_kg), "kg", 0, AT(weight_soft_max_kg),
	  NO_FIELD, 1 },
	{ FIELD(weight_soft_max_kg), "kg", 0, NO_FIELD, NO_FIELD, 0 },
	{ FIELD(concentration_max_mg_per_ml), "mg/mL", 0, NO_FIELD, NO_FIELD,
	  0 },
	{ FIELD(infusion_soft_min_mg_per_kg_per_h), "mg/kg/h", 0,
	  AT(infusion_soft_max_mg_per_kg_per_h),
	  AT(infusion_hard_max_mg_per_kg_per_h), 1 },
	{ FIELD(infusion_soft_max_mg_per_kg_per_h), "mg/kg/h", 0,
	  AT(infusion_hard_max_mg_per_kg_per_h), NO_FIELD, 0 },
	{ FIELD(infusion_hard_max_mg_per_kg_per_h), "mg/kg/h", 1, NO_FIELD,
	  NO_FIELD, 0 },
	{ FIELD(infusion_soft_max_mg_per_h), "mg/h", 0, NO_FIELD, NO_FIELD,
	  0 },
	{ FIELD(infusion_cap_mg_per_h), "mg/h", 0, NO_FIELD, NO_FIELD, 0 },
	{ FIELD(bolus_soft_max_mg_per_kg), "mg/kg", 0,
	  AT(bolus_hard_max_mg_per_kg), NO_FIELD, 0 },
	{ FIELD(bolus_hard_max_mg_per_kg), "mg/kg", 1, NO_FIELD, NO_FIELD, 0 },
	{ FIELD(bolus_soft_max_mg), "mg", 0, NO_FIELD, NO_FIELD, 0 },
	{ FIELD(bolus_cap_mg), "mg", 0, NO_FIELD, NO_FIELD, 0 },
	{ FIELD(daily_soft_max_mg_per_24h), "mg/24 h", 0,
	  AT(daily_hard_max_mg_per_24h), NO_FIELD, 0 },
	{ FIELD(daily_hard_max_mg_per_24h), "mg/24 h", 0, NO_FIELD, NO_FIELD,
	  0 },
	{ FIELD(pca_hard_max_mg_per_kg_per_h), "mg/kg/h", 1, NO_FIELD,
	  NO_FIELD, 0 },
	{ FIELD(oral_soft_max_mg_per_24h), "mg/24 h", 0,
	  AT(oral_hard_max_mg_per_24h), NO_FIELD, 0 },
	{ FIELD(oral_hard_max_mg_per_24h), "mg/24 h", 1, NO_FIELD, NO_FIELD,
	  0 },
};

#define N_RULES (sizeof rules / sizeof rules[0])

static double field_at(const ket_limits *limits, size_t offset)
{
	const char *base = (const char *)limits;
	const double *p = (const double *)(const void *)(base + offset);

	return *p;
}

/* The value alone: finite, >= 0, above 0 if required.  Returns the bound
 * it broke through *bound (NaN for a non-finite value), or 1 if valid. */
static int value_valid(const limit_rule *r, double v, double *bound)
{
	*bound = ket_nan();
	if (!ket_is_finite(v))
		return 0;
	*bound = 0.0;
	if (v < 0.0)
		return 0;
	return !(r->required && !(v > 0.0));
}

static int holds(const limit_rule *r, double v, double bound)
{
	return r->strict ? v < bound : !(v > bound);
}

static const limit_rule *rule_at(size_t offset)
{
	size_t i = 0;

	while (rules[i].offset != offset) /* every partner has a row */
		i++;
	return &rules[i];
}

/* A field counts as a partner when it is set (finite, above 0) and itself
 * valid (API.md: "partners that are themselves valid"), its relation to its
 * own partner included: a soft maximum above its hard maximum is no bound
 * for the soft minimum, which then answers to the hard maximum.  The
 * table's chains are at most two long (soft minimum -> soft maximum -> hard
 * maximum, which has no partner), so no recursion is needed. */
static int partner_value(const ket_limits *limits, size_t offset, double *v)
{
	const limit_rule *q;
	double next;

	if (offset == NO_FIELD)
		return 0;
	*v = field_at(limits, offset);
	if (!(ket_is_finite(*v) && *v > 0.0))
		return 0;
	q = rule_at(offset);
	if (q->partner == NO_FIELD)
		return 1;
	next = field_at(limits, q->partner);
	return !(ket_is_finite(next) && next > 0.0) || holds(q, *v, next);
}

static int relation_holds(const ket_limits *limits, const limit_rule *r,
                          double v, double *bound)
{
	if (!(v > 0.0))
		return 1; /* 0 = none: no relation to hold */
	if (!partner_value(limits, r->partner, bound) &&
	    !partner_value(limits, r->alternate, bound))
		return 1;
	return holds(r, v, *bound);
}

static ket_status invalid(ket_report *report, const char *field,
                          double value, double bound, const char *unit)
{
	ket_report_add(report, KET_E_LIMITS, 0, KET_ITEM_LIMITS, value, bound,
	               unit, field);
	return KET_E_LIMITS;
}

/* The validation stage of every order function: the report is not cleared,
 * the limits pointer is known not to be NULL. */
ket_status ket_check_limits(const ket_limits *limits, ket_report *report)
{
	size_t i;

	if (limits->form != KET_FORM_RACEMIC &&
	    limits->form != KET_FORM_ESKETAMINE &&
	    limits->form != KET_FORM_ARKETAMINE)
		return invalid(report, "form", (double)limits->form, ket_nan(),
		               "");
	for (i = 0; i < N_RULES; i++) {
		const limit_rule *r = &rules[i];
		double v = field_at(limits, r->offset);
		double bound;

		if (!value_valid(r, v, &bound) ||
		    !relation_holds(limits, r, v, &bound))
			return invalid(report, r->name, v, bound, r->unit);
	}
	return KET_OK;
}

ket_status ket_limits_validate(const ket_limits *limits, ket_report *report)
{
	ket_limits l;

	ket_report_clear(report);
	if (limits == NULL)
		return ket_fail_null(report, "limits");
	l = *limits; /* read once (API.md): partners are read more than once */
	return ket_check_limits(&l, report);
}

static void limits_set_nan(ket_limits *out)
{
	size_t i;

	out->form = 0;
	for (i = 0; i < N_RULES; i++) {
		char *base = (char *)out;

		*(double *)(void *)(base + rules[i].offset) = ket_nan();
	}
}

ket_status ket_limits_for_profile(ket_profile profile, ket_limits *out)
{
	const ket_limits *row;

	if (out == NULL)
		return KET_E_NULL;
	row = ket_profile_row((int32_t)profile);
	if (row == NULL) {
		limits_set_nan(out);
		return KET_E_RANGE;
	}
	*out = *row;
	return KET_OK;
}
