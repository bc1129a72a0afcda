/* tui-log.c - one line of the dashboard's event log, stamped with the time of day. Apart
 * from tui.c so the files that speak to the user through the log (the theme key, the viewer)
 * need not reach into the dashboard's main file. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "tui.h"
#include "tui-view.h"

void tui_log(struct tui *t, int role, const char *fmt, ...)
{
	char line[TEXTLOG_LINE + 16], msg[TEXTLOG_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char when[16];
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	snprintf(line, sizeof line, "%s %s", when, msg);
	textlog_add(&t->log, role, line);
	t->dirty = 1;
}
