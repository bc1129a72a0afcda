#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kernel-list.h"
#include "kernel.h"

#define KERNEL_REF(name) &kernel_##name,
const struct kernel_class *const kernel_table[] = {
	KERNEL_LIST(KERNEL_REF)
	NULL,
};

const struct kernel_class *kernel_find(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; kernel_table[i]; i++)
		if (!strcmp(kernel_table[i]->name, name))
			return kernel_table[i];
	return NULL;
}

int kernel_param_index(const struct kernel_class *cls, const char *name)
{
	if (!cls || !cls->params || !name)
		return -1;
	for (int i = 0; i < KERNEL_MAX_PARAMS && cls->params[i].name; i++)
		if (!strcmp(cls->params[i].name, name))
			return i;
	return -1;
}

void kernel_ctx_init(struct kernel_ctx *k, const struct kernel_class *cls, const atomic_int *stop)
{
	memset(k, 0, sizeof *k);
	k->cls = cls;
	k->stop = stop;
	for (int i = 0; cls && cls->params && i < KERNEL_MAX_PARAMS && cls->params[i].name; i++) {
		k->param[i] = cls->params[i].def;
		if (cls->params[i].type == KPARAM_TEXT)
			snprintf(k->text[i], sizeof k->text[i], "%s", cls->params[i].text_def);
	}
}
