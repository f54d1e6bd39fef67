package org.carpsim.sim.net;

import static org.carpsim.sim.net.Probe.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.FrameDropped;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.PortPolicy;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;

/** A hypervisor's vSwitch port: forged transmits and frames to other MACs, rejected or accepted. */
class PortPolicyTest {

  private static final long VIRTUAL = Macs.parse("00:00:5e:00:01:01");
  private static final long BROADCAST = Macs.parse("ff:ff:ff:ff:ff:ff");

  private final World world = World.builder(Topology.builder()
          .hub("lan", LinkConditions.NONE)
          .hosts("vm1", "vm2", "pc")
          .nic("vm1", "vnic0", "lan", 0x0200_0000_0001L, LinkConditions.NONE, new PortPolicy(false, false))
          .nic("vm2", "vnic0", "lan", 0x0200_0000_0002L, LinkConditions.NONE, PortPolicy.OPEN)
          .nic("pc", "eth0", "lan", 0x0200_0000_0003L)
          .build())
      .build();
  private final Probe vm1 = new Probe();
  private final Probe vm2 = new Probe();
  private final Probe pc = new Probe();

  PortPolicyTest() {
    world.host("vm1").install(vm1);
    world.host("vm2").install(vm2);
    world.host("pc").install(pc);
  }

  @Test
  void aRejectingPortDropsForgedSourcesOnTheWayOut() {
    Nic nic = world.nic("vm1.vnic0");
    nic.transmit(frame(BROADCAST, VIRTUAL, "advertisement from the virtual MAC"));
    nic.transmit(frame(BROADCAST, 0x0200_0000_0001L, "from its own MAC"));
    world.nic("vm2.vnic0").transmit(frame(BROADCAST, VIRTUAL, "an open port lets it out"));
    world.runUntil(1);
    assertEquals(List.of("0 eth0 from its own MAC", "0 eth0 an open port lets it out"), pc.heard);
    assertEquals(new FrameDropped(FrameDropped.NOT_SENT, "vm1.vnic0", "lan", DropReason.PORT_POLICY),
        world.history().events(FrameDropped.class).get(0));
  }

  @Test
  void aNonPromiscuousPortHearsOnlyItsOwnMacAndGroups() {
    Nic from = world.nic("pc.eth0");
    from.transmit(frame(VIRTUAL, 0x0200_0000_0003L, "to the virtual MAC"));
    from.transmit(frame(0x0200_0000_0001L, 0x0200_0000_0003L, "to vm1's own MAC"));
    from.transmit(frame(BROADCAST, 0x0200_0000_0003L, "broadcast"));
    world.runUntil(1);
    assertEquals(List.of("0 vnic0 to vm1's own MAC", "0 vnic0 broadcast"), vm1.heard);
    assertEquals(List.of("0 vnic0 to the virtual MAC", "0 vnic0 to vm1's own MAC", "0 vnic0 broadcast"), vm2.heard,
        "a hub floods: an open port hears every frame");
    assertEquals(1, world.history().events(FrameDropped.class).stream()
        .filter(d -> d.reason() == DropReason.PORT_POLICY).count());
  }

  @Test
  void aPortDropsTheDestinationsItIsToldToOneWayOnly() {
    long carp = Macs.parse("01:00:5e:00:00:12");
    World w = World.builder(Topology.builder()
            .hub("lan", LinkConditions.NONE)
            .hosts("fw1", "fw2")
            .nic("fw1", "em0", "lan", 0x0200_0000_0001L)
            .nic("fw2", "em0", "lan", 0x0200_0000_0002L, LinkConditions.NONE,
                new PortPolicy(true, true, java.util.Set.of(carp), java.util.Set.of()))
            .build())
        .build();
    Probe fw1 = new Probe();
    Probe fw2 = new Probe();
    w.host("fw1").install(fw1);
    w.host("fw2").install(fw2);
    w.nic("fw1.em0").transmit(frame(carp, 0x0200_0000_0001L, "advertisement"));
    w.nic("fw1.em0").transmit(frame(BROADCAST, 0x0200_0000_0001L, "broadcast"));
    w.nic("fw2.em0").transmit(frame(carp, 0x0200_0000_0002L, "the other way"));
    w.runUntil(1);
    assertEquals(List.of("0 em0 broadcast"), fw2.heard, "the dropped destination never reaches fw2");
    assertEquals(List.of("0 em0 the other way"), fw1.heard, "but fw2's own multicast leaves");
    assertEquals(1, w.nic("fw2.em0").destinationDropped());
  }
}
