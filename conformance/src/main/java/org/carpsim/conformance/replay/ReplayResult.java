package org.carpsim.conformance.replay;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a replay went.
 *
 * @param sent frames handed to the NIC
 * @param planned frames in the plan
 * @param cancelled true when it was stopped before the end
 * @param elapsedNanos from the start to the last send
 * @param medianDeviationNanos median of |send time − due time| over the frames sent
 * @param p99DeviationNanos the 99th percentile of the same
 * @param maxDeviationNanos the largest of the same
 * @param worstFrame the record number of the frame with the largest deviation (0 if none sent)
 */
public record ReplayResult(int sent, int planned, boolean cancelled, long elapsedNanos, long medianDeviationNanos,
    long p99DeviationNanos, long maxDeviationNanos, long worstFrame) {

  /** Summarises {@code deviations[0..sent)} (absolute values in nanoseconds). */
  static ReplayResult of(int sent, int planned, boolean cancelled, long elapsedNanos, long[] deviations, long[] numbers) {
    if (sent == 0) {
      return new ReplayResult(0, planned, cancelled, elapsedNanos, 0, 0, 0, 0);
    }
    long[] d = Arrays.copyOf(deviations, sent);
    int worst = 0;
    for (int i = 1; i < sent; i++) {
      if (deviations[i] > deviations[worst]) {
        worst = i;
      }
    }
    Arrays.sort(d);
    long median = sent % 2 == 1 ? d[sent / 2] : (d[sent / 2 - 1] + d[sent / 2]) / 2;
    long p99 = d[(int) Math.min(sent - 1, Math.ceil(sent * 0.99) - 1)];
    return new ReplayResult(sent, planned, cancelled, elapsedNanos, median, p99, d[sent - 1], numbers[worst]);
  }

  /** {@code timing: 52 frames, deviation from schedule median 4 µs, p99 61 µs, max 61 µs (#36)}. */
  public String timingLine() {
    if (sent == 0) {
      return "timing: no frame sent";
    }
    return String.format(Locale.ROOT, "timing: %d frames, deviation from schedule median %s, p99 %s, max %s (record #%d)",
        sent, micros(medianDeviationNanos), micros(p99DeviationNanos), micros(maxDeviationNanos), worstFrame);
  }

  private static String micros(long nanos) {
    return nanos < 10_000_000L ? String.format(Locale.ROOT, "%.1f µs", nanos / 1e3)
        : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
