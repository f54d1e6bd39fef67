package org.carpsim.sim.engine;

import org.carpsim.sim.time.Durations;

/**
 * A snapshot of the engine's work, in the spirit of OMNeT++'s status line.
 *
 * @param eventsExecuted events run so far
 * @param eventsPending events armed and not yet run
 * @param virtualNanos virtual time reached (the clock starts at 0)
 * @param wallNanos wall-clock time spent inside the scheduler's run methods
 */
public record EngineStats(long eventsExecuted, int eventsPending, long virtualNanos, long wallNanos) {

  /** Events run per wall-clock second; 0 before any wall time was spent. */
  public double eventsPerSecond() {
    return wallNanos == 0 ? 0 : eventsExecuted * 1e9 / wallNanos;
  }

  /** Simulated seconds per wall-clock second; 0 before any wall time was spent. */
  public double simulatedSecondsPerWallSecond() {
    return wallNanos == 0 ? 0 : virtualNanos / (double) wallNanos;
  }

  /** Wall-clock time spent running, in milliseconds. */
  public double wallMillis() {
    return wallNanos / 1e6;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "events=%d pending=%d t=%s wall=%.3fms ev/s=%.0f simsec/s=%.1f",
        eventsExecuted,
        eventsPending,
        Durations.format(virtualNanos),
        wallMillis(),
        eventsPerSecond(),
        simulatedSecondsPerWallSecond());
  }
}
