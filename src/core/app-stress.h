/* app-stress.h - the app's side of a run with stressors: the tally behind the stress summary,
 * the thermal guard acting on the stressors, under-target notes, and the summary and reports
 * when the run ends (however it ends). Main thread only. */
#ifndef BENCHTOP_APP_STRESS_H
#define BENCHTOP_APP_STRESS_H

#include "frame.h"

struct app;

/* After the stressors started, before the sampler: the tally, the guard, throttle counters. */
void app_stress_begin(struct app *a);
/* Each frame from the sampler, before the store and the views see it (notes go into its rows). */
void app_stress_frame(struct app *a, struct frame *f);
/* The run is over (the view closed): the summary, and the tally handed to the run's reports.
 * A run that ran stressors but no test writes reports of its own when --report asks (0, or the
 * exit status). */
int  app_stress_end(struct app *a);

#endif
