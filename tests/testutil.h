/*
 * testutil.h - small helpers shared by the Check suites (static inline only,
 * so a suite that does not use one gets no warning).
 *
 * Doubles are never compared with ==: every comparison names its tolerance
 * in the value's own unit.  NaN never passes a closeness test.
 */
#ifndef KET_TESTUTIL_H
#define KET_TESTUTIL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* Number of rows of a static table, as the int tcase_add_loop_test wants. */
#define TU_ROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A value an output can never legitimately hold, written before a call to
 * see that the call set (or NaN-ed) it. */
#define TU_UNSET 123456.75

static inline double tu_nan(void)
{
	return (double)NAN;
}

static inline double tu_inf(void)
{
	return (double)INFINITY;
}

/* -0.0, spelled as a call so that it stands out in a test. */
static inline double tu_neg_zero(void)
{
	return -0.0;
}

/* |got - want| <= rel * |want| + abs_tol; NaN or infinite never passes. */
static inline int tu_close(double got, double want, double rel, double abs_tol)
{
	if (!isfinite(got) || !isfinite(want))
		return 0;
	return fabs(got - want) <= rel * fabs(want) + abs_tol;
}

/* got <= bound * (1 + rel): "never above", with a relative allowance. */
static inline int tu_not_above(double got, double bound, double rel)
{
	return isfinite(got) && got <= bound + rel * fabs(bound);
}

#endif /* KET_TESTUTIL_H */
