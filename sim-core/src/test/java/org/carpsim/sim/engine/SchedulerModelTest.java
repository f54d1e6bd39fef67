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
    qt().withFixedSeed(20261123L).withExamples(300)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 400))
        .checkAssert(operations -> replay(operations, new Scheduler(2)));
  }

  @Test
  void keepsTheOrderWhenSequenceNumbersAreRenumbered() {
    // A limit of 32 armings forces a renumbering every few operations.
    qt().withFixedSeed(20261123L).withExamples(300)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 400))
        .checkAssert(operations -> replay(operations, new Scheduler(2, 32)));
  }

  private static void replay(List<Integer> operations, Scheduler scheduler) {
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
      long delay = (op / (TIMERS * 4)) % 8; // small delays: many equal times
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
