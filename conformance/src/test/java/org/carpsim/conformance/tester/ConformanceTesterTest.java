package org.carpsim.conformance.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.DecodeError;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Vrrp2Advertisement;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The tester's offline parts: plan validation, crafted frames, dry-run text, JUnit XML, A5. */
class ConformanceTesterTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");
  private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:07");
  private static final Ipv4Address SRC = Ipv4Address.parse("10.99.0.12");

  private static ConformancePlan plan(int vhid, int advbase, int advskew, List<String> cases) {
    return new ConformancePlan(Profiles.UCARP, vhid, "hunter2", List.of(VIP), advbase, advskew, false, cases);
  }

  @Test
  void planRejectsOutOfRangeValuesNamingTheOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> plan(0, 1, 0, List.of("A1"))).getMessage()
        .contains("--vhid 0 is out of range 1..255"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> plan(1, 255, 0, List.of("A1"))).getMessage()
        .contains("--advbase 255 is out of range 1..254"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> plan(1, 1, 255, List.of("A1"))).getMessage()
        .contains("--advskew 255"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConformancePlan.parseCases("A1,Z9")).getMessage()
        .contains("unknown case 'Z9'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new ConformancePlan(Profiles.UCARP, 1, "x", List.of(), 1, 0, false, List.of("A1"))).getMessage()
        .contains("--vip"));
  }

  @Test
  void casesAreParsedIntoCatalogueOrderWithoutDuplicates() {
    assertEquals(List.of("A1", "A3", "B4", "C10"), ConformancePlan.parseCases("c10, b4,a3,A1,a1"));
    assertEquals(27, ConformancePlan.parseCases(null).size());
  }

  @Test
  void planToStringHidesThePass() {
    assertFalse(plan(1, 1, 0, List.of("A1")).toString().contains("hunter2"));
  }

  @Test
  void craftedAdvertisementsCarryTheirFaultAndOnlyIt() {
    AdvertisementCrafter c = new AdvertisementCrafter(HmacScheme.UCARP, 5, "secret", List.of(VIP));
    CarpHmac good = CarpHmac.prepare(HmacScheme.UCARP, CarpKey.ucarp("secret"), 5, List.of(VIP), List.of(), null);
    for (Fault f : Fault.values()) {
      byte[] frame = c.advertisement(MAC, SRC, 1, 0, 77, 1, f);
      if (f == Fault.SHORT) {
        // too short to decode: read the bytes (IP length 48, CARP checksum field present, vhid 5)
        assertTrue(Frames.decode(frame) instanceof DecodeError, "a 28-byte CARP header is undecodable");
        assertEquals(48, ((frame[16] & 0xff) << 8) | (frame[17] & 0xff));
        assertEquals(255, frame[22] & 0xff);
        assertEquals(112, frame[23] & 0xff);
        assertEquals(0x21, frame[34] & 0xff);
        assertEquals(5, frame[35] & 0xff);
        continue;
      }
      EthernetFrame ef = (EthernetFrame) Frames.decode(frame);
      Ipv4Packet ip = (Ipv4Packet) ef.payload();
      assertEquals(MAC, ef.header().source(), f.name());
      assertEquals(SRC, ip.header().source(), f.name());
      assertEquals(Ipv4Address.CARP_GROUP, ip.header().destination(), f.name());
      assertEquals(112, ip.header().protocol(), f.name());
      assertTrue(ip.header().checksumOk(), f.name() + ": the IP header is always right");
      assertEquals(f == Fault.TTL_64 ? 64 : 255, ip.header().ttl(), f.name());
      switch (f) {
        case VRRP2 -> {
          Vrrp2Advertisement v = (Vrrp2Advertisement) ip.payload();
          assertEquals(5, v.vrid());
          assertEquals(List.of(VIP), v.addresses());
          assertEquals(20 + 20, ip.header().totalLength());
          assertTrue(v.checksumOk());
        }
        default -> {
          // version 3 decodes as VRRPv3; read the same bytes as CARP
          CarpAdvertisement ad = CarpAdvertisement.readOrNull(frame, 34, ip.header().totalLength() - 20);
          assertEquals(f == Fault.OTHER_VHID ? 6 : 5, ad.vhid(), f.name());
          assertEquals(f == Fault.BAD_VERSION ? 3 : 2, ad.version(), f.name());
          assertEquals(f == Fault.ODD_TYPE_AUTHLEN ? 2 : 1, ad.type(), f.name());
          assertEquals(f == Fault.ODD_TYPE_AUTHLEN ? 0 : 7, ad.authLength(), f.name());
          assertEquals(f != Fault.BAD_CHECKSUM, ad.checksumOk(), f.name());
          boolean hmacOk = f != Fault.WRONG_PASS && f != Fault.WRONG_VIPS;
          assertEquals(hmacOk, good.verify(ad.counter(), ad.hmacBytes()), f.name());
          if (ip.payload() instanceof CarpAdvertisement) { // authlen 0 decodes as a VRRPv2 packet with no address
            assertEquals(f == Fault.TRAILING_BYTES ? 8 : 0, ip.surplus().length(), f.name());
          }
          assertEquals(f == Fault.TRAILING_BYTES ? 64 : 56, ip.header().totalLength(), f.name());
        }
      }
    }
  }

  @Test
  void everyCCaseHasOneFaultAndBackAgain() {
    for (int i = 1; i <= 10; i++) {
      Fault f = Fault.ofCase("C" + i).orElseThrow();
      assertEquals("C" + i, f.caseId().orElseThrow());
    }
    assertTrue(Fault.ofCase("B4").isEmpty());
    assertTrue(Fault.NONE.caseId().isEmpty());
  }

  @Test
  void faultAcceptanceFollowsTheProfilesReceiveChecks() {
    for (Profile p : List.of(Profiles.UCARP, Profiles.OPENBSD, Profiles.FREEBSD, Profiles.NETBSD)) {
      for (Fault f : Fault.values()) {
        boolean accepted = f == Fault.NONE || f == Fault.TRAILING_BYTES || f == Fault.ODD_TYPE_AUTHLEN;
        FaultAcceptance a = FaultAcceptance.of(p, f);
        assertEquals(accepted, a.accepted(), p.name() + " " + f + ": " + a.because());
        assertFalse(a.because().isEmpty());
      }
    }
  }

  @Test
  void bowOutIs255And255AndArpRequestsAskForTheVip() {
    AdvertisementCrafter c = new AdvertisementCrafter(HmacScheme.OPENBSD, 9, "secret", List.of(VIP));
    ObservedAdvertisement bow = ObservedAdvertisement.of(0, c.bowOut(MAC, SRC, 1, 2)).orElseThrow();
    assertEquals(255, bow.carp().advbase());
    assertEquals(255, bow.carp().advskew());
    assertEquals(9, bow.carp().vhid());
    EthernetFrame arp = (EthernetFrame) Frames.decode(AdvertisementCrafter.arpRequest(MAC, SRC, VIP));
    assertEquals(MacAddress.BROADCAST, arp.header().destination());
    ArpPacket a = (ArpPacket) arp.payload();
    assertEquals(ArpPacket.REQUEST, a.operation());
    assertEquals(VIP, a.targetIp());
    assertEquals(SRC, a.senderIp());
    assertEquals(MAC, a.senderMac());
  }

  @Test
  void thePortInjectsOnlyItsVhidAndArpRequestsForAllowedAddresses() {
    AdvertisementCrafter c = new AdvertisementCrafter(HmacScheme.UCARP, 5, "secret", List.of(VIP));
    Set<Ipv4Address> vips = Set.of(VIP);
    for (Fault f : Fault.values()) {
      assertEquals(f != Fault.OTHER_VHID, TesterPort.allowed(c.advertisement(MAC, SRC, 1, 0, 1, 1, f), 5, MAC, vips),
          f.name());
    }
    assertFalse(TesterPort.allowed(c.advertisement(MAC, SRC, 1, 0, 1, 1, Fault.NONE), 6, MAC, vips), "vhid 5 on a vhid-6 port");
    assertTrue(TesterPort.allowed(AdvertisementCrafter.arpRequest(MAC, SRC, VIP), 5, MAC, vips));
    assertFalse(TesterPort.allowed(AdvertisementCrafter.arpRequest(MAC, SRC, SRC), 5, MAC, vips), "not a VIP");
    assertFalse(TesterPort.allowed(AdvertisementCrafter.arpRequest(MAC, SRC, VIP), 5, MAC, Set.of()), "none allowed");
    assertFalse(TesterPort.allowed(AdvertisementCrafter.arpRequest(MacAddress.parse("02:00:00:00:00:08"), SRC, VIP), 5,
        MAC, vips), "another MAC");
    assertFalse(TesterPort.allowed(new byte[60], 5, MAC, vips), "zeros");
  }

  @Test
  void dryRunSummarisesTheFramesPerCaseWithoutThePass() {
    List<String> lines = ConformanceRunner.dryRun(plan(7, 1, 100, ConformancePlan.CATALOGUE), MAC, SRC);
    String text = String.join("\n", lines);
    assertFalse(text.contains("hunter2"));
    assertEquals(ConformancePlan.CATALOGUE.size() + 2, lines.size(), text);
    assertTrue(lines.get(1).startsWith("A1 advertisement format: observe only"), text);
    assertTrue(line(lines, "B1").contains("vhid 7 advbase 1 advskew 0") && line(lines, "B1").contains("TTL 255"), text);
    assertTrue(line(lines, "B2").contains("advskew 101"), text);
    assertTrue(line(lines, "B3").contains("advbase 1 advskew 100"), text);
    assertTrue(line(lines, "B7").contains("advbase 255 advskew 255"), text);
    assertTrue(line(lines, "B8").contains("demote 1"), text);
    assertTrue(line(lines, "C1").contains("TTL 64"), text);
    assertTrue(line(lines, "C2").contains("CARP v3"), text);
    assertTrue(line(lines, "C3").contains("checksum bad"), text);
    assertTrue(line(lines, "C4").contains("vhid 8"), text);
    assertTrue(line(lines, "C7").contains("IP length 48: 28-byte CARP header"), text);
    assertTrue(line(lines, "C8").contains("Vrrp2Advertisement"), text);
    assertTrue(line(lines, "C9").contains("8 trailing bytes"), text);
    assertTrue(line(lines, "C10").contains("type 2") && line(lines, "C10").contains("authlen 0"), text);
    assertTrue(line(lines, "D2").contains("ARP requests for [10.99.0.100]"), text);
    assertTrue(lines.get(lines.size() - 1).startsWith("on exit: a bow-out"), text);
  }

  private static String line(List<String> lines, String id) {
    return lines.stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
  }

  @Test
  void junitXmlHasOneTestcasePerCaseWithFailureAndSkipped() throws Exception {
    List<CaseResult> rs = List.of(
        new CaseResult("A1", "advertisement format", Verdict.PASS, "11 ok", "proto 112", "exact", ""),
        new CaseResult("A3", "interval", Verdict.FAIL, "1.3 s", "1.195 s", "20 ms", "too <slow> & late"),
        new CaseResult("D3", "IPv6 unsolicited neighbour advertisement", Verdict.SKIP, "-", "-", "exact",
            "the IUT has no IPv6 VIP"));
    String xml = JUnitXml.of("carpsim.conformance.ucarp", rs);
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes("UTF-8")));
    Element suite = d.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));
    NodeList cases = suite.getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertTrue(failure.getAttribute("message").contains("too <slow> & late"));
    Element skipped = (Element) ((Element) cases.item(2)).getElementsByTagName("skipped").item(0);
    assertEquals("the IUT has no IPv6 VIP", skipped.getAttribute("message"));
  }

  @Test
  void counterBehaviourIsNamedFromTheObservedCounters() {
    assertEquals("fixed cookie", ConformanceRunner.counterBehaviour(List.of(9L, 9L, 9L)));
    assertEquals("incrementing", ConformanceRunner.counterBehaviour(List.of(9L, 10L, 11L)));
    assertEquals("random", ConformanceRunner.counterBehaviour(List.of(9L, 123456789L, 42L)));
  }

  @Test
  void lineShowsMeasuredExpectedAndTolerance() {
    String l = ConformanceRunner.line(new CaseResult("B4", "takeover", Verdict.PASS, "4.4 s", "4.39 s", "1050 ms", ""));
    assertEquals("B4  PASS  takeover  measured 4.4 s  expected 4.39 s  tolerance 1050 ms", l);
  }
}
