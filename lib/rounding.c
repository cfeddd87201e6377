/*
 * rounding.c - the one rounding rule (API.md "Continuous infusion", rule 4)
 * and the one judgement of how far rounding moved a dose (rule 5).  Used by
 * infusions (pump steps in mL/h) and boluses (syringe steps in mL).
 */
#include <math.h>

#include "internal.h"

/* Slack for floor(): 0.7 / 0.1 is 6.9999999999999991, so a quotient that is
 * a whole number in decimal must not lose a step to last-bit error. */
#define STEP_EPS 1e-9

/* n steps as a number.  Steps are decimal fractions (0.1, 0.01 mL/h) that a
 * double cannot hold exactly: 202 x 0.1 is 20.200000000000003, but
 * 202 / 10 is the double nearest 20.2, what the pump shows. */
static double steps_to_amount(double n, double step)
{
	double per_unit = floor(1.0 / step + 0.5);

	if (per_unit >= 2.0 && fabs(1.0 / step - per_unit) <= per_unit * 1e-12)
		return n / per_unit;
	return n * step;
}

/* Rounds amount to the nearest whole number of steps, by whole steps, and
 * never to more steps than max_amount allows, so rounding never crosses a
 * hard limit or cap.  step 0 means no rounding; max_amount may be
 * INFINITY. */
double ket_round_to_step(double amount, double step, double max_amount)
{
	double n, n_max;

	if (!(step > 0.0))
		return amount;
	n = floor(amount / step + 0.5 + STEP_EPS);
	n_max = floor(max_amount / step + STEP_EPS);
	if (n > n_max)
		n = n_max;
	return steps_to_amount(n, step);
}

static ket_status refuse(ket_report *report, double percent,
                         const char *step_field)
{
	ket_report_add(report, KET_E_RESOLUTION, 0, KET_ITEM_ROUNDING, percent,
	               KET_ROUNDING_REFUSE * 100.0, "%", step_field);
	return KET_E_RESOLUTION;
}

/* How far delivered lies from ordered (> 0): KET_E_RESOLUTION above
 * KET_ROUNDING_REFUSE or at 0, KET_W_ROUNDED above KET_ROUNDING_WARN; the
 * finding's value and limit are in percent. */
ket_status ket_judge_rounding(double ordered, double delivered,
                              const char *step_field, uint32_t *warnings,
                              ket_report *report)
{
	double deviation;

	if (!(delivered > 0.0))
		return refuse(report, 100.0, step_field);
	deviation = fabs(delivered - ordered) / ordered;
	if (ket_above(deviation, KET_ROUNDING_REFUSE, 0))
		return refuse(report, deviation * 100.0, step_field);
	if (ket_above(deviation, KET_ROUNDING_WARN, 0))
		ket_warn(report, warnings, KET_W_ROUNDED, KET_ITEM_ROUNDING,
		         deviation * 100.0, KET_ROUNDING_WARN * 100.0, "%",
		         step_field);
	return KET_OK;
}
