/* cmd-attach.h - `benchtop attach [--view-only] [--headless] [ID]`: the dashboard of a run
 * that goes on in another process (instance.h, attach-wire.h). Exit status: 0 when the run
 * ended or the viewer left, 1 when no instance is running or the run went away without a
 * word, 2 for bad usage, an unknown ID, a refusal or another protocol. */
#ifndef BENCHTOP_CMD_ATTACH_H
#define BENCHTOP_CMD_ATTACH_H

int cmd_attach(int argc, char **argv);   /* argv[0] is "attach" */

#endif
