/* Preset suites: the directories searched, a name to its path, the list of presets. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "suggest.h"
#include "suite-private.h"
#include "suite-matrix.h"
#include "suite.h"

/* The preset directories, in the order they are searched. */
static size_t preset_dirs(char dirs[3][512])
{
	size_t n = 0;
	const char *env = getenv("BENCHTOP_DATA_DIR");
	if (env && *env)
		snprintf(dirs[n++], 512, "%s/suites", env);
	snprintf(dirs[n++], 512, "%s/suites", BENCHTOP_SRCDIR);
	snprintf(dirs[n++], 512, "%s/suites", BENCHTOP_DATADIR);
	return n;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int suite_preset_path(const char *name, char *path, size_t len)
{
	if (!*name || !suite_matrix_key_ok(name))
		return -1;
	char dirs[3][512];
	size_t n = preset_dirs(dirs);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, len, "%s/%s.json", dirs[i], name);
		if (is_file(path))
			return 0;
	}
	return -1;
}

/* Every preset name once, in directory order then name order. */
struct preset_list {
	char (*name)[64];
	char (*path)[600];
	size_t n, cap;
};

static void presets_collect(struct preset_list *pl)
{
	char dirs[3][512];
	size_t nd = preset_dirs(dirs);
	for (size_t d = 0; d < nd; d++) {
		struct dirent **ents;
		int ne = scandir(dirs[d], &ents, NULL, alphasort);
		for (int e = 0; e < ne; e++) {
			char name[64];
			size_t len = strlen(ents[e]->d_name);
			int dup = 0;
			if (len > 5 && len - 5 < sizeof name && strcmp(ents[e]->d_name + len - 5, ".json") == 0) {
				memcpy(name, ents[e]->d_name, len - 5);
				name[len - 5] = '\0';
				char path[600];
				snprintf(path, sizeof path, "%s/%s", dirs[d], ents[e]->d_name);
				for (size_t i = 0; i < pl->n; i++)
					dup |= strcmp(pl->name[i], name) == 0;
				if (!dup && suite_matrix_key_ok(name) && is_file(path)) {
					if (pl->n == pl->cap) {
						size_t cap = pl->cap ? pl->cap * 2 : 16;
						void *a = realloc(pl->name, cap * sizeof *pl->name);
						if (a)
							pl->name = a;
						void *b = realloc(pl->path, cap * sizeof *pl->path);
						if (b)
							pl->path = b;
						if (a && b)
							pl->cap = cap;
					}
					if (pl->n < pl->cap) {
						memcpy(pl->name[pl->n], name, sizeof name);
						memcpy(pl->path[pl->n], path, sizeof path);
						pl->n++;
					}
				}
			}
			free(ents[e]);
		}
		if (ne >= 0)
			free(ents);
	}
}

void suite_presets_each(void (*fn)(void *arg, const char *name, const char *path), void *arg)
{
	struct preset_list pl = { 0 };
	presets_collect(&pl);
	for (size_t i = 0; i < pl.n; i++)
		fn(arg, pl.name[i], pl.path[i]);
	free(pl.name);
	free(pl.path);
}

int suite_unknown_preset(const char *name, char *why, size_t whylen)
{
	struct preset_list pl = { 0 };
	presets_collect(&pl);
	const char *names[64];
	size_t n = pl.n < 64 ? pl.n : 64;
	char list[300] = "";
	for (size_t i = 0; i < n; i++) {
		names[i] = pl.name[i];
		strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, pl.name[i], sizeof list - strlen(list) - 1);
	}
	const char *near = suggest_nearest(name, names, n);
	if (near)
		snprintf(why, whylen, "unknown suite '%s' (did you mean '%s'?); give a preset name or the path "
		         "of a .json file", name, near);
	else if (n)
		snprintf(why, whylen, "unknown suite '%s': presets are %s; or give the path of a .json file", name, list);
	else
		snprintf(why, whylen, "unknown suite '%s': no presets found; give the path of a .json file", name);
	free(pl.name);
	free(pl.path);
	return -1;
}
