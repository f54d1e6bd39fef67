package org.carpsim.sim.net;

import static org.carpsim.sim.net.Probe.broadcast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.api.Test;

/** {@code World.pause}: a stunned VM's timers and receive path, held and then run late. */
class PauseTest {

  private static final long MS = Durations.MILLISECOND;
  private static final long S = Durations.SECOND;

  private final TwoHostLan lan = new TwoHostLan();
  private final World world = lan.world;
  private final Probe fw1 = lan.fw1;
  private final Host host = world.host("fw1");
  private final Nic peer = world.nic("fw2.em0");
  private final List<String> log = new ArrayList<>();

  private void timerAt(long at, String name) {
    host.schedule(at, () -> log.add(name + "@" + world.now()));
  }

  @Test
  void timersThatFellDueFireAtOnceOnResumeInTheirOrderAndLaterOnesKeepTheirTime() {
    timerAt(3 * S, "c"); // armed first, due last: the order is by deadline
    timerAt(1 * S, "a");
    timerAt(2 * S, "b");
    timerAt(10 * S, "d");
    world.schedule(S / 2, new Fault.Pause("fw1", 5 * S));
    world.runUntil(20 * S);
    assertEquals(List.of("a@5500000000", "b@5500000000", "c@5500000000", "d@10000000000"), log);
    assertEquals(List.of(new Fault.Pause("fw1", 5 * S)), world.history().events(Fault.Pause.class));
  }

  @Test
  void framesThatArriveWhilePausedAreDeliveredOnResumeInArrivalOrderAfterTheOverdueTimers() {
    host.schedule(2 * S, () -> fw1.heard.add("timer@" + world.now()));
    world.pause(host, 5 * S);
    for (int i = 1; i <= 3; i++) {
      int n = i;
      world.scheduler().schedule(i * S, () -> peer.transmit(broadcast(peer, "f" + n)));
    }
    world.runUntil(10 * S);
    assertEquals(List.of("timer@5000000000", "5000000000 em0 f1", "5000000000 em0 f2", "5000000000 em0 f3"),
        fw1.heard);
    assertFalse(host.isPaused());
  }

  @Test
  void aPausedHostsRingHoldsAtMost256FramesPerNicAndDropsTheRest() {
    world.pause(host, 5 * S);
    world.scheduler().schedule(S, () -> {
      for (int i = 0; i < 300; i++) {
        peer.transmit(broadcast(peer, "f" + i));
      }
    });
    world.runUntil(10 * S);
    assertEquals(256, fw1.heard.size());
    assertEquals("5000000000 em0 f255", fw1.heard.get(255));
    assertEquals(44, world.droppedFrames(DropReason.RING_FULL));
  }

  @Test
  void timersArmedDuringThePauseWaitForTheResumeAndCarrierChangesAreHeardThen() {
    world.pause(host, 5 * S);
    world.scheduler().schedule(S, () -> {
      host.scheduleAfter(MS, () -> log.add("late@" + world.now()));
      world.setCarrier(world.nic("fw1.em0"), false);
      world.whenRunning(host, () -> log.add("typed@" + world.now()));
    });
    world.runUntil(10 * S);
    // held input first: a timer armed from outside during the pause is armed after the resume
    assertEquals(List.of("typed@5000000000", "late@5000000000"), log);
    assertEquals(List.of("boot@0", "em0 down@5000000000"), fw1.events);
  }

  @Test
  void aLongerPauseExtendsAShorterOneDoesNothing() {
    timerAt(2 * S, "a");
    assertTrue(world.pause(host, 3 * S));
    assertFalse(world.pause(host, 1 * S), "ends before the pause does");
    world.scheduler().schedule(S, () -> world.pause(host, 6 * S));
    world.runUntil(10 * S);
    assertEquals(List.of("a@7000000000"), log);
  }

  @Test
  void aCrashEndsThePauseAndLosesTheHeldFrames() {
    timerAt(2 * S, "a");
    world.pause(host, 5 * S);
    world.scheduler().schedule(S, () -> peer.transmit(broadcast(peer, "held")));
    world.scheduler().schedule(2 * S, () -> world.crash(host));
    world.runUntil(10 * S);
    assertEquals(List.of(), log);
    assertEquals(List.of(), fw1.heard);
    assertEquals(1, world.droppedFrames(DropReason.HOST_DOWN));
    assertFalse(world.pause(host, S), "a crashed host cannot be paused");
  }

  @Test
  void timerJitterDrawsFromTheHostsOwnStreamAndTheWallClockStepsAlone() {
    assertEquals(0, host.timerLateness());
    world.setTimerJitter(host, 5 * MS);
    long[] draws = new long[50];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = host.timerLateness();
      assertTrue(draws[i] >= 0 && draws[i] <= 5 * MS);
    }
    World again = World.builder(world.topology()).build();
    again.setTimerJitter(again.host("fw1"), 5 * MS);
    for (long d : draws) {
      assertEquals(d, again.host("fw1").timerLateness(), "the same seed draws the same lateness");
    }
    world.stepClock(host, -2 * S);
    world.runUntil(S);
    assertEquals(-S, host.wallClock());
    assertEquals(S, world.host("fw2").wallClock());
    assertEquals("clock fw1 -2s", world.history().entries().get(world.history().entries().size() - 1).event().kind()
        + " " + text(world.history().events(Fault.ClockStep.class).get(0)));
  }

  private static String text(Fault f) {
    StringBuilder b = new StringBuilder();
    f.appendDetails(b);
    return b.toString();
  }
}
