#include "config.h"

#include "theme.h"

/* xterm's colors 0..15, the ones 16..255 are computed. */
static const unsigned char base16[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

static void rgb_of(int c, int rgb[3])
{
	static const int cube[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = base16[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = cube[c / 36];
		rgb[1] = cube[c / 6 % 6];
		rgb[2] = cube[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

/* Which of the six hues (1 red .. 6 cyan, the ANSI numbers) a color leans to, or 0
 * for a grey; *value gets its brightness 0..255. Hue, not distance: distance sends
 * dodger blue to cyan and raspberry to red. */
static int hue_class(int c, int *value)
{
	int rgb[3], mx, mn, h;

	rgb_of(c, rgb);
	mx = rgb[0] > rgb[1] ? rgb[0] : rgb[1];
	mx = mx > rgb[2] ? mx : rgb[2];
	mn = rgb[0] < rgb[1] ? rgb[0] : rgb[1];
	mn = mn < rgb[2] ? mn : rgb[2];
	*value = mx;
	if (mx == 0 || (mx - mn) * 4 < mx)
		return 0;
	if (mx == rgb[0])
		h = 60 * (rgb[1] - rgb[2]) / (mx - mn);
	else if (mx == rgb[1])
		h = 120 + 60 * (rgb[2] - rgb[0]) / (mx - mn);
	else
		h = 240 + 60 * (rgb[0] - rgb[1]) / (mx - mn);
	if (h < 0)
		h += 360;
	/* Orange (h 20..30) counts as yellow, the color of warnings. */
	if (h < 20 || h >= 330)
		return 1;      /* red */
	if (h < 70)
		return 3;      /* yellow; olive greens (70..90) stay green */
	if (h < 150)
		return 2;      /* green */
	if (h < 200)
		return 6;      /* cyan */
	if (h < 270)
		return 4;      /* blue */
	return 5;              /* magenta */
}

/* A color for a screen of 8 (bright = 0) or 16 (bright = 1) colors. A grey foreground
 * never turns black, or text vanishes on a dark terminal: a dark grey becomes a dim white. */
static int reduce(int c, int fg, int bright, unsigned char *attr)
{
	int v, hue;

	if (c < 0 || c < (bright ? 16 : 8))
		return c;
	hue = hue_class(c, &v);
	if (hue == 0) {
		if (v >= 230)
			return bright ? 15 : 7;
		if (v >= 150)
			return 7;
		if (!fg)
			return v >= 110 && bright ? 8 : 0;
		if (v < 20)
			return 0;
		if (bright)
			return 8;
		*attr |= ATTR_DIM;
		return 7;
	}
	if (!fg && v < 60)
		return 0;
	return bright && v >= 240 ? hue + 8 : hue;
}

void theme_degrade(struct theme *t, int ncolors)
{
	const struct theme_style normal = t->style[ROLE_NORMAL];

	if (ncolors >= 256)
		return;
	for (int i = 0; i < ROLE_COUNT; i++) {
		struct theme_style *s = &t->style[i];
		if (ncolors < 8) {
			/* A background set apart from the screen's marks a highlight: keep it as reverse. */
			if (s->bg != THEME_COLOR_DEFAULT && s->bg != normal.bg)
				s->attr |= ATTR_REVERSE;
			s->attr |= (unsigned char)role_table[i].mono;
			s->fg = s->bg = THEME_COLOR_DEFAULT;
			continue;
		}
		s->fg = (short)reduce(s->fg, 1, ncolors >= 16, &s->attr);
		s->bg = (short)reduce(s->bg, 0, ncolors >= 16, &s->attr);
		if (s->fg == s->bg && s->fg != THEME_COLOR_DEFAULT)
			/* Two shades that became one color: light text on dark, dark on light. */
			s->fg = (short)(s->bg == 0 || s->bg == 1 || s->bg == 4 || s->bg == 5 || s->bg == 8 ? 7 : 0);
	}
}
