/* version.c - the version of the library linked at run time. */
#include "internal.h"

int ket_version_number(void)
{
	return KET_VERSION_NUMBER;
}

const char *ket_version_string(void)
{
	return KET_VERSION_STRING;
}
