package org.carpsim.sim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.api.Test;

class TopologyTest {

  private static Topology twoFirewalls() {
    return Topology.builder()
        .hub("lan")
        .learningSwitch("wan", Durations.parse("300s"))
        .hub("dmz")
        .hosts("fw1", "fw2", "web", "client", "island")
        .nic("fw1", "em0", "lan")
        .nic("fw1", "em1", "wan", Macs.parse("02:00:00:00:01:01"))
        .nic("fw2", "em0", "lan")
        .nic("fw2", "em1", "wan")
        .nic("client", "em0", "lan")
        .nic("web", "em0", "dmz")
        .build();
  }

  @Test
  void assignsMacsInDeclarationOrderSkippingExplicitOnes() {
    Topology topology = Topology.builder()
        .hub("lan")
        .hosts("a", "b", "c")
        .nic("a", "em0", "lan")
        .nic("b", "em0", "lan", Macs.parse("02:00:00:00:00:02"))
        .nic("c", "em0", "lan")
        .build();
    assertEquals("02:00:00:00:00:01", Macs.format(topology.nic("a.em0").mac()));
    assertEquals("02:00:00:00:00:02", Macs.format(topology.nic("b.em0").mac()));
    assertEquals("02:00:00:00:00:03", Macs.format(topology.nic("c.em0").mac()));
  }

  @Test
  void answersNeighboursSegmentsAndIndependentGroups() {
    Topology topology = twoFirewalls();
    assertEquals(List.of("fw2", "client"), names(topology.neighbours("fw1")));
    assertEquals(List.of("fw1", "fw2"), names(topology.neighbours("client")));
    assertEquals(List.of(), names(topology.neighbours("web")));
    assertEquals("wan", topology.segmentOf("fw1.em1").name());
    assertEquals(SegmentKind.LEARNING_SWITCH, topology.segmentOf("fw2.em1").kind());
    assertEquals(List.of(Set.of("fw1", "fw2", "client"), Set.of("web"), Set.of("island")),
        topology.independentGroups());
    assertEquals(8, topology.graph().vertexSet().size());
    assertEquals(6, topology.graph().edgeSet().size());
    assertTrue(topology.graph().containsEdge(topology.host("fw1"), topology.segment("wan")));
  }

  @Test
  void resolvesTheSidesOfAPartition() {
    Topology topology = twoFirewalls();
    List<List<NicSpec>> sides = topology.sides("lan", Partition.parse("fw1 | fw2.em0"));
    assertEquals(3, sides.size(), "two named sides and the rest");
    assertEquals(List.of("fw1.em0"), qualified(sides.get(0)));
    assertEquals(List.of("fw2.em0"), qualified(sides.get(1)));
    assertEquals(List.of("client.em0"), qualified(sides.get(2)));
    assertEquals(2, topology.sides("lan", Partition.parse("fw1 | fw2 client")).size());
  }

  @Test
  void refusesPartitionMembersNotOnTheSegment() {
    TopologyException e = assertThrows(TopologyException.class,
        () -> twoFirewalls().sides("lan", Partition.parse("fw1 | web")));
    assertEquals("partition of lan: web is not on segment lan (on it: fw1.em0, fw2.em0, client.em0)",
        e.getMessage());
  }

  @Test
  void refusesAMemberOnTwoSides() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Partition.parse("fw1 | fw2 fw1"));
    assertEquals("fw1 is on two sides of the partition (sides 1 and 2)", e.getMessage());
    assertEquals("side 2 of the partition is empty",
        assertThrows(IllegalArgumentException.class, () -> Partition.parse("fw1 |")).getMessage());
  }

  @Test
  void refusesANicOnTwoSegments() {
    TopologyException e = assertThrows(TopologyException.class, () -> Topology.builder()
        .hub("lan").hub("wan").host("fw1")
        .nic("fw1", "em0", "lan")
        .nic("fw1", "em0", "wan")
        .build());
    assertEquals("NIC fw1.em0 is on two segments: lan and wan", e.getMessage());
  }

  @Test
  void refusesDuplicateMacsOnOneSegmentButNotAcrossSegments() {
    long mac = Macs.parse("02:00:00:00:00:09");
    TopologyException e = assertThrows(TopologyException.class, () -> Topology.builder()
        .hub("lan").hosts("fw1", "fw2")
        .nic("fw1", "em0", "lan", mac)
        .nic("fw2", "em0", "lan", mac)
        .build());
    assertEquals("MAC 02:00:00:00:00:09 is used by both fw1.em0 and fw2.em0 on segment lan", e.getMessage());
    Topology.builder().hub("lan").hub("wan").host("sun")
        .nic("sun", "le0", "lan", mac)
        .nic("sun", "le1", "wan", mac)
        .build(); // one MAC per host on every NIC, as old Suns did: allowed
  }

  @Test
  void refusesUnknownHostsAndSegmentsListingTheKnownOnes() {
    TopologyException e = assertThrows(TopologyException.class, () -> Topology.builder()
        .hub("lan").hub("wan").hosts("fw1", "fw2")
        .nic("fw3", "em0", "lan")
        .nic("fw1", "em0", "lam")
        .build());
    assertEquals(List.of(
            "NIC fw3.em0: unknown host fw3 (hosts: fw1, fw2)",
            "NIC fw1.em0: unknown segment lam (segments: lan, wan)"),
        e.problems());
    assertEquals("2 problems in the topology:\n"
        + "  - NIC fw3.em0: unknown host fw3 (hosts: fw1, fw2)\n"
        + "  - NIC fw1.em0: unknown segment lam (segments: lan, wan)", e.getMessage());
  }

  @Test
  void refusesDuplicateNames() {
    TopologyException e = assertThrows(TopologyException.class, () -> Topology.builder()
        .hub("lan").hub("lan").learningSwitch("fw1")
        .hosts("fw1", "fw1")
        .nic("fw1", "em0", "lan")
        .nic("fw1", "em0", "lan")
        .build());
    assertEquals(List.of(
            "host fw1 is declared twice",
            "segment lan is declared twice",
            "name fw1 is used by both a host and a segment",
            "NIC fw1.em0 is declared twice"),
        e.problems());
  }

  @Test
  void refusesBadNamesAndMacs() {
    TopologyException e = assertThrows(TopologyException.class, () -> Topology.builder()
        .hub("my lan").hosts("fw.1", "")
        .nic("fw.1", "em0", "my lan", Macs.parse("01:00:5e:00:00:12"))
        .build());
    assertEquals(List.of(
            "host name 'fw.1' may not contain '.' (host.nic names a NIC)",
            "a host needs a non-empty name",
            "segment name 'my lan' may not contain whitespace",
            "NIC fw.1.em0: MAC 01:00:5e:00:00:12 is a group (multicast) address; a NIC needs a unicast MAC"),
        e.problems());
  }

  @Test
  void lookupsOfUnknownNamesSayWhatExists() {
    Topology topology = twoFirewalls();
    assertEquals("unknown NIC fw1.em7 (fw1 has em0, em1)",
        assertThrows(TopologyException.class, () -> topology.nic("fw1.em7")).getMessage());
    assertEquals("unknown NIC fw9.em0: unknown host fw9 (hosts: fw1, fw2, web, client, island)",
        assertThrows(TopologyException.class, () -> topology.nic("fw9.em0")).getMessage());
    assertEquals("'fw1' is not a NIC name; write host.nic, e.g. fw1.em0",
        assertThrows(TopologyException.class, () -> topology.nic("fw1")).getMessage());
    assertEquals("unknown segment lam (segments: lan, wan, dmz)",
        assertThrows(TopologyException.class, () -> topology.segment("lam")).getMessage());
    assertEquals("unknown NIC island.em0 (island has no NICs)",
        assertThrows(TopologyException.class, () -> topology.nic("island.em0")).getMessage());
  }

  @Test
  void linkConditionsNameTheBadField() {
    assertEquals("loss must be a probability between 0 and 1, got 1.5",
        assertThrows(IllegalArgumentException.class, () -> LinkConditions.NONE.withLoss(1.5)).getMessage());
    assertEquals("latency must be at least 0, got -1ns",
        assertThrows(IllegalArgumentException.class, () -> LinkConditions.NONE.withLatency(-1)).getMessage());
    assertEquals("latency=200us jitter=50us loss=0.001 duplicate=0.0",
        LinkConditions.NONE.withLatency(200_000).withJitter(50_000).withLoss(0.001).toString());
  }

  private static List<String> names(List<HostSpec> hosts) {
    return hosts.stream().map(HostSpec::name).toList();
  }

  private static List<String> qualified(List<NicSpec> nics) {
    return nics.stream().map(NicSpec::qualifiedName).toList();
  }
}
