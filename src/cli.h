/* cli.h - the command line: one table of options, parsed into struct options.
 *
 * Every option is one row of data (names, argument, how to check it, help); --help and the
 * checks come from the same rows. The stress generators' options come from their own tables
 * (struct stress_param in each src/stress-*.c), in the place of the row OPT_STRESS. A bad value is rejected with one line naming the option
 * and what it accepts, and cli_parse returns 2 (the exit code for bad usage).
 */
#ifndef BENCHTOP_CLI_H
#define BENCHTOP_CLI_H

#include <stdio.h>

#include "stress.h"

enum log_format { LOG_TEXT, LOG_JSONL, LOG_CSV };

#define CLI_MAX_RUNS 16

struct options {
	int    headless;
	double interval;        /* seconds, 0.05..60 */
	double duration;        /* seconds; 0 = until the suites end or a signal */
	double history;         /* seconds of full-resolution history */
	const char *log;        /* headless sample log; NULL = stdout */
	enum log_format format;
	const char *runs[CLI_MAX_RUNS];
	int    nruns;
	const char *report;     /* -o PATH */
	int    no_report;
	int    detach;              /* --detach: run in the background */
	const char *on_hangup;      /* "stop" | "detach"; NULL = by mode */
	int    jobs;
	const char *baseline, *save_baseline;
	double threshold;       /* percent, for --baseline */
	struct stress_config stress;   /* --cpu, --cpu-load, --vm ...: from the generators' tables */
	const char *hdd_dir;    /* where disk stressors and tests put their files */
	const char *theme;
	int    no_color, ascii;
	int    list, help, version;
};

/* A subcommand's options (benchtop report, compare ...), rows of data as the main table's. */
struct cli_sub_opt {
	const char *name;       /* "output": --output VALUE and --output=VALUE */
	char short_name;        /* 'o': -o VALUE; 0 for none */
	const char *arg;        /* what the value is ("a directory"); NULL for a flag */
};
/* Parses argv[1..] of subcommand cmd against opts (ended by a NULL name): calls on(arg, i, value)
 * for option row i (value NULL for a flag) and on(arg, -1, word) for each other argument ("-"
 * alone is a word, "--" ends the options). -h and --help give 1 (the caller prints its usage).
 * Otherwise 0, 2 with one line on err for bad usage, or what on returned when not 0. */
int  cli_parse_sub(int argc, char **argv, const char *cmd, const struct cli_sub_opt *opts,
                   int (*on)(void *arg, int opt, const char *value), void *arg, FILE *err);

/* Fills o from argv. 0 when the program should go on, 2 on bad usage (message on err). */
int  cli_parse(int argc, char **argv, struct options *o, FILE *err);
void cli_usage(FILE *out);

#endif
