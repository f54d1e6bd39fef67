package org.carpsim.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.SegmentKind;
import org.carpsim.sim.topology.SegmentSpec;
import org.carpsim.sim.topology.Snooping;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;

/** IGMP/MLD snooping: a Linux bridge's rules and a managed switch's, memberships, aging, the querier. */
class SnoopingTest {

  private static final long S = 1_000_000_000L;
  private static final int CARP_GROUP = 0xe0000012; // 224.0.0.18
  private static final int SITE_GROUP = 0xef010101; // 239.1.1.1

  private final Probe fw1 = new Probe();
  private final Probe fw2 = new Probe();
  private final Probe pc = new Probe();

  private World world(Snooping snooping) {
    World world = World.builder(Topology.builder()
            .segment(new SegmentSpec("lan", SegmentKind.LEARNING_SWITCH, LinkConditions.NONE,
                SegmentSpec.DEFAULT_MAC_AGING, org.carpsim.sim.topology.MoveLimit.NONE, snooping))
            .hosts("fw1", "fw2", "pc")
            .nic("fw1", "em0", "lan", 0x0200_0000_0001L)
            .nic("fw2", "em0", "lan", 0x0200_0000_0002L)
            .nic("pc", "eth0", "lan", 0x0200_0000_0003L)
            .build())
        .build();
    world.host("fw1").install(fw1);
    world.host("fw2").install(fw2);
    world.host("pc").install(pc);
    return world;
  }

  /** An IPv4 frame to a group with the given protocol and payload (no options). */
  static Frame ipv4(long srcMac, int group, int protocol, byte[] payload) {
    byte[] b = new byte[14 + 20 + payload.length];
    long dstMac = 0x01005e000000L | (group & 0x7fffff);
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (dstMac >>> (40 - 8 * i));
      b[6 + i] = (byte) (srcMac >>> (40 - 8 * i));
    }
    b[12] = 0x08;
    b[14] = 0x45;
    b[16] = (byte) ((20 + payload.length) >>> 8);
    b[17] = (byte) (20 + payload.length);
    b[22] = 1;
    b[23] = (byte) protocol;
    for (int i = 0; i < 4; i++) {
      b[30 + i] = (byte) (group >>> (24 - 8 * i));
    }
    System.arraycopy(payload, 0, b, 34, payload.length);
    return Frame.wrap(b);
  }

  /** An IGMPv2 report (type 0x16) or leave (0x17) for {@code group}. */
  static Frame igmp(long srcMac, int type, int group) {
    byte[] m = {(byte) type, 0, 0, 0, (byte) (group >>> 24), (byte) (group >>> 16), (byte) (group >>> 8), (byte) group};
    return ipv4(srcMac, type == 0x17 ? 0xe0000002 : group, 2, m);
  }

  static Frame carp(long srcMac) {
    return ipv4(srcMac, CARP_GROUP, 112, new byte[36]);
  }

  private static long snooped(World world) {
    return world.droppedFrames(DropReason.SNOOPED);
  }

  @Test
  void aManagedSwitchSendsLinkLocalMulticastOnlyToReportedPortsUntilTheMembershipAgesOut() {
    World world = world(new Snooping(Snooping.Mode.MANAGED, false));
    world.nic("fw1.em0").transmit(carp(0x00005e000101L));
    world.runUntil(S);
    assertEquals(0, fw2.frames.size(), "nobody reported 224.0.0.18: the switch drops it");
    assertEquals(2, snooped(world));

    world.nic("fw2.em0").transmit(igmp(0x0200_0000_0002L, 0x16, CARP_GROUP));
    world.runUntil(2 * S);
    assertEquals(0, pc.frames.size(), "a report goes to router ports only, and there are none");
    world.nic("fw1.em0").transmit(carp(0x00005e000101L));
    world.runUntil(3 * S);
    assertEquals(1, fw2.frames.size(), "fw2 reported the group");
    assertEquals(0, pc.frames.size());
    assertEquals(List.of("fw2.em0"), world.segment("lan").members("224.0.0.18"));

    world.scheduler().schedule(1 * S + Snooping.MEMBERSHIP_INTERVAL,
        () -> world.nic("fw1.em0").transmit(carp(0x00005e000101L)));
    world.runUntil(Snooping.MEMBERSHIP_INTERVAL + 2 * S);
    assertEquals(1, fw2.frames.size(), "260 s after its report the membership aged out");
    assertEquals(List.of(), world.segment("lan").members("224.0.0.18"));
    assertEquals(snooped(world), world.segment("lan").snoopedDrops());
    assertEquals(List.of(
            new org.carpsim.sim.history.GroupNotForwarded("lan", "fw2.em0", "224.0.0.18", -1),
            new org.carpsim.sim.history.GroupNotForwarded("lan", "pc.eth0", "224.0.0.18", -1),
            new org.carpsim.sim.history.GroupNotForwarded("lan", "fw2.em0", "224.0.0.18",
                S + Snooping.MEMBERSHIP_INTERVAL)),
        world.history().events(org.carpsim.sim.history.GroupNotForwarded.class),
        "each lapse once, with its cause: never reported, then aged out 260 s after the report");
  }

  @Test
  void aLinuxBridgeFloods224Dot0Dot0AndFloodsEverythingWithoutAQuerier() {
    World world = world(new Snooping(Snooping.Mode.LINUX_BRIDGE, false));
    world.nic("fw1.em0").transmit(carp(0x00005e000101L));
    world.nic("fw1.em0").transmit(ipv4(0x0200_0000_0001L, SITE_GROUP, 17, new byte[8]));
    world.runUntil(S);
    assertEquals(2, fw2.frames.size(), "224.0.0.x is flooded; without a querier so is every group");
    assertEquals(0, snooped(world));
  }

  @Test
  void aLinuxBridgeWithItsQuerierSendsOtherGroupsToMembersOnlyBut224Dot0Dot0ToAll() {
    World world = world(new Snooping(Snooping.Mode.LINUX_BRIDGE, true));
    world.runUntil(S);
    assertEquals(2, pc.frames.size(), "the querier's IGMP and MLD general queries at start-up");
    assertEquals(0x11, pc.frames.get(0).byteAt(14 + 24));
    assertEquals(130, pc.frames.get(1).byteAt(14 + 40 + 8));
    world.nic("fw2.em0").transmit(igmp(0x0200_0000_0002L, 0x16, SITE_GROUP));
    world.runUntil(2 * S);
    world.nic("fw1.em0").transmit(ipv4(0x0200_0000_0001L, SITE_GROUP, 17, new byte[8]));
    world.nic("fw1.em0").transmit(carp(0x00005e000101L));
    world.runUntil(3 * S);
    assertEquals(2 + 2, fw2.frames.size(), "the group it reported and 224.0.0.18");
    assertEquals(2 + 1, pc.frames.size(), "224.0.0.18 only");
    assertEquals(2 + 1, snooped(world), "the report (to router ports only: none) and the group's frame to pc");
  }

  @Test
  void theQuerierSendsTwoStartupQueriesThenOneEvery125Seconds() {
    World world = world(new Snooping(Snooping.Mode.MANAGED, true));
    world.runUntil(200 * S);
    // 0 s, 31.25 s (start-up), 156.25 s: three rounds of an IGMP and an MLD query
    assertEquals(6, pc.frames.size());
    assertEquals(3, world.segment("lan").queriesSent());
    assertEquals(List.of("0 eth0", "31250000000 eth0", "156250000000 eth0"), pc.heard.stream()
        .map(h -> h.substring(0, h.indexOf("eth0") + 4)).distinct().toList());
  }

  @Test
  void aPortWhoseLinkGoesDownLosesItsMemberships() {
    World world = world(new Snooping(Snooping.Mode.MANAGED, false));
    world.nic("fw2.em0").transmit(igmp(0x0200_0000_0002L, 0x16, CARP_GROUP));
    world.runUntil(S);
    world.setCarrier(world.nic("fw2.em0"), false);
    world.setCarrier(world.nic("fw2.em0"), true);
    assertEquals(List.of(), world.segment("lan").members("224.0.0.18"), "until the host reports again");
  }

  @Test
  void aLeaveEndsTheMembershipAfterTheLastMemberQueries() {
    World world = world(new Snooping(Snooping.Mode.MANAGED, false));
    world.nic("fw2.em0").transmit(igmp(0x0200_0000_0002L, 0x16, CARP_GROUP));
    world.runUntil(S);
    world.nic("fw2.em0").transmit(igmp(0x0200_0000_0002L, 0x17, CARP_GROUP));
    world.runUntil(S + Snooping.LEAVE_INTERVAL);
    assertEquals(List.of(), world.segment("lan").members("224.0.0.18"));
  }

  @Test
  void snoopingAndTheQuerierSwitchAtAnInstantAndTheHistorySaysSo() {
    World world = world(Snooping.OFF);
    world.schedule(10 * S, new Fault.SwitchSnooping("lan", Snooping.Mode.MANAGED));
    world.schedule(20 * S, new Fault.SwitchSnooping("lan", Snooping.Mode.OFF));
    world.scheduler().schedule(5 * S, () -> world.nic("fw1.em0").transmit(carp(0x00005e000101L)));
    world.scheduler().schedule(15 * S, () -> world.nic("fw1.em0").transmit(carp(0x00005e000101L)));
    world.scheduler().schedule(25 * S, () -> world.nic("fw1.em0").transmit(carp(0x00005e000101L)));
    world.runUntil(30 * S);
    assertEquals(2, fw2.frames.size(), "flooded before and after snooping, dropped while it was on");
    assertEquals(List.of(new Fault.SwitchSnooping("lan", Snooping.Mode.MANAGED),
        new Fault.SwitchSnooping("lan", Snooping.Mode.OFF)), world.history().events(Fault.SwitchSnooping.class));
    assertEquals("off querier off", world.segment("lan").snooping().toString());
  }

  @Test
  void aQuerierSwitchedOnAtAnInstantSendsItsStartupQueriesFromThen() {
    World world = world(new Snooping(Snooping.Mode.MANAGED, false));
    world.schedule(5 * S, new Fault.SwitchQuerier("lan", true));
    world.schedule(5 * S, new Fault.SwitchQuerier("lan", true));
    world.runUntil(40 * S);
    assertEquals(List.of("5000000000", "36250000000"), pc.heard.stream().map(h -> h.substring(0, h.indexOf(' ')))
        .distinct().toList());
    assertEquals(1, world.history().events(Fault.SwitchQuerier.class).size(), "the second changed nothing");
  }
}
