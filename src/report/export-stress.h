/* export-stress.h - the reports' stress section: what each stressor did over the run (the
 * summary printed at exit, stress-tally.h), the state of each generator and device at the end
 * (ok, FAULTY, stopped with why, never started), the machine's peaks meanwhile, the thermal guard
 * and the throttle counters, and whether the stress run passed. JSON gets figures in the
 * generators' own units (null when unknown), Markdown and HTML the figures people read, JUnit a
 * testsuite "stress" (export-stress-junit.c). Nothing at all when no stressor ran. CSV keeps
 * one row per test and has no stress rows.
 */
#ifndef BENCHTOP_EXPORT_STRESS_H
#define BENCHTOP_EXPORT_STRESS_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "results.h"

void export_stress_json(cJSON *root, const struct run_results *r);
void export_stress_md(FILE *f, const struct run_results *r);
void export_stress_html(FILE *f, const struct run_results *r);
/* JUnit: the testcases of the stress testsuite, and how many failed or were skipped (devices
 * that checked nothing), for the report's totals; returns its seconds. Then the testsuite. */
double export_stress_junit_count(const struct run_results *r, size_t *tests, size_t *failures, size_t *skipped);
void export_stress_junit(FILE *f, const struct run_results *r, const char *timestamp, const char *hostname);

#endif
