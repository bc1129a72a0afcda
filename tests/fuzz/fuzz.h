/* fuzz.h - what every harness in tests/fuzz shares. Each harness defines
 * LLVMFuzzerTestOneInput for one reader of outside input; libFuzzer drives it under
 * `make fuzz`, and replay.c feeds it the seed corpus and the regression inputs under
 * `make check` (no libFuzzer needed there). */
#ifndef BENCHTOP_FUZZ_H
#define BENCHTOP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A path that reads back data[0..size): a memfd named through /proc/self/fd, so readers that
 * take a path see a regular file without touching the disk. Valid until the next call. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* data as a NUL-terminated string (the copy lives until the next call). */
const char *fuzz_text(const uint8_t *data, size_t size);

#endif
