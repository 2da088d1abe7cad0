/* Medians rather than means: one run disturbed by the rest of the machine should not move the
 * reported figure. The rates return 0 instead of dividing by zero or by a negative time, which
 * a failed or unmeasured run can give. */
#include "bench_stats.h"

#include <stdlib.h>
#include <string.h>

/* NaN sorts after every number: qsort needs a consistent order whatever the input holds. */
static int compare_doubles(const void *left, const void *right)
{
  double a = *(const double *)left;
  double b = *(const double *)right;
  int a_is_nan = a != a;
  int b_is_nan = b != b;

  if(a_is_nan || b_is_nan)
    return a_is_nan - b_is_nan;
  if(a < b)
    return -1;
  if(a > b)
    return 1;
  return 0;
}

/* -1 also when the sorted copy cannot be allocated. */
int bench_median(const double *values, size_t count, double *median, double *min, double *max)
{
  double *sorted;

  if(count == 0 || count > (size_t)-1 / sizeof(double))
    return -1;
  sorted = malloc(count * sizeof(double));
  if(!sorted)
    return -1;
  memcpy(sorted, values, count * sizeof(double));
  qsort(sorted, count, sizeof(double), compare_doubles);
  if(count % 2 == 1)
    *median = sorted[count / 2];
  else
    *median = (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  *min = sorted[0];
  *max = sorted[count - 1];
  free(sorted);
  return 0;
}

/* Comparisons written as !(x > 0) so that NaN counts as not positive too. */

double bench_ratio(double reference_seconds, double seconds)
{
  if(!(reference_seconds > 0) || !(seconds > 0))
    return 0;
  return reference_seconds / seconds;
}

double bench_mbps(double bytes, double seconds)
{
  if(!(seconds > 0))
    return 0;
  return bytes / 1e6 / seconds;
}

double bench_files_per_second(double files, double seconds)
{
  if(!(seconds > 0))
    return 0;
  return files / seconds;
}

double bench_cpu_per_gib(double cpu_seconds, double bytes)
{
  if(!(bytes > 0))
    return 0;
  return cpu_seconds * 1073741824.0 / bytes;
}
