#include "config.h"

#include <math.h>
#include <stdio.h>

#include "json-number.h"
#include "util.h"

char *json_number_text(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		return str_copy(buf, "null", len);
	/* 17 significant digits always round-trip; fewer are tried first so 0.1 stays "0.1". */
	for (int digits = 15; digits <= 17; digits++) {
		c_snprintf(buf, len, "%.*g", digits, v);
		if (c_strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

cJSON *json_number(double v)
{
	char text[JSON_NUMBER_LEN];
	if (!isfinite(v))
		return cJSON_CreateNull();
	return cJSON_CreateRaw(json_number_text(text, sizeof text, v));
}

cJSON *json_integer(long long v)
{
	char text[JSON_NUMBER_LEN];
	snprintf(text, sizeof text, "%lld", v);
	return cJSON_CreateRaw(text);
}
