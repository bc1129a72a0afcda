/* roles.h - semantic color roles: widgets ask for "gauge-high", a theme says what it looks like.
 *
 * One X-macro list makes the enum, the names used in theme files and the attributes a
 * role keeps on a screen without colors (so a selection stays visible in monochrome).
 * Adding a role is one line here and, when it needs a color, one line in each theme.
 */
#ifndef BENCHTOP_ROLES_H
#define BENCHTOP_ROLES_H

/* Attributes of a cell or a theme style; a terminal combines them. */
enum {
	ATTR_BOLD      = 1 << 0,
	ATTR_DIM       = 1 << 1,
	ATTR_UNDERLINE = 1 << 2,
	ATTR_REVERSE   = 1 << 3,
	ATTR_ITALIC    = 1 << 4,
};

/* X(ENUM, "theme-name", attributes without colors, what it colors) */
#define ROLE_LIST(X) \
	X(NORMAL,       "normal",       0,              "plain text") \
	X(DIM,          "dim",          ATTR_DIM,       "secondary text, missing values") \
	X(TITLE,        "title",        ATTR_BOLD,      "panel titles") \
	X(BORDER,       "border",       0,              "panel borders") \
	X(BORDER_FOCUS, "border-focus", ATTR_BOLD,      "the border of the panel with the keyboard focus") \
	X(LABEL,        "label",        0,              "labels in front of values") \
	X(VALUE,        "value",        ATTR_BOLD,      "numbers") \
	X(HEADER,       "header",       ATTR_UNDERLINE, "table column titles") \
	X(GAUGE_LOW,    "gauge-low",    0,              "gauge bars under the middle threshold") \
	X(GAUGE_MID,    "gauge-mid",    0,              "gauge bars between the thresholds") \
	X(GAUGE_HIGH,   "gauge-high",   ATTR_BOLD,      "gauge bars over the high threshold") \
	X(GAUGE_EMPTY,  "gauge-empty",  ATTR_DIM,       "the unfilled part of gauge bars") \
	X(GRAPH,        "graph",        0,              "history graphs, first series") \
	X(GRAPH2,       "graph2",       ATTR_BOLD,      "history graphs, second series") \
	X(AXIS,         "axis",         ATTR_DIM,       "graph scales and time axis") \
	X(SPARK,        "spark",        0,              "sparklines") \
	X(SELECTED,     "selected",     ATTR_REVERSE,   "the selected table row") \
	X(OK,           "ok",           0,              "passed, healthy") \
	X(WARN,         "warn",         ATTR_BOLD,      "warnings") \
	X(ERROR,        "error",        ATTR_BOLD | ATTR_REVERSE, "failures, regressions, errors") \
	X(FOOTER,       "footer",       ATTR_REVERSE,   "the key hint line") \
	X(KEY,          "key",          ATTR_BOLD,      "keys in hints and help") \
	X(HELP,         "help",         0,              "help text")

#define ROLE_ENUM_(e, name, mono, help) ROLE_##e,
enum role { ROLE_LIST(ROLE_ENUM_) ROLE_COUNT };
#undef ROLE_ENUM_

struct role_info {
	const char *name;    /* as written in theme files */
	int mono;            /* ATTR_* kept on a screen without colors */
	const char *help;
};

extern const struct role_info role_table[ROLE_COUNT];

/* "gauge-high" -> ROLE_GAUGE_HIGH, or -1. */
int role_from_name(const char *name);
/* The name of a role, "?" when out of range. */
const char *role_name(int role);

#endif
