#include "config.h"

#include <string.h>

#include "widget.h"

const struct widget_class *const widget_classes[] = {
	&box_widget,
	&gauge_widget,
	&spark_widget,
	&graph_widget,
	&table_widget,
	&textlog_widget,
	NULL,
};

const struct widget_class *widget_find(const char *name)
{
	for (int i = 0; widget_classes[i]; i++)
		if (!strcmp(widget_classes[i]->name, name))
			return widget_classes[i];
	return NULL;
}
