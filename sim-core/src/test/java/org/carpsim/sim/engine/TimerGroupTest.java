package org.carpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerGroupTest {

  private final Scheduler scheduler = new Scheduler();
  private final List<String> log = new ArrayList<>();

  @Test
  void suspendKillsEveryArmedTimerOfTheGroupAndNoOther() {
    TimerGroup fw1 = scheduler.newGroup("host fw1");
    Timer advert = fw1.newTimer(() -> log.add("advert"));
    Timer masterDown = fw1.newTimer(() -> log.add("master-down"));
    advert.armAt(10);
    masterDown.armAt(30);
    fw1.schedule(20, () -> log.add("one-shot"));
    scheduler.schedule(40, () -> log.add("someone else"));
    assertEquals(3, fw1.armedCount());

    scheduler.runUntil(15);
    assertEquals(2, fw1.armedCount());
    assertEquals(2, fw1.suspend());
    assertEquals(0, fw1.armedCount());
    scheduler.runUntilIdle();
    assertEquals(List.of("advert", "someone else"), log);
  }

  @Test
  void timersOfAnEarlierEpochStayDeadAfterResume() {
    TimerGroup fw1 = scheduler.newGroup("host fw1");
    Timer stale = fw1.newTimer(() -> log.add("stale"));
    stale.armAt(10);
    fw1.suspend();
    stale.armAt(20);
    assertFalse(stale.isArmed(), "arming while suspended does nothing");
    fw1.resume();
    stale.armAt(30);
    assertFalse(stale.isArmed(), "a timer of the old epoch stays dead");
    Timer fresh = fw1.newTimer(() -> log.add("fresh"));
    fresh.armAt(40);
    assertTrue(fresh.isArmed());
    assertEquals(1, fw1.epoch());
    scheduler.runUntilIdle();
    assertEquals(List.of("fresh"), log);
  }

  @Test
  void cancelAllKeepsTheTimersUsable() {
    TimerGroup group = scheduler.newGroup("g");
    Timer t = group.newTimer(() -> log.add("t"));
    t.armAt(5);
    assertEquals(1, group.cancelAll());
    t.armAt(6);
    scheduler.runUntilIdle();
    assertEquals(List.of("t"), log);
  }

  @Test
  void aPeriodicGroupTimerIsTrackedAcrossReArmsAndKilledMidway() {
    TimerGroup group = scheduler.newGroup("g");
    Timer[] periodic = new Timer[1];
    periodic[0] = group.newTimer(() -> {
      log.add("tick@" + scheduler.now());
      periodic[0].armAfter(10);
    });
    periodic[0].armAt(0);
    scheduler.schedule(25, () -> group.suspend());
    scheduler.runUntil(100);
    assertEquals(List.of("tick@0", "tick@10", "tick@20"), log);
    assertEquals(0, scheduler.pending());
  }

  @Test
  void aGroupTimerThatCrashesItsOwnGroupIsNotReArmed() {
    TimerGroup group = scheduler.newGroup("g");
    Timer[] self = new Timer[1];
    self[0] = group.newTimer(() -> {
      group.suspend();
      self[0].armAfter(10);
    });
    self[0].armAt(1);
    scheduler.runUntilIdle();
    assertEquals(0, scheduler.pending());
    assertEquals(0, group.armedCount());
  }
}
