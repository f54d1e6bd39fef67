package org.carpsim.conformance.simulate;

import java.util.function.BooleanSupplier;
import org.carpsim.conformance.tester.Clock;
import org.carpsim.sim.net.World;

/**
 * A simulated world's virtual clock as the tester's {@link Clock}: a sleep runs the world up to its
 * end, and a wait runs it one event instant at a time until the condition holds, so a case's
 * sequential code drives the simulation exactly where a live run would block.
 */
public final class SimClock implements Clock {

  /** Virtual time 0 on the tester's epoch clock (2026-01-01T00:00:00Z), so captures carry plausible dates. */
  public static final long EPOCH_NANOS = 1_767_225_600L * 1_000_000_000L;

  private final World world;

  public SimClock(World world) {
    this.world = world;
  }

  @Override
  public long nowNanos() {
    return EPOCH_NANOS + world.now();
  }

  @Override
  public void sleepUntil(long epochNanos) {
    long instant = epochNanos - EPOCH_NANOS;
    if (instant > world.now()) {
      world.runUntil(instant);
    }
  }

  @Override
  public boolean await(BooleanSupplier condition, long deadlineEpochNanos) {
    long end = deadlineEpochNanos - EPOCH_NANOS;
    while (!condition.getAsBoolean()) {
      if (world.now() >= end) {
        return false;
      }
      // every event at the next instant runs, then the condition is tested again
      world.runUntil(Math.min(world.scheduler().nextEventTime(), end));
    }
    return true;
  }
}
