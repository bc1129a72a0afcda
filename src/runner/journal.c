#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "adaptive.h"
#include "file-read.h"
#include "journal.h"
#include "journal-private.h"
#include "results-json.h"
#include "runner.h"
#include "text-visible.h"
#include "util.h"

struct journal {
	int fd;
	off_t size;                       /* bytes of whole lines written so far */
	const struct run_results *r;
	char path[4096];
};

char *journal_stem(char *buf, size_t len, double t)
{
	time_t s = (time_t)floor(t);
	struct tm tm;
	localtime_r(&s, &tm);
	if (!strftime(buf, len, "run-%Y%m%d-%H%M%S", &tm) && len)
		buf[0] = '\0';
	return buf;
}

int journal_line(struct journal *j, cJSON *obj, char *why, size_t whylen)
{
	char *text = obj ? cJSON_PrintUnformatted(obj) : NULL;
	cJSON_Delete(obj);
	if (!text) {
		snprintf(why, whylen, "%s: out of memory", j->path);
		return -1;
	}
	size_t len = strlen(text);
	text[len] = '\n';   /* over the terminator: cJSON's buffer has room for it, written alone */
	size_t done = 0;
	int rc = 0;
	while (done < len + 1) {
		ssize_t n = write(j->fd, text + done, len + 1 - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, whylen, "%s: %s", j->path, n < 0 ? strerror(errno) : "short write");
			/* Never leave half a line for the next one to follow (best effort). */
			if (done)
				(void)!ftruncate(j->fd, j->size);
			rc = -1;
			break;
		}
		done += (size_t)n;
	}
	if (rc == 0)
		j->size += (off_t)done;
	cJSON_free(text);
	return rc;
}

struct journal *journal_open(const char *path, const struct run_results *r, char *why, size_t whylen)
{
	struct journal *j = calloc(1, sizeof *j);
	if (!j) {
		snprintf(why, whylen, "%s: out of memory", path);
		return NULL;
	}
	str_copy(j->path, path, sizeof j->path);
	j->r = r;
	j->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (j->fd < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		free(j);
		return NULL;
	}

	char iso[32];
	cJSON *run = cJSON_CreateObject();
	cJSON_AddStringToObject(run, "type", "run");
	cJSON_AddNumberToObject(run, "schema", 1);
	cJSON_AddStringToObject(run, "benchtop_version", r->benchtop_version);
	cJSON_AddItemToObject(run, "started_unix", results_json_number(r->started_t));
	cJSON_AddStringToObject(run, "started", results_json_iso_time(iso, sizeof iso, r->started_t));
	cJSON_AddItemToObject(run, "system", results_json_system(&r->system));
	results_json_run(run, r);
	if (journal_line(j, run, why, whylen) < 0)
		goto fail;
	for (size_t i = 0; i < r->ntests; i++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "type", "test");
		cJSON_AddNumberToObject(t, "index", (double)i);
		results_json_info(t, &r->tests[i].info, 1);
		if (journal_line(j, t, why, whylen) < 0)
			goto fail;
	}
	return j;
fail:
	close(j->fd);
	unlink(path);
	free(j);
	return NULL;
}

int journal_event(struct journal *j, const struct run_event *ev, char *why, size_t whylen)
{
	cJSON *o;
	if (ev->type == EV_ITERATION) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", "iteration");
		cJSON_AddNumberToObject(o, "index", ev->test);
		cJSON_AddNumberToObject(o, "iteration", ev->iteration);
		cJSON_AddBoolToObject(o, "warmup", ev->warmup != 0);
		cJSON_AddItemToObject(o, "value", results_json_number(ev->value));
		cJSON_AddItemToObject(o, "wall_s", results_json_number(ev->wall_s));
		cJSON_AddItemToObject(o, "user_s", results_json_number(ev->user_s));
		cJSON_AddItemToObject(o, "sys_s", results_json_number(ev->sys_s));
		cJSON_AddItemToObject(o, "maxrss", results_json_number(ev->maxrss));
		cJSON_AddItemToObject(o, "t", results_json_number(ev->t));
		cJSON_AddNumberToObject(o, "round", ev->round);
		cJSON_AddItemToObject(o, "noise", results_json_noise_bits(ev->noise));
		if (ev->cpu_mhz_mean > 0) {
			cJSON_AddItemToObject(o, "cpu_mhz_min", results_json_number(ev->cpu_mhz_min));
			cJSON_AddItemToObject(o, "cpu_mhz_mean", results_json_number(ev->cpu_mhz_mean));
		}
	} else if (ev->type == EV_TEST_STATE) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", "state");
		cJSON_AddNumberToObject(o, "index", ev->test);
		cJSON_AddStringToObject(o, "status", test_status_name(ev->status));
		if (ev->text[0])
			cJSON_AddStringToObject(o, "error", ev->text);
		else
			cJSON_AddNullToObject(o, "error");
		cJSON_AddItemToObject(o, "t", results_json_number(ev->t));
		if (ev->stop[0])
			cJSON_AddStringToObject(o, "stop", ev->stop);
		if (test_status_finished(ev->status) && ev->test >= 0 && (size_t)ev->test < j->r->ntests)
			cJSON_AddItemToObject(o, "during", results_json_during(&j->r->tests[ev->test].during));
	} else {
		return 0;
	}
	return journal_line(j, o, why, whylen);
}

int journal_rules(struct journal *j, int require_quiet, char *why, size_t whylen)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "rules");
	cJSON_AddBoolToObject(o, "require_quiet", require_quiet);
	return journal_line(j, o, why, whylen);
}

/* The --baseline the run compares with, its figures and not only its path: `benchtop report`
 * judges the rebuilt run as the run did, whatever became of the file (journal-baseline.c
 * reads it back). */
/* Samples per baseline_samples line: far below JOURNAL_LINE_MAX at 25 bytes a number. */
#define JOURNAL_BASE_CHUNK 4096
int journal_baseline(struct journal *j, const struct run_results *base, const char *file, double threshold_pct,
                     double alpha, char *why, size_t whylen)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "baseline");
	cJSON_AddStringToObject(o, "file", file);
	cJSON_AddItemToObject(o, "threshold_pct", results_json_number(threshold_pct));
	cJSON_AddItemToObject(o, "alpha", results_json_number(alpha));
	cJSON_AddNumberToObject(o, "tests", (double)base->ntests);
	/* What the comparison's header says of the baseline. */
	cJSON_AddItemToObject(o, "started_unix", results_json_number(base->started_t));
	cJSON_AddStringToObject(o, "benchtop_version", base->benchtop_version);
	cJSON_AddItemToObject(o, "system", results_json_system(&base->system));
	if (journal_line(j, o, why, whylen) < 0)
		return -1;
	for (size_t i = 0; i < base->ntests; i++) {
		const struct test_result *t = &base->tests[i];
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", "baseline_test");
		cJSON_AddNumberToObject(o, "index", (double)i);
		results_json_info(o, &t->info, 0);
		cJSON_AddNumberToObject(o, "n", (double)t->n);
		if (journal_line(j, o, why, whylen) < 0)
			return -1;
		for (size_t from = 0; from < t->n; from += JOURNAL_BASE_CHUNK) {
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "type", "baseline_samples");
			cJSON_AddNumberToObject(o, "index", (double)i);
			cJSON_AddNumberToObject(o, "from", (double)from);
			cJSON *a = cJSON_AddArrayToObject(o, "samples");
			for (size_t k = from; k < t->n && k < from + JOURNAL_BASE_CHUNK; k++)
				cJSON_AddItemToArray(a, results_json_number(t->samples[k]));
			if (journal_line(j, o, why, whylen) < 0)
				return -1;
		}
	}
	return 0;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	fsync(j->fd);
	close(j->fd);
	free(j);
}

/* Reading back. */

struct journal_reader {
	const char *path;
	FILE *f;
	char *line;
	size_t cap;
	long lineno;
	long bad_lineno;               /* a line that did not parse: damage unless it is the last */
	int counting;                  /* the pass that counts and says the damage */
	size_t skipped;
	FILE *warn;
	const char *prefix;
};

/* A damaged line is left out, said once (in the counting pass) and counted. */
static void journal_damage(struct journal_reader *jr, long lineno, const char *what)
{
	if (!jr->counting)
		return;
	jr->skipped++;
	if (!jr->warn)
		return;
	char msg[1024];
	snprintf(msg, sizeof msg, "%s:%ld: %s; line skipped", jr->path, lineno, what);
	fprintf(jr->warn, "%s: %s\n", jr->prefix ? jr->prefix : "benchtop", text_visible_inplace(msg, sizeof msg));
}

/* The next object line, or NULL at the end (or on a read error, with why set and -1 in *err). */
static cJSON *journal_next(struct journal_reader *jr, int *err, char *why, size_t whylen)
{
	long n;
	while ((n = file_read_line(jr->f, &jr->line, &jr->cap, JOURNAL_LINE_MAX)) != -1) {
		jr->lineno++;
		if (n == -2) {
			char what[96];
			snprintf(what, sizeof what, "a line longer than %u bytes (the limit for a journal line)",
			         JOURNAL_LINE_MAX);
			journal_damage(jr, jr->lineno, what);
			continue;
		}
		/* Zeroed blocks are what a machine crash leaves of lines the disk never got. */
		int nul = memchr(jr->line, '\0', (size_t)n) != NULL;
		if (!nul && jr->line[strspn(jr->line, " \t\r\n")] == '\0')
			continue;
		if (jr->bad_lineno) {
			journal_damage(jr, jr->bad_lineno, "not a JSON object");
			jr->bad_lineno = 0;
		}
		if (nul) {
			journal_damage(jr, jr->lineno, "NUL bytes in the line");
			continue;
		}
		cJSON *o = cJSON_ParseWithLength(jr->line, (size_t)n);
		if (cJSON_IsObject(o))
			return o;
		cJSON_Delete(o);
		/* A crash can cut the last line short: only a bad line with more after it is damage. */
		jr->bad_lineno = jr->lineno;
	}
	if (ferror(jr->f)) {
		snprintf(why, whylen, "%s: %s", jr->path, strerror(errno));
		*err = -1;
	}
	return NULL;
}

static int journal_index(const cJSON *o, const struct run_results *r, size_t *out)
{
	double v = results_json_get_number(o, "index");
	if (!(v >= 0) || v >= (double)r->ntests || v != floor(v))
		return -1;
	*out = (size_t)v;
	return 0;
}

/* An iteration line's measurement: a finite number, or null for one that gave none. A string
 * or an overflowing number is a damaged journal, not a sample. */
static int journal_value(const cJSON *o, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
	*out = cJSON_IsNumber(v) ? v->valuedouble : NAN;
	return cJSON_IsNull(v) || (cJSON_IsNumber(v) && isfinite(v->valuedouble)) ? 0 : -1;
}

/* Second pass: the events, applied as they happened. Each test's iterations (warmup and
 * measured counted apart) come in increasing order; one seen twice would count twice. A line
 * that does not fit is damage, left out. */
static int journal_replay(struct journal_reader *jr, struct run_results *r, struct journal_base *b,
                          double *iter_t, char *why, size_t whylen)
{
	int err = 0;
	cJSON *o;
	int *last = calloc(r->ntests * 2 + 1, sizeof *last);
	if (!last) {
		snprintf(why, whylen, "%s: out of memory", jr->path);
		return -1;
	}
	while ((o = journal_next(jr, &err, why, whylen))) {
		const char *type = results_json_get_string(o, "type");
		size_t idx;
		char what[RESULTS_STOP_LEN + 128];
		struct run_event ev;
		memset(&ev, 0, sizeof ev);
		int is_iter = strcmp(type, "iteration") == 0, is_state = strcmp(type, "state") == 0;
		if ((is_iter || is_state) && journal_index(o, r, &idx) < 0) {
			journal_damage(jr, jr->lineno, "test index out of range");
		} else if (is_iter) {
			ev.type = EV_ITERATION;
			ev.test = (int)idx;
			double k = results_json_get_number(o, "iteration");
			ev.iteration = isfinite(k) && fabs(k) < 1e9 ? (int)k : 0;
			ev.warmup = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "warmup"));
			int *seen = &last[idx * 2 + (ev.warmup ? 1 : 0)];
			const char *bad = journal_value(o, &ev.value) < 0 ? "its value is not a finite number"
			                  : ev.iteration <= *seen ? "an iteration seen before" : NULL;
			if (bad) {
				snprintf(what, sizeof what, "%s (test %zu, iteration %d)", bad, idx, ev.iteration);
				journal_damage(jr, jr->lineno, what);
				cJSON_Delete(o);
				continue;
			}
			*seen = ev.iteration;
			ev.wall_s = results_json_get_number(o, "wall_s");
			ev.user_s = results_json_get_number(o, "user_s");
			ev.sys_s = results_json_get_number(o, "sys_s");
			ev.maxrss = results_json_get_number(o, "maxrss");
			ev.t = results_json_get_number(o, "t");
			ev.round = (int)fmax(0, fmin(1e9, results_json_get_number(o, "round")));
			ev.noise = results_json_noise_bits_read(cJSON_GetObjectItemCaseSensitive(o, "noise"));
			ev.cpu_mhz_min = results_json_get_number(o, "cpu_mhz_min");
			ev.cpu_mhz_mean = results_json_get_number(o, "cpu_mhz_mean");
			results_apply(r, &ev);
			if (!ev.warmup)
				iter_t[idx] = ev.t;
		} else if (is_state) {
			ev.type = EV_TEST_STATE;
			ev.test = (int)idx;
			ev.t = results_json_get_number(o, "t");
			if (results_json_status(results_json_get_string(o, "status"), &ev.status) < 0) {
				snprintf(what, sizeof what, "unknown status \"%.60s\"", results_json_get_string(o, "status"));
				journal_damage(jr, jr->lineno, what);
				cJSON_Delete(o);
				continue;
			}
			str_copy(ev.text, results_json_get_string(o, "error"), sizeof ev.text);
			str_copy(ev.stop, results_json_get_string(o, "stop"), sizeof ev.stop);
			results_apply(r, &ev);
			const cJSON *during = cJSON_GetObjectItemCaseSensitive(o, "during");
			if (cJSON_IsObject(during))
				results_json_during_read(during, &r->tests[idx].during);
		} else if (journal_base_samples(b, o, what, sizeof what) < 0) {
			journal_damage(jr, jr->lineno, what);
		}
		cJSON_Delete(o);
	}
	free(last);
	return err;
}

/* A test still measuring when the journal ends, whose lost state line would have said it
 * finished: its iterations prove that the runner's stop rule was met after the last of them.
 * Time spent measuring is at least the iterations' wall time, and the rule only asks for
 * enough of it, so without wall times (kernels) a min_time or max_time rule proves nothing. */
static void journal_complete(struct run_results *r, const double *iter_t)
{
	for (size_t i = 0; i < r->ntests; i++) {
		struct test_result *t = &r->tests[i];
		if (t->status != TS_RUNNING || t->n == 0)
			continue;
		double spent = 0;
		for (size_t k = 0; k < t->n; k++)
			spent += isfinite(t->wall_s[k]) && t->wall_s[k] > 0 ? t->wall_s[k] : 0;
		char stop[RESULTS_STOP_LEN] = "";
		if (!adaptive_should_stop(&t->info, t->samples, t->n, spent, stop, sizeof stop) &&
		    t->n < RUNNER_MAX_ITERATIONS)
			continue;
		struct run_event ev = { .type = EV_TEST_STATE, .test = (int)i, .status = TS_PASS, .t = iter_t[i] };
		str_copy(ev.stop, stop[0] ? stop : "max_iterations", sizeof ev.stop);
		results_apply(r, &ev);   /* results_finish applies its thresholds */
	}
}

void journal_extras_free(struct journal_extras *x)
{
	if (x && x->has_baseline)
		results_free(&x->baseline);
	if (x)
		memset(x, 0, sizeof *x);
}

int journal_load(const char *path, struct run_results *out, char *why, size_t whylen)
{
	return journal_load_ex(path, out, NULL, NULL, NULL, why, whylen);
}

int journal_load_ex(const char *path, struct run_results *out, struct journal_extras *x, FILE *warn,
                    const char *prefix, char *why, size_t whylen)
{
	struct journal_reader jr = { .path = path, .warn = warn, .prefix = prefix };
	struct journal_base b;
	struct test_info *infos = NULL;
	double *iter_t = NULL;         /* each test's last measured iteration */
	size_t ninfos = 0, cap = 0;
	cJSON *run = NULL, *o;
	int err = 0, rc = -1;

	memset(out, 0, sizeof *out);
	memset(&b, 0, sizeof b);
	if (x)
		memset(x, 0, sizeof *x);
	jr.f = file_open_regular(path, "a journal", why, whylen);
	if (!jr.f)
		return -1;
	run = journal_next(&jr, &err, why, whylen);
	if (err)
		goto done;
	if (!run || strcmp(results_json_get_string(run, "type"), "run") != 0) {
		snprintf(why, whylen, "%s: not a benchtop journal (its first line is not a \"run\" line)", path);
		goto done;
	}
	if (results_json_get_number(run, "schema") != 1) {
		snprintf(why, whylen, "%s: journal schema %g, this benchtop reads schema 1", path,
		         results_json_get_number(run, "schema"));
		goto done;
	}
	/* First pass: the test lines, so the results can be laid out before the events. Without
	 * one of them the tests after it cannot be placed: that much damage is an error. */
	while ((o = journal_next(&jr, &err, why, whylen))) {
		if (strcmp(results_json_get_string(o, "type"), "test") == 0) {
			if (results_json_get_number(o, "index") != (double)ninfos) {
				snprintf(why, whylen, "%s:%ld: test index %g, expected %zu (a test line is lost or damaged)",
				         path, jr.lineno, results_json_get_number(o, "index"), ninfos);
				cJSON_Delete(o);
				goto done;
			}
			if (ninfos == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				struct test_info *p = realloc(infos, ncap * sizeof *p);
				if (!p) {
					snprintf(why, whylen, "%s: out of memory", path);
					cJSON_Delete(o);
					goto done;
				}
				infos = p;
				cap = ncap;
			}
			results_json_info_read(o, &infos[ninfos++]);
		} else if (strcmp(results_json_get_string(o, "type"), "rules") == 0) {
			if (x)
				x->require_quiet = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "require_quiet"));
		} else if (journal_base_first(&b, o) < 0) {
			snprintf(why, whylen, "%s: out of memory", path);
			cJSON_Delete(o);
			goto done;
		}
		cJSON_Delete(o);
	}
	if (err)
		goto done;

	if (results_init(out, infos, ninfos) < 0 || journal_base_layout(&b) < 0) {
		snprintf(why, whylen, "%s: out of memory", path);
		results_free(out);
		goto done;
	}
	results_json_run_read(run, out);

	rewind(jr.f);
	jr.lineno = jr.bad_lineno = 0;
	jr.counting = 1;
	cJSON_Delete(journal_next(&jr, &err, why, whylen));   /* the run line again */
	iter_t = calloc(ninfos + 1, sizeof *iter_t);
	if (!iter_t) {
		snprintf(why, whylen, "%s: out of memory", path);
		err = -1;
	}
	if (err || journal_replay(&jr, out, &b, iter_t, why, whylen) < 0) {
		results_free(out);
		goto done;
	}
	journal_complete(out, iter_t);
	if (x) {
		x->skipped = jr.skipped;
		if (b.ready) {
			x->has_baseline = 1;
			x->baseline = b.r;
			b.ready = 0;   /* now x's */
			str_copy(x->baseline_file, b.file, sizeof x->baseline_file);
			x->threshold_pct = b.threshold_pct;
			x->alpha = b.alpha;
		}
	}
	rc = 0;
done:
	free(iter_t);
	journal_base_free(&b);
	cJSON_Delete(run);
	free(infos);
	free(jr.line);
	fclose(jr.f);
	return rc;
}
