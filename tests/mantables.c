/*
 * mantables.c - prints the tables that ket_limits(3) (PROFILES) and
 * ket_route(3) (ROUTE TABLE) quote, from the library itself, so
 * tests/installcheck.sh can compare each page with the library it documents.
 *
 *   mantables profiles | mantables routes
 *
 * Numbers are printed with %g, "-" where the library has no data.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <ketamine.h>

#define N_PROFILES 4

static const struct {
	const char *name;
	size_t offset;
} fields[] = {
#define FIELD(f) { #f, offsetof(ket_limits, f) }
	FIELD(weight_soft_min_kg),
	FIELD(weight_soft_max_kg),
	FIELD(concentration_max_mg_per_ml),
	FIELD(infusion_soft_min_mg_per_kg_per_h),
	FIELD(infusion_soft_max_mg_per_kg_per_h),
	FIELD(infusion_hard_max_mg_per_kg_per_h),
	FIELD(infusion_soft_max_mg_per_h),
	FIELD(infusion_cap_mg_per_h),
	FIELD(bolus_soft_max_mg_per_kg),
	FIELD(bolus_hard_max_mg_per_kg),
	FIELD(bolus_soft_max_mg),
	FIELD(bolus_cap_mg),
	FIELD(daily_soft_max_mg_per_24h),
	FIELD(daily_hard_max_mg_per_24h),
	FIELD(pca_hard_max_mg_per_kg_per_h),
	FIELD(oral_soft_max_mg_per_24h),
	FIELD(oral_hard_max_mg_per_24h),
#undef FIELD
};

static double field_of(const ket_limits *l, size_t offset)
{
	double v;

	memcpy(&v, (const unsigned char *)l + offset, sizeof v);
	return v;
}

static int profiles(void)
{
	static const ket_profile ids[N_PROFILES] = {
		KET_PROFILE_LOW_DOSE_ANALGESIA, KET_PROFILE_ACUTE_PAIN_ASRA,
		KET_PROFILE_PALLIATIVE_BURST, KET_PROFILE_PEDIATRIC_ANALGESIA,
	};
	ket_limits l[N_PROFILES];
	size_t i, p;

	for (p = 0; p < N_PROFILES; p++) {
		if (ket_limits_for_profile(ids[p], &l[p]) != KET_OK ||
		    l[p].form != KET_FORM_RACEMIC)
			return 1;
	}
	printf("field LOW ASRA BURST CHILD\n");
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		printf("%s", fields[i].name);
		for (p = 0; p < N_PROFILES; p++)
			printf(" %g", field_of(&l[p], fields[i].offset));
		printf("\n");
	}
	return 0;
}

/* " F low high" for one basis, or " - - -"; *variable from the first basis
 * with data. */
static void basis_columns(ket_route r, ket_exposure_basis b,
                          const char **variable)
{
	ket_bioavailability f;

	if (ket_route_bioavailability(r, b, &f) != KET_OK) {
		printf(" - - -");
		return;
	}
	printf(" %g %g %g", f.fraction, f.fraction_low, f.fraction_high);
	if (**variable == '-')
		*variable = (f.warnings & KET_W_VARIABLE_ROUTE) ? "yes" : "no";
}

static int routes(void)
{
	int r;

	printf("route F low high Fn low high variable\n");
	for (r = KET_ROUTE_IV; r <= KET_ROUTE_INTRATHECAL; r++) {
		const char *name = ket_route_name((ket_route)r);
		const char *variable = "-";

		if (name == NULL || strncmp(name, "KET_ROUTE_", 10) != 0)
			return 1;
		printf("%s", name + 10);
		basis_columns((ket_route)r, KET_BASIS_KETAMINE, &variable);
		basis_columns((ket_route)r, KET_BASIS_WITH_NORKETAMINE,
		              &variable);
		printf(" %s\n", variable);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "profiles") == 0)
		return profiles();
	if (argc == 2 && strcmp(argv[1], "routes") == 0)
		return routes();
	fprintf(stderr, "usage: mantables profiles|routes\n");
	return 2;
}
