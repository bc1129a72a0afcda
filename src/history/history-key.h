/* history-key.h - the key that makes a run one row of the history, however it got there.
 *
 * A run is recorded when it ends, again when its JSON report is imported, again when its journal
 * is rebuilt by `benchtop report`: all three must find the same key, so the second and third add
 * nothing. The key hashes the run's start time and every recorded test's suite, name, variant and
 * samples. Reports and journals now keep every number exactly (json-number.h), but those written
 * by earlier versions came from cJSON's 15 significant digits, which may read back one unit in
 * the last place off. So values are hashed as their 15 significant digits (DBL_DIG, which every
 * double keeps through such a round trip), never as bits, and old reports still find their run.
 */
#ifndef BENCHTOP_HISTORY_KEY_H
#define BENCHTOP_HISTORY_KEY_H

#include <stddef.h>

#include "results.h"

/* 1 for a test the history records: every test that started (stopped ones too). */
int history_test_recorded(const struct test_result *t);

/* 16 hex digits identifying the run's measurements. */
char *history_run_key(char *buf, size_t len, const struct run_results *r);
/* The key as benchtop computed it before (values' bits): a database recorded then holds these,
 * and a report imported then must still be found when it is imported again. */
char *history_run_key_bits(char *buf, size_t len, const struct run_results *r);

/* v (finite, not 0) rounded to 15 significant digits, as *m * 10^*q with *m from 1e14 to
 * 1e15 - 1: the digits and exponent printf's "%.14e" writes for |v|. */
void history_key_digits(double v, long long *m, int *q);

#endif
