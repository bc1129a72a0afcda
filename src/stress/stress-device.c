/* stress-device.c - one device's verdict over a stress run (stress.h), said the same way by
 * the gpu stressor's log line, the stress summary and every report. */
#include "config.h"

#include <stdio.h>

#include "stress.h"
#include "util.h"

enum stress_device_state stress_device_state(const struct stress_device *d)
{
	/* Wrong results are the worst finding; a device that stopped is the next; a device that
	 * checked nothing proved nothing, so it is never "OK". */
	if (d->errors > 0)
		return SDEV_FAULTY;
	if (d->failed)
		return SDEV_STOPPED;
	return d->checks > 0 ? SDEV_OK : SDEV_NOT_CHECKED;
}

const char *stress_device_state_name(enum stress_device_state st)
{
	static const char *const names[] = { "OK", "FAULTY", "STOPPED", "NOT CHECKED" };
	return st >= 0 && st < SDEV_N ? names[st] : "?";
}

const char *stress_device_state_key(enum stress_device_state st)
{
	static const char *const keys[] = { "ok", "faulty", "stopped", "not_checked" };
	return st >= 0 && st < SDEV_N ? keys[st] : "?";
}

const char *stress_device_verdict(const struct stress_device *d, char *buf, size_t len)
{
	enum stress_device_state st = stress_device_state(d);
	const char *sep = !d->failed ? "" : st == SDEV_STOPPED ? ": " : ", then stopped: ";
	c_snprintf(buf, len, "%s, %lld error%s in %lld check%s%s%s", stress_device_state_name(st), d->errors,
	           d->errors == 1 ? "" : "s", d->checks, d->checks == 1 ? "" : "s", sep, d->failed ? d->why : "");
	return buf;
}

const char *stress_device_text(const struct stress_device *d, char *buf, size_t len)
{
	char v[256];
	c_snprintf(buf, len, "%s: %s", d->name, stress_device_verdict(d, v, sizeof v));
	return buf;
}
