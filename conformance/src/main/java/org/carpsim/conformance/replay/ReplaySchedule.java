package org.carpsim.conformance.replay;

/**
 * When each frame of a replay is due, in nanoseconds after the start.
 *
 * <p>Timed ({@code speed > 0}): frame i is due at its capture offset divided by the speed, so 2
 * plays twice as fast and 0.5 half as fast. As fast as possible ({@code speed == 0}): every frame
 * is due at once. Either way, no frame is due less than {@code minGapNanos} after the one before:
 * the rate limit that keeps an "as fast as possible" replay from flooding a lab switch.
 *
 * @param speed the time scale, or 0 for as fast as possible; at most 1000
 * @param minGapNanos the least time between two frames (0: no limit)
 */
public record ReplaySchedule(double speed, long minGapNanos) {

  /** The rate limit of an as-fast-as-possible replay unless told otherwise: 10,000 frames per second. */
  public static final long FAST_DEFAULT_MIN_GAP_NANOS = 100_000L;

  public ReplaySchedule {
    if (!(speed >= 0 && speed <= 1000)) {
      throw new IllegalArgumentException("--speed " + speed + " is out of range 0..1000 (0: as fast as possible)");
    }
    if (minGapNanos < 0) {
      throw new IllegalArgumentException("minimum gap " + minGapNanos + " ns is negative");
    }
  }

  /** Real time: the capture's own pace. */
  public static final ReplaySchedule REAL_TIME = new ReplaySchedule(1, 0);

  /** Timed at {@code speed}, no rate limit beyond the capture's own. */
  public static ReplaySchedule timed(double speed) {
    return new ReplaySchedule(speed, 0);
  }

  /** As fast as possible, at most {@code framesPerSecond} (0: unlimited). */
  public static ReplaySchedule fast(long framesPerSecond) {
    return new ReplaySchedule(0, framesPerSecond <= 0 ? 0 : Math.max(1, 1_000_000_000L / framesPerSecond));
  }

  /** The same schedule with at most {@code framesPerSecond} frames per second. */
  public ReplaySchedule withRateLimit(long framesPerSecond) {
    if (framesPerSecond <= 0) {
      throw new IllegalArgumentException("--pps " + framesPerSecond + " must be at least 1");
    }
    return new ReplaySchedule(speed, Math.max(1, 1_000_000_000L / framesPerSecond));
  }

  /** True when capture times are ignored. */
  public boolean asFastAsPossible() {
    return speed == 0;
  }

  /**
   * When a frame captured {@code offsetNanos} after the first is due, given that the frame before
   * was due at {@code previousDue} (or {@code -1} for the first frame).
   */
  public long due(long offsetNanos, long previousDue) {
    long scaled = speed == 0 ? 0 : speed == 1 ? offsetNanos : Math.round(offsetNanos / speed);
    return previousDue < 0 ? scaled : Math.max(scaled, previousDue + minGapNanos);
  }

  /** Every frame's due time. */
  public long[] dueTimes(java.util.List<ReplayFrame> frames) {
    long[] due = new long[frames.size()];
    long previous = -1;
    for (int i = 0; i < due.length; i++) {
      previous = due(frames.get(i).offsetNanos(), previous);
      due[i] = previous;
    }
    return due;
  }
}
