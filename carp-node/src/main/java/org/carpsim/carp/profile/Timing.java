package org.carpsim.carp.profile;

/**
 * How a profile turns advbase (seconds) and advskew (1/256 s) into timer durations (§4). Every
 * implementation converts the skew to microseconds with integer truncation
 * ({@code advskew * 1000000 / 256}, so 100 → 390625 µs and 1 → 3906 µs); durations are returned in
 * nanoseconds of virtual time.
 *
 * @param advertisementInterval how a MASTER's advertisement interval is computed
 * @param masterDown how a BACKUP's master-down interval is computed
 * @param skewTruncatedToMicroseconds always true: all implementations truncate the skew to µs
 * @param kernelTick the kernel's timer granularity; applied only when {@link KernelTick#enabled()}
 * @param firstIntervalUndemoted FreeBSD: the first interval after a transition uses the configured
 *     advskew, later ones the demoted one
 * @param receiveTickNs ucarp: received advertisements reach the daemon only on this tick (0: at once)
 * @param defaultDeadRatio the multiplier of the master-down rule (ucarp's {@code --deadratio} default)
 */
public record Timing(
    @Source("carp-protocol.md §4.1") AdvertisementInterval advertisementInterval,
    @Source("carp-protocol.md §4.2, §4.3; ucarp-lab") MasterDown masterDown,
    @Source("carp-protocol.md §4 (all implementations)") boolean skewTruncatedToMicroseconds,
    @Source("carp-protocol.md §4.1, §11") KernelTick kernelTick,
    @Source("carp-protocol.md §4.1 (FBSD)") boolean firstIntervalUndemoted,
    @Source("ucarp-lab (1 s libpcap tick)") long receiveTickNs,
    @Source("carp-protocol.md §4.2, §8.4") int defaultDeadRatio) {

  /** 1/256 s in µs, truncated: the floor OpenBSD puts under a 0/0 interval. */
  public static final long MIN_INTERVAL_US = 1_000_000L / 256;

  /** advskew in whole microseconds, truncated as every kernel and ucarp does. */
  public static long skewMicros(int advskew) {
    return advskew * 1_000_000L / 256;
  }

  /** How the MASTER's advertisement interval is formed (§4.1). */
  public enum AdvertisementInterval {
    /**
     * OBSD ≥1.270: {@code advbase s + advskew/256 s}; a zero interval (advbase 0, advskew 0) becomes
     * 1/256 s = 3906 µs.
     */
    BASE_PLUS_SKEW_WITH_FLOOR,
    /**
     * OBSD 3.5, NetBSD, FreeBSD, ucarp: {@code advbase s + advskew/256 s}. These refuse advbase 0
     * (ucarp only together with advskew 0), so there is no floor to apply.
     */
    BASE_PLUS_SKEW
  }

  /** How the BACKUP's master-down interval is formed from the local advbase and advskew (§4.2). */
  public enum MasterDown {
    /** OBSD-1.370: {@code 3 × (advbase s + advskew/256 s)}, the 0/0 case floored to 3 × 3906 µs. */
    THREE_TIMES_INTERVAL,
    /**
     * OBSD-1.54…1.270, NetBSD, FreeBSD: {@code 3 × advbase s + advskew/256 s}, the skew not tripled.
     * OBSD-1.270's advbase-0 special cases are kept for completeness: 0/0 → 3/256 s (11718 µs), advbase
     * 0 → 3 × advskew/256 s (choice: 3 × the truncated µs value; the reference does not say which
     * truncation). No shipped profile allows advbase 0 with this rule.
     */
    THREE_TIMES_BASE_PLUS_SKEW,
    /**
     * ucarp's own deadline, {@code deadratio × advbase s + advskew/256 s} — what the code computes,
     * not what happens (see {@link #UCARP_POLL}).
     */
    DEAD_RATIO_BASE_PLUS_SKEW,
    /**
     * ucarp as it really runs (ucarp-lab): the deadline above is only checked when poll(2) returns,
     * and in BACKUP poll waits {@code advbase·1000 + advskew·1000/256} ms (integer ms) after the
     * last processed packet. So the takeover comes at the first multiple of that poll period at or
     * after the deadline: ≈ 3 × (advbase + advskew/256) after the <em>processed</em> last ad when
     * nothing else wakes the loop (measured 4.31–4.42 s for advbase 1 advskew 100, textbook 3.39 s).
     */
    UCARP_POLL
  }

  /** How a kernel rounds a duration to its clock ticks. */
  public enum TickRounding {
    /** No quantization. */
    NONE,
    /** OBSD-1.370 {@code timeout_add_usec}: ceil(µs / tick) ticks. */
    CEIL,
    /** BSD {@code tvtohz} (OBSD ≤1.270, NetBSD, FreeBSD): ceil(duration / tick) + 1 ticks. */
    CEIL_PLUS_ONE
  }

  /**
   * The kernel clock tick a real kernel rounds its CARP timeouts to. Off by default: the profile's
   * timer methods return exact values unless {@code enabled}. Only the length is modelled, not the
   * phase: a real timeout fires on the next boundary of a free-running tick counter, so its real
   * delay lies within one tick below the quantized value.
   *
   * @param tickNs one tick (10 ms at OpenBSD/NetBSD hz=100, 1 ms at FreeBSD hz=1000)
   * @param rounding how durations become ticks
   * @param enabled whether the timer methods apply it
   */
  public record KernelTick(
      @Source("carp-protocol.md §4.1 (hz=100 OpenBSD/NetBSD; hz=1000 FreeBSD: choice)") long tickNs,
      @Source("carp-protocol.md §4.1 (timeout_add_usec ceil, tvtohz +1)") TickRounding rounding,
      @Source("choice: off unless a scenario emulates kernel ticks") boolean enabled) {

    /** No kernel tick (ucarp, a userland daemon with millisecond poll timeouts). */
    public static final KernelTick NONE = new KernelTick(0, TickRounding.NONE, false);

    /** A duration as the kernel would arm it, or unchanged when disabled. */
    public long quantize(long ns) {
      if (!enabled || rounding == TickRounding.NONE || tickNs <= 0) {
        return ns;
      }
      long ticks = (ns + tickNs - 1) / tickNs;
      if (rounding == TickRounding.CEIL_PLUS_ONE) {
        ticks++;
      }
      return ticks * tickNs;
    }

    /** This tick, switched on or off. */
    public KernelTick withEnabled(boolean on) {
      return new KernelTick(tickNs, rounding, on);
    }
  }

  /**
   * The advertisement interval for an already demoted skew, in ns.
   *
   * @throws IllegalArgumentException for a zero interval under a rule without a floor (the knobs of
   *     such profiles refuse that configuration, so a node never asks)
   */
  public long advertisementIntervalNs(int advbase, int effectiveAdvskew) {
    long us = advbase * 1_000_000L + skewMicros(effectiveAdvskew);
    if (us < 0) {
      // only FreeBSD before D32759 gets here (a demotion below -256 × advbase): the callout then
      // fires on the next tick (choice: tvtohz of a negative timeval)
      us = 1;
    }
    if (us == 0) {
      if (advertisementInterval != AdvertisementInterval.BASE_PLUS_SKEW_WITH_FLOOR) {
        throw new IllegalArgumentException("advbase 0 with advskew 0 gives no interval; this profile refuses it");
      }
      us = MIN_INTERVAL_US;
    }
    return kernelTick.quantize(us * 1000L);
  }

  /** The master-down interval in ns for the local advbase and advskew and a dead ratio (ucarp). */
  public long masterDownIntervalNs(int advbase, int advskew, int deadRatio) {
    long skewUs = skewMicros(advskew);
    long us;
    switch (masterDown) {
      case THREE_TIMES_INTERVAL: {
        long interval = advbase * 1_000_000L + skewUs;
        us = 3 * (interval == 0 ? MIN_INTERVAL_US : interval);
        break;
      }
      case THREE_TIMES_BASE_PLUS_SKEW:
        if (advbase == 0 && advskew == 0) {
          us = 3_000_000L / 256;
        } else if (advbase == 0) {
          us = 3 * skewUs;
        } else {
          us = 3 * advbase * 1_000_000L + skewUs;
        }
        break;
      case DEAD_RATIO_BASE_PLUS_SKEW:
        us = (long) deadRatio * advbase * 1_000_000L + skewUs;
        break;
      case UCARP_POLL: {
        long deadlineUs = (long) deadRatio * advbase * 1_000_000L + skewUs;
        long pollUs = ucarpPollPeriodNs(advbase, advskew) / 1000;
        if (pollUs == 0) {
          us = deadlineUs;
        } else {
          long polls = Math.max(1, (deadlineUs + pollUs - 1) / pollUs);
          us = polls * pollUs;
        }
        break;
      }
      default:
        throw new AssertionError(masterDown);
    }
    return kernelTick.quantize(us * 1000L);
  }

  /** ucarp's poll(2) timeout in BACKUP: {@code advbase·1000 + advskew·1000/256} whole ms, in ns. */
  public static long ucarpPollPeriodNs(int advbase, int advskew) {
    long ms = advbase * 1000L + advskew * 1000L / 256;
    return ms * 1_000_000L;
  }

  /** These formulas with another kernel tick. */
  public Timing withKernelTick(KernelTick tick) {
    return new Timing(advertisementInterval, masterDown, skewTruncatedToMicroseconds, tick,
        firstIntervalUndemoted, receiveTickNs, defaultDeadRatio);
  }
}
