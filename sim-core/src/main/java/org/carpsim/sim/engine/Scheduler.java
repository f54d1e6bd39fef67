package org.carpsim.sim.engine;

import java.util.Arrays;
import org.carpsim.sim.time.Durations;

/**
 * The single-threaded discrete-event loop: a virtual clock in nanoseconds and the set of pending
 * {@link Timer}s, run in (time, arming order) order.
 *
 * <p>The pending set is an indexed 4-ary min-heap in primitive arrays: {@code times[i]}, the fire
 * time of heap slot i, and {@code keys[i]}, an arming sequence number packed with a small id that
 * an armed timer holds (ids are recycled when timers fire or are cancelled). A compact {@code
 * int[]} maps ids to heap slots, so arming, re-arming and cancelling are O(log n), allocate
 * nothing, and never touch timer objects while sifting. The sequence number makes events at the
 * same instant run in the order they were armed (FIFO). A node's four children share half a cache
 * line in each array, and the smallest is chosen without branches. A timer that re-arms itself
 * from its own action costs one sift, not a removal plus an insertion.
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

  /** Low bits of a key: the id of the armed timer. */
  static final int ID_BITS = 26;
  private static final long ID_MASK = (1L << ID_BITS) - 1;
  /** High bits of a key: the arming sequence number, renumbered before it would outgrow them. */
  private static final long SEQUENCE_LIMIT = 1L << (63 - ID_BITS);

  private final long sequenceLimit;
  private long now;
  private long nextSequence;
  /** Fire time of each heap slot. */
  private long[] times;
  /** sequence << ID_BITS | id of each heap slot. */
  private long[] keys;
  private int size;
  /** Heap slot of each armed timer id. */
  private int[] slotOfId;
  /** The timer holding each id (null for free ids). */
  private Timer[] timerOfId;
  private int[] freeIds;
  private int freeCount;
  private int idsUsed;
  /** The timer whose action is running; it still occupies slot 0 until the action returns. */
  Timer firing;
  private boolean running;
  private boolean stopRequested;
  /** Set by {@link #repeatCurrent()}: the running timer keeps slot 0 and its key. */
  private boolean repeat;
  private long executed;
  private long wallNanos;

  /** A scheduler at virtual time 0 with room for 64 pending events (it grows as needed). */
  public Scheduler() {
    this(64);
  }

  /** A scheduler at virtual time 0 with room for {@code initialCapacity} pending events. */
  public Scheduler(int initialCapacity) {
    this(initialCapacity, SEQUENCE_LIMIT);
  }

  /** For tests: a small sequence limit exercises renumbering. */
  Scheduler(int initialCapacity, long sequenceLimit) {
    int capacity = Math.max(4, initialCapacity);
    times = new long[capacity];
    keys = new long[capacity];
    slotOfId = new int[capacity];
    timerOfId = new Timer[capacity];
    freeIds = new int[capacity];
    this.sequenceLimit = Math.min(sequenceLimit, SEQUENCE_LIMIT);
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

  /**
   * True once {@link #stop()} was called during the current run. An event that does several
   * things in a row (a frame reaching every NIC of a hub) checks it between them, and if it is set
   * ends early with {@link #repeatCurrent()}.
   */
  public boolean stopRequested() {
    return stopRequested;
  }

  /**
   * Called from inside a running event: once it returns, the event stays pending at the same
   * instant and in the same place in the order (before anything armed since), so it runs again
   * first. The timer must not have been re-armed or cancelled by its action. An event that does
   * several things in a row uses this to honour {@link #stop()} between them.
   *
   * @throws IllegalStateException if no event is running
   */
  public void repeatCurrent() {
    if (firing == null) {
      throw new IllegalStateException("repeatCurrent() is for a running event that did not re-arm itself");
    }
    repeat = true;
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
      return size == 0 ? NEVER : times[0];
    }
    long best = NEVER; // slot 0 is the running timer: the next event is its earliest child
    for (int child = 1; child <= 4 && child < size; child++) {
      best = Math.min(best, times[child]);
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
      while (count < maxEvents && size > 0 && !stopRequested && times[0] <= limit) {
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
    Timer timer = timerOfId[(int) (keys[0] & ID_MASK)];
    now = times[0];
    firing = timer;
    if (timer.group != null) {
      timer.group.unlink(timer);
    }
    try {
      timer.action.run();
    } finally {
      if (firing == timer) { // not re-armed by its own action: take it out now
        firing = null;
        if (repeat && timer.alive()) {
          repeat = false; // it stays at the root with its key
          if (timer.group != null) {
            timer.group.link(timer);
          }
        } else {
          repeat = false;
          removeAt(0);
        }
      } else {
        repeat = false;
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
    if (nextSequence >= sequenceLimit) {
      renumber();
    }
    long sequence = nextSequence++;
    int id = timer.id;
    if (timer == firing) {
      firing = null; // it re-arms itself: reuse slot 0
      siftDown(0, at, sequence << ID_BITS | id);
      if (timer.group != null) {
        timer.group.link(timer);
      }
      return;
    }
    if (id >= 0) {
      int slot = slotOfId[id];
      long key = sequence << ID_BITS | id;
      if (at < times[slot]) {
        siftUp(slot, at, key);
      } else {
        siftDown(slot, at, key); // same time: a newer sequence is a larger key
      }
      return;
    }
    if (size == slotOfId.length) {
      grow();
    }
    id = freeCount > 0 ? freeIds[--freeCount] : idsUsed++;
    timer.id = id;
    timerOfId[id] = timer;
    siftUp(size++, at, sequence << ID_BITS | id);
    if (timer.group != null) {
      timer.group.link(timer);
    }
  }

  boolean cancel(Timer timer) {
    if (timer.id < 0 || timer == firing) {
      return false;
    }
    removeAt(slotOfId[timer.id]);
    if (timer.group != null) {
      timer.group.unlink(timer);
    }
    return true;
  }

  long deadlineOf(Timer timer) {
    return times[slotOfId[timer.id]];
  }

  // ---------------------------------------------------------------- the heap

  private void removeAt(int i) {
    int id = (int) (keys[i] & ID_MASK);
    timerOfId[id].id = -1;
    timerOfId[id] = null;
    freeIds[freeCount++] = id;
    int last = --size;
    if (i == last) {
      return;
    }
    long time = times[last];
    long key = keys[last];
    if (i > 0) {
      int parent = (i - 1) >>> 2;
      long parentTime = times[parent];
      if (time < parentTime || (time == parentTime && key < keys[parent])) {
        siftUp(i, time, key);
        return;
      }
    }
    siftDown(i, time, key);
  }

  private void siftUp(int i, long time, long key) {
    long[] t = times;
    long[] k = keys;
    int[] slots = slotOfId;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long parentTime = t[parent];
      if (parentTime < time || (parentTime == time && k[parent] < key)) {
        break;
      }
      long parentKey = k[parent];
      t[i] = parentTime;
      k[i] = parentKey;
      slots[(int) (parentKey & ID_MASK)] = i;
      i = parent;
    }
    t[i] = time;
    k[i] = key;
    slots[(int) (key & ID_MASK)] = i;
  }

  private void siftDown(int i, long time, long key) {
    long[] t = times;
    long[] k = keys;
    int[] slots = slotOfId;
    int n = size;
    while (true) {
      int first = (i << 2) + 1;
      int min;
      long minTime;
      long minKey;
      if (first + 3 < n) {
        // All four children exist (the common case): a branch-free tournament, since which child
        // is smallest is a coin toss that a branch predictor would lose three times a level.
        // m is all ones when (time, key) of the first is below the second's: the keys' borrow
        // breaks equal times in arming order. Times and keys are never negative, so none of the
        // differences can overflow.
        long t0 = t[first];
        long t1 = t[first + 1];
        long t2 = t[first + 2];
        long t3 = t[first + 3];
        long k0 = k[first];
        long k1 = k[first + 1];
        long k2 = k[first + 2];
        long k3 = k[first + 3];
        long m = ((t1 - t0) - ((k1 - k0) >>> 63)) >> 63;
        long ta = t0 ^ ((t0 ^ t1) & m);
        long ka = k0 ^ ((k0 ^ k1) & m);
        int ia = first + (int) (m & 1);
        m = ((t3 - t2) - ((k3 - k2) >>> 63)) >> 63;
        long tb = t2 ^ ((t2 ^ t3) & m);
        long kb = k2 ^ ((k2 ^ k3) & m);
        int ib = first + 2 + (int) (m & 1);
        m = ((tb - ta) - ((kb - ka) >>> 63)) >> 63;
        minTime = ta ^ ((ta ^ tb) & m);
        minKey = ka ^ ((ka ^ kb) & m);
        min = ia ^ ((ia ^ ib) & (int) m);
      } else if (first < n) {
        min = first;
        minTime = t[first];
        minKey = k[first];
        for (int c = first + 1; c < n; c++) {
          long childTime = t[c];
          if (childTime < minTime || (childTime == minTime && k[c] < minKey)) {
            min = c;
            minTime = childTime;
            minKey = k[c];
          }
        }
      } else {
        break;
      }
      if (time < minTime || (time == minTime && key < minKey)) {
        break;
      }
      t[i] = minTime;
      k[i] = minKey;
      slots[(int) (minKey & ID_MASK)] = i;
      i = min;
    }
    t[i] = time;
    k[i] = key;
    slots[(int) (key & ID_MASK)] = i;
  }

  /**
   * Gives the pending events new sequence numbers 0..size-1 in their current order, when the
   * numbers would no longer fit beside the ids (after about 10^11 armings). The order of every pair
   * is kept, so the heap stays valid as it is.
   */
  private void renumber() {
    long[] order = new long[size];
    System.arraycopy(keys, 0, order, 0, size);
    java.util.Arrays.sort(order); // by sequence, since it sits in the high bits
    for (int rank = 0; rank < size; rank++) {
      int id = (int) (order[rank] & ID_MASK);
      keys[slotOfId[id]] = (long) rank << ID_BITS | id;
    }
    nextSequence = size;
  }

  private void grow() {
    int capacity = slotOfId.length * 2;
    if (capacity > (1 << ID_BITS) || capacity < 0) {
      throw new IllegalStateException("too many pending events (" + size + "); the limit is " + (1 << ID_BITS));
    }
    times = Arrays.copyOf(times, capacity);
    keys = Arrays.copyOf(keys, capacity);
    slotOfId = Arrays.copyOf(slotOfId, capacity);
    timerOfId = Arrays.copyOf(timerOfId, capacity);
    freeIds = Arrays.copyOf(freeIds, capacity);
  }

}
