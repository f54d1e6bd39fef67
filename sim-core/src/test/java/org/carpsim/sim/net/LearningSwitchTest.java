package org.carpsim.sim.net;

import static org.carpsim.sim.net.Probe.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.FrameDropped;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;

class LearningSwitchTest {

  private static final long S = Durations.SECOND;
  private static final long A = 0x02000000000aL;
  private static final long B = 0x02000000000bL;
  private static final long C = 0x02000000000cL;
  private static final long VIRTUAL = Macs.parse("00:00:5e:00:01:01");

  private final World world = World.builder(Topology.builder()
          .learningSwitch("core", Durations.parse("300s"))
          .hosts("a", "b", "c")
          .nic("a", "em0", "core", A)
          .nic("b", "em0", "core", B)
          .nic("c", "em0", "core", C)
          .build())
      .build();
  private final Probe a = install("a");
  private final Probe b = install("b");
  private final Probe c = install("c");

  private Probe install(String host) {
    Probe probe = new Probe();
    world.host(host).install(probe);
    return probe;
  }

  /** The id (transmission sequence number) of the frame carrying {@code payload}. */
  private long idOf(String payload) {
    return world.history().entriesOf(FrameTransmitted.class).stream()
        .filter(e -> Probe.payload(((FrameTransmitted) e.event()).frame()).equals(payload))
        .findFirst().orElseThrow().sequence();
  }

  private void sendAt(long time, String host, long destination, long source, String payload) {
    Nic nic = world.nic(host + ".em0");
    world.scheduler().schedule(time, () -> nic.transmit(frame(destination, source, payload)));
  }

  @Test
  void floodsUnknownDestinationsThenForwardsToTheLearnedPortOnly() {
    sendAt(1 * S, "a", B, A, "a to b, b unknown");
    sendAt(2 * S, "b", A, B, "b to a, a learned");
    sendAt(3 * S, "a", B, A, "a to b, b learned");
    world.runUntil(10 * S);
    assertEquals(List.of(S + " em0 a to b, b unknown", 3 * S + " em0 a to b, b learned"), b.heard);
    assertEquals(List.of(2 * S + " em0 b to a, a learned"), a.heard);
    assertEquals(List.of(S + " em0 a to b, b unknown"), c.heard);
    assertEquals(List.of(
            new FrameDropped(idOf("b to a, a learned"), "c.em0", "core", DropReason.NOT_FORWARDED),
            new FrameDropped(idOf("a to b, b learned"), "c.em0", "core", DropReason.NOT_FORWARDED)),
        world.history().events(FrameDropped.class));
    assertEquals(Optional.of(world.nic("b.em0")), world.segment("core").learnedPort(B, world.nic("a.em0")));
  }

  @Test
  void floodsBroadcastAndMulticastEvenToLearnedMacs() {
    sendAt(1 * S, "a", Macs.BROADCAST, A, "learn a");
    sendAt(2 * S, "b", Macs.parse("01:00:5e:00:00:12"), B, "carp advert");
    world.runUntil(10 * S);
    assertEquals(List.of(2 * S + " em0 carp advert"), a.heard);
    assertEquals(List.of(S + " em0 learn a", 2 * S + " em0 carp advert"), c.heard);
  }

  @Test
  void anEntryIsUsedUntilExactlyTheAgingTimeAfterItWasLastSeen() {
    long aging = 300 * S;
    sendAt(0, "a", Macs.BROADCAST, A, "learn a");
    sendAt(aging - 1, "b", A, B, "just in time");
    sendAt(aging, "c", A, C, "aged out");
    world.runUntil(aging + S);
    assertEquals(List.of((aging - 1) + " em0 just in time", aging + " em0 aged out"), a.heard);
    assertEquals(List.of("0 em0 learn a", aging + " em0 aged out"), b.heard, "the aged-out frame is flooded");
  }

  @Test
  void aVirtualMacMovesOnlyWhenTheNewOwnerSendsAndAStaleEntryMisleadsUntilThen() {
    sendAt(0, "a", Macs.BROADCAST, VIRTUAL, "a is master (src = virtual MAC)");
    sendAt(1 * S, "c", VIRTUAL, C, "to the VIP #1");
    world.scheduler().schedule(2 * S - 1, () -> world.crash(world.host("a")));
    sendAt(2 * S, "c", VIRTUAL, C, "to the VIP #2, stale entry");
    sendAt(3 * S, "b", Macs.BROADCAST, VIRTUAL, "b takes over: gratuitous ARP");
    sendAt(4 * S, "c", VIRTUAL, C, "to the VIP #3");
    world.runUntil(10 * S);

    assertEquals(List.of(S + " em0 to the VIP #1"), a.heard);
    assertEquals(List.of("0 em0 a is master (src = virtual MAC)", 4 * S + " em0 to the VIP #3"), b.heard);
    List<FrameDropped> drops = world.history().events(FrameDropped.class);
    long stale = idOf("to the VIP #2, stale entry");
    assertTrue(drops.contains(new FrameDropped(stale, "a.em0", "core", DropReason.HOST_DOWN)), drops.toString());
    assertTrue(drops.contains(new FrameDropped(stale, "b.em0", "core", DropReason.NOT_FORWARDED)), drops.toString());
    assertTrue(drops.contains(
        new FrameDropped(idOf("to the VIP #3"), "a.em0", "core", DropReason.NOT_FORWARDED)), drops.toString());
  }

  @Test
  void aLinkGoingDownFlushesTheMacsLearnedOnItsPort() {
    sendAt(0, "a", Macs.BROADCAST, A, "learn a");
    world.scheduler().schedule(S, () -> world.setCarrier(world.nic("a.em0"), false));
    sendAt(2 * S, "c", A, C, "to a after link down");
    world.runUntil(10 * S);
    assertEquals(List.of("0 em0 learn a", 2 * S + " em0 to a after link down"), b.heard);
    assertEquals(List.of(), a.heard);
    assertEquals(1, world.droppedFrames(DropReason.CARRIER_DOWN));
  }

  @Test
  void aFrameForAMacOnTheSendersOwnPortIsFiltered() {
    sendAt(0, "a", Macs.BROADCAST, VIRTUAL, "learn virtual on a");
    sendAt(S, "a", VIRTUAL, A, "to myself");
    world.runUntil(10 * S);
    assertEquals(1, b.heard.size());
    assertEquals(1, c.heard.size());
    assertEquals(2, world.droppedFrames(DropReason.NOT_FORWARDED));
  }

  @Test
  void eachSideOfASplitSwitchLearnsOnItsOwnAndHealingKeepsTheNewestEntry() {
    world.partition(world.segment("core"), Partition.parse("a c | b"));
    sendAt(1 * S, "a", Macs.BROADCAST, VIRTUAL, "a claims the virtual MAC");
    sendAt(2 * S, "b", Macs.BROADCAST, VIRTUAL, "b claims it too (split brain)");
    sendAt(3 * S, "c", VIRTUAL, C, "c to the VIP while split");
    world.scheduler().schedule(4 * S, () -> world.heal(world.segment("core")));
    sendAt(5 * S, "c", VIRTUAL, C, "c to the VIP after healing");
    world.runUntil(10 * S);
    assertEquals(List.of(3 * S + " em0 c to the VIP while split"), a.heard);
    assertEquals(List.of(5 * S + " em0 c to the VIP after healing"), b.heard,
        "b's entry is newer, so it wins the merge");
    assertEquals(List.of(S + " em0 a claims the virtual MAC"), c.heard);
  }

  /** A MAC seen on another port than the one it was learned on is a move (a MAC flap); a new MAC is none. */
  @Test
  void countsAMacThatMovesBetweenPorts() {
    sendAt(1 * S, "a", Macs.BROADCAST, VIRTUAL, "a advertises from the virtual MAC");
    sendAt(2 * S, "b", Macs.BROADCAST, B, "b's own MAC, new");
    sendAt(3 * S, "b", Macs.BROADCAST, VIRTUAL, "b advertises from it too");
    sendAt(4 * S, "b", Macs.BROADCAST, VIRTUAL, "again from b: no move");
    sendAt(5 * S, "a", Macs.BROADCAST, VIRTUAL, "back to a");
    world.runUntil(10 * S);
    assertEquals(2, world.segment("core").macMoves());
  }

  /** Past its mac-move-limit a switch shuts the port a MAC moved to: a link-down fault, and why. */
  @Test
  void aMacMovingTooOftenShutsThePortItMovedTo() {
    World limited = World.builder(Topology.builder()
            .segment(new org.carpsim.sim.topology.SegmentSpec("core", org.carpsim.sim.topology.SegmentKind.LEARNING_SWITCH,
                LinkConditions.NONE, Durations.parse("300s"), new org.carpsim.sim.topology.MoveLimit(2, 10 * S)))
            .hosts("a", "b")
            .nic("a", "em0", "core", A)
            .nic("b", "em0", "core", B)
            .build())
        .build();
    limited.host("a").install(new Probe());
    limited.host("b").install(new Probe());
    for (int i = 0; i < 4; i++) {
      Nic from = limited.nic((i % 2 == 0 ? "a" : "b") + ".em0");
      limited.scheduler().schedule((i + 1) * S, () -> from.transmit(frame(Macs.BROADCAST, VIRTUAL, "advert")));
    }
    limited.runUntil(10 * S);
    // moves at 2 s (to b), 3 s (to a), 4 s (to b): the third is more than 2 within 10 s
    assertEquals(List.of(new org.carpsim.sim.history.PortShut("core", "b.em0", VIRTUAL, 3)),
        limited.history().events(org.carpsim.sim.history.PortShut.class));
    assertEquals(List.of(new org.carpsim.sim.history.Fault.Link("b.em0", false)),
        limited.history().events(org.carpsim.sim.history.Fault.Link.class));
    assertEquals(4 * S, limited.history().timed(org.carpsim.sim.history.PortShut.class).get(0).time());
  }
}
