/* fuzz-sources.c - the /proc and /sys readers, on a fixture root: each input replaces one file
 * of a copy of tests/fixtures (its first byte picks which), every source is opened and
 * sampled twice, and the file is put back, so each input is judged alone. */
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "fuzz.h"
#include "source.h"

#define MAX_FILES 256

static char root[512], sysfs[600], proc[600];
static char *file_path[MAX_FILES], *file_text[MAX_FILES];
static size_t file_len[MAX_FILES], nfiles;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(65536);
	*len = buf ? fread(buf, 1, 65536, f) : 0;
	fclose(f);
	return buf;
}

static void put(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(text, 1, len, f);
	fclose(f);
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F && nfiles < MAX_FILES) {
		file_text[nfiles] = slurp(path, &file_len[nfiles]);
		file_path[nfiles] = strdup(path);
		if (file_text[nfiles] && file_path[nfiles])
			nfiles++;
	}
	return 0;
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/benchtop-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		abort();
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cp -R '%s/tests/fixtures/sysfs' '%s/tests/fixtures/proc' '%s/' && chmod -R u+w '%s'",
	         BENCHTOP_SRCDIR, BENCHTOP_SRCDIR, root, root);
	if (system(cmd) != 0)
		abort();
	snprintf(sysfs, sizeof sysfs, "%s/sysfs", root);
	snprintf(proc, sizeof proc, "%s/proc", root);
	nftw(root, collect, 16, FTW_PHYS);
	if (!nfiles)
		abort();
	/* By name, so an input's first byte picks the same file on every file system. */
	for (size_t i = 1; i < nfiles; i++)
		for (size_t j = i; j > 0 && strcmp(file_path[j - 1], file_path[j]) > 0; j--) {
			char *p = file_path[j], *t = file_text[j];
			size_t l = file_len[j];
			file_path[j] = file_path[j - 1];
			file_text[j] = file_text[j - 1];
			file_len[j] = file_len[j - 1];
			file_path[j - 1] = p;
			file_text[j - 1] = t;
			file_len[j - 1] = l;
		}
}

static void cleanup(void)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct frame frame;
	if (!nfiles) {
		setup();
		atexit(cleanup);
	}
	if (size < 1)
		return 0;
	size_t k = data[0] % nfiles;
	put(file_path[k], (const char *)data + 1, size - 1);
	struct source_env env = { .sysfs_root = sysfs, .proc_root = proc, .nvml_path = "" };
	for (int i = 0; source_table[i]; i++) {
		const struct source_class *c = source_table[i];
		if (!strcmp(c->name, "statgrab") || !strncmp(c->name, "gpu.nvml", 8))
			continue;   /* libstatgrab reads the real machine; NVML is a library, not a file */
		void *priv = NULL;
		char why[256];
		if (c->open(&env, &priv, why, sizeof why) < 0)
			continue;
		for (int n = 0; n < 2; n++) {
			frame_clear(&frame);
			frame.mono = 1.0 + n;
			frame.t = 1e9 + n;
			c->sample(priv, &frame);
		}
		if (c->close)
			c->close(priv);
	}
	put(file_path[k], file_text[k], file_len[k]);
	return 0;
}
