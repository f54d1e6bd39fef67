package org.carpsim.conformance.tester;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The wall clock of a live run. {@link #await} re-tests its condition whenever {@link #signal()}
 * says something changed (a frame was captured), so a wait ends as soon as the frame is in.
 */
public final class RealClock implements Clock {

  private static final long MS = 1_000_000L;
  private final Object monitor = new Object();

  @Override
  public long nowNanos() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public void sleepUntil(long epochNanos) throws InterruptedException {
    long left = epochNanos - nowNanos();
    if (left > 0) {
      Thread.sleep(left / MS, (int) (left % MS));
    }
  }

  @Override
  public boolean await(BooleanSupplier condition, long deadlineEpochNanos) throws InterruptedException {
    synchronized (monitor) {
      while (!condition.getAsBoolean()) {
        long left = deadlineEpochNanos - nowNanos();
        if (left <= 0) {
          return false;
        }
        monitor.wait(Math.max(1, left / MS));
      }
      return true;
    }
  }

  /** Wakes every {@link #await} to test its condition again. Never call it holding a lock a condition takes. */
  public void signal() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }
}
