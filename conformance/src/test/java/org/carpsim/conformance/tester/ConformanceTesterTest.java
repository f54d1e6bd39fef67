package org.carpsim.conformance.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
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
      ObservedAdvertisement a = ObservedAdvertisement.of(0, c.advertisement(MAC, SRC, 1, 0, 77, 1, f)).orElseThrow();
      assertEquals(5, a.carp().vhid());
      assertEquals(f == Fault.TTL_64 ? 64 : 255, a.ip().ttl(), f.name());
      assertEquals(f != Fault.BAD_CHECKSUM, a.carp().checksumOk(), f.name());
      assertEquals(f != Fault.WRONG_PASS, good.verify(a.carp().counter(), a.carp().hmacBytes()), f.name());
      assertEquals(MAC, a.sourceMac());
      assertEquals(SRC, a.ip().source());
    }
  }

  @Test
  void dryRunSummarisesTheFramesPerCaseWithoutThePass() {
    List<String> lines = ConformanceRunner.dryRun(plan(7, 1, 100, List.of("A1", "B4", "C1", "C3", "B1")), MAC, SRC);
    String text = String.join("\n", lines);
    assertFalse(text.contains("hunter2"));
    assertTrue(lines.get(1).startsWith("A1 advertisement format: observe only"), text);
    assertTrue(lines.get(2).contains("vhid 7 advbase 1 advskew 0") && lines.get(2).contains("TTL 255"), text);
    assertTrue(lines.get(3).contains("TTL 64"), text);
    assertTrue(lines.get(4).contains("checksum bad"), text);
    assertTrue(lines.get(5).contains("SKIP, not implemented yet"), text);
  }

  @Test
  void junitXmlHasOneTestcasePerCaseWithFailureAndSkipped() throws Exception {
    List<CaseResult> rs = List.of(
        new CaseResult("A1", "advertisement format", Verdict.PASS, "11 ok", "proto 112", "exact", ""),
        new CaseResult("A3", "interval", Verdict.FAIL, "1.3 s", "1.195 s", "20 ms", "too <slow> & late"),
        ConformanceRunner.notImplemented("D1"));
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
    assertEquals("not implemented yet", skipped.getAttribute("message"));
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
