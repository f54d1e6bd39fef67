package org.carpsim.sim.topology;

import org.carpsim.sim.time.Durations;

/**
 * The impairments of a segment or of one NIC's attachment (its cable): latency, jitter, loss and
 * duplication. Immutable; change one field with the {@code with...} methods.
 *
 * @param latency fixed delay in nanoseconds, at least 0
 * @param jitter extra delay drawn uniformly from {@code [0, jitter]} nanoseconds per frame, at least 0
 * @param loss probability in {@code [0, 1]} that a frame is lost
 * @param duplicate probability in {@code [0, 1]} that a frame arrives twice
 */
public record LinkConditions(long latency, long jitter, double loss, double duplicate) {

  /** A perfect wire: no delay, no jitter, no loss, no duplication. */
  public static final LinkConditions NONE = new LinkConditions(0, 0, 0, 0);

  /** Validates every field, naming it and its allowed range. */
  public LinkConditions {
    if (latency < 0) {
      throw new IllegalArgumentException("latency must be at least 0, got " + latency + "ns");
    }
    if (jitter < 0) {
      throw new IllegalArgumentException("jitter must be at least 0, got " + jitter + "ns");
    }
    checkProbability("loss", loss);
    checkProbability("duplicate", duplicate);
  }

  /** The same conditions with another latency. */
  public LinkConditions withLatency(long newLatency) {
    return new LinkConditions(newLatency, jitter, loss, duplicate);
  }

  /** The same conditions with another jitter. */
  public LinkConditions withJitter(long newJitter) {
    return new LinkConditions(latency, newJitter, loss, duplicate);
  }

  /** The same conditions with another loss probability. */
  public LinkConditions withLoss(double newLoss) {
    return new LinkConditions(latency, jitter, newLoss, duplicate);
  }

  /** The same conditions with another duplication probability. */
  public LinkConditions withDuplicate(double newDuplicate) {
    return new LinkConditions(latency, jitter, loss, newDuplicate);
  }

  /** True for {@link #NONE}. */
  public boolean isPerfect() {
    return latency == 0 && jitter == 0 && loss == 0 && duplicate == 0;
  }

  /** Canonical text: {@code latency=200us jitter=50us loss=0.001 duplicate=0.0}. */
  @Override
  public String toString() {
    return "latency=" + Durations.format(latency) + " jitter=" + Durations.format(jitter)
        + " loss=" + loss + " duplicate=" + duplicate;
  }

  private static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability between 0 and 1, got " + p);
    }
  }
}
