/* cmd-report.h - `benchtop report JOURNAL [-o DIR]`: the reports of a run, from its journal. */
#ifndef BENCHTOP_CMD_REPORT_H
#define BENCHTOP_CMD_REPORT_H

/* argv[0] is "report". Writes DIR/STEM.{json,csv,md,xml,html}, STEM being the journal's name
 * without ".journal.jsonl" and DIR the journal's directory unless -o names one. Exit status:
 * 2 for bad usage or a journal that cannot be read, else results_exit_code of the run. */
int cmd_report(int argc, char **argv);

#endif
