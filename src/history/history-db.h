/* history-db.h - the run history database (SQLite): where it is, opening it, its schema.
 *
 * One file, by default $XDG_DATA_HOME/benchtop/history.db (~/.local/share/benchtop/history.db),
 * created mode 0600 in a directory made mode 0700. Every connection turns on WAL (readers beside
 * one writer), foreign keys and a busy timeout, so two runs that finish at the same moment both
 * land: the second waits for the first. The schema is versioned with PRAGMA user_version and
 * brought up to date by the migrations in history-db.c, each in one transaction; PRAGMA
 * application_id marks the file as benchtop's.
 *
 * Tables (all STRICT):
 *   machines(id, fingerprint UNIQUE, hash, hostname, cpu, cores, mem_gib, kernel, gpus, driver)
 *   runs(id, machine_id, started, recorded, version, label, suites, status, ntests, npass, nfail,
 *        duration, run_key UNIQUE)             run_key: what makes an import idempotent
 *   tests(id, test_key UNIQUE, suite, name, variant, metric, unit, better)   better: +1 higher, -1 lower
 *   results(id, run_id -> runs ON DELETE CASCADE, test_id -> tests, status, error, n, median, mean,
 *           stdev, min, max, mad, ci_lo, ci_hi, outliers, UNIQUE(run_id, test_id))
 *   samples(result_id -> results ON DELETE CASCADE, idx, value) WITHOUT ROWID
 *
 * Every failure is one line in why, naming the file: not a database, another program's database,
 * a database from a newer benchtop, locked, read-only, disk full.
 */
#ifndef BENCHTOP_HISTORY_DB_H
#define BENCHTOP_HISTORY_DB_H

#include <stddef.h>

#include <sqlite3.h>

#define HISTORY_SCHEMA 1
#define HISTORY_BUSY_MS 60000   /* a loaded machine with many writers at once has made 15 s too short */
#define HISTORY_APPLICATION_ID 1651797872   /* "btop" in PRAGMA application_id: the file is ours */

struct history_text;                 /* text that rows point to: see HCOL_STR */

struct history_db {
	sqlite3 *db;
	char path[4096];
	char tmp[4200];         /* HISTORY_RECORD of a new database: where it is made until published */
	struct history_text *text;
	int busy;               /* the last failure was SQLite's "busy" or "locked" */
};

/* The database path: db when given, else $XDG_DATA_HOME/benchtop/history.db, else
 * $HOME/.local/share/benchtop/history.db. -1 when there is no home to put it in. */
int history_db_path(char *buf, size_t len, const char *db, char *why, size_t whylen);

/* A database that does not exist yet is made whole under a temporary name beside path, then
 * linked into place: the file never exists half made (as a full disk would leave it), and when
 * two processes make it at once, the first one's stands.
 *   HISTORY_READ    never creates anything
 *   HISTORY_WRITE   creates path (and its directory) with the schema when it does not exist
 *   HISTORY_RECORD  as HISTORY_WRITE, but a new database appears at history_db_publish with what
 *                   was written into it: a run that fails to land leaves no file behind */
enum history_open { HISTORY_READ, HISTORY_WRITE, HISTORY_RECORD };
/* Opens path and brings its schema up to date. 0; 1 for HISTORY_READ of a path that does not
 * exist or of an empty database (nothing recorded yet); -1 with why for a file that is not a
 * benchtop history database (or from a newer one); -2 with why for any other failure (locked,
 * read-only, out of space, out of memory). */
int history_db_open(struct history_db *h, const char *path, enum history_open mode, char *why, size_t whylen);
/* Puts a new database of HISTORY_RECORD in place, and closes its connection. 0 when done (or
 * when the database already existed at open); 1 when another process created path meanwhile
 * (nothing of h's is kept: record into that one); -1 with why. */
int history_db_publish(struct history_db *h, char *why, size_t whylen);
/* Closes h; a new database never published is removed. */
void history_db_close(struct history_db *h);

/* Runs sql (no rows expected). 0, or -1 with why naming the file and SQLite's message. */
int history_db_exec(struct history_db *h, const char *sql, char *why, size_t whylen);
/* Prepares sql; NULL with why. */
sqlite3_stmt *history_db_prepare(struct history_db *h, const char *sql, char *why, size_t whylen);
/* "PATH: MESSAGE" for the connection's last error, with a plain word for the usual ones. */
void history_db_why(struct history_db *h, int rc, char *why, size_t whylen);
/* Where the columns of a row go in a struct: the i-th entry takes the i-th column. */
enum history_col_type {
	HCOL_I64,     /* long long */
	HCOL_INT,     /* int */
	HCOL_REAL,    /* double */
	HCOL_NUM,     /* double, NAN for NULL */
	HCOL_TEXT,    /* char[size], cut to fit, "" for NULL */
	HCOL_STR,     /* const char *, a copy the handle keeps until history_db_close; "" for NULL */
	HCOL_BETTER,  /* int: 1 when the column is > 0 */
};
struct history_col {
	enum history_col_type type;
	size_t offset, size;
};
#define HCOL(type, T, field) { type, offsetof(T, field), sizeof ((T *)0)->field }
#define HCOL_END { HCOL_I64, 0, 0 }

/* The current row of st into the struct at p, column by column as cols says: 0, or -1 when
 * out of memory for an HCOL_STR copy. */
int history_db_row(struct history_db *h, sqlite3_stmt *st, const struct history_col *cols, void *p);
/* Steps st to the end and resets it (for the next bindings), appending one zeroed element of
 * `size` per row, filled by history_db_row; *out is malloc'd (free it). 0, or -1 with why. */
int history_db_collect(struct history_db *h, sqlite3_stmt *st, size_t size, const struct history_col *cols,
                       void **out, size_t *n, char *why, size_t whylen);

#endif
