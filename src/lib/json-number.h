/* json-number.h - numbers written to JSON (and the CSV report) so that they read back as the
 * very same double.
 *
 * cJSON prints a number with "%1.15g" and keeps that text whenever it reads back within
 * DBL_EPSILON * |x| of the value, so a sample, a mean or a seed of 2^53 - 1 can come back one
 * unit in the last place off. These write the shortest of "%.15g", "%.16g" and "%.17g" that
 * strtod gives back exactly ("%.17g" always does), and whole numbers as integers.
 *
 * The items are raw text (cJSON_Raw), not cJSON numbers: they are for printing. Code that
 * reads a tree back in the same process must parse the printed text, as a reader of the
 * file would.
 */
#ifndef BENCHTOP_JSON_NUMBER_H
#define BENCHTOP_JSON_NUMBER_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Longest text json_number_text writes, the terminator included. */
#define JSON_NUMBER_LEN 32

/* The shortest decimal that reads back as v, '.' as the decimal point whatever the locale;
 * "null" for NAN and infinities. */
char  *json_number_text(char *buf, size_t len, double v);
/* v as an exact JSON number; null for NAN and infinities. NULL when out of memory. */
cJSON *json_number(double v);
/* A whole number as its digits: exact for all of long long, past 2^53 too. */
cJSON *json_integer(long long v);

#endif
