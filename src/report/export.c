#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "export.h"
#include "fmt-units.h"
#include "util.h"

#define EXPORTER_REF(name) &export_##name,

const struct exporter_class *const exporter_table[] = {
	EXPORTER_LIST(EXPORTER_REF)
	NULL,
};

const struct exporter_class *export_find(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	if (!dot)
		return NULL;
	for (const struct exporter_class *const *c = exporter_table; *c; c++)
		if (strcasecmp(dot + 1, (*c)->ext) == 0)
			return *c;
	return NULL;
}

char *export_formats(char *buf, size_t len, const char *dot, const char *sep)
{
	size_t used = 0;
	buf[0] = '\0';
	for (const struct exporter_class *const *c = exporter_table; *c && used < len; c++) {
		int n = snprintf(buf + used, len - used, "%s%s%s", used ? sep : "", dot, (*c)->ext);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}

int export_path(const char *path, const struct run_results *r, char *why, size_t whylen)
{
	const struct exporter_class *cls = export_find(path);
	if (!cls) {
		char exts[128];
		export_formats(exts, sizeof exts, ".", ", ");
		snprintf(why, whylen, "%s: unknown report format; the name must end in one of %s", path, exts);
		return -1;
	}
	return export_atomic(path, cls, r, why, whylen);
}

/* mkdir -p */
static int export_mkdirs(const char *dir, char *why, size_t whylen)
{
	char p[4096];
	if (strlen(dir) >= sizeof p) {
		snprintf(why, whylen, "%.200s...: directory name too long", dir);
		return -1;
	}
	str_copy(p, dir, sizeof p);
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			snprintf(why, whylen, "%s: %s", p, strerror(errno));
			return -1;
		}
		if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
			snprintf(why, whylen, "%s: not a directory", p);
			return -1;
		}
		*s = c;
		if (!c)
			break;
	}
	return 0;
}

int export_dir(const char *dir, const char *stem, const struct run_results *r, char *why, size_t whylen)
{
	if (export_mkdirs(dir, why, whylen) < 0)
		return -1;
	for (const struct exporter_class *const *c = exporter_table; *c; c++) {
		char path[4096];
		if (snprintf(path, sizeof path, "%s/%s.%s", dir, stem, (*c)->ext) >= (int)sizeof path) {
			snprintf(why, whylen, "%.200s/%s: file name too long", dir, stem);
			return -1;
		}
		if (export_atomic(path, *c, r, why, whylen) < 0)
			return -1;
	}
	return 0;
}

/* fsync a directory so a rename in it survives a power cut. */
static int export_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int export_atomic(const char *path, const struct exporter_class *cls, const struct run_results *r,
                  char *why, size_t whylen)
{
	char dir[4096], tmp[4096 + 64];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (strlen(path) >= sizeof dir) {
		snprintf(why, whylen, "%.200s...: file name too long", path);
		return -1;
	}
	if (!slash)
		str_copy(dir, ".", sizeof dir);
	else if (slash == path)
		str_copy(dir, "/", sizeof dir);
	else
		str_copy(dir, path, (size_t)(slash - path) + 1);
	snprintf(tmp, sizeof tmp, "%s/.%s.tmpXXXXXX", dir, base);

	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	mode_t mask = umask(0);   /* read the umask: there is no other way */
	umask(mask);
	fchmod(fd, 0644 & ~mask);   /* mkstemp's 0600 would hide the report from a team; umask 077 is honoured */
	FILE *f = fdopen(fd, "w");
	if (!f) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (cls->write(f, r, why, whylen) < 0) {
		char inner[256];
		str_copy(inner, why, sizeof inner);
		snprintf(why, whylen, "%s: %s", path, inner);
		fclose(f);
		unlink(tmp);
		return -1;
	}
	int err = 0;
	errno = 0;
	if (fflush(f) == EOF || ferror(f))
		err = errno ? errno : EIO;
	else if (fsync(fd) < 0)
		err = errno;
	if (fclose(f) == EOF && !err)
		err = errno;
	if (!err && rename(tmp, path) < 0)
		err = errno;
	if (err) {
		snprintf(why, whylen, "%s: %s", path, strerror(err));
		unlink(tmp);
		return -1;
	}
	export_sync_dir(dir);
	return 0;
}

char *export_variant_label(char *buf, size_t len, const char *variant_json)
{
	if (!len)
		return buf;
	buf[0] = '\0';
	cJSON *v = cJSON_Parse(variant_json);
	if (!cJSON_IsObject(v)) {
		cJSON_Delete(v);
		return str_copy(buf, variant_json, len);
	}
	size_t used = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, v) {
		char val[128];
		if (cJSON_IsString(item)) {
			str_copy(val, item->valuestring, sizeof val);
		} else if (cJSON_IsNumber(item)) {
			c_snprintf(val, sizeof val, "%.15g", item->valuedouble);
		} else {
			char *text = cJSON_PrintUnformatted(item);
			str_copy(val, text ? text : "", sizeof val);
			cJSON_free(text);
		}
		int n = snprintf(buf + used, len - used, "%s%s=%s", used ? " " : "", item->string, val);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	cJSON_Delete(v);
	return buf;
}

double export_test_seconds(const struct test_result *t)
{
	static const struct { const char *unit; double seconds; } times[] = {
		{ "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "ns", 1e-9 },
	};
	double sum = 0;
	int any = 0;
	for (size_t u = 0; u < sizeof times / sizeof times[0]; u++) {
		if (strcmp(t->info.unit, times[u].unit) != 0)
			continue;
		for (size_t i = 0; i < t->n; i++)
			if (isfinite(t->samples[i])) {
				sum += t->samples[i] * times[u].seconds;
				any = 1;
			}
		if (any)
			return sum;
	}
	for (size_t i = 0; i < t->n; i++)
		if (isfinite(t->wall_s[i])) {
			sum += t->wall_s[i];
			any = 1;
		}
	if (any)
		return sum;
	if (isfinite(t->started_t) && isfinite(t->ended_t) && t->ended_t >= t->started_t)
		return t->ended_t - t->started_t;
	return 0;
}

int export_regressed(const struct test_result *t)
{
	return t->has_baseline && t->baseline.verdict == VERDICT_REGRESSED;
}

char *export_baseline_text(char *buf, size_t len, const struct test_result *t, double tolerance_pct)
{
	if (!t->has_baseline) {
		str_copy(buf, "", len);
		return buf;
	}
	const struct comparison *c = &t->baseline;
	char change[64] = "no change figure", p[32] = "";
	if (isfinite(c->change_pct) && isfinite(c->ci_lo_pct))
		c_snprintf(change, sizeof change, "%+.1f %% [%+.1f, %+.1f]", c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
	else if (isfinite(c->change_pct))
		c_snprintf(change, sizeof change, "%+.1f %%", c->change_pct);
	if (isfinite(c->p_utest))
		c_snprintf(p, sizeof p, ", U test p %.3g", c->p_utest);
	c_snprintf(buf, len, "median %.6g %s against %.6g %s in the baseline: %s%s, %s (tolerance %g %%)", c->new_median,
	           t->info.unit, c->old_median, t->info.unit, change, p, verdict_name(c->verdict), tolerance_pct);
	return buf;
}

void export_system_line(const struct run_results *r, struct export_system *out)
{
	const struct system_info *si = &r->system;
	char mem[32];
	int n = 0;
	str_copy(out->part[n++], si->hostname[0] ? si->hostname : "unknown host", sizeof out->part[0]);
	str_copy(out->part[n++], si->cpu_model[0] ? si->cpu_model : "unknown CPU", sizeof out->part[0]);
	c_snprintf(out->part[n++], sizeof out->part[0], "%d cores", si->cores);
	str_copy(out->part[n++], fmt_size(mem, sizeof mem, si->mem_total), sizeof out->part[0]);
	if (si->kernel[0])
		str_copy(out->part[n++], si->kernel, sizeof out->part[0]);
	out->first_gpu = n;
	for (int i = 0; i < si->ngpus && i < FRAME_MAX_GPUS; i++)
		str_copy(out->part[n++], si->gpus[i], sizeof out->part[0]);
	out->n = n;
}
