package org.carpsim.carp.profile;

import java.util.random.RandomGenerator;

/**
 * How long a userland step takes (a daemon's start-up, a script it waits for), as a distribution fitted
 * to lab measurements: {@code min + LogNormal(median − min, sigma)}, drawn again above {@code max}.
 *
 * <p>Why this shape: the measured times are positive and right-skewed (a median near the minimum, a
 * long tail from scheduling and disk); a log-normal is what multiplicative delays give. The shift is
 * the measured minimum (fork, exec and the work itself cost at least that), so no draw falls below it,
 * and the truncation keeps every draw inside the measured range. {@code sigma} is chosen so that the
 * largest of n draws lands near the measured maximum (about 2.0 σ for n ≈ 34, 2.4 σ for n = 90).
 *
 * @param minNs the smallest time measured (the shift)
 * @param medianNs the median measured
 * @param maxNs the largest time measured: draws above it are drawn again
 * @param sigma the log-normal's shape
 */
public record ProcessDelay(
    @Source("ucarp-lab (measured minimum)") long minNs,
    @Source("ucarp-lab (measured median)") long medianNs,
    @Source("ucarp-lab (measured maximum)") long maxNs,
    @Source("choice: the largest of n draws near the measured maximum") double sigma) {

  /** No delay: the step takes no virtual time. */
  public static final ProcessDelay NONE = new ProcessDelay(0, 0, 0, 0);

  public ProcessDelay {
    if (minNs < 0 || medianNs < minNs || maxNs < medianNs || sigma < 0) {
      throw new IllegalArgumentException("need 0 <= min <= median <= max and sigma >= 0");
    }
  }

  /** One time in ns from {@code random} (nothing drawn when the delay is {@link #NONE}). */
  public long draw(RandomGenerator random) {
    if (maxNs == 0) {
      return 0;
    }
    double scale = medianNs - minNs;
    while (true) {
      long ns = minNs + Math.round(scale * Math.exp(sigma * random.nextGaussian()));
      if (ns <= maxNs) {
        return ns;
      }
    }
  }
}
