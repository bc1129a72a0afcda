#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "metrics-procstat.h"

const char *const procstat_modes[PROCSTAT_NMODES] = {
	"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal",
};

int procstat_read(const char *proc_root, struct procstat_cpus *out)
{
	char path[4096], line[512];
	out->n = 0;
	snprintf(path, sizeof path, "%s/stat", proc_root);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	long hz = sysconf(_SC_CLK_TCK);
	double tick = hz > 0 ? 1.0 / (double)hz : 0.01;
	while (fgets(line, sizeof line, f) && out->n < FRAME_MAX_CORES) {
		unsigned long long v[PROCSTAT_NMODES] = { 0 };
		int cpu;
		/* "cpuN user nice system idle iowait irq softirq steal guest guest_nice"; the "cpu " total is skipped */
		if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9')
			continue;
		if (sscanf(line + 3, "%d %llu %llu %llu %llu %llu %llu %llu %llu", &cpu, &v[0], &v[1], &v[2], &v[3], &v[4],
		           &v[5], &v[6], &v[7]) < 5)
			continue;
		out->cpu[out->n] = cpu;
		for (int m = 0; m < PROCSTAT_NMODES; m++)
			out->s[out->n][m] = (double)v[m] * tick;
		out->n++;
	}
	fclose(f);
	return out->n ? 0 : -1;
}
