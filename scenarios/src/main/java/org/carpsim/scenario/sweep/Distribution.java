package org.carpsim.scenario.sweep;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a sample of nanosecond values; percentiles by nearest rank (an observed value,
 * so the figures are exact and stable).
 */
public record Distribution(int count, long min, long p50, long p90, long p99, long max, long mean) {

  /** The distribution of {@code values}; all zeros when empty. */
  public static Distribution of(Collection<Long> values) {
    long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
    if (v.length == 0) {
      return new Distribution(0, 0, 0, 0, 0, 0, 0);
    }
    java.math.BigInteger sum = java.math.BigInteger.ZERO;
    for (long x : v) {
      sum = sum.add(java.math.BigInteger.valueOf(x));
    }
    long mean = sum.divide(java.math.BigInteger.valueOf(v.length)).longValueExact();
    return new Distribution(v.length, v[0], rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1], mean);
  }

  /** The smallest value with at least {@code percent}% of the sample at or below it. */
  static long rank(long[] sorted, int percent) {
    int i = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  @Override
  public String toString() {
    return "Distribution" + Arrays.toString(new long[] {count, min, p50, p90, p99, max, mean});
  }
}
