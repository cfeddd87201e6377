/* The Check suites, one per area; tests/check_main.c runs them all. */
#ifndef KET_TEST_SUITES_H
#define KET_TEST_SUITES_H

#include <check.h>

Suite *ket_suite_status(void);   /* version, statuses, warnings, reports */
Suite *ket_suite_weight(void);   /* ket_weight_from_lb, ket_dosing_weight */
Suite *ket_suite_limits(void);   /* profiles, ket_limits_validate */
Suite *ket_suite_infusion(void); /* ket_infusion_rate, ket_infusion_check */
Suite *ket_suite_bolus(void);    /* ket_bolus_dose */
Suite *ket_suite_units(void);    /* rate units: convert, parse, UCUM */
Suite *ket_suite_route(void);    /* routes, forms, salts, strengths */
Suite *ket_suite_text(void);     /* ket_parse_decimal, ket_format_dose */
Suite *ket_suite_regimen(void);  /* prepare, duration, PCA, burst, oral */
Suite *ket_suite_pk(void);       /* PK models, simulation, summary, TCI */

#endif
