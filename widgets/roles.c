#include "config.h"

#include <string.h>

#include "roles.h"

#define ROLE_ROW_(e, n, m, h) [ROLE_##e] = { .name = n, .mono = m, .help = h },
const struct role_info role_table[ROLE_COUNT] = { ROLE_LIST(ROLE_ROW_) };
#undef ROLE_ROW_

int role_from_name(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (!strcmp(role_table[i].name, name))
			return i;
	return -1;
}

const char *role_name(int role)
{
	return role >= 0 && role < ROLE_COUNT ? role_table[role].name : "?";
}
