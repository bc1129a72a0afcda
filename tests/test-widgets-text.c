/* test-widgets-text.c - the table and text widgets, read back cell by cell. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "grid.h"
#include "grid-check.h"
#include "table.h"
#include "text.h"
#include "utf8.h"

static const char *table_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	int *failed = arg;
	if (row == *failed)
		*role = ROLE_ERROR;
	if (col == 0)
		snprintf(buf, len, "test-%d", row);
	else
		snprintf(buf, len, "%d.0", row * 10);
	return buf;
}

static void test_table(void)
{
	static const struct table_col cols[] = {
		{ .title = "name", .width = 0, .align = TABLE_LEFT },
		{ .title = "mean", .width = 6, .align = TABLE_RIGHT },
	};
	int failed = 6;
	struct table t = { .cols = cols, .ncols = 2, .nrows = 10, .cell = table_cell, .arg = &failed,
		.selected = 0 };
	struct grid g;

	grid_init(&g, 16, 6);
	table_draw(&g, rect_make(0, 0, 16, 4), &t);
	CHECK_STR(row(&g, 0), "name        mean");
	CHECK_INT(role_at(&g, 0, 0), ROLE_HEADER);
	CHECK_STR(row(&g, 1), "test-0       0.0");
	CHECK_STR(row(&g, 3), "test-2      20.0");
	CHECK_INT(role_at(&g, 15, 1), ROLE_SELECTED);
	CHECK_INT(role_at(&g, 8, 1), ROLE_SELECTED);
	CHECK_INT(role_at(&g, 0, 2), ROLE_NORMAL);
	/* Moving down past the view scrolls it: the selection stays visible. */
	for (int i = 0; i < 7; i++) {
		table_move(&t, 1);
		grid_clear(&g);
		table_draw(&g, rect_make(0, 0, 16, 4), &t);
		CHECK(t.selected >= t.top && t.selected < t.top + 3);
	}
	CHECK_INT(t.selected, 7);
	CHECK_INT(t.top, 5);
	CHECK_STR(row(&g, 1), "test-5      50.0");
	CHECK_STR(row(&g, 3), "test-7      70.0");
	CHECK_INT(role_at(&g, 0, 3), ROLE_SELECTED);
	/* The caller's role for a cell, unless selected. */
	CHECK_INT(role_at(&g, 0, 2), ROLE_ERROR);
	/* Past the end, clamped; back to the top. */
	table_move(&t, 100);
	CHECK_INT(t.selected, 9);
	table_draw(&g, rect_make(0, 0, 16, 4), &t);
	CHECK_INT(t.top, 7);
	table_move(&t, -100);
	table_draw(&g, rect_make(0, 0, 16, 4), &t);
	CHECK_INT(t.selected, 0);
	CHECK_INT(t.top, 0);
	/* Rows removed under the view: no empty view past the end. */
	t.top = 8;
	t.selected = -1;
	t.nrows = 4;
	grid_clear(&g);
	table_draw(&g, rect_make(0, 0, 16, 4), &t);
	CHECK_INT(t.top, 1);
	CHECK_STR(row(&g, 1), "test-1      10.0");
	/* A taller view than rows: all rows from the top. */
	table_draw(&g, rect_make(0, 0, 16, 6), &t);
	CHECK_INT(t.top, 0);
	CHECK_INT(table_visible(&t, rect_make(0, 0, 16, 6)), 5);
	/* Narrow: cut with an ellipsis, never outside. */
	grid_clear(&g);
	t.nrows = 10;
	t.selected = 9;
	table_draw(&g, rect_make(0, 0, 9, 3), &t);
	CHECK_STR(row(&g, 0), "n…   mean");
	CHECK_STR(row(&g, 1), "t…   80.0");
	CHECK_STR(row(&g, 2), "t…   90.0");
	for (int w = -1; w < 16; w++)
		for (int h = -1; h < 6; h++) {
			fill_sentinel(&g);
			table_draw(&g, (struct rect){ 1, 1, w, h }, &t);
			CHECK(outside_untouched(&g, rect_make(1, 1, w, h)));
			CHECK(t.selected >= t.top);
			CHECK(w < 1 || h < 2 || t.selected < t.top + h - 1);
		}
	/* An empty table: the header only. */
	t.nrows = 0;
	t.selected = -1;
	grid_clear(&g);
	table_draw(&g, rect_make(0, 0, 16, 4), &t);
	CHECK_STR(row(&g, 0), "name        mean");
	CHECK_STR(row(&g, 1), "");
	grid_free(&g);
}

static const char *spread_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	(void)arg, (void)buf, (void)len, (void)role;
	static const char *const cells[][2] = { { "a…b", "±1" }, { "render…long name", "12.5 ± 0.25" } };
	return cells[row][col];
}

/* In ASCII a table measures its cells as drawn ("+-" and "..." are wider than ± and …): a
 * right-aligned cell still ends at its column's edge, a cut one still fits its column. */
static void test_table_ascii(void)
{
	static const struct table_col cols[] = {
		{ .title = "test", .width = 0, .align = TABLE_LEFT },
		{ .title = "±", .width = 6, .align = TABLE_RIGHT },
	};
	struct table t = { .cols = cols, .ncols = 2, .nrows = 2, .cell = spread_cell, .selected = -1 };
	struct grid g;
	grid_init(&g, 16, 3);
	g.ascii = 1;
	table_draw(&g, rect_make(0, 0, 16, 3), &t);
	CHECK_STR(row(&g, 0), "test          +-");
	CHECK_STR(row(&g, 1), "a...b        +-1");
	CHECK_STR(row(&g, 2), "render... 12....");
	grid_free(&g);
}

static void test_text(void)
{
	struct textlog l;
	struct grid g;
	char line[600];
	int role;

	grid_init(&g, 8, 5);
	CHECK_INT(textlog_init(&l, 3), 0);
	textlog_add(&l, ROLE_NORMAL, "one");
	textlog_add(&l, ROLE_NORMAL, "two");
	textlog_draw(&g, rect_make(0, 0, 8, 5), &l);
	CHECK_STR(row(&g, 3), "one");
	CHECK_STR(row(&g, 4), "two");
	CHECK_STR(row(&g, 0), "");
	/* Past capacity the oldest goes. */
	textlog_add(&l, ROLE_WARN, "three\nfour");
	CHECK_INT(l.count, 3);
	CHECK_STR(textlog_get(&l, 0, &role), "two");
	CHECK_STR(textlog_get(&l, 2, &role), "four");
	CHECK_INT(role, ROLE_WARN);
	CHECK(textlog_get(&l, 3, NULL) == NULL);
	grid_clear(&g);
	textlog_draw(&g, rect_make(0, 0, 8, 5), &l);
	CHECK_STR(row(&g, 2), "two");
	CHECK_STR(row(&g, 3), "three");
	CHECK_STR(row(&g, 4), "four");
	CHECK_INT(role_at(&g, 0, 4), ROLE_WARN);
	/* Scrolled back one line. */
	l.scroll = 1;
	grid_clear(&g);
	textlog_draw(&g, rect_make(0, 0, 8, 5), &l);
	CHECK_STR(row(&g, 4), "three");
	l.scroll = 0;
	/* Wrapped: a long line takes rows, older lines move up and off. */
	textlog_add(&l, ROLE_NORMAL, "abcdefghij");
	l.wrap = 1;
	grid_clear(&g);
	textlog_draw(&g, rect_make(0, 0, 4, 4), &l);
	CHECK_STR(row(&g, 0), "four");
	CHECK_STR(row(&g, 1), "abcd");
	CHECK_STR(row(&g, 2), "efgh");
	CHECK_STR(row(&g, 3), "ij");
	/* Clipped: wide UTF-8 is cut on a whole character. */
	l.wrap = 0;
	textlog_add(&l, ROLE_NORMAL, "日本語テキスト");
	grid_clear(&g);
	textlog_draw(&g, rect_make(0, 0, 5, 2), &l);
	CHECK_STR(row(&g, 0), "abcde");
	CHECK_STR(row(&g, 1), "日本");
	/* Wrapped wide text moves a character that would straddle to the next row. */
	l.wrap = 1;
	grid_clear(&g);
	textlog_draw(&g, rect_make(0, 0, 5, 4), &l);
	CHECK_STR(row(&g, 0), "日本");
	CHECK_STR(row(&g, 1), "語テ");
	CHECK_STR(row(&g, 2), "キス");
	CHECK_STR(row(&g, 3), "ト");
	/* In ASCII, wrapped by the columns of the ASCII form, so no stand-in is lost at a row's end. */
	g.ascii = 1;
	textlog_add(&l, ROLE_NORMAL, "ab…c±");
	grid_clear(&g);
	textlog_draw(&g, rect_make(0, 0, 4, 4), &l);
	CHECK_STR(row(&g, 2), "ab..");
	CHECK_STR(row(&g, 3), ".c+-");
	g.ascii = 0;
	/* A very long line is kept cut, whole characters only. */
	memset(line, 'x', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	textlog_add(&l, ROLE_NORMAL, line);
	CHECK_INT(strlen(textlog_get(&l, 2, NULL)), TEXTLOG_LINE - 1);
	textlog_add(&l, ROLE_NORMAL, "tab\there\x01");
	CHECK_STR(textlog_get(&l, 2, NULL), "tab here?");
	for (int w = -1; w < 8; w++) {
		fill_sentinel(&g);
		textlog_draw(&g, (struct rect){ 1, 1, w, 3 }, &l);
		CHECK(outside_untouched(&g, rect_make(1, 1, w, 3)));
	}
	textlog_free(&l);

	/* The footer: keys in their role, hints that do not fit left out. */
	static const struct key_hint hints[] = { { "q", "quit" }, { "?", "help" }, { "F2", "setup" }, { NULL, NULL } };
	grid_resize(&g, 24, 2);
	text_footer(&g, rect_make(0, 0, 24, 1), hints, NULL);
	CHECK_STR(row(&g, 0), "q quit  ? help  F2 setup");
	CHECK_INT(role_at(&g, 0, 0), ROLE_KEY);
	CHECK_INT(role_at(&g, 2, 0), ROLE_FOOTER);
	CHECK_INT(role_at(&g, 8, 0), ROLE_KEY);
	CHECK_INT(role_at(&g, 16, 0), ROLE_KEY);
	CHECK_INT(role_at(&g, 17, 0), ROLE_KEY);
	grid_clear(&g);
	text_footer(&g, rect_make(0, 1, 20, 1), hints, "3/40");
	CHECK_STR(row(&g, 1), "q quit  ? help  3/40");
	CHECK_INT(role_at(&g, 19, 1), ROLE_FOOTER);
	CHECK_INT(role_at(&g, 21, 1), ROLE_NORMAL);
	/* A line of text, aligned. */
	grid_clear(&g);
	text_line(&g, rect_make(0, 0, 10, 1), "right", ROLE_OK, TEXT_RIGHT);
	CHECK_STR(row(&g, 0), "     right");
	text_line(&g, rect_make(0, 1, 6, 1), "centered text", ROLE_OK, TEXT_CENTER);
	CHECK_STR(row(&g, 1), "cente…");
	grid_free(&g);
}

#define WIDE_NAME "ünïcödé 名前 emoji 🚀"

static const char *wide_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	(void)arg, (void)row, (void)buf, (void)len, (void)role;
	return col == 0 ? WIDE_NAME : "pass";
}

/* A name with wide characters (CJK, an emoji) takes its display columns, so the column after
 * it starts one space later and the row is exactly as wide as the table. */
static void test_wide_names(void)
{
	static const struct table_col cols[] = {
		{ .title = "test", .width = 0, .align = TABLE_LEFT },
		{ .title = "status", .width = 6, .align = TABLE_LEFT },
	};
	struct table t = { .cols = cols, .ncols = 2, .nrows = 1, .cell = wide_cell, .selected = -1 };
	struct grid g;

	CHECK_INT(utf8_width("🚀"), 2);
	CHECK_INT(utf8_width(WIDE_NAME), 21);
	grid_init(&g, 30, 3);
	table_draw(&g, rect_make(1, 0, 28, 2), &t);
	CHECK_STR(row(&g, 1), " " WIDE_NAME " pass");
	CHECK_INT(grid_get(&g, 23, 1)->ch, 'p');
	/* Cut by columns: the emoji that would straddle the edge goes whole, and nothing is
	 * drawn past the table. */
	grid_clear(&g);
	fill_sentinel(&g);
	table_draw(&g, rect_make(0, 0, 27, 2), &t);
	CHECK_STR(row(&g, 1), "ünïcödé 名前 emoji … pass  ZZZ");
	/* While curses draws, widths are the locale's, as curses counts them. */
	if (setlocale(LC_CTYPE, "C.UTF-8")) {
		utf8_locale_widths(1);
		CHECK_INT(utf8_width(WIDE_NAME), 21);
		CHECK_INT(utf8_cp_width(0x1F680), wcwidth(0x1F680));
		utf8_locale_widths(0);
		setlocale(LC_CTYPE, "C");
	}
	grid_free(&g);
}

int main(void)
{
	test_table();
	test_table_ascii();
	test_text();
	test_wide_names();
	return check_result();
}
