/* thread-name.h - names threads as top, htop and gdb show them: "sampler", "runner/1",
 * "stress-cpu/2". The kernel keeps 15 bytes of a name; a longer one is cut, never refused. */
#ifndef BENCHTOP_THREAD_NAME_H
#define BENCHTOP_THREAD_NAME_H

#include <pthread.h>
#include <stdio.h>

/* prefix base, or prefix base/n when n > 0 ("stress-" "cpu" 2: "stress-cpu/2"). Called by the
 * creator right after pthread_create succeeds. */
static inline void thread_name(pthread_t t, const char *prefix, const char *base, int n)
{
	char name[64];
	if (n > 0)
		snprintf(name, sizeof name, "%s%s/%d", prefix, base, n);
	else
		snprintf(name, sizeof name, "%s%s", prefix, base);
	name[15] = '\0';
	pthread_setname_np(t, name);
}

#endif
