#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "stress-guard.h"

/* The thermal guard's decisions: pause over the limit, resume only under the hysteresis,
 * GPUs count as sensors, stop once for good, and no sensor changes nothing. */

static void frame_temp(struct frame *f, double cpu, double gpu)
{
	frame_clear(f);
	f->nsensors = isfinite(cpu) ? 1 : 0;
	strcpy(f->sensors[0].label, "coretemp: Package id 0");
	f->sensors[0].temp_c = cpu;
	f->ngpus = isfinite(gpu) ? 1 : 0;
	strcpy(f->gpus[0].bus_id, "00000000:17:00.0");
	f->gpus[0].temp_c = gpu;
}

int main(void)
{
	struct stress_guard g;
	struct frame f;
	char why[160];

	stress_guard_init(&g, 80, GUARD_PAUSE);
	frame_temp(&f, 70, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);
	frame_temp(&f, 81, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_DO_PAUSE);
	CHECK_STR(why, "coretemp: Package id 0 at 81 \xC2\xB0""C, over the 80 \xC2\xB0""C limit");
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);      /* already held */
	frame_temp(&f, 77, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);      /* within the hysteresis */
	frame_clear(&f);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);      /* no sensor: as it was */
	CHECK_INT(g.held, 1);
	frame_temp(&f, 74, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_DO_RESUME);
	CHECK(strstr(why, "under 75 \xC2\xB0""C") != NULL);
	frame_temp(&f, 60, 85);   /* a GPU passes it */
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_DO_PAUSE);
	CHECK(strstr(why, "GPU 00000000:17:00.0 at 85 \xC2\xB0") != NULL);

	stress_guard_init(&g, 80, GUARD_STOP);
	frame_temp(&f, 90, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_DO_STOP);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);      /* once */
	frame_temp(&f, 20, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);      /* stopped stays stopped */

	stress_guard_init(&g, 0, GUARD_PAUSE);   /* off */
	frame_temp(&f, 200, NAN);
	CHECK_INT(stress_guard_frame(&g, &f, why, sizeof why), GUARD_NONE);
	return check_result();
}
