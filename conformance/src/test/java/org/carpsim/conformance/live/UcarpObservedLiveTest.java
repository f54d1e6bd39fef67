package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.ObservationCases;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.TesterPort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Catalogue A1–A4 against a real ucarp in the namespace lab: the tester only watches ucarp's
 * advertisements (ucarp-lab.md "What ucarp puts on the wire") and judges them with {@link
 * ObservationCases}, which derives every expectation from the {@code ucarp} profile; each verdict
 * prints the measured value beside the expected one.
 */
@Tag("live")
class UcarpObservedLiveTest {

  private static final int ADVSKEW = 50;
  private static final long A3_TOLERANCE_NS = 20_000_000L;

  @Test
  void ucarpAdvertisementsPassA1ToA4() throws Exception {
    NamespaceLab.assumeLabAvailable();
    try (NamespaceLab lab = NamespaceLab.create("h1", "t");
        TesterPort tester = LabPorts.tester(lab, "t")) {
      Ipv4Address ucarp = Ipv4Address.parse(lab.address("h1"));
      lab.startUcarp("h1", ADVSKEW, false);
      // Starts BACKUP, masters after ~3 × 1.195 s, then one advertisement per 1.195 s.
      tester.await(all -> from(all, ucarp).size() >= 7, 16_000);
      List<ObservedAdvertisement> ads = from(tester.ads(), ucarp);
      assertTrue(ads.size() >= 7, "A3 needs ≥ 7 advertisements from ucarp within 16 s, captured " + ads.size());

      IutConfig iut = new IutConfig(Profiles.UCARP, ucarp, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW);
      List<CaseResult> results = new ObservationCases(iut, A3_TOLERANCE_NS).judge(ads);
      assertEquals(List.of("A1", "A2", "A3", "A4"), results.stream().map(CaseResult::id).toList());
      for (CaseResult r : results) {
        System.out.println("ucarp " + r.line());
      }
      for (CaseResult r : results) {
        assertEquals(Verdict.PASS, r.verdict(), r.line());
      }
      // The catalogue's own expectations, restated from ucarp-lab.md so a wrong profile cannot pass.
      assertEquals(MacAddress.parse("00:00:5e:00:00:01"), ads.get(0).sourceMac(), "A4 per ucarp-lab.md");
      assertEquals(1_195_312_000L, Profiles.UCARP.advertisementIntervalNs(1, ADVSKEW, 0), "advbase 1 + 50/256 s");
    }
  }

  private static List<ObservedAdvertisement> from(List<ObservedAdvertisement> all, Ipv4Address source) {
    return all.stream().filter(a -> a.ip().source().equals(source)).toList();
  }
}
