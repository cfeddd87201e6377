/* main.c - the CMake example (examples/cmake/CMakeLists.txt): one infusion
 * dose, 0.1 mg/kg/h, in every rate unit the library knows, for a weight
 * given on the command line (default 70 kg).
 *
 *   ketamine_units [weight_kg]
 *
 * The weight is read with ket_parse_decimal, so "70kg" and "1,5" are
 * refused; the units are the clinical spellings ket_rate_unit_parse accepts
 * ("mcg", never "ug", on a screen: ISMP); every number is written by
 * ket_format_dose. */
#include <stdio.h>

#include <ketamine.h>

#define DOSE_MG_PER_KG_PER_H 0.1

static const char *const labels[] = {
	"mg/kg/h", "mcg/kg/min", "mcg/kg/h", "mg/kg/min", "mg/h", "mg/min",
	"mg/24h",
};

static ket_status convert(double weight_kg, const char *label, char *text,
                          size_t size)
{
	ket_rate_unit unit;
	double value;
	ket_status st = ket_rate_unit_parse(label, &unit);

	if (st == KET_OK)
		st = ket_rate_convert(DOSE_MG_PER_KG_PER_H,
		                      KET_UNIT_MG_PER_KG_PER_H, unit, weight_kg,
		                      &value);
	if (st == KET_OK)
		st = ket_format_dose(value, 4, label, 0, text, size);
	return st;
}

int main(int argc, char **argv)
{
	double weight_kg = 70.0;
	size_t i;

	if (argc > 2 || (argc == 2 &&
	                 ket_parse_decimal(argv[1], &weight_kg) != KET_OK)) {
		fprintf(stderr, "usage: ketamine_units [weight_kg] "
		        "(a plain decimal number, e.g. 82.5)\n");
		return 2;
	}
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		char text[64];
		ket_status st = convert(weight_kg, labels[i], text, sizeof text);

		if (st != KET_OK) {
			fprintf(stderr, "ketamine_units: %s\n", ket_strerror(st));
			return 1;
		}
		printf("%s\n", text);
	}
	return 0;
}
