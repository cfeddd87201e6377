/*
 * report.c - recording findings, and ket_report_format, which turns them
 * into English sentences for the clinician.
 */
#include <math.h>

#include "internal.h"

/* Decimals shown for numbers in report sentences. */
#define REPORT_DECIMALS 4
/* Magnitudes from here up are written ">= 1e15" / "<= -1e15": far beyond any
 * dose (an overflow guard's value), and a sentence stays one line. */
#define REPORT_NUMBER_MAX 1e15

void ket_report_clear(ket_report *report)
{
	size_t i;

	if (report == NULL)
		return;
	report->count = 0;
	report->dropped = 0;
	for (i = 0; i < KET_REPORT_MAX; i++) {
		ket_finding *f = &report->findings[i];

		f->status = KET_OK;
		f->warning = 0;
		f->item = KET_ITEM_NONE;
		f->value = ket_nan();
		f->limit = ket_nan();
		f->unit = "";
		f->field = "";
	}
}

void ket_report_add(ket_report *report, ket_status status, uint32_t warning,
                    ket_item item, double value, double limit,
                    const char *unit, const char *field)
{
	ket_finding *f;

	if (report == NULL)
		return;
	if (report->count >= KET_REPORT_MAX) {
		report->dropped++;
		if (status == KET_OK)
			return;
		/* A refusal is always the last finding: it replaces the last
		 * warning, which is counted as dropped instead. */
		report->count--;
	}
	f = &report->findings[report->count++];
	f->status = (int32_t)status;
	f->warning = warning;
	f->item = (int32_t)item;
	f->value = value;
	f->limit = limit;
	f->unit = unit;
	f->field = field;
}

/* Sets a warning bit and records why. */
void ket_warn(ket_report *report, uint32_t *warnings, uint32_t bit,
              ket_item item, double value, double limit, const char *unit,
              const char *field)
{
	*warnings |= bit;
	ket_report_add(report, KET_OK, bit, item, value, limit, unit, field);
}

/* ---- formatting --------------------------------------------------------- */

/* A report may come from the caller: never trust its strings. */
static const char *text_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

static void put_quantity(ket_writer *w, double value, const char *unit)
{
	if (!(fabs(value) < REPORT_NUMBER_MAX))
		ket_writer_puts(w, value > 0.0 ? ">= 1e15" : "<= -1e15");
	else if (ket_write_number(w, value, REPORT_DECIMALS, 1) != KET_OK)
		ket_writer_puts(w, "< 0.0001"); /* too small for 4 decimals */
	unit = text_or_empty(unit);
	if (unit[0] != '\0') {
		ket_writer_puts(w, " ");
		ket_writer_puts(w, unit);
	}
}

static const char *item_text(const ket_finding *f)
{
	const char *name = ket_item_name((ket_item)f->item);

	return name != NULL ? name : "value";
}

/* "<item> <value> <relation> <limit>", e.g. "dose per kg 0.6 mg/kg/h is
 * above the hard maximum 0.5 mg/kg/h". */
static void put_comparison(ket_writer *w, const ket_finding *f,
                           const char *relation)
{
	ket_writer_puts(w, item_text(f));
	ket_writer_puts(w, " ");
	put_quantity(w, f->value, f->unit);
	ket_writer_puts(w, relation);
	put_quantity(w, f->limit, f->unit);
}

static const char *warning_relation(uint32_t bit, const ket_finding *f)
{
	switch (bit) {
	case KET_W_BELOW_SOFT_MIN: return " is below the soft minimum ";
	case KET_W_ABOVE_SOFT_MAX: return " is above the soft maximum ";
	case KET_W_ABOVE_HARD_MAX: return " is above the hard maximum ";
	case KET_W_CAPPED: return " was capped at ";
	case KET_W_LOW_PUMP_RATE:
	case KET_W_SMALL_VOLUME: return " is below ";
	case KET_W_UNUSUAL_WEIGHT:
		return f->value > f->limit ? " is above the usual maximum "
		                           : " is below the usual minimum ";
	default: return NULL;
	}
}

/* "rounding to pump_step_ml_per_h changes the dose by 2.9 %, more than the
 * 1 % warning threshold" */
static void put_rounding(ket_writer *w, const ket_finding *f,
                         const char *threshold)
{
	ket_writer_puts(w, "rounding to ");
	ket_writer_puts(w, text_or_empty(f->field));
	ket_writer_puts(w, " changes the dose by ");
	put_quantity(w, f->value, f->unit);
	ket_writer_puts(w, ", more than the ");
	put_quantity(w, f->limit, f->unit);
	ket_writer_puts(w, threshold);
}

/* Warnings that judge no number against a bound. */
static const char *warning_sentence(uint32_t bit, const char *name)
{
	switch (bit) {
	case KET_W_VARIABLE_ROUTE:
		return "bioavailability by this route varies widely: titrate "
		       "to effect";
	case KET_W_APPROXIMATE: return "a clinical approximation";
	case KET_W_NEURAXIAL:
		return "neuraxial route: preservative-free product only";
	case KET_W_OUTSIDE_MODEL:
		return "patient outside the model's population";
	case KET_W_EXPOSURE_ONLY:
		return "an exposure comparison, not a dose to order";
	default: return name != NULL ? name : "warning";
	}
}

static void put_warning(ket_writer *w, const ket_finding *f)
{
	const char *relation = warning_relation(f->warning, f);
	const char *name = ket_warning_name(f->warning);

	if (f->warning == KET_W_ROUNDED) {
		put_rounding(w, f, " warning threshold");
		return;
	}
	if (relation != NULL && ket_is_finite(f->limit)) {
		put_comparison(w, f, relation);
		return;
	}
	ket_writer_puts(w, item_text(f));
	ket_writer_puts(w, ": ");
	ket_writer_puts(w, warning_sentence(f->warning, name));
}

static void put_error(ket_writer *w, const ket_finding *f)
{
	switch (f->status) {
	case KET_E_NULL:
		ket_writer_puts(w, text_or_empty(f->field));
		ket_writer_puts(w, " is NULL");
		return;
	case KET_E_NOT_FINITE:
		ket_writer_puts(w, text_or_empty(f->field));
		ket_writer_puts(w, " is not a finite number");
		return;
	case KET_E_HARD_LIMIT:
		put_comparison(w, f, " is above the hard maximum ");
		return;
	case KET_E_RESOLUTION:
		put_rounding(w, f, " allowed: use a more dilute concentration");
		return;
	default:
		break;
	}
	ket_writer_puts(w, text_or_empty(f->field));
	if (ket_is_finite(f->value)) {
		ket_writer_puts(w, " ");
		put_quantity(w, f->value, f->unit);
	}
	if (ket_is_finite(f->limit)) {
		ket_writer_puts(w, " (limit ");
		put_quantity(w, f->limit, f->unit);
		ket_writer_puts(w, ")");
	}
	ket_writer_puts(w, ": ");
	ket_writer_puts(w, ket_strerror((ket_status)f->status));
}

static void put_dropped(ket_writer *w, size_t dropped)
{
	ket_writer_puts(w, "; and ");
	(void)ket_write_number(w, (double)dropped, 0, 1);
	ket_writer_puts(w, " more");
}

ket_status ket_report_format(const ket_report *report, char *buf,
                             size_t size)
{
	ket_writer w;
	size_t i, n;

	if (buf == NULL)
		return KET_E_NULL;
	ket_writer_init(&w, buf, size);
	if (report == NULL)
		return KET_E_NULL;
	if (size == 0)
		return KET_E_BUFFER;
	n = report->count;
	if (n > KET_REPORT_MAX)
		n = KET_REPORT_MAX;
	for (i = 0; i < n; i++) {
		const ket_finding *f = &report->findings[i];

		if (i > 0)
			ket_writer_puts(&w, "; ");
		if (f->status == KET_OK)
			put_warning(&w, f);
		else
			put_error(&w, f);
	}
	if (n > 0 && report->dropped > 0)
		put_dropped(&w, report->dropped);
	return ket_writer_finish(&w);
}
