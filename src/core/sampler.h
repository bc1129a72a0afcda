/* sampler.h - the sampling thread.
 *
 * The sampler is the only thread that calls libstatgrab and the GPU libraries. It opens
 * every source of source_table on its own thread, then at absolute CLOCK_MONOTONIC
 * deadlines (first + k * interval, so it does not drift; the first comes after at most
 * 0.2 s so a new screen fills at once) fills one frame from all open sources and pushes it
 * onto the frame queue, which never blocks it. The interval can be
 * changed while it runs; sampler_stop wakes it at once and joins it.
 */
#ifndef BENCHTOP_SAMPLER_H
#define BENCHTOP_SAMPLER_H

#include <stddef.h>

#include "frame.h"
#include "queue.h"
#include "source.h"

struct sampler;

/* Called on the sampler thread after the sources, to add figures of our own (stressors). */
typedef void (*sampler_extra_fn)(void *arg, struct frame *f);

/* Starts the thread and returns once the sources are open. 0, or -1 with why. */
int    sampler_start(struct sampler **out, const struct source_env *env, double interval_s,
                     struct queue *frames, sampler_extra_fn extra, void *extra_arg,
                     char *why, size_t whylen);
void   sampler_set_interval(struct sampler *s, double interval_s);
double sampler_interval(const struct sampler *s);
/* For each source that did not open: its class and why, one call per line. */
struct source_class;
void   sampler_each_unavailable(const struct sampler *s,
                                void (*fn)(void *arg, const struct source_class *cls, const char *why), void *arg);
void   sampler_stop(struct sampler *s);

/* Opens and closes every source on the calling thread, reporting each (for --list). */
void   sources_probe(const struct source_env *env,
                     void (*fn)(void *arg, const char *name, const char *help, const char *why), void *arg);

#endif
