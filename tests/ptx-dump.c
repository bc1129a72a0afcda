/* ptx-dump DRIVER MAJOR MINOR: prints the PTX module benchtop would JIT-compile for a device of
 * compute capability MAJOR.MINOR under a driver of CUDA version DRIVER (12040 is CUDA 12.4), so
 * that tests/ptxas.sh can hand it to NVIDIA's assembler. Exits 1 when no target fits. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cuda-ptx.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: ptx-dump DRIVER MAJOR MINOR\n");
		return 2;
	}
	struct cuda_ptx_choice c;
	if (cuda_ptx_choose(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]), &c) < 0) {
		fprintf(stderr, "ptx-dump: no PTX target for compute capability %s.%s under driver %s\n",
		        argv[2], argv[3], argv[1]);
		return 1;
	}
	static char buf[1 << 17];
	if (cuda_ptx_text(&c, buf, sizeof buf) < 0) {
		fprintf(stderr, "ptx-dump: the module is larger than %zu bytes\n", sizeof buf);
		return 1;
	}
	fputs(buf, stdout);
	return 0;
}
