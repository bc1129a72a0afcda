/* stressor-list.h - every stress generator, one line each, in the order of the panel's rows.
 * A new generator is a src/stress/stress-NAME.c that defines `const struct stressor_class
 * stressor_NAME`, and one STRESSOR(NAME) line here (plus the file's name in src/stress.mk). */
STRESSOR(cpu)
STRESSOR(vm)
STRESSOR(hdd)
STRESSOR(gpu)
