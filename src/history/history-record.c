#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "history-db.h"
#include "history-write.h"
#include "history.h"
#include "util.h"

const char *history_label(char *buf, size_t len, const char *label)
{
	/* CI systems name the commit they build; a 40-digit SHA is cut as `git rev-parse --short=12`. */
	static const char *const commit_vars[] = {
		"GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "TRAVIS_COMMIT",
		"GIT_COMMIT", "BUILD_SOURCEVERSION", "BITBUCKET_COMMIT",
	};
	const char *env = getenv("BENCHTOP_LABEL");
	buf[0] = '\0';
	if (label)
		str_copy(buf, label, len);
	else if (env && env[0])
		str_copy(buf, env, len);
	else
		for (size_t i = 0; i < sizeof commit_vars / sizeof *commit_vars && !buf[0]; i++) {
			const char *v = getenv(commit_vars[i]);
			if (v && v[0])
				str_copy(buf, v, len < 13 ? len : 13);
		}
	return buf;
}

int history_record_run(const struct run_results *r, const struct options *o, char *said, size_t len)
{
	said[0] = '\0';
	if (o && o->no_history)
		return 0;
	char path[4096], why[1024], label[256], driver[64];
	if (history_db_path(path, sizeof path, o ? o->history_db : NULL, why, sizeof why) < 0) {
		snprintf(said, len, "history: %s", why);
		return -1;
	}
	struct fingerprint fp;
	fingerprint_make(&fp, &r->system, fingerprint_gpu_driver(driver, sizeof driver));
	history_label(label, sizeof label, o ? o->label : NULL);
	long long id;
	int rc;
	/* A database that does not exist yet appears with the run in it or not at all (a full disk
	 * leaves no file behind); when another process made it meanwhile, the run goes into that one. */
	for (int tries = 0;; tries++) {
		struct history_db h;
		if (history_db_open(&h, path, HISTORY_RECORD, why, sizeof why) < 0) {
			snprintf(said, len, "history: %s", why);
			return -1;
		}
		rc = history_write_run(&h, r, &fp, label, &id, why, sizeof why);
		int placed = rc == 0 ? history_db_publish(&h, why, sizeof why) : 0;
		history_db_close(&h);
		if (placed == 1 && tries < 2)
			continue;
		if (placed == 1)
			str_copy(why, "the database was made and removed again by other processes meanwhile", sizeof why);
		if (placed != 0)
			rc = -1;
		break;
	}
	if (rc < 0) {
		snprintf(said, len, "history: run not recorded: %s", why);
		return -1;
	}
	if (rc == 0)
		snprintf(said, len, "history: run %lld recorded in %s", id, path);
	else if (rc == 1)
		snprintf(said, len, "history: run already recorded as run %lld in %s", id, path);
	return 0;
}
