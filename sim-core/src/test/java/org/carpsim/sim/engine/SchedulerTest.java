package org.carpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private final Scheduler scheduler = new Scheduler(4); // small, so the heap must grow
  private final List<String> log = new ArrayList<>();

  private Runnable note(String what) {
    return () -> log.add(what + "@" + scheduler.now());
  }

  @Test
  void runsEventsInTimeOrderWhateverTheSchedulingOrder() {
    scheduler.schedule(30, note("c"));
    scheduler.schedule(10, note("a"));
    scheduler.schedule(20, note("b"));
    scheduler.schedule(5, note("first"));
    assertEquals(4, scheduler.runUntilIdle());
    assertEquals(List.of("first@5", "a@10", "b@20", "c@30"), log);
    assertEquals(30, scheduler.now());
  }

  @Test
  void eventsAtTheSameInstantRunInTheOrderTheyWereArmed() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      scheduler.schedule(i % 2 == 0 ? 100 : 50, () -> order.add(n));
    }
    scheduler.runUntilIdle();
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i < 1000; i += 2) {
      expected.add(i);
    }
    for (int i = 0; i < 1000; i += 2) {
      expected.add(i);
    }
    assertEquals(expected, order);
  }

  @Test
  void reArmingAtTheSameInstantMovesATimerBehindTheOthers() {
    Timer a = scheduler.schedule(10, note("a"));
    scheduler.schedule(10, note("b"));
    a.armAt(10);
    scheduler.runUntilIdle();
    assertEquals(List.of("b@10", "a@10"), log);
  }

  @Test
  void anEventArmedForNowDuringAnEventRunsAfterTheOthersAlreadyDueNow() {
    scheduler.schedule(10, () -> {
      log.add("a");
      scheduler.schedule(10, note("c"));
    });
    scheduler.schedule(10, note("b"));
    scheduler.runUntilIdle();
    assertEquals(List.of("a", "b@10", "c@10"), log);
  }

  @Test
  void aCancelledTimerDoesNotFire() {
    Timer a = scheduler.schedule(10, note("a"));
    Timer b = scheduler.schedule(20, note("b"));
    scheduler.schedule(30, note("c"));
    assertEquals(3, scheduler.pending());
    assertTrue(b.cancel());
    assertFalse(b.cancel(), "cancelling twice");
    assertFalse(b.isArmed());
    assertEquals(2, scheduler.pending());
    scheduler.runUntilIdle();
    assertEquals(List.of("a@10", "c@30"), log);
    assertFalse(a.cancel(), "a fired timer is no longer armed");
  }

  @Test
  void reschedulingMovesATimerEarlierOrLater() {
    Timer a = scheduler.schedule(10, note("a"));
    Timer b = scheduler.schedule(20, note("b"));
    Timer c = scheduler.schedule(30, note("c"));
    c.armAt(5);
    a.armAt(25);
    assertEquals(25, a.deadline());
    assertEquals(3, scheduler.pending());
    scheduler.runUntilIdle();
    assertEquals(List.of("c@5", "b@20", "a@25"), log);
    b.armAfter(7);
    assertTrue(b.isArmed());
    scheduler.runUntilIdle();
    assertEquals("b@32", log.get(3));
  }

  @Test
  void aTimerCanReArmItselfFromItsOwnAction() {
    List<Long> fired = new ArrayList<>();
    Timer[] holder = new Timer[1];
    holder[0] = scheduler.newTimer(() -> {
      assertFalse(holder[0].isArmed(), "a timer whose action runs is not armed");
      fired.add(scheduler.now());
      if (fired.size() < 4) {
        holder[0].armAfter(1_000_000_000L);
        assertTrue(holder[0].isArmed());
      }
    });
    holder[0].armAt(3_906_250);
    scheduler.schedule(2_000_000_000L, note("other"));
    scheduler.runUntilIdle();
    assertEquals(List.of(3_906_250L, 1_003_906_250L, 2_003_906_250L, 3_003_906_250L), fired);
    assertEquals(List.of("other@2000000000"), log);
    assertFalse(holder[0].isArmed());
  }

  @Test
  void aTimerCancelledInsideItsOwnActionSimplyEnds() {
    Timer[] holder = new Timer[1];
    holder[0] = scheduler.newTimer(() -> assertFalse(holder[0].cancel()));
    holder[0].armAt(1);
    scheduler.runUntilIdle();
    assertEquals(0, scheduler.pending());
    assertFalse(holder[0].isArmed());
  }

  @Test
  void runUntilRunsEverythingDueIncludingTheLimitThenSetsTheClock() {
    scheduler.schedule(10, () -> {
      log.add("a@10");
      scheduler.schedule(15, note("armed-in-run"));
      scheduler.schedule(21, note("too-late"));
    });
    scheduler.schedule(20, note("at-limit"));
    assertEquals(3, scheduler.runUntil(20));
    assertEquals(List.of("a@10", "armed-in-run@15", "at-limit@20"), log);
    assertEquals(20, scheduler.now());
    assertEquals(1, scheduler.pending());
    assertEquals(21, scheduler.nextEventTime());
    assertEquals(0, scheduler.runUntil(20));
    assertEquals(0, scheduler.runFor(0));
    assertEquals(1, scheduler.runFor(1));
    assertEquals(21, scheduler.now());
  }

  @Test
  void runUntilMovesTheClockEvenWithoutEvents() {
    scheduler.runUntil(1_000);
    assertEquals(1_000, scheduler.now());
    assertEquals(Scheduler.NEVER, scheduler.nextEventTime());
  }

  @Test
  void stepRunsOneEventAtATime() {
    scheduler.schedule(10, note("a"));
    scheduler.schedule(10, note("b"));
    scheduler.schedule(40, note("c"));
    assertTrue(scheduler.step());
    assertEquals(List.of("a@10"), log);
    assertEquals(10, scheduler.now());
    assertTrue(scheduler.step());
    assertTrue(scheduler.step());
    assertEquals(40, scheduler.now());
    assertFalse(scheduler.step());
    assertEquals(40, scheduler.now());
    assertEquals(3, scheduler.eventsExecuted());
  }

  @Test
  void runEventsStopsAfterTheGivenCount() {
    for (int i = 1; i <= 5; i++) {
      scheduler.schedule(i, note("e" + i));
    }
    assertEquals(3, scheduler.runEvents(3));
    assertEquals(3, scheduler.now());
    assertEquals(2, scheduler.pending());
  }

  @Test
  void stopEndsTheRunAfterTheCurrentEventAndKeepsTheClockThere() {
    scheduler.schedule(10, () -> scheduler.stop());
    scheduler.schedule(20, note("later"));
    assertEquals(1, scheduler.runUntil(100));
    assertEquals(10, scheduler.now());
    assertEquals(1, scheduler.runUntil(100));
    assertEquals(100, scheduler.now());
  }

  @Test
  void schedulingInThePastIsAnError() {
    scheduler.runUntil(2_000_000_000L);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> scheduler.schedule(1_500_000_000L, note("x")));
    assertEquals("cannot schedule at 1.5s (1500000000ns): the clock is already at 2s", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> scheduler.scheduleAfter(-1, note("x")));
    assertThrows(IllegalArgumentException.class, () -> scheduler.runUntil(1));
    assertThrows(IllegalArgumentException.class, () -> scheduler.scheduleAfter(Long.MAX_VALUE, note("x")));
    assertEquals(0, scheduler.pending());
  }

  @Test
  void runningFromInsideAnEventIsRefused() {
    scheduler.schedule(1, () -> scheduler.runUntilIdle());
    assertThrows(IllegalStateException.class, scheduler::runUntilIdle);
  }

  @Test
  void anExceptionFromAnEventLeavesTheSchedulerUsable() {
    scheduler.schedule(1, () -> {
      throw new IllegalStateException("boom");
    });
    scheduler.schedule(2, note("after"));
    assertThrows(IllegalStateException.class, scheduler::runUntilIdle);
    assertEquals(1, scheduler.pending());
    scheduler.runUntilIdle();
    assertEquals(List.of("after@2"), log);
  }

  @Test
  void nextEventTimeInsideAnActionIgnoresTheRunningEvent() {
    long[] seen = new long[1];
    scheduler.schedule(10, () -> seen[0] = scheduler.nextEventTime());
    scheduler.schedule(30, note("b"));
    scheduler.schedule(20, note("a"));
    scheduler.step();
    assertEquals(20, seen[0]);
  }

  @Test
  void statsCountEventsPendingAndVirtualTime() {
    for (int i = 1; i <= 10; i++) {
      scheduler.schedule(i * 1_000_000_000L, () -> {});
    }
    scheduler.runUntil(7_500_000_000L);
    EngineStats stats = scheduler.stats();
    assertEquals(7, stats.eventsExecuted());
    assertEquals(3, stats.eventsPending());
    assertEquals(7_500_000_000L, stats.virtualNanos());
    assertTrue(stats.wallNanos() > 0);
    assertTrue(stats.eventsPerSecond() > 0);
    assertEquals(7.5e9 / stats.wallNanos(), stats.simulatedSecondsPerWallSecond(), 1e-9);
  }

  @Test
  void anEventThatRepeatsItselfRunsAgainBeforeAnythingArmedSinceAtTheSameInstant() {
    Scheduler scheduler = new Scheduler();
    List<String> log = new ArrayList<>();
    int[] parts = {0};
    scheduler.schedule(10, () -> log.add("earlier"));
    scheduler.schedule(20, () -> {
      log.add("part " + parts[0]++);
      if (parts[0] == 1) {
        scheduler.schedule(20, () -> log.add("armed during part 0"));
      }
      if (parts[0] < 3) {
        scheduler.repeatCurrent();
      }
    });
    scheduler.schedule(20, () -> log.add("armed before"));
    assertEquals(3, scheduler.pending());
    scheduler.runUntil(100);
    assertEquals(List.of("earlier", "part 0", "part 1", "part 2", "armed before", "armed during part 0"), log);
    assertEquals(0, scheduler.pending());
    assertThrows(IllegalStateException.class, scheduler::repeatCurrent, "only from inside a running event");
  }

  @Test
  void stopRequestedIsSeenByTheRunningEventAndClearedByTheNextRun() {
    Scheduler scheduler = new Scheduler();
    List<Boolean> seen = new ArrayList<>();
    scheduler.schedule(1, () -> {
      seen.add(scheduler.stopRequested());
      scheduler.stop();
      seen.add(scheduler.stopRequested());
    });
    scheduler.schedule(2, () -> seen.add(scheduler.stopRequested()));
    scheduler.runUntil(10);
    assertEquals(1, scheduler.now(), "stopped after the first event");
    scheduler.runUntil(10);
    assertEquals(List.of(false, true, false), seen);
  }

  @Test
  void aLargeHoldModelFiresInTheSameOrderAsASortedReference() {
    // 20,000 pending events put later ones in buckets (above the threshold); each event re-arms
    // itself at a drawn delay, often equal to others' (many ties), and a few move other timers
    // earlier, later or cancel them. The reference: a PriorityQueue of (time, arming order).
    int population = 20_000;
    Scheduler scheduler = new Scheduler();
    SplittableRandom random = new SplittableRandom(7);
    long[] order = {0};
    Map<Timer, long[]> armedAs = new HashMap<>(); // timer -> {time, order}
    PriorityQueue<long[]> reference =
        new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    Timer[] timers = new Timer[population];
    List<String> mismatches = new ArrayList<>();
    BiConsumer<Integer, Long> arm = (index, at) -> {
      timers[index].armAt(at);
      long[] entry = {at, order[0]++, index};
      armedAs.put(timers[index], entry);
      reference.add(entry);
    };
    for (int i = 0; i < population; i++) {
      int index = i;
      timers[i] = scheduler.newTimer(() -> {
        long[] due = reference.poll();
        while (armedAs.get(timers[(int) due[2]]) != due) { // moved or cancelled since
          due = reference.poll();
        }
        armedAs.remove(timers[(int) due[2]]);
        if (due[2] != index || due[0] != scheduler.now()) {
          mismatches.add("timer " + index + " fired at " + scheduler.now() + ", expected " + due[2] + " at " + due[0]);
        }
        arm.accept(index, scheduler.now() + random.nextLong(50) * (random.nextInt(100) == 0 ? 1_000_000 : 1));
        if (random.nextInt(10) == 0) {
          int other = random.nextInt(population);
          if (other != index) {
            if (random.nextBoolean()) {
              arm.accept(other, scheduler.now() + random.nextLong(5_000));
            } else if (timers[other].cancel()) {
              armedAs.remove(timers[other]);
            }
          }
        }
      });
      arm.accept(i, random.nextLong(1_000));
    }
    assertEquals(400_000, scheduler.runEvents(400_000));
    assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())));
    assertEquals(armedAs.size(), scheduler.pending());
  }

  @Test
  void deadEntriesNeverMuchOutnumberThePendingEvents() {
    Scheduler scheduler = new Scheduler(4, 16, LaterEvents.THRESHOLD);
    Timer[] timers = new Timer[10];
    for (int i = 0; i < timers.length; i++) {
      timers[i] = scheduler.newTimer(() -> {});
      timers[i].armAt(1_000_000);
    }
    // Each move earlier leaves the old entry behind, to be dropped when it surfaces: none surfaces
    // here, so only compaction keeps them from piling up.
    for (int step = 0; step < 100_000; step++) {
      timers[step % timers.length].armAt(999_999 - step);
      assertTrue(scheduler.entries() <= 2 * timers.length + 16 + 1, "entries: " + scheduler.entries());
    }
    for (Timer timer : timers) {
      timer.cancel();
    }
    scheduler.schedule(2_000_000, () -> {});
    scheduler.runUntilIdle();
    assertEquals(0, scheduler.entries(), "the cancelled carriers are gone once the run passes them");
  }
}
