/* cuda-ptx.c - the PTX of benchtop's GPU kernels, its header, and JIT loading (cuda-ptx.h).
 *
 * Written by hand against the PTX ISA: only instructions every target since sm_50 has.
 * Arithmetic carries explicit rounding (fma.rn, add.rn, mul.rn) so that ptxas neither fuses
 * nor reorders it: the same input gives bit-identical output on every run, which the
 * stressor's check and the CPU replay in the tests rely on. Pointers arrive as generic
 * addresses from cuMemAlloc and are converted with cvta.to.global before global loads.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cuda-ptx.h"
#include "util.h"

/* The newest PTX ISA each CUDA release's driver JIT-compiles (PTX ISA release notes). */
static const struct { int cuda, isa; } ptx_driver_isa[] = {
	{ 7050, 43 }, { 8000, 50 }, { 9000, 60 }, { 9010, 61 }, { 9020, 62 }, { 10000, 63 },
	{ 10010, 64 }, { 10020, 65 }, { 11000, 70 }, { 11010, 71 }, { 11020, 72 }, { 11030, 73 },
	{ 11040, 74 }, { 11050, 75 }, { 11060, 76 }, { 11070, 77 }, { 11080, 78 }, { 12000, 80 },
	{ 12010, 81 }, { 12020, 82 }, { 12030, 83 }, { 12040, 84 }, { 12050, 85 }, { 12060, 85 },
	{ 12070, 86 }, { 12080, 87 }, { 12090, 88 }, { 13000, 90 },
};

/* Targets and the first PTX ISA that knows each (LLVM NVPTX.td). Plain (not "a"/"f") targets
 * only: their PTX runs on every later compute capability. */
static const struct { int sm, isa; } ptx_targets[] = {
	{ 50, 40 }, { 52, 41 }, { 53, 42 }, { 60, 50 }, { 61, 50 }, { 62, 50 }, { 70, 60 },
	{ 72, 61 }, { 75, 63 }, { 80, 70 }, { 86, 71 }, { 87, 74 }, { 89, 78 }, { 90, 78 },
	{ 100, 86 }, { 103, 88 }, { 110, 90 }, { 120, 87 }, { 121, 88 },
};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

int cuda_ptx_choose(int driver_version, int cc_major, int cc_minor, struct cuda_ptx_choice *out)
{
	int isa = 0;
	for (size_t i = 0; i < NELEM(ptx_driver_isa); i++)
		if (driver_version >= ptx_driver_isa[i].cuda)
			isa = ptx_driver_isa[i].isa;
	int sm = cc_major * 10 + cc_minor, best = -1;
	for (size_t i = 0; i < NELEM(ptx_targets); i++)
		if (ptx_targets[i].sm <= sm && ptx_targets[i].isa <= isa &&
		    (best < 0 || ptx_targets[i].sm > ptx_targets[best].sm))
			best = (int)i;
	if (best < 0)
		return -1;
	out->sm = ptx_targets[best].sm;
	out->isa = ptx_targets[best].isa;
	return 0;
}

/* The thread's global index in %r5, from block and thread ids. */
#define PTX_INDEX32 \
	"\tmov.u32 \t%r2, %ctaid.x;\n" \
	"\tmov.u32 \t%r3, %ntid.x;\n" \
	"\tmov.u32 \t%r4, %tid.x;\n" \
	"\tmad.lo.u32 \t%r5, %r2, %r3, %r4;\n"

/* Chain J's seed (i + J) * 2^-24, exact in both precisions for i < 2^24. */
#define PTX_SEED32(J) \
	"\tadd.u32 \t%r6, %r5, " #J ";\n" \
	"\tcvt.rn.f32.u32 \t%f" #J ", %r6;\n" \
	"\tmul.rn.f32 \t%f" #J ", %f" #J ", 0f33800000;\n"
#define PTX_SEED64(J) \
	"\tadd.u32 \t%r6, %r5, " #J ";\n" \
	"\tcvt.rn.f64.u32 \t%fd" #J ", %r6;\n" \
	"\tmul.rn.f64 \t%fd" #J ", %fd" #J ", 0d3E70000000000000;\n"
#define PTX_SEEDS(S) S(0) S(1) S(2) S(3) S(4) S(5) S(6) S(7)

/* One round: every chain x = fma(x, b, c) once; b in register 8, c in 9. */
#define PTX_FMA_ROUND(T, R) \
	"\tfma.rn." T " \t" R "0, " R "0, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "1, " R "1, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "2, " R "2, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "3, " R "3, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "4, " R "4, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "5, " R "5, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "6, " R "6, " R "8, " R "9;\n" \
	"\tfma.rn." T " \t" R "7, " R "7, " R "8, " R "9;\n"
/* Sixteen rounds a loop trip: 128 FMAs to the loop's 3 other instructions, so the trip's
 * overhead costs 2 % of the FMA pipes (with four rounds it was 9 %). */
#define PTX_FMA_ROUNDS4(T, R) PTX_FMA_ROUND(T, R) PTX_FMA_ROUND(T, R) PTX_FMA_ROUND(T, R) PTX_FMA_ROUND(T, R)
#define PTX_FMA_BODY(T, R) PTX_FMA_ROUNDS4(T, R) PTX_FMA_ROUNDS4(T, R) PTX_FMA_ROUNDS4(T, R) PTX_FMA_ROUNDS4(T, R)

/* The chains summed in order 0..7 into register 10. */
#define PTX_SUM(T, R) \
	"\tadd.rn." T " \t" R "10, " R "0, " R "1;\n" \
	"\tadd.rn." T " \t" R "10, " R "10, " R "2;\n" \
	"\tadd.rn." T " \t" R "10, " R "10, " R "3;\n" \
	"\tadd.rn." T " \t" R "10, " R "10, " R "4;\n" \
	"\tadd.rn." T " \t" R "10, " R "10, " R "5;\n" \
	"\tadd.rn." T " \t" R "10, " R "10, " R "6;\n" \
	"\tadd.rn." T " \t" R "10, " R "10, " R "7;\n"

#define PTX_FMA_ENTRY(NAME, T, R, SEED, BYTES) \
	".visible .entry " NAME "(\n" \
	"\t.param .u64 " NAME "_out,\n" \
	"\t.param .u32 " NAME "_iters,\n" \
	"\t.param ." T " " NAME "_b,\n" \
	"\t.param ." T " " NAME "_c\n" \
	")\n{\n" \
	"\t.reg .pred \t%p<2>;\n" \
	"\t.reg .b32 \t%r<8>;\n" \
	"\t.reg ." T " \t" R "<11>;\n" \
	"\t.reg .b64 \t%rd<4>;\n\n" \
	"\tld.param.u64 \t%rd1, [" NAME "_out];\n" \
	"\tld.param.u32 \t%r1, [" NAME "_iters];\n" \
	"\tld.param." T " \t" R "8, [" NAME "_b];\n" \
	"\tld.param." T " \t" R "9, [" NAME "_c];\n" \
	"\tcvta.to.global.u64 \t%rd1, %rd1;\n" \
	PTX_INDEX32 \
	PTX_SEEDS(SEED) \
	"\tsetp.eq.u32 \t%p1, %r1, 0;\n" \
	"\t@%p1 bra \t$" NAME "_done;\n" \
	"$" NAME "_loop:\n" \
	PTX_FMA_BODY(T, R) \
	"\tsub.u32 \t%r1, %r1, 1;\n" \
	"\tsetp.ne.u32 \t%p1, %r1, 0;\n" \
	"\t@%p1 bra \t$" NAME "_loop;\n" \
	"$" NAME "_done:\n" \
	PTX_SUM(T, R) \
	"\tmul.wide.u32 \t%rd2, %r5, " #BYTES ";\n" \
	"\tadd.s64 \t%rd3, %rd1, %rd2;\n" \
	"\tst.global." T " \t[%rd3], " R "10;\n" \
	"\tret;\n}\n\n"

/* The global index (64-bit) in %rd5 and the grid's stride in %rd7; uses %r1..%r4. */
#define PTX_GRID_STRIDE \
	"\tmov.u32 \t%r1, %ctaid.x;\n" \
	"\tmov.u32 \t%r2, %ntid.x;\n" \
	"\tmov.u32 \t%r3, %tid.x;\n" \
	"\tmov.u32 \t%r4, %nctaid.x;\n" \
	"\tmul.wide.u32 \t%rd5, %r1, %r2;\n" \
	"\tcvt.u64.u32 \t%rd6, %r3;\n" \
	"\tadd.s64 \t%rd5, %rd5, %rd6;\n" \
	"\tmul.wide.u32 \t%rd7, %r4, %r2;\n"

/* The memory kernels load four vectors a thread before storing or comparing any: the copy four
 * of one buffer a trip, the triad and the compare two of each of two, a grid's stride apart. One
 * 16-byte load a thread leaves some 32 KB in flight an SM at full occupancy, short of what HBM3e
 * needs to stay busy (bytes in flight = bandwidth x latency); four give four times that. A
 * thread's last vectors, fewer than a trip, go one by one. A warp still reads 32 neighbouring
 * vectors at a time, as in a plain grid-stride loop. */
#define PTX_V4(R, A, B, C, D) "{" R #A ", " R #B ", " R #C ", " R #D "}"

/* %rd11 the stride in bytes, %rd12 three strides in vectors, %rd13 four (one trip). */
#define PTX_TRIP4 \
	"\tshl.b64 \t%rd11, %rd7, 4;\n" \
	"\tmul.lo.u64 \t%rd12, %rd7, 3;\n" \
	"\tshl.b64 \t%rd13, %rd7, 2;\n"

/* %rd11 the stride in bytes, %rd12 one stride in vectors, %rd13 two (one trip). */
#define PTX_TRIP2 \
	"\tshl.b64 \t%rd11, %rd7, 4;\n" \
	"\tmov.u64 \t%rd12, %rd7;\n" \
	"\tshl.b64 \t%rd13, %rd7, 1;\n"

#define PTX_COPY_LD(A, B, C, D) "\tld.global.v4.u32 \t" PTX_V4("%r", A, B, C, D) ", [%rd9];\n"
#define PTX_COPY_ST(A, B, C, D) "\tst.global.v4.u32 \t[%rd10], " PTX_V4("%r", A, B, C, D) ";\n"

/* Triad slot K: a = b + s c on the vectors at %rd9 (b) and %rd10 (c), into %fa. */
#define PTX_TRIAD_LD(A, B, C, D) \
	"\tld.global.v4.f32 \t" PTX_V4("%fb", A, B, C, D) ", [%rd9];\n" \
	"\tld.global.v4.f32 \t" PTX_V4("%fc", A, B, C, D) ", [%rd10];\n"
#define PTX_TRIAD_FMA(J) "\tfma.rn.f32 \t%fa" #J ", %fc" #J ", %f1, %fb" #J ";\n"
#define PTX_TRIAD_FMA4(A, B, C, D) PTX_TRIAD_FMA(A) PTX_TRIAD_FMA(B) PTX_TRIAD_FMA(C) PTX_TRIAD_FMA(D)
#define PTX_TRIAD_ST(A, B, C, D) "\tst.global.v4.f32 \t[%rd15], " PTX_V4("%fa", A, B, C, D) ";\n"

/* Adds 1 to %r5 when words %rA and %rB differ. */
#define PTX_DIFF(A, B) \
	"\tsetp.ne.u32 \t%p2, %r" #A ", %r" #B ";\n" \
	"\tselp.u32 \t%r22, 1, 0, %p2;\n" \
	"\tadd.u32 \t%r5, %r5, %r22;\n"
/* The vectors at %rd9 (ref) and %rd10 (got) into %r6..%r9 and %r10..%r13, compared. */
#define PTX_CMP_V4_LD \
	"\tld.global.v4.u32 \t{%r6, %r7, %r8, %r9}, [%rd9];\n" \
	"\tld.global.v4.u32 \t{%r10, %r11, %r12, %r13}, [%rd10];\n"
#define PTX_CMP_V4 PTX_DIFF(6, 10) PTX_DIFF(7, 11) PTX_DIFF(8, 12) PTX_DIFF(9, 13)

static const char ptx_body[] =
	PTX_FMA_ENTRY("bt_fma_f32", "f32", "%f", PTX_SEED32, 4)
	PTX_FMA_ENTRY("bt_fma_f64", "f64", "%fd", PTX_SEED64, 8)

	".visible .entry bt_copy(\n"
	"\t.param .u64 bt_copy_dst,\n"
	"\t.param .u64 bt_copy_src,\n"
	"\t.param .u64 bt_copy_n\n"
	")\n{\n"
	"\t.reg .pred \t%p<2>;\n"
	"\t.reg .b32 \t%r<21>;\n"
	"\t.reg .b64 \t%rd<15>;\n\n"
	"\tld.param.u64 \t%rd1, [bt_copy_dst];\n"
	"\tld.param.u64 \t%rd2, [bt_copy_src];\n"
	"\tld.param.u64 \t%rd3, [bt_copy_n];\n"
	"\tcvta.to.global.u64 \t%rd1, %rd1;\n"
	"\tcvta.to.global.u64 \t%rd2, %rd2;\n"
	PTX_GRID_STRIDE
	PTX_TRIP4
	"$bt_copy_trip:\n"
	"\tadd.s64 \t%rd14, %rd5, %rd12;\n"
	"\tsetp.ge.u64 \t%p1, %rd14, %rd3;\n"
	"\t@%p1 bra \t$bt_copy_rest;\n"
	"\tshl.b64 \t%rd8, %rd5, 4;\n"
	"\tadd.s64 \t%rd9, %rd2, %rd8;\n"
	PTX_COPY_LD(5, 6, 7, 8)
	"\tadd.s64 \t%rd9, %rd9, %rd11;\n"
	PTX_COPY_LD(9, 10, 11, 12)
	"\tadd.s64 \t%rd9, %rd9, %rd11;\n"
	PTX_COPY_LD(13, 14, 15, 16)
	"\tadd.s64 \t%rd9, %rd9, %rd11;\n"
	PTX_COPY_LD(17, 18, 19, 20)
	"\tadd.s64 \t%rd10, %rd1, %rd8;\n"
	PTX_COPY_ST(5, 6, 7, 8)
	"\tadd.s64 \t%rd10, %rd10, %rd11;\n"
	PTX_COPY_ST(9, 10, 11, 12)
	"\tadd.s64 \t%rd10, %rd10, %rd11;\n"
	PTX_COPY_ST(13, 14, 15, 16)
	"\tadd.s64 \t%rd10, %rd10, %rd11;\n"
	PTX_COPY_ST(17, 18, 19, 20)
	"\tadd.s64 \t%rd5, %rd5, %rd13;\n"
	"\tbra.uni \t$bt_copy_trip;\n"
	"$bt_copy_rest:\n"
	"\tsetp.ge.u64 \t%p1, %rd5, %rd3;\n"
	"\t@%p1 bra \t$bt_copy_done;\n"
	"\tshl.b64 \t%rd8, %rd5, 4;\n"
	"\tadd.s64 \t%rd9, %rd2, %rd8;\n"
	PTX_COPY_LD(5, 6, 7, 8)
	"\tadd.s64 \t%rd10, %rd1, %rd8;\n"
	PTX_COPY_ST(5, 6, 7, 8)
	"\tadd.s64 \t%rd5, %rd5, %rd7;\n"
	"\tbra.uni \t$bt_copy_rest;\n"
	"$bt_copy_done:\n"
	"\tret;\n}\n\n"

	".visible .entry bt_triad(\n"
	"\t.param .u64 bt_triad_a,\n"
	"\t.param .u64 bt_triad_b,\n"
	"\t.param .u64 bt_triad_c,\n"
	"\t.param .u64 bt_triad_n,\n"
	"\t.param .f32 bt_triad_s\n"
	")\n{\n"
	"\t.reg .pred \t%p<2>;\n"
	"\t.reg .b32 \t%r<5>;\n"
	"\t.reg .f32 \t%f<2>;\n"
	"\t.reg .f32 \t%fa<8>;\n"
	"\t.reg .f32 \t%fb<8>;\n"
	"\t.reg .f32 \t%fc<8>;\n"
	"\t.reg .b64 \t%rd<16>;\n\n"
	"\tld.param.u64 \t%rd1, [bt_triad_a];\n"
	"\tld.param.u64 \t%rd2, [bt_triad_b];\n"
	"\tld.param.u64 \t%rd3, [bt_triad_c];\n"
	"\tld.param.u64 \t%rd4, [bt_triad_n];\n"
	"\tld.param.f32 \t%f1, [bt_triad_s];\n"
	"\tcvta.to.global.u64 \t%rd1, %rd1;\n"
	"\tcvta.to.global.u64 \t%rd2, %rd2;\n"
	"\tcvta.to.global.u64 \t%rd3, %rd3;\n"
	PTX_GRID_STRIDE
	PTX_TRIP2
	"$bt_triad_trip:\n"
	"\tadd.s64 \t%rd14, %rd5, %rd12;\n"
	"\tsetp.ge.u64 \t%p1, %rd14, %rd4;\n"
	"\t@%p1 bra \t$bt_triad_rest;\n"
	"\tshl.b64 \t%rd8, %rd5, 4;\n"
	"\tadd.s64 \t%rd9, %rd2, %rd8;\n"
	"\tadd.s64 \t%rd10, %rd3, %rd8;\n"
	PTX_TRIAD_LD(0, 1, 2, 3)
	"\tadd.s64 \t%rd9, %rd9, %rd11;\n"
	"\tadd.s64 \t%rd10, %rd10, %rd11;\n"
	PTX_TRIAD_LD(4, 5, 6, 7)
	PTX_TRIAD_FMA4(0, 1, 2, 3) PTX_TRIAD_FMA4(4, 5, 6, 7)
	"\tadd.s64 \t%rd15, %rd1, %rd8;\n"
	PTX_TRIAD_ST(0, 1, 2, 3)
	"\tadd.s64 \t%rd15, %rd15, %rd11;\n"
	PTX_TRIAD_ST(4, 5, 6, 7)
	"\tadd.s64 \t%rd5, %rd5, %rd13;\n"
	"\tbra.uni \t$bt_triad_trip;\n"
	"$bt_triad_rest:\n"
	"\tsetp.ge.u64 \t%p1, %rd5, %rd4;\n"
	"\t@%p1 bra \t$bt_triad_done;\n"
	"\tshl.b64 \t%rd8, %rd5, 4;\n"
	"\tadd.s64 \t%rd9, %rd2, %rd8;\n"
	"\tadd.s64 \t%rd10, %rd3, %rd8;\n"
	PTX_TRIAD_LD(0, 1, 2, 3)
	PTX_TRIAD_FMA4(0, 1, 2, 3)
	"\tadd.s64 \t%rd15, %rd1, %rd8;\n"
	PTX_TRIAD_ST(0, 1, 2, 3)
	"\tadd.s64 \t%rd5, %rd5, %rd7;\n"
	"\tbra.uni \t$bt_triad_rest;\n"
	"$bt_triad_done:\n"
	"\tret;\n}\n\n"

	/* Whole vectors two a trip, then the words after the last whole vector one per thread. */
	".visible .entry bt_compare(\n"
	"\t.param .u64 bt_compare_ref,\n"
	"\t.param .u64 bt_compare_got,\n"
	"\t.param .u64 bt_compare_n,\n"
	"\t.param .u64 bt_compare_count\n"
	")\n{\n"
	"\t.reg .pred \t%p<3>;\n"
	"\t.reg .b32 \t%r<23>;\n"
	"\t.reg .b64 \t%rd<17>;\n\n"
	"\tld.param.u64 \t%rd1, [bt_compare_ref];\n"
	"\tld.param.u64 \t%rd2, [bt_compare_got];\n"
	"\tld.param.u64 \t%rd3, [bt_compare_n];\n"
	"\tld.param.u64 \t%rd4, [bt_compare_count];\n"
	"\tcvta.to.global.u64 \t%rd1, %rd1;\n"
	"\tcvta.to.global.u64 \t%rd2, %rd2;\n"
	"\tcvta.to.global.u64 \t%rd4, %rd4;\n"
	PTX_GRID_STRIDE
	"\tmov.u32 \t%r5, 0;\n"
	"\tshr.u64 \t%rd12, %rd3, 2;\n"
	"\tshl.b64 \t%rd11, %rd7, 4;\n"
	"\tshl.b64 \t%rd13, %rd7, 1;\n"
	"\tmov.u64 \t%rd14, %rd5;\n"
	"$bt_compare_trip:\n"
	"\tadd.s64 \t%rd15, %rd14, %rd7;\n"
	"\tsetp.ge.u64 \t%p1, %rd15, %rd12;\n"
	"\t@%p1 bra \t$bt_compare_last;\n"
	"\tshl.b64 \t%rd8, %rd14, 4;\n"
	"\tadd.s64 \t%rd9, %rd1, %rd8;\n"
	"\tadd.s64 \t%rd10, %rd2, %rd8;\n"
	PTX_CMP_V4_LD
	"\tadd.s64 \t%rd9, %rd9, %rd11;\n"
	"\tadd.s64 \t%rd10, %rd10, %rd11;\n"
	"\tld.global.v4.u32 \t{%r14, %r15, %r16, %r17}, [%rd9];\n"
	"\tld.global.v4.u32 \t{%r18, %r19, %r20, %r21}, [%rd10];\n"
	PTX_CMP_V4
	PTX_DIFF(14, 18) PTX_DIFF(15, 19) PTX_DIFF(16, 20) PTX_DIFF(17, 21)
	"\tadd.s64 \t%rd14, %rd14, %rd13;\n"
	"\tbra.uni \t$bt_compare_trip;\n"
	"$bt_compare_last:\n"
	"\tsetp.ge.u64 \t%p1, %rd14, %rd12;\n"
	"\t@%p1 bra \t$bt_compare_tail;\n"
	"\tshl.b64 \t%rd8, %rd14, 4;\n"
	"\tadd.s64 \t%rd9, %rd1, %rd8;\n"
	"\tadd.s64 \t%rd10, %rd2, %rd8;\n"
	PTX_CMP_V4_LD
	PTX_CMP_V4
	"$bt_compare_tail:\n"
	"\tshl.b64 \t%rd16, %rd12, 2;\n"
	"\tadd.s64 \t%rd16, %rd16, %rd5;\n"
	"\tsetp.ge.u64 \t%p1, %rd16, %rd3;\n"
	"\t@%p1 bra \t$bt_compare_done;\n"
	"\tshl.b64 \t%rd8, %rd16, 2;\n"
	"\tadd.s64 \t%rd9, %rd1, %rd8;\n"
	"\tld.global.u32 \t%r6, [%rd9];\n"
	"\tadd.s64 \t%rd10, %rd2, %rd8;\n"
	"\tld.global.u32 \t%r10, [%rd10];\n"
	PTX_DIFF(6, 10)
	"$bt_compare_done:\n"
	"\tsetp.eq.u32 \t%p1, %r5, 0;\n"
	"\t@%p1 bra \t$bt_compare_end;\n"
	"\tatom.global.add.u32 \t%r22, [%rd4], %r5;\n"
	"$bt_compare_end:\n"
	"\tret;\n}\n";

float cuda_ptx_fma_f32_expect(unsigned thread, unsigned iters, float b, float c)
{
	float x[CUDA_PTX_FMA_CHAINS];
	for (int j = 0; j < CUDA_PTX_FMA_CHAINS; j++)
		x[j] = (float)(thread + (unsigned)j) * 0x1p-24f;
	for (unsigned long i = 0; i < (unsigned long)iters * CUDA_PTX_FMA_UNROLL; i++)
		for (int j = 0; j < CUDA_PTX_FMA_CHAINS; j++)
			x[j] = fmaf(x[j], b, c);
	float sum = x[0];
	for (int j = 1; j < CUDA_PTX_FMA_CHAINS; j++)
		sum += x[j];
	return sum;
}

double cuda_ptx_fma_f64_expect(unsigned thread, unsigned iters, double b, double c)
{
	double x[CUDA_PTX_FMA_CHAINS];
	for (int j = 0; j < CUDA_PTX_FMA_CHAINS; j++)
		x[j] = (double)(thread + (unsigned)j) * 0x1p-24;
	for (unsigned long i = 0; i < (unsigned long)iters * CUDA_PTX_FMA_UNROLL; i++)
		for (int j = 0; j < CUDA_PTX_FMA_CHAINS; j++)
			x[j] = fma(x[j], b, c);
	double sum = x[0];
	for (int j = 1; j < CUDA_PTX_FMA_CHAINS; j++)
		sum += x[j];
	return sum;
}

int cuda_ptx_text(const struct cuda_ptx_choice *c, char *buf, size_t len)
{
	int n = c_snprintf(buf, len, "//\n// benchtop GPU kernels\n//\n\n.version %d.%d\n.target sm_%d\n"
	                 ".address_size 64\n\n%s", c->isa / 10, c->isa % 10, c->sm, ptx_body);
	return n < 0 || (size_t)n >= len ? -1 : n;
}

/* The log on one line: lines joined with "; ", runs of blanks made one, and ptxas's closing
 * "Ptx assembly aborted due to errors" left out, so the reason fits in a message. */
static void ptx_log_line(char *log)
{
	char *w = log;
	for (char *line = log; *line;) {
		char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		int keep = n > 0;
		for (size_t i = 0; keep && i + 14 <= n; i++)
			if (!strncmp(line + i, "aborted due to", 14))
				keep = 0;
		if (keep) {
			if (w > log)
				*w++ = ';', *w++ = ' ';
			for (size_t i = 0; i < n; i++)
				if (line[i] != ' ' || (w > log && w[-1] != ' '))
					*w++ = line[i] == '\t' ? ' ' : line[i];
			while (w > log && w[-1] == ' ')
				w--;
		}
		line += n + (end != NULL);
	}
	*w = '\0';
}

int cuda_ptx_load_text(const struct cuda_api *api, const char *ptx, CUmodule *mod, char *why, size_t whylen)
{
	char log[4096] = "";
	CUjit_option opts[] = { CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES };
	void *vals[] = { log, (void *)(uintptr_t)sizeof log };
	CUresult rc = api->ModuleLoadDataEx(mod, ptx, 2, opts, vals);
	if (rc == CUDA_SUCCESS)
		return 0;
	log[sizeof log - 1] = '\0';
	ptx_log_line(log);
	char err[160];
	const char *name = NULL;
	if (!api->GetErrorName || api->GetErrorName(rc, &name) != CUDA_SUCCESS || !name)
		name = cuda_error_text(api, rc, err, sizeof err);
	if (log[0])
		c_snprintf(why, whylen, "PTX JIT failed (%s): %s", name, log);
	else
		c_snprintf(why, whylen, "PTX JIT failed: %s", cuda_error_text(api, rc, err, sizeof err));
	return -1;
}

int cuda_ptx_load(const struct cuda_api *api, int cc_major, int cc_minor, CUmodule *mod,
                  char *why, size_t whylen)
{
	struct cuda_ptx_choice c;
	if (cuda_ptx_choose(api->driver_version, cc_major, cc_minor, &c) < 0) {
		c_snprintf(why, whylen, "the driver (CUDA %d.%d) is too old for compute capability %d.%d",
		         api->driver_version / 1000, api->driver_version % 1000 / 10, cc_major, cc_minor);
		return -1;
	}
	char buf[24576];
	if (cuda_ptx_text(&c, buf, sizeof buf) < 0) {
		c_snprintf(why, whylen, "internal error: PTX text too long");
		return -1;
	}
	return cuda_ptx_load_text(api, buf, mod, why, whylen);
}
