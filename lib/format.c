/* format.c - ket_format_dose: a dose for display, by the ISMP rules. */
#include "internal.h"

#define FORMAT_DECIMALS_MAX 4

ket_status ket_format_dose(double value, int max_decimals, const char *unit,
                           uint32_t flags, char *buf, size_t size)
{
	ket_writer w;
	ket_status st;

	if (buf == NULL)
		return KET_E_NULL;
	ket_writer_init(&w, buf, size);
	if (!ket_is_finite(value))
		return KET_E_NOT_FINITE;
	if (max_decimals < 0 || max_decimals > FORMAT_DECIMALS_MAX ||
	    (flags & ~KET_FORMAT_NO_GROUPING) != 0)
		return KET_E_RANGE;
	st = ket_write_number(&w, value, max_decimals,
	                      (flags & KET_FORMAT_NO_GROUPING) == 0);
	if (st != KET_OK)
		return st;
	if (unit != NULL && unit[0] != '\0') {
		ket_writer_puts(&w, " ");
		ket_writer_puts(&w, unit);
	}
	return ket_writer_finish(&w);
}
