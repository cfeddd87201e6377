/*
 * ketcalc.c - libketamine from the command line: every calculation of the
 * library, for a person (numbers written by ket_format_dose) or for a
 * program (--json: one JSON object on standard output).
 *
 *   ketcalc [--json] SUBCOMMAND [options]
 *   ketcalc SUBCOMMAND --help        ketcalc --help        ketcalc --version
 *
 * Exit status: 0 done (also with warnings, which are always printed); 1 a
 * library status other than KET_OK (refused by a limit, or invalid input)
 * or an argument value that cannot be read; 2 a usage error (unknown
 * subcommand or option, an option without its value or given twice, a
 * required option or operand missing, an operand too many).
 *
 * Every number is read with ket_parse_decimal, so "70kg", "1,5", "nan" and
 * "" are refused with one line naming the argument; every name (route,
 * form, profile, ...) from a table, every rate unit by ket_rate_unit_parse.
 * One table of subcommands drives parsing, help and dispatch.
 *
 * The program never calls setlocale, so printf and strtod work in the "C"
 * locale and JSON numbers always use '.'.  All storage is static or on the
 * stack: no allocation.  With --json everything but a usage error goes to
 * standard output as the JSON object; without it results and warnings go
 * to standard output, refusals and errors to standard error.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ketamine.h>

#define PROG "ketcalc"
#define EXIT_DONE 0
#define EXIT_REFUSED 1
#define EXIT_USAGE 2

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_OPERANDS 64
#define INT_ARG_MAX 1000000.0   /* whole-number options: beyond is a typo */
#define LABEL_WIDTH 28          /* human output: "label   value" */
#define HELP_WIDTH 24           /* option column of --help */
#define TEXT_MAX 1024           /* one sentence or message */

/* simulate and tci */
#define MAX_DOSES MAX_OPERANDS
#define MAX_HOURS 168.0         /* one week */
#define MAX_GRID 200000         /* sampling intervals of a simulation */
#define MAX_SAMPLES (MAX_GRID + 1 + 2 * MAX_DOSES)
#define MAX_STEPS 100000        /* steps of a TCI plan */
#define TABLE_ROWS 24           /* rows of a coarse human table */
#define THRESHOLD_NG_PER_ML 70.0 /* lower end of the analgesic band,
                                    CLINICAL.md: 70-160 ng/mL */

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* ================================================================ names */

typedef struct name_value {
	const char *name;  /* on the command line and in JSON */
	int32_t value;
	const char *label; /* for people, or NULL */
} name_value;

typedef struct name_table {
	const char *what;  /* "route", for messages */
	ket_status status; /* an unknown name is refused with this status */
	const name_value *v;
	size_t n;
} name_table;

#define NAME_TABLE(what, status, v) { what, status, v, N_ITEMS(v) }

/* Canonical names first: name_of() returns the first match, and the
 * aliases sl, in and pr (pk_plot's spellings) come last. */
static const name_value route_v[] = {
	{ "iv", KET_ROUTE_IV, NULL },
	{ "im", KET_ROUTE_IM, NULL },
	{ "sc", KET_ROUTE_SC, NULL },
	{ "oral", KET_ROUTE_ORAL, NULL },
	{ "sublingual", KET_ROUTE_SUBLINGUAL, NULL },
	{ "intranasal", KET_ROUTE_INTRANASAL, NULL },
	{ "rectal", KET_ROUTE_RECTAL, NULL },
	{ "transdermal", KET_ROUTE_TRANSDERMAL, NULL },
	{ "epidural", KET_ROUTE_EPIDURAL, NULL },
	{ "intrathecal", KET_ROUTE_INTRATHECAL, NULL },
	{ "sl", KET_ROUTE_SUBLINGUAL, NULL },
	{ "in", KET_ROUTE_INTRANASAL, NULL },
	{ "pr", KET_ROUTE_RECTAL, NULL },
};

static const name_value form_v[] = {
	{ "racemic", KET_FORM_RACEMIC, "racemic ketamine" },
	{ "esketamine", KET_FORM_ESKETAMINE, "esketamine" },
	{ "arketamine", KET_FORM_ARKETAMINE, "arketamine" },
};

static const name_value profile_v[] = {
	{ "low-dose-analgesia", KET_PROFILE_LOW_DOSE_ANALGESIA, NULL },
	{ "acute-pain-asra", KET_PROFILE_ACUTE_PAIN_ASRA, NULL },
	{ "palliative-burst", KET_PROFILE_PALLIATIVE_BURST, NULL },
	{ "pediatric-analgesia", KET_PROFILE_PEDIATRIC_ANALGESIA, NULL },
};

static const name_value sex_v[] = {
	{ "female", KET_SEX_FEMALE, NULL },
	{ "male", KET_SEX_MALE, NULL },
};

static const name_value weight_basis_v[] = {
	{ "actual", KET_WEIGHT_ACTUAL, "actual" },
	{ "ideal", KET_WEIGHT_IDEAL, "ideal (Devine 1974)" },
	{ "adjusted", KET_WEIGHT_ADJUSTED, "adjusted (ideal + 0.4 x excess)" },
	{ "lean", KET_WEIGHT_LEAN, "lean (Janmahasatian 2005)" },
};

static const name_value exposure_v[] = {
	{ "ketamine", KET_BASIS_KETAMINE, "ketamine alone" },
	{ "norketamine", KET_BASIS_WITH_NORKETAMINE,
	  "ketamine plus norketamine" },
};

static const name_value model_v[] = {
	{ "domino", KET_PK_DOMINO_1984, "Domino 1984" },
	{ "clements", KET_PK_CLEMENTS_1981, "Clements & Nimmo 1981" },
	{ "hijazi", KET_PK_HIJAZI_2003, "Hijazi 2003" },
	{ "herd", KET_PK_HERD_2007, "Herd 2007" },
	{ "kamp", KET_PK_KAMP_2020, "Kamp 2020" },
};

/* The header's rule: an unknown route is KET_E_ROUTE, any other unknown
 * enum value KET_E_RANGE. */
static const name_table routes = NAME_TABLE("route", KET_E_ROUTE, route_v);
static const name_table forms = NAME_TABLE("form", KET_E_RANGE, form_v);
static const name_table profiles =
	NAME_TABLE("profile", KET_E_RANGE, profile_v);
static const name_table sexes = NAME_TABLE("sex", KET_E_RANGE, sex_v);
static const name_table weight_bases =
	NAME_TABLE("weight basis", KET_E_RANGE, weight_basis_v);
static const name_table exposure_bases =
	NAME_TABLE("exposure basis", KET_E_RANGE, exposure_v);
static const name_table models = NAME_TABLE("model", KET_E_RANGE, model_v);

/* ket_rate_unit_parse's canonical UCUM codes, for messages and help. */
static const char unit_choices[] =
	"mg/kg/h ug/kg/min ug/kg/h mg/kg/min mg/h mg/min mg/d";

static const name_value *find_name(const name_table *t, const char *s)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, s) == 0)
			return &t->v[i];
	return NULL;
}

static const name_value *find_value(const name_table *t, int32_t value)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].value == value)
			return &t->v[i];
	return NULL;
}

static const char *name_of(const name_table *t, int32_t value)
{
	const name_value *nv = find_value(t, value);

	return nv ? nv->name : "?";
}

static const char *label_of(const name_table *t, int32_t value)
{
	const name_value *nv = find_value(t, value);

	if (!nv)
		return "?";
	return nv->label ? nv->label : nv->name;
}

/* "iv im sc ..." */
static const char *choices(const name_table *t, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < t->n && len + 1 < size; i++) {
		int n = snprintf(buf + len, size - len, "%s%s", i ? " " : "",
		                 t->v[i].name);

		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}

/* ============================================================== options */

enum opt_id {
	O_WEIGHT, O_LB, O_HEIGHT, O_AGE, O_SEX, O_BASIS, O_DOSE, O_UNIT,
	O_CONC, O_STEP, O_RATE, O_ROUTE, O_PROFILE, O_FORM, O_FROM, O_TO,
	O_HCL, O_BASE, O_TOTAL, O_VOLUME, O_STOCK, O_HANG, O_BOLUS,
	O_LOCKOUT, O_BASAL, O_LIMIT_1H, O_LIMIT_4H, O_RESPONSE_DAY,
	O_PARENTERAL, O_RATIO, O_DOSES, O_SOLUTION, O_MODEL, O_HOURS,
	O_EVERY, O_TARGET, O_MINUTES, O_STEP_S, O_MAX_RATE,
	N_OPTS
};

static const char *const opt_names[N_OPTS] = {
	[O_WEIGHT] = "--weight", [O_LB] = "--lb", [O_HEIGHT] = "--height",
	[O_AGE] = "--age", [O_SEX] = "--sex", [O_BASIS] = "--basis",
	[O_DOSE] = "--dose", [O_UNIT] = "--unit", [O_CONC] = "--conc",
	[O_STEP] = "--step", [O_RATE] = "--rate", [O_ROUTE] = "--route",
	[O_PROFILE] = "--profile", [O_FORM] = "--form", [O_FROM] = "--from",
	[O_TO] = "--to", [O_HCL] = "--hcl", [O_BASE] = "--base",
	[O_TOTAL] = "--total", [O_VOLUME] = "--volume", [O_STOCK] = "--stock",
	[O_HANG] = "--hang", [O_BOLUS] = "--bolus", [O_LOCKOUT] = "--lockout",
	[O_BASAL] = "--basal", [O_LIMIT_1H] = "--limit-1h",
	[O_LIMIT_4H] = "--limit-4h", [O_RESPONSE_DAY] = "--response-day",
	[O_PARENTERAL] = "--parenteral", [O_RATIO] = "--ratio",
	[O_DOSES] = "--doses", [O_SOLUTION] = "--solution",
	[O_MODEL] = "--model", [O_HOURS] = "--hours", [O_EVERY] = "--every",
	[O_TARGET] = "--target", [O_MINUTES] = "--minutes",
	[O_STEP_S] = "--step-s", [O_MAX_RATE] = "--max-rate",
};

typedef enum opt_kind {
	K_NUM,  /* ket_parse_decimal */
	K_INT,  /* ket_parse_decimal, then a whole number */
	K_NAME, /* a name from a name_table */
	K_UNIT  /* ket_rate_unit_parse */
} opt_kind;

#define REQ 1    /* required */
#define ALT 2    /* exactly one of the subcommand's ALT options */
#define NONNEG 4 /* a negative number is refused (--age: leave it out) */

typedef struct opt_use {
	int id;                  /* enum opt_id */
	opt_kind kind;
	const name_table *names; /* K_NAME */
	const char *meta;        /* "KG" */
	const char *def;         /* default, read as if typed; or NULL */
	int flags;
	const char *help;
} opt_use;

typedef struct args {
	int given[N_OPTS];        /* typed on the command line */
	const char *text[N_OPTS]; /* as typed, or the default */
	double num[N_OPTS];       /* K_NUM */
	int32_t ival[N_OPTS];     /* K_INT, K_NAME, K_UNIT */
	const char *operand[MAX_OPERANDS];
	size_t n_operands;
} args;

typedef struct subcommand {
	const char *name;
	const char *summary;  /* one line for ketcalc --help */
	const char *details;  /* more lines for SUBCOMMAND --help, or NULL */
	const opt_use *opts;
	size_t n_opts;
	const char *operands; /* "VALUE FROM TO", or NULL */
	size_t min_operands, max_operands;
	int operands_first;   /* in the synopsis */
	int (*run)(const args *a);
} subcommand;

static int g_json;                 /* --json */
static const subcommand *g_sub;    /* for messages */
static args g_args;

/* ============================================================ messages */

static const char *sub_name(void)
{
	return g_sub ? g_sub->name : NULL;
}

/* One line naming the problem, then where to find the syntax.  Usage
 * errors are never JSON: the command was not understood. */
static int usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	const char *sub = sub_name();

	fprintf(stderr, PROG "%s%s: ", sub ? " " : "", sub ? sub : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry '" PROG "%s%s --help'\n", sub ? " " : "",
	        sub ? sub : "");
	return EXIT_USAGE;
}

/* ================================================================= JSON */

/* A minimal streaming writer to standard output.  j_first: nothing written
 * yet in the current container; j_keyed: a key was just written. */
static int j_first = 1;
static int j_keyed;

static void j_sep(void)
{
	if (j_keyed)
		j_keyed = 0;
	else if (!j_first)
		putchar(',');
	j_first = 0;
}

static void j_open(int c)
{
	j_sep();
	putchar(c);
	j_first = 1;
}

static void j_close(int c)
{
	putchar(c);
	j_first = 0;
	j_keyed = 0;
}

/* Length of the valid UTF-8 sequence at s, or 0 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF).  A byte after a bad one
 * is never read. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		lo = s[0] == 0xE0 ? 0xA0 : 0x80;
		hi = s[0] == 0xED ? 0x9F : 0xBF;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		lo = s[0] == 0xF0 ? 0x90 : 0x80;
		hi = s[0] == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 0;
	}
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

/* A JSON string: quotes, backslashes and control characters escaped,
 * valid UTF-8 copied, any other byte (an argument typed in another
 * encoding) replaced by U+FFFD so the output stays valid JSON. */
static void j_put_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	while (*p) {
		size_t n;

		if (*p == '"' || *p == '\\') {
			putchar('\\');
			putchar(*p++);
		} else if (*p < 0x20) {
			printf("\\u%04x", (unsigned)*p++);
		} else if (*p < 0x80) {
			putchar(*p++);
		} else if ((n = utf8_len(p)) > 0) {
			fwrite(p, 1, n, stdout);
			p += n;
		} else {
			fputs("\\ufffd", stdout);
			p++;
		}
	}
	putchar('"');
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double
 * (%.17g always does), so no digit is lost.  printf and strtod use the "C"
 * locale: this program never calls setlocale.  NaN and infinities, which
 * JSON cannot hold, are written null. */
static void j_put_number(double v)
{
	char buf[40];
	int prec;

	if (!isfinite(v)) {
		fputs("null", stdout);
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		double back;

		snprintf(buf, sizeof buf, "%.*g", prec, v);
		back = strtod(buf, NULL);
		if (!(back < v) && !(back > v))
			break;
	}
	fputs(buf, stdout);
}

static void j_key(const char *key)
{
	j_sep();
	j_put_string(key);
	putchar(':');
	j_keyed = 1;
}

static void j_string(const char *s)
{
	j_sep();
	if (s)
		j_put_string(s);
	else
		fputs("null", stdout);
}

static void j_number(double v)
{
	j_sep();
	j_put_number(v);
}

static void j_literal(const char *lit)
{
	j_sep();
	fputs(lit, stdout);
}

static void j_kv_string(const char *key, const char *s)
{
	j_key(key);
	j_string(s);
}

static void j_kv_number(const char *key, double v)
{
	j_key(key);
	j_number(v);
}

static void j_kv_numbers(const char *key, const double *v, size_t n)
{
	size_t i;

	j_key(key);
	j_open('[');
	for (i = 0; i < n; i++)
		j_number(v[i]);
	j_close(']');
}

static const char *warning_name(uint32_t bit)
{
	const char *name = ket_warning_name(bit);

	return name ? name : "KET_W_UNKNOWN";
}

/* ["KET_W_ROUNDED", ...], one per bit set. */
static void j_warning_names(uint32_t warnings)
{
	unsigned b;

	j_open('[');
	for (b = 0; b < 32; b++) {
		uint32_t bit = UINT32_C(1) << b;

		if (warnings & bit)
			j_string(warning_name(bit));
	}
	j_close(']');
}

/* ===================================================== human numbers */

/* A value for people by ket_format_dose's rules: `decimals` decimals, or
 * up to 4 when fewer would print a non-zero value as 0. */
static const char *fmt(double value, int decimals, const char *unit,
                       char *buf, size_t size)
{
	int d;

	for (d = decimals; d <= 4; d++)
		if (ket_format_dose(value, d, unit, 0, buf, size) == KET_OK)
			return buf;
	if (isfinite(value) && fabs(value) < 1.0) {
		snprintf(buf, size, "%s< 0.0001%s%s", value < 0.0 ? "-" : "",
		         unit ? " " : "", unit ? unit : "");
		return buf;
	}
	return "-";
}

/* A time: "6.2 min" below an hour, else to the minute, "4 h" or
 * "11 h 40 min" (clearer at the bedside than 11.67 h). */
static const char *fmt_minutes(double min, char *buf, size_t size)
{
	char hours[32], minutes[32];
	double whole, h, m;

	if (!(min > 0.0))
		return fmt(0.0, 0, "min", buf, size);
	if (min < 59.95)
		return fmt(min, 1, "min", buf, size);
	whole = floor(min + 0.5);
	h = floor(whole / 60.0);
	m = whole - 60.0 * h;
	fmt(h, 0, "h", hours, sizeof hours);
	if (m > 0.0)
		snprintf(buf, size, "%s %s", hours,
		         fmt(m, 0, "min", minutes, sizeof minutes));
	else
		snprintf(buf, size, "%s", hours);
	return buf;
}

/* ============================================================ results */

typedef enum field_kind {
	F_NUM,   /* value in `unit` with `decimals` */
	F_TEXT,  /* text */
	F_MIN,   /* value in minutes; people read "11 h 40 min" */
	F_LIMIT  /* a ket_limits field: 0 means none */
} field_kind;

/* One quantity of a result: a JSON member and a line for people. */
typedef struct field {
	const char *key;   /* JSON key with its unit; NULL: people only */
	const char *label; /* for people; NULL: JSON only */
	field_kind kind;
	int decimals;
	double value;      /* NaN: JSON null, no line for people */
	const char *unit;
	const char *text;  /* F_TEXT; NULL: JSON null, no line */
} field;

#define NUM(key, label, v, d, unit) { key, label, F_NUM, d, v, unit, NULL }
#define TEXT(key, label, s) { key, label, F_TEXT, 0, 0.0, NULL, s }
#define MINUTES(key, label, v) { key, label, F_MIN, 1, v, NULL, NULL }

typedef void (*extra_fn)(const void *data);

/* Everything a subcommand hands to finish(). */
typedef struct outcome {
	ket_status status;
	const ket_report *report; /* NULL: the function writes none */
	uint32_t warnings;        /* the result's warning bits */
	ket_item warn_item;       /* item of findings made from the bits
	                             when there is no report */
	const char *profile;      /* built-in profile used, or NULL */
	const field *fields;
	size_t n_fields;
	extra_fn json_extra;      /* more members of "result", or NULL */
	extra_fn human_extra;     /* a table for people, or NULL */
	const void *data;         /* for the two above */
	const char *message;      /* why, when the status does not say */
	const char *argument;     /* the argument at fault, if known */
	const char *note;         /* a caution for people, on success */
} outcome;

static outcome new_outcome(ket_status st)
{
	outcome o;

	memset(&o, 0, sizeof o);
	o.status = st;
	o.warn_item = KET_ITEM_NONE;
	return o;
}

/* Functions without a report (route and form equivalents, PK parameters)
 * still explain their warnings: one finding per bit, no value or bound. */
static const ket_report *findings_of(const outcome *o, ket_report *synth)
{
	unsigned b;

	if (o->report)
		return o->report;
	memset(synth, 0, sizeof *synth);
	for (b = 0; b < 32 && o->status == KET_OK; b++) {
		uint32_t bit = UINT32_C(1) << b;
		ket_finding *f;

		if (!(o->warnings & bit))
			continue;
		if (synth->count == KET_REPORT_MAX) {
			synth->dropped++;
			continue;
		}
		f = &synth->findings[synth->count++];
		f->status = KET_OK;
		f->warning = bit;
		f->item = (int32_t)o->warn_item;
		f->value = (double)NAN;
		f->limit = (double)NAN;
		f->unit = "";
		f->field = "";
	}
	return synth;
}

/* The library's sentence for one finding (ket_report_format of a report
 * holding only it).  A finding made from a bit has item "none", which the
 * sentence would start with: that word is dropped. */
static const char *finding_text(const ket_finding *f, char *buf,
                                size_t size)
{
	static const char none[] = "none: ";
	ket_report one;

	memset(&one, 0, sizeof one);
	one.count = 1;
	one.findings[0] = *f;
	if (ket_report_format(&one, buf, size) != KET_OK) {
		snprintf(buf, size, "%s", f->status == KET_OK ?
		         warning_name(f->warning) :
		         ket_status_name((ket_status)f->status));
		return buf;
	}
	if (f->status == KET_OK && f->item == KET_ITEM_NONE &&
	    strncmp(buf, none, sizeof none - 1) == 0)
		memmove(buf, buf + sizeof none - 1,
		        strlen(buf + sizeof none - 1) + 1);
	return buf;
}

static void j_finding(const ket_finding *f)
{
	char text[TEXT_MAX];

	j_open('{');
	j_kv_string("status", ket_status_name((ket_status)f->status));
	j_kv_string("warning", f->warning ? warning_name(f->warning) : NULL);
	j_kv_string("item", ket_item_name((ket_item)f->item));
	j_kv_string("field", f->field);
	j_kv_number("value", f->value);
	j_kv_number("limit", f->limit);
	j_kv_string("unit", f->unit);
	j_kv_string("text", finding_text(f, text, sizeof text));
	j_close('}');
}

static void j_field(const field *f)
{
	if (!f->key)
		return;
	if (f->kind == F_TEXT)
		j_kv_string(f->key, f->text);
	else
		j_kv_number(f->key, f->value);
}

static void j_result(const outcome *o)
{
	size_t i;

	j_key("result");
	if (o->status != KET_OK) {
		j_literal("null");
		return;
	}
	j_open('{');
	for (i = 0; i < o->n_fields; i++)
		j_field(&o->fields[i]);
	if (o->json_extra)
		o->json_extra(o->data);
	j_close('}');
}

static void j_error(const outcome *o)
{
	j_key("error");
	if (o->status == KET_OK) {
		j_literal("null");
		return;
	}
	j_open('{');
	j_kv_string("message", o->message ? o->message :
	                       ket_strerror(o->status));
	j_kv_string("argument", o->argument);
	j_close('}');
}

/* The one JSON object: status, ok, result, warnings, findings,
 * findings_dropped, profile, error - always these keys, in this order. */
static void j_outcome(const outcome *o, const ket_report *rep)
{
	size_t i;

	j_open('{');
	j_kv_string("status", ket_status_name(o->status));
	j_key("ok");
	j_literal(o->status == KET_OK ? "true" : "false");
	j_result(o);
	j_key("warnings");
	j_warning_names(o->status == KET_OK ? o->warnings : 0);
	j_key("findings");
	j_open('[');
	for (i = 0; i < rep->count && i < KET_REPORT_MAX; i++)
		j_finding(&rep->findings[i]);
	j_close(']');
	j_kv_number("findings_dropped", (double)rep->dropped);
	j_kv_string("profile", o->profile);
	j_error(o);
	j_close('}');
	putchar('\n');
}

static void human_field(const field *f)
{
	char buf[64];
	const char *s;

	if (!f->label)
		return;
	switch (f->kind) {
	case F_TEXT:
		s = f->text;
		break;
	case F_MIN:
		s = isnan(f->value) ? NULL :
		    fmt_minutes(f->value, buf, sizeof buf);
		break;
	case F_LIMIT:
		s = !(f->value > 0.0) && !(f->value < 0.0) ? "none" :
		    fmt(f->value, f->decimals, f->unit, buf, sizeof buf);
		break;
	case F_NUM:
	default:
		s = isnan(f->value) ? NULL :
		    fmt(f->value, f->decimals, f->unit, buf, sizeof buf);
		break;
	}
	if (s)
		printf("%-*s %s\n", LABEL_WIDTH, f->label, s);
}

/* Every finding, never dropped: warnings, and on a refusal its reason. */
static void human_findings(FILE *out, const ket_report *rep)
{
	char text[TEXT_MAX], n[32];
	size_t i;

	for (i = 0; i < rep->count && i < KET_REPORT_MAX; i++) {
		const ket_finding *f = &rep->findings[i];

		fprintf(out, "%s: %s\n", f->status == KET_OK ? "warning" :
		        "reason", finding_text(f, text, sizeof text));
	}
	if (rep->dropped > 0)
		fprintf(out, "warning: and %s more findings that the report "
		        "could not hold\n", fmt((double)rep->dropped, 0, NULL,
		                                n, sizeof n));
}

static void profile_note(FILE *out, const char *profile)
{
	if (profile)
		fprintf(out, "limits: built-in profile %s; built-in limits "
		        "are starting points that a hospital must review "
		        "before use\n", profile);
}

static void human_outcome(const outcome *o, const ket_report *rep)
{
	size_t i;

	if (o->status != KET_OK) {
		fprintf(stderr, "refused: %s\n", ket_strerror(o->status));
		if (o->message)
			fprintf(stderr, "reason: %s\n", o->message);
		human_findings(stderr, rep);
		profile_note(stderr, o->profile);
		return;
	}
	for (i = 0; i < o->n_fields; i++)
		human_field(&o->fields[i]);
	if (o->human_extra)
		o->human_extra(o->data);
	human_findings(stdout, rep);
	if (o->note)
		printf("note: %s\n", o->note);
	profile_note(stdout, o->profile);
}

/* Writes the outcome; the exit status: 0 for KET_OK, else 1. */
static int finish(const outcome *o)
{
	ket_report synth;
	const ket_report *rep = findings_of(o, &synth);

	if (g_json)
		j_outcome(o, rep);
	else
		human_outcome(o, rep);
	return o->status == KET_OK ? EXIT_DONE : EXIT_REFUSED;
}

/* An argument the program cannot use (not a number, an unknown name, a
 * value outside what this program handles): one line naming it (stderr),
 * or the JSON object with the status that refused it.  Exit status 1. */
static int invalid(ket_status st, const char *argument, const char *fmt,
                   ...) PRINTF_LIKE(3, 4);
static int invalid(ket_status st, const char *argument, const char *fmt,
                   ...)
{
	char msg[TEXT_MAX];
	va_list ap;
	outcome o = new_outcome(st);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!g_json) {
		fprintf(stderr, PROG " %s: %s\n", sub_name(), msg);
		return EXIT_REFUSED;
	}
	o.message = msg;
	o.argument = argument;
	return finish(&o);
}

/* ==================================================== reading values */

static int read_number(const char *name, const char *text, double *out)
{
	ket_status st = ket_parse_decimal(text, out);

	if (st == KET_OK)
		return EXIT_DONE;
	return invalid(st, name, "%s \"%s\" is not a plain decimal number "
	               "(e.g. 70 or 1.5)", name, text);
}

static int read_int(const char *name, const char *text, int32_t *out)
{
	double v;
	int r = read_number(name, text, &v);

	if (r != EXIT_DONE)
		return r;
	if (v - floor(v) > 0.0)
		return invalid(KET_E_RANGE, name, "%s \"%s\" is not a whole "
		               "number", name, text);
	if (fabs(v) > INT_ARG_MAX)
		return invalid(KET_E_RANGE, name, "%s \"%s\" is out of range",
		               name, text);
	*out = (int32_t)v;
	return EXIT_DONE;
}

static int read_name(const name_table *t, const char *name,
                     const char *text, int32_t *out)
{
	char list[256];
	const name_value *nv = find_name(t, text);

	if (nv) {
		*out = nv->value;
		return EXIT_DONE;
	}
	return invalid(t->status, name, "%s \"%s\" is not a known %s (one "
	               "of %s)", name, text, t->what,
	               choices(t, list, sizeof list));
}

static int read_unit(const char *name, const char *text, int32_t *out)
{
	ket_rate_unit u;
	ket_status st = ket_rate_unit_parse(text, &u);

	if (st == KET_OK) {
		*out = (int32_t)u;
		return EXIT_DONE;
	}
	return invalid(st, name, "%s \"%s\" is not a known rate unit (one "
	               "of %s)", name, text, unit_choices);
}

static int read_value(const opt_use *u, const char *text, args *a)
{
	const char *name = opt_names[u->id];
	int r = EXIT_DONE;

	switch (u->kind) {
	case K_NUM:
		r = read_number(name, text, &a->num[u->id]);
		break;
	case K_INT:
		r = read_int(name, text, &a->ival[u->id]);
		break;
	case K_NAME:
		r = read_name(u->names, name, text, &a->ival[u->id]);
		break;
	case K_UNIT:
		r = read_unit(name, text, &a->ival[u->id]);
		break;
	}
	if (r == EXIT_DONE && (u->flags & NONNEG) && a->num[u->id] < 0.0)
		r = invalid(KET_E_RANGE, name, "%s \"%s\" must not be "
		            "negative (leave it out when unknown)", name,
		            text);
	return r;
}

/* Every option given or defaulted, in the subcommand's order. */
static int read_values(const subcommand *s, args *a)
{
	size_t i;

	for (i = 0; i < s->n_opts; i++) {
		const opt_use *u = &s->opts[i];
		const char *text = a->given[u->id] ? a->text[u->id] : u->def;
		int r;

		if (!text)
			continue;
		a->text[u->id] = text;
		r = read_value(u, text, a);
		if (r != EXIT_DONE)
			return r;
	}
	return EXIT_DONE;
}

/* ================================================ parsing the words */

static const opt_use *find_use(const subcommand *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_opts; i++)
		if (strcmp(opt_names[s->opts[i].id], name) == 0)
			return &s->opts[i];
	return NULL;
}

/* "--name VALUE" or "--name=VALUE"; *used is 1 when VALUE was `next`. */
static int take_option(const subcommand *s, const char *word,
                       const char *next, args *a, int *used)
{
	char name[32];
	const char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	const opt_use *u;

	*used = 0;
	if (len >= sizeof name)
		return usage_error("unknown option '%s'", word);
	memcpy(name, word, len);
	name[len] = '\0';
	u = find_use(s, name);
	if (!u)
		return usage_error("unknown option '%s'", name);
	if (a->given[u->id])
		return usage_error("%s given twice", name);
	if (!eq && !next)
		return usage_error("%s needs a value (%s)", name, u->meta);
	a->given[u->id] = 1;
	a->text[u->id] = eq ? eq + 1 : next;
	*used = !eq;
	return EXIT_DONE;
}

/* Options and operands after the subcommand; "--" ends the options. */
static int collect(const subcommand *s, int argc, char **argv, int i,
                   args *a)
{
	int options = 1;

	for (; i < argc; i++) {
		const char *w = argv[i];
		int used = 0, r;

		if (options && strcmp(w, "--") == 0) {
			options = 0;
		} else if (options && strcmp(w, "--json") == 0) {
			g_json = 1;
		} else if (options && strncmp(w, "--", 2) == 0) {
			r = take_option(s, w, i + 1 < argc ? argv[i + 1] :
			                NULL, a, &used);
			if (r != EXIT_DONE)
				return r;
			i += used;
		} else if (a->n_operands == MAX_OPERANDS) {
			return usage_error("more than %d operands",
			                   MAX_OPERANDS);
		} else {
			a->operand[a->n_operands++] = w;
		}
	}
	return EXIT_DONE;
}

/* "--weight KG or --lb LB" (sep " or "), "--weight KG | --lb LB" */
static const char *alt_list(const subcommand *s, const char *sep, char *buf,
                            size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < s->n_opts && len + 1 < size; i++) {
		const opt_use *u = &s->opts[i];
		int n;

		if (!(u->flags & ALT))
			continue;
		n = snprintf(buf + len, size - len, "%s%s %s",
		             len ? sep : "", opt_names[u->id], u->meta);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}

/* The shape of the command line, before any value is read. */
static int check_shape(const subcommand *s, const args *a)
{
	char list[128];
	size_t i;
	int n_alt = 0, alts_given = 0;

	for (i = 0; i < s->n_opts; i++) {
		const opt_use *u = &s->opts[i];

		if ((u->flags & REQ) && !a->given[u->id])
			return usage_error("missing %s %s", opt_names[u->id],
			                   u->meta);
		if (u->flags & ALT) {
			n_alt++;
			alts_given += a->given[u->id];
		}
	}
	if (n_alt > 0 && alts_given != 1)
		return usage_error("give exactly one of %s",
		                   alt_list(s, " or ", list, sizeof list));
	if (a->n_operands < s->min_operands)
		return usage_error("missing operand: %s", s->operands);
	if (a->n_operands > s->max_operands)
		return usage_error("unexpected operand '%s'",
		                   a->operand[s->max_operands]);
	return EXIT_DONE;
}

/* ================================================== orders and limits */

static ket_profile profile_arg(const args *a)
{
	return (ket_profile)a->ival[O_PROFILE];
}

/* An outcome of a function held against a built-in profile. */
static outcome order_outcome(const args *a, ket_status st,
                             const ket_report *rep, uint32_t warnings)
{
	outcome o = new_outcome(st);

	o.report = rep;
	o.warnings = warnings;
	o.profile = name_of(&profiles, a->ival[O_PROFILE]);
	return o;
}

/* The rate of an infusion order or a running pump. */
static int infusion_result(const args *a, ket_status st,
                           const ket_infusion *r, const ket_report *rep)
{
	const field f[] = {
		NUM("rate_ml_per_h", "pump rate", r->rate_ml_per_h, 2,
		    "mL/h"),
		NUM("mg_per_h", "dose per hour", r->mg_per_h, 2, "mg/h"),
		NUM("delivered_mg_per_h", "delivered per hour",
		    r->delivered_mg_per_h, 2, "mg/h"),
		NUM("delivered_mg_per_kg_per_h", "delivered per kg",
		    r->delivered_mg_per_kg_per_h, 4, "mg/kg/h"),
		NUM("delivered_mcg_per_kg_per_min", "",
		    r->delivered_mcg_per_kg_per_min, 3, "mcg/kg/min"),
		NUM("delivered_mg_per_24h", "delivered in 24 h",
		    r->delivered_mg_per_24h, 1, "mg"),
	};
	outcome o = order_outcome(a, st, rep, r->warnings);

	o.fields = f;
	o.n_fields = N_ITEMS(f);
	return finish(&o);
}

static int run_infusion(const args *a)
{
	ket_infusion_order order;
	ket_limits lim;
	ket_infusion r;
	ket_report rep;
	ket_status st;

	memset(&r, 0, sizeof r);
	memset(&rep, 0, sizeof rep);
	order.weight_kg = a->num[O_WEIGHT];
	order.dose = a->num[O_DOSE];
	order.dose_unit = a->ival[O_UNIT];
	order.concentration_mg_per_ml = a->num[O_CONC];
	order.pump_step_ml_per_h = a->num[O_STEP];
	order.route = a->ival[O_ROUTE];
	order.form = a->ival[O_FORM];
	st = ket_limits_for_profile(profile_arg(a), &lim);
	if (st == KET_OK)
		st = ket_infusion_rate(&order, &lim, &r, &rep);
	return infusion_result(a, st, &r, &rep);
}

static int run_pump(const args *a)
{
	ket_pump_reading pump;
	ket_limits lim;
	ket_infusion r;
	ket_report rep;
	ket_status st;

	memset(&r, 0, sizeof r);
	memset(&rep, 0, sizeof rep);
	pump.weight_kg = a->num[O_WEIGHT];
	pump.rate_ml_per_h = a->num[O_RATE];
	pump.concentration_mg_per_ml = a->num[O_CONC];
	pump.route = a->ival[O_ROUTE];
	pump.form = a->ival[O_FORM];
	st = ket_limits_for_profile(profile_arg(a), &lim);
	if (st == KET_OK)
		st = ket_infusion_check(&pump, &lim, &r, &rep);
	return infusion_result(a, st, &r, &rep);
}

static int run_bolus(const args *a)
{
	ket_bolus_order order;
	ket_limits lim;
	ket_bolus r;
	ket_report rep;
	ket_status st;
	outcome o;

	memset(&r, 0, sizeof r);
	memset(&rep, 0, sizeof rep);
	order.weight_kg = a->num[O_WEIGHT];
	order.dose_mg_per_kg = a->num[O_DOSE];
	order.concentration_mg_per_ml = a->num[O_CONC];
	order.syringe_step_ml = a->num[O_STEP];
	order.route = a->ival[O_ROUTE];
	order.form = a->ival[O_FORM];
	st = ket_limits_for_profile(profile_arg(a), &lim);
	if (st == KET_OK)
		st = ket_bolus_dose(&order, &lim, &r, &rep);
	{
		const field f[] = {
			NUM("dose_mg", "dose", r.mg, 2, "mg"),
			NUM("volume_ml", "volume", r.volume_ml, 2, "mL"),
			NUM("delivered_mg_per_kg", "delivered per kg",
			    r.delivered_mg_per_kg, 4, "mg/kg"),
		};

		o = order_outcome(a, st, &rep, r.warnings);
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

/* ============================================================ weight */

static ket_patient patient_arg(const args *a, double weight_kg)
{
	ket_patient p;

	p.weight_kg = weight_kg;
	p.height_cm = a->given[O_HEIGHT] ? a->num[O_HEIGHT] : 0.0;
	p.age_years = a->given[O_AGE] ? a->num[O_AGE] : KET_AGE_UNKNOWN;
	p.sex = a->given[O_SEX] ? a->ival[O_SEX] : KET_SEX_UNSPECIFIED;
	return p;
}

static int run_weight(const args *a)
{
	double kg = a->num[O_WEIGHT], dosing = (double)NAN;
	int32_t basis = a->ival[O_BASIS];
	ket_status st = KET_OK;
	ket_patient p;
	outcome o;

	if (a->given[O_LB])
		st = ket_weight_from_lb(a->num[O_LB], &kg);
	p = patient_arg(a, kg);
	if (st == KET_OK)
		st = ket_dosing_weight(&p, (ket_weight_basis)basis, &dosing);
	{
		const field f[] = {
			NUM("weight_lb", "weight in pounds",
			    a->given[O_LB] ? a->num[O_LB] : (double)NAN, 2,
			    "lb"),
			NUM("actual_weight_kg", "actual weight", kg, 2, "kg"),
			TEXT("basis", NULL, name_of(&weight_bases, basis)),
			TEXT(NULL, "basis", label_of(&weight_bases, basis)),
			NUM("dosing_weight_kg", "dosing weight", dosing, 2,
			    "kg"),
		};

		o = new_outcome(st);
		if (a->given[O_LB] && isnan(kg))
			o.argument = "--lb";
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

/* ============================================================= units */

/* People read "mcg", not UCUM's "ug", which ISMP lists as error-prone; JSON
 * keeps the UCUM code for machines. */
static const char *clinical_unit(const char *ucum)
{
	static const char *const pairs[][2] = {
		{ "ug/kg/min", "mcg/kg/min" },
		{ "ug/kg/h", "mcg/kg/h" },
		{ "mg/d", "mg/24 h" },
	};
	size_t i;

	for (i = 0; ucum != NULL && i < sizeof pairs / sizeof pairs[0]; i++)
		if (strcmp(ucum, pairs[i][0]) == 0)
			return pairs[i][1];
	return ucum;
}

static int run_units(const args *a)
{
	int32_t from = 0, to = 0;
	double value, out = (double)NAN;
	double kg = a->given[O_WEIGHT] ? a->num[O_WEIGHT] : (double)NAN;
	ket_status st;
	outcome o;
	int r;

	r = read_number("VALUE", a->operand[0], &value);
	if (r == EXIT_DONE)
		r = read_unit("FROM", a->operand[1], &from);
	if (r == EXIT_DONE)
		r = read_unit("TO", a->operand[2], &to);
	if (r != EXIT_DONE)
		return r;
	st = ket_rate_convert(value, (ket_rate_unit)from, (ket_rate_unit)to,
	                      kg, &out);
	{
		const char *fu = ket_rate_unit_ucum((ket_rate_unit)from);
		const char *tu = ket_rate_unit_ucum((ket_rate_unit)to);
		const field f[] = {
			NUM("value", "value", value, 4, clinical_unit(fu)),
			TEXT("from_unit", NULL, fu),
			NUM("converted_value", "converted", out, 4,
			    clinical_unit(tu)),
			TEXT("to_unit", NULL, tu),
			NUM("weight_kg", "weight", kg, 2, "kg"),
		};

		o = new_outcome(st);
		/* The value is finite (read above): a non-finite input is
		 * the weight, which only a per-kg <-> absolute conversion
		 * needs. */
		if (st == KET_E_NOT_FINITE && !a->given[O_WEIGHT]) {
			o.message = "--weight KG is needed to convert between "
			            "a per-kg and an absolute unit";
			o.argument = "--weight";
		}
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

/* ======================================================= equivalents */

/* The three amounts of a ket_equivalent, after a subcommand's own fields. */
#define EQUIVALENT_FIELDS(eq) \
	NUM("equivalent_mg", "equivalent dose", (eq).mg, 2, "mg"), \
	NUM("equivalent_mg_low", "range from", (eq).mg_low, 2, "mg"), \
	NUM("equivalent_mg_high", "range to", (eq).mg_high, 2, "mg")

static int equivalent_result(ket_status st, const ket_equivalent *eq,
                             const field *f, size_t n, ket_item item)
{
	outcome o = new_outcome(st);

	o.warnings = eq->warnings;
	o.warn_item = item;
	o.fields = f;
	o.n_fields = n;
	return finish(&o);
}

static int run_convert(const args *a)
{
	int32_t from = a->ival[O_FROM], to = a->ival[O_TO];
	int32_t basis = a->ival[O_BASIS];
	ket_equivalent eq;
	ket_status st;

	st = ket_route_equivalent(a->num[O_DOSE], (ket_route)from,
	                          (ket_route)to, (ket_exposure_basis)basis,
	                          &eq);
	{
		const field f[] = {
			NUM("dose_mg", "dose", a->num[O_DOSE], 2, "mg"),
			TEXT("from_route", NULL, name_of(&routes, from)),
			TEXT(NULL, "from", ket_route_label((ket_route)from)),
			TEXT("to_route", NULL, name_of(&routes, to)),
			TEXT(NULL, "to", ket_route_label((ket_route)to)),
			TEXT("basis", NULL, name_of(&exposure_bases, basis)),
			TEXT(NULL, "exposure basis",
			     label_of(&exposure_bases, basis)),
			EQUIVALENT_FIELDS(eq),
		};

		return equivalent_result(st, &eq, f, N_ITEMS(f),
		                         KET_ITEM_ROUTE);
	}
}

static int run_form(const args *a)
{
	int32_t from = a->ival[O_FROM], to = a->ival[O_TO];
	ket_equivalent eq;
	ket_status st;

	st = ket_form_equivalent(a->num[O_DOSE], (ket_form)from,
	                         (ket_form)to, &eq);
	{
		const field f[] = {
			NUM("dose_mg", "dose", a->num[O_DOSE], 2, "mg"),
			TEXT("from_form", "from", name_of(&forms, from)),
			TEXT("to_form", "to", name_of(&forms, to)),
			EQUIVALENT_FIELDS(eq),
		};

		return equivalent_result(st, &eq, f, N_ITEMS(f),
		                         KET_ITEM_FORM);
	}
}

static int run_salt(const args *a)
{
	double hcl = a->num[O_HCL], base = a->num[O_BASE];
	ket_status st;
	outcome o;

	if (a->given[O_HCL])
		st = ket_hydrochloride_to_base(hcl, &base);
	else
		st = ket_base_to_hydrochloride(base, &hcl);
	{
		const field f[] = {
			NUM("hydrochloride_mg", "ketamine hydrochloride", hcl,
			    2, "mg"),
			NUM("base_mg", "ketamine base", base, 2, "mg"),
		};

		o = new_outcome(st);
		o.argument = a->given[O_HCL] ? "--hcl" : "--base";
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

/* ============================================================ limits */

typedef struct limit_field {
	const char *key; /* the ket_limits field */
	const char *label;
	const char *unit;
	size_t offset;
} limit_field;

#define LIMIT(field, label, unit) \
	{ #field, label, unit, offsetof(ket_limits, field) }

static const limit_field limit_fields[] = {
	LIMIT(weight_soft_min_kg, "usual weight from", "kg"),
	LIMIT(weight_soft_max_kg, "usual weight up to", "kg"),
	LIMIT(concentration_max_mg_per_ml, "concentration maximum",
	      "mg/mL"),
	LIMIT(infusion_soft_min_mg_per_kg_per_h, "infusion soft minimum",
	      "mg/kg/h"),
	LIMIT(infusion_soft_max_mg_per_kg_per_h, "infusion soft maximum",
	      "mg/kg/h"),
	LIMIT(infusion_hard_max_mg_per_kg_per_h, "infusion hard maximum",
	      "mg/kg/h"),
	LIMIT(infusion_soft_max_mg_per_h, "infusion soft max, absolute",
	      "mg/h"),
	LIMIT(infusion_cap_mg_per_h, "infusion cap", "mg/h"),
	LIMIT(bolus_soft_max_mg_per_kg, "bolus soft maximum", "mg/kg"),
	LIMIT(bolus_hard_max_mg_per_kg, "bolus hard maximum", "mg/kg"),
	LIMIT(bolus_soft_max_mg, "bolus soft max, absolute", "mg"),
	LIMIT(bolus_cap_mg, "bolus cap", "mg"),
	LIMIT(daily_soft_max_mg_per_24h, "parenteral 24 h soft max",
	      "mg/24 h"),
	LIMIT(daily_hard_max_mg_per_24h, "parenteral 24 h hard max",
	      "mg/24 h"),
	LIMIT(pca_hard_max_mg_per_kg_per_h, "PCA hard maximum", "mg/kg/h"),
	LIMIT(oral_soft_max_mg_per_24h, "oral 24 h soft maximum",
	      "mg/24 h"),
	LIMIT(oral_hard_max_mg_per_24h, "oral 24 h hard maximum",
	      "mg/24 h"),
};

static int run_limits(const args *a)
{
	field f[N_ITEMS(limit_fields) + 1];
	ket_limits lim;
	ket_status st = ket_limits_for_profile(profile_arg(a), &lim);
	size_t i;
	outcome o = order_outcome(a, st, NULL, 0);

	f[0] = (field)TEXT("form", "form", name_of(&forms, lim.form));
	for (i = 0; i < N_ITEMS(limit_fields); i++) {
		const limit_field *l = &limit_fields[i];
		double v;

		memcpy(&v, (const unsigned char *)&lim + l->offset, sizeof v);
		f[i + 1] = (field){ l->key, l->label, F_LIMIT, 4, v, l->unit,
		                    NULL };
	}
	o.fields = f;
	o.n_fields = N_ITEMS(f);
	return finish(&o);
}

/* ======================================================== regimens */

static int run_prepare(const args *a)
{
	ket_preparation_order order;
	ket_preparation r;
	ket_report rep;
	ket_status st;
	outcome o;

	memset(&rep, 0, sizeof rep);
	order.total_mg = a->num[O_TOTAL];
	order.final_volume_ml = a->num[O_VOLUME];
	order.stock_mg_per_ml = a->num[O_STOCK];
	order.route = a->ival[O_ROUTE];
	st = ket_prepare(&order, &r, &rep);
	{
		const field f[] = {
			NUM("stock_volume_ml", "draw from the stock",
			    r.stock_volume_ml, 2, "mL"),
			NUM("diluent_volume_ml", "add diluent",
			    r.diluent_volume_ml, 2, "mL"),
			NUM("final_concentration_mg_per_ml",
			    "final concentration",
			    r.final_concentration_mg_per_ml, 4, "mg/mL"),
		};

		o = new_outcome(st);
		o.report = &rep;
		o.warnings = r.warnings;
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

static int run_duration(const args *a)
{
	ket_duration d;
	ket_status st;
	outcome o;

	st = ket_infusion_duration(a->num[O_VOLUME], a->num[O_RATE],
	                           a->num[O_HANG], &d);
	{
		const field f[] = {
			NUM("empty_after_h", "empty after", d.empty_after_h, 2,
			    "h"),
			NUM("change_after_h", "change after", d.change_after_h,
			    2, "h"),
		};

		o = new_outcome(st);
		if (st == KET_E_RANGE)
			o.message = "--volume and --rate must be above 0 and "
			            "at most 1000, --hang 0 or above 0 and at "
			            "most 168";
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

static int run_pca(const args *a)
{
	ket_pca_order order;
	ket_limits lim;
	ket_pca r;
	ket_report rep;
	ket_status st;
	outcome o;

	memset(&r, 0, sizeof r);
	memset(&rep, 0, sizeof rep);
	order.weight_kg = a->num[O_WEIGHT];
	order.bolus_mg = a->num[O_BOLUS];
	order.lockout_min = a->num[O_LOCKOUT];
	order.basal_mg_per_h = a->num[O_BASAL];
	order.limit_mg_per_h = a->num[O_LIMIT_1H];
	order.limit_mg_per_4h = a->num[O_LIMIT_4H];
	order.form = a->ival[O_FORM];
	st = ket_limits_for_profile(profile_arg(a), &lim);
	if (st == KET_OK)
		st = ket_pca_check(&order, &lim, &r, &rep);
	{
		const field f[] = {
			NUM("max_mg_per_h", "most in any hour", r.max_mg_per_h,
			    2, "mg"),
			NUM("max_mg_per_4h", "most in any 4 hours",
			    r.max_mg_per_4h, 2, "mg"),
			NUM("max_mg_per_kg_per_h", "most per kg per hour",
			    r.max_mg_per_kg_per_h, 4, "mg/kg/h"),
		};

		o = order_outcome(a, st, &rep, r.warnings);
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		return finish(&o);
	}
}

/* ------------------------------------------------------------- burst */

typedef struct burst_plan {
	ket_burst_day days[8]; /* the plan has at most 5 days */
	size_t n;
} burst_plan;

/* "KET_W_ROUNDED KET_W_LOW_PUMP_RATE", or "" */
static const char *warning_list(uint32_t w, char *buf, size_t size)
{
	size_t len = 0;
	unsigned b;

	buf[0] = '\0';
	for (b = 0; b < 32 && len + 1 < size; b++) {
		uint32_t bit = UINT32_C(1) << b;
		int n;

		if (!(w & bit))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? " " : "",
		             warning_name(bit));
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}

static void burst_json(const void *data)
{
	const burst_plan *p = data;
	size_t i;

	j_key("days");
	j_open('[');
	for (i = 0; i < p->n; i++) {
		const ket_burst_day *d = &p->days[i];

		j_open('{');
		j_kv_number("day", (double)d->day);
		j_kv_number("mg_per_24h", d->mg_per_24h);
		j_kv_number("rate_ml_per_h", d->rate_ml_per_h);
		j_kv_number("delivered_mg_per_24h", d->delivered_mg_per_24h);
		j_key("warnings");
		j_warning_names(d->warnings);
		j_close('}');
	}
	j_close(']');
}

static void burst_human(const void *data)
{
	const burst_plan *p = data;
	char n[32], a[32], b[32], c[32], w[256], line[512];
	size_t i, len;

	printf("%-4s %-14s %-12s %-16s %s\n", "day", "ordered", "pump rate",
	       "delivered", "warnings");
	for (i = 0; i < p->n; i++) {
		const ket_burst_day *d = &p->days[i];

		snprintf(line, sizeof line, "%-4s %-14s %-12s %-16s %s",
		         fmt((double)d->day, 0, NULL, n, sizeof n),
		         fmt(d->mg_per_24h, 1, "mg/24 h", a, sizeof a),
		         fmt(d->rate_ml_per_h, 2, "mL/h", b, sizeof b),
		         fmt(d->delivered_mg_per_24h, 1, "mg/24 h", c,
		             sizeof c),
		         warning_list(d->warnings, w, sizeof w));
		for (len = strlen(line); len > 0 && line[len - 1] == ' ';)
			line[--len] = '\0';
		puts(line);
	}
}

static int run_burst(const args *a)
{
	static burst_plan plan;
	ket_burst_order order;
	ket_limits lim;
	ket_report rep;
	ket_status st;
	uint32_t all = 0;
	size_t i;
	outcome o;

	memset(&plan, 0, sizeof plan);
	memset(&rep, 0, sizeof rep);
	order.response_day = a->ival[O_RESPONSE_DAY];
	order.weight_kg = a->num[O_WEIGHT];
	order.concentration_mg_per_ml = a->num[O_CONC];
	order.pump_step_ml_per_h = a->num[O_STEP];
	order.route = a->ival[O_ROUTE];
	order.form = a->ival[O_FORM];
	st = ket_limits_for_profile(profile_arg(a), &lim);
	if (st == KET_OK)
		st = ket_burst_schedule(&order, &lim, plan.days,
		                        N_ITEMS(plan.days), &plan.n, &rep);
	for (i = 0; i < plan.n && i < N_ITEMS(plan.days); i++)
		all |= plan.days[i].warnings;
	o = order_outcome(a, st, &rep, all);
	o.json_extra = burst_json;
	o.human_extra = burst_human;
	o.data = &plan;
	o.note = "each escalation is conditional on a daily clinical review "
	         "(sedation, psychotomimetic effects, blood pressure, pain); "
	         "the plan is the protocol's ceiling, not an instruction to "
	         "escalate";
	return finish(&o);
}

/* -------------------------------------------------------------- oral */

static int run_oral(const args *a)
{
	ket_oral_order order;
	ket_limits lim;
	ket_oral_regimen r;
	ket_report rep;
	ket_status st;
	outcome o;

	memset(&r, 0, sizeof r);
	memset(&rep, 0, sizeof rep);
	order.parenteral_mg_per_24h = a->num[O_PARENTERAL];
	order.from = a->ival[O_FROM];
	order.to = a->ival[O_TO];
	order.ratio_oral_per_parenteral = a->num[O_RATIO];
	order.doses_per_24h = a->ival[O_DOSES];
	order.dose_step_mg = a->num[O_STEP];
	order.solution_mg_per_ml = a->num[O_SOLUTION];
	order.form = a->ival[O_FORM];
	st = ket_limits_for_profile(profile_arg(a), &lim);
	if (st == KET_OK)
		st = ket_oral_conversion(&order, &lim, &r, &rep);
	{
		const field f[] = {
			NUM("mg_per_dose", "dose", r.mg_per_dose, 2, "mg"),
			NUM("ml_per_dose", "volume per dose", r.ml_per_dose, 2,
			    "mL"),
			NUM("doses_per_24h", "doses per 24 h",
			    (double)order.doses_per_24h, 0, NULL),
			NUM("mg_per_24h", "total per 24 h", r.mg_per_24h, 1,
			    "mg"),
			NUM("exposure_comparison_mg_per_24h",
			    "exposure comparison",
			    r.exposure_comparison_mg_per_24h, 1,
			    "mg/24 h (context only, never to be ordered)"),
		};

		o = order_outcome(a, st, &rep, r.warnings);
		o.fields = f;
		o.n_fields = N_ITEMS(f);
		o.note = "give the first oral dose 4-8 h after the infusion "
		         "stops; at least half of patients do not respond to "
		         "oral ketamine; check which oral solution strength "
		         "(10 or 50 mg/mL) is dispensed";
		return finish(&o);
	}
}

/* =================================================== pharmacokinetics */

typedef struct sim {
	ket_pk_params pk;
	ket_pk_dose doses[MAX_DOSES]; /* sorted by start */
	size_t n_doses;
	double t_min[MAX_SAMPLES];
	double conc_ng_per_ml[MAX_SAMPLES];
	size_t n;
	double row_t_min[TABLE_ROWS + 2]; /* the coarse table */
	double row_conc_ng_per_ml[TABLE_ROWS + 2];
	size_t n_rows;
	ket_pk_summary sum;
} sim;

/* Too large for the stack of a small thread; static, not allocated. */
static sim g_sim;

static ket_patient pk_patient(const args *a)
{
	ket_patient p;

	p.weight_kg = a->num[O_WEIGHT];
	p.height_cm = 0.0; /* not used by these models */
	p.age_years = a->given[O_AGE] ? a->num[O_AGE] : KET_AGE_UNKNOWN;
	p.sex = KET_SEX_UNSPECIFIED;
	return p;
}

static int dose_error(const char *arg, const char *why)
{
	return invalid(KET_E_RANGE, "DOSE", "DOSE \"%s\": %s; expected "
	               "ROUTE:MG@START_MIN or ROUTE:MG@START_MIN/DURATION_MIN "
	               "(e.g. iv:25@0 or iv:168@0/1440)", arg, why);
}

static int dose_number(const char *arg, const char *what, const char *text,
                       double *out)
{
	ket_status st = ket_parse_decimal(text, out);

	if (st == KET_OK)
		return EXIT_DONE;
	return invalid(st, "DOSE", "DOSE \"%s\": %s \"%s\" is not a plain "
	               "decimal number (e.g. 25 or 0.5)", arg, what, text);
}

static int dose_route(const char *arg, const char *text, int32_t *route)
{
	char list[256];
	const name_value *nv = find_name(&routes, text);

	if (nv) {
		*route = nv->value;
		return EXIT_DONE;
	}
	return invalid(KET_E_ROUTE, "DOSE", "DOSE \"%s\": unknown route "
	               "\"%s\" (one of %s)", arg, text,
	               choices(&routes, list, sizeof list));
}

/* ROUTE:MG@START_MIN[/DURATION_MIN]; the library judges the numbers. */
static int parse_dose(const char *arg, ket_pk_dose *d)
{
	char buf[128];
	char *mg, *start, *duration;
	size_t len = strlen(arg);
	int r;

	if (len >= sizeof buf)
		return dose_error(arg, "too long");
	memcpy(buf, arg, len + 1);
	mg = strchr(buf, ':');
	if (!mg)
		return dose_error(arg, "no ':' after the route");
	*mg++ = '\0';
	start = strchr(mg, '@');
	if (!start)
		return dose_error(arg, "no '@' before the start time");
	*start++ = '\0';
	duration = strchr(start, '/');
	if (duration)
		*duration++ = '\0';
	d->duration_min = 0.0;
	r = dose_route(arg, buf, &d->route);
	if (r == EXIT_DONE)
		r = dose_number(arg, "MG", mg, &d->mg);
	if (r == EXIT_DONE)
		r = dose_number(arg, "START_MIN", start, &d->start_min);
	if (r == EXIT_DONE && duration)
		r = dose_number(arg, "DURATION_MIN", duration,
		                &d->duration_min);
	return r;
}

/* Stable insertion sort by start: ket_pk_simulate wants them in order, a
 * clinician may type them in any order. */
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

static void sort_times(double *t, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		double x = t[i];

		for (j = i; j > 0 && t[j - 1] > x; j--)
			t[j] = t[j - 1];
		t[j] = x;
	}
}

static int read_doses(const args *a, sim *s, double horizon_min)
{
	size_t i;
	int r;

	s->n_doses = a->n_operands;
	for (i = 0; i < s->n_doses; i++) {
		r = parse_dose(a->operand[i], &s->doses[i]);
		if (r != EXIT_DONE)
			return r;
		if (s->doses[i].start_min > horizon_min)
			return invalid(KET_E_RANGE, "DOSE", "DOSE \"%s\" "
			               "starts after the end of the simulation "
			               "(--hours %s)", a->operand[i],
			               a->text[O_HOURS]);
	}
	sort_doses(s->doses, s->n_doses);
	return EXIT_DONE;
}

static void push_time(sim *s, double t)
{
	if (s->n == 0 || s->t_min[s->n - 1] < t)
		s->t_min[s->n++] = t;
}

/* The regular grid every `every` minutes, merged with every dose start
 * and infusion end and the horizon, so a bolus peak is sampled exactly. */
static void build_times(sim *s, double horizon, double every)
{
	double extra[2 * MAX_DOSES + 1];
	size_t n_grid = (size_t)ceil(horizon / every - 1e-9);
	size_t n_extra = 0, i, j = 0;

	for (i = 0; i < s->n_doses; i++) {
		const ket_pk_dose *d = &s->doses[i];
		double end = d->start_min + d->duration_min;

		if (d->start_min >= 0.0)
			extra[n_extra++] = d->start_min;
		if (d->duration_min > 0.0 && end >= 0.0 && end < horizon)
			extra[n_extra++] = end;
	}
	extra[n_extra++] = horizon;
	sort_times(extra, n_extra);
	s->n = 0;
	for (i = 0; i < n_grid; i++) {
		double t = (double)i * every;

		while (j < n_extra && extra[j] < t)
			push_time(s, extra[j++]);
		push_time(s, t);
	}
	while (j < n_extra)
		push_time(s, extra[j++]);
}

/* Rows every 15 min to 24 h, at most TABLE_ROWS + 1, and the horizon. */
static void build_rows(sim *s, double horizon)
{
	static const double steps_h[] = { 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12,
	                                  24 };
	double step = 24.0 * 60.0, t;
	size_t i;

	for (i = 0; i < N_ITEMS(steps_h); i++) {
		if (horizon / (steps_h[i] * 60.0) <= (double)TABLE_ROWS) {
			step = steps_h[i] * 60.0;
			break;
		}
	}
	s->n_rows = 0;
	for (i = 0; (t = (double)i * step) < horizon - 1e-9 &&
	            s->n_rows <= TABLE_ROWS; i++)
		s->row_t_min[s->n_rows++] = t;
	s->row_t_min[s->n_rows++] = horizon;
}

static int check_horizon(const args *a, double *horizon, double *every)
{
	double hours = a->num[O_HOURS];

	*every = a->num[O_EVERY];
	if (!(hours > 0.0) || hours > MAX_HOURS)
		return invalid(KET_E_RANGE, "--hours", "--hours \"%s\" must be "
		               "above 0 and at most 168", a->text[O_HOURS]);
	*horizon = hours * 60.0;
	if (!(*every > 0.0) || *horizon / *every > (double)MAX_GRID)
		return invalid(KET_E_RANGE, "--every", "--every \"%s\" must be "
		               "above 0 and give at most 200000 samples over "
		               "--hours", a->text[O_EVERY]);
	return EXIT_DONE;
}

static ket_status simulate(const args *a, sim *s)
{
	ket_patient p = pk_patient(a);
	ket_status st;

	st = ket_pk_params_for((ket_pk_model)a->ival[O_MODEL], &p, &s->pk);
	if (st == KET_OK)
		st = ket_pk_simulate(&s->pk, s->doses, s->n_doses, s->t_min,
		                     s->n, s->conc_ng_per_ml);
	if (st == KET_OK)
		st = ket_pk_summarize(s->t_min, s->conc_ng_per_ml, s->n,
		                      THRESHOLD_NG_PER_ML, &s->sum);
	if (st == KET_OK)
		st = ket_pk_simulate(&s->pk, s->doses, s->n_doses,
		                     s->row_t_min, s->n_rows,
		                     s->row_conc_ng_per_ml);
	return st;
}

static void sim_json(const void *data)
{
	const sim *s = data;
	size_t i;

	j_key("doses");
	j_open('[');
	for (i = 0; i < s->n_doses; i++) {
		const ket_pk_dose *d = &s->doses[i];

		j_open('{');
		j_kv_string("route", name_of(&routes, d->route));
		j_kv_number("mg", d->mg);
		j_kv_number("start_min", d->start_min);
		j_kv_number("duration_min", d->duration_min);
		j_close('}');
	}
	j_close(']');
	j_kv_numbers("time_min", s->t_min, s->n);
	j_kv_numbers("conc_ng_per_ml", s->conc_ng_per_ml, s->n);
}

static void sim_human(const void *data)
{
	const sim *s = data;
	char t[32], c[32];
	size_t i;

	printf("%-12s %s\n", "time", "plasma ketamine");
	for (i = 0; i < s->n_rows; i++)
		printf("%-12s %s\n", fmt(s->row_t_min[i] / 60.0, 2, "h", t,
		                         sizeof t),
		       fmt(s->row_conc_ng_per_ml[i], 1, "ng/mL", c,
		           sizeof c));
}

static int sim_result(const args *a, ket_status st, const sim *s)
{
	const field f[] = {
		TEXT("model", NULL, a->text[O_MODEL]),
		TEXT(NULL, "model", label_of(&models, a->ival[O_MODEL])),
		NUM("weight_kg", "weight", a->num[O_WEIGHT], 2, "kg"),
		NUM("age_years", "age", a->given[O_AGE] ? a->num[O_AGE] :
		    (double)NAN, 1, "years"),
		NUM("hours", NULL, a->num[O_HOURS], 4, "h"),
		NUM("every_min", NULL, a->num[O_EVERY], 4, "min"),
		NUM("peak_ng_per_ml", "peak", s->sum.peak_ng_per_ml, 1,
		    "ng/mL"),
		MINUTES("peak_time_min", "time of peak", s->sum.peak_time_min),
		NUM("auc_ng_min_per_ml", "AUC", s->sum.auc_ng_min_per_ml, 0,
		    "ng.min/mL"),
		NUM("threshold_ng_per_ml", NULL, THRESHOLD_NG_PER_ML, 0,
		    "ng/mL"),
		MINUTES("time_above_threshold_min", "at or above 70 ng/mL",
		        s->sum.time_above_min),
	};
	outcome o = new_outcome(st);

	o.warnings = s->pk.warnings;
	if (st == KET_E_RANGE)
		o.message = "check each DOSE: no negative start or duration, "
		            "and an infusion only by iv or sc";
	o.fields = f;
	o.n_fields = N_ITEMS(f);
	o.json_extra = sim_json;
	o.human_extra = sim_human;
	o.data = s;
	o.note = "a population prediction for planning and teaching, not a "
	         "measured level";
	return finish(&o);
}

static int run_simulate(const args *a)
{
	sim *s = &g_sim;
	double horizon = 0.0, every = 0.0;
	ket_status st;
	int r;

	memset(&s->pk, 0, sizeof s->pk);
	memset(&s->sum, 0, sizeof s->sum);
	r = check_horizon(a, &horizon, &every);
	if (r == EXIT_DONE)
		r = read_doses(a, s, horizon);
	if (r != EXIT_DONE)
		return r;
	build_times(s, horizon, every);
	build_rows(s, horizon);
	st = simulate(a, s);
	return sim_result(a, st, s);
}

/* --------------------------------------------------------------- TCI */

typedef struct tci {
	ket_pk_params pk;
	double target_ng_per_ml[MAX_STEPS];
	double rate_mg_per_h[MAX_STEPS];
	double conc_ng_per_ml[MAX_STEPS];
	double end_min[MAX_STEPS];
	size_t n;
	double total_mg;
} tci;

static tci g_tci;

static void tci_json(const void *data)
{
	const tci *t = data;

	j_kv_numbers("end_time_min", t->end_min, t->n);
	j_kv_numbers("rate_mg_per_h", t->rate_mg_per_h, t->n);
	j_kv_numbers("conc_ng_per_ml", t->conc_ng_per_ml, t->n);
}

static void tci_human(const void *data)
{
	const tci *t = data;
	size_t stride = (t->n + TABLE_ROWS - 1) / TABLE_ROWS, i;
	char e[32], r[32], c[32];

	if (stride > 1)
		printf("one step in %s shown (--json gives every step)\n",
		       fmt((double)stride, 0, NULL, e, sizeof e));
	printf("%-14s %-14s %s\n", "step end", "rate", "predicted");
	for (i = 0; i < t->n; i++) {
		if (i % stride != 0 && i + 1 != t->n)
			continue;
		printf("%-14s %-14s %s\n",
		       fmt(t->end_min[i], 2, "min", e, sizeof e),
		       fmt(t->rate_mg_per_h[i], 2, "mg/h", r, sizeof r),
		       fmt(t->conc_ng_per_ml[i], 1, "ng/mL", c, sizeof c));
	}
}

static int tci_result(const args *a, ket_status st, const tci *t)
{
	const field f[] = {
		TEXT("model", NULL, a->text[O_MODEL]),
		TEXT(NULL, "model", label_of(&models, a->ival[O_MODEL])),
		NUM("weight_kg", "weight", a->num[O_WEIGHT], 2, "kg"),
		NUM("age_years", "age", a->given[O_AGE] ? a->num[O_AGE] :
		    (double)NAN, 1, "years"),
		NUM("target_ng_per_ml", "target", a->num[O_TARGET], 1,
		    "ng/mL"),
		NUM("step_s", "step", a->num[O_STEP_S], 0, "s"),
		NUM("steps", "steps", (double)t->n, 0, NULL),
		NUM("max_rate_mg_per_h", "maximum rate", a->num[O_MAX_RATE],
		    2, "mg/h"),
		NUM("total_mg", "total", t->total_mg, 2, "mg"),
		NUM("final_conc_ng_per_ml", "predicted at the end",
		    t->n ? t->conc_ng_per_ml[t->n - 1] : (double)NAN, 1,
		    "ng/mL"),
	};
	outcome o = new_outcome(st);

	o.warnings = t->pk.warnings;
	if (st == KET_E_RANGE)
		o.message = "check --target (0-500 ng/mL), --step-s (1-3600) "
		            "and --max-rate (above 0)";
	o.fields = f;
	o.n_fields = N_ITEMS(f);
	o.json_extra = tci_json;
	o.human_extra = tci_human;
	o.data = t;
	o.note = "an advisory plan (Jacobs 1990) for a clinician to review, "
	         "not a pump programme; predictions are population estimates";
	return finish(&o);
}

/* Steps of step_s seconds covering the minutes.  A step outside the
 * library's 1-3600 s is left for ket_tci_plan to refuse (one step). */
static int tci_steps(const args *a, size_t *n)
{
	double minutes = a->num[O_MINUTES], step_s = a->num[O_STEP_S], k;

	if (!(minutes > 0.0) || minutes > MAX_HOURS * 60.0)
		return invalid(KET_E_RANGE, "--minutes", "--minutes \"%s\" "
		               "must be above 0 and at most 10080",
		               a->text[O_MINUTES]);
	*n = 1;
	if (!(step_s >= 1.0 && step_s <= 3600.0))
		return EXIT_DONE;
	k = ceil(minutes * 60.0 / step_s - 1e-9);
	if (k > (double)MAX_STEPS)
		return invalid(KET_E_RANGE, "--minutes", "--minutes \"%s\" at "
		               "--step-s %s is more than 100000 steps",
		               a->text[O_MINUTES], a->text[O_STEP_S]);
	*n = k < 1.0 ? 1 : (size_t)k;
	return EXIT_DONE;
}

static int run_tci(const args *a)
{
	tci *t = &g_tci;
	ket_patient p = pk_patient(a);
	double step_s = a->num[O_STEP_S];
	ket_status st;
	size_t i;
	int r;

	memset(&t->pk, 0, sizeof t->pk);
	t->total_mg = 0.0;
	r = tci_steps(a, &t->n);
	if (r != EXIT_DONE)
		return r;
	for (i = 0; i < t->n; i++) {
		t->target_ng_per_ml[i] = a->num[O_TARGET];
		t->end_min[i] = (double)(i + 1) * step_s / 60.0;
	}
	st = ket_pk_params_for((ket_pk_model)a->ival[O_MODEL], &p, &t->pk);
	if (st == KET_OK)
		st = ket_tci_plan(&t->pk, t->target_ng_per_ml, t->n, step_s,
		                  a->num[O_MAX_RATE], t->rate_mg_per_h,
		                  t->conc_ng_per_ml);
	for (i = 0; st == KET_OK && i < t->n; i++)
		t->total_mg += t->rate_mg_per_h[i] * step_s / 3600.0;
	return tci_result(a, st, t);
}

/* ========================================================= the table */

#define OPTS(v) v, N_ITEMS(v)

#define USE_WEIGHT \
	{ O_WEIGHT, K_NUM, NULL, "KG", NULL, REQ, "dosing weight in kg" }
#define USE_CONC \
	{ O_CONC, K_NUM, NULL, "MG_PER_ML", NULL, REQ, \
	  "concentration in the syringe or bag, mg/mL" }
#define USE_ROUTE(meta, def) \
	{ O_ROUTE, K_NAME, &routes, meta, def, 0, "route" }
#define USE_PROFILE(def) \
	{ O_PROFILE, K_NAME, &profiles, "P", def, 0, \
	  "built-in limit profile (review before use)" }
#define USE_FORM \
	{ O_FORM, K_NAME, &forms, "F", "racemic", 0, \
	  "the form ordered; must be the profile's" }
#define USE_AGE \
	{ O_AGE, K_NUM, NULL, "Y", NULL, NONNEG, \
	  "age in years (default unknown)" }
#define USE_MODEL \
	{ O_MODEL, K_NAME, &models, "M", NULL, REQ, \
	  "pharmacokinetic model" }

static const opt_use infusion_opts[] = {
	USE_WEIGHT,
	{ O_DOSE, K_NUM, NULL, "N", NULL, REQ, "dose in --unit" },
	{ O_UNIT, K_UNIT, NULL, "UCUM", "mg/kg/h", 0,
	  "dose rate unit (ket_rate_unit_parse)" },
	USE_CONC,
	{ O_STEP, K_NUM, NULL, "ML_PER_H", "0", 0,
	  "pump rate step in mL/h, 0 for none" },
	USE_ROUTE("iv|sc", "iv"),
	USE_PROFILE("low-dose-analgesia"),
	USE_FORM,
};

static const opt_use pump_opts[] = {
	USE_WEIGHT,
	{ O_RATE, K_NUM, NULL, "ML_PER_H", NULL, REQ,
	  "rate the pump is running at, mL/h" },
	USE_CONC,
	USE_ROUTE("iv|sc", "iv"),
	USE_PROFILE("low-dose-analgesia"),
	USE_FORM,
};

static const opt_use bolus_opts[] = {
	USE_WEIGHT,
	{ O_DOSE, K_NUM, NULL, "MG_PER_KG", NULL, REQ, "dose in mg/kg" },
	USE_CONC,
	{ O_STEP, K_NUM, NULL, "ML", "0", 0,
	  "measurable syringe step in mL, 0 for none" },
	USE_ROUTE("iv|sc", "iv"),
	USE_PROFILE("low-dose-analgesia"),
	USE_FORM,
};

static const opt_use weight_opts[] = {
	{ O_WEIGHT, K_NUM, NULL, "KG", NULL, ALT, "actual weight in kg" },
	{ O_LB, K_NUM, NULL, "LB", NULL, ALT, "actual weight in pounds" },
	{ O_HEIGHT, K_NUM, NULL, "CM", NULL, 0,
	  "height in cm (default unknown)" },
	USE_AGE,
	{ O_SEX, K_NAME, &sexes, "female|male", NULL, 0,
	  "sex (default unspecified)" },
	{ O_BASIS, K_NAME, &weight_bases, "B", "actual", 0,
	  "the weight to dose on" },
};

static const opt_use units_opts[] = {
	{ O_WEIGHT, K_NUM, NULL, "KG", NULL, 0,
	  "weight in kg, between a per-kg and an absolute unit" },
};

static const opt_use convert_opts[] = {
	{ O_FROM, K_NAME, &routes, "ROUTE", NULL, REQ, "route given" },
	{ O_TO, K_NAME, &routes, "ROUTE", NULL, REQ, "route wanted" },
	{ O_DOSE, K_NUM, NULL, "MG", NULL, REQ, "dose in mg by --from" },
	{ O_BASIS, K_NAME, &exposure_bases, "B", "ketamine", 0,
	  "exposure to ketamine alone or with norketamine" },
};

static const opt_use form_opts[] = {
	{ O_FROM, K_NAME, &forms, "F", NULL, REQ, "form given" },
	{ O_TO, K_NAME, &forms, "F", NULL, REQ, "form wanted" },
	{ O_DOSE, K_NUM, NULL, "MG", NULL, REQ, "dose in mg of --from" },
};

static const opt_use salt_opts[] = {
	{ O_HCL, K_NUM, NULL, "MG", NULL, ALT, "mg of ketamine hydrochloride" },
	{ O_BASE, K_NUM, NULL, "MG", NULL, ALT, "mg of ketamine base" },
};

static const opt_use limits_opts[] = {
	USE_PROFILE("low-dose-analgesia"),
};

static const opt_use prepare_opts[] = {
	{ O_TOTAL, K_NUM, NULL, "MG", NULL, REQ, "ketamine wanted, mg" },
	{ O_VOLUME, K_NUM, NULL, "ML", NULL, REQ,
	  "final volume after dilution, mL" },
	{ O_STOCK, K_NUM, NULL, "MG_PER_ML", NULL, REQ,
	  "strength of the vial drawn from, mg/mL" },
	USE_ROUTE("ROUTE", "iv"),
};

static const opt_use duration_opts[] = {
	{ O_VOLUME, K_NUM, NULL, "ML", NULL, REQ, "volume in the container" },
	{ O_RATE, K_NUM, NULL, "ML_PER_H", NULL, REQ, "pump rate, mL/h" },
	{ O_HANG, K_NUM, NULL, "H", "0", 0,
	  "longest hang time in hours, 0 for none" },
};

static const opt_use pca_opts[] = {
	USE_WEIGHT,
	{ O_BOLUS, K_NUM, NULL, "MG", NULL, REQ, "PCA bolus, mg" },
	{ O_LOCKOUT, K_NUM, NULL, "MIN", NULL, REQ, "lockout, minutes" },
	{ O_BASAL, K_NUM, NULL, "MG_PER_H", "0", 0,
	  "background infusion, mg/h" },
	{ O_LIMIT_1H, K_NUM, NULL, "MG", "0", 0,
	  "the pump's 1-hour limit, 0 for none" },
	{ O_LIMIT_4H, K_NUM, NULL, "MG", "0", 0,
	  "the pump's 4-hour limit, 0 for none" },
	USE_PROFILE("low-dose-analgesia"),
	USE_FORM,
};

static const opt_use burst_opts[] = {
	USE_WEIGHT,
	USE_CONC,
	{ O_STEP, K_NUM, NULL, "ML_PER_H", "0", 0,
	  "pump rate step in mL/h, 0 for none" },
	{ O_RESPONSE_DAY, K_INT, NULL, "0|1|2|3", "0", 0,
	  "the day whose dose worked, 0 for none yet" },
	USE_ROUTE("sc|iv", "sc"),
	USE_PROFILE("palliative-burst"),
	USE_FORM,
};

static const opt_use oral_opts[] = {
	{ O_PARENTERAL, K_NUM, NULL, "MG_PER_24H", NULL, REQ,
	  "current parenteral dose, mg/24 h" },
	{ O_FROM, K_NAME, &routes, "iv|im|sc", NULL, REQ,
	  "current route" },
	{ O_TO, K_NAME, &routes, "oral|sublingual", NULL, REQ,
	  "new route" },
	{ O_RATIO, K_NUM, NULL, "R", NULL, REQ,
	  "oral mg per parenteral mg, 0.1-2 (1 is sourced practice)" },
	{ O_DOSES, K_INT, NULL, "N", NULL, REQ, "doses per 24 h, 1-6" },
	{ O_SOLUTION, K_NUM, NULL, "MG_PER_ML", NULL, REQ,
	  "oral solution strength, mg/mL" },
	{ O_STEP, K_NUM, NULL, "MG", "0", 0,
	  "dose rounding step in mg, 0 for none" },
	USE_PROFILE("low-dose-analgesia"),
	USE_FORM,
};

static const opt_use simulate_opts[] = {
	USE_MODEL,
	{ O_WEIGHT, K_NUM, NULL, "KG", NULL, REQ, "weight in kg" },
	USE_AGE,
	{ O_HOURS, K_NUM, NULL, "H", "24", 0,
	  "hours simulated, at most 168" },
	{ O_EVERY, K_NUM, NULL, "MIN", "1", 0,
	  "sampling interval in minutes" },
};

static const opt_use tci_opts[] = {
	USE_MODEL,
	{ O_WEIGHT, K_NUM, NULL, "KG", NULL, REQ, "weight in kg" },
	USE_AGE,
	{ O_TARGET, K_NUM, NULL, "NG_PER_ML", NULL, REQ,
	  "plasma target, ng/mL" },
	{ O_MINUTES, K_NUM, NULL, "MIN", NULL, REQ,
	  "length of the plan, minutes" },
	{ O_STEP_S, K_NUM, NULL, "S", "10", 0, "step in seconds, 1-3600" },
	{ O_MAX_RATE, K_NUM, NULL, "MG_PER_H", NULL, REQ,
	  "highest rate allowed, mg/h" },
};

#define NO_OPERANDS NULL, 0, 0, 0

static const subcommand subcommands[] = {
	{ "infusion", "an infusion order as a pump rate (ket_infusion_rate)",
	  NULL, OPTS(infusion_opts), NO_OPERANDS, run_infusion },
	{ "pump", "check a running pump against the limits "
	  "(ket_infusion_check)", NULL, OPTS(pump_opts), NO_OPERANDS,
	  run_pump },
	{ "bolus", "a bolus dose and volume (ket_bolus_dose)", NULL,
	  OPTS(bolus_opts), NO_OPERANDS, run_bolus },
	{ "weight", "the dosing weight (ket_weight_from_lb, "
	  "ket_dosing_weight)", "IDEAL, ADJUSTED and LEAN need --height "
	  "and --sex, and are adult formulas.", OPTS(weight_opts),
	  NO_OPERANDS, run_weight },
	{ "units", "convert a dose rate between units (ket_rate_convert)",
	  "FROM and TO are UCUM codes (ket_rate_unit_parse): mg/kg/h "
	  "ug/kg/min ug/kg/h\nmg/kg/min mg/h mg/min mg/d, also mcg/kg/min, "
	  "mcg/kg/h, mg/24h, mg/(kg.h), ...", OPTS(units_opts),
	  "VALUE FROM TO", 3, 3, 1, run_units },
	{ "convert", "the exposure-matched dose by another route "
	  "(ket_route_equivalent)", "A pharmacokinetic comparison, not an "
	  "order: clinical conversions are more\ncautious.",
	  OPTS(convert_opts), NO_OPERANDS, run_convert },
	{ "form", "racemic ketamine <-> esketamine (ket_form_equivalent)",
	  NULL, OPTS(form_opts), NO_OPERANDS, run_form },
	{ "salt", "ketamine hydrochloride <-> base "
	  "(ket_hydrochloride_to_base)", NULL,
	  OPTS(salt_opts), NO_OPERANDS, run_salt },
	{ "limits", "every limit of a built-in profile "
	  "(ket_limits_for_profile)", "0 means none (as in ket_limits).",
	  OPTS(limits_opts), NO_OPERANDS, run_limits },
	{ "prepare", "stock and diluent for a syringe or bag (ket_prepare)",
	  NULL, OPTS(prepare_opts), NO_OPERANDS, run_prepare },
	{ "duration", "how long a syringe or bag lasts "
	  "(ket_infusion_duration)", NULL, OPTS(duration_opts),
	  NO_OPERANDS, run_duration },
	{ "pca", "the most a PCA programme allows (ket_pca_check)", NULL,
	  OPTS(pca_opts), NO_OPERANDS, run_pca },
	{ "burst", "the day-by-day burst plan (ket_burst_schedule)",
	  "Each escalation is conditional on a daily clinical review.",
	  OPTS(burst_opts), NO_OPERANDS, run_burst },
	{ "oral", "a parenteral dose as an oral regimen "
	  "(ket_oral_conversion)", "The ratio is required: there is no "
	  "hidden default.", OPTS(oral_opts), NO_OPERANDS, run_oral },
	{ "simulate", "predicted plasma concentrations (ket_pk_simulate)",
	  "DOSE is ROUTE:MG@START_MIN (bolus or single dose) or\n"
	  "ROUTE:MG@START_MIN/DURATION_MIN (infusion of MG in total, iv or "
	  "sc);\ne.g. iv:25@0 iv:168@0/1440 oral:50@240.",
	  OPTS(simulate_opts), "DOSE...", 1, MAX_OPERANDS, 0, run_simulate },
	{ "tci", "an advisory plasma-targeted plan (ket_tci_plan)",
	  "A plan for a clinician to review, not a pump programme.",
	  OPTS(tci_opts), NO_OPERANDS, run_tci },
};

static const subcommand *find_sub(const char *name)
{
	size_t i;

	for (i = 0; i < N_ITEMS(subcommands); i++)
		if (strcmp(subcommands[i].name, name) == 0)
			return &subcommands[i];
	return NULL;
}

/* ============================================================== help */

/* Words of a synopsis, wrapped before column 80. */
static void put_word(FILE *out, const char *word, size_t *col)
{
	size_t len = strlen(word);

	if (*col + 1 + len > 79) {
		fputs("\n       ", out);
		*col = 7;
	} else {
		fputc(' ', out);
		(*col)++;
	}
	fputs(word, out);
	*col += len;
}

static void synopsis_options(FILE *out, const subcommand *s, size_t *col)
{
	char word[128], list[128];
	int alts_done = 0;
	size_t i;

	for (i = 0; i < s->n_opts; i++) {
		const opt_use *u = &s->opts[i];

		if (u->flags & ALT) {
			if (alts_done++)
				continue;
			snprintf(word, sizeof word, "(%s)",
			         alt_list(s, " | ", list, sizeof list));
		} else if (u->flags & REQ) {
			snprintf(word, sizeof word, "%s %s", opt_names[u->id],
			         u->meta);
		} else {
			snprintf(word, sizeof word, "[%s %s]",
			         opt_names[u->id], u->meta);
		}
		put_word(out, word, col);
	}
}

static void synopsis(FILE *out, const subcommand *s)
{
	size_t col;

	fprintf(out, "usage: " PROG " [--json] %s", s->name);
	col = strlen("usage: " PROG " [--json] ") + strlen(s->name);
	if (s->operands && s->operands_first)
		put_word(out, s->operands, &col);
	synopsis_options(out, s, &col);
	if (s->operands && !s->operands_first)
		put_word(out, s->operands, &col);
	fputc('\n', out);
}

/* Words of `text` from column `col`, wrapped before column 80 to lines
 * that start at column `indent`. */
static void put_wrapped(FILE *out, const char *text, size_t indent,
                        size_t col)
{
	const char *p = text + strspn(text, " ");
	int first = 1;

	while (*p) {
		size_t len = strcspn(p, " ");

		if (!first && col + 1 + len > 79) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, len, out);
		col += len;
		first = 0;
		p += len;
		p += strspn(p, " ");
	}
	fputc('\n', out);
}

/* The choices, unless the metavariable already lists them ("iv|sc"). */
static const char *option_choices(const opt_use *u, char *buf, size_t size)
{
	if (strchr(u->meta, '|'))
		return NULL;
	if (u->kind == K_NAME)
		return choices(u->names, buf, size);
	if (u->kind == K_UNIT)
		return unit_choices;
	return NULL;
}

static void option_help(FILE *out, const opt_use *u)
{
	char head[64], text[512], list[256];
	const char *one_of = option_choices(u, list, sizeof list);
	size_t indent = 2 + HELP_WIDTH + 1;

	snprintf(head, sizeof head, "%s %s", opt_names[u->id], u->meta);
	snprintf(text, sizeof text, "%s%s%s%s%s%s", u->help,
	         one_of ? ", one of: " : "", one_of ? one_of : "",
	         u->def ? " (default " : (u->flags & REQ) ? " (required)" : "",
	         u->def ? u->def : "", u->def ? ")" : "");
	fprintf(out, "  %-*s ", HELP_WIDTH, head);
	put_wrapped(out, text, indent, strlen(head) > HELP_WIDTH ?
	            2 + strlen(head) + 1 : indent);
}

static const char exit_help[] =
	"exit status: 0 done (warnings are printed), 1 refused or invalid "
	"input,\n2 usage error.\n";

static void sub_help(FILE *out, const subcommand *s)
{
	size_t i;

	synopsis(out, s);
	fprintf(out, "%s: %s.\n", s->name, s->summary);
	if (s->details)
		fprintf(out, "%s\n", s->details);
	fputs("\noptions:\n", out);
	for (i = 0; i < s->n_opts; i++)
		option_help(out, &s->opts[i]);
	fprintf(out, "  %-*s %s\n", HELP_WIDTH, "--json",
	        "one JSON object on standard output");
	fprintf(out, "  %-*s %s\n", HELP_WIDTH, "--help", "this help");
	fputs("Numbers are plain decimals (70, 0.5): \"70kg\", \"1,5\", "
	      "\"nan\" and \"\" are refused.\n", out);
	fputs(exit_help, out);
}

static void main_help(FILE *out)
{
	size_t i;

	fputs("usage: " PROG " [--json] SUBCOMMAND [options]\n"
	      "       " PROG " SUBCOMMAND --help\n"
	      "       " PROG " --help | --version\n", out);
	fprintf(out, "Low-dose ketamine calculations (libketamine %s, "
	        "documented in ketamine.h).\n\nsubcommands:\n",
	        ket_version_string());
	for (i = 0; i < N_ITEMS(subcommands); i++)
		fprintf(out, "  %-9s %s\n", subcommands[i].name,
		        subcommands[i].summary);
	fputs("\noptions:\n"
	      "  --json    one JSON object on standard output (also after "
	      "the subcommand)\n"
	      "  --help    this help\n"
	      "  --version the library version (ket_version_string)\n"
	      "Built-in limit profiles are starting points that a hospital "
	      "must review.\n", out);
	fputs(exit_help, out);
}

/* ============================================================== main */

/* --help or -h anywhere before "--". */
static int wants_help(int argc, char **argv, int i)
{
	for (; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

static int run(int argc, char **argv)
{
	const subcommand *s;
	int i, r;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			g_json = 1;
		} else if (strcmp(argv[i], "--help") == 0 ||
		           strcmp(argv[i], "-h") == 0) {
			main_help(stdout);
			return EXIT_DONE;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("%s\n", ket_version_string());
			return EXIT_DONE;
		} else {
			return usage_error("unknown option '%s'", argv[i]);
		}
	}
	if (i == argc)
		return usage_error("missing SUBCOMMAND");
	s = find_sub(argv[i]);
	if (!s)
		return usage_error("unknown subcommand '%s'", argv[i]);
	g_sub = s;
	if (wants_help(argc, argv, i + 1)) {
		sub_help(stdout, s);
		return EXIT_DONE;
	}
	r = collect(s, argc, argv, i + 1, &g_args);
	if (r == EXIT_DONE)
		r = check_shape(s, &g_args);
	if (r == EXIT_DONE)
		r = read_values(s, &g_args);
	return r == EXIT_DONE ? s->run(&g_args) : r;
}

int main(int argc, char **argv)
{
	int r = run(argc, argv);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, PROG ": error writing standard output\n");
		return EXIT_REFUSED;
	}
	return r;
}
