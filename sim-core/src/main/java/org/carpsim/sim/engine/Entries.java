package org.carpsim.sim.engine;

import java.util.Arrays;

/**
 * A growable list of scheduler entries, each a fire time, an arming sequence number and the timer
 * it stands for, in three parallel arrays: the scheduler's heap, each time bucket and the overflow.
 * An entry is live while it is its timer's carrier and the timer is armed; the others are dropped
 * when met.
 */
final class Entries {

  long[] times;
  long[] keys;
  Timer[] timers;
  int size;

  Entries(int capacity) {
    times = new long[capacity];
    keys = new long[capacity];
    timers = new Timer[capacity];
  }

  void add(long time, long key, Timer timer) {
    if (size == times.length) {
      grow();
    }
    times[size] = time;
    keys[size] = key;
    timers[size] = timer;
    size++;
  }

  /** Room for one more entry. */
  void grow() {
    int capacity = times.length * 2;
    if (capacity < 0) {
      throw new IllegalStateException("too many pending events (" + size + ")");
    }
    times = Arrays.copyOf(times, capacity);
    keys = Arrays.copyOf(keys, capacity);
    timers = Arrays.copyOf(timers, capacity);
  }

  /** Appends the live entries of {@code other}. */
  void addLive(Entries other) {
    for (int i = 0; i < other.size; i++) {
      if (isLive(other.keys[i], other.timers[i])) {
        add(other.times[i], other.keys[i], other.timers[i]);
      }
    }
  }

  void clear() {
    Arrays.fill(timers, 0, size, null); // dead timers, and what their actions hold, can go
    size = 0;
  }

  /**
   * Keeps the live entries, in their order, and the carrier of {@code running} (the timer whose
   * action runs: disarmed, yet its carrier stays).
   *
   * @return how many are left
   */
  int dropDead(Timer running) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      Timer timer = timers[i];
      if (timer == running ? timer.carrierKey == keys[i] : isLive(keys[i], timer)) {
        times[kept] = times[i];
        keys[kept] = keys[i];
        timers[kept] = timer;
        kept++;
      }
    }
    Arrays.fill(timers, kept, size, null);
    size = kept;
    return kept;
  }

  /** The earliest deadline of the armed timers carried here, or NEVER: for inspection only. */
  long earliestDeadline() {
    long best = Scheduler.NEVER;
    for (int i = 0; i < size; i++) {
      Timer timer = timers[i];
      if (timer.carrierKey == keys[i] && timer.armed) {
        best = Math.min(best, timer.deadline);
      }
    }
    return best;
  }

  /**
   * True if the entry is its timer's carrier and the timer is armed. A cancelled timer's carrier
   * is not, and the timer is told it has none: the caller drops the entry.
   */
  static boolean isLive(long key, Timer timer) {
    if (timer.carrierKey != key) {
      return false;
    }
    if (!timer.armed) {
      timer.carrierKey = Timer.NO_CARRIER;
      return false;
    }
    return true;
  }
}
