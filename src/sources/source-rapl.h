/* source-rapl.h - the counter arithmetic of the RAPL source, apart so tests can check it. */
#ifndef BENCHTOP_SOURCE_RAPL_H
#define BENCHTOP_SOURCE_RAPL_H

/* Energy used between two readings of an energy_uj counter that wraps to 0 after
 * max_range (max_energy_range_uj); NAN when that cannot be told (no range known). */
double rapl_delta_uj(double prev, double now, double max_range);

#endif
