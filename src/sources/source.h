/* source.h - one metric source behind one small interface.
 *
 * Every source is a `const struct source_class` in its own src/sources/source-*.c, listed once in
 * source_table (src/sources/sources.c). The sampler thread, and only it, calls open, then sample
 * once per tick, then close. A source that cannot work on this machine returns -1 from
 * open with a reason for people ("libnvidia-ml.so.1 not found"); that is not an error,
 * the source simply stays closed and --list shows the reason.
 */
#ifndef BENCHTOP_SOURCE_H
#define BENCHTOP_SOURCE_H

#include <stddef.h>
#include "frame.h"

/* Where the machine's files are; tests point these at fixtures. */
struct source_env {
	const char *sysfs_root;    /* "/sys", or $BENCHTOP_SYSFS_ROOT */
	const char *proc_root;     /* "/proc", or $BENCHTOP_PROC_ROOT */
	const char *nvml_path;     /* "libnvidia-ml.so.1", or $BENCHTOP_NVML_LIB */
};

struct source_class {
	const char *name;          /* "statgrab", "procstat", "cpufreq", ... */
	const char *help;          /* one line for --list */
	/* A sensor a VM has none of (temperatures, power, clocks, GPUs): a dashboard says "no
	 * sensors" once in its CPU box instead of a note per source. */
	int sensor;
	/* Returns 0 and sets *priv, or -1 with why filled. Called on the sampler thread. */
	int  (*open)(const struct source_env *env, void **priv, char *why, size_t whylen);
	/* Fills this source's fields of f (already cleared, t and mono set). */
	void (*sample)(void *priv, struct frame *f);
	void (*close)(void *priv);
};

extern const struct source_class *const source_table[];   /* NULL-terminated */

/* The environment from BENCHTOP_* variables, with the defaults above. */
void source_env_from_environ(struct source_env *env);


/* Temperature files in millidegrees C (hwmon's tempK_input, thermal zones' temp), each open
 * once with its label: the hwmon and thermal sources share opening, sampling and closing. */
struct source_temps {
	int n;
	struct { int fd; char label[sizeof ((struct frame_sensor *)0)->label]; } s[FRAME_MAX_SENSORS];
};
/* Opens root/rel and keeps it when it reads now (a device that is off reads an error).
 * 0 kept, -1 left out or full. */
int  source_temps_add(struct source_temps *t, const char *root, const char *rel, const char *label);
void source_temps_sample(const struct source_temps *t, struct frame *f);
void source_temps_free(void *temps);   /* closes every file and frees t (a source's close) */

#endif
