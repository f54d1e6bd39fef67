package org.carpsim.conformance.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * A clock for the replayer that only moves when asked: a sleep wakes {@code oversleepNanos} late
 * (as parkNanos does), one spin turn costs {@code spinCostNanos}, and reading the time is free.
 */
final class FakeClock implements ReplayClock {

  private final long oversleepNanos;
  private final long spinCostNanos;
  private long now = 1_000_000_000_000L;
  final List<Long> sleeps = new ArrayList<>();
  int spins;

  FakeClock(long oversleepNanos, long spinCostNanos) {
    this.oversleepNanos = oversleepNanos;
    this.spinCostNanos = spinCostNanos;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleep(long nanos) {
    sleeps.add(nanos);
    now += nanos + oversleepNanos;
  }

  @Override
  public void spin() {
    spins++;
    now += spinCostNanos;
  }

  void advance(long nanos) {
    now += nanos;
  }
}
