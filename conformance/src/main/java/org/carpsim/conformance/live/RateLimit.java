package org.carpsim.conformance.live;

/**
 * A token bucket for what a long-running node emits of its own accord (gratuitous ARPs, printed
 * lines): up to {@code burst} at once, then {@code perSecond}; what it refuses is counted. It
 * never touches protocol decisions, only whether their side effect leaves. Thread-safe.
 */
public final class RateLimit {

  private final double burst;
  private final double perNano;
  private double tokens;
  private long last;
  private long passed;
  private long suppressed;

  /**
   * @param burst how many may leave at once (≥ 1)
   * @param perSecond how many per second after that (> 0)
   * @param now the caller's clock in nanoseconds ({@link System#nanoTime()})
   */
  public RateLimit(int burst, double perSecond, long now) {
    if (burst < 1 || !(perSecond > 0)) {
      throw new IllegalArgumentException("burst " + burst + " must be ≥ 1 and rate " + perSecond + "/s > 0");
    }
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.tokens = burst;
    this.last = now;
  }

  /** Whether one more may leave at {@code now}; counts it as passed or suppressed. */
  public synchronized boolean tryTake(long now) {
    tokens = Math.min(burst, tokens + Math.max(0, now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      passed++;
      return true;
    }
    suppressed++;
    return false;
  }

  public synchronized long passed() {
    return passed;
  }

  public synchronized long suppressed() {
    return suppressed;
  }
}
