/* The figures bench.json reports from repeated runs: medians and the rates derived from them. */
#ifndef STACKPROBE_BENCH_STATS_H
#define STACKPROBE_BENCH_STATS_H

#include <stddef.h>

/* Median of count values (the mean of the two middle ones for an even count) and the smallest
 * and largest; 0, or -1 for count 0. values is not modified. */
int bench_median(const double *values, size_t count, double *median, double *min, double *max);
/* How many times faster than the reference: reference_seconds / seconds; 0 when either is not
 * positive. */
double bench_ratio(double reference_seconds, double seconds);
/* MB/s: bytes / 10^6 / seconds; 0 when seconds is not positive. */
double bench_mbps(double bytes, double seconds);
/* Files per second; 0 when seconds is not positive. */
double bench_files_per_second(double files, double seconds);
/* CPU seconds per GiB moved: cpu_seconds * 2^30 / bytes; 0 when bytes is not positive. */
double bench_cpu_per_gib(double cpu_seconds, double bytes);

#endif
