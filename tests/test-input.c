/* test-input.c - the safe readers of outside input: text made visible, bounded and regular-only
 * file reads, text fitted to columns, bounded lines, the string set, jsonpos paths, matrix substitution within its
 * budget, and figures out of range (ETA, timestamps, overflowing variances). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "compare.h"
#include "file-read.h"
#include "jsonpos.h"
#include "results-json.h"
#include "strset.h"
#include "suite-matrix.h"
#include "text-column.h"
#include "text-visible.h"
#include "util.h"

static void test_visible(void)
{
	char buf[128];
	CHECK_STR(text_visible(buf, sizeof buf, "\x1b]0;pwned\a\x1b[2J"), "\\x1b]0;pwned\\x07\\x1b[2J");
	CHECK_STR(text_visible(buf, sizeof buf, "caf\xc3\xa9 \xe2\x96\x81 ok"), "caf\xc3\xa9 \xe2\x96\x81 ok");
	/* C1 CSI (U+009B), a lone continuation byte, a cut sequence, DEL, an overlong '/' */
	CHECK_STR(text_visible(buf, sizeof buf, "\xc2\x9b" "a\x80" "b\xe2\x96" "\x7f" "\xc0\xaf"),
	          "\\xc2\\x9ba\\x80b\\xe2\\x96\\x7f\\xc0\\xaf");
	/* never a cut escape: what does not fit is dropped whole */
	CHECK_STR(text_visible(buf, 7, "ab\x1b" "c"), "ab\\x1b");
	CHECK_STR(text_visible(buf, 6, "ab\x1b" "c"), "ab");
	char in[64] = "name\nwith\ttab";
	CHECK_STR(text_visible_inplace(in, sizeof in), "name\\x0awith\\x09tab");
	char clean[16] = "plain";
	CHECK_STR(text_visible_inplace(clean, sizeof clean), "plain");
}

/* Columns counted as a terminal shows them: cut between characters, with an ellipsis. */
static void test_columns(void)
{
	char buf[128];
	CHECK_STR(text_column(buf, sizeof buf, "abc", 6, 0), "abc   ");
	CHECK_STR(text_column(buf, sizeof buf, "abc", 6, TEXT_COLUMN_RIGHT), "   abc");
	CHECK_STR(text_column(buf, sizeof buf, "abcdefgh", 6, 0), "abcde\xE2\x80\xA6");
	CHECK_STR(text_column(buf, sizeof buf, "abcdef", 6, 0), "abcdef");
	CHECK_STR(text_column(buf, sizeof buf, "abcdefgh", 6, TEXT_COLUMN_NOPAD), "abcde\xE2\x80\xA6");
	CHECK_STR(text_column(buf, sizeof buf, "ab", 6, TEXT_COLUMN_NOPAD), "ab");
	/* ü is one column of two bytes: padded to the columns, not the bytes */
	CHECK_STR(text_column(buf, sizeof buf, "\xC3\xBC" "x", 4, 0), "\xC3\xBC" "x  ");
	/* 测 is two columns: four of them in 6 columns are two and an ellipsis, and a space where a
	 * third would straddle the edge */
	CHECK_STR(text_column(buf, sizeof buf, "\xE6\xB5\x8B\xE6\xB5\x8B\xE6\xB5\x8B\xE6\xB5\x8B", 6, 0),
	          "\xE6\xB5\x8B\xE6\xB5\x8B\xE2\x80\xA6 ");
	CHECK_STR(text_column(buf, sizeof buf, "\xE6\xB5\x8B\xE6\xB5\x8B\xE6\xB5\x8B\xE6\xB5\x8B", 5, 0),
	          "\xE6\xB5\x8B\xE6\xB5\x8B\xE2\x80\xA6");
	/* a combining mark stays with its letter: e + U+0301 is one column */
	CHECK_STR(text_column(buf, sizeof buf, "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, 0), "e\xCC\x81\xE2\x80\xA6");
	CHECK_STR(text_column(buf, sizeof buf, "abc", 0, 0), "");
	CHECK_STR(text_column(buf, sizeof buf, "abc", 1, 0), "\xE2\x80\xA6");
	/* a short buffer still ends on a whole character */
	CHECK_STR(text_column(buf, 4, "\xE6\xB5\x8B\xE6\xB5\x8B", 4, 0), "\xE6\xB5\x8B");
	/* ASCII: the text in its ASCII form, counted so, cut with "..." in the same columns */
	CHECK_STR(text_column(buf, sizeof buf, "abcdefgh", 6, TEXT_COLUMN_ASCII), "abc...");
	CHECK_STR(text_column(buf, sizeof buf, "a\xC2\xB1" "b", 6, TEXT_COLUMN_ASCII), "a+-b  ");
	CHECK_STR(text_column(buf, sizeof buf, "a\xC2\xB1" "b", 3, TEXT_COLUMN_ASCII), "a+-");
	CHECK_STR(text_column(buf, sizeof buf, "x\xE2\x80\xA6" "yz", 7, TEXT_COLUMN_ASCII | TEXT_COLUMN_RIGHT),
	          " x...yz");
	/* a stand-in is whole or left out, as a wide character is */
	CHECK_STR(text_column(buf, sizeof buf, "x\xE2\x80\xA6" "yz", 5, TEXT_COLUMN_ASCII | TEXT_COLUMN_RIGHT),
	          " x...");
	CHECK_STR(text_column(buf, sizeof buf, "\xC2\xB1\xC2\xB1\xC2\xB1", 5, TEXT_COLUMN_ASCII), "+-...");
	CHECK_STR(text_column(buf, sizeof buf, "\xE6\xB5\x8B\xC3\xBC", 4, TEXT_COLUMN_ASCII), "??  ");
	CHECK_STR(text_column(buf, sizeof buf, "abcdefgh", 3, TEXT_COLUMN_ASCII), "abc");   /* no room for "..." */
}

static void test_file_read(const char *dir)
{
	char path[600], why[700], *text;
	size_t len;
	snprintf(path, sizeof path, "%s/small", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("0123456789", f);
	fclose(f);
	CHECK_INT(file_read_capped(path, 10, "a thing", &text, &len, why, sizeof why), 0);
	if (len == 10) {
		CHECK_STR(text, "0123456789");
		free(text);
	}
	CHECK_INT(file_read_capped(path, 9, "a thing", &text, &len, why, sizeof why), -1);
	CHECK(strstr(why, "small: larger than 9 bytes (the limit for a thing)") != NULL);

	snprintf(path, sizeof path, "%s/fifo", dir);
	CHECK_INT(mkfifo(path, 0600), 0);
	CHECK_INT(file_read_capped(path, 100, "a suite file", &text, &len, why, sizeof why), -1);
	CHECK(strstr(why, "fifo: a named pipe, not a suite file") != NULL);
	CHECK(file_open_regular("/dev/null", "a report", why, sizeof why) == NULL);
	CHECK(strstr(why, "/dev/null: a character device, not a report") != NULL);
	CHECK(file_open_regular(dir, "a journal", why, sizeof why) == NULL);
	CHECK(strstr(why, ": a directory, not a journal") != NULL);
	snprintf(path, sizeof path, "%s/none", dir);
	CHECK(file_open_regular(path, "a journal", why, sizeof why) == NULL);
	CHECK_INT(errno, ENOENT);

	char size[32];
	CHECK_STR(file_size_text(size, sizeof size, 16u << 20), "16 MiB");
	CHECK_STR(file_size_text(size, sizeof size, 65536), "64 KiB");
	CHECK_STR(file_size_text(size, sizeof size, 1000), "1000 bytes");
}

static void test_lines(const char *dir)
{
	char path[600];
	snprintf(path, sizeof path, "%s/lines", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fputs("short\n", f);
	for (int i = 0; i < 100; i++)
		fputc('x', f);
	fputs("\nlast", f);
	fclose(f);
	f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	CHECK_INT(file_read_line(f, &buf, &cap, 50), 6);
	CHECK_STR(buf, "short\n");
	CHECK_INT(file_read_line(f, &buf, &cap, 50), -2);   /* the long line, skipped whole */
	CHECK(cap <= 52);
	CHECK_INT(file_read_line(f, &buf, &cap, 50), 4);
	CHECK_STR(buf, "last");
	CHECK_INT(file_read_line(f, &buf, &cap, 50), -1);
	fclose(f);
	free(buf);
}

static void test_strset(void)
{
	struct strset s = { 0 };
	char names[3000][16];
	size_t old = 0;
	for (int i = 0; i < 3000; i++) {
		snprintf(names[i], sizeof names[i], "n%d", i);
		CHECK_INT(strset_add(&s, names[i], (size_t)i, NULL), 0);
	}
	CHECK_INT(strset_add(&s, "n1234", 9, &old), 1);
	CHECK_INT(old, 1234);
	CHECK_INT(s.n, 3000);
	strset_free(&s);
}

static void test_jsonpos(void)
{
	const char *doc = "{\"tests\": [\n  {\"name\": \"a\"},\n  {\"a key\": {\"x\\\"y\": [1, 2]}, \"name\": \"b\"}],\n"
	                  " \"name\": 1, \"name\": 2}";
	struct jsonpos p;
	int line = 0, col = 0;
	char why[100], path[200];
	CHECK_INT(jsonpos_scan(&p, doc, strlen(doc), &line, &col, why, sizeof why), 0);
	CHECK_INT(jsonpos_find(&p, "tests[1].name", &line, &col), 0);
	CHECK_INT(line, 3);
	CHECK_INT(col, 31);
	jsonpos_member(path, sizeof path, "tests[1]", "a key");
	CHECK_STR(path, "tests[1][\"a key\"]");
	jsonpos_member(path, sizeof path, path, "x\"y");
	jsonpos_element(path, sizeof path, path, 1);
	CHECK_STR(path, "tests[1][\"a key\"][\"x\\\"y\"][1]");
	CHECK_INT(jsonpos_find(&p, path, &line, &col), 0);
	CHECK_INT(line, 3);
	CHECK_INT(col, 26);
	CHECK_INT(jsonpos_find(&p, "name", &line, &col), 0);   /* the first of a repeated name */
	CHECK_INT(line, 4);
	CHECK_INT(col, 2);
	CHECK_INT(jsonpos_find(&p, "tests[2]", &line, &col), -1);
	CHECK_INT(jsonpos_find(&p, "tests.x", &line, &col), -1);
	CHECK_INT(jsonpos_find(&p, "tests[", &line, &col), -1);
	jsonpos_free(&p);
	/* columns count characters on a long line */
	char *one = malloc(400000);
	size_t n = 0;
	n += (size_t)sprintf(one + n, "[");
	for (int i = 0; i < 50000; i++)
		n += (size_t)sprintf(one + n, "%s\"\xc3\xa9\"", i ? "," : "");
	n += (size_t)sprintf(one + n, "]");
	CHECK_INT(jsonpos_scan(&p, one, n, &line, &col, why, sizeof why), 0);
	CHECK_INT(jsonpos_find(&p, "[49999]", &line, &col), 0);
	CHECK_INT(col, 2 + 49999 * 4);
	jsonpos_free(&p);
	free(one);
}

static void test_subst(void)
{
	char *vals[] = { "vvvvvvvvvv" };
	struct suite_matrix m = { .nkeys = 1, .key = { "a" }, .nvalues = { 1 }, .text = { vals }, .count = 1 };
	size_t choice[1] = { 0 }, budget = 1000;
	char *out, bad[16];
	CHECK_INT(suite_matrix_subst(&m, choice, "x{a}y${a}", &budget, &out, bad, sizeof bad), SUBST_OK);
	CHECK_STR(out, "xvvvvvvvvvvy${a}");
	CHECK_INT(budget, 1000 - 9 - 16);
	free(out);
	CHECK_INT(suite_matrix_subst(&m, choice, "{b}", &budget, &out, bad, sizeof bad), SUBST_UNKNOWN);
	CHECK_STR(bad, "b");
	budget = 20;
	CHECK_INT(suite_matrix_subst(&m, choice, "{a}{a}", &budget, &out, bad, sizeof bad), SUBST_BUDGET);
	CHECK(out == NULL);
	/* sized before it is made: 20,000 references to 10 bytes pass 128 KiB */
	char *many = malloc(60001);
	for (int i = 0; i < 20000; i++)
		memcpy(many + 3 * i, "{a}", 3);
	many[60000] = '\0';
	budget = 1u << 30;
	CHECK_INT(suite_matrix_subst(&m, choice, many, &budget, &out, bad, sizeof bad), SUBST_TOO_LONG);
	free(many);
}

static void test_ranges(void)
{
	char buf[64];
	CHECK_STR(fmt_duration(buf, sizeof buf, 3600.0 * 3e9), "3000000000h00m");
	CHECK_STR(fmt_duration(buf, sizeof buf, 3725), "1h02m");
	CHECK_STR(results_json_iso_time(buf, sizeof buf, 1e25), "1970-01-01T00:00:00Z");
	CHECK_STR(results_json_iso_time(buf, sizeof buf, 0), "1970-01-01T00:00:00Z");
	double d;
	CHECK_INT(parse_duration("1e307d", &d), -1);
	CHECK_INT(parse_size("1e300T", &d), -1);
	CHECK_INT(parse_duration("1e999", &d), -1);
	/* variances that overflow: no Welch p value, and the rank test still decides */
	double old_x[] = { 1e308, -1e308, 1e308, -1e308 }, new_x[] = { 1e308, 1e308, 1e308, 1e308 };
	struct comparison c;
	compare_samples(old_x, 4, new_x, 4, 0, 5.0, COMPARE_DEFAULT_ALPHA, &c, NULL);
	CHECK(isnan(c.p_welch));
	CHECK(isfinite(c.p_utest));
}

int main(void)
{
	char dir[] = "/tmp/benchtop-input.XXXXXX";
	if (!mkdtemp(dir))
		return 99;
	test_visible();
	test_columns();
	test_file_read(dir);
	test_lines(dir);
	test_strset();
	test_jsonpos();
	test_subst();
	test_ranges();
	char cmd[100];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_result();
}
