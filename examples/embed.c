/* The smallest complete use of libketamine (README.md quotes it): 0.1
 * mg/kg/h for 70 kg from a 1 mg/mL syringe, as a pump rate: "7 mL/h". */
#include <stdio.h>

#include <ketamine.h>

int main(void)
{
	const ket_infusion_order order = {
		.weight_kg = 70, .dose = 0.1,
		.dose_unit = KET_UNIT_MG_PER_KG_PER_H,
		.concentration_mg_per_ml = 1, .pump_step_ml_per_h = 0.1,
		.route = KET_ROUTE_IV, .form = KET_FORM_RACEMIC };
	ket_limits limits;
	ket_infusion pump;
	ket_report report = { 0 };
	char rate[32], why[1024] = "";
	ket_status st;

	st = ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA, &limits);
	if (st == KET_OK)
		st = ket_infusion_rate(&order, &limits, &pump, &report);
	if (st == KET_OK)
		st = ket_format_dose(pump.rate_ml_per_h, 2, "mL/h", 0, rate,
		                     sizeof rate);
	if (ket_report_format(&report, why, sizeof why) != KET_OK)
		why[0] = '\0';
	if (st != KET_OK) {
		fprintf(stderr, "refused: %s %s\n", ket_strerror(st), why);
		return 1;
	}
	printf("%s\n", rate);
	if (pump.warnings != 0) /* valid, but a clinician must confirm */
		printf("confirm: %s\n", why);
	return 0;
}
