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

/* The most digits a double's integer part has (DBL_MAX: 309). */
#define INTEGER_DIGITS_MAX 309
#define CHUNK 1000000000u /* nine decimal digits */
#define CHUNK_DIGITS 9

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

/* round(f x 10^d), halves away from zero, on the exact value of the
 * fraction 0 <= f < 1, for 0 <= d <= 4.  f = m x 2^e with m < 2^53, so
 * f x 10^d = (m x 5^d) x 2^(e + d), and m x 5^4 < 2^63 fits; e + d < 0. */
static uint64_t fraction_round(double f, int d)
{
	int exp2;
	double fr = frexp(f, &exp2);
	uint64_t m = (uint64_t)ldexp(fr, 53);
	uint64_t scaled = m * pow5_u64[d];
	int shift = 53 - exp2 - d;
	uint64_t q, rem, half;

	if (shift >= 64)
		return 0; /* scaled < 2^63, so the value is below one half */
	q = scaled >> shift;
	rem = scaled & ((UINT64_C(1) << shift) - 1);
	half = UINT64_C(1) << (shift - 1);
	return rem >= half ? q + 1 : q;
}

/* The decimal digits of an integer-valued double 0 <= v < 2^1024, most
 * significant first, into digits[INTEGER_DIGITS_MAX]; returns how many.
 * v = m x 2^e exactly (m < 2^53), made an integer of bignum.c and divided
 * by 10^9 a chunk at a time: exact for every double, where a conversion
 * through 64 bits would stop at 1.8e19. */
static int integer_digits(double v, char *digits)
{
	char rev[INTEGER_DIGITS_MAX + CHUNK_DIGITS];
	int exp2, shift, n = 0, i;
	double fr = frexp(v, &exp2);
	uint64_t m = (uint64_t)ldexp(fr, 53);
	ket_big b;

	shift = exp2 - 53;
	if (shift < 0)
		m >>= -shift; /* v is an integer: the bits shifted out are 0 */
	ket_big_set(&b, m);
	if (shift > 0)
		ket_big_shl(&b, (unsigned)shift);
	do {
		uint32_t chunk = ket_big_div_small(&b, CHUNK);

		for (i = 0; i < CHUNK_DIGITS; i++) {
			rev[n++] = (char)('0' + (int)(chunk % 10u));
			chunk /= 10u;
		}
	} while (!ket_big_is_zero(&b));
	while (n > 1 && rev[n - 1] == '0') /* the last chunk's zeros */
		n--;
	for (i = 0; i < n; i++)
		digits[i] = rev[n - 1 - i];
	return n;
}

static void put_integer(ket_writer *w, double v, int grouping)
{
	char digits[INTEGER_DIGITS_MAX];
	int count = integer_digits(v, digits), i;

	for (i = 0; i < count; i++) {
		int left = count - 1 - i; /* digits still to come */

		put_char(w, digits[i]);
		if (grouping && left > 0 && left % 3 == 0)
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

/* Writes value (finite) with at most max_decimals (0-4) decimals: the
 * integer part exactly, the fraction rounded on its exact binary value
 * (a carry of .99995 at 4 decimals goes into the integer part, which is
 * then below 2^53, where adding 1 is exact).  KET_E_RANGE, before writing
 * anything, when a non-zero value would print as 0. */
ket_status ket_write_number(ket_writer *w, double value, int max_decimals,
                            int grouping)
{
	double a = fabs(value);
	double whole = floor(a);
	uint64_t frac = fraction_round(a - whole, max_decimals);

	if (frac >= pow10_u64[max_decimals]) {
		whole += 1.0;
		frac = 0;
	}
	if (!(whole > 0.0) && frac == 0 && a > 0.0)
		return KET_E_RANGE;
	if ((whole > 0.0 || frac > 0) && value < 0.0)
		put_char(w, '-');
	put_integer(w, whole, grouping);
	put_fraction(w, frac, max_decimals);
	return KET_OK;
}
