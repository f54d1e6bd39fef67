package org.carpsim.conformance.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.carp.wire.Vrrp3Advertisement;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.ObservationCases;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.live.LiveInterface;
import org.junit.jupiter.api.Test;

/**
 * The tester's IPv6 parts, offline: advertisements to ff02::12 with the HMAC of carp-protocol.md
 * §2.8 (T4, and an IPv6-only vector computed the same way with Python's hmac), neighbour
 * solicitations to the solicited-node group, the injection policy, the dry run, and A1/A2 judged
 * over IPv6 advertisements.
 */
class Ipv6TesterTest {

  private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:07");
  private static final Ipv6Address LL = LiveInterface.eui64LinkLocal(MAC);
  private static final Ipv6Address VIP6 = Ipv6Address.parse("fd99::100");
  private static final long COUNTER = 0x0123456789abcdefL;

  private static String hmacHex(byte[] frame) {
    Ipv6Packet p = (Ipv6Packet) ((EthernetFrame) Frames.decode(frame)).payload();
    return HexFormat.of().formatHex(((CarpAdvertisement) p.payload()).hmacBytes());
  }

  @Test
  void anIpv6AdvertisementGoesToFf02_12WithHopLimit255AndAValidHeader() {
    AdvertisementCrafter c = new AdvertisementCrafter(HmacScheme.OPENBSD, 1, "secret", List.of(), List.of(VIP6));
    byte[] f = c.advertisement6(MAC, LL, 1, 0, 0, COUNTER, Fault.NONE);
    EthernetFrame ef = (EthernetFrame) Frames.decode(f);
    assertEquals(MacAddress.parse("33:33:00:00:00:12"), ef.header().destination());
    assertEquals(MAC, ef.header().source());
    Ipv6Packet p = (Ipv6Packet) ef.payload();
    assertEquals(Ipv6Address.CARP_GROUP, p.header().destination());
    assertEquals(LL, p.header().source());
    assertEquals(255, p.header().hopLimit());
    assertEquals(112, p.header().nextHeader());
    assertEquals(36, p.header().payloadLength());
    CarpAdvertisement ad = (CarpAdvertisement) p.payload();
    assertTrue(ad.checksumOk());
    assertEquals(1, ad.vhid());
    assertEquals(COUNTER, ad.counter());
    assertEquals(90, f.length, "14 + 40 + 36 bytes: no padding needed");
    assertTrue(TesterPort.allowed6(f, 1, MAC, Set.of()));
    assertFalse(TesterPort.allowed6(f, 2, MAC, Set.of()), "another vhid");
    assertEquals(54, TesterPort.carpOffset6(f));
    assertEquals(-1, TesterPort.carpOffset(f), "not an IPv4 frame");
  }

  @Test
  void theHmacCoversTheIpv6VipsAsTheReferenceVectorsSay() {
    // §2.8 T4: pass "secret", vhid 1, 192.0.2.1 and 2001:db8::1, counter 0123456789abcdef
    AdvertisementCrafter t4 = new AdvertisementCrafter(HmacScheme.OPENBSD, 1, "secret",
        List.of(Ipv4Address.parse("192.0.2.1")), List.of(Ipv6Address.parse("2001:db8::1")));
    assertEquals("db180978ac8c2b21432a4778b3b5f3a2f75ac80b", hmacHex(t4.advertisement6(MAC, LL, 1, 0, 0, COUNTER,
        Fault.NONE)));
    // IPv6 only: HMAC-SHA1("secret" zero-padded to 20, 02 01 01 fd99::100 0123456789abcdef)
    AdvertisementCrafter v6 = new AdvertisementCrafter(HmacScheme.OPENBSD, 1, "secret", List.of(), List.of(VIP6));
    assertEquals("d444d67b235d68cc48447ba4c330fffa8a290340", hmacHex(v6.advertisement6(MAC, LL, 1, 0, 0, COUNTER,
        Fault.NONE)));
    // the scope-less link-local source never enters it, and the wrong-VIP fault changes it
    assertFalse(hmacHex(v6.advertisement6(MAC, LL, 1, 0, 0, COUNTER, Fault.WRONG_VIPS)).equals(
        "d444d67b235d68cc48447ba4c330fffa8a290340"));
  }

  @Test
  void faultsApplyOverIpv6AndC8BecomesVrrp3() {
    AdvertisementCrafter c = new AdvertisementCrafter(HmacScheme.OPENBSD, 1, "secret", List.of(), List.of(VIP6));
    Ipv6Packet ttl = (Ipv6Packet) ((EthernetFrame) Frames.decode(c.advertisement6(MAC, LL, 1, 0, 0, 1, Fault.TTL_64)))
        .payload();
    assertEquals(64, ttl.header().hopLimit());
    Ipv6Packet bad = (Ipv6Packet) ((EthernetFrame) Frames.decode(c.advertisement6(MAC, LL, 1, 0, 0, 1,
        Fault.BAD_CHECKSUM))).payload();
    assertFalse(((CarpAdvertisement) bad.payload()).checksumOk());
    assertEquals(2, (c.advertisement6(MAC, LL, 1, 0, 0, 1, Fault.OTHER_VHID)[55] & 0xff));
    byte[] vrrp = c.advertisement6(MAC, LL, 1, 0, 0, 1, Fault.VRRP2);
    Ipv6Packet v3 = (Ipv6Packet) ((EthernetFrame) Frames.decode(vrrp)).payload();
    Vrrp3Advertisement a = (Vrrp3Advertisement) v3.payload();
    assertEquals(Ipv6Address.CARP_GROUP, v3.header().destination());
    assertEquals(24, v3.header().payloadLength(), "8 + one IPv6 address: shorter than the 36-byte CARP header");
    assertEquals(1, a.vrid());
    assertEquals(List.of(VIP6), a.ipv6Addresses());
    assertTrue(v3.payloadChecksumOk());
    assertTrue(TesterPort.allowed6(vrrp, 1, MAC, Set.of()), "its VRID byte sits where CARP's vhid does");
  }

  @Test
  void aNeighbourSolicitationGoesToTheSolicitedNodeGroupWithOurLinkLayerAddress() {
    byte[] f = AdvertisementCrafter.neighborSolicitation(MAC, LL, VIP6);
    EthernetFrame ef = (EthernetFrame) Frames.decode(f);
    assertEquals(MacAddress.parse("33:33:ff:00:01:00"), ef.header().destination());
    Ipv6Packet p = (Ipv6Packet) ef.payload();
    assertEquals(Ipv6Address.parse("ff02::1:ff00:100"), p.header().destination());
    assertEquals(255, p.header().hopLimit());
    assertTrue(p.payloadChecksumOk());
    NeighborSolicitation ns = (NeighborSolicitation) p.payload();
    assertEquals(VIP6, ns.target());
    assertEquals(Optional.of(MAC), ns.sourceLinkLayerAddress());
    assertTrue(TesterPort.allowed6(f, 1, MAC, Set.of(VIP6)));
    assertFalse(TesterPort.allowed6(f, 1, MAC, Set.of()), "not an allowed target");
    assertFalse(TesterPort.allowed6(f, 1, MacAddress.parse("02:00:00:00:00:08"), Set.of(VIP6)), "not our MAC");
    assertFalse(TesterPort.allowed(f, 1, MAC, Set.of()), "the IPv4 policy refuses it");
    assertEquals(Ipv6Address.parse("ff02::1:ff34:5678"),
        AdvertisementCrafter.solicitedNode(Ipv6Address.parse("2001:db8::1234:5678")));
  }

  @Test
  void planAcceptsIpv6VipsButNotForUcarp() {
    ConformancePlan p = new ConformancePlan(Profiles.OPENBSD, 1, "secret", List.of(), 1, 100, false,
        List.of("A1", "D3"), List.of(VIP6));
    assertTrue(p.ipv6Only());
    assertEquals(List.of("fd99::100"), p.vipTexts());
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> new ConformancePlan(Profiles.UCARP,
        1, "secret", List.of(), 1, 100, false, List.of("A1"), List.of(VIP6)));
    assertTrue(u.getMessage().contains("IPv4-only"), u.getMessage());
    IllegalArgumentException ll = assertThrows(IllegalArgumentException.class, () -> new ConformancePlan(
        Profiles.OPENBSD, 1, "secret", List.of(), 1, 100, false, List.of("A1"), List.of(LL)));
    assertTrue(ll.getMessage().contains("--vip fe80::"), ll.getMessage());
  }

  @Test
  void dryRunOfAnIpv6OnlyGroupShowsIpv6Frames() {
    ConformancePlan p = new ConformancePlan(Profiles.OPENBSD, 1, "secret", List.of(), 1, 100, false,
        List.of("A1", "B1", "C8", "D2", "D3"), List.of(VIP6));
    List<String> lines = ConformanceRunner.dryRun(p, MAC, Ipv4Address.ANY);
    assertEquals(7, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("IPv6-only"), lines.get(0));
    assertTrue(lines.get(2).startsWith("B1") && lines.get(2).contains("> ff02::12 hop limit 255"), lines.get(2));
    assertTrue(lines.get(3).startsWith("C8") && lines.get(3).contains("Vrrp3Advertisement")
        && lines.get(3).contains("VRRPv3"), lines.get(3));
    assertTrue(lines.get(4).startsWith("D2") && lines.get(4).contains("no IPv4 VIP"), lines.get(4));
    lines.remove(3);
    lines.remove(3);
    assertTrue(lines.get(3).contains("fe80::ff:fe00:7 > ff02::12 hop limit 255, payload length 36, CARP v2 type 1 "
        + "vhid 1 advbase 1 advskew 0"), lines.get(3));
    assertTrue(lines.get(3).contains("NS who-has fd99::100, source link-layer 02:00:00:00:00:07, checksum ok"),
        lines.get(3));
    assertTrue(lines.get(4).contains("advbase 255 advskew 255") && lines.get(4).contains("ff02::12"), lines.get(4));
    assertFalse(String.join("\n", lines).contains("secret"));
  }

  @Test
  void a1AndA2JudgeIpv6AdvertisementsFromTheIutsLinkLocalAddress() {
    AdvertisementCrafter iut = new AdvertisementCrafter(HmacScheme.OPENBSD, 1, "secret", List.of(), List.of(VIP6));
    MacAddress virtual = MacAddress.carpVirtual(1);
    Ipv6Address iutLl = Ipv6Address.parse("fe80::1");
    List<ObservedAdvertisement> ads = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ads.add(ObservedAdvertisement.of6(i * 1_000_000_000L, iut.advertisement6(virtual, iutLl, 1, 0, 0, 7 + i,
          Fault.NONE)).orElseThrow());
    }
    IutConfig cfg = new IutConfig(Profiles.OPENBSD, Ipv4Address.ANY, 1, "secret", List.of(), 1, 0, List.of(VIP6));
    List<CaseResult> r = new ObservationCases(cfg, 20_000_000L).judge6(iutLl, ads);
    assertEquals(List.of(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS), r.stream().map(CaseResult::verdict)
        .toList(), r.toString());
    assertTrue(r.get(0).expected().contains("hop limit 255, dst ff02::12"), r.get(0).expected());
    IutConfig wrongVip = new IutConfig(Profiles.OPENBSD, Ipv4Address.ANY, 1, "secret", List.of(), 1, 0,
        List.of(Ipv6Address.parse("fd99::101")));
    assertEquals(Verdict.FAIL, new ObservationCases(wrongVip, 20_000_000L).judge6(iutLl, ads).get(1).verdict());
    ads.set(3, ObservedAdvertisement.of6(3_000_000_000L, iut.advertisement6(virtual, iutLl, 1, 0, 0, 10,
        Fault.TTL_64)).orElseThrow());
    CaseResult a1 = new ObservationCases(cfg, 20_000_000L).judge6(iutLl, ads).get(0);
    assertEquals(Verdict.FAIL, a1.verdict());
    assertEquals("hop limit 64", a1.measured());
  }
}
