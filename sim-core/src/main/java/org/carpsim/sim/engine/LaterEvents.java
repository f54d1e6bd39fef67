package org.carpsim.sim.engine;

import java.util.Arrays;

/**
 * The scheduler's entries due at or after its horizon, kept unsorted in buckets of equal width in
 * time (a calendar queue's year), so that its heap holds only the next bucket's worth: a few dozen
 * entries that stay in the cache, however many events are pending.
 *
 * <p>An entry is filed once when armed (an append), handed over once with its bucket when the
 * heap runs dry, and sifted only in the small heap. Entries later than the last bucket wait in an
 * overflow; when every bucket has been handed over, the overflow is spread into new buckets sized
 * to it (a round). With fewer entries than the threshold a round hands the overflow to the heap
 * whole and files nothing any more (the horizon goes to {@link Scheduler#NEVER}): a small heap
 * needs no buckets. The scheduler turns the buckets back on when its heap outgrows twice the
 * threshold.
 *
 * <p>Events at equal times always share a bucket, and the heap orders them by arming sequence, so
 * the order of events is exactly the heap's (time, sequence) order.
 */
final class LaterEvents {

  /** Fewest entries a round puts in buckets; below it the heap alone is faster. */
  static final int THRESHOLD = 4096;
  /** Entries per bucket a round aims at: a heap of this size sifts in the L1 cache. */
  private static final int PER_BUCKET = 64;
  private static final int MAX_BUCKETS = 4096;

  private final int threshold;
  private Entries[] buckets = new Entries[0];
  private final Entries overflow = new Entries(16);
  private int bucketCount;
  /** log2 of the buckets' width in nanoseconds. */
  private int shift;
  /** The time at which bucket 0 starts. */
  private long start;
  /** The next bucket to hand over. */
  private int next;
  /** The heap holds the entries due before this; these buckets those at or after it. */
  private long horizon;
  /** Entries due at or after this wait in the overflow. */
  private long end;
  private int count;

  LaterEvents(int threshold) {
    this.threshold = threshold;
  }

  /** Entries due before this belong in the heap. */
  long horizon() {
    return horizon;
  }

  /** Entries held here, dead ones included. */
  int count() {
    return count;
  }

  /** True once a round chose the heap alone. */
  boolean isOff() {
    return horizon == Scheduler.NEVER;
  }

  /** Files an entry due at or after the horizon. */
  void add(long time, long key, Timer timer) {
    (time < end ? buckets[(int) ((time - start) >>> shift)] : overflow).add(time, key, timer);
    count++;
  }

  /**
   * Hands the next non-empty bucket's live entries to the heap, which is empty, starting a round
   * when the buckets are used up.
   *
   * @return false if nothing is pending
   */
  boolean refill(Scheduler heap) {
    while (true) {
      while (next < bucketCount) {
        Entries bucket = buckets[next++];
        horizon = next == bucketCount ? end : start + ((long) next << shift);
        if (bucket.size > 0) {
          count -= bucket.size;
          heap.takeLive(bucket);
          bucket.clear();
          if (heap.pendingInHeap()) {
            return true;
          }
        }
      }
      if (overflow.size == 0) {
        return false;
      }
      startRound(heap);
      if (heap.pendingInHeap()) {
        return true; // the round gave the heap everything
      }
    }
  }

  /** Takes every entry of the heap, so that the next refill starts a round with buckets. */
  void takeBack(Entries heap) {
    for (int i = 0; i < heap.size; i++) {
      overflow.add(heap.times[i], heap.keys[i], heap.timers[i]);
    }
    count += heap.size;
    heap.clear();
    horizon = 0;
    end = 0;
    bucketCount = 0;
    next = 0;
  }

  private void startRound(Scheduler heap) {
    overflow.dropDead(null);
    count = overflow.size;
    bucketCount = 0;
    next = 0;
    if (overflow.size < threshold) {
      horizon = Scheduler.NEVER;
      end = Scheduler.NEVER;
      count = 0;
      heap.takeLive(overflow);
      overflow.clear();
      return;
    }
    long min = Scheduler.NEVER;
    long max = 0;
    for (int i = 0; i < overflow.size; i++) {
      min = Math.min(min, overflow.times[i]);
      max = Math.max(max, overflow.times[i]);
    }
    int wanted = Math.max(16, Math.min(MAX_BUCKETS, Integer.highestOneBit(overflow.size / PER_BUCKET)));
    int log2Buckets = Integer.numberOfTrailingZeros(wanted);
    // The smallest power-of-two width with wanted << shift > max - min.
    shift = 64 - Long.numberOfLeadingZeros((max - min) >>> log2Buckets);
    bucketCount = wanted;
    start = min;
    horizon = min;
    end = shift + log2Buckets >= 63 || Scheduler.NEVER - min <= ((long) wanted << shift)
        ? Scheduler.NEVER : min + ((long) wanted << shift);
    if (buckets.length < wanted) {
      buckets = Arrays.copyOf(buckets, wanted);
      for (int b = 0; b < wanted; b++) {
        if (buckets[b] == null) {
          buckets[b] = new Entries(16);
        }
      }
    }
    for (int i = 0; i < overflow.size; i++) {
      long time = overflow.times[i];
      buckets[(int) ((time - start) >>> shift)].add(time, overflow.keys[i], overflow.timers[i]);
    }
    overflow.clear();
  }

  /** Drops the dead entries of every bucket and the overflow (the scheduler's compaction). */
  void dropDead() {
    count = overflow.dropDead(null);
    for (int b = next; b < bucketCount; b++) {
      count += buckets[b].dropDead(null);
    }
  }

  /** The earliest deadline of the armed timers carried here, or NEVER: for inspection only. */
  long earliestDeadline() {
    long best = overflow.earliestDeadline();
    for (int b = next; b < bucketCount; b++) {
      best = Math.min(best, buckets[b].earliestDeadline());
    }
    return best;
  }
}
