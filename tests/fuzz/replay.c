/* replay.c - runs a harness's LLVMFuzzerTestOneInput over files, without libFuzzer: the seed
 * corpus and the regression inputs, under the sanitizers `make check` was configured with.
 *   replay-NAME [FILE|DIR]...    with no arguments: tests/fuzz/corpus/NAME and
 *                                tests/fuzz/regress/NAME in the source tree
 * Exits 0 when every input ran through (a crash ends the process as the sanitizer decides). */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME names the harness (suite, theme, ...)"
#endif

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *grown = realloc(buf, cap *= 2);
			if (!grown) {
				free(buf);
				buf = NULL;
			}
			buf = grown;
		}
	}
	fclose(f);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	/* An exact-size copy, so ASan sees a read past the end of the input. */
	uint8_t *exact = malloc(n ? n : 1);
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_path(const char *path, size_t *count)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return replay_file(path);
	}
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char **grown = realloc(names, (n + 1) * sizeof *names);
		if (!grown)
			break;
		names = grown;
		names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
		sprintf(names[n], "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, entry_cmp);   /* the same order every time */
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (replay_path(names[i], count) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			rc |= replay_path(argv[i], &count);
	} else {
		const char *src = getenv("top_srcdir");
		char dir[4096];
		static const char *const kinds[] = { "corpus", "regress" };
		for (size_t k = 0; k < 2; k++) {
			snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", src && *src ? src : BENCHTOP_SRCDIR, kinds[k],
			         FUZZ_NAME);
			struct stat st;
			if (stat(dir, &st) == 0)
				rc |= replay_path(dir, &count);
		}
	}
	printf("replay-%s: %zu inputs ran through\n", FUZZ_NAME, count);
	if (count == 0) {
		fprintf(stderr, "replay-%s: no inputs found\n", FUZZ_NAME);
		return 1;
	}
	return rc ? 1 : 0;
}
