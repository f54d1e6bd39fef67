package org.carpsim.sim.net;

import static org.carpsim.sim.net.Probe.broadcast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.FrameDropped;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;
import org.carpsim.sim.topology.TopologyException;
import org.junit.jupiter.api.Test;

class CarrierAndCrashTest {

  private static final long MS = Durations.MILLISECOND;
  private static final long S = Durations.SECOND;

  private final TwoHostLan lan = new TwoHostLan();
  private final World world = lan.world;
  private final Probe fw1 = lan.fw1;
  private final Probe fw2 = lan.fw2;
  private final Nic em0 = world.nic("fw1.em0");
  private final Nic peer = world.nic("fw2.em0");

  @Test
  void aNicWithItsLinkDownSendsNothingAndHearsNothing() {
    world.setCarrier(em0, false);
    em0.transmit(broadcast(em0, "out"));
    peer.transmit(broadcast(peer, "in"));
    world.runUntil(S);
    assertEquals(List.of(), fw1.heard);
    assertEquals(List.of(), fw2.heard);
    assertEquals(List.of(
            new FrameDropped(FrameDropped.NOT_SENT, "fw1.em0", "lan", DropReason.CARRIER_DOWN),
            new FrameDropped(2, "fw1.em0", "lan", DropReason.CARRIER_DOWN)),
        world.history().events(FrameDropped.class));
    assertEquals(List.of("em0 down@0"), fw1.events.subList(1, 2));

  }

  @Test
  void aFrameInFlightSurvivesALinkFlapThatEndsBeforeItArrives() {
    em0.transmit(broadcast(em0, "in flight"));
    world.scheduler().schedule(MS / 2, () -> world.setCarrier(peer, false));
    world.scheduler().schedule(MS / 2 + 1, () -> world.setCarrier(peer, true));
    world.scheduler().schedule(2 * MS, () -> em0.transmit(broadcast(em0, "after")));
    world.runUntil(S);
    assertEquals(List.of(MS + " em0 in flight", (3 * MS) + " em0 after"), fw2.heard,
        "the link flapped and was up again when the frame arrived");
  }

  @Test
  void aLinkDownDuringFlightDropsTheFrameOnArrival() {
    em0.transmit(broadcast(em0, "in flight"));
    world.scheduler().schedule(MS / 2, () -> world.setCarrier(peer, false));
    world.runUntil(S);
    assertEquals(List.of(), fw2.heard);
    assertEquals(List.of(new FrameDropped(0, "fw2.em0", "lan", DropReason.CARRIER_DOWN)),
        world.history().events(FrameDropped.class));
    assertEquals(List.of("boot@0", "em0 down@500000"), fw2.events);
  }

  @Test
  void settingTheCarrierToItsCurrentStateChangesAndRecordsNothing() {
    assertFalse(world.setCarrier(em0, true));
    assertTrue(world.setCarrier(em0, false));
    assertFalse(world.setCarrier(em0, false));
    assertEquals(1, world.history().size());
  }

  @Test
  void aCrashKillsTheHostsTimersAndFramesUntilItBoots() {
    Host host = world.host("fw1");
    List<Long> ticks = new ArrayList<>();
    Timer[] advert = new Timer[1];
    advert[0] = host.newTimer(() -> {
      ticks.add(host.now());
      em0.transmit(broadcast(em0, "advert"));
      advert[0].armAfter(S);
    });
    advert[0].armAt(0);
    long epochBefore = host.epoch();

    world.schedule(Durations.parse("2.5s"), new Fault.Crash("fw1"));
    world.scheduler().schedule(3 * S, () -> peer.transmit(broadcast(peer, "to a dead host")));
    world.scheduler().schedule(3 * S, () -> em0.transmit(broadcast(em0, "from a dead host")));
    world.schedule(4 * S, new Fault.Boot("fw1"));
    world.scheduler().schedule(5 * S, () -> peer.transmit(broadcast(peer, "to a live host")));
    world.runUntil(10 * S);

    assertEquals(List.of(0L, S, 2 * S), ticks, "the advert timer died with the crash and stays dead");
    assertFalse(advert[0].isArmed());
    assertEquals(epochBefore + 1, host.epoch());
    assertEquals(0, host.timers().armedCount());
    assertEquals(List.of("boot@0", "crash@2500000000", "boot@4000000000"), fw1.events);
    assertEquals(List.of((5 * S + MS) + " em0 to a live host"), fw1.heard);
    assertEquals(List.of(MS + " em0 advert", (S + MS) + " em0 advert", (2 * S + MS) + " em0 advert"), fw2.heard);
    assertEquals(2, world.droppedFrames(DropReason.HOST_DOWN));
    advert[0].armAt(11 * S);
    assertFalse(advert[0].isArmed(), "a timer of the old epoch cannot be revived after the boot");
  }

  @Test
  void framesInFlightToAHostThatCrashesAreDroppedOnArrival() {
    em0.transmit(broadcast(em0, "doomed"));
    world.scheduler().schedule(MS / 2, () -> world.crash(world.host("fw2")));
    world.runUntil(S);
    assertEquals(List.of(new FrameDropped(0, "fw2.em0", "lan", DropReason.HOST_DOWN)),
        world.history().events(FrameDropped.class));
    assertFalse(world.crash(world.host("fw2")), "crashing a crashed host changes nothing");
  }

  @Test
  void faultsAreCheckedWhenScheduledNotWhenTheyFire() {
    assertEquals("unknown host fw3 (hosts: fw1, fw2)",
        assertThrows(TopologyException.class, () -> world.schedule(S, new Fault.Crash("fw3"))).getMessage());
    assertEquals("unknown NIC fw1.em1 (fw1 has em0)",
        assertThrows(TopologyException.class, () -> world.schedule(S, new Fault.Link("fw1.em1", false))).getMessage());
    assertThrows(TopologyException.class,
        () -> world.schedule(S, new Fault.Split("lan", Partition.parse("fw1 | fw9"))));
    assertEquals(0, world.scheduler().pending());
  }

  @Test
  void faultsAreRecordedAsDataInTheHistory() {
    world.schedule(1 * S, new Fault.Link("fw1.em0", false));
    world.schedule(2 * S, new Fault.Link("fw1.em0", true));
    world.schedule(3 * S, new Fault.Split("lan", Partition.parse("fw1 | fw2")));
    world.schedule(4 * S, new Fault.Heal("lan"));
    world.schedule(5 * S, new Fault.SegmentConditions("lan", LinkConditions.NONE.withLoss(0.3)));
    world.schedule(6 * S, new Fault.NicConditions("fw2.em0", LinkConditions.NONE.withJitter(50_000)));
    world.schedule(7 * S, new Fault.Crash("fw2"));
    world.schedule(8 * S, new Fault.Boot("fw2"));
    world.runUntil(10 * S);
    assertEquals(
        "0 1.000000000 link fw1.em0 down\n"
            + "1 2.000000000 link fw1.em0 up\n"
            + "2 3.000000000 partition lan fw1 | fw2\n"
            + "3 4.000000000 heal lan\n"
            + "4 5.000000000 conditions lan latency=0s jitter=0s loss=0.3 duplicate=0.0\n"
            + "5 6.000000000 conditions fw2.em0 latency=0s jitter=50us loss=0.0 duplicate=0.0\n"
            + "6 7.000000000 crash fw2\n"
            + "7 8.000000000 boot fw2\n",
        world.history().toText());
    assertEquals(List.of(new Fault.Crash("fw2"), new Fault.Boot("fw2")),
        world.history().about("fw2").stream().map(e -> e.event()).filter(e -> e instanceof Fault.Crash
            || e instanceof Fault.Boot).toList());
    assertEquals(3, world.history().about("fw2").size(), "crash, boot and fw2.em0's conditions");
  }

  @Test
  void aStackSeesFramesOnlyWhileItsHostIsUp() {
    List<Frame> seen = new ArrayList<>();
    world.host("fw2").install(new HostStack() {
      @Override
      public void onFrame(Nic nic, Frame frame) {
        seen.add(frame);
      }
    });
    world.crash(world.host("fw2"));
    em0.transmit(broadcast(em0, "nobody home"));
    world.runUntil(S);
    assertEquals(List.of(), seen);
  }
}
