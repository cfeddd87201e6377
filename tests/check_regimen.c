/* Placeholder: the regimen suite is being written (issue 4). */
#include "suites.h"

Suite *ket_suite_regimen(void)
{
	return suite_create("regimen");
}
