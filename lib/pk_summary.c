/* pk_summary.c - peak, AUC and time above a threshold of sampled
 * concentrations (ket_pk_summarize). */
#include "internal.h"

static void summary_set_nan(ket_pk_summary *out)
{
	out->peak_ng_per_ml = out->peak_time_min = ket_nan();
	out->auc_ng_min_per_ml = out->time_above_min = ket_nan();
}

static ket_status check_samples(const double *t, const double *c, size_t n,
                                double threshold)
{
	size_t i;

	if (!ket_all_finite(t, n) || !ket_all_finite(c, n) ||
	    !ket_is_finite(threshold))
		return KET_E_NOT_FINITE;
	for (i = 0; i < n; i++) {
		if ((i > 0 && t[i] < t[i - 1]) || c[i] < 0.0)
			return KET_E_RANGE;
	}
	return threshold < 0.0 ? KET_E_RANGE : KET_OK;
}

/* Time at or above the threshold within one interval, the concentration
 * taken as linear between the two samples. */
static double time_above(double dt, double c0, double c1, double threshold)
{
	int above0 = !(c0 < threshold), above1 = !(c1 < threshold);

	if (above0 && above1)
		return dt;
	if (!above0 && !above1)
		return 0.0;
	if (above0)
		return dt * (c0 - threshold) / (c0 - c1);
	return dt * (c1 - threshold) / (c1 - c0);
}

ket_status ket_pk_summarize(const double *times_min,
                            const double *conc_ng_per_ml, size_t n,
                            double threshold_ng_per_ml, ket_pk_summary *out)
{
	ket_pk_summary s = { 0.0, 0.0, 0.0, 0.0 };
	ket_status st;
	size_t i;

	if (out == NULL)
		return KET_E_NULL;
	summary_set_nan(out);
	if (times_min == NULL || conc_ng_per_ml == NULL)
		return KET_E_NULL;
	if (n == 0 || n > KET_MAX_ITEMS)
		return KET_E_RANGE;
	st = check_samples(times_min, conc_ng_per_ml, n, threshold_ng_per_ml);
	if (st != KET_OK)
		return st;
	s.peak_ng_per_ml = conc_ng_per_ml[0];
	s.peak_time_min = times_min[0];
	for (i = 1; i < n; i++) {
		double dt = times_min[i] - times_min[i - 1];
		double c0 = conc_ng_per_ml[i - 1], c1 = conc_ng_per_ml[i];

		if (c1 > s.peak_ng_per_ml) { /* strictly: a tie keeps the first */
			s.peak_ng_per_ml = c1;
			s.peak_time_min = times_min[i];
		}
		s.auc_ng_min_per_ml += dt * (c0 + c1) / 2.0;
		s.time_above_min += time_above(dt, c0, c1, threshold_ng_per_ml);
	}
	if (!ket_is_finite(s.auc_ng_min_per_ml) ||
	    !ket_is_finite(s.time_above_min))
		return KET_E_RANGE; /* sums of absurd samples overflowed */
	*out = s;
	return KET_OK;
}
