/* nvml-peer.h - NVML's view of one CUDA device, found by PCI bus id, for a kernel's figures.
 *
 * A GPU kernel opens its device's peer at setup and reads the SM clock while it runs, so its
 * percentage of peak is at the clock the GPU really ran at. NVML is loaded from
 * $BENCHTOP_NVML_LIB or libnvidia-ml.so.1; without it, or with no GPU at that bus id, open
 * returns NULL with why and the figures are simply left out. NVML is thread-safe; one peer
 * belongs to one thread.
 */
#ifndef BENCHTOP_NVML_PEER_H
#define BENCHTOP_NVML_PEER_H

#include <stddef.h>

struct nvml_peer;

struct nvml_peer *nvml_peer_open(const char *bus_id, char *why, size_t whylen);
/* NVML's index of the device (PCI order); -1 for NULL. */
int    nvml_peer_index(const struct nvml_peer *p);
/* The SM clock now, MHz; NAN when NVML cannot say (or p is NULL). */
double nvml_peer_sm_clock(const struct nvml_peer *p);
/* Temperature (°C, NVML_TEMPERATURE_GPU), power (W) and SM clock (MHz) now; NAN for each
 * that NVML cannot say. */
void   nvml_peer_read(const struct nvml_peer *p, double *temp_c, double *power_w, double *sm_clock_mhz);
/* Asks NVML to tell p of the Xid errors its GPU reports from now on (one thread's peer:
 * the stress worker's). Without NVML's events (unsupported, no permission) nothing is told. */
void   nvml_peer_watch_xid(struct nvml_peer *p);
/* The Xid an event told since the last call, 0 when none (or when not watching). */
long long nvml_peer_xid(struct nvml_peer *p);
/* What an Xid means, in a few words, for the well-known ones; "" for the rest. */
const char *nvml_xid_meaning(long long xid);
void   nvml_peer_close(struct nvml_peer *p);

#endif
