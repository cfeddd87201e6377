/*
 * parse.c - ket_parse_decimal: the strict, locale-independent reader.
 * Accepts -?digits(.digits)? and nothing strtod would repair.  With at most
 * 15 significant digits the digits form an integer below 2^53, and 10^k is
 * exact for k <= 22, so one division gives the correctly rounded double.
 */
#include "internal.h"

#define SIGNIFICANT_MAX 15 /* API.md */
#define FRACTION_MAX 22    /* largest k with 10^k exact in a double */

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
		if (after_point)
			d->fraction++;
		if (d->significant == 0 && *s == '0')
			continue;
		if (++d->significant > SIGNIFICANT_MAX ||
		    d->fraction > FRACTION_MAX)
			return 0;
		d->digits = d->digits * 10 + (uint64_t)(*s - '0');
	}
	if (d->fraction > FRACTION_MAX)
		return 0;
	*p = s;
	return 1;
}

static double power_of_ten(int k)
{
	double p = 1.0;

	while (k-- > 0) /* k <= FRACTION_MAX; every product exact */
		p *= 10.0;
	return p;
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
	if (*p != '\0')
		return KET_E_RANGE;
	value = (double)d.digits / power_of_ten(d.fraction);
	*out = negative && d.digits > 0 ? -value : value; /* "-0" is 0 */
	return KET_OK;
}
