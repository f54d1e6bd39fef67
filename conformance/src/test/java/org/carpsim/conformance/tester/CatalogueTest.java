package org.carpsim.conformance.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.simulate.SimulatedLab;
import org.junit.jupiter.api.Test;

/** The catalogue is its list of case objects: ids, titles, dry-run lines and a new case all come from there. */
class CatalogueTest {

  private static final List<Ipv4Address> VIPS = List.of(Ipv4Address.parse("10.99.0.100"));

  @Test
  void theCatalogueIsConformanceMdsTwentySevenCasesInOrder() {
    assertEquals(List.of("A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "C1", "C2", "C3",
        "C4", "C5", "C6", "C7", "C8", "C9", "C10", "D1", "D2", "D3", "E1"), Catalogue.ids());
    assertEquals(Catalogue.ids(), ConformancePlan.CATALOGUE);
    assertEquals(27, new HashSet<>(Catalogue.ids()).size(), "ids are unique");
    for (ConformanceCase c : Catalogue.CASES) {
      assertFalse(c.title().isBlank(), c.id());
      assertEquals(c.title(), ConformanceRunner.title(c.id()));
    }
  }

  @Test
  void everyCaseSaysWhatItWouldSendAndWhatItNeeds() {
    ConformancePlan v6 = new ConformancePlan(Profiles.OPENBSD, 1, "pw", List.of(), 1, 100, false,
        ConformancePlan.CATALOGUE, List.of(org.carpsim.carp.net.Ipv6Address.parse("fd99::100")));
    List<String> lines = ConformanceRunner.dryRun(v6, MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.ANY);
    for (ConformanceCase c : Catalogue.CASES) {
      String line = lines.get(1 + Catalogue.ids().indexOf(c.id()));
      assertTrue(line.startsWith(c.id() + " " + c.title() + ": "), line);
      boolean needsIpv4 = c.id().equals("D1") || c.id().equals("D2");
      assertEquals(needsIpv4, c.unmet(v6).isPresent(), c.id() + " in an IPv6-only group");
      assertEquals(needsIpv4, line.contains("skipped, sends nothing"), line);
    }
  }

  /**
   * What a newcomer writes: one class (here a nested one) driving the IUT through the context,
   * waiting only through the clock, run against the simulated node like any catalogue case.
   */
  @Test
  void aNewCaseIsOneClassThatRunsLiveOrSimulated() throws Exception {
    ConformanceCase tenAds = new ConformanceCase() {
      @Override
      public String id() {
        return "X1";
      }

      @Override
      public String title() {
        return "ten advertisements while MASTER";
      }

      @Override
      public Optional<String> unmet(ConformancePlan plan) {
        return plan.ipv6Only() ? Optional.of("IPv4 only") : Optional.empty();
      }

      @Override
      public CaseResult run(CaseContext c) throws InterruptedException {
        boolean master = c.ensureIutMaster();
        long from = c.clock().nowNanos();
        c.clock().sleep(10 * c.interval() + c.interval() / 2);
        int n = c.iutAds(from, c.clock().nowNanos()).size();
        return new CaseResult(id(), title(), master && n == 10 ? Verdict.PASS : Verdict.FAIL, n + " advertisements",
            "10", "exact", "");
      }

      @Override
      public String dryRun(DryRunFrames f) {
        return "observe only, sends nothing";
      }
    };
    ConformancePlan plan = new ConformancePlan(Profiles.FREEBSD, 1, "pw", VIPS, 1, 100, false, List.of("A1"));
    SimulatedLab lab = SimulatedLab.create(plan, line -> { });
    CaseContext context = new CaseContext(plan, lab.port(), line -> { }, lab.nodeStarter());
    CaseResult r = tenAds.run(context);
    assertEquals(Verdict.PASS, r.verdict(), ConformanceRunner.line(r));
  }
}
