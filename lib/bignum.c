/*
 * bignum.c - a small unsigned integer of fixed width for the two exact
 * decimal conversions a double cannot do alone: reading a decimal with more
 * than 22 digits after the point (parse.c: M / 10^k, correctly rounded) and
 * writing the integer part of a double (numfmt.c: any of them, up to 309
 * digits for DBL_MAX).  A value is KET_BIG_WORDS words of 32 bits, least
 * significant first, on the caller's stack (no allocation).  The arithmetic
 * runs over all the words, whatever the value: there is no length to keep
 * in step (ket_big_bits alone looks for the top non-zero word).  Callers
 * keep values below 2^(32 x KET_BIG_WORDS) (internal.h gives the bounds).
 */
#include <string.h>

#include "internal.h"

#define WORD_BITS 32

void ket_big_set(ket_big *b, uint64_t v)
{
	memset(b->w, 0, sizeof b->w);
	b->w[0] = (uint32_t)v;
	b->w[1] = (uint32_t)(v >> WORD_BITS);
}

int ket_big_is_zero(const ket_big *b)
{
	uint32_t any = 0;
	size_t i;

	for (i = 0; i < KET_BIG_WORDS; i++)
		any |= b->w[i];
	return any == 0;
}

/* b x m; the caller keeps the product within the width. */
void ket_big_mul_small(ket_big *b, uint32_t m)
{
	uint64_t carry = 0;
	size_t i;

	for (i = 0; i < KET_BIG_WORDS; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;

		b->w[i] = (uint32_t)t;
		carry = t >> WORD_BITS;
	}
}

/* b / d, returning the remainder (d > 0). */
uint32_t ket_big_div_small(ket_big *b, uint32_t d)
{
	uint64_t rem = 0;
	size_t i = KET_BIG_WORDS;

	while (i-- > 0) {
		uint64_t t = (rem << WORD_BITS) | b->w[i];

		b->w[i] = (uint32_t)(t / d);
		rem = t % d;
	}
	return (uint32_t)rem;
}

/* b x 2^bits; the caller keeps the result within the width. */
void ket_big_shl(ket_big *b, unsigned bits)
{
	size_t words = bits / WORD_BITS, i;
	unsigned s = bits % WORD_BITS;

	for (i = KET_BIG_WORDS; i-- > words;)
		b->w[i] = b->w[i - words];
	for (i = 0; i < words; i++)
		b->w[i] = 0;
	/* (x >> (31 - s)) >> 1 is x >> (32 - s), and 0 for s = 0 without a
	 * shift by the full width (undefined in C). */
	for (i = KET_BIG_WORDS - 1; i > 0; i--)
		b->w[i] = (b->w[i] << s) | ((b->w[i - 1] >> (31 - s)) >> 1);
	b->w[0] <<= s;
}

/* Number of significant bits of b > 0. */
unsigned ket_big_bits(const ket_big *b)
{
	size_t i = KET_BIG_WORDS;
	unsigned bits;
	uint32_t top;

	while (b->w[i - 1] == 0)
		i--;
	bits = (unsigned)(i - 1) * WORD_BITS;
	for (top = b->w[i - 1]; top != 0; top >>= 1)
		bits++;
	return bits;
}

/* a - b when a >= b (then 1), else a unchanged (0): the trial subtraction
 * of long division, decided by the borrow out of the top word. */
int ket_big_sub_if_ge(ket_big *a, const ket_big *b)
{
	ket_big d;
	uint64_t borrow = 0;
	size_t i;

	for (i = 0; i < KET_BIG_WORDS; i++) {
		uint64_t t = (uint64_t)a->w[i] - b->w[i] - borrow;

		d.w[i] = (uint32_t)t;
		borrow = t >> 63; /* wrapped below 0 */
	}
	if (borrow != 0)
		return 0;
	*a = d;
	return 1;
}
