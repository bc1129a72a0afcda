/* instance-ended.h - how a detached run ended, kept after it has gone.
 *
 * A detached run may end with nobody watching: no viewer attached, no `benchtop stop`
 * waiting. Its end is then kept as ID.ended beside the sockets (instance.h's runtime
 * directory, 0600): one JSON object {"protocol", "id", "pid", "since", "ended_unix",
 * "command", "exit_code", "ended_by", "result", "reports"}, written whole (a temporary file
 * renamed). `benchtop ls` lists them after the running ones, and `benchtop attach ID` of
 * one prints how it ended and exits with its status. The newest INSTANCE_ENDED_KEEP are kept;
 * the runtime directory itself goes at logout or reboot.
 */
#ifndef BENCHTOP_INSTANCE_ENDED_H
#define BENCHTOP_INSTANCE_ENDED_H

#include <stddef.h>

#define INSTANCE_ENDED_KEEP 16

struct instance_ended {
	char id[24];
	long pid;
	double since, ended;          /* Unix seconds */
	char command[512];
	int exit_code;
	char ended_by[160];           /* "duration reached", "stopped (benchtop stop)" */
	char result[700];             /* "" when it passed, else its verdict */
	char reports[4400];           /* where they went, or why they were not written */
};

/* Writes dir/ID.ended from the end line instance_set_end made (its exit_code, ended_by,
 * result and reports) with the rest, then forgets all but the newest INSTANCE_ENDED_KEEP.
 * 0, or -1 (nothing to be done about it: the run is over). */
int instance_ended_write(const char *dir, const char *id, double since, const char *command,
                         const char *end_line);
/* The kept ends in the runtime directory dir, oldest first, up to max: how many. */
int instance_ended_list(const char *dir, struct instance_ended *out, int max);
/* The kept end of run id in dir: 0, or -1 when there is none. */
int instance_ended_find(const char *dir, const char *id, struct instance_ended *out);
/* "run 4242 ended 2026-12-03 04:50:12: duration reached; stress FAILED: ...; exit status 1;
 * reports: /path/run-....{json,...}", made safe for a terminal. Returns buf. */
char *instance_ended_line(const struct instance_ended *e, char *buf, size_t len);

#endif
