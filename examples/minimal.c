/* minimal.c - the smallest useful program: a 0.1 mg/kg IV bolus for a
 * 70 kg adult from a 5 mg/mL syringe, under the default limit profile.
 * Prints "7 mg in 1.4 mL"; on a refusal prints the reason and exits 1.
 * Build: cc minimal.c $(pkg-config --cflags --libs ketamine) */
#include <stdio.h>

#include <ketamine.h>

int main(void)
{
	const ket_bolus_order order = {
		.weight_kg = 70, .dose_mg_per_kg = 0.1,
		.concentration_mg_per_ml = 5, .syringe_step_ml = 0.1,
		.route = KET_ROUTE_IV, .form = KET_FORM_RACEMIC };
	ket_limits limits;
	ket_bolus bolus;
	char mg[32], ml[32];
	ket_status st;

	st = ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA, &limits);
	if (st == KET_OK)
		st = ket_bolus_dose(&order, &limits, &bolus, NULL);
	if (st == KET_OK)
		st = ket_format_dose(bolus.mg, 2, "mg", 0, mg, sizeof mg);
	if (st == KET_OK)
		st = ket_format_dose(bolus.volume_ml, 2, "mL", 0, ml, sizeof ml);
	if (st != KET_OK) {
		fprintf(stderr, "refused: %s\n", ket_strerror(st));
		return 1;
	}
	printf("%s in %s\n", mg, ml);
	if (bolus.warnings != 0) /* valid, but a clinician must confirm */
		printf("confirm: warnings 0x%x\n", (unsigned)bolus.warnings);
	return 0;
}
