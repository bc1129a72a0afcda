/* test-widgets.c - the grid and the drawing widgets (box, gauge, sparkline, graph), read back
 * cell by cell; the table and text widgets are in test-widgets-text.c. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "box.h"
#include "check.h"
#include "gauge.h"
#include "graph.h"
#include "grid.h"
#include "grid-check.h"
#include "sparkline.h"
#include "util.h"

static void test_grid_text(void)
{
	struct grid g;

	CHECK_INT(grid_init(&g, 10, 3), 0);
	CHECK_INT(grid_text(&g, 0, 0, 10, "hello", ROLE_VALUE), 5);
	CHECK_STR(row(&g, 0), "hello");
	CHECK_INT(role_at(&g, 4, 0), ROLE_VALUE);
	CHECK_INT(role_at(&g, 5, 0), ROLE_NORMAL);
	/* Clipped at maxw, then at the grid edge. */
	CHECK_INT(grid_text(&g, 0, 1, 3, "abcdef", ROLE_NORMAL), 3);
	CHECK_STR(row(&g, 1), "abc");
	CHECK_INT(grid_text(&g, 7, 1, 10, "xyzw", ROLE_NORMAL), 3);
	CHECK_STR(row(&g, 1), "abc    xyz");
	/* Nothing outside the grid, on any side. */
	CHECK_INT(grid_text(&g, 0, 3, 10, "no", ROLE_NORMAL), 0);
	CHECK_INT(grid_text(&g, 0, -1, 10, "no", ROLE_NORMAL), 0);
	CHECK_INT(grid_put(&g, -1, 0, 'x', ROLE_NORMAL), 0);
	CHECK_INT(grid_put(&g, 10, 0, 'x', ROLE_NORMAL), 0);
	CHECK(grid_get(&g, 10, 0) == NULL);
	CHECK(grid_get(&g, 0, -1) == NULL);
	/* Text starting left of the grid shows its visible part. */
	grid_clear(&g);
	grid_text(&g, -2, 0, 10, "abcdef", ROLE_NORMAL);
	CHECK_STR(row(&g, 0), "cdef");

	/* Wide characters take two cells and are never cut in half. */
	grid_clear(&g);
	CHECK_INT(grid_text(&g, 0, 0, 5, "日本語", ROLE_NORMAL), 4);
	CHECK_STR(row(&g, 0), "日本");
	CHECK_INT(grid_get(&g, 1, 0)->ch, GRID_WIDE_TAIL);
	CHECK_INT(grid_get(&g, 4, 0)->ch, ' ');
	CHECK_INT(grid_text(&g, 8, 1, 5, "日本", ROLE_NORMAL), 2);
	CHECK_STR(row(&g, 1), "        日");
	CHECK_INT(grid_text(&g, 9, 2, 5, "日", ROLE_NORMAL), 0);
	CHECK_STR(row(&g, 2), "");
	/* Overwriting half of a wide character blanks the other half. */
	grid_put(&g, 1, 0, 'x', ROLE_NORMAL);
	CHECK_STR(row(&g, 0), " x本");
	grid_put(&g, 2, 0, 'y', ROLE_NORMAL);
	CHECK_STR(row(&g, 0), " xy");
	/* Multi-byte text counts columns, not bytes; combining marks take none. */
	grid_clear(&g);
	CHECK_INT(grid_text(&g, 0, 0, 10, "°C é ─", ROLE_NORMAL), 6);
	CHECK_STR(row(&g, 0), "°C é ─");
	CHECK_INT(grid_text(&g, 0, 1, 10, "e\xcc\x81!", ROLE_NORMAL), 2);
	/* Bad UTF-8 and control characters never reach the terminal. */
	grid_clear(&g);
	grid_text(&g, 0, 0, 10, "a\xff" "b\tc", ROLE_NORMAL);
	CHECK_STR(row(&g, 0), "a\xef\xbf\xbd" "b?c");
	g.ascii = 1;
	grid_clear(&g);
	grid_text(&g, 0, 0, 10, "°C 日", ROLE_NORMAL);
	CHECK_STR(row(&g, 0), " C ?");
	grid_text(&g, 0, 1, 10, "a · b ▸ ←", ROLE_NORMAL);   /* our own symbols have stand-ins */
	CHECK_STR(row(&g, 1), "a - b > <");
	/* ± and … in more than one cell, "+-" and "...", never one "~" for both; measured so. */
	CHECK_INT(grid_text(&g, 0, 2, 10, "1±2 a…", ROLE_NORMAL), 9);
	CHECK_STR(row(&g, 2), "1+-2 a...");
	CHECK_INT(grid_width(&g, "1±2 a…"), 9);
	CHECK_INT(grid_width(&g, "日本"), 2);                 /* as drawn: "??" */
	grid_clear(&g);
	CHECK_INT(grid_text(&g, 0, 0, 4, "a…b", ROLE_NORMAL), 4);   /* whole or not at all */
	CHECK_STR(row(&g, 0), "a...");
	CHECK_INT(grid_text(&g, 0, 1, 3, "a…", ROLE_NORMAL), 1);
	CHECK_STR(row(&g, 1), "a");
	CHECK_INT(grid_put(&g, 7, 1, 0x00B1, ROLE_NORMAL), 2);
	CHECK_STR(row(&g, 1), "a      +-");
	/* Cut text ends in "...", within maxw; in three columns or fewer only the start shows. */
	grid_clear(&g);
	CHECK_INT(grid_text_fit(&g, 0, 0, 6, "benchmark", ROLE_NORMAL), 6);
	CHECK_STR(row(&g, 0), "ben...");
	CHECK_INT(grid_text_fit(&g, 0, 1, 6, "±±±±", ROLE_NORMAL), 5);   /* "+-" whole, then "..." */
	CHECK_STR(row(&g, 1), "+-...");
	CHECK_INT(grid_text_fit(&g, 0, 2, 3, "benchmark", ROLE_NORMAL), 3);
	CHECK_STR(row(&g, 2), "ben");
	grid_clear(&g);
	CHECK_INT(grid_text_fit(&g, 0, 0, 4, "1±2", ROLE_NORMAL), 4);   /* fits in its ASCII form */
	CHECK_STR(row(&g, 0), "1+-2");
	CHECK_INT(grid_text_fit(&g, 0, 1, 3, "1±2", ROLE_NORMAL), 3);   /* counted as 4, cut */
	CHECK_STR(row(&g, 1), "1+-");
	g.ascii = 0;

	/* grid_text_fit ends cut text in an ellipsis. */
	grid_clear(&g);
	CHECK_INT(grid_text_fit(&g, 0, 0, 4, "benchmark", ROLE_NORMAL), 4);
	CHECK_STR(row(&g, 0), "ben…");
	CHECK_INT(grid_text_fit(&g, 0, 1, 9, "benchmark", ROLE_NORMAL), 9);
	CHECK_INT(grid_text_fit(&g, 0, 2, 3, "1±2", ROLE_NORMAL), 3);
	CHECK_STR(row(&g, 2), "1±2");
	CHECK_INT(grid_width(&g, "1±2 a…"), 6);
	CHECK_STR(row(&g, 1), "benchmark");

	/* A clip keeps drawing inside it. */
	grid_clear(&g);
	struct rect old = grid_push_clip(&g, rect_make(2, 0, 3, 1));
	grid_text(&g, 0, 0, 10, "abcdefgh", ROLE_NORMAL);
	grid_text(&g, 0, 1, 10, "abcdefgh", ROLE_NORMAL);
	grid_set_clip(&g, old);
	CHECK_STR(row(&g, 0), "  cde");
	CHECK_STR(row(&g, 1), "");

	/* A grid row read into a short buffer stays terminated and whole-character. */
	char small[4];
	grid_clear(&g);
	grid_text(&g, 0, 0, 10, "ab°", ROLE_NORMAL);
	CHECK_STR(grid_row_text(&g, 0, small, sizeof small), "ab");

	CHECK_INT(grid_resize(&g, 0, 0), 0);
	CHECK_INT(grid_put(&g, 0, 0, 'x', ROLE_NORMAL), 0);
	CHECK_INT(grid_resize(&g, -3, 2), 0);
	CHECK_INT(g.w, 0);
	grid_free(&g);
}

static void test_grid_diff(void)
{
	struct grid g;
	int x, end, runs;

	grid_init(&g, 20, 2);
	/* A new grid: everything is to be drawn. */
	x = 0;
	CHECK_INT(grid_next_run(&g, 0, &x, &end), 1);
	CHECK_INT(x, 0);
	CHECK_INT(end, 20);
	grid_commit(&g);
	CHECK_INT(grid_row_dirty(&g, 0), 0);
	x = 0;
	CHECK_INT(grid_next_run(&g, 0, &x, &end), 0);

	/* Same contents drawn again: nothing to copy. */
	grid_clear(&g);
	CHECK_INT(grid_row_dirty(&g, 0), 0);

	/* Two changes far apart are two runs; close ones merge. */
	grid_put(&g, 2, 0, 'a', ROLE_NORMAL);
	grid_put(&g, 4, 0, 'b', ROLE_NORMAL);
	grid_put(&g, 15, 0, 'c', ROLE_NORMAL);
	CHECK_INT(grid_row_dirty(&g, 0), 1);
	CHECK_INT(grid_row_dirty(&g, 1), 0);
	runs = 0;
	for (x = 0; grid_next_run(&g, 0, &x, &end); x = end) {
		if (runs == 0) {
			CHECK_INT(x, 2);
			CHECK_INT(end, 5);
		} else {
			CHECK_INT(x, 15);
			CHECK_INT(end, 16);
		}
		runs++;
	}
	CHECK_INT(runs, 2);
	/* A role change is a change. */
	grid_commit(&g);
	grid_put(&g, 2, 0, 'a', ROLE_ERROR);
	x = 0;
	CHECK_INT(grid_next_run(&g, 0, &x, &end), 1);
	CHECK_INT(x, 2);
	CHECK_INT(end, 3);
	/* A run never splits a wide character. */
	grid_commit(&g);
	grid_text(&g, 6, 1, 2, "日", ROLE_NORMAL);
	grid_commit(&g);
	grid_get(&g, 7, 1);
	grid_text(&g, 6, 1, 2, "本", ROLE_NORMAL);
	x = 0;
	CHECK_INT(grid_next_run(&g, 1, &x, &end), 1);
	CHECK_INT(x, 6);
	CHECK_INT(end, 8);
	/* After the terminal was cleared, everything again. */
	grid_commit(&g);
	grid_invalidate(&g);
	x = 0;
	CHECK_INT(grid_next_run(&g, 1, &x, &end), 1);
	CHECK_INT(end - x, 20);
	grid_free(&g);
}

static void test_box(void)
{
	struct grid g;
	struct rect in;

	grid_init(&g, 12, 5);
	g.ascii = 1;
	fill_sentinel(&g);
	in = box_draw(&g, rect_make(1, 1, 10, 3), &(struct box){ .title = "CPU" });
	CHECK_STR(row(&g, 0), "ZZZZZZZZZZZZ");
	CHECK_STR(row(&g, 1), "Z+- CPU --+Z");
	CHECK_STR(row(&g, 2), "Z|ZZZZZZZZ|Z");
	CHECK_STR(row(&g, 3), "Z+--------+Z");
	CHECK(outside_untouched(&g, rect_make(1, 1, 10, 3)));
	CHECK_INT(in.x, 2);
	CHECK_INT(in.y, 2);
	CHECK_INT(in.w, 8);
	CHECK_INT(in.h, 1);
	CHECK_INT(role_at(&g, 1, 1), ROLE_BORDER);
	CHECK_INT(role_at(&g, 4, 1), ROLE_TITLE);
	/* A long title is cut, and the corners stay. */
	g.ascii = 0;
	grid_clear(&g);
	box_draw(&g, rect_make(0, 0, 10, 3), &(struct box){ .title = "Temperatures", .focused = 1 });
	CHECK_STR(row(&g, 0), "┌─ Tem… ─┐");
	CHECK_STR(row(&g, 1), "│        │");
	CHECK_STR(row(&g, 2), "└────────┘");
	CHECK_INT(role_at(&g, 0, 0), ROLE_BORDER_FOCUS);
	/* Too small for a border: nothing drawn. */
	for (int w = -2; w < 2; w++) {
		fill_sentinel(&g);
		box_draw(&g, rect_make(3, 1, w, 3), &(struct box){ .title = "x" });
		CHECK(outside_untouched(&g, rect_make(0, 0, 0, 0)));
	}
	/* Too narrow for a title: a plain border. */
	grid_clear(&g);
	box_draw(&g, rect_make(0, 0, 4, 2), &(struct box){ .title = "Memory" });
	CHECK_STR(row(&g, 0), "┌──┐");
	CHECK_STR(row(&g, 1), "└──┘");
	grid_free(&g);
}

static void draw_gauge(struct grid *g, int w, double value)
{
	grid_clear(g);
	gauge_draw(g, rect_make(0, 0, w, 1), &(struct gauge){ .label = "CPU", .value = value });
}

static void test_gauge(void)
{
	struct grid g;

	grid_init(&g, 20, 2);
	/* "CPU " + 9 bar cells + " " + 6 text columns. */
	draw_gauge(&g, 20, 0);
	CHECK_STR(row(&g, 0), "CPU             0.0%");
	CHECK_INT(role_at(&g, 0, 0), ROLE_LABEL);
	CHECK_INT(role_at(&g, 4, 0), ROLE_GAUGE_EMPTY);
	CHECK_INT(role_at(&g, 19, 0), ROLE_VALUE);
	draw_gauge(&g, 20, 50);
	CHECK_STR(row(&g, 0), "CPU ████▌      50.0%");
	CHECK_INT(role_at(&g, 4, 0), ROLE_GAUGE_LOW);
	CHECK_INT(role_at(&g, 8, 0), ROLE_GAUGE_LOW);
	CHECK_INT(role_at(&g, 9, 0), ROLE_GAUGE_EMPTY);
	draw_gauge(&g, 20, 70);
	CHECK_INT(role_at(&g, 4, 0), ROLE_GAUGE_MID);
	draw_gauge(&g, 20, 100);
	CHECK_STR(row(&g, 0), "CPU █████████ 100.0%");
	CHECK_INT(role_at(&g, 4, 0), ROLE_GAUGE_HIGH);
	/* Over the top: a full bar, the real value. */
	draw_gauge(&g, 20, 150);
	CHECK_STR(row(&g, 0), "CPU █████████ 150.0%");
	CHECK_INT(role_at(&g, 12, 0), ROLE_GAUGE_HIGH);
	/* Below zero: an empty bar. */
	draw_gauge(&g, 20, -20);
	CHECK_STR(row(&g, 0), "CPU           -20.0%");
	CHECK_INT(role_at(&g, 4, 0), ROLE_GAUGE_EMPTY);
	/* Missing: an empty bar and a dim dash. */
	draw_gauge(&g, 20, NAN);
	CHECK_STR(row(&g, 0), "CPU                -");
	CHECK_INT(role_at(&g, 19, 0), ROLE_DIM);
	CHECK_INT(role_at(&g, 4, 0), ROLE_GAUGE_EMPTY);
	/* A huge value stays in its six columns. */
	draw_gauge(&g, 20, 1e30);
	grid_row_text(&g, 0, rowbuf, sizeof rowbuf);
	CHECK_STR(rowbuf, "CPU █████████ ######");
	draw_gauge(&g, 20, 123456);
	CHECK_STR(row(&g, 0), "CPU █████████  123k%");
	draw_gauge(&g, 20, INFINITY);
	CHECK_STR(row(&g, 0), "CPU █████████ ######");
	/* Sub-cell precision: 1/72 of the bar is one eighth block. */
	draw_gauge(&g, 20, 100.0 / 72);
	CHECK_INT(grid_get(&g, 4, 0)->ch, 0x258F);
	/* Narrow: the label goes first, then the bar; the value stays. */
	draw_gauge(&g, 12, 42.34);
	CHECK_STR(row(&g, 0), "██▏    42.3%");
	draw_gauge(&g, 7, 42.34);
	CHECK_STR(row(&g, 0), "  42.3%");
	draw_gauge(&g, 4, 42.34);
	CHECK_STR(row(&g, 0), " 42%");
	/* ASCII: '#' for the filled part. */
	g.ascii = 1;
	draw_gauge(&g, 20, 50);
	CHECK_STR(row(&g, 0), "CPU #####....  50.0%");
	g.ascii = 0;
	/* Caller's thresholds, scale and text. */
	grid_clear(&g);
	gauge_draw(&g, rect_make(0, 1, 20, 1), &(struct gauge){ .label = "MEM", .label_w = 4,
		.value = 3, .max = 8, .mid = 30, .high = 35, .text = "3.0G", .text_w = 4 });
	CHECK_STR(row(&g, 1), "MEM  ███▊       3.0G");
	CHECK_INT(role_at(&g, 5, 1), ROLE_GAUGE_HIGH);
	/* Zero and negative sizes draw nothing; nothing ever leaves the rectangle. */
	for (int w = -1; w <= 20; w++) {
		static const double values[] = { 0, 50, 100, 150, -5, NAN, 1e300, -1e300 };
		for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
			struct rect r = rect_make(0, 1, w, 1);
			fill_sentinel(&g);
			gauge_draw(&g, (struct rect){ 0, 1, w, 1 }, &(struct gauge){ .label = "CPU", .value = values[i] });
			CHECK(outside_untouched(&g, r));
		}
	}
	fill_sentinel(&g);
	gauge_draw(&g, (struct rect){ 0, 0, 10, 0 }, &(struct gauge){ .value = 5 });
	CHECK(outside_untouched(&g, rect_make(0, 0, 0, 0)));
	grid_free(&g);
}

static void test_sparkline(void)
{
	static const float ramp[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	float many[16], gaps[] = { 1, NAN, 3 };
	struct grid g;

	grid_init(&g, 10, 2);
	spark_draw(&g, rect_make(0, 0, 8, 1), &(struct spark){ .v = ramp, .n = 8, .lo = NAN, .hi = NAN });
	CHECK_STR(row(&g, 0), "▁▂▃▄▅▆▇█");
	CHECK_INT(role_at(&g, 0, 0), ROLE_SPARK);
	g.ascii = 1;
	spark_draw(&g, rect_make(0, 1, 8, 1), &(struct spark){ .v = ramp, .n = 8, .lo = NAN, .hi = NAN });
	CHECK_STR(row(&g, 1), SPARK_ASCII);
	g.ascii = 0;
	/* Fewer values than columns: they end at the right. NAN is a blank. */
	grid_clear(&g);
	spark_draw(&g, rect_make(0, 0, 6, 1), &(struct spark){ .v = gaps, .n = 3, .lo = 0, .hi = 7 });
	grid_row_text(&g, 0, rowbuf, sizeof rowbuf);
	CHECK_STR(rowbuf, "   ▂ ▄    ");
	/* More values than columns: the newest, range from those shown. */
	for (int i = 0; i < 16; i++)
		many[i] = (float)i;
	grid_clear(&g);
	spark_draw(&g, rect_make(2, 0, 4, 1), &(struct spark){ .v = many, .n = 16, .lo = NAN, .hi = NAN });
	CHECK_STR(row(&g, 0), "  ▁▃▆█");
	/* Caller's range: values outside it are clamped. */
	float wild[] = { -100, 50, 1e30f, INFINITY };
	grid_clear(&g);
	spark_draw(&g, rect_make(0, 0, 4, 1), &(struct spark){ .v = wild, .n = 4, .lo = 0, .hi = 100 });
	CHECK_STR(row(&g, 0), "▁▅█");
	/* A flat series sits in the middle; no values at all draw blanks. */
	float flat[] = { 5, 5, 5 };
	grid_clear(&g);
	spark_draw(&g, rect_make(0, 0, 3, 1), &(struct spark){ .v = flat, .n = 3, .lo = NAN, .hi = NAN });
	CHECK_STR(row(&g, 0), "▅▅▅");
	for (int w = -1; w < 11; w++) {
		fill_sentinel(&g);
		spark_draw(&g, rect_make(0, 1, w, 3), &(struct spark){ .v = many, .n = 16, .lo = NAN, .hi = NAN });
		CHECK(outside_untouched(&g, rect_make(0, 1, w, 1)));
		fill_sentinel(&g);
		spark_draw(&g, rect_make(0, 0, w, 1), &(struct spark){ .v = NULL, .n = 5, .lo = NAN, .hi = NAN });
		CHECK(outside_untouched(&g, rect_make(0, 0, w, 1)));
	}
	grid_free(&g);
}

static void test_graph(void)
{
	static const float up[] = { 0, 1, 2, 3 };
	float sine[200], other[200];
	struct grid g;

	grid_init(&g, 24, 8);
	/* Two cells, one row: four values, 2x4 dots each. */
	graph_draw(&g, rect_make(0, 0, 2, 1), &(struct graph){ .a = up, .na = 4, .lo = 0, .hi = 3,
		.labels = GRAPH_LABELS_NONE, .fill = 1 });
	CHECK_STR(row(&g, 0), "⣠⣾");
	CHECK_INT(role_at(&g, 0, 0), ROLE_GRAPH);
	/* As a line, each value a dot, joined to the one before. */
	graph_draw(&g, rect_make(0, 1, 2, 1), &(struct graph){ .a = up, .na = 4, .lo = 0, .hi = 3,
		.labels = GRAPH_LABELS_NONE });
	CHECK_STR(row(&g, 1), "⡠⠊");
	/* A second series in its own role. */
	static const float low[] = { 0, 0, 0, 0 };
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 4, 1), &(struct graph){ .a = up, .na = 4, .b = low, .nb = 4,
		.lo = 0, .hi = 3, .labels = GRAPH_LABELS_NONE });
	CHECK_INT(role_at(&g, 2, 0), ROLE_GRAPH2);
	CHECK_INT(grid_get(&g, 2, 0)->ch, 0x2800 + 0x40 + 0x80 + 0x20);
	/* Two rows: the top value reaches the top row. */
	static const float half[] = { 0.5f, 1 };
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 1, 2), &(struct graph){ .a = half, .na = 2, .lo = 0, .hi = 1,
		.labels = GRAPH_LABELS_NONE, .fill = 1 });
	CHECK_STR(row(&g, 0), "⣸");
	CHECK_STR(row(&g, 1), "⣿");
	/* NAN leaves a gap. */
	float gap[] = { 3, NAN, NAN, 3 };
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 2, 1), &(struct graph){ .a = gap, .na = 4, .lo = 0, .hi = 3,
		.labels = GRAPH_LABELS_NONE });
	CHECK_STR(row(&g, 0), "⠁⠈");

	/* Scale on the left, time axis under it. */
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 13, 4), &(struct graph){ .a = up, .na = 4, .lo = 0, .hi = 100,
		.unit = "%", .span = "-60s" });
	CHECK_STR(row(&g, 0), "100%");
	CHECK_STR(row(&g, 2), "  0%       ⣀⣀");
	CHECK_STR(row(&g, 3), "     -60s now");
	CHECK_INT(role_at(&g, 0, 0), ROLE_AXIS);
	CHECK_INT(role_at(&g, 10, 3), ROLE_AXIS);
	/* On the right, with the caller's formatter. */
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 12, 3), &(struct graph){ .a = up, .na = 4, .lo = 0, .hi = NAN,
		.labels = GRAPH_LABELS_RIGHT, .fmt = fmt_bytes });
	CHECK_STR(row(&g, 0), "       ⢸ 3 B");
	CHECK_STR(row(&g, 1), "      ⢀⠇");
	CHECK_STR(row(&g, 2), "      ⡸  0 B");

	/* Blocks: eight steps a cell. */
	static const float steps[] = { 0, 4, 8, 12, 16 };
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 5, 2), &(struct graph){ .a = steps, .na = 5, .lo = 0, .hi = 16,
		.style = GRAPH_BLOCKS, .labels = GRAPH_LABELS_NONE });
	CHECK_STR(row(&g, 0), "  ▁▄█");
	CHECK_STR(row(&g, 1), "▁▅███");
	/* ASCII: '*' at the value, '.' under it when filled. */
	g.ascii = 1;
	grid_clear(&g);
	graph_draw(&g, rect_make(0, 0, 4, 3), &(struct graph){ .a = up, .na = 4, .lo = 0, .hi = 3,
		.labels = GRAPH_LABELS_NONE, .fill = 1 });
	CHECK_STR(row(&g, 0), "   *");
	CHECK_STR(row(&g, 1), " **.");
	CHECK_STR(row(&g, 2), "*...");
	g.ascii = 0;

	/* Any size, any value: never outside the rectangle. */
	for (int i = 0; i < 200; i++) {
		sine[i] = (float)(50 + 50 * sin(i / 5.0));
		other[i] = i % 7 ? (float)(i * 1e6) : NAN;
	}
	other[3] = INFINITY;
	other[4] = -1e30f;
	for (int h = -1; h <= 6; h++)
		for (int w = -1; w <= 22; w += 3)
			for (int style = GRAPH_BRAILLE; style <= GRAPH_BLOCKS; style++) {
				struct rect r = rect_make(1, 1, w, h);
				fill_sentinel(&g);
				g.ascii = w % 2;
				graph_draw(&g, (struct rect){ 1, 1, w, h }, &(struct graph){ .a = sine, .na = 200,
					.b = other, .nb = 200, .lo = NAN, .hi = NAN, .style = style,
					.labels = (w / 3) % 3, .fill = h % 2, .unit = "B/s", .span = "-10m" });
				CHECK(outside_untouched(&g, r));
			}
	g.ascii = 0;
	CHECK_INT(graph_capacity(rect_make(0, 0, 10, 3), GRAPH_BRAILLE, 0), 20);
	CHECK_INT(graph_capacity(rect_make(0, 0, 10, 3), GRAPH_BRAILLE, 1), 10);
	CHECK_INT(graph_capacity(rect_make(0, 0, 0, 3), GRAPH_BLOCKS, 0), 0);
	grid_free(&g);
}

int main(void)
{
	test_grid_text();
	test_grid_diff();
	test_box();
	test_gauge();
	test_sparkline();
	test_graph();
	return check_result();
}
