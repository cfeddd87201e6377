/*
 * parse.c - ket_parse_decimal: the strict, locale-independent reader.
 * Accepts -?digits(.digits)? and nothing strtod would repair.  With at most
 * 15 significant digits the digits form an integer M below 2^53.  For k <= 22
 * digits after the point 10^k is exact in a double, so one division gives
 * the correctly rounded M / 10^k; beyond (leading zeros: "0.000...0001")
 * the quotient is computed bit by bit in exact integers (bignum.c).
 */
#include <float.h>

#include "internal.h"

#define SIGNIFICANT_MAX 15 /* API.md */
#define FRACTION_EXACT 22  /* largest k with 10^k exact in a double */
/* Beyond this many digits after the point the value, below 10^(15 - k), is
 * below DBL_MIN whatever the digits: counting stops there (no overflow of
 * the count on absurdly long text), and the value is refused. */
#define FRACTION_MAX (SIGNIFICANT_MAX + 308)
#define MANTISSA_BITS 53

typedef struct decimal {
	uint64_t digits;    /* the significant digits as an integer */
	int significant;    /* counted from the first non-zero digit */
	int fraction;       /* digits after the point */
} decimal;

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads a run of at least one digit; 0 when there is none or too many. */
static int read_digits(const char **p, decimal *d, int after_point)
{
	const char *s = *p;

	if (!is_digit(*s))
		return 0;
	for (; is_digit(*s); s++) {
		if (after_point && d->fraction <= FRACTION_MAX)
			d->fraction++;
		if (d->significant == 0 && *s == '0')
			continue;
		if (++d->significant > SIGNIFICANT_MAX)
			return 0;
		d->digits = d->digits * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	return 1;
}

static double power_of_ten(int k)
{
	double p = 1.0;

	while (k-- > 0) /* k <= FRACTION_EXACT; every product exact */
		p *= 10.0;
	return p;
}

/* 10^k as an integer, k <= FRACTION_MAX (10^323 < 2^1074). */
static void big_power_of_ten(ket_big *b, int k)
{
	ket_big_set(b, 1);
	for (; k >= 9; k -= 9)
		ket_big_mul_small(b, 1000000000u);
	for (; k > 0; k--)
		ket_big_mul_small(b, 10u);
}

/* m / 10^k correctly rounded (to nearest) for m > 0 and FRACTION_EXACT <
 * k <= FRACTION_MAX; KET_E_RANGE when it is below DBL_MIN (a subnormal keeps
 * too few digits to be a typed value).  r = m x 2^s with 10^k <= r <
 * 2 x 10^k makes r / 10^k = 1.xxx, whose 53 bits are taken by long
 * division; the remainder decides the rounding.  A tie (remainder exactly
 * one half) cannot occur: it needs 5^k to divide m, and m < 10^15 < 5^23. */
static ket_status divide_exact(uint64_t m, int k, double *out)
{
	ket_big r, ten_k, probe;
	uint64_t q = 0;
	int s, i;

	big_power_of_ten(&ten_k, k);
	ket_big_set(&r, m);
	s = (int)ket_big_bits(&ten_k) - (int)ket_big_bits(&r);
	ket_big_shl(&r, (unsigned)s);
	probe = r; /* r and 10^k have as many bits: is r below 10^k? */
	if (!ket_big_sub_if_ge(&probe, &ten_k)) {
		ket_big_shl(&r, 1);
		s++;
	}
	/* The value lies in [2^-s, 2^(1-s)): below DBL_MIN = 2^-1022 when
	 * s > 1022, whatever the rounding. */
	if (s > -(DBL_MIN_EXP - 1))
		return KET_E_RANGE;
	for (i = 0; i < MANTISSA_BITS; i++) {
		q = (q << 1) | (uint64_t)ket_big_sub_if_ge(&r, &ten_k);
		ket_big_shl(&r, 1);
	}
	/* r is now twice the remainder: at least 10^k means at least one
	 * half, and never exactly one half (see above). */
	q += (uint64_t)ket_big_sub_if_ge(&r, &ten_k);
	/* q <= 2^53 is exact as a double, and so is the scaling: the result
	 * is normal (2^53 x 2^(-52 - s) = 2^(1 - s) included). */
	*out = ldexp((double)q, -(MANTISSA_BITS - 1) - s);
	return KET_OK;
}

static ket_status decimal_value(const decimal *d, double *out)
{
	if (d->digits == 0) {
		*out = 0.0;
		return KET_OK;
	}
	if (d->fraction <= FRACTION_EXACT) {
		*out = (double)d->digits / power_of_ten(d->fraction);
		return KET_OK;
	}
	if (d->fraction - d->significant > FRACTION_MAX - SIGNIFICANT_MAX)
		return KET_E_RANGE; /* below 10^-308, so below DBL_MIN */
	return divide_exact(d->digits, d->fraction, out);
}

ket_status ket_parse_decimal(const char *text, double *out)
{
	decimal d = { 0, 0, 0 };
	const char *p = text;
	int negative;
	double value;

	if (out == NULL)
		return KET_E_NULL;
	*out = ket_nan();
	if (text == NULL)
		return KET_E_NULL;
	negative = *p == '-';
	if (negative)
		p++;
	if (!read_digits(&p, &d, 0))
		return KET_E_RANGE;
	if (*p == '.') {
		p++;
		if (!read_digits(&p, &d, 1))
			return KET_E_RANGE;
	}
	if (*p != '\0' || decimal_value(&d, &value) != KET_OK)
		return KET_E_RANGE;
	*out = negative && d.digits > 0 ? -value : value; /* "-0" is 0 */
	return KET_OK;
}
