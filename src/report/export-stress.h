/* export-stress.h - the reports' stress section: what each stressor did over the run (the
 * summary printed at exit, stress-tally.h), the machine's peaks meanwhile, the thermal guard and
 * the throttle counters. JSON gets figures in the generators' own units (null when unknown),
 * Markdown and HTML the figures people read. Nothing at all when no stressor ran. CSV keeps
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

#endif
