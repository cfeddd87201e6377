/*
 * numfmt.c - the number writer behind ket_format_dose and ket_report_format:
 * ISMP style (leading zero, no trailing zero, thousands comma), '.' as the
 * decimal mark whatever the locale, and rounding decided on the double's
 * exact binary value with integer arithmetic, so 0.125 -> "0.13" and
 * 0.145 (really 0.14499999999999999) -> "0.14".  No printf: it depends on
 * the locale and rounds halves to even.
 */
#include <math.h>

#include "internal.h"

/* Largest magnitude written: |v| x 10^4 must fit in 64 bits. */
#define NUMBER_MAX 1e15

static const uint64_t pow10_u64[] = { 1, 10, 100, 1000, 10000 };
static const uint64_t pow5_u64[] = { 1, 5, 25, 125, 625 };

void ket_writer_init(ket_writer *w, char *buf, size_t size)
{
	w->buf = buf;
	w->size = size;
	w->len = 0;
	w->overflow = 0;
	if (size > 0)
		buf[0] = '\0';
}

static void put_char(ket_writer *w, char c)
{
	if (w->len + 1 >= w->size) {
		w->overflow = 1;
		return;
	}
	w->buf[w->len++] = c;
	w->buf[w->len] = '\0';
}

void ket_writer_puts(ket_writer *w, const char *s)
{
	while (*s != '\0' && !w->overflow)
		put_char(w, *s++);
}

/* KET_OK, or KET_E_BUFFER with the buffer emptied: never a cut sentence. */
ket_status ket_writer_finish(ket_writer *w)
{
	if (!w->overflow)
		return KET_OK;
	if (w->size > 0)
		w->buf[0] = '\0';
	return KET_E_BUFFER;
}

/* round(a x 10^d), halves away from zero, on the exact value of a, for
 * 0 <= a < NUMBER_MAX and 0 <= d <= 4.  a = m x 2^e with m < 2^53, so
 * a x 10^d = (m x 5^d) x 2^(e + d), and m x 5^4 < 2^63 fits. */
static uint64_t scaled_round(double a, int d)
{
	int exp2;
	double fr = frexp(a, &exp2);
	uint64_t m = (uint64_t)ldexp(fr, 53);
	uint64_t scaled = m * pow5_u64[d];
	int shift = exp2 - 53 + d;
	uint64_t q, rem, half;

	if (shift >= 0)
		return scaled << shift;
	shift = -shift;
	if (shift >= 64)
		return 0; /* scaled < 2^63, so the value is below one half */
	q = scaled >> shift;
	rem = scaled & ((UINT64_C(1) << shift) - 1);
	half = UINT64_C(1) << (shift - 1);
	return rem >= half ? q + 1 : q;
}

static void put_integer(ket_writer *w, uint64_t n, int grouping)
{
	char digits[24];
	int count = 0;

	do {
		digits[count++] = (char)('0' + (int)(n % 10));
		n /= 10;
	} while (n > 0);
	while (count > 0) {
		put_char(w, digits[--count]);
		if (grouping && count > 0 && count % 3 == 0)
			put_char(w, ',');
	}
}

static void put_fraction(ket_writer *w, uint64_t frac, int decimals)
{
	char digits[4] = { '0', '0', '0', '0' };
	int i, last = -1;

	for (i = decimals - 1; i >= 0; i--) {
		digits[i] = (char)('0' + (int)(frac % 10));
		frac /= 10;
	}
	for (i = 0; i < decimals; i++) {
		if (digits[i] != '0')
			last = i;
	}
	if (last < 0)
		return;
	put_char(w, '.');
	for (i = 0; i <= last; i++)
		put_char(w, digits[i]);
}

/* Writes value (finite) with at most max_decimals (0-4) decimals.
 * KET_E_RANGE, before writing anything, when |value| >= NUMBER_MAX or a
 * non-zero value would print as 0. */
ket_status ket_write_number(ket_writer *w, double value, int max_decimals,
                            int grouping)
{
	double a = fabs(value);
	uint64_t q;

	if (!(a < NUMBER_MAX))
		return KET_E_RANGE;
	q = scaled_round(a, max_decimals);
	if (q == 0 && a > 0.0)
		return KET_E_RANGE;
	if (q > 0 && value < 0.0)
		put_char(w, '-');
	put_integer(w, q / pow10_u64[max_decimals], grouping);
	put_fraction(w, q % pow10_u64[max_decimals], max_decimals);
	return KET_OK;
}
