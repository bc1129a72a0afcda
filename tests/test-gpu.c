/* test-gpu.c - the GPU sources on fake machines: the real NVML code against a fake
 * libnvidia-ml with two known GPUs (tests/fake-nvml.c), and the amdgpu code against
 * sysfs trees (tests/fixtures/sysfs-amdgpu, and one built here to unplug a card). */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "frame.h"
#include "source.h"

static const struct source_class *find_source(const char *name)
{
	for (int i = 0; source_table[i]; i++)
		if (strcmp(source_table[i]->name, name) == 0)
			return source_table[i];
	return NULL;
}

static void check_gpu(const struct frame_gpu *g, const char *name, const char *bus, const char *backend,
                      double util, double used, double total, double temp, double power, double clock)
{
	CHECK_STR(g->name, name);
	CHECK_STR(g->bus_id, bus);
	CHECK_STR(g->backend, backend);
	/* Exact: every figure is an integer or a short binary fraction after unit conversion. */
	CHECK_NEAR(g->util, util, 0);
	CHECK_NEAR(g->mem_used, used, 0);
	CHECK_NEAR(g->mem_total, total, 0);
	if (isnan(temp))
		CHECK(isnan(g->temp_c));
	else
		CHECK_NEAR(g->temp_c, temp, 0);
	if (isnan(power))
		CHECK(isnan(g->power_w));
	else
		CHECK_NEAR(g->power_w, power, 0);
	if (isnan(clock))
		CHECK(isnan(g->sm_clock_mhz));
	else
		CHECK_NEAR(g->sm_clock_mhz, clock, 0);
}

#define GiB (1024.0 * 1024.0 * 1024.0)

static void check_a100(const struct frame_gpu *g)
{
	check_gpu(g, "NVIDIA Fake A100", "00000000:3B:00.0", "nvml", 37, 12 * GiB, 40 * GiB, 61, 251.5, 1410);
}

static void check_t4(const struct frame_gpu *g)
{
	check_gpu(g, "NVIDIA Fake T4", "00000000:AF:00.0", "nvml", 5, 1.5 * GiB, 15 * GiB, 44, 27.25, 585);
}

static void sample(const struct source_class *src, void *priv, struct frame *f)
{
	frame_clear(f);
	src->sample(priv, f);
}

static void test_nvml_missing(const struct source_class *nvml)
{
	struct source_env env = { .sysfs_root = "/sys", .proc_root = "/proc" };
	char why[160] = "";
	void *priv = NULL;

	env.nvml_path = "/nonexistent/benchtop/libnvidia-ml.so.1";
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), -1);
	CHECK(strstr(why, "not found") != NULL);

	why[0] = '\0';
	env.nvml_path = "libnvidia-ml-absent-for-benchtop.so.1";
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), -1);
	CHECK_STR(why, "libnvidia-ml-absent-for-benchtop.so.1 not found");
}

static void test_nvml(const struct source_class *nvml, const char *lib)
{
	struct source_env env = { .sysfs_root = "/sys", .proc_root = "/proc", .nvml_path = lib };
	static struct frame f;
	char why[160] = "";
	void *priv = NULL;

	/* Holding the fake ourselves keeps its state across the source's dlclose. */
	void *self = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	CHECK(self != NULL);
	int (*inits)(void) = self ? (int (*)(void))dlsym(self, "fake_nvml_inits") : NULL;
	CHECK(inits != NULL);

	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), 0);
	if (!priv) {
		fprintf(stderr, "open: %s\n", why);
		return;
	}
	if (inits)
		CHECK_INT(inits(), 1);
	sample(nvml, priv, &f);
	CHECK_INT(f.ngpus, 2);
	check_a100(&f.gpus[0]);
	check_t4(&f.gpus[1]);

	/* Another source's GPUs already in the frame stay; ours come after them. */
	frame_clear(&f);
	f.ngpus = 1;
	strcpy(f.gpus[0].name, "other");
	nvml->sample(priv, &f);
	CHECK_INT(f.ngpus, 3);
	CHECK_STR(f.gpus[0].name, "other");
	check_a100(&f.gpus[1]);
	check_t4(&f.gpus[2]);
	nvml->close(priv);
	if (inits)
		CHECK_INT(inits(), 0);

	/* GPU 1 falls off the bus after two samples: GPU 0 goes on, nothing crashes. */
	setenv("FAKE_NVML_LOSE_AFTER", "2", 1);
	priv = NULL;
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), 0);
	if (priv) {
		for (int i = 0; i < 2; i++) {
			sample(nvml, priv, &f);
			CHECK_INT(f.ngpus, 2);
		}
		for (int i = 0; i < 3; i++) {
			sample(nvml, priv, &f);
			CHECK_INT(f.ngpus, 1);
			check_a100(&f.gpus[0]);
		}
		nvml->close(priv);
	}

	/* Already lost when we start: only the GPU that answers is opened. */
	setenv("FAKE_NVML_LOSE_AFTER", "0", 1);
	priv = NULL;
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), 0);
	if (priv) {
		sample(nvml, priv, &f);
		CHECK_INT(f.ngpus, 1);
		check_a100(&f.gpus[0]);
		nvml->close(priv);
	}
	unsetenv("FAKE_NVML_LOSE_AFTER");

	/* A query the GPU does not support is NAN; the others are still right. */
	setenv("FAKE_NVML_UNSUPPORTED", "power,temp", 1);
	priv = NULL;
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), 0);
	if (priv) {
		sample(nvml, priv, &f);
		CHECK_INT(f.ngpus, 2);
		check_gpu(&f.gpus[0], "NVIDIA Fake A100", "00000000:3B:00.0", "nvml",
		          37, 12 * GiB, 40 * GiB, NAN, NAN, 1410);
		nvml->close(priv);
	}
	unsetenv("FAKE_NVML_UNSUPPORTED");

	/* NVML that will not start, and NVML with no GPU: reasons, not crashes. */
	setenv("FAKE_NVML_INIT_ERROR", "9", 1);
	why[0] = '\0';
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), -1);
	CHECK(strstr(why, "Driver Not Loaded") != NULL);
	unsetenv("FAKE_NVML_INIT_ERROR");

	setenv("FAKE_NVML_COUNT", "0", 1);
	why[0] = '\0';
	CHECK_INT(nvml->open(&env, &priv, why, sizeof why), -1);
	CHECK_STR(why, "no NVIDIA GPU");
	unsetenv("FAKE_NVML_COUNT");
	if (inits)
		CHECK_INT(inits(), 0);   /* every failed open shut NVML down again */

	if (self)
		dlclose(self);
}

static void test_amdgpu_fixture(const struct source_class *amd, const char *root)
{
	struct source_env env = { .sysfs_root = root, .proc_root = "/proc", .nvml_path = "" };
	static struct frame f;
	char why[160] = "";
	void *priv = NULL;

	CHECK_INT(amd->open(&env, &priv, why, sizeof why), 0);
	if (!priv) {
		fprintf(stderr, "open: %s\n", why);
		return;
	}
	sample(amd, priv, &f);
	/* card0 is an Intel GPU and connectors are not cards: two AMD GPUs, in card order. */
	CHECK_INT(f.ngpus, 2);
	check_gpu(&f.gpus[0], "AMD Radeon RX 7900 XTX", "0000:03:00.0", "amdgpu",
	          83, 6 * GiB, 25753026560.0, 67, 312, 2482);
	check_gpu(&f.gpus[1], "AMD GPU", "0000:0c:00.0", "amdgpu",
	          0, 0.25 * GiB, 0.5 * GiB, 45.5, 15, NAN);
	amd->close(priv);

	env.sysfs_root = "/nonexistent/benchtop-sysfs";
	why[0] = '\0';
	CHECK_INT(amd->open(&env, &priv, why, sizeof why), -1);
	CHECK(strstr(why, "no AMD GPU") != NULL);
}

/* Writes text to root/rel, making the directories on the way. */
static int put(const char *root, const char *rel, const char *text)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	fputs(text, fp);
	return fclose(fp);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* A live-looking sysfs: cardN and device are links, the driver is a link, the uevent has
 * no PCI_SLOT_NAME; then the card is unbound mid-run. */
static void test_amdgpu_live_layout(const struct source_class *amd)
{
	char root[256];
	const char *builddir = getenv("top_builddir");
	snprintf(root, sizeof root, "%s/tests/test-gpu-sysfs.%ld",
	         builddir && *builddir ? builddir : ".", (long)getpid());
	if (mkdir(root, 0755) < 0) {
		CHECK(!"mkdir of the scratch sysfs");
		return;
	}
	char link[PATH_MAX], drv[PATH_MAX];
	int ok = put(root, "devices/pci0000:00/0000:00:01.1/0000:2d:00.0/gpu_busy_percent", "12\n") == 0 &&
		put(root, "devices/pci0000:00/0000:00:01.1/0000:2d:00.0/uevent", "DRIVER=amdgpu\n") == 0 &&
		put(root, "devices/pci0000:00/0000:00:01.1/0000:2d:00.0/mem_info_vram_used", "1048576\n") == 0 &&
		put(root, "devices/pci0000:00/0000:00:01.1/0000:2d:00.0/mem_info_vram_total", "8589934592\n") == 0 &&
		put(root, "bus/pci/drivers/amdgpu/bind", "") == 0 &&
		put(root, "class/drm/card1/uevent", "MAJOR=226\nMINOR=1\nDEVNAME=dri/card1\n") == 0;
	CHECK(ok);
	snprintf(link, sizeof link, "%s/class/drm/card1/device", root);
	snprintf(drv, sizeof drv, "%s/devices/pci0000:00/0000:00:01.1/0000:2d:00.0/driver", root);
	ok = symlink("../../../devices/pci0000:00/0000:00:01.1/0000:2d:00.0", link) == 0 &&
		symlink("../../../../bus/pci/drivers/amdgpu", drv) == 0;
	CHECK(ok);

	struct source_env env = { .sysfs_root = root, .proc_root = "/proc", .nvml_path = "" };
	static struct frame f;
	char why[160] = "";
	void *priv = NULL;
	CHECK_INT(amd->open(&env, &priv, why, sizeof why), 0);
	if (priv) {
		sample(amd, priv, &f);
		CHECK_INT(f.ngpus, 1);
		check_gpu(&f.gpus[0], "AMD GPU", "0000:2d:00.0", "amdgpu", 12, 1048576, 8 * GiB, NAN, NAN, NAN);
		/* The card goes away: it leaves the frame, and sampling does not fail. */
		CHECK_INT(unlink(link), 0);
		sample(amd, priv, &f);
		CHECK_INT(f.ngpus, 0);
		amd->close(priv);
	}

	CHECK_INT(nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int main(void)
{
	const struct source_class *nvml = find_source("gpu.nvml");
	const struct source_class *amd = find_source("gpu.amdgpu");
	CHECK(nvml != NULL);
	CHECK(amd != NULL);
	if (!nvml || !amd)
		return check_result();
	unsetenv("FAKE_NVML_LOSE_AFTER");
	unsetenv("FAKE_NVML_UNSUPPORTED");
	unsetenv("FAKE_NVML_INIT_ERROR");
	unsetenv("FAKE_NVML_COUNT");

	test_nvml_missing(nvml);

	char lib[PATH_MAX];
	const char *builddir = getenv("top_builddir");
	snprintf(lib, sizeof lib, "%s/tests/libnvidia-ml-fake.so", builddir && *builddir ? builddir : ".");
	CHECK(access(lib, R_OK) == 0);   /* make check builds it before the tests run */
	test_nvml(nvml, lib);

	char fixture[PATH_MAX];
	const char *srcdir = getenv("top_srcdir");
	snprintf(fixture, sizeof fixture, "%s/tests/fixtures/sysfs-amdgpu", srcdir && *srcdir ? srcdir : BENCHTOP_SRCDIR);
	test_amdgpu_fixture(amd, fixture);
	test_amdgpu_live_layout(amd);

	return check_result();
}
