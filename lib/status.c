/*
 * status.c - names and sentences for statuses, warning bits and report
 * items.  Tables indexed by the enum value, so a new value is one new row.
 */
#include "internal.h"

typedef struct status_text {
	const char *name;
	const char *sentence;
} status_text;

static const status_text statuses[] = {
	[KET_OK] = { "KET_OK", "The calculation succeeded." },
	[KET_E_NULL] = { "KET_E_NULL",
		"A required argument was missing (NULL pointer)." },
	[KET_E_NOT_FINITE] = { "KET_E_NOT_FINITE",
		"An input was not a number or was infinite." },
	[KET_E_WEIGHT] = { "KET_E_WEIGHT",
		"The weight is outside the plausible range of 0.5 to 350 kg." },
	[KET_E_HEIGHT] = { "KET_E_HEIGHT",
		"The height is missing or outside the range the chosen weight "
		"formula allows." },
	[KET_E_SEX] = { "KET_E_SEX",
		"The chosen weight formula needs the patient's sex." },
	[KET_E_DOSE] = { "KET_E_DOSE",
		"The dose or amount is zero or negative." },
	[KET_E_CONCENTRATION] = { "KET_E_CONCENTRATION",
		"The concentration is outside the plausible range or above the "
		"maximum of the dose limits." },
	[KET_E_HARD_LIMIT] = { "KET_E_HARD_LIMIT",
		"The order exceeds a hard limit and was refused." },
	[KET_E_ROUTE] = { "KET_E_ROUTE",
		"The route is unknown or not handled by this calculation." },
	[KET_E_NO_DATA] = { "KET_E_NO_DATA",
		"There are no established clinical data for this conversion, "
		"model or patient." },
	[KET_E_CONTRAINDICATED] = { "KET_E_CONTRAINDICATED",
		"This use is contraindicated (for example a preserved product "
		"by a neuraxial route, or an undiluted vial given IV)." },
	[KET_E_UNIT] = { "KET_E_UNIT",
		"The unit is unknown, or the units cannot be converted into "
		"each other." },
	[KET_E_LIMITS] = { "KET_E_LIMITS",
		"The dose limits are inconsistent or lack a limit this "
		"calculation needs." },
	[KET_E_RANGE] = { "KET_E_RANGE",
		"An argument is outside its documented range." },
	[KET_E_RESOLUTION] = { "KET_E_RESOLUTION",
		"The device step cannot deliver this dose within 10 %; use a "
		"more dilute concentration." },
	[KET_E_BUFFER] = { "KET_E_BUFFER", "The output buffer is too small." },
	[KET_E_FORM] = { "KET_E_FORM",
		"The order's form (racemic or esketamine) differs from the form "
		"the dose limits are written for." },
};

#define N_STATUSES (sizeof statuses / sizeof statuses[0])

const char *ket_status_name(ket_status s)
{
	if ((int)s < 0 || (size_t)s >= N_STATUSES)
		return "KET_E_UNKNOWN";
	return statuses[s].name;
}

const char *ket_strerror(ket_status s)
{
	if ((int)s < 0 || (size_t)s >= N_STATUSES)
		return "Unknown status code.";
	return statuses[s].sentence;
}

static const char *const warning_names[] = {
	"KET_W_BELOW_SOFT_MIN", "KET_W_ABOVE_SOFT_MAX", "KET_W_ABOVE_HARD_MAX",
	"KET_W_CAPPED", "KET_W_ROUNDED", "KET_W_LOW_PUMP_RATE",
	"KET_W_SMALL_VOLUME", "KET_W_VARIABLE_ROUTE", "KET_W_APPROXIMATE",
	"KET_W_NEURAXIAL", "KET_W_OUTSIDE_MODEL", "KET_W_UNUSUAL_WEIGHT",
	"KET_W_EXPOSURE_ONLY",
};

const char *ket_warning_name(uint32_t bit)
{
	size_t i;

	for (i = 0; i < sizeof warning_names / sizeof warning_names[0]; i++) {
		if (bit == (UINT32_C(1) << i))
			return warning_names[i];
	}
	return NULL;
}

static const char *const item_names[] = {
	[KET_ITEM_NONE] = "none",
	[KET_ITEM_WEIGHT] = "weight",
	[KET_ITEM_DOSE] = "dose",
	[KET_ITEM_DOSE_PER_KG] = "dose per kg",
	[KET_ITEM_DOSE_PER_H] = "dose per hour",
	[KET_ITEM_DAILY_TOTAL] = "daily total",
	[KET_ITEM_CONCENTRATION] = "concentration",
	[KET_ITEM_DEVICE_STEP] = "device step",
	[KET_ITEM_PUMP_RATE] = "pump rate",
	[KET_ITEM_VOLUME] = "volume",
	[KET_ITEM_ROUTE] = "route",
	[KET_ITEM_FORM] = "form",
	[KET_ITEM_LIMITS] = "limits",
	[KET_ITEM_LOCKOUT] = "lockout",
	[KET_ITEM_PCA_HOURLY] = "PCA hourly maximum",
	[KET_ITEM_RATIO] = "ratio",
	[KET_ITEM_DOSES_PER_24H] = "doses per 24 h",
	[KET_ITEM_RESPONSE_DAY] = "response day",
	[KET_ITEM_ROUNDING] = "rounding",
	[KET_ITEM_OTHER] = "other",
	[KET_ITEM_UNIT] = "unit",
};

const char *ket_item_name(ket_item item)
{
	if ((int)item < 0 ||
	    (size_t)item >= sizeof item_names / sizeof item_names[0])
		return NULL;
	return item_names[item];
}
