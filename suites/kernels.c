#include "config.h"

#include <math.h>
#include <string.h>

#include "kernel.h"

/* The built-in kernels, one line each (suites/kernel-*.c). */
const struct kernel_class *const kernel_table[] = {
	NULL,
};

const struct kernel_class *kernel_find(const char *name)
{
	for (size_t i = 0; kernel_table[i]; i++)
		if (strcmp(kernel_table[i]->name, name) == 0)
			return kernel_table[i];
	return NULL;
}

int kernel_param_index(const struct kernel_class *cls, const char *name)
{
	for (int i = 0; cls->params && cls->params[i].name && i < KERNEL_MAX_PARAMS; i++)
		if (strcmp(cls->params[i].name, name) == 0)
			return i;
	return -1;
}

void kernel_ctx_init(struct kernel_ctx *k, const struct kernel_class *cls, const atomic_int *stop)
{
	memset(k, 0, sizeof *k);
	k->cls = cls;
	k->stop = stop;
	for (int i = 0; i < KERNEL_MAX_PARAMS; i++)
		k->param[i] = NAN;
	for (int i = 0; cls->params && cls->params[i].name && i < KERNEL_MAX_PARAMS; i++)
		k->param[i] = cls->params[i].def;
}
