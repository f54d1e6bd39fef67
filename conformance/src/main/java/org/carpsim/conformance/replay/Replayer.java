package org.carpsim.conformance.replay;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends a {@link ReplayPlan} on its {@link ReplaySchedule}: for each frame it sleeps until shortly
 * before the frame is due, then busy-waits the rest ({@link #DEFAULT_SPIN_NANOS}), because a
 * sleeping thread wakes tens of microseconds late while a spinning one sees the due time within
 * a microsecond. It measures, just before each send, how far from the schedule it is.
 *
 * <p>A frame found already late is sent at once and later frames keep their own due times: the
 * replay catches up instead of shifting everything after a hiccup.
 */
public final class Replayer {

  /**
   * The busy-wait before each frame: long enough to absorb a late wake-up from parkNanos, which on
   * a busy two-core machine was measured at a median of 120 µs late (60 frames, 20 ms apart; with
   * a 100 µs spin the median error was 19 µs, with 200 µs 4 µs).
   */
  public static final long DEFAULT_SPIN_NANOS = 200_000L;
  /** Longest single sleep, so a stop request is noticed quickly. */
  static final long MAX_SLEEP_NANOS = 50_000_000L;
  /** The start lies this far ahead, so the first frame is not late from setting up. */
  static final long LEAD_NANOS = 5_000_000L;

  private final ReplayClock clock;
  private final long spinNanos;

  /** A replayer on {@code clock} that spins the last {@code spinNanos} before each frame. */
  public Replayer(ReplayClock clock, long spinNanos) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (spinNanos < 0) {
      throw new IllegalArgumentException("spin " + spinNanos + " ns is negative");
    }
    this.spinNanos = spinNanos;
  }

  /** The real clock with the default spin. */
  public Replayer() {
    this(ReplayClock.SYSTEM, DEFAULT_SPIN_NANOS);
  }

  /** Told about each frame as it is sent (printing, tests). */
  @FunctionalInterface
  public interface SendListener {
    /** Frame {@code f} was just sent {@code lateNanos} after it was due. */
    void sent(ReplayFrame f, long dueNanos, long lateNanos);
  }

  /**
   * Sends every frame of {@code plan} to {@code nic} on {@code schedule} unless {@code stop} turns
   * true first.
   *
   * @param nic injects one frame (e.g. {@code LiveInterface::send}); an exception from it ends the
   *     replay and propagates
   */
  public ReplayResult run(ReplayPlan plan, ReplaySchedule schedule, Consumer<byte[]> nic, BooleanSupplier stop,
      SendListener listener) {
    List<ReplayFrame> frames = plan.frames();
    long[] due = schedule.dueTimes(frames);
    long[] deviation = new long[frames.size()];
    long[] numbers = new long[frames.size()];
    long start = clock.nanoTime() + LEAD_NANOS;
    int sent = 0;
    boolean cancelled = false;
    long lastSend = start;
    for (int i = 0; i < frames.size(); i++) {
      long target = start + due[i];
      if (!waitUntil(target, stop)) {
        cancelled = true;
        break;
      }
      long now = clock.nanoTime();
      ReplayFrame f = frames.get(i);
      nic.accept(f.bytes());
      lastSend = now;
      deviation[sent] = Math.abs(now - target);
      numbers[sent] = f.number();
      sent++;
      listener.sent(f, due[i], now - target);
    }
    return ReplayResult.of(sent, frames.size(), cancelled, Math.max(0, lastSend - start), deviation, numbers);
  }

  /** Sleeps then spins until {@code target}; false if {@code stop} turned true first. */
  private boolean waitUntil(long target, BooleanSupplier stop) {
    while (true) {
      if (stop.getAsBoolean()) {
        return false;
      }
      long left = target - clock.nanoTime();
      if (left <= spinNanos) {
        break;
      }
      clock.sleep(Math.min(left - spinNanos, MAX_SLEEP_NANOS));
    }
    while (clock.nanoTime() - target < 0) {
      clock.spin();
    }
    return true;
  }
}
