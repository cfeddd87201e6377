// example.cpp - libketamine from C++11 through <ketamine.h> (extern "C").
//
// Prints the pump rates of a low-dose ketamine infusion for a 70 kg adult
// at 0.05 to 0.2 mg/kg/h from a 1 mg/mL syringe, then an order the default
// limits refuse, with the library's reason.  C++11 has no designated
// initialisers, so each struct is value-initialised ({}) and its fields set
// by name.
//
// Build: c++ -std=c++11 example.cpp $(pkg-config --cflags --libs ketamine)
#include <cmath>
#include <iostream>
#include <string>

#include <ketamine.h>

namespace {

// A number as ket_format_dose writes it ("7 mL/h", "0.1 mg/kg/h"), or "-".
std::string format(double value, const char *unit)
{
	char buf[64];

	if (ket_format_dose(value, 2, unit, 0, buf, sizeof buf) != KET_OK)
		return "-";
	return buf;
}

// The report's sentences, or "" when they do not fit.
std::string reasons(const ket_report &report)
{
	char buf[1024];

	if (ket_report_format(&report, buf, sizeof buf) != KET_OK)
		return "";
	return buf;
}

ket_infusion_order order_for(double dose_mg_per_kg_per_h)
{
	ket_infusion_order order = {};

	order.weight_kg = 70.0;
	order.dose = dose_mg_per_kg_per_h;
	order.dose_unit = KET_UNIT_MG_PER_KG_PER_H;
	order.concentration_mg_per_ml = 1.0;
	order.pump_step_ml_per_h = 0.1;
	order.route = KET_ROUTE_IV;
	order.form = KET_FORM_RACEMIC;
	return order;
}

} // namespace

int main()
{
	ket_limits limits = {};
	if (ket_limits_for_profile(KET_PROFILE_LOW_DOSE_ANALGESIA, &limits) !=
	    KET_OK) {
		std::cerr << "no built-in profile\n";
		return 1;
	}
	if (ket_version_number() != KET_VERSION_NUMBER) {
		std::cerr << "header " << KET_VERSION_STRING << " but library "
		          << ket_version_string() << "\n";
		return 1;
	}

	const double doses[] = { 0.05, 0.1, 0.15, 0.2 };
	for (double dose : doses) {
		const ket_infusion_order order = order_for(dose);
		ket_infusion pump = {};
		ket_report report = {};
		const ket_status st =
			ket_infusion_rate(&order, &limits, &pump, &report);

		if (st != KET_OK) {
			std::cerr << "refused: " << ket_status_name(st) << ": "
			          << reasons(report) << "\n";
			return 1;
		}
		std::cout << format(dose, "mg/kg/h") << " -> "
		          << format(pump.rate_ml_per_h, "mL/h");
		if (pump.warnings != 0)
			std::cout << " (confirm: " << reasons(report) << ")";
		std::cout << "\n";
	}

	// 0.6 mg/kg/h is above the profile's hard maximum: refused, and the
	// outputs are NaN (fail-safe), never a plausible rate.
	const ket_infusion_order bad = order_for(0.6);
	ket_infusion pump = {};
	ket_report report = {};
	const ket_status st = ket_infusion_rate(&bad, &limits, &pump, &report);
	if (st != KET_E_HARD_LIMIT || !std::isnan(pump.rate_ml_per_h)) {
		std::cerr << "expected a refusal with NaN outputs\n";
		return 1;
	}
	std::cout << "0.6 mg/kg/h -> " << ket_status_name(st) << ": "
	          << reasons(report) << "\n";
	return 0;
}
