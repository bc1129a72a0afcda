/* cmd-instance.h - `benchtop ls` (the running instances) and `benchtop stop [ID]` (end one as
 * SIGTERM would: stressors off, reports written). Exit status: 0 done, 1 no instance is
 * running, 2 bad usage or an unknown ID. */
#ifndef BENCHTOP_CMD_INSTANCE_H
#define BENCHTOP_CMD_INSTANCE_H

int cmd_ls(int argc, char **argv);     /* argv[0] is "ls" */
int cmd_stop(int argc, char **argv);   /* argv[0] is "stop" */

#endif
