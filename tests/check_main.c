/* Runs every suite.  CK_FORK=no for gdb/valgrind; CK_TAP_LOG_FILE_NAME or
 * CK_XML_LOG_FILE_NAME for machine-readable output (Check's own variables). */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(ket_suite_status());
	int failed;

	srunner_add_suite(sr, ket_suite_weight());
	srunner_add_suite(sr, ket_suite_limits());
	srunner_add_suite(sr, ket_suite_infusion());
	srunner_add_suite(sr, ket_suite_bolus());
	srunner_add_suite(sr, ket_suite_units());
	srunner_add_suite(sr, ket_suite_route());
	srunner_add_suite(sr, ket_suite_text());
	srunner_add_suite(sr, ket_suite_regimen());
	srunner_add_suite(sr, ket_suite_pk());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
