/* cmd-instance.h - `benchtop ls` (the running instances) and `benchtop stop [ID]` (end one as
 * SIGTERM would: stressors off, reports written). Exit status: 0 done, 1 no instance is
 * running, 2 bad usage or an unknown ID. */
#ifndef BENCHTOP_CMD_INSTANCE_H
#define BENCHTOP_CMD_INSTANCE_H

#include <stddef.h>

int cmd_ls(int argc, char **argv);     /* argv[0] is "ls" */
int cmd_stop(int argc, char **argv);   /* argv[0] is "stop" */
/* The instance `benchtop WHO [want]` means (want NULL: the only one): 0 with its socket's path
 * and id; else the exit status above, after one line on stderr. Stale sockets are removed.
 * When want names a detached run that has ended (instance-ended.h), *ended is 1, how it ended
 * is printed on stdout and the run's exit status is returned. */
int instance_pick(const char *who, const char *want, char *path, size_t pathlen, char *id, size_t idlen, int *ended);

#endif
