/* cmd-trend.h - `benchtop trend`: each test's trend over past runs, its change points, and a
 * CI gate on a new regression.
 *
 *   benchtop trend [--test PATTERN] [--last N] [--format text|json|csv|md] [-o FILE.html|.json|.csv|.md]
 *   benchtop trend --gate       exit 1 when the latest run opened a regression change point
 *   benchtop trend --machines   the tests' latest medians per machine, side by side
 *
 * Trends compare a machine with itself: by default the machine of the newest run; --any-machine
 * pools every machine. --test names tests as test-match.h says. Exit status: 0; 1 a gate found
 * a regression or the database failed; 2 bad usage, a --test that names no test with a result,
 * or a file that is not a benchtop history database.
 */
#ifndef BENCHTOP_CMD_TREND_H
#define BENCHTOP_CMD_TREND_H

int cmd_trend(int argc, char **argv);

#endif
