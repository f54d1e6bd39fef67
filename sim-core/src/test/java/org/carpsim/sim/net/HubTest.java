package org.carpsim.sim.net;

import static org.carpsim.sim.net.Probe.broadcast;
import static org.carpsim.sim.net.Probe.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.FrameDropped;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;

class HubTest {

  private static final long US = 1_000;
  private static final long S = 1_000_000_000;

  private final Topology topology = Topology.builder()
      .hub("lan", LinkConditions.NONE.withLatency(100 * US))
      .hosts("fw1", "fw2", "fw3")
      .nic("fw1", "em0", "lan", 0x020000000001L, LinkConditions.NONE.withLatency(5 * US))
      .nic("fw2", "em0", "lan", 0x020000000002L, LinkConditions.NONE.withLatency(10 * US))
      .nic("fw3", "em0", "lan", 0x020000000003L)
      .build();
  private final World world = World.builder(topology).seed(1).build();
  private final Probe fw1 = install("fw1");
  private final Probe fw2 = install("fw2");
  private final Probe fw3 = install("fw3");

  private Probe install(String host) {
    Probe probe = new Probe();
    world.host(host).install(probe);
    return probe;
  }

  private Nic nic(String name) {
    return world.nic(name);
  }

  @Test
  void everyOtherNicHearsAFrameAfterSegmentPlusBothLinksLatency() {
    world.scheduler().schedule(S, () -> nic("fw1.em0").transmit(broadcast(nic("fw1.em0"), "hello")));
    world.runUntil(2 * S);
    assertEquals(List.of(), fw1.heard, "no loopback to the sender");
    assertEquals(List.of((S + 115 * US) + " em0 hello"), fw2.heard);
    assertEquals(List.of((S + 105 * US) + " em0 hello"), fw3.heard);
    assertEquals(1, world.transmittedFrames());
    assertEquals(2, world.deliveredFrames());
  }

  @Test
  void aFrameIsSharedNotCopiedAndAHubIgnoresTheDestination() {
    Frame unicast = frame(nic("fw2.em0").mac(), nic("fw1.em0").mac(), "to fw2 only");
    nic("fw1.em0").transmit(unicast);
    world.runUntil(S);
    assertSame(unicast, fw2.frames.get(0));
    assertSame(unicast, fw3.frames.get(0), "a hub repeats every frame to every port");
    assertSame(unicast, world.history().events(FrameTransmitted.class).get(0).frame());
  }

  @Test
  void framesBetweenTwoNicsArriveInSendingOrderWithoutJitter() {
    Nic sender = nic("fw1.em0");
    for (int i = 0; i < 50; i++) {
      int n = i;
      world.scheduler().schedule(i / 10 * US, () -> sender.transmit(broadcast(sender, "f" + n)));
    }
    world.runUntil(S);
    assertEquals(50, fw2.heard.size());
    for (int i = 0; i < 50; i++) {
      assertTrue(fw2.heard.get(i).endsWith(" f" + i), fw2.heard.get(i));
      assertEquals((i / 10 * US + 115 * US) + " em0 f" + i, fw2.heard.get(i));
    }
  }

  @Test
  void theHistoryRecordsTransmissionDeliveriesAndTheirTimes() {
    world.scheduler().schedule(S, () -> nic("fw1.em0").transmit(broadcast(nic("fw1.em0"), "hello")));
    world.runUntil(2 * S);
    String expectedHash = String.format("%016x", broadcast(nic("fw1.em0"), "hello").contentHash());
    assertEquals(
        "0 1.000000000 tx fw1.em0 lan 19 02:00:00:00:00:01>ff:ff:ff:ff:ff:ff 88b5 h=" + expectedHash + "\n"
            + "1 1.000105000 rx #0 fw3.em0 lan\n"
            + "2 1.000115000 rx #0 fw2.em0 lan\n",
        world.history().toText());
  }

  @Test
  void totalLossDropsEveryDeliveryAndSaysWhy() {
    world.setConditions(world.segment("lan"), LinkConditions.NONE.withLoss(1.0));
    nic("fw1.em0").transmit(broadcast(nic("fw1.em0"), "lost"));
    world.runUntil(S);
    assertEquals(List.of(), fw2.heard);
    assertEquals(List.of(), fw3.heard);
    assertEquals(2, world.droppedFrames(DropReason.LOSS));
    List<FrameDropped> drops = world.history().events(FrameDropped.class);
    assertEquals(List.of(new FrameDropped(1, "fw2.em0", "lan", DropReason.LOSS),
        new FrameDropped(1, "fw3.em0", "lan", DropReason.LOSS)), drops);
    assertEquals("0 0.000000000 conditions lan latency=0s jitter=0s loss=1.0 duplicate=0.0",
        world.history().entries().get(0).toLine());
  }

  @Test
  void partialLossIsPerReceiverAtRoughlyTheGivenRate() {
    world.setConditions(world.segment("lan"), LinkConditions.NONE.withLoss(0.3));
    Nic sender = nic("fw1.em0");
    for (int i = 0; i < 5000; i++) {
      sender.transmit(broadcast(sender, "x"));
    }
    world.runUntil(S);
    // Seeded, so exact and repeatable; the band only documents that the rate is about right.
    assertEquals(10_000, world.droppedFrames(DropReason.LOSS) + world.deliveredFrames());
    assertTrue(Math.abs(world.droppedFrames(DropReason.LOSS) - 3000) < 200, "" + world.droppedFrames(DropReason.LOSS));
    assertTrue(fw2.heard.size() != fw3.heard.size() || !fw2.heard.equals(fw3.heard),
        "each receiver draws its own losses");
  }

  @Test
  void lossOnTheSendersOwnCableLosesTheFrameForEverybody() {
    world.setConditions(nic("fw1.em0"), LinkConditions.NONE.withLoss(1.0));
    nic("fw1.em0").transmit(broadcast(nic("fw1.em0"), "lost"));
    world.runUntil(S);
    assertEquals(List.of(), fw2.heard);
    assertEquals(List.of(), fw3.heard);
    assertEquals(List.of(new FrameDropped(1, "fw1.em0", "lan", DropReason.LOSS)),
        world.history().events(FrameDropped.class));
  }

  @Test
  void duplicationDeliversASecondCopy() {
    world.setConditions(nic("fw2.em0"), LinkConditions.NONE.withLatency(10 * US).withDuplicate(1.0));
    nic("fw1.em0").transmit(broadcast(nic("fw1.em0"), "twice"));
    world.runUntil(S);
    assertEquals(List.of("115000 em0 twice", "115000 em0 twice"), fw2.heard);
    assertEquals(List.of("105000 em0 twice"), fw3.heard);
  }

  @Test
  void jitterStaysWithinItsRangeAndVaries() {
    world.setConditions(world.segment("lan"), LinkConditions.NONE.withLatency(100 * US).withJitter(50 * US));
    Nic sender = nic("fw1.em0");
    for (int i = 0; i < 200; i++) {
      world.scheduler().schedule(i * S, () -> sender.transmit(broadcast(sender, "j")));
    }
    world.runUntil(300 * S);
    java.util.Set<Long> delays = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      long delay = Long.parseLong(fw3.heard.get(i).split(" ")[0]) - i * S;
      assertTrue(delay >= 105 * US && delay <= 155 * US, "delay " + delay);
      delays.add(delay);
    }
    assertTrue(delays.size() > 150, "jitter draws vary: " + delays.size() + " distinct");
  }

  @Test
  void aPartitionedHubDeliversOnlyWithinASideUntilHealed() {
    world.partition(world.segment("lan"), org.carpsim.sim.topology.Partition.parse("fw1 | fw2"));
    assertEquals(List.of(List.of(nic("fw1.em0")), List.of(nic("fw2.em0")), List.of(nic("fw3.em0"))),
        world.segment("lan").sides());
    nic("fw1.em0").transmit(broadcast(nic("fw1.em0"), "alone"));
    world.runUntil(S);
    assertEquals(List.of(), fw2.heard);
    assertEquals(List.of(), fw3.heard);
    assertEquals(2, world.droppedFrames(DropReason.PARTITION));

    world.partition(world.segment("lan"), org.carpsim.sim.topology.Partition.parse("fw1 fw3"));
    nic("fw3.em0").transmit(broadcast(nic("fw3.em0"), "side"));
    world.runUntil(2 * S);
    assertEquals(List.of((S + 105 * US) + " em0 side"), fw1.heard);
    assertEquals(List.of(), fw2.heard);

    world.heal(world.segment("lan"));
    nic("fw2.em0").transmit(broadcast(nic("fw2.em0"), "healed"));
    world.runUntil(3 * S);
    assertEquals((2 * S + 115 * US) + " em0 healed", fw1.heard.get(1));
    assertEquals(List.of((2 * S + 110 * US) + " em0 healed"), fw3.heard);
    assertEquals(List.of(
            "0 0.000000000 partition lan fw1 | fw2",
            "4 1.000000000 partition lan fw1 fw3",
            "8 2.000000000 heal lan"),
        world.history().select(e -> !e.event().isFrameEvent()).stream().map(e -> e.toLine()).toList());
  }
}
