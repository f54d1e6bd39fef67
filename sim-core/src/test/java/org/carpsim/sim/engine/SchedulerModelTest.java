package org.carpsim.sim.engine;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of arm, re-arm, cancel and step, checked against a plain reference model
 * (a list scanned for the smallest (time, arming order)).
 */
class SchedulerModelTest {

  private static final int TIMERS = 24;

  @Test
  void behavesLikeTheReferenceModel() {
    check(() -> new Scheduler(2), 1);
  }

  @Test
  void keepsTheOrderWhenTheHeapIsCompactedOften() {
    // No slack: the heap is compacted whenever dead entries outnumber armed timers.
    check(() -> new Scheduler(2, 0, LaterEvents.THRESHOLD), 1);
  }

  @Test
  void keepsTheOrderWhenLaterEventsWaitInBuckets() {
    // A threshold of 1: every round files entries in buckets, at equal and at far-apart times.
    check(() -> new Scheduler(2, 1024, 1), 1);
    check(() -> new Scheduler(2, 1024, 1), 1L << 40);
    check(() -> new Scheduler(2, 0, 1), 1_000_003);
  }

  @Test
  void keepsTheOrderWhileTurningBucketsOnAndOff() {
    // A threshold of 4 among 24 timers: rounds go from buckets to the heap alone and back.
    check(() -> new Scheduler(2, 1024, 4), 1);
    check(() -> new Scheduler(2, 0, 4), 977);
  }

  private static void check(java.util.function.Supplier<Scheduler> scheduler, long delayScale) {
    qt().withFixedSeed(20261123L).withExamples(300)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 400))
        .checkAssert(operations -> replay(operations, scheduler.get(), delayScale));
  }

  private static void replay(List<Integer> operations, Scheduler scheduler, long delayScale) {
    List<Integer> fired = new ArrayList<>();
    Timer[] timers = new Timer[TIMERS];
    for (int i = 0; i < TIMERS; i++) {
      int id = i;
      timers[i] = scheduler.newTimer(() -> fired.add(id));
    }
    long[] modelTime = new long[TIMERS];
    long[] modelOrder = new long[TIMERS];
    boolean[] modelArmed = new boolean[TIMERS];
    long order = 0;
    long now = 0;
    List<Integer> expected = new ArrayList<>();
    for (int op : operations) {
      int timer = op % TIMERS;
      int kind = (op / TIMERS) % 4;
      long delay = (op / (TIMERS * 4)) % 8 * delayScale; // few distinct delays: many equal times
      if (kind <= 1) {
        timers[timer].armAt(now + delay);
        modelTime[timer] = now + delay;
        modelOrder[timer] = order++;
        modelArmed[timer] = true;
      } else if (kind == 2) {
        boolean wasArmed = timers[timer].cancel();
        if (wasArmed != modelArmed[timer]) {
          throw new AssertionError("cancel of timer " + timer + " returned " + wasArmed);
        }
        modelArmed[timer] = false;
      } else {
        int next = -1;
        for (int t = 0; t < TIMERS; t++) {
          if (modelArmed[t] && (next < 0 || modelTime[t] < modelTime[next]
              || (modelTime[t] == modelTime[next] && modelOrder[t] < modelOrder[next]))) {
            next = t;
          }
        }
        boolean stepped = scheduler.step();
        if (stepped != (next >= 0)) {
          throw new AssertionError("step returned " + stepped);
        }
        if (next >= 0) {
          modelArmed[next] = false;
          now = modelTime[next];
          expected.add(next);
        }
      }
      int pending = 0;
      for (boolean armed : modelArmed) {
        pending += armed ? 1 : 0;
      }
      if (scheduler.pending() != pending || scheduler.now() != now) {
        throw new AssertionError("pending " + scheduler.pending() + " vs " + pending
            + ", now " + scheduler.now() + " vs " + now);
      }
      for (int t = 0; t < TIMERS; t++) {
        if (timers[t].isArmed() != modelArmed[t] || (modelArmed[t] && timers[t].deadline() != modelTime[t])) {
          throw new AssertionError("timer " + t + " disagrees with the model");
        }
      }
    }
    if (!fired.equals(expected)) {
      throw new AssertionError("fired " + fired + ", expected " + expected);
    }
  }
}
