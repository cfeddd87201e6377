/*
 * pk_expm.c - the matrix exponential behind the PK solver.
 *
 * exp(M) by scaling and squaring of the Taylor series: M is scaled by 2^-s
 * until its 1-norm is at most 1/2, the series is summed until a term no
 * longer changes the sum in double precision (at most 30 terms: 0.5^30/30!
 * is far below one ulp), and the result is squared s times.  For the small
 * (at most KET_PK_DIM_MAX) matrices of compartment models this is accurate
 * to a few ulps of the largest entries, and unlike eigen-decomposition it
 * needs no special case when an absorption rate equals a disposition rate.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

#define TAYLOR_TERMS 20 /* 0.5^21 / 21! is about 1e-26 */
#define SQUARINGS_MAX 1100 /* 2^-1100 brings any finite norm below 1/2 */

static double norm1(const double *m, int n)
{
	double best = 0.0;
	int i, j;

	for (j = 0; j < n; j++) {
		double col = 0.0;

		for (i = 0; i < n; i++)
			col += fabs(m[i * n + j]);
		if (col > best)
			best = col;
	}
	return best;
}

static void multiply(const double *a, const double *b, int n, double *out)
{
	int i, j, k;

	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			double sum = 0.0;

			for (k = 0; k < n; k++)
				sum += a[i * n + k] * b[k * n + j];
			out[i * n + j] = sum;
		}
	}
}

static void set_identity(double *m, int n)
{
	int i;

	memset(m, 0, sizeof(double) * (size_t)(n * n));
	for (i = 0; i < n; i++)
		m[i * n + i] = 1.0;
}

/* out = exp(m) for an n x n row-major matrix, 1 <= n <= KET_PK_DIM_MAX.
 * scaled and next start at zero: the analysers cannot tie the n * n
 * element loops to the n x n products, and no path may read an element
 * never written. */
void ket_expm(const double *m, int n, double *out)
{
	double scaled[KET_PK_DIM_MAX * KET_PK_DIM_MAX] = { 0 };
	double term[KET_PK_DIM_MAX * KET_PK_DIM_MAX];
	double next[KET_PK_DIM_MAX * KET_PK_DIM_MAX] = { 0 };
	double norm = norm1(m, n);
	int s = 0, k, i, nn = n * n;

	while (norm > 0.5 && s < SQUARINGS_MAX) {
		norm *= 0.5;
		s++;
	}
	for (i = 0; i < nn; i++)
		scaled[i] = ldexp(m[i], -s);
	set_identity(out, n);
	set_identity(term, n);
	for (k = 1; k <= TAYLOR_TERMS; k++) {
		multiply(term, scaled, n, next);
		for (i = 0; i < nn; i++) {
			term[i] = next[i] / (double)k;
			out[i] += term[i];
		}
	}
	for (k = 0; k < s; k++) {
		multiply(out, out, n, next);
		memcpy(out, next, sizeof(double) * (size_t)nn);
	}
}
