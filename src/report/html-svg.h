/* html-svg.h - the pieces of the HTML report's inline charts: escaped text, axes with round
 * ticks, and SVG elements written with a C-locale decimal point.
 *
 * Every chart is an <svg> with a viewBox, so it scales to the page's width (a phone's too);
 * colours come from CSS classes (export-html.c), so print and screen styles can differ.
 * Any text from a suite (names, units, errors) goes through html_text.
 */
#ifndef BENCHTOP_HTML_SVG_H
#define BENCHTOP_HTML_SVG_H

#include <stddef.h>
#include <stdio.h>

/* Writes s with <, >, &, " and ' as entities: a test named <script> stays text. */
void html_text(FILE *f, const char *s);

/* A linear axis: values lo..hi drawn at pixels px0..px1 (px1 < px0 for a y axis). */
struct svg_axis {
	double lo, hi, step;     /* step: the distance between ticks */
	double px0, px1;
};

/* Widens lo..hi to round ticks, about `ticks` of them (lo == hi and NANs are handled). */
void   svg_axis_fit(struct svg_axis *a, double lo, double hi, int ticks, double px0, double px1);
double svg_pos(const struct svg_axis *a, double v);
/* The label of tick v in `unit` at the axis's scale: "4.5 ms". */
char  *svg_tick_label(char *buf, size_t len, const struct svg_axis *a, double v, const char *unit);

/* <svg viewBox="0 0 w h" class=cls role="img" aria-label=label> ... </svg> */
void svg_open(FILE *f, int w, int h, const char *cls, const char *label);
void svg_close(FILE *f);
void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *cls);
void svg_rect(FILE *f, double x, double y, double w, double h, const char *cls, const char *title);
void svg_circle(FILE *f, double x, double y, double r, const char *cls);
/* Text at x, y; anchor "start", "middle" or "end". */
void svg_text(FILE *f, double x, double y, const char *anchor, const char *cls, const char *text);
/* Ticks and their labels along a horizontal axis at y, and a vertical grid from y0 to y. */
void svg_x_ticks(FILE *f, const struct svg_axis *a, double y, double grid_top, const char *unit);
/* Ticks and labels along a vertical axis at x, with a horizontal grid to x_end. */
void svg_y_ticks(FILE *f, const struct svg_axis *a, double x, double x_end, const char *unit);

#endif
