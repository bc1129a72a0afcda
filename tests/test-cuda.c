/* test-cuda.c - the real CUDA code against a fake libcuda (tests/fake-cuda.c) and the fake
 * NVML (tests/fake-nvml.c), which list the same two GPUs in different orders: the PTX choice
 * and, where ptxas is installed, the PTX itself; devices named by index, bus id and UUID;
 * matching to NVML by bus id; the gpu.* kernels with a context per device and nothing left
 * behind; a JIT error's log in the message; a launch failure; a device that disappears. */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cuda-api.h"
#include "cuda-device.h"
#include "cuda-ptx.h"
#include "kernel.h"
#include "nvml-peer.h"

static long (*fake_calls)(const char *);
static int (*fake_refs)(int);
static long (*fake_launches)(int);
static long (*fake_live)(void);
static unsigned (*fake_fma_iters)(int);

static void test_ptx_choice(void)
{
	static const struct { int driver, major, minor, isa, sm; } cases[] = {
		{ 12040, 9, 0, 78, 90 },    /* H100 on CUDA 12.4 */
		{ 13000, 9, 0, 78, 90 },
		{ 11080, 9, 0, 78, 90 },
		{ 11000, 9, 0, 70, 80 },    /* a driver older than Hopper's PTX: sm_80 JITs forward */
		{ 11000, 8, 6, 70, 80 },
		{ 11010, 8, 6, 71, 86 },
		{ 12080, 10, 0, 86, 100 },
		{ 12040, 10, 0, 78, 90 },
		{ 13000, 12, 0, 87, 120 },
		{ 12040, 7, 5, 63, 75 },
		{ 9000, 7, 0, 60, 70 },
		{ 8000, 7, 0, 50, 62 },
		{ 12040, 5, 2, 41, 52 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct cuda_ptx_choice c = { 0, 0 };
		CHECK_INT(cuda_ptx_choose(cases[i].driver, cases[i].major, cases[i].minor, &c), 0);
		if (c.isa != cases[i].isa || c.sm != cases[i].sm)
			fprintf(stderr, "driver %d cc %d.%d: got %d/sm_%d\n", cases[i].driver, cases[i].major,
			        cases[i].minor, c.isa, c.sm);
		CHECK_INT(c.isa, cases[i].isa);
		CHECK_INT(c.sm, cases[i].sm);
	}
	struct cuda_ptx_choice c;
	CHECK_INT(cuda_ptx_choose(7000, 7, 0, &c), -1);      /* CUDA 7.0 knows no target we ship */
	CHECK_INT(cuda_ptx_choose(12040, 3, 5, &c), -1);     /* Kepler: older than any target */
	char buf[32768];
	c = (struct cuda_ptx_choice){ 78, 90 };
	CHECK(cuda_ptx_text(&c, buf, sizeof buf) > 0);
	CHECK(strstr(buf, "\n.version 7.8\n.target sm_90\n.address_size 64\n") != NULL);
	for (const char **e = (const char *[]){ "bt_fma_f32(", "bt_fma_f64(", "bt_copy(", "bt_triad(",
	                                        "bt_compare(", NULL }; *e; e++)
		CHECK(strstr(buf, *e) != NULL);
	CHECK_INT(cuda_ptx_text(&c, buf, 100), -1);
	/* The host replay: chains converge on c / (1 - b) = 1 each. */
	CHECK_NEAR(cuda_ptx_fma_f32_expect(0, 100000, 0.999f, 0.001f), 8.0, 0.01);
	CHECK_NEAR(cuda_ptx_fma_f64_expect(5, 100000, 0.999, 0.001), 8.0, 1e-6);
}

/* The PTX assembled by NVIDIA's ptxas for each target it knows, when it is installed. */
static void test_ptx_assembles(void)
{
	const char *ptxas = NULL;
	for (const char **p = (const char *[]){ "/usr/local/cuda/bin/ptxas", "/usr/bin/ptxas", NULL }; *p; p++)
		if (access(*p, X_OK) == 0)
			ptxas = *p;
	if (!ptxas) {
		printf("# no ptxas: the PTX is not assembled here\n");
		return;
	}
	static const struct { int driver, major, minor; } cases[] = {
		{ 12040, 7, 5 }, { 12040, 8, 0 }, { 12040, 8, 6 }, { 12040, 8, 9 }, { 12040, 9, 0 },
		{ 12080, 10, 0 }, { 12080, 12, 0 },
	};
	const char *tmp = getenv("TMPDIR");
	char path[512], cmd[1200], buf[32768];
	snprintf(path, sizeof path, "%s/benchtop-ptx-%d.ptx", tmp && *tmp ? tmp : "/tmp", (int)getpid());
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct cuda_ptx_choice c;
		CHECK_INT(cuda_ptx_choose(cases[i].driver, cases[i].major, cases[i].minor, &c), 0);
		CHECK(cuda_ptx_text(&c, buf, sizeof buf) > 0);
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (!f)
			return;
		fputs(buf, f);
		fclose(f);
		snprintf(cmd, sizeof cmd, "'%s' -arch=sm_%d%d -o /dev/null '%s' 2>&1", ptxas, cases[i].major,
		         cases[i].minor, path);
		int rc = system(cmd);
		if (rc == 0)
			printf("# ptxas -arch=sm_%d%d: .version %d.%d .target sm_%d assembles\n", cases[i].major,
			       cases[i].minor, c.isa / 10, c.isa % 10, c.sm);
		/* A ptxas too old for the newest targets says so; only a real error fails. */
		else if (cases[i].major >= 10)
			printf("# ptxas does not know sm_%d%d: skipped\n", cases[i].major, cases[i].minor);
		else
			CHECK_INT(rc, 0);
	}
	unlink(path);
}

static void test_devices(const struct cuda_api *api)
{
	char why[256] = "";
	CHECK_INT(api->driver_version, 12040);
	CHECK_INT(cuda_device_count(api, why, sizeof why), 2);
	struct cuda_device d;
	CHECK_INT(cuda_device_get(api, 0, &d, why, sizeof why), 0);
	CHECK_STR(d.name, "NVIDIA Fake T4");
	CHECK_STR(d.bus_id, "0000:AF:00.0");
	CHECK_STR(d.uuid, "GPU-7a7b7c7d-7e7f-8081-8283-848586878889");
	CHECK_INT(d.sms, 40);
	CHECK_INT(d.cc_major * 10 + d.cc_minor, 75);
	CHECK_NEAR(d.clock_mhz, 1590, 0);
	/* 5001 MHz x 2 x 256 bits / 8 */
	CHECK_NEAR(cuda_device_peak_bandwidth(&d), 320.064e9, 1);
	/* 40 SMs x 64 lanes x 2 x 1 GHz; FP64 2 lanes */
	CHECK_NEAR(cuda_device_peak_flops(&d, 0, 1000), 5.12e12, 1);
	CHECK_NEAR(cuda_device_peak_flops(&d, 1, 1000), 0.16e12, 1);

	int ord[4];
	CHECK_INT(cuda_device_select(api, "all", ord, 4, why, sizeof why), 2);
	CHECK(ord[0] == 0 && ord[1] == 1);
	CHECK_INT(cuda_device_select(api, "1", ord, 4, why, sizeof why), 1);
	CHECK_INT(ord[0], 1);
	static const struct { const char *spec; int ord; } named[] = {
		{ "3b:00.0", 1 }, { "0000:3b:00.0", 1 }, { "00000000:3B:00.0", 1 }, { "0000:af:00.0", 0 },
		{ "GPU-a1a2", 1 }, { "gpu-7A7B7C7D-7E7F-8081-8283-848586878889", 0 },
	};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		ord[0] = -1;
		CHECK_INT(cuda_device_select(api, named[i].spec, ord, 4, why, sizeof why), 1);
		CHECK_INT(ord[0], named[i].ord);
	}
	CHECK_INT(cuda_device_select(api, "7", ord, 4, why, sizeof why), -1);
	CHECK_STR(why, "no CUDA device 7 (there are 2: 0..1)");
	CHECK_INT(cuda_device_select(api, "0000:3c:00.0", ord, 4, why, sizeof why), -1);
	CHECK_STR(why, "no CUDA device has bus id 0000:3c:00.0");
	CHECK_INT(cuda_device_select(api, "GPU-", ord, 4, why, sizeof why), -1);
	CHECK_INT(cuda_device_select(api, "banana", ord, 4, why, sizeof why), -1);
	CHECK(strstr(why, "'banana' is not a device") != NULL);

	unsigned dom, bus, dev, fn;
	CHECK_INT(cuda_bus_id_parse("00000000:AF:1F.7", &dom, &bus, &dev, &fn), 0);
	CHECK(dom == 0 && bus == 0xaf && dev == 0x1f && fn == 7);
	CHECK_INT(cuda_bus_id_parse("0001:3b:00.0", &dom, &bus, &dev, &fn), 0);
	CHECK_INT(dom, 1);
	CHECK_INT(cuda_bus_id_parse("3b:00", &dom, &bus, &dev, &fn), -1);
	CHECK_INT(cuda_bus_id_parse("3b:00.8", &dom, &bus, &dev, &fn), -1);
	CHECK_INT(cuda_bus_id_parse("zz:00.0", &dom, &bus, &dev, &fn), -1);
	CHECK(cuda_bus_id_same("0000:3B:00.0", "00000000:3b:00.0"));
	CHECK(!cuda_bus_id_same("0001:3B:00.0", "00000000:3b:00.0"));
}

/* NVML lists the A100 first and the T4 second: CUDA's device 0 is NVML's 1. */
static void test_nvml_by_bus_id(void)
{
	char why[200];
	struct nvml_peer *t4 = nvml_peer_open("0000:AF:00.0", why, sizeof why);
	struct nvml_peer *a100 = nvml_peer_open("0000:3B:00.0", why, sizeof why);
	CHECK(t4 && a100);
	CHECK_INT(nvml_peer_index(t4), 1);
	CHECK_INT(nvml_peer_index(a100), 0);
	CHECK_NEAR(nvml_peer_sm_clock(t4), 585, 0);
	CHECK_NEAR(nvml_peer_sm_clock(a100), 1410, 0);
	nvml_peer_close(t4);
	nvml_peer_close(a100);
	CHECK(nvml_peer_open("0000:01:00.0", why, sizeof why) == NULL);
	CHECK_STR(why, "NVML has no GPU at bus id 0000:01:00.0");
	CHECK(isnan(nvml_peer_sm_clock(NULL)));
}

static void set_param(struct kernel_ctx *k, const char *name, double v)
{
	int i = kernel_param_index(k->cls, name);
	CHECK(i >= 0);
	if (i >= 0)
		k->param[i] = v;
}

static void set_text(struct kernel_ctx *k, const char *name, const char *v)
{
	int i = kernel_param_index(k->cls, name);
	CHECK(i >= 0 && k->cls->params[i].type == KPARAM_TEXT);
	if (i >= 0)
		snprintf(k->text[i], sizeof k->text[i], "%s", v);
}

/* Small enough for the fake to "run" on the CPU in milliseconds. */
static void tiny(struct kernel_ctx *k, const char *kernel, const char *device)
{
	kernel_ctx_init(k, kernel_find(kernel), NULL);
	set_text(k, "device", device);
	if (!strcmp(kernel, "gpu.fma")) {
		set_param(k, "iters", 8);
		set_param(k, "blocks", 2);
		set_param(k, "threads", 64);
		set_param(k, "launches", 3);
	} else if (!strcmp(kernel, "gpu.bandwidth")) {
		set_param(k, "size", 1 << 20);
		set_param(k, "passes", 2);
		set_param(k, "blocks", 2);
		set_param(k, "threads", 64);
	} else {
		set_param(k, "size", 1 << 20);
		set_param(k, "copies", 3);
	}
}

static double run_once(struct kernel_ctx *k, char *why, size_t len)
{
	double v = NAN;
	why[0] = '\0';
	if (k->cls->setup(k) < 0) {
		snprintf(why, len, "setup: %s", k->why);
		return NAN;
	}
	if (k->cls->iterate(k, &v) < 0) {
		snprintf(why, len, "iterate: %s", k->why);
		v = NAN;
	}
	k->cls->teardown(k);
	return v;
}

static void test_kernels(void)
{
	char why[300];
	long live = fake_live();
	for (const char **n = (const char *[]){ "gpu.fma", "gpu.bandwidth", "gpu.transfer", NULL }; *n; n++) {
		const struct kernel_class *c = kernel_find(*n);
		CHECK(c && c->available);
		CHECK_INT(c->available(why, sizeof why), 0);
		for (const char **d = (const char *[]){ "0", "1", "all", NULL }; *d; d++) {
			struct kernel_ctx k;
			tiny(&k, *n, *d);
			double v = run_once(&k, why, sizeof why);
			if (!(v > 0))
				fprintf(stderr, "%s device=%s: %s\n", *n, *d, why);
			CHECK(v > 0);
			CHECK(k.note[0] != '\0');
		}
	}
	/* Both precisions, both ops, all three directions. */
	struct kernel_ctx k;
	tiny(&k, "gpu.fma", "0");
	set_text(&k, "precision", "fp64");
	CHECK(run_once(&k, why, sizeof why) > 0);
	CHECK(strstr(k.note, "fp64") && strstr(k.note, "at 585 MHz (NVML SM clock) on GPU 0 NVIDIA Fake T4 (0000:AF:00.0)"));
	tiny(&k, "gpu.fma", "1");
	CHECK(run_once(&k, why, sizeof why) > 0);
	/* 108 SMs x 64 lanes x 2 x 1410 MHz */
	CHECK(strstr(k.note, "of the 19.49 TFLOP/s vector peak at 1410 MHz (NVML SM clock)") != NULL);
	tiny(&k, "gpu.bandwidth", "0");
	set_param(&k, "op", 1);
	CHECK(run_once(&k, why, sizeof why) > 0);
	CHECK(strstr(k.note, "triad") && strstr(k.note, "of the 320.1 GB/s memory peak"));
	for (int dir = 0; dir <= 2; dir++) {
		tiny(&k, "gpu.transfer", "1");
		set_param(&k, "direction", dir);
		CHECK(run_once(&k, why, sizeof why) > 0);
	}
	CHECK_INT(fake_live(), live);
	CHECK_INT(fake_refs(0), 0);
	CHECK_INT(fake_refs(1), 0);
	/* Only the versioned 64-bit entry points, and primary contexts. */
	CHECK_INT(fake_calls("cuMemAlloc"), 0);
	CHECK_INT(fake_calls("cuCtxCreate_v2"), 0);
	CHECK(fake_calls("cuMemAlloc_v2") > 0);
	CHECK(fake_calls("cuEventElapsedTime_v2") > 0);
	CHECK_INT(fake_calls("cuEventElapsedTime"), 0);
}

/* iters 0: each GPU's trip count sized by its own clock (the fake's "GPU" is this CPU) so a
 * launch takes about 20 ms, and its results still checked against the host's replay. */
static void test_fma_sized(void)
{
	struct kernel_ctx k;
	char why[300];
	tiny(&k, "gpu.fma", "0");
	set_param(&k, "iters", 0);
	set_param(&k, "launches", 1);
	double v = run_once(&k, why, sizeof why);
	CHECK(v > 0);
	if (!(v > 0))
		fprintf(stderr, "sized fma: %s\n", why);
	/* 2 x 64 threads of 128 FMAs a trip take microseconds a trip on any CPU: hundreds of
	 * trips, not the one the sizing starts from, nor the cap. */
	unsigned iters = fake_fma_iters(0);
	CHECK(iters > 16 && iters < 10000000u);
	if (!(iters > 16 && iters < 10000000u))
		fprintf(stderr, "sized fma: %u trips a launch\n", iters);
}

/* device=all: one context per device, current on the thread that works on it. */
static void test_context_per_device(void)
{
	struct kernel_ctx k;
	char why[300];
	tiny(&k, "gpu.fma", "all");
	long l0 = fake_launches(0), l1 = fake_launches(1);
	CHECK_INT(k.cls->setup(&k), 0);
	CHECK_INT(fake_refs(0), 1);
	CHECK_INT(fake_refs(1), 1);
	double v = NAN;
	CHECK_INT(k.cls->iterate(&k, &v), 0);
	CHECK_INT(fake_launches(0) - l0, 7);   /* the reference, then 3 FMA launches each with its compare */
	CHECK_INT(fake_launches(1) - l1, 7);
	k.cls->teardown(&k);
	CHECK_INT(fake_refs(0), 0);
	CHECK_INT(fake_refs(1), 0);
	(void)why;
}

static void test_jit_log(const struct cuda_api *api)
{
	struct kernel_ctx k;
	char why[300];
	setenv("FAKE_CUDA_JIT_FAIL", "1", 1);
	tiny(&k, "gpu.fma", "1");
	CHECK(isnan(run_once(&k, why, sizeof why)));
	CHECK_STR(why, "setup: GPU 1 (0000:3B:00.0): PTX JIT failed (CUDA_ERROR_INVALID_PTX): ptxas application "
	               "ptx input, line 42; error : Unknown symbol 'bt_nope'");
	unsetenv("FAKE_CUDA_JIT_FAIL");
	CHECK_INT(fake_refs(1), 0);

	/* PTX newer than the driver: its log names the versions. */
	CHECK_INT(cuda_ctx_enter(api, 0, why, sizeof why), 0);
	CUmodule m;
	CHECK_INT(cuda_ptx_load_text(api, "//\n.version 9.9\n.target sm_75\n.address_size 64\n", &m, why, sizeof why), -1);
	CHECK_STR(why, "PTX JIT failed (CUDA_ERROR_UNSUPPORTED_PTX_VERSION): ptxas application ptx input, line 5; "
	               "fatal : Unsupported .version 9.9; current version is '8.4'");
	/* The module benchtop ships loads on an old driver too, by choosing an older ISA. */
	setenv("FAKE_CUDA_DRIVER", "11000", 1);
	struct cuda_api old = *api;
	old.driver_version = 11000;
	CHECK_INT(cuda_ptx_load(&old, 7, 5, &m, why, sizeof why), 0);
	CHECK_INT(api->ModuleUnload(m), 0);
	unsetenv("FAKE_CUDA_DRIVER");
	cuda_ctx_leave(api, 0);
}

/* Every thread's result of every launch is checked: the fake corrupts one element in the middle
 * of every other launch, far past the first threads, and the iteration errors. */
static void test_fma_checks_all(void)
{
	struct kernel_ctx k;
	double v;
	tiny(&k, "gpu.fma", "0");
	CHECK_INT(k.cls->setup(&k), 0);
	setenv("FAKE_CUDA_DEVICE", "0", 1);
	setenv("FAKE_CUDA_CORRUPT_EVERY", "2", 1);
	CHECK_INT(k.cls->iterate(&k, &v), -1);
	CHECK(strstr(k.why, "GPU 0 (0000:AF:00.0): ") == k.why && strstr(k.why, "differ from the reference"));
	if (!strstr(k.why, "differ from the reference"))
		fprintf(stderr, "corrupt fma: %s\n", k.why);
	unsetenv("FAKE_CUDA_CORRUPT_EVERY");
	unsetenv("FAKE_CUDA_DEVICE");
	CHECK_INT(k.cls->iterate(&k, &v), 0);   /* sound again: the count starts afresh */
	k.cls->teardown(&k);
}

static void test_launch_failure(void)
{
	struct kernel_ctx k;
	char why[300], n[32];
	tiny(&k, "gpu.fma", "all");
	CHECK_INT(k.cls->setup(&k), 0);
	snprintf(n, sizeof n, "%ld", fake_launches(0) + 6);   /* one iteration: 3 launches and their compares */
	setenv("FAKE_CUDA_DEVICE", "0", 1);
	setenv("FAKE_CUDA_FAIL_AFTER", n, 1);
	double v;
	CHECK_INT(k.cls->iterate(&k, &v), 0);
	CHECK_INT(k.cls->iterate(&k, &v), -1);
	CHECK_STR(k.why, "GPU 0 (0000:AF:00.0): cuLaunchKernel: CUDA_ERROR_LAUNCH_FAILED: unspecified launch failure");
	CHECK_INT(k.cls->iterate(&k, &v), -1);    /* sticky: the context is lost */
	k.cls->teardown(&k);
	unsetenv("FAKE_CUDA_FAIL_AFTER");
	CHECK_INT(fake_refs(0), 0);
	/* A fresh context afterwards works again. */
	tiny(&k, "gpu.fma", "0");
	CHECK(run_once(&k, why, sizeof why) > 0);

	/* The device falls off the bus. */
	tiny(&k, "gpu.bandwidth", "0");
	CHECK_INT(k.cls->setup(&k), 0);
	snprintf(n, sizeof n, "%ld", fake_launches(0) + 1);
	setenv("FAKE_CUDA_LOSE_AFTER", n, 1);
	CHECK_INT(k.cls->iterate(&k, &v), -1);
	CHECK_STR(k.why, "GPU 0 (0000:AF:00.0): cuLaunchKernel: CUDA_ERROR_UNKNOWN: unknown error");
	k.cls->teardown(&k);
	CHECK(isnan(run_once(&k, why, sizeof why)));
	CHECK(strstr(why, "CUDA_ERROR_UNKNOWN") != NULL);
	unsetenv("FAKE_CUDA_LOSE_AFTER");
	unsetenv("FAKE_CUDA_DEVICE");
}

int main(void)
{
	const char *b = getenv("top_builddir");
	char lib[1024], nvml[1024];
	snprintf(lib, sizeof lib, "%s/tests/libcuda-fake.so", b && *b ? b : ".");
	snprintf(nvml, sizeof nvml, "%s/tests/libnvidia-ml-fake.so", b && *b ? b : ".");
	setenv("BENCHTOP_CUDA_LIB", lib, 1);
	setenv("BENCHTOP_NVML_LIB", nvml, 1);
	/* Held here so that the counters can be read; the code under test loads its own handle. */
	void *self = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (!self) {
		fprintf(stderr, "%s\n", dlerror());
		return 99;
	}
	fake_calls = (long (*)(const char *))dlsym(self, "fake_cuda_calls");
	fake_refs = (int (*)(int))dlsym(self, "fake_cuda_ctx_refs");
	fake_launches = (long (*)(int))dlsym(self, "fake_cuda_launches");
	fake_live = (long (*)(void))dlsym(self, "fake_cuda_live");
	fake_fma_iters = (unsigned (*)(int))dlsym(self, "fake_cuda_fma_iters");
	if (!fake_calls || !fake_refs || !fake_launches || !fake_live || !fake_fma_iters)
		return 99;

	test_ptx_choice();
	test_ptx_assembles();
	char why[256];
	const struct cuda_api *api = cuda_api_get(why, sizeof why);
	CHECK(api != NULL);
	if (!api) {
		fprintf(stderr, "%s\n", why);
		return check_result();
	}
	test_devices(api);
	test_nvml_by_bus_id();
	test_kernels();
	test_context_per_device();
	test_fma_sized();
	test_fma_checks_all();
	test_jit_log(api);
	test_launch_failure();
	dlclose(self);
	return check_result();
}
