/* capture.h - runs one of benchtop's commands in-process with its stdout and stderr
 * captured, for the tests of `benchtop compare` and `benchtop report`. */
#ifndef BENCHTOP_TEST_CAPTURE_H
#define BENCHTOP_TEST_CAPTURE_H

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static inline void capture_read(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, len - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
}

/* cmd(argc, argv) with its output in out and err (files under dir); returns its exit status. */
static inline int capture_cmd(int (*cmd)(int, char **), int argc, const char **argv, const char *dir,
                              char *out, size_t outlen, char *err, size_t errlen)
{
	char outp[512], errp[512];
	snprintf(outp, sizeof outp, "%s/stdout", dir);
	snprintf(errp, sizeof errp, "%s/stderr", dir);
	fflush(stdout);
	fflush(stderr);
	int o = dup(1), e = dup(2);
	int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644), fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fo, 1);
	dup2(fe, 2);
	int rc = cmd(argc, (char **)argv);
	fflush(stdout);
	fflush(stderr);
	dup2(o, 1);
	dup2(e, 2);
	close(o);
	close(e);
	close(fo);
	close(fe);
	capture_read(outp, out, outlen);
	capture_read(errp, err, errlen);
	return rc;
}

#endif
