package org.carpsim.conformance.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A1–A4 judged on the real ucarp capture (captures/README.md: ucarp 1.5.2, vhid 1, VIP 10.99.0.100,
 * pass "secret"; h1 = 10.99.0.11 advskew 0, h2 = 10.99.0.12 advskew 100): right configuration
 * passes, each wrong expectation fails the case it belongs to.
 */
class ObservationCasesTest {

  /** A copy of shared/captures/ucarp-failover.pcap (with its README) in the test resources. */
  private static final String CAPTURE = "/captures/ucarp-failover.pcap";
  private static final Ipv4Address H1 = Ipv4Address.parse("10.99.0.11");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.99.0.100");
  private static final long TOLERANCE = 20_000_000L;
  private static List<ObservedAdvertisement> ads;

  @BeforeAll
  static void read() throws Exception {
    ads = new ArrayList<>();
    try (PcapReader r = PcapReader.open(Path.of(ObservationCasesTest.class.getResource(CAPTURE).toURI()))) {
      for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
        ObservedAdvertisement.of(rec.timestampNanos(), rec.data()).ifPresent(ads::add);
      }
    }
  }

  private static List<CaseResult> judge(IutConfig iut) {
    return new ObservationCases(iut, TOLERANCE).judge(ads);
  }

  private static IutConfig ucarpH1(String pass, int advskew) {
    return new IutConfig(Profiles.UCARP, H1, 1, pass, List.of(VIP), 1, advskew);
  }

  @Test
  void theRightConfigurationPassesA1ToA4() {
    List<CaseResult> r = judge(ucarpH1("secret", 0));
    assertEquals(List.of("A1", "A2", "A3", "A4"), r.stream().map(CaseResult::id).toList());
    for (CaseResult c : r) {
      assertEquals(Verdict.PASS, c.verdict(), c.line());
    }
    assertTrue(r.get(2).measured().startsWith("1.0"), r.get(2).line());
  }

  @Test
  void eachWrongExpectationFailsItsOwnCase() {
    List<CaseResult> wrongPass = judge(ucarpH1("secreT", 0));
    assertEquals(Verdict.FAIL, wrongPass.get(1).verdict(), wrongPass.get(1).line());
    assertEquals(Verdict.PASS, wrongPass.get(0).verdict());

    List<CaseResult> wrongSkew = judge(ucarpH1("secret", 100));
    assertEquals(Verdict.FAIL, wrongSkew.get(2).verdict(), wrongSkew.get(2).line());

    List<CaseResult> asOpenbsd = judge(new IutConfig(Profiles.OPENBSD, H1, 1, "secret", List.of(VIP), 1, 0));
    assertEquals(Verdict.FAIL, asOpenbsd.get(3).verdict(), asOpenbsd.get(3).line());
    assertTrue(asOpenbsd.get(3).line().contains("measured 00:00:5e:00:00:01, expected 00:00:5e:00:01:01"),
        asOpenbsd.get(3).line());
  }

  @Test
  void nothingFromTheIutIsASkipSayingWhy() {
    List<CaseResult> r = judge(new IutConfig(Profiles.UCARP, Ipv4Address.parse("10.99.0.99"), 1, "secret", List.of(VIP), 1, 0));
    for (CaseResult c : r) {
      assertEquals(Verdict.SKIP, c.verdict(), c.line());
      assertFalse(c.note().isEmpty());
    }
  }

  @Test
  void thePassphraseIsNeverPrinted() {
    assertFalse(ucarpH1("secret", 0).toString().contains("secret"));
    for (CaseResult c : judge(ucarpH1("secret", 0))) {
      assertFalse(c.line().contains("secret"), c.line());
    }
  }
}
