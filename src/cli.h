/* cli.h - the command line: one table of options, parsed into struct options.
 *
 * Every option is one row of data (names, argument, how to check it, help); --help and the
 * checks come from the same rows. A bad value is rejected with one line naming the option
 * and what it accepts, and cli_parse returns 2 (the exit code for bad usage).
 */
#ifndef BENCHTOP_CLI_H
#define BENCHTOP_CLI_H

#include <stdio.h>

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
	int    jobs;
	const char *baseline, *save_baseline;
	double threshold;       /* percent, for --baseline */
	int    cpu;             /* -1 off, 0 one per CPU, N workers */
	double cpu_load;        /* percent 1..100 */
	const char *cpu_method;
	int    vm;              /* -1 off */
	const char *vm_bytes;   /* SIZE or P% */
	const char *vm_method;  /* seq, rmw, random */
	int    hdd;             /* -1 off */
	double hdd_bytes;
	const char *hdd_dir;
	double hdd_write_size;  /* bytes per write or read; 0 = default */
	double hdd_mix;         /* percent of blocks written; 0 = default */
	const char *theme;
	int    no_color, ascii;
	int    list, help, version;
	const char *listen, *listen_token, *push, *textfile;   /* fleets: metrics-app.h */
};

/* Fills o from argv. 0 when the program should go on, 2 on bad usage (message on err). */
int  cli_parse(int argc, char **argv, struct options *o, FILE *err);
void cli_usage(FILE *out);

#endif
