package org.carpsim.sim.engine;

import java.util.Arrays;
import org.carpsim.sim.time.Durations;

/**
 * The single-threaded discrete-event loop: a virtual clock in nanoseconds and the set of pending
 * {@link Timer}s, run in (time, arming order) order.
 *
 * <p>The pending set is an indexed 4-ary min-heap kept in parallel arrays: the keys (time and a
 * sequence number, interleaved in one {@code long[]} so that a node's four children share one or
 * two cache lines) and the timers, each of which knows its own slot. Arming, re-arming and
 * cancelling are O(log n) and allocate nothing; the sequence number makes events at the same
 * instant run in the order they were armed (FIFO). A timer that re-arms itself from its own
 * action costs one sift, not a removal plus an insertion.
 *
 * <pre>{@code
 * Scheduler scheduler = new Scheduler();
 * scheduler.schedule(Durations.parse("1.5s"), () -> System.out.println("at " + scheduler.now()));
 * scheduler.runUntil(Durations.parse("10s"));   // the clock is now at 10s
 * EngineStats stats = scheduler.stats();
 * }</pre>
 *
 * <p>Not thread-safe: one scheduler belongs to one thread, and its actions run on that thread.
 */
public final class Scheduler {

  /** The time of "no next event". */
  public static final long NEVER = Long.MAX_VALUE;

  private long now;
  private long nextSequence;
  /** keys[2i] = fire time of slot i, keys[2i + 1] = its sequence number. */
  private long[] keys;
  private Timer[] timers;
  private int size;
  /** The timer whose action is running; it still occupies slot 0 until the action returns. */
  Timer firing;
  private boolean running;
  private boolean stopRequested;
  private long executed;
  private long wallNanos;

  /** A scheduler at virtual time 0 with room for 64 pending events (it grows as needed). */
  public Scheduler() {
    this(64);
  }

  /** A scheduler at virtual time 0 with room for {@code initialCapacity} pending events. */
  public Scheduler(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    keys = new long[2 * capacity];
    timers = new Timer[capacity];
  }

  /** The current virtual time in nanoseconds. */
  public long now() {
    return now;
  }

  /** A new, disarmed, free-standing timer that runs {@code action} each time it fires. */
  public Timer newTimer(Runnable action) {
    return new Timer(this, action, null, 0);
  }

  /** A new group of timers for one owner (a host), which can be killed all at once. */
  public TimerGroup newGroup(String ownerName) {
    return new TimerGroup(this, ownerName);
  }

  /**
   * Runs {@code action} once at {@code instant}.
   *
   * @return the armed one-shot timer, which can be cancelled or moved
   * @throws IllegalArgumentException if {@code instant} is in the past
   */
  public Timer schedule(long instant, Runnable action) {
    Timer timer = newTimer(action);
    timer.armAt(instant);
    return timer;
  }

  /**
   * Runs {@code action} once, {@code delay} nanoseconds from now.
   *
   * @return the armed one-shot timer
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public Timer scheduleAfter(long delay, Runnable action) {
    Timer timer = newTimer(action);
    timer.armAfter(delay);
    return timer;
  }

  /**
   * Runs the earliest pending event, advancing the clock to its time.
   *
   * @return false if there was nothing to run
   */
  public boolean step() {
    return run(NEVER, 1) == 1;
  }

  /**
   * Runs up to {@code maxEvents} events in order, or fewer if the queue empties or {@link #stop()}
   * is called.
   *
   * @return the number of events run
   */
  public long runEvents(long maxEvents) {
    return run(NEVER, maxEvents);
  }

  /**
   * Runs every event due at or before {@code instant}, then sets the clock to {@code instant}
   * (unless {@link #stop()} ended the run early, in which case the clock stays at the last event).
   * Events armed during the run for times up to {@code instant} run too.
   *
   * @return the number of events run
   * @throws IllegalArgumentException if {@code instant} is before now
   */
  public long runUntil(long instant) {
    if (instant < now) {
      throw new IllegalArgumentException(
          "cannot run until " + Durations.format(instant) + ": the clock is already at " + Durations.format(now));
    }
    long count = run(instant, Long.MAX_VALUE);
    if (!stopRequested) {
      now = instant;
    }
    return count;
  }

  /** Runs for {@code duration} nanoseconds of virtual time: {@code runUntil(now() + duration)}. */
  public long runFor(long duration) {
    if (duration < 0) {
      throw new IllegalArgumentException("cannot run for a negative duration (" + duration + "ns)");
    }
    long until = now + duration;
    return runUntil(until < now ? NEVER : until);
  }

  /**
   * Runs until no event is pending (or {@link #stop()}); the clock stays at the last event's time.
   *
   * @return the number of events run
   */
  public long runUntilIdle() {
    return run(NEVER, Long.MAX_VALUE);
  }

  /** Ends the current run after the running event returns; the next run call starts afresh. */
  public void stop() {
    stopRequested = true;
  }

  /** The number of armed events (the running one, unless it re-armed itself, is not counted). */
  public int pending() {
    return firing == null ? size : size - 1;
  }

  /** True if no event is pending. */
  public boolean isIdle() {
    return pending() == 0;
  }

  /** The time of the earliest pending event, or {@link #NEVER}. */
  public long nextEventTime() {
    if (firing == null) {
      return size == 0 ? NEVER : keys[0];
    }
    long best = NEVER; // slot 0 is the running timer: the next event is its earliest child
    for (int child = 1; child <= 4 && child < size; child++) {
      best = Math.min(best, keys[2 * child]);
    }
    return best;
  }

  /** The number of events run so far. */
  public long eventsExecuted() {
    return executed;
  }

  /** A snapshot of events run, pending, virtual time, wall time and the rates derived from them. */
  public EngineStats stats() {
    return new EngineStats(executed, pending(), now, wallNanos);
  }

  @Override
  public String toString() {
    return "Scheduler[" + stats() + "]";
  }

  // ---------------------------------------------------------------- the loop

  private long run(long limit, long maxEvents) {
    if (running) {
      throw new IllegalStateException("the scheduler is already running (a run method was called from inside an event)");
    }
    running = true;
    stopRequested = false;
    long start = System.nanoTime();
    long count = 0;
    try {
      while (count < maxEvents && size > 0 && !stopRequested && keys[0] <= limit) {
        count++;
        fireRoot();
      }
    } finally {
      executed += count;
      wallNanos += System.nanoTime() - start;
      running = false;
    }
    return count;
  }

  private void fireRoot() {
    Timer timer = timers[0];
    now = keys[0];
    firing = timer;
    if (timer.group != null) {
      timer.group.unlink(timer);
    }
    try {
      timer.action.run();
    } finally {
      if (firing == timer) { // not re-armed by its own action: take it out now
        firing = null;
        removeAt(0);
      }
    }
  }

  // ---------------------------------------------------------------- arming

  void arm(Timer timer, long at) {
    if (at < now) {
      throw new IllegalArgumentException(
          "cannot schedule at " + Durations.format(at) + " (" + at + "ns): the clock is already at "
              + Durations.format(now));
    }
    if (!timer.alive()) {
      return; // a timer of a crashed owner: stale requests are ignored
    }
    long sequence = nextSequence++;
    if (timer == firing) {
      firing = null; // it re-arms itself: reuse slot 0
      siftDown(0, at, sequence, timer);
      if (timer.group != null) {
        timer.group.link(timer);
      }
      return;
    }
    int slot = timer.slot;
    if (slot >= 0) {
      if (at < keys[2 * slot]) {
        siftUp(slot, at, sequence, timer);
      } else {
        siftDown(slot, at, sequence, timer); // same time: a newer sequence is a larger key
      }
      return;
    }
    if (size == timers.length) {
      grow();
    }
    siftUp(size++, at, sequence, timer);
    if (timer.group != null) {
      timer.group.link(timer);
    }
  }

  boolean cancel(Timer timer) {
    if (timer.slot < 0 || timer == firing) {
      return false;
    }
    removeAt(timer.slot);
    if (timer.group != null) {
      timer.group.unlink(timer);
    }
    return true;
  }

  long keyTime(int slot) {
    return keys[2 * slot];
  }

  // ---------------------------------------------------------------- the heap

  private void removeAt(int i) {
    Timer removed = timers[i];
    removed.slot = -1;
    int last = --size;
    if (i == last) {
      timers[last] = null;
      return;
    }
    long time = keys[2 * last];
    long sequence = keys[2 * last + 1];
    Timer moved = timers[last];
    timers[last] = null;
    if (i > 0) {
      int parent = (i - 1) >>> 2;
      long parentTime = keys[2 * parent];
      if (time < parentTime || (time == parentTime && sequence < keys[2 * parent + 1])) {
        siftUp(i, time, sequence, moved);
        return;
      }
    }
    siftDown(i, time, sequence, moved);
  }

  private void siftUp(int i, long time, long sequence, Timer timer) {
    long[] k = keys;
    Timer[] t = timers;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long parentTime = k[2 * parent];
      if (parentTime < time || (parentTime == time && k[2 * parent + 1] < sequence)) {
        break;
      }
      k[2 * i] = parentTime;
      k[2 * i + 1] = k[2 * parent + 1];
      Timer up = t[parent];
      t[i] = up;
      up.slot = i;
      i = parent;
    }
    k[2 * i] = time;
    k[2 * i + 1] = sequence;
    t[i] = timer;
    timer.slot = i;
  }

  private void siftDown(int i, long time, long sequence, Timer timer) {
    long[] k = keys;
    Timer[] t = timers;
    int n = size;
    while (true) {
      int first = (i << 2) + 1;
      int min;
      long minTime;
      long minSequence;
      if (first + 3 < n) {
        // All four children exist (the common case): a branch-free tournament, since which child
        // is smallest is a coin toss that a branch predictor would lose three times per level.
        int b = 2 * first;
        long t0 = k[b];
        long s0 = k[b + 1];
        long t1 = k[b + 2];
        long s1 = k[b + 3];
        long t2 = k[b + 4];
        long s2 = k[b + 5];
        long t3 = k[b + 6];
        long s3 = k[b + 7];
        long m = before(t1, s1, t0, s0);
        long ta = t0 ^ ((t0 ^ t1) & m);
        long sa = s0 ^ ((s0 ^ s1) & m);
        int ia = first + (int) (m & 1);
        m = before(t3, s3, t2, s2);
        long tb = t2 ^ ((t2 ^ t3) & m);
        long sb = s2 ^ ((s2 ^ s3) & m);
        int ib = first + 2 + (int) (m & 1);
        m = before(tb, sb, ta, sa);
        minTime = ta ^ ((ta ^ tb) & m);
        minSequence = sa ^ ((sa ^ sb) & m);
        min = ia ^ ((ia ^ ib) & (int) m);
      } else if (first < n) {
        min = first;
        minTime = k[2 * first];
        minSequence = k[2 * first + 1];
        for (int c = first + 1; c < n; c++) {
          long childTime = k[2 * c];
          if (childTime < minTime || (childTime == minTime && k[2 * c + 1] < minSequence)) {
            min = c;
            minTime = childTime;
            minSequence = k[2 * c + 1];
          }
        }
      } else {
        break;
      }
      if (time < minTime || (time == minTime && sequence < minSequence)) {
        break;
      }
      k[2 * i] = minTime;
      k[2 * i + 1] = minSequence;
      Timer up = t[min];
      t[i] = up;
      up.slot = i;
      i = min;
    }
    k[2 * i] = time;
    k[2 * i + 1] = sequence;
    t[i] = timer;
    timer.slot = i;
  }

  /**
   * All ones if (time a, sequence a) comes before (time b, sequence b), else zero, without a
   * branch. Times and sequence numbers are never negative, so the differences cannot overflow.
   */
  private static long before(long timeA, long sequenceA, long timeB, long sequenceB) {
    long d = timeA - timeB;
    long equal = ~((d | -d) >> 63);
    return (d >> 63) | (equal & ((sequenceA - sequenceB) >> 63));
  }

  private void grow() {
    int capacity = timers.length * 2;
    if (capacity < 0 || capacity > Integer.MAX_VALUE / 2 - 8) {
      throw new IllegalStateException("too many pending events (" + size + ")");
    }
    timers = Arrays.copyOf(timers, capacity);
    keys = Arrays.copyOf(keys, 2 * capacity);
  }
}
