package org.carpsim.sim.engine;

import org.carpsim.sim.time.Durations;

/**
 * The single-threaded discrete-event loop: a virtual clock in nanoseconds and the set of pending
 * {@link Timer}s, run in (time, arming order) order.
 *
 * <p>The pending events are entries (fire time, arming sequence number, timer) in two places. Those
 * due before a horizon sit in a 4-ary min-heap of three parallel arrays ({@code times}, {@code
 * keys}, {@code timers}), where a node's four children share half a cache line in each array and
 * the smallest is chosen without branches. Those due later wait unsorted in time buckets ({@link
 * LaterEvents}), each handed to the heap when the heap runs dry: with many thousands pending the heap
 * holds a few dozen entries that stay in the cache, and an entry costs an append, one hand-over and
 * a short sift. Fewer than a few thousand pending, the heap holds them all. Order never depends on
 * the buckets: equal times share one, and the heap orders by (time, sequence), so events at the same
 * instant run in the order they were armed (FIFO).
 *
 * <p>Nothing maps timers to entries, so sifting writes nothing but the arrays along its path.
 * Instead each timer remembers its one <em>carrier</em>, the entry that stands for it, and entries
 * are corrected lazily as they reach the root. Cancelling only marks the timer disarmed (O(1)).
 * Re-arming for a later time (a backup's master-down timeout, pushed back by every advertisement)
 * only records the new deadline (O(1)): when the carrier surfaces it takes the timer on to it.
 * Re-arming for an earlier time files a new carrier (O(log n)); the old entry is dropped when it
 * surfaces. A timer that re-arms itself from its own action replaces the root: one sift. Entries
 * are only ever added by arming a new carrier, and that is when dead ones are swept out if they
 * outnumber the armed timers, so entries never much outnumber the peak of pending events.
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

  /** Dead entries tolerated beyond the number of armed timers before the heap is compacted. */
  private static final int COMPACTION_SLACK = 1024;

  private final int compactionSlack;
  /** The entries due at or after the horizon, in buckets; the heap holds those before it. */
  private final LaterEvents later;
  /** Heap entries beyond which the buckets are turned back on. */
  private final int tieredAbove;
  private long now;
  /** The next arming's sequence number: 2^63 armings would take centuries. */
  private long nextSequence;
  /** The heap of entries due before the horizon: slot i's children are 4i+1 to 4i+4. */
  private final Entries heap;
  /** Timers that will fire: the pending events. */
  private int armedCount;
  /** The timer whose action is running; its carrier stays at the root until the action returns. */
  private Timer firing;
  private boolean running;
  private boolean stopRequested;
  /** Set by {@link #repeatCurrent()}: the running timer keeps the root and its key. */
  private boolean repeat;
  private long executed;
  private long wallNanos;

  /** A scheduler at virtual time 0 with room for 64 pending events (it grows as needed). */
  public Scheduler() {
    this(64);
  }

  /** A scheduler at virtual time 0 with room for {@code initialCapacity} pending events. */
  public Scheduler(int initialCapacity) {
    this(initialCapacity, COMPACTION_SLACK, LaterEvents.THRESHOLD);
  }

  /** For tests: a small slack makes compaction frequent, a small threshold puts events in buckets. */
  Scheduler(int initialCapacity, int compactionSlack, int bucketThreshold) {
    this.compactionSlack = compactionSlack;
    this.later = new LaterEvents(bucketThreshold);
    this.tieredAbove = 2 * bucketThreshold;
    this.heap = new Entries(Math.max(4, initialCapacity));
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
    return armedCount;
  }

  /** True if no event is pending. */
  public boolean isIdle() {
    return pending() == 0;
  }

  /**
   * The time of the earliest pending event, or {@link #NEVER}. From inside an action this looks at
   * every entry (O(n)): it is for inspection, not for the event path.
   */
  public long nextEventTime() {
    if (firing == null) {
      return settleRoot() ? heap.times[0] : NEVER;
    }
    return Math.min(heap.earliestDeadline(), later.earliestDeadline());
  }

  /** Entries, dead ones included: for tests of the compaction. */
  int entries() {
    return heap.size + later.count();
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
      while (count < maxEvents && !stopRequested) {
        if (heap.size > tieredAbove && later.isOff()) {
          later.takeBack(heap); // the heap grew big: file its entries in buckets
        }
        if (!settleRoot() || heap.times[0] > limit) {
          break;
        }
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

  /**
   * Brings the heap to a state where the root, if any, is an event due at its time: drops dead
   * entries and cancelled timers' carriers, and takes postponed timers on to their deadlines.
   *
   * @return false if nothing is pending
   */
  private boolean settleRoot() {
    while (heap.size > 0 || later.refill(this)) {
      Timer timer = heap.timers[0];
      long key = heap.keys[0];
      if (timer.carrierKey != key) {
        popRoot(); // an old carrier of a timer that was re-armed earlier
      } else if (!timer.armed) {
        timer.carrierKey = Timer.NO_CARRIER; // cancelled
        popRoot();
      } else if (timer.key != key) {
        timer.carrierKey = timer.key; // postponed: its carrier takes it to its deadline
        timer.carrierTime = timer.deadline;
        if (timer.deadline < later.horizon()) {
          siftDown(0, timer.deadline, timer.key, timer);
        } else {
          popRoot();
          later.add(timer.deadline, timer.key, timer);
        }
      } else {
        return true;
      }
    }
    return false;
  }

  private void fireRoot() {
    Timer timer = heap.timers[0];
    now = heap.times[0];
    firing = timer;
    timer.armed = false;
    armedCount--;
    if (timer.group != null) {
      timer.group.unlink(timer);
    }
    try {
      timer.action.run();
    } finally {
      if (firing == timer) { // not re-armed by its own action
        firing = null;
        if (repeat && timer.alive()) {
          timer.armed = true; // it stays at the root with its key
          armedCount++;
          if (timer.group != null) {
            timer.group.link(timer);
          }
        } else {
          timer.carrierKey = Timer.NO_CARRIER;
          popRoot();
        }
      }
      repeat = false;
    }
  }

  // ---------------------------------------------------------------- arming

  void arm(Timer timer, long at) {
    if (at < now) {
      throw inThePast(at);
    }
    if (!timer.alive()) {
      long held = timer.heldUntil();
      if (held < 0) {
        return; // a timer of a crashed owner: stale requests are ignored
      }
      at = Math.max(at, held); // a paused owner: nothing fires before it resumes
    }
    long key = nextSequence++;
    if (!timer.armed) {
      timer.armed = true;
      armedCount++;
      if (timer.group != null) {
        timer.group.link(timer);
      }
    }
    timer.deadline = at;
    timer.key = key;
    if (timer == firing) {
      firing = null; // it re-arms itself: its carrier at the root moves
      timer.carrierKey = key;
      timer.carrierTime = at;
      if (at < later.horizon()) {
        siftDown(0, at, key, timer);
      } else {
        popRoot();
        later.add(at, key, timer);
      }
      return;
    }
    if (timer.carrierKey != Timer.NO_CARRIER && at >= timer.carrierTime) {
      return; // postponed: the carrier, due earlier, takes it on when it reaches the root
    }
    // No carrier, or one due too late: a new carrier (the old one is dropped when it surfaces).
    compactIfMostlyDead();
    timer.carrierKey = key;
    timer.carrierTime = at;
    if (at >= later.horizon()) {
      later.add(at, key, timer);
      return;
    }
    if (heap.size == heap.times.length) {
      heap.grow();
    }
    siftUp(heap.size++, at, key, timer);
  }

  /** Out of {@link #arm}, which stays small enough for the JIT to inline into every arming. */
  private IllegalArgumentException inThePast(long at) {
    return new IllegalArgumentException("cannot schedule at " + Durations.format(at) + " (" + at
        + "ns): the clock is already at " + Durations.format(now));
  }

  boolean cancel(Timer timer) {
    if (!timer.armed) {
      return false; // not armed, or its action is running
    }
    timer.armed = false; // its carrier is dropped when it reaches the root
    armedCount--;
    if (timer.group != null) {
      timer.group.unlink(timer);
    }
    return true;
  }

  // ---------------------------------------------------------------- the heap

  private void popRoot() {
    int last = --heap.size;
    Timer timer = heap.timers[last];
    heap.timers[last] = null; // let dead timers (and what their actions hold) be collected
    if (last > 0) {
      siftDown(0, heap.times[last], heap.keys[last], timer);
    }
  }

  /** True if the heap holds an entry, for the buckets' refill. */
  boolean pendingInHeap() {
    return heap.size > 0;
  }

  /** Gives the empty heap the live entries of a bucket, and builds it. */
  void takeLive(Entries bucket) {
    heap.addLive(bucket);
    heapify();
  }

  /**
   * Drops every dead entry when they outnumber the armed timers (plus some slack), and rebuilds
   * the heap bottom-up: O(n) once per n dead entries, so entries never much outnumber the peak of
   * pending events. The running timer's carrier is the root, the smallest entry, and stays the root.
   */
  private void compactIfMostlyDead() {
    if (heap.size + later.count() - armedCount <= armedCount + compactionSlack) {
      return;
    }
    later.dropDead();
    heap.dropDead(firing);
    heapify();
  }

  private void heapify() {
    for (int i = (heap.size - 2) >>> 2; heap.size > 1 && i >= 0; i--) {
      siftDown(i, heap.times[i], heap.keys[i], heap.timers[i]);
    }
  }

  private void siftUp(int i, long time, long key, Timer timer) {
    long[] t = heap.times;
    long[] k = heap.keys;
    Timer[] r = heap.timers;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long parentTime = t[parent];
      if (parentTime < time || (parentTime == time && k[parent] < key)) {
        break;
      }
      t[i] = parentTime;
      k[i] = k[parent];
      r[i] = r[parent];
      i = parent;
    }
    t[i] = time;
    k[i] = key;
    r[i] = timer;
  }

  private void siftDown(int i, long time, long key, Timer timer) {
    long[] t = heap.times;
    long[] k = heap.keys;
    Timer[] r = heap.timers;
    int n = heap.size;
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
      r[i] = r[min];
      i = min;
    }
    t[i] = time;
    k[i] = key;
    r[i] = timer;
  }
}
