/* cmd-report.h - `benchtop report JOURNAL [-o DIR]`: the reports of a run, from its journal. */
#ifndef BENCHTOP_CMD_REPORT_H
#define BENCHTOP_CMD_REPORT_H

/* argv[0] is "report". Writes DIR/STEM.{json,csv,md,xml,html}, STEM being the journal's name
 * without ".journal.jsonl" and DIR the journal's directory unless -o names one. Exit status:
 * 2 for bad usage or a journal that cannot be read, else results_exit_code of the run, or 1
 * when it regressed against the baseline the journal copied. Damaged lines are skipped with
 * a warning each and counted in the reports; they do not change the exit status. */
int cmd_report(int argc, char **argv);

#endif
