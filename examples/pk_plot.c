/*
 * pk_plot.c - the predicted ketamine plasma concentration of a regimen over
 * time, as CSV and as an SVG plot a clinician can read at a glance.
 *
 *   pk_plot [--model domino|clements|hijazi|herd|kamp] [--weight KG]
 *           [--age Y] [--hours H] [--csv FILE] [--svg FILE] [DOSE...]
 *
 * Each DOSE is ROUTE:MG@START_MIN (a bolus or single dose) or
 * ROUTE:MG@START_MIN/DURATION_MIN (a constant-rate infusion of MG in total,
 * IV or SC only); ROUTE is one of iv im sc oral sl in pr.  Example:
 *
 *   pk_plot --svg pk.svg iv:25@0 iv:168@0/1440 oral:50@240 oral:50@720
 *
 * Defaults: model domino (Domino 1984), 70 kg, age unknown, 24 h.  Without
 * a DOSE the regimen is a low-dose analgesia example: 0.1 mg/kg IV bolus at
 * 0 then 0.1 mg/kg/h IV for 24 h (7 mg and 7 mg/h = 168 mg at 70 kg).
 * Without --csv and --svg the CSV goes to standard output; FILE "-" also
 * names standard output.
 *
 * The curve is sampled every 6, 15, 30 or 60 s (the finest that keeps the
 * plot below 10,081 samples; 15 s for 24 h) plus every dose start and
 * infusion end.  CSV: time_h,concentration_ng_per_ml.  The SVG shades the
 * analgesic band 70-160 ng/mL (CLINICAL.md), marks each dose under the time
 * axis and annotates the peak; a peak far above the rest of the curve (the
 * instant after an IV bolus) is drawn off scale with its value.
 *
 * Every number is read with ket_parse_decimal, so "70kg", "1,5" and "nan"
 * are refused.  Numbers are written with integer arithmetic (put_fixed) and
 * ket_format_dose, so no locale can change the decimal mark; the program
 * never calls setlocale either.  All storage is static: no allocation.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ketamine.h>

#define PROG "pk_plot"
#define MAX_DOSES 64
#define MAX_DOSE_MG 100000.0  /* 100 g: anything above is a typing error */
#define MIN_HOURS 0.25
#define MAX_HOURS 168.0       /* one week */
#define GRID_MAX 10080        /* sampling intervals: one week at 1 min */
#define MAX_SAMPLES (GRID_MAX + 1 + 2 * MAX_DOSES)
#define BAND_LOW_NG_PER_ML 70.0   /* analgesic band, CLINICAL.md */
#define BAND_HIGH_NG_PER_ML 160.0

/* SVG geometry, in px. */
#define SVG_W 1000.0
#define PLOT_L 84.0
#define PLOT_R (SVG_W - 32.0)
#define PLOT_H 330.0
#define ROW_H 22.0
#define CHAR_W 7.0            /* mean advance of 12 px sans-serif, rounded up */
#define LINE_CHARS 116        /* regimen line in the title, 13 px */
#define TITLE_LINES 3

typedef struct route_name {
	const char *arg;   /* on the command line */
	const char *label; /* in the plot */
	ket_route route;
} route_name;

static const route_name routes[] = {
	{ "iv", "IV", KET_ROUTE_IV },
	{ "im", "IM", KET_ROUTE_IM },
	{ "sc", "SC", KET_ROUTE_SC },
	{ "oral", "oral", KET_ROUTE_ORAL },
	{ "sl", "SL", KET_ROUTE_SUBLINGUAL },
	{ "in", "IN", KET_ROUTE_INTRANASAL },
	{ "pr", "PR", KET_ROUTE_RECTAL },
};

typedef struct model_name {
	const char *arg;
	const char *label;
	const char *svg_label; /* the same, XML-escaped */
	ket_pk_model model;
} model_name;

static const model_name models[] = {
	{ "domino", "Domino 1984", "Domino 1984", KET_PK_DOMINO_1984 },
	{ "clements", "Clements & Nimmo 1981", "Clements &amp; Nimmo 1981",
	  KET_PK_CLEMENTS_1981 },
	{ "hijazi", "Hijazi 2003", "Hijazi 2003", KET_PK_HIJAZI_2003 },
	{ "herd", "Herd 2007", "Herd 2007", KET_PK_HERD_2007 },
	{ "kamp", "Kamp 2020", "Kamp 2020", KET_PK_KAMP_2020 },
};

typedef struct plot_args {
	const model_name *model;
	double weight_kg;
	double age_years; /* KET_AGE_UNKNOWN unless --age */
	const char *weight_text, *age_text; /* as typed, for messages */
	double hours;
	const char *csv_path, *svg_path;
	ket_pk_dose doses[MAX_DOSES]; /* sorted by start_min */
	size_t n_doses;
} plot_args;

typedef struct curve {
	double t_min[MAX_SAMPLES];
	double conc_ng_per_ml[MAX_SAMPLES];
	size_t n;
	ket_pk_params pk;
	ket_pk_summary above_low;  /* threshold 70 ng/mL: peak and time */
	ket_pk_summary above_high; /* threshold 160 ng/mL */
} curve;

/* Too large for the stack of a small thread; static, not allocated. */
static plot_args g_args;
static curve g_curve;
static double g_sorted[MAX_SAMPLES];

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ numbers */

/* v with exactly `decimals` (0-6) decimals, '.' as the mark, computed with
 * integers so no locale is involved. */
static void put_fixed(FILE *f, double v, int decimals)
{
	static const long long scale[] = { 1, 10, 100, 1000, 10000, 100000,
	                                   1000000 };
	double a;
	long long q;

	if (decimals < 0 || decimals > 6)
		decimals = 6;
	a = fabs(v) * (double)scale[decimals];
	if (!(a < 9.0e15)) {             /* NaN, Inf or beyond long long */
		fputs(isnan(v) ? "nan" : (v < 0.0 ? "-inf" : "inf"), f);
		return;
	}
	q = (long long)floor(a + 0.5);
	if (v < 0.0 && q > 0)
		fputc('-', f);
	fprintf(f, "%lld", q / scale[decimals]);
	if (decimals > 0)
		fprintf(f, ".%0*lld", decimals, q % scale[decimals]);
}

/* A value for people, by ket_format_dose's rules: `decimals` decimals, or
 * up to 4 when fewer would print a non-zero value as 0. */
static const char *fmt(double value, int decimals, const char *unit,
                       char *buf, size_t size)
{
	int d;

	for (d = decimals; d <= 4; d++)
		if (ket_format_dose(value, d, unit, 0, buf, size) == KET_OK)
			return buf;
	if (value > 0.0 && value < 1.0) {
		snprintf(buf, size, "<0.0001%s%s", unit ? " " : "",
		         unit ? unit : "");
		return buf;
	}
	return "-";
}

/* A time or a duration: "6.2 min" below an hour, else to the minute,
 * "4 h" or "11 h 40 min" (clearer at the bedside than 11.67 h). */
static const char *fmt_time(double min, char *buf, size_t size)
{
	long h, m;
	double whole;

	if (!(min > 0.0)) {
		snprintf(buf, size, "0 h");
		return buf;
	}
	if (min < 59.95)
		return fmt(min, 1, "min", buf, size);
	whole = floor(min + 0.5);
	h = (long)(whole / 60.0);
	m = (long)(whole - 60.0 * (double)h);
	if (m == 0)
		snprintf(buf, size, "%ld h", h);
	else
		snprintf(buf, size, "%ld h %ld min", h, m);
	return buf;
}

/* --------------------------------------------------------- arguments */

static void usage(FILE *f)
{
	fputs("usage: " PROG " [--model domino|clements|hijazi|herd|kamp] "
	      "[--weight KG] [--age Y]\n"
	      "               [--hours H] [--csv FILE] [--svg FILE] "
	      "[DOSE...]\n"
	      "  DOSE: ROUTE:MG@START_MIN (bolus or single dose) or\n"
	      "        ROUTE:MG@START_MIN/DURATION_MIN (infusion of MG in "
	      "total, iv or sc)\n"
	      "  ROUTE: iv im sc oral sl in pr\n"
	      "  e.g.  " PROG " --svg pk.svg iv:25@0 iv:168@0/1440 "
	      "oral:50@240\n"
	      "  Defaults: domino, 70 kg, age unknown, 24 h; without DOSE "
	      "0.1 mg/kg IV bolus\n"
	      "  then 0.1 mg/kg/h IV for 24 h.  CSV to standard output "
	      "unless --csv or --svg.\n", f);
}

/* An option's number; `what` names the argument in the message. */
static int read_number(const char *text, const char *what, double *out)
{
	if (ket_parse_decimal(text, out) == KET_OK)
		return 1;
	fprintf(stderr, PROG ": %s \"%s\" is not a plain decimal number "
	        "(e.g. 70 or 1.5)\n", what, text);
	return 0;
}

/* A number inside a DOSE argument. */
static int read_dose_number(const char *text, const char *what,
                            const char *arg, double *out)
{
	if (ket_parse_decimal(text, out) == KET_OK)
		return 1;
	fprintf(stderr, PROG ": dose \"%s\": %s \"%s\" is not a plain "
	        "decimal number (e.g. 25 or 0.5)\n", arg, what, text);
	return 0;
}

static void dose_syntax_error(const char *arg, const char *why)
{
	fprintf(stderr, PROG ": dose \"%s\": %s; expected ROUTE:MG@START_MIN "
	        "or ROUTE:MG@START_MIN/DURATION_MIN (e.g. iv:25@0 or "
	        "iv:168@0/1440)\n", arg, why);
}

static const route_name *find_route(ket_route route)
{
	size_t i;

	for (i = 0; i < N_ITEMS(routes); i++)
		if (routes[i].route == route)
			return &routes[i];
	return NULL;
}

static int parse_route(const char *text, const char *arg, int32_t *route)
{
	size_t i;

	for (i = 0; i < N_ITEMS(routes); i++) {
		if (strcmp(text, routes[i].arg) == 0) {
			*route = (int32_t)routes[i].route;
			return 1;
		}
	}
	fprintf(stderr, PROG ": dose \"%s\": unknown route \"%s\" (one of iv "
	        "im sc oral sl in pr)\n", arg, text);
	return 0;
}

/* The numbers of ROUTE:MG@START_MIN[/DURATION_MIN], checked. */
static int check_dose(const char *arg, ket_pk_dose *d, int infusion)
{
	if (!(d->mg > 0.0) || d->mg > MAX_DOSE_MG) {
		fprintf(stderr, PROG ": dose \"%s\": MG must be above 0 and at "
		        "most 100000\n", arg);
		return 0;
	}
	if (d->start_min < 0.0) {
		fprintf(stderr, PROG ": dose \"%s\": START_MIN must not be "
		        "negative\n", arg);
		return 0;
	}
	d->start_min += 0.0; /* -0 is 0 */
	if (infusion && !(d->duration_min > 0.0)) {
		fprintf(stderr, PROG ": dose \"%s\": DURATION_MIN must be "
		        "above 0 (leave out /DURATION_MIN for a single dose)\n",
		        arg);
		return 0;
	}
	if (infusion && d->route != KET_ROUTE_IV && d->route != KET_ROUTE_SC) {
		fprintf(stderr, PROG ": dose \"%s\": only iv and sc can be "
		        "given as an infusion\n", arg);
		return 0;
	}
	return 1;
}

static int parse_dose(const char *arg, ket_pk_dose *d)
{
	char buf[96];
	char *mg, *start, *duration;
	size_t len = strlen(arg);

	if (len >= sizeof buf) {
		dose_syntax_error(arg, "too long");
		return 0;
	}
	memcpy(buf, arg, len + 1);
	mg = strchr(buf, ':');
	if (!mg) {
		dose_syntax_error(arg, "no ':' after the route");
		return 0;
	}
	*mg++ = '\0';
	start = strchr(mg, '@');
	if (!start) {
		dose_syntax_error(arg, "no '@' before the start time");
		return 0;
	}
	*start++ = '\0';
	duration = strchr(start, '/');
	if (duration)
		*duration++ = '\0';
	d->duration_min = 0.0;
	return parse_route(buf, arg, &d->route) &&
	       read_dose_number(mg, "MG", arg, &d->mg) &&
	       read_dose_number(start, "START_MIN", arg, &d->start_min) &&
	       (!duration || read_dose_number(duration, "DURATION_MIN", arg,
	                                      &d->duration_min)) &&
	       check_dose(arg, d, duration != NULL);
}

static int parse_model(const char *text, plot_args *a)
{
	size_t i;

	for (i = 0; i < N_ITEMS(models); i++) {
		if (strcmp(text, models[i].arg) == 0) {
			a->model = &models[i];
			return 1;
		}
	}
	fprintf(stderr, PROG ": --model \"%s\": unknown model (one of domino "
	        "clements hijazi herd kamp)\n", text);
	return 0;
}

/* One --option VALUE; returns 0 on error. */
static int parse_option(const char *opt, const char *value, plot_args *a)
{
	if (!value) {
		fprintf(stderr, PROG ": %s needs a value\n", opt);
		return 0;
	}
	if (strcmp(opt, "--model") == 0)
		return parse_model(value, a);
	if (strcmp(opt, "--weight") == 0) {
		a->weight_text = value;
		return read_number(value, "--weight", &a->weight_kg);
	}
	if (strcmp(opt, "--age") == 0) {
		a->age_text = value;
		if (!read_number(value, "--age", &a->age_years))
			return 0;
		if (a->age_years < 0.0) {
			fprintf(stderr, PROG ": --age \"%s\" must not be "
			        "negative (leave it out when unknown)\n",
			        value);
			return 0;
		}
		a->age_years += 0.0;
		return 1;
	}
	if (strcmp(opt, "--hours") == 0) {
		if (!read_number(value, "--hours", &a->hours))
			return 0;
		if (a->hours < MIN_HOURS || a->hours > MAX_HOURS) {
			fprintf(stderr, PROG ": --hours \"%s\" must be between "
			        "0.25 and 168\n", value);
			return 0;
		}
		return 1;
	}
	if (strcmp(opt, "--csv") == 0) {
		a->csv_path = value;
		return 1;
	}
	if (strcmp(opt, "--svg") == 0) {
		a->svg_path = value;
		return 1;
	}
	fprintf(stderr, PROG ": unknown option \"%s\"\n", opt);
	usage(stderr);
	return 0;
}

/* Stable insertion sort by start time: ket_pk_simulate wants them sorted,
 * a clinician may list them in any order. */
static void sort_doses(ket_pk_dose *d, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		ket_pk_dose x = d[i];

		for (j = i; j > 0 && d[j - 1].start_min > x.start_min; j--)
			d[j] = d[j - 1];
		d[j] = x;
	}
}

/* 0.1 mg/kg IV bolus, then 0.1 mg/kg/h IV for 24 h (seed low-dose range
 * 0.05-0.2 mg/kg/h). */
static void default_regimen(plot_args *a)
{
	a->doses[0].start_min = 0.0;
	a->doses[0].mg = 0.1 * a->weight_kg;
	a->doses[0].duration_min = 0.0;
	a->doses[0].route = KET_ROUTE_IV;
	a->doses[1].start_min = 0.0;
	a->doses[1].mg = 0.1 * a->weight_kg * 24.0;
	a->doses[1].duration_min = 24.0 * 60.0;
	a->doses[1].route = KET_ROUTE_IV;
	a->n_doses = 2;
}

static int check_horizon(const plot_args *a)
{
	size_t i;
	char when[32], end[32];

	for (i = 0; i < a->n_doses; i++) {
		if (a->doses[i].start_min > a->hours * 60.0) {
			fmt_time(a->doses[i].start_min, when, sizeof when);
			fprintf(stderr, PROG ": a dose starts at %s, after the "
			        "end of the plot (%s): give a longer --hours\n",
			        when, fmt(a->hours, 2, "h", end, sizeof end));
			return 0;
		}
	}
	return 1;
}

static int parse_args(int argc, char **argv, plot_args *a)
{
	int i, options = 1;

	a->model = &models[0];
	a->weight_kg = 70.0;
	a->weight_text = "70";
	a->age_years = KET_AGE_UNKNOWN;
	a->age_text = "unknown";
	a->hours = 24.0;
	a->csv_path = a->svg_path = NULL;
	a->n_doses = 0;
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		if (options && (strcmp(s, "-h") == 0 ||
		                strcmp(s, "--help") == 0)) {
			usage(stdout);
			exit(EXIT_SUCCESS);
		} else if (options && strcmp(s, "--") == 0) {
			options = 0;
		} else if (options && strncmp(s, "--", 2) == 0) {
			const char *value = i + 1 < argc ? argv[i + 1] : NULL;

			if (!parse_option(s, value, a))
				return 0;
			i++;
		} else if (a->n_doses == MAX_DOSES) {
			fprintf(stderr, PROG ": at most %d doses\n", MAX_DOSES);
			return 0;
		} else if (!parse_dose(s, &a->doses[a->n_doses++])) {
			return 0;
		}
	}
	if (a->n_doses == 0)
		default_regimen(a);
	sort_doses(a->doses, a->n_doses);
	return check_horizon(a);
}

/* -------------------------------------------------------- simulation */

/* The finest step (min) that keeps the grid within GRID_MAX intervals. */
static double pick_step(double horizon_min)
{
	static const double steps[] = { 0.1, 0.25, 0.5, 1.0 };
	size_t i;

	for (i = 0; i < N_ITEMS(steps); i++)
		if (horizon_min / steps[i] <= (double)GRID_MAX)
			return steps[i];
	return 1.0;
}

static void push_time(curve *c, double t)
{
	if (c->n == 0 || c->t_min[c->n - 1] < t)
		c->t_min[c->n++] = t;
}

/* A regular grid merged with every dose start and infusion end, so an IV
 * bolus peak is sampled exactly. */
static void build_times(const plot_args *a, curve *c)
{
	double extra[2 * MAX_DOSES];
	double horizon = a->hours * 60.0, step = pick_step(horizon);
	size_t n_grid = (size_t)ceil(horizon / step - 1e-9);
	size_t n_extra = 0, i, j = 0;

	for (i = 0; i < a->n_doses; i++) {
		const ket_pk_dose *d = &a->doses[i];

		extra[n_extra++] = d->start_min;
		if (d->duration_min > 0.0 &&
		    d->start_min + d->duration_min < horizon)
			extra[n_extra++] = d->start_min + d->duration_min;
	}
	for (i = 1; i < n_extra; i++) {
		double x = extra[i];
		size_t k;

		for (k = i; k > 0 && extra[k - 1] > x; k--)
			extra[k] = extra[k - 1];
		extra[k] = x;
	}
	c->n = 0;
	for (i = 0; i <= n_grid; i++) {
		double g = i < n_grid ? (double)i * step : horizon;

		for (; j < n_extra && extra[j] <= g; j++)
			push_time(c, extra[j]);
		push_time(c, g);
	}
}

/* ket_pk_params_for's refusal, naming the argument at fault. */
static void patient_error(const plot_args *a, ket_status st)
{
	if (st == KET_E_WEIGHT || st == KET_E_NOT_FINITE)
		fprintf(stderr, PROG ": --weight %s: %s\n", a->weight_text,
		        ket_strerror(st));
	else if (st == KET_E_NO_DATA)
		fprintf(stderr, PROG ": --model %s needs --age: %s\n",
		        a->model->arg, ket_strerror(st));
	else if (st == KET_E_RANGE && a->age_years >= 0.0)
		fprintf(stderr, PROG ": --age %s: %s\n", a->age_text,
		        ket_strerror(st));
	else
		fprintf(stderr, PROG ": --model %s: %s\n", a->model->arg,
		        ket_strerror(st));
}

static int simulate(const plot_args *a, curve *c)
{
	ket_patient p = { .weight_kg = a->weight_kg, .height_cm = 0.0,
	                  .age_years = a->age_years,
	                  .sex = KET_SEX_UNSPECIFIED };
	ket_status st = ket_pk_params_for(a->model->model, &p, &c->pk);

	if (st != KET_OK) {
		patient_error(a, st);
		return 0;
	}
	if (c->pk.warnings & KET_W_OUTSIDE_MODEL)
		fprintf(stderr, PROG ": note: the patient lies outside the %s "
		        "model's population; the prediction is less reliable\n",
		        a->model->label);
	build_times(a, c);
	st = ket_pk_simulate(&c->pk, a->doses, a->n_doses, c->t_min, c->n,
	                     c->conc_ng_per_ml);
	if (st != KET_OK) {
		fprintf(stderr, PROG ": regimen: %s\n", ket_strerror(st));
		return 0;
	}
	st = ket_pk_summarize(c->t_min, c->conc_ng_per_ml, c->n,
	                      BAND_LOW_NG_PER_ML, &c->above_low);
	if (st == KET_OK)
		st = ket_pk_summarize(c->t_min, c->conc_ng_per_ml, c->n,
		                      BAND_HIGH_NG_PER_ML, &c->above_high);
	if (st != KET_OK) {
		fprintf(stderr, PROG ": summary: %s\n", ket_strerror(st));
		return 0;
	}
	return 1;
}

/* --------------------------------------------------------------- CSV */

static void write_csv(FILE *f, const curve *c)
{
	size_t i;

	fputs("time_h,concentration_ng_per_ml\n", f);
	for (i = 0; i < c->n; i++) {
		put_fixed(f, c->t_min[i] / 60.0, 6);
		fputc(',', f);
		put_fixed(f, c->conc_ng_per_ml[i], 4);
		fputc('\n', f);
	}
}

/* --------------------------------------------------------------- SVG */

/* fprintf for SVG: %s a string, %d an int, %v a double with 1 decimal
 * (put_fixed), %% a '%'.  Nothing else. */
static void out(FILE *f, const char *format, ...)
{
	va_list ap;
	const char *p;

	va_start(ap, format);
	for (p = format; *p; p++) {
		if (*p != '%' || !p[1]) {
			fputc(*p, f);
			continue;
		}
		switch (*++p) {
		case 's':
			fputs(va_arg(ap, const char *), f);
			break;
		case 'd':
			fprintf(f, "%d", va_arg(ap, int));
			break;
		case 'v':
			put_fixed(f, va_arg(ap, double), 1);
			break;
		default:
			fputc(*p, f);
			break;
		}
	}
	va_end(ap);
}

typedef struct frame {
	double horizon_min, y_max;   /* data ranges */
	double top;                  /* plot area top, px */
	double lane_top;             /* first dose row, px */
	int rows;                    /* dose rows used */
	double height;               /* whole picture, px */
	int title_lines;
	char title[TITLE_LINES][LINE_CHARS + 16];
	int off_scale;               /* the peak is above y_max */
} frame;

static double px_x(const frame *fr, double t_min)
{
	return PLOT_L + t_min / fr->horizon_min * (PLOT_R - PLOT_L);
}

static double px_y(const frame *fr, double conc)
{
	double y = fr->top + PLOT_H - conc / fr->y_max * PLOT_H;

	/* Far off-scale points only need to stay above the clip edge. */
	return y < fr->top - 2000.0 ? fr->top - 2000.0 : y;
}

/* 1, 2, 2.5 or 5 x 10^k: the tick step for about `ticks` ticks. */
static double nice_step(double range, double ticks)
{
	double raw = range / ticks, mag = pow(10.0, floor(log10(raw)));
	double m = raw / mag;

	if (m <= 1.0)
		return mag;
	if (m <= 2.0)
		return 2.0 * mag;
	if (m <= 2.5)
		return 2.5 * mag;
	if (m <= 5.0)
		return 5.0 * mag;
	return 10.0 * mag;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* The concentration axis shows the band with room above it and the whole
 * curve, unless a short spike (an IV bolus in a model with a small V1)
 * would flatten everything else: then it is scaled to the 98th percentile
 * and the peak is drawn off scale with its value. */
static void scale_y(const curve *c, frame *fr)
{
	double peak = c->above_low.peak_ng_per_ml, p98, top, step;
	size_t k;

	memcpy(g_sorted, c->conc_ng_per_ml, c->n * sizeof g_sorted[0]);
	qsort(g_sorted, c->n, sizeof g_sorted[0], cmp_double);
	k = (size_t)floor(0.98 * (double)(c->n - 1));
	p98 = g_sorted[k];
	top = 200.0;
	if (peak <= 1.6 * (p98 > top ? p98 : top)) {
		top = peak * 1.08 > top ? peak * 1.08 : top;
		fr->off_scale = 0;
	} else {
		top = p98 * 1.25 > top ? p98 * 1.25 : top;
		fr->off_scale = 1;
	}
	step = nice_step(top, 6.0);
	fr->y_max = ceil(top / step - 1e-9) * step;
}

/* How a dose reads: "oral 50 mg"; an infusion, from the most to the least
 * detailed, "IV 168 mg over 24 h (7 mg/h)", "IV 168 mg (7 mg/h)",
 * "IV 7 mg/h".  LABEL_TIMED puts the start in: "oral 50 mg at 4 h", "IV
 * 168 mg over 24 h from 0 h (7 mg/h)". */
enum { LABEL_TIMED = -1, LABEL_FULL = 0, LABEL_MEDIUM = 1, LABEL_SHORT = 2 };

static void dose_label(const ket_pk_dose *d, int kind, char *buf,
                       size_t size)
{
	char mg[32], dur[40], rate[32], start[40], t[32];
	const route_name *r = find_route((ket_route)d->route);
	const char *route = r ? r->label : "?";
	int infusion = d->duration_min > 0.0;

	start[0] = '\0';
	if (kind == LABEL_TIMED)
		snprintf(start, sizeof start, " %s %s",
		         infusion ? "from" : "at",
		         fmt_time(d->start_min, t, sizeof t));
	fmt(d->mg, 2, "mg", mg, sizeof mg);
	if (!infusion) {
		snprintf(buf, size, "%s %s%s", route, mg, start);
		return;
	}
	fmt(d->mg / d->duration_min * 60.0, 2, "mg/h", rate, sizeof rate);
	dur[0] = '\0';
	if (kind <= LABEL_FULL)
		snprintf(dur, sizeof dur, " over %s",
		         fmt_time(d->duration_min, t, sizeof t));
	if (kind == LABEL_SHORT)
		snprintf(buf, size, "%s %s", route, rate);
	else
		snprintf(buf, size, "%s %s%s%s (%s)", route, mg, dur, start,
		         rate);
}

/* The regimen in words, wrapped into the title lines ("..." if cut). */
static void regimen_lines(const plot_args *a, frame *fr)
{
	size_t i, len = 0;
	int line = 0;
	char item[160];

	memset(fr->title, 0, sizeof fr->title);
	for (i = 0; i < a->n_doses && line < TITLE_LINES; i++) {
		size_t n;

		dose_label(&a->doses[i], LABEL_TIMED, item, sizeof item - 1);
		n = strlen(item);
		if (i + 1 < a->n_doses) {
			item[n++] = ';';
			item[n] = '\0';
		}
		if (len > 0 && len + 1 + n > LINE_CHARS - (line ? 0 : 9)) {
			if (++line == TITLE_LINES) {
				strcat(fr->title[line - 1], " &#8230;");
				break;
			}
			len = 0;
		}
		if (n > LINE_CHARS)
			n = LINE_CHARS;
		if (len > 0)
			fr->title[line][len++] = ' ';
		memcpy(fr->title[line] + len, item, n);
		len += n;
		fr->title[line][len] = '\0';
	}
	fr->title_lines = line < TITLE_LINES ? line + 1 : TITLE_LINES;
}

static void svg_header(FILE *f, const plot_args *a, const curve *c,
                       const frame *fr)
{
	char w[32], age[48], peak[32], when[32], above[32], within[32];
	double y = 30.0;
	int i;

	out(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%v\" "
	    "height=\"%v\" viewBox=\"0 0 %v %v\" font-family=\"DejaVu Sans, "
	    "Verdana, Arial, Helvetica, sans-serif\" font-size=\"12\">\n",
	    SVG_W, fr->height, SVG_W, fr->height);
	out(f, "<style>.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;"
	    "stroke-linejoin:round}</style>\n");
	out(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	if (a->age_years >= 0.0)
		snprintf(age, sizeof age, ", %s",
		         fmt(a->age_years, 1, "years", when, sizeof when));
	else
		age[0] = '\0';
	out(f, "<text x=\"%v\" y=\"%v\" font-size=\"18\" font-weight=\"bold\">"
	    "Ketamine plasma concentration &#8212; %s model, %s%s</text>\n",
	    PLOT_L, y, a->model->svg_label,
	    fmt(a->weight_kg, 2, "kg", w, sizeof w),
	    age);
	for (i = 0; i < fr->title_lines; i++) {
		y += 18.0;
		out(f, "<text x=\"%v\" y=\"%v\" font-size=\"13\">%s%s</text>\n",
		    PLOT_L, y, i == 0 ? "Regimen: " : "", fr->title[i]);
	}
	y += 20.0;
	out(f, "<text x=\"%v\" y=\"%v\" font-size=\"13\" font-weight=\"bold\">"
	    "Peak %s at %s &#183; %s at or above 70 ng/mL, %s within "
	    "70&#8211;160 ng/mL</text>\n", PLOT_L, y,
	    fmt(c->above_low.peak_ng_per_ml, 0, "ng/mL", peak, sizeof peak),
	    fmt_time(c->above_low.peak_time_min, when, sizeof when),
	    fmt_time(c->above_low.time_above_min, above, sizeof above),
	    fmt_time(c->above_low.time_above_min - c->above_high.time_above_min,
	             within, sizeof within));
	if (c->pk.warnings & KET_W_OUTSIDE_MODEL) {
		y += 18.0;
		out(f, "<text x=\"%v\" y=\"%v\" font-size=\"13\" fill=\"#b00\">"
		    "Patient outside the model's population: the prediction is "
		    "less reliable</text>\n", PLOT_L, y);
	}
}

/* Time axis: grid, ticks and labels in hours. */
static void svg_time_axis(FILE *f, const frame *fr)
{
	static const double steps_h[] = { 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12,
	                                   24 };
	double hours = fr->horizon_min / 60.0, step = 24.0, t;
	double bottom = fr->top + PLOT_H;
	char lab[32];
	size_t i;
	int k;

	for (i = 0; i < N_ITEMS(steps_h); i++) {
		if (hours / steps_h[i] <= 12.0) {
			step = steps_h[i];
			break;
		}
	}
	for (k = 0; (t = (double)k * step) <= hours + 1e-9; k++) {
		double x = px_x(fr, t * 60.0);

		out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
		    "stroke=\"#e3e3e3\"/>\n", x, fr->top, x, bottom);
		out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
		    "stroke=\"#444\"/>\n", x, bottom, x, bottom + 5.0);
		out(f, "<text x=\"%v\" y=\"%v\" text-anchor=\"middle\">%s"
		    "</text>\n", x, bottom + 18.0,
		    fmt(t, 2, NULL, lab, sizeof lab));
	}
	out(f, "<text x=\"%v\" y=\"%v\" text-anchor=\"middle\" "
	    "font-size=\"13\">time from start (h)</text>\n",
	    (PLOT_L + PLOT_R) / 2.0, bottom + 36.0);
}

/* Concentration axis: grid, ticks and labels in ng/mL. */
static void svg_conc_axis(FILE *f, const frame *fr)
{
	double step = nice_step(fr->y_max, 6.0), v;
	char lab[32];
	int k;

	for (k = 0; (v = (double)k * step) <= fr->y_max + 1e-9; k++) {
		double y = px_y(fr, v);

		out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
		    "stroke=\"#e3e3e3\"/>\n", PLOT_L, y, PLOT_R, y);
		out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
		    "stroke=\"#444\"/>\n", PLOT_L - 5.0, y, PLOT_L, y);
		out(f, "<text x=\"%v\" y=\"%v\" text-anchor=\"end\">%s"
		    "</text>\n", PLOT_L - 8.0, y + 4.0,
		    fmt(v, 2, NULL, lab, sizeof lab));
	}
	out(f, "<text transform=\"translate(%v %v) rotate(-90)\" "
	    "text-anchor=\"middle\" font-size=\"13\">plasma ketamine "
	    "(ng/mL)</text>\n", 22.0, fr->top + PLOT_H / 2.0);
}

/* Does the curve pass through the box [x0, x1] x [conc_lo, conc_hi]? */
static int curve_in_box(const curve *c, const frame *fr, double x0,
                        double x1, double conc_lo, double conc_hi)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		double x = px_x(fr, c->t_min[i]), v = c->conc_ng_per_ml[i];

		if (x >= x0 && x <= x1 && v >= conc_lo && v <= conc_hi)
			return 1;
	}
	return 0;
}

/* The analgesic band, under everything else. */
static void svg_band(FILE *f, const frame *fr)
{
	double y_hi = px_y(fr, BAND_HIGH_NG_PER_ML);
	double y_lo = px_y(fr, BAND_LOW_NG_PER_ML);

	out(f, "<rect x=\"%v\" y=\"%v\" width=\"%v\" height=\"%v\" "
	    "fill=\"#2e9d4a\" fill-opacity=\"0.13\"/>\n", PLOT_L, y_hi,
	    PLOT_R - PLOT_L, y_lo - y_hi);
	out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
	    "stroke=\"#2e9d4a\" stroke-dasharray=\"6 4\"/>\n", PLOT_L, y_hi,
	    PLOT_R, y_hi);
	out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
	    "stroke=\"#2e9d4a\" stroke-dasharray=\"6 4\"/>\n", PLOT_L, y_lo,
	    PLOT_R, y_lo);
}

/* The band's label, on top, in the first corner of the band that the
 * curve leaves free (top right, top left, bottom right, bottom left). */
static void svg_band_label(FILE *f, const curve *c, const frame *fr)
{
	static const char label[] = "analgesic 70&#8211;160 ng/mL";
	double w = 22.0 * CHAR_W + 8.0, h = 18.0 / PLOT_H * fr->y_max;
	double y_hi = px_y(fr, BAND_HIGH_NG_PER_ML);
	double y_lo = px_y(fr, BAND_LOW_NG_PER_ML);
	int corner, right = 1, top = 1;

	for (corner = 0; corner < 4; corner++) {
		double x0 = corner % 2 ? PLOT_L : PLOT_R - w;
		double lo = corner < 2 ? BAND_HIGH_NG_PER_ML - h :
		            BAND_LOW_NG_PER_ML;

		if (!curve_in_box(c, fr, x0, x0 + w, lo, lo + h)) {
			right = corner % 2 == 0;
			top = corner < 2;
			break;
		}
	}
	out(f, "<text class=\"halo\" x=\"%v\" y=\"%v\" text-anchor=\"%s\" "
	    "fill=\"#1e6b32\" font-weight=\"bold\">%s</text>\n",
	    right ? PLOT_R - 6.0 : PLOT_L + 6.0, top ? y_hi + 15.0 : y_lo - 6.0,
	    right ? "end" : "start", label);
}

/* Dashed verticals at every dose start, under the curve. */
static void svg_dose_guides(FILE *f, const plot_args *a, const frame *fr)
{
	size_t i;

	for (i = 0; i < a->n_doses; i++) {
		double x = px_x(fr, a->doses[i].start_min);

		out(f, "<line x1=\"%v\" y1=\"%v\" x2=\"%v\" y2=\"%v\" "
		    "stroke=\"#d9822b\" stroke-opacity=\"0.6\" "
		    "stroke-dasharray=\"3 3\"/>\n", x, fr->top, x,
		    fr->top + PLOT_H);
	}
}

static void svg_curve(FILE *f, const curve *c, const frame *fr)
{
	size_t i;

	out(f, "<clipPath id=\"plot\"><rect x=\"%v\" y=\"%v\" width=\"%v\" "
	    "height=\"%v\"/></clipPath>\n", PLOT_L, fr->top, PLOT_R - PLOT_L,
	    PLOT_H);
	out(f, "<polyline clip-path=\"url(#plot)\" fill=\"none\" "
	    "stroke=\"#1f4e9c\" stroke-width=\"2\" stroke-linejoin=\"round\" "
	    "points=\"");
	for (i = 0; i < c->n; i++)
		out(f, "%s%v,%v", i % 8 == 0 ? "\n" : " ",
		    px_x(fr, c->t_min[i]), px_y(fr, c->conc_ng_per_ml[i]));
	out(f, "\"/>\n");
	out(f, "<rect x=\"%v\" y=\"%v\" width=\"%v\" height=\"%v\" "
	    "fill=\"none\" stroke=\"#444\"/>\n", PLOT_L, fr->top,
	    PLOT_R - PLOT_L, PLOT_H);
}

/* The peak: a dot and its value, or an arrow at the top when off scale. */
static void svg_peak(FILE *f, const curve *c, const frame *fr)
{
	char text[96], v[32], when[32];
	double x = px_x(fr, c->above_low.peak_time_min), y, tx, ty;
	double w;
	int left;

	snprintf(text, sizeof text, "peak %s at %s%s",
	         fmt(c->above_low.peak_ng_per_ml, 0, "ng/mL", v, sizeof v),
	         fmt_time(c->above_low.peak_time_min, when, sizeof when),
	         fr->off_scale ? " (off scale)" : "");
	w = (double)strlen(text) * CHAR_W;
	left = x + 10.0 + w > PLOT_R;
	if (fr->off_scale) {
		y = fr->top;
		out(f, "<path d=\"M %v %v l -6 10 h 12 z\" "
		    "fill=\"#1f4e9c\"/>\n", x, y + 2.0);
		ty = y - 7.0; /* above the frame, where nothing else is */
	} else {
		y = px_y(fr, c->above_low.peak_ng_per_ml);
		out(f, "<circle cx=\"%v\" cy=\"%v\" r=\"4.5\" fill=\"#1f4e9c\" "
		    "stroke=\"#fff\" stroke-width=\"1.5\"/>\n", x, y);
		ty = y - 9.0 < fr->top + 14.0 ? y + 18.0 : y - 9.0;
	}
	tx = left ? x - 10.0 : x + 10.0;
	out(f, "<text class=\"halo\" x=\"%v\" y=\"%v\" text-anchor=\"%s\" "
	    "fill=\"#1f4e9c\" font-weight=\"bold\">%s</text>\n", tx, ty,
	    left ? "end" : "start", text);
}

/* One dose in the lane under the time axis: its row, label and extent. */
typedef struct lane_item {
	double x0, x1;     /* start and (infusion) end, px */
	double text_x;     /* label, left edge */
	int row;
	char text[96];
} lane_item;

static double text_width(const char *text)
{
	return (double)strlen(text) * CHAR_W;
}

/* A single dose: the label right of its marker, or left near the end. */
static void place_single(const ket_pk_dose *d, lane_item *it)
{
	dose_label(d, LABEL_FULL, it->text, sizeof it->text);
	it->text_x = it->x0 + 9.0;
	if (it->text_x + text_width(it->text) > SVG_W - 4.0)
		it->text_x = it->x0 - 9.0 - text_width(it->text);
}

/* An infusion: the most detailed label that fits inside its bar, else
 * the full label beside the bar. */
static void place_infusion(const ket_pk_dose *d, lane_item *it)
{
	int kind;
	double w;

	for (kind = LABEL_FULL; kind <= LABEL_SHORT; kind++) {
		dose_label(d, kind, it->text, sizeof it->text);
		if (text_width(it->text) + 12.0 <= it->x1 - it->x0) {
			it->text_x = it->x0 + 6.0;
			return;
		}
	}
	dose_label(d, LABEL_FULL, it->text, sizeof it->text);
	w = text_width(it->text);
	if (it->x1 + 6.0 + w <= SVG_W - 4.0)
		it->text_x = it->x1 + 6.0;
	else
		it->text_x = it->x0 - 6.0 - w;
}

/* Greedy rows: each dose goes on the first row where it overlaps
 * nothing; the doses come sorted by start. */
static void lane_layout(const plot_args *a, const frame *fr,
                        lane_item *items, int *rows)
{
	double row_end[MAX_DOSES];
	size_t i;
	int r;

	*rows = 0;
	for (i = 0; i < a->n_doses; i++) {
		const ket_pk_dose *d = &a->doses[i];
		lane_item *it = &items[i];
		double end = d->start_min + d->duration_min, left, right;

		it->x0 = px_x(fr, d->start_min);
		if (end > fr->horizon_min)
			end = fr->horizon_min;
		it->x1 = px_x(fr, end);
		if (d->duration_min > 0.0)
			place_infusion(d, it);
		else
			place_single(d, it);
		if (it->text_x < 4.0)
			it->text_x = 4.0;
		left = (it->text_x < it->x0 ? it->text_x : it->x0) - 4.0;
		right = it->text_x + text_width(it->text);
		right = (right > it->x1 ? right : it->x1) + 8.0;
		for (r = 0; r < *rows && row_end[r] > left; r++)
			;
		if (r == *rows)
			(*rows)++;
		row_end[r] = right;
		it->row = r;
	}
}

static void svg_lane(FILE *f, const plot_args *a, const frame *fr,
                     const lane_item *items)
{
	size_t i;

	out(f, "<text x=\"%v\" y=\"%v\" text-anchor=\"end\" font-size=\"13\" "
	    "font-weight=\"bold\">doses</text>\n", PLOT_L - 8.0,
	    fr->lane_top + 15.0);
	for (i = 0; i < a->n_doses; i++) {
		const lane_item *it = &items[i];
		double y = fr->lane_top + (double)it->row * ROW_H;

		if (a->doses[i].duration_min > 0.0)
			out(f, "<rect x=\"%v\" y=\"%v\" width=\"%v\" "
			    "height=\"16\" rx=\"3\" fill=\"#fbe3c8\" "
			    "stroke=\"#d9822b\"/>\n",
			    it->x0, y + 2.0, it->x1 - it->x0 > 1.0 ?
			    it->x1 - it->x0 : 1.0);
		else
			out(f, "<path d=\"M %v %v l -6 -9 h 12 z\" "
			    "fill=\"#d9822b\"/>\n", it->x0, y + 15.0);
		out(f, "<text x=\"%v\" y=\"%v\" fill=\"#5a3208\">%s</text>\n",
		    it->text_x, y + 14.5, it->text);
	}
}

static void svg_footer(FILE *f, const plot_args *a, const frame *fr)
{
	out(f, "<text x=\"%v\" y=\"%v\" font-size=\"11\" fill=\"#555\">"
	    "Population prediction (%s model, libketamine %s) for planning "
	    "and teaching, not a measured level.</text>\n", PLOT_L,
	    fr->height - 12.0, a->model->svg_label, ket_version_string());
}

static void write_svg(FILE *f, const plot_args *a, const curve *c)
{
	static frame fr;
	static lane_item items[MAX_DOSES];

	memset(&fr, 0, sizeof fr);
	fr.horizon_min = a->hours * 60.0;
	scale_y(c, &fr);
	regimen_lines(a, &fr);
	fr.top = 30.0 + 18.0 * fr.title_lines + 20.0 + 28.0 +
	         ((c->pk.warnings & KET_W_OUTSIDE_MODEL) ? 18.0 : 0.0);
	lane_layout(a, &fr, items, &fr.rows);
	fr.lane_top = fr.top + PLOT_H + 50.0;
	fr.height = fr.lane_top + ROW_H * fr.rows + 34.0;
	svg_header(f, a, c, &fr);
	svg_band(f, &fr);
	svg_time_axis(f, &fr);
	svg_conc_axis(f, &fr);
	svg_dose_guides(f, a, &fr);
	svg_curve(f, c, &fr);
	svg_band_label(f, c, &fr);
	svg_peak(f, c, &fr);
	svg_lane(f, a, &fr, items);
	svg_footer(f, a, &fr);
	out(f, "</svg>\n");
}

/* ------------------------------------------------------------- files */

typedef void (*writer)(FILE *f, const plot_args *a, const curve *c);

static void csv_writer(FILE *f, const plot_args *a, const curve *c)
{
	(void)a;
	write_csv(f, c);
}

static int write_file(const char *path, const char *what, writer w,
                      const plot_args *a, const curve *c)
{
	int to_stdout = strcmp(path, "-") == 0;
	FILE *f = to_stdout ? stdout : fopen(path, "w");
	int bad;

	if (!f) {
		fprintf(stderr, PROG ": cannot write %s \"%s\"\n", what, path);
		return 0;
	}
	w(f, a, c);
	bad = ferror(f);
	bad |= to_stdout ? fflush(f) != 0 : fclose(f) != 0;
	if (bad) {
		fprintf(stderr, PROG ": error writing %s \"%s\"\n", what, path);
		return 0;
	}
	if (!to_stdout && !(a->csv_path && strcmp(a->csv_path, "-") == 0))
		printf("wrote %s: %s\n", what, path);
	return 1;
}

static void print_summary(const plot_args *a, const curve *c)
{
	char w[32], peak[32], when[32], above[32];

	printf("%s, %s: peak %s at %s; %s at or above 70 ng/mL\n",
	       a->model->label, fmt(a->weight_kg, 2, "kg", w, sizeof w),
	       fmt(c->above_low.peak_ng_per_ml, 0, "ng/mL", peak, sizeof peak),
	       fmt_time(c->above_low.peak_time_min, when, sizeof when),
	       fmt_time(c->above_low.time_above_min, above, sizeof above));
}

int main(int argc, char **argv)
{
	plot_args *a = &g_args;
	curve *c = &g_curve;
	int ok = 1;

	if (!parse_args(argc, argv, a) || !simulate(a, c))
		return EXIT_FAILURE;
	if (!a->csv_path && !a->svg_path)
		a->csv_path = "-";
	else if (!(a->csv_path && strcmp(a->csv_path, "-") == 0))
		print_summary(a, c);
	if (a->csv_path)
		ok &= write_file(a->csv_path, "CSV", csv_writer, a, c);
	if (a->svg_path)
		ok &= write_file(a->svg_path, "SVG", write_svg, a, c);
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
