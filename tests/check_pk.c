/* Placeholder: the PK suite is being written (issue 5). */
#include "suites.h"

Suite *ket_suite_pk(void)
{
	return suite_create("pk");
}
