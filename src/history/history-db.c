#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history-db.h"
#include "util.h"

/* Migrations: migrations[v] takes a database at user_version v to v + 1. Never edit one that
 * has shipped; add the next. */
static const char *const migrations[HISTORY_SCHEMA] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE machines(id INTEGER PRIMARY KEY, fingerprint TEXT UNIQUE NOT NULL, hash TEXT NOT NULL,"
	" hostname TEXT NOT NULL, cpu TEXT NOT NULL, cores INTEGER NOT NULL, mem_gib REAL NOT NULL,"
	" kernel TEXT NOT NULL, gpus TEXT NOT NULL, driver TEXT NOT NULL) STRICT;"
	"CREATE TABLE runs(id INTEGER PRIMARY KEY, machine_id INTEGER NOT NULL REFERENCES machines(id),"
	" started REAL NOT NULL, recorded REAL NOT NULL, version TEXT NOT NULL, label TEXT NOT NULL,"
	" suites TEXT NOT NULL, status TEXT NOT NULL, ntests INTEGER NOT NULL, npass INTEGER NOT NULL,"
	" nfail INTEGER NOT NULL, duration REAL, run_key TEXT UNIQUE NOT NULL) STRICT;"
	"CREATE INDEX runs_machine ON runs(machine_id, started);"
	"CREATE INDEX runs_started ON runs(started);"
	"CREATE TABLE tests(id INTEGER PRIMARY KEY, test_key TEXT UNIQUE NOT NULL, suite TEXT NOT NULL,"
	" name TEXT NOT NULL, variant TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT NOT NULL,"
	" better INTEGER NOT NULL CHECK (better IN (-1, 1))) STRICT;"
	"CREATE TABLE results(id INTEGER PRIMARY KEY,"
	" run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	" test_id INTEGER NOT NULL REFERENCES tests(id), status TEXT NOT NULL, error TEXT NOT NULL,"
	" n INTEGER NOT NULL, median REAL, mean REAL, stdev REAL, min REAL, max REAL, mad REAL,"
	" ci_lo REAL, ci_hi REAL, outliers INTEGER NOT NULL, UNIQUE(run_id, test_id)) STRICT;"
	"CREATE INDEX results_test ON results(test_id, run_id);"
	"CREATE TABLE samples(result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY(result_id, idx)) STRICT, WITHOUT ROWID;"
	"PRAGMA application_id = 1651797872;",   /* HISTORY_APPLICATION_ID */
};

int history_db_path(char *buf, size_t len, const char *db, char *why, size_t whylen)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (db && db[0])
		str_copy(buf, db, len);
	else if (xdg && xdg[0] == '/')   /* the spec ignores a relative XDG_DATA_HOME */
		snprintf(buf, len, "%s/benchtop/history.db", xdg);
	else if (home && home[0])
		snprintf(buf, len, "%s/.local/share/benchtop/history.db", home);
	else {
		snprintf(why, whylen, "no database path: set --history-db, XDG_DATA_HOME or HOME");
		return -1;
	}
	return 0;
}

void history_db_why(struct history_db *h, int rc, char *why, size_t whylen)
{
	const char *msg = h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc);
	int err = h->db ? sqlite3_system_errno(h->db) : 0;
	/* The database, or the directory its -wal and -shm files go in, not writable. */
	if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) {
		char dir[4096];
		str_copy(dir, h->path, sizeof dir);
		char *slash = strrchr(dir, '/');
		if (slash)
			slash[slash == dir] = '\0';
		if (access(h->tmp[0] ? h->tmp : h->path, W_OK) < 0 || access(slash ? dir : ".", W_OK) < 0) {
			snprintf(why, whylen, "%s: the database is read-only (%s)", h->path, strerror(errno));
			return;
		}
	}
	/* An I/O error or a file it could not open says more by the system's reason. */
	if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) && err) {
		if (err == ENOSPC || err == EDQUOT)
			rc = SQLITE_FULL;
		else if (err == EROFS || err == EACCES || err == EPERM) {
			snprintf(why, whylen, "%s: the database is read-only (%s)", h->path, strerror(err));
			return;
		} else {
			snprintf(why, whylen, "%s: %s (%s)", h->path, msg, strerror(err));
			return;
		}
	}
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		snprintf(why, whylen, "%s: not a SQLite database", h->path);
		return;
	case SQLITE_CORRUPT:
		snprintf(why, whylen, "%s: the database is corrupt (%s)", h->path, msg);
		return;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		h->busy = 1;
		snprintf(why, whylen, "%s: the database stayed locked by another process for %d s", h->path,
		         HISTORY_BUSY_MS / 1000);
		return;
	case SQLITE_READONLY:
		snprintf(why, whylen, "%s: the database is read-only", h->path);
		return;
	case SQLITE_FULL:
		snprintf(why, whylen, "%s: the disk is full", h->path);
		return;
	case SQLITE_CANTOPEN:
		snprintf(why, whylen, "%s: cannot open the database", h->path);
		return;
	default:
		snprintf(why, whylen, "%s: %s", h->path, msg);
	}
}

int history_db_exec(struct history_db *h, const char *sql, char *why, size_t whylen)
{
	int rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		history_db_why(h, rc, why, whylen);
		return -1;
	}
	return 0;
}

sqlite3_stmt *history_db_prepare(struct history_db *h, const char *sql, char *why, size_t whylen)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		history_db_why(h, rc, why, whylen);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* mkdir -p of path's directory, new directories mode 0700 (the history is the user's). */
static int history_db_mkdirs(const char *path)
{
	char dir[4096];
	str_copy(dir, path, sizeof dir);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static int history_db_int(struct history_db *h, const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Checks the file is ours and migrates it. 0, 1 (empty, read), -1 (not ours / newer), -2 (other
 * failure). */
static int history_db_migrate(struct history_db *h, enum history_open mode, char *why, size_t whylen)
{
	long long version = 0, tables = 0, app = 0;
	/* One statement, one snapshot: another process may be creating the schema right now. */
	int rc = history_db_int(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	                        " AND (SELECT user_version FROM pragma_user_version) = 0", &tables);
	if (rc == SQLITE_OK)
		rc = history_db_int(h, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = history_db_int(h, "PRAGMA application_id", &app);
	if (rc != SQLITE_OK) {
		history_db_why(h, rc, why, whylen);
		return (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? -1 : -2;
	}
	if (version > HISTORY_SCHEMA) {
		snprintf(why, whylen, "%s: history schema %lld is from a newer benchtop (this one reads %d)",
		         h->path, version, HISTORY_SCHEMA);
		return -1;
	}
	if ((version == 0 && tables > 0) || (version > 0 && app != HISTORY_APPLICATION_ID)) {
		snprintf(why, whylen, "%s: a SQLite database of another program, not a benchtop history", h->path);
		return -1;
	}
	if (version == HISTORY_SCHEMA)
		return 0;
	/* An empty file (an empty database) holds no run yet: nothing to read, nothing to update. */
	if (mode == HISTORY_READ && version == 0 && tables == 0)
		return 1;
	if (mode == HISTORY_READ) {
		snprintf(why, whylen, "%s: history schema %lld is older than this benchtop's (%d); "
		         "a run recorded with this benchtop updates it", h->path, version, HISTORY_SCHEMA);
		return -2;
	}
	/* Another process may be migrating at the same moment: check again under the write lock. */
	if (history_db_exec(h, "BEGIN IMMEDIATE", why, whylen) < 0)
		return -2;
	rc = history_db_int(h, "PRAGMA user_version", &version);
	for (; rc == SQLITE_OK && version < HISTORY_SCHEMA; version++) {
		rc = sqlite3_exec(h->db, migrations[version], NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %lld", version + 1);
			rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		history_db_why(h, rc, why, whylen);
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return -2;
	}
	return 0;
}

/* The file, its journal and SQLite's WAL files: what a database under a temporary name leaves. */
static void history_db_remove_files(const char *path)
{
	static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
	char name[4300];
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

/* The empty file a new database is built in: beside path, so that a link can put it there. */
static int history_db_make_tmp(struct history_db *h, char *why, size_t whylen)
{
	snprintf(h->tmp, sizeof h->tmp, "%s.new-%ld", h->path, (long)getpid());
	history_db_remove_files(h->tmp);   /* left by a killed process of the same id: nobody's now */
	/* Made here, so SQLite's own files (the journal) take the same 0600 mode. */
	int fd = open(h->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(why, whylen, "%s: %s", h->path, strerror(errno));
		h->tmp[0] = '\0';
		return -1;
	}
	close(fd);
	return 0;
}

/* Puts tmp at path unless path exists: 0; 1 when it exists; -1 with errno. */
static int history_db_place(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST)
		return 1;
#ifdef RENAME_NOREPLACE
	/* A filesystem without hard links (FAT, some FUSE): a rename that never replaces. */
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno == EEXIST)
		return 1;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	/* Neither: look, then rename. Another process creating it in between is the one race left. */
	if (access(path, F_OK) == 0)
		return 1;
	return rename(tmp, path) == 0 ? 0 : -1;
}

int history_db_publish(struct history_db *h, char *why, size_t whylen)
{
	if (!h->tmp[0])
		return 0;
	/* Closed first: the new database is then whole in its one file, its journal gone. */
	int rc = h->db ? sqlite3_close(h->db) : SQLITE_OK;
	h->db = NULL;
	if (rc != SQLITE_OK) {
		snprintf(why, whylen, "%s: %s", h->path, sqlite3_errstr(rc));
		return -1;
	}
	int placed = history_db_place(h->tmp, h->path);
	if (placed < 0) {
		snprintf(why, whylen, "%s: %s", h->path, strerror(errno));
		return -1;
	}
	history_db_remove_files(h->tmp);   /* the temporary name of a linked file; nothing after a rename */
	h->tmp[0] = '\0';
	return placed;
}

static int history_db_try_open(struct history_db *h, const char *path, enum history_open mode, char *why,
                               size_t whylen);

/* HISTORY_WRITE of a database that does not exist: made and published as HISTORY_RECORD does,
 * with nothing in it, then opened as any other. */
static int history_db_create(struct history_db *h, const char *path, char *why, size_t whylen)
{
	struct history_db made;
	int rc = history_db_try_open(&made, path, HISTORY_RECORD, why, whylen);
	if (rc == 0 && history_db_publish(&made, why, whylen) < 0)
		rc = -2;
	int busy = made.busy;
	history_db_close(&made);
	if (rc != 0) {
		h->busy = busy;
		return rc;
	}
	return history_db_try_open(h, path, HISTORY_WRITE, why, whylen);
}

static int history_db_try_open(struct history_db *h, const char *path, enum history_open mode, char *why,
                               size_t whylen)
{
	memset(h, 0, sizeof *h);
	str_copy(h->path, path, sizeof h->path);
	struct stat st;
	if (stat(path, &st) < 0) {
		if (errno == ENOENT && mode == HISTORY_READ)
			return 1;
		if (errno != ENOENT || history_db_mkdirs(path) < 0) {
			snprintf(why, whylen, "%s: %s", path, strerror(errno));
			return -2;
		}
		if (mode == HISTORY_WRITE)
			return history_db_create(h, path, why, whylen);
		if (history_db_make_tmp(h, why, whylen) < 0)
			return -2;
	} else if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "%s: not a regular file", path);
		return -1;
	}
	int rc = sqlite3_open_v2(h->tmp[0] ? h->tmp : path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		history_db_why(h, rc, why, whylen);
		history_db_close(h);
		return -2;
	}
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, HISTORY_BUSY_MS);
	/* Before WAL: a file that is not a database fails here with a plain message. */
	int ret = history_db_migrate(h, mode, why, whylen);
	/* A new database keeps its rollback journal, synced in full, until it is published: then it
	 * is whole in its one file. The first open after that turns WAL on. */
	if (ret == 0 && !h->tmp[0] && (history_db_exec(h, "PRAGMA journal_mode = WAL", why, whylen) < 0 ||
	                               history_db_exec(h, "PRAGMA synchronous = NORMAL", why, whylen) < 0))
		ret = -2;
	if (ret == 0 && (history_db_exec(h, "PRAGMA foreign_keys = ON", why, whylen) < 0 ||
	                 history_db_exec(h, mode == HISTORY_READ ? "PRAGMA cache_size = -2048" : "PRAGMA cache_size = -32768", why, whylen) < 0))
		ret = -2;
	if (ret != 0)
		history_db_close(h);
	return ret;
}

/* Until the database is in WAL mode, two processes opening it at once can deadlock (one
 * switching the journal holds a read lock, the other committing the schema waits for it), and
 * SQLite then answers "busy" at once instead of calling the busy handler. Such an open is
 * tried again, after a short random pause, until the busy timeout is spent. */
int history_db_open(struct history_db *h, const char *path, enum history_open mode, char *why, size_t whylen)
{
	double deadline = now_mono() + HISTORY_BUSY_MS / 1000.0;
	unsigned seed = (unsigned)getpid();
	for (;;) {
		int ret = history_db_try_open(h, path, mode, why, whylen);
		if (ret != -2 || !h->busy || now_mono() >= deadline)
			return ret;
		usleep(5000 + rand_r(&seed) % 45000);
	}
}

/* HCOL_STR's copies, in chunks: one malloc per 64 KiB, not one per row (a trend reads a label
 * for each of ten thousand runs). */
struct history_text {
	struct history_text *next;
	size_t used, cap;
	char buf[];
};
#define HISTORY_TEXT_CHUNK 65536

static const char *history_db_keep(struct history_db *h, const unsigned char *t)
{
	if (!t || !*t)
		return "";
	size_t len = strlen((const char *)t) + 1;
	struct history_text *c = h->text;
	if (!c || c->cap - c->used < len) {
		size_t cap = len > HISTORY_TEXT_CHUNK ? len : HISTORY_TEXT_CHUNK;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = h->text;
		c->used = 0;
		c->cap = cap;
		h->text = c;
	}
	char *at = c->buf + c->used;
	memcpy(at, t, len);
	c->used += len;
	return at;
}

void history_db_close(struct history_db *h)
{
	if (h->db)
		sqlite3_close(h->db);
	h->db = NULL;
	if (h->tmp[0])   /* a new database that was never published: as if never begun */
		history_db_remove_files(h->tmp);
	h->tmp[0] = '\0';
	while (h->text) {
		struct history_text *next = h->text->next;
		free(h->text);
		h->text = next;
	}
}

int history_db_row(struct history_db *h, sqlite3_stmt *st, const struct history_col *cols, void *p)
{
	for (int c = 0; cols[c].size; c++) {
		char *at = (char *)p + cols[c].offset;
		switch (cols[c].type) {
		case HCOL_I64: *(long long *)at = sqlite3_column_int64(st, c); break;
		case HCOL_INT: *(int *)at = sqlite3_column_int(st, c); break;
		case HCOL_REAL: *(double *)at = sqlite3_column_double(st, c); break;
		case HCOL_NUM:
			*(double *)at = sqlite3_column_type(st, c) == SQLITE_NULL ? NAN : sqlite3_column_double(st, c);
			break;
		case HCOL_TEXT: {
			const unsigned char *t = sqlite3_column_text(st, c);
			str_copy(at, t ? (const char *)t : "", cols[c].size);
			break;
		}
		case HCOL_STR: {
			const char *kept = history_db_keep(h, sqlite3_column_text(st, c));
			if (!kept)
				return -1;
			*(const char **)at = kept;
			break;
		}
		case HCOL_BETTER: *(int *)at = sqlite3_column_int(st, c) > 0; break;
		}
	}
	return 0;
}

int history_db_collect(struct history_db *h, sqlite3_stmt *st, size_t size, const struct history_col *cols,
                       void **out, size_t *n, char *why, size_t whylen)
{
	size_t cap = 0;
	char *arr = NULL;
	int rc;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			char *p = realloc(arr, cap * size);
			if (!p) {
				free(arr);
				snprintf(why, whylen, "%s: out of memory", h->path);
				sqlite3_reset(st);
				return -1;
			}
			arr = p;
		}
		memset(arr + *n * size, 0, size);
		if (history_db_row(h, st, cols, arr + *n * size) < 0) {
			free(arr);
			snprintf(why, whylen, "%s: out of memory", h->path);
			sqlite3_reset(st);
			return -1;
		}
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		history_db_why(h, rc, why, whylen);
		free(arr);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	*out = arr;
	return 0;
}
