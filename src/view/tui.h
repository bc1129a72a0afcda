/* tui.h - the dashboard view: panels drawn into a cell grid from the store and the results,
 * keys turned into actions on the app. Main thread only; term.c is its only way to the screen.
 *
 * The app calls tui_frame for every new sample, tui_key for every key, tui_log for events
 * worth a line, and tui_draw when tui_next_draw says it is time: the screen is redrawn at
 * the sampling rate at most, and only when something changed.
 */
#ifndef BENCHTOP_TUI_H
#define BENCHTOP_TUI_H

#include <stddef.h>

struct dash_feed;
struct tui;

/* The dashboard of a feed (dash-feed.h), which must outlive it. */
struct tui *tui_open(const struct dash_feed *feed, char *why, size_t whylen);
void   tui_frame(struct tui *t);
/* Handles one key (term.h's codes): 0, TUI_QUIT when the person quits, TUI_DETACH when they
 * leave the run going without this dashboard. */
#define TUI_QUIT   1
#define TUI_DETACH 2
int    tui_key(struct tui *t, int key);
void   tui_resize(struct tui *t);
void   tui_log(struct tui *t, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* CLOCK_MONOTONIC time of the next redraw, or 0 when nothing waits to be drawn. */
double tui_next_draw(const struct tui *t);
void   tui_draw(struct tui *t);
void   tui_close(struct tui *t);

/* Every key, once: the handling, the footer (by foot, 1 first) and the help overlay come from it. */
#define TUI_KEY_CODES 4
#define TUI_MAX_KEYS  24
struct tui_key_row {
	int codes[TUI_KEY_CODES];     /* what pressing it reads as; 0 ends early */
	const char *label;            /* in the help: "↑↓ j k"; NULL: not shown */
	int foot;                     /* place in the footer, 1 first; 0: not there */
	const char *foot_key, *foot_name;   /* "q", "quit" */
	const char *help;
	int (*handler)(struct tui *t, int key);   /* 1: quit */
};
extern const struct tui_key_row tui_keys[];   /* ends with a NULL handler */

#endif
