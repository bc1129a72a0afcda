/* test-theme.c - theme files load, bad ones are named by file and line, and themes
 * degrade to what a screen can show. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "theme.h"
#include "util.h"

static const char *const shipped[] = { "default", "mono", "high-contrast", "solarized-dark", NULL };

static int same(const struct theme *a, const struct theme *b)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (a->style[i].fg != b->style[i].fg || a->style[i].bg != b->style[i].bg ||
		    a->style[i].attr != b->style[i].attr) {
			fprintf(stderr, "role %s differs\n", role_name(i));
			return 0;
		}
	return 1;
}

/* A theme file with the given text; returns its path. */
static const char *write_theme(const char *text)
{
	static char path[64];
	int fd;

	str_copy(path, "/tmp/benchtop-test-XXXXXX.theme", sizeof path);
	fd = mkstemps(path, 6);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		perror("test theme");
		exit(99);
	}
	close(fd);
	return path;
}

/* The message theme_load_file gives for text, with the temporary path replaced by "x.theme". */
static const char *load_error(const char *text)
{
	static char msg[512];
	char why[512];
	struct theme t;
	const char *path = write_theme(text);
	size_t n = strlen(path);

	msg[0] = '\0';
	if (theme_load_file(path, &t, why, sizeof why) == 0)
		str_copy(msg, "(loaded)", sizeof msg);
	else if (!strncmp(why, path, n))
		snprintf(msg, sizeof msg, "x.theme%s", why + n);
	else
		str_copy(msg, why, sizeof msg);
	unlink(path);
	return msg;
}

static void test_shipped(void)
{
	struct theme builtin, t;
	char why[512], path[1200];

	theme_builtin(&builtin);
	CHECK_STR(builtin.name, "default");
	CHECK_INT(builtin.style[ROLE_SELECTED].fg, 0);
	CHECK_INT(builtin.style[ROLE_SELECTED].bg, 6);
	for (int i = 0; shipped[i]; i++) {
		CHECK_INT(theme_find(shipped[i], path, sizeof path, why, sizeof why), 0);
		int rc = theme_load(shipped[i], &t, why, sizeof why);
		if (rc)
			fprintf(stderr, "%s\n", why);
		CHECK_INT(rc, 0);
		CHECK_STR(t.name, shipped[i]);
		/* Each shipped theme names every role. */
		char text[8192];
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
		if (f)
			fclose(f);
		text[n] = '\0';
		for (int r = 0; r < ROLE_COUNT; r++) {
			char key[64];
			snprintf(key, sizeof key, "\n%s ", role_name(r));
			if (!strstr(text, key)) {
				fprintf(stderr, "%s lacks %s\n", shipped[i], role_name(r));
				CHECK(0);
			}
		}
	}
	/* The compiled-in default is the default file. */
	CHECK_INT(theme_load("default", &t, why, sizeof why), 0);
	CHECK(same(&t, &builtin));
	/* Mono has no colors, only attributes. */
	CHECK_INT(theme_load("mono", &t, why, sizeof why), 0);
	for (int r = 0; r < ROLE_COUNT; r++) {
		CHECK_INT(t.style[r].fg, THEME_COLOR_DEFAULT);
		CHECK_INT(t.style[r].bg, THEME_COLOR_DEFAULT);
	}
	CHECK_INT(t.style[ROLE_SELECTED].attr, ATTR_REVERSE);
	/* By file name too. */
	CHECK_INT(theme_find("solarized-dark", path, sizeof path, why, sizeof why), 0);
	CHECK_INT(theme_load(path, &t, why, sizeof why), 0);
	CHECK_INT(t.style[ROLE_NORMAL].bg, 234);
	/* Unknown names: the nearest suggested. */
	CHECK_INT(theme_load("solarised-dark", &t, why, sizeof why), -1);
	CHECK(strstr(why, "unknown theme 'solarised-dark' (did you mean 'solarized-dark'?") == why);
	CHECK(strstr(why, "high-contrast"));
	CHECK_INT(theme_load("./nowhere/x.theme", &t, why, sizeof why), -1);
	CHECK_STR(why, "./nowhere/x.theme: No such file or directory");
	/* With no theme files at all, "default" is still there. */
	setenv("BENCHTOP_DATA_DIR", "/nonexistent", 1);
	CHECK_INT(theme_load(NULL, &t, why, sizeof why), 0);
	CHECK(same(&t, &builtin));
}

static void count_theme(void *arg, const char *name, const char *path)
{
	int *found = arg;
	for (int i = 0; shipped[i]; i++)
		if (!strcmp(name, shipped[i]) && path)
			found[i]++;
}

static void test_list(void)
{
	int found[4] = { 0 };

	CHECK(theme_list(count_theme, found) >= 4);
	for (int i = 0; i < 4; i++)
		CHECK_INT(found[i], 1);
}

static void test_parse(void)
{
	struct theme t;
	char why[256];

	theme_builtin(&t);
	CHECK_INT(theme_parse(&t, "# comment\n\n  title = bright-white on 17 bold underline # why\r\n"
			      "border=grey\nkey = on blue\nselected = reverse\n", "t", why, sizeof why), 0);
	CHECK_INT(t.style[ROLE_TITLE].fg, 15);
	CHECK_INT(t.style[ROLE_TITLE].bg, 17);
	CHECK_INT(t.style[ROLE_TITLE].attr, ATTR_BOLD | ATTR_UNDERLINE);
	CHECK_INT(t.style[ROLE_BORDER].fg, 8);
	CHECK_INT(t.style[ROLE_KEY].fg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.style[ROLE_KEY].bg, 4);
	/* A line replaces the whole style. */
	CHECK_INT(t.style[ROLE_SELECTED].fg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.style[ROLE_SELECTED].bg, THEME_COLOR_DEFAULT);
	CHECK_INT(t.style[ROLE_SELECTED].attr, ATTR_REVERSE);
	/* Roles not named keep the default. */
	CHECK_INT(t.style[ROLE_GAUGE_HIGH].fg, 1);

	CHECK_INT(theme_color("default"), THEME_COLOR_DEFAULT);
	CHECK_INT(theme_color("magenta"), 5);
	CHECK_INT(theme_color("bright-cyan"), 14);
	CHECK_INT(theme_color("255"), 255);
	CHECK_INT(theme_color("256"), -2);
	CHECK_INT(theme_color("-1"), -2);
	CHECK_INT(theme_color("12x"), -2);

	/* Every mistake names the file, line and column, and what was expected. */
	CHECK_STR(load_error("# line 1\nnormal = default\n\n\n\n\ngauge-high = redd\n"),
		  "x.theme:7:14: unknown color 'redd' (expected a color name or 0..255; did you mean 'red'?)");
	CHECK_STR(load_error("gauge-hgh = red\n"),
		  "x.theme:1:1: unknown role 'gauge-hgh' (did you mean 'gauge-high'?)");
	CHECK_STR(load_error("  wobble = red\n"),
		  "x.theme:1:3: unknown role 'wobble' (expected a role such as 'normal', 'gauge-high', 'selected')");
	CHECK_STR(load_error("border 244\n"), "x.theme:1:1: expected 'role = style'");
	CHECK_STR(load_error("border = 300\n"), "x.theme:1:10: color 300 out of range (expected 0..255)");
	CHECK_STR(load_error("border = zzzzzz\n"),
		  "x.theme:1:10: unknown color 'zzzzzz' (expected a color name or 0..255)");
	CHECK_STR(load_error("selected = black on\n"), "x.theme:1:20: missing color after 'on'");
	CHECK_STR(load_error("selected = black on cyan on red\n"),
		  "x.theme:1:26: a second background (expected one 'on COLOR')");
	CHECK_STR(load_error("selected = black white\n"),
		  "x.theme:1:18: color 'white' after the foreground (expected FG [on BG] [attributes])");
	CHECK_STR(load_error("selected = blod\n"),
		  "x.theme:1:12: unknown color 'blod' (expected a color name or 0..255; did you mean 'bold'?)");
	CHECK_STR(load_error(" = red\n"), "x.theme:1:2: missing role before '='");
	CHECK_STR(load_error("border = red"), "(loaded)");
	CHECK_STR(load_error(""), "(loaded)");
}

static void test_degrade(void)
{
	struct theme t;
	char why[256];

	/* 256 colors: as written. */
	CHECK_INT(theme_load("solarized-dark", &t, why, sizeof why), 0);
	theme_degrade(&t, 256);
	CHECK_INT(t.style[ROLE_SPARK].fg, 33);

	/* 8 colors: each hue to its ANSI color, greys to black or white. */
	theme_degrade(&t, 8);
	CHECK_INT(t.style[ROLE_SPARK].fg, 4);          /* 33, blue */
	CHECK_INT(t.style[ROLE_GRAPH].fg, 6);          /* 37, cyan */
	CHECK_INT(t.style[ROLE_GAUGE_LOW].fg, 2);      /* 64, green */
	CHECK_INT(t.style[ROLE_GAUGE_MID].fg, 3);      /* 136, yellow */
	CHECK_INT(t.style[ROLE_GAUGE_HIGH].fg, 1);     /* 160, red */
	CHECK_INT(t.style[ROLE_WARN].fg, 3);           /* 166, orange */
	CHECK_INT(t.style[ROLE_NORMAL].bg, 0);         /* 234, near black */
	CHECK_INT(t.style[ROLE_NORMAL].fg, 7);         /* 244, grey text stays readable */
	CHECK_INT(t.style[ROLE_SELECTED].fg, 7);       /* 234 on 33: light on blue */
	CHECK_INT(t.style[ROLE_SELECTED].bg, 4);
	for (int r = 0; r < ROLE_COUNT; r++) {
		CHECK(t.style[r].fg >= -1 && t.style[r].fg < 8);
		CHECK(t.style[r].bg >= -1 && t.style[r].bg < 8);
		/* Nothing turns invisible. */
		CHECK(t.style[r].fg == -1 || t.style[r].fg != t.style[r].bg);
	}
	/* A dark grey on the terminal's background is never black. */
	theme_builtin(&t);
	theme_degrade(&t, 8);
	CHECK_INT(t.style[ROLE_GAUGE_EMPTY].fg, 7);
	CHECK(t.style[ROLE_GAUGE_EMPTY].attr & ATTR_DIM);
	CHECK_INT(t.style[ROLE_FOOTER].bg, 0);

	/* 16 colors keep the bright ones. */
	CHECK_INT(theme_parse(&t, "error = 196\nok = 46 on 21\nhelp = 9\n", "t", why, sizeof why), 0);
	theme_degrade(&t, 16);
	CHECK_INT(t.style[ROLE_ERROR].fg, 9);
	CHECK_INT(t.style[ROLE_OK].fg, 10);
	CHECK_INT(t.style[ROLE_OK].bg, 12);
	CHECK_INT(t.style[ROLE_HELP].fg, 9);
	/* Then 8: the bright ones lose their brightness. */
	theme_degrade(&t, 8);
	CHECK_INT(t.style[ROLE_ERROR].fg, 1);
	CHECK_INT(t.style[ROLE_OK].bg, 4);

	/* No colors: attributes keep the screen legible. */
	theme_builtin(&t);
	theme_degrade(&t, 0);
	for (int r = 0; r < ROLE_COUNT; r++) {
		CHECK_INT(t.style[r].fg, THEME_COLOR_DEFAULT);
		CHECK_INT(t.style[r].bg, THEME_COLOR_DEFAULT);
	}
	CHECK(t.style[ROLE_SELECTED].attr & ATTR_REVERSE);
	CHECK(t.style[ROLE_FOOTER].attr & ATTR_REVERSE);
	CHECK(t.style[ROLE_GAUGE_HIGH].attr & ATTR_BOLD);
	CHECK(t.style[ROLE_ERROR].attr & ATTR_BOLD);
	CHECK_INT(t.style[ROLE_NORMAL].attr, 0);
	/* A theme that paints every role's background is not reversed everywhere. */
	CHECK_INT(theme_load("solarized-dark", &t, why, sizeof why), 0);
	theme_degrade(&t, 2);
	CHECK_INT(t.style[ROLE_NORMAL].attr, 0);
	CHECK(t.style[ROLE_SELECTED].attr & ATTR_REVERSE);
	CHECK(t.style[ROLE_HEADER].attr & ATTR_REVERSE);
	CHECK_INT(theme_style(&t, 999)->attr, t.style[ROLE_NORMAL].attr);
}

int main(void)
{
	/* Run by hand, look in the source tree as `make check` does. */
	if (!getenv("BENCHTOP_DATA_DIR"))
		setenv("BENCHTOP_DATA_DIR", BENCHTOP_SRCDIR, 1);
	test_parse();
	test_list();
	test_degrade();
	test_shipped();
	return check_result();
}
