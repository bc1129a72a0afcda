/* cli.h - the command line: one table of options, parsed into struct options.
 *
 * Every option is one row of data (names, argument, how to check it, help); --help and the
 * checks come from the same rows. A bad value is rejected with one line naming the option
 * and what it accepts, and cli_parse returns 2 (the exit code for bad usage). The stress
 * generators' options come from their own tables (struct stress_param in each src/stress/stress-*.c),
 * in the place of the main table's OPT_STRESS row.
 */
#ifndef BENCHTOP_CLI_H
#define BENCHTOP_CLI_H

#include <stddef.h>
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
	int    order;              /* enum run_order; ORDER_UNSET: the suites' own */
	unsigned long long seed;   /* --seed */
	int    have_seed;
	int    require_quiet;      /* exit 3 when a test was disturbed */
	const char *baseline, *save_baseline;
	double threshold;       /* percent, for --baseline */
	struct stress_config stress;   /* --cpu, --cpu-load, --vm ...: from the generators' tables */
	const char *hdd_dir;    /* where disk stressors and tests put their files */
	double max_temp;        /* --max-temp C: the thermal guard; 0 = off */
	int    max_temp_action; /* enum stress_guard_action: pause, stop */
	const char *theme;
	int    no_color, ascii;
	const char *history_db; /* --history-db FILE; NULL = the default path */
	int    no_history;
	const char *label;      /* --label TEXT; NULL = from the environment */
	int    list, help, version;
	const char *listen, *listen_token, *push, *textfile;   /* fleets: metrics-app.h */
};

/* How a row's argument is checked and stored. */
enum cli_opt_kind {
	OPT_FLAG,       /* sets an int to 1 */
	OPT_RANGE,      /* a number within min..max, into a double */
	OPT_PERCENT,    /* a percentage within min..max, "5" or "5%", into a double (5) */
	OPT_COUNT,      /* a whole number within min..max, into an int */
	OPT_DURATION,   /* "90", "30s", "10m", "2h", within min..max seconds, into a double */
	OPT_SIZE,       /* "4096", "64K", "1G", into a double */
	OPT_STRING,     /* kept as given */
	OPT_RUN,        /* appended to struct options' list of suites */
	OPT_ORDER,      /* sequential | interleaved | shuffled, into an int (enum run_order) */
	OPT_SEED,       /* a whole number 0 .. 2^53-1, into an unsigned long long; sets have_seed */
	OPT_CHOICE,     /* one of the words `accepts` lists ("a, b or c"): its index, into an int (or an enum) */
	OPT_STRESS,     /* main table: here come the stress generators' options (a struct stress_config) */
};

/* One option: a row of a NULL-terminated table; offset is the field of the caller's struct. */
struct cli_opt {
	const char *name;
	char short_name;
	enum cli_opt_kind kind;
	size_t offset;
	double min, max;
	const char *arg;        /* the argument's name in --help; NULL for flags */
	const char *help;
	const char *accepts;    /* what a bad value is told it should be */
};

/* Fills dest's fields from argv by the table (argv[0] is the command); messages start with
 * `prog`. With first_operand, arguments that are not options are left for the caller (GNU
 * getopt moves them to the end) and *first_operand is the index of the first; without, one is
 * an error. 0 on success, 2 on bad usage (message on err). */
int  cli_parse_table(const struct cli_opt *table, void *dest, int argc, char **argv, const char *prog,
                     int *first_operand, FILE *err);
/* One line per row: "  -x, --name ARG   help". */
void cli_usage_table(const struct cli_opt *table, FILE *out);

/* Fills o from argv. 0 when the program should go on, 2 on bad usage (message on err). */
int  cli_parse(int argc, char **argv, struct options *o, FILE *err);
void cli_usage(FILE *out);

#endif
