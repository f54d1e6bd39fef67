package org.carpsim.conformance.tester;

import java.util.function.BooleanSupplier;

/**
 * The tester's time: the wall clock for a live run ({@link RealClock}), or a simulated world's
 * virtual clock, whose waits run the world forward. The catalogue waits only through here, so one
 * case's code runs unchanged in both worlds.
 */
public interface Clock {

  /** Now, in nanoseconds since the Unix epoch (virtual in a simulation). */
  long nowNanos();

  /** Returns at {@code epochNanos} (at once if it has passed). */
  void sleepUntil(long epochNanos) throws InterruptedException;

  /** Returns after {@code nanos}. */
  default void sleep(long nanos) throws InterruptedException {
    sleepUntil(nowNanos() + nanos);
  }

  /**
   * Returns as soon as {@code condition} holds, or at {@code deadlineEpochNanos}.
   *
   * @return whether the condition held
   */
  boolean await(BooleanSupplier condition, long deadlineEpochNanos) throws InterruptedException;
}
