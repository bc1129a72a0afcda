/* results-json.h - the JSON form of the pieces of a run, shared by the journal, the JSON report
 * and the report loader, so that what one writes the others read back.
 *
 * Missing figures (NAN) are written as null and read back as NAN; a missing or mistyped key
 * reads as NAN, 0 or "" as the field's type suggests. The cJSON objects returned belong to
 * the caller.
 */
#ifndef BENCHTOP_RESULTS_JSON_H
#define BENCHTOP_RESULTS_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "results.h"

/* A number that reads back as exactly v (json-number.h: raw text, for printing), or null for
 * NAN and infinities. */
cJSON *results_json_number(double v);
/* obj[key] as a number; NAN when absent or null. */
double results_json_get_number(const cJSON *obj, const char *key);
/* obj[key] as a string; "" when absent or not a string. */
const char *results_json_get_string(const cJSON *obj, const char *key);

/* "2024-05-01T12:34:56Z" for Unix seconds t. */
char *results_json_iso_time(char *buf, size_t len, double t);
/* The enum for a test_status_name; -1 when none has that name. */
int results_json_status(const char *name, enum test_status *out);

cJSON *results_json_system(const struct system_info *si);
void   results_json_system_read(const cJSON *obj, struct system_info *si);
/* The run's header (started_unix, benchtop_version, system) from a report's root or a journal's
 * run line, into r: the one reader of what both write. */
void   results_json_run_read(const cJSON *obj, struct run_results *r);

/* Adds suite, name, kind, variant (an object), metric, unit, better and thresholds to obj;
 * with `plan` also iterations, warmup, min_time and timeout. */
void results_json_info(cJSON *obj, const struct test_info *in, int plan);
void results_json_info_read(const cJSON *obj, struct test_info *in);

/* The during figures as a report shows them (means and peaks), and back. */
cJSON *results_json_during(const struct test_during *d);
void   results_json_during_read(const cJSON *obj, struct test_during *d);

/* A run_event's noise bits as an array of reason names (null for -1), and back. */
cJSON *results_json_noise_bits(int bits);
int    results_json_noise_bits_read(const cJSON *v);

/* Adds a test's "noise" {disturbed, measured, reasons}, "precision" {target, reached},
 * "stopped_by" and "warmup" ("auto" or "fixed") to o. */
void results_json_rigor(cJSON *o, const struct test_result *t);
/* Reads them back into t (its info.precision and warmup_auto too). */
void results_json_rigor_read(const cJSON *o, struct test_result *t);

/* Adds the run's "order" and "seed" (null unless shuffled) to o, and back; seeds are at most
 * ORDER_MAX_SEED, exact as JSON numbers. */
void results_json_run(cJSON *o, const struct run_results *r);

#endif
