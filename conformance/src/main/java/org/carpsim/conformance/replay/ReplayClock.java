package org.carpsim.conformance.replay;

import java.util.concurrent.locks.LockSupport;

/** The replayer's time source and sleeper; a test gives it a fake one. */
public interface ReplayClock {

  /** A monotonic time in nanoseconds (only differences mean anything). */
  long nanoTime();

  /** Sleeps about {@code nanos} (may return early or late: the replayer re-checks the time). */
  void sleep(long nanos);

  /** One turn of a busy wait. */
  default void spin() {
    Thread.onSpinWait();
  }

  /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
  ReplayClock SYSTEM = new ReplayClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long nanos) {
      LockSupport.parkNanos(nanos);
    }

    @Override
    public String toString() {
      return "ReplayClock.SYSTEM";
    }
  };
}
