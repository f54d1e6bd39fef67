package org.carpsim.conformance.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole catalogue in virtual time against carp-node with each profile, as the live tests configure the IUT. */
class SimulatedCatalogueTest {

  private static final List<Ipv4Address> VIPS = List.of(Ipv4Address.parse("10.99.0.100"));
  private static final Ipv6Address VIP6 = Ipv6Address.parse("fd99::100");

  static List<CaseResult> run(ConformancePlan plan) throws InterruptedException {
    List<String> log = new ArrayList<>();
    SimulatedLab lab = SimulatedLab.create(plan, log::add);
    List<CaseResult> results = lab.run(plan, log::add);
    if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL)) {
      log.forEach(System.out::println);
    }
    return results;
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void theWholeCatalogueWithAdvskew100WithoutPreempt(String name) throws Exception {
    Profile profile = Profiles.byName(name);
    long wall = System.nanoTime();
    List<CaseResult> results = run(new ConformancePlan(profile, 1, "secret", VIPS, 1, 100, false,
        ConformancePlan.CATALOGUE));
    wall = System.nanoTime() - wall;
    assertEquals(ConformancePlan.CATALOGUE, results.stream().map(CaseResult::id).toList());
    for (CaseResult r : results) {
      boolean skipped = r.id().equals("B5") || r.id().equals("D3") || (r.id().equals("B8") && !profile.comparesDemote());
      assertEquals(skipped ? Verdict.SKIP : Verdict.PASS, r.verdict(), name + " " + ConformanceRunner.line(r));
    }
    assertTrue(wall < 30_000_000_000L, "about 150 s of virtual time in well under 30 s: " + wall / 1e9 + " s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void withPreemptB5AndB8TakeOverAndB6IsSkipped(String name) throws Exception {
    Profile profile = Profiles.byName(name);
    for (CaseResult r : run(new ConformancePlan(profile, 1, "secret", VIPS, 1, 100, true,
        List.of("B5", "B6", "B8")))) {
      boolean skipped = r.id().equals("B6") || (r.id().equals("B8") && !profile.comparesDemote());
      assertEquals(skipped ? Verdict.SKIP : Verdict.PASS, r.verdict(), name + " " + ConformanceRunner.line(r));
    }
  }

  /** Ipv6ConformanceLiveTest's IPv6-only group: every case but B5 (no preempt), D1 and D2 (no IPv4 VIP) passes. */
  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "freebsd", "freebsd-6"})
  void anIpv6OnlyGroup(String name) throws Exception {
    Profile profile = Profiles.byName(name);
    List<CaseResult> results = run(new ConformancePlan(profile, 1, "secret", List.of(), 1, 100, false,
        ConformancePlan.CATALOGUE, List.of(VIP6)));
    assertEquals(ConformancePlan.CATALOGUE, results.stream().map(CaseResult::id).toList());
    for (CaseResult r : results) {
      boolean skipped = List.of("B5", "D1", "D2").contains(r.id()) || (r.id().equals("B8") && !profile.comparesDemote());
      assertEquals(skipped ? Verdict.SKIP : Verdict.PASS, r.verdict(), name + " " + ConformanceRunner.line(r));
    }
  }

  /** Ipv6ConformanceLiveTest's dual-stack group: played over IPv4, D3 judges the IPv6 side. */
  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6"})
  void aDualStackGroup(String name) throws Exception {
    List<String> cases = List.of("A1", "A2", "D1", "D2", "D3", "E1");
    List<CaseResult> results = run(new ConformancePlan(Profiles.byName(name), 1, "secret", VIPS, 1, 100, false,
        cases, List.of(VIP6)));
    assertEquals(cases, results.stream().map(CaseResult::id).toList());
    for (CaseResult r : results) {
      assertEquals(Verdict.PASS, r.verdict(), name + " " + ConformanceRunner.line(r));
    }
  }

  /** NetBSD of 2016 compiled IPv6 sending out: an IPv6-only group has nothing to test, and every case says so. */
  @org.junit.jupiter.api.Test
  void netbsd2016SkipsAnIpv6OnlyGroup() throws Exception {
    List<CaseResult> results = run(new ConformancePlan(Profiles.NETBSD_2016, 1, "secret", List.of(), 1, 100, false,
        ConformancePlan.CATALOGUE, List.of(VIP6)));
    assertEquals(ConformancePlan.CATALOGUE.size(), results.size());
    for (CaseResult r : results) {
      assertEquals(Verdict.SKIP, r.verdict(), ConformanceRunner.line(r));
      assertTrue(r.note().contains("sends no IPv6 advertisements"), r.note());
    }
  }

  /** UcarpObservedLiveTest's configuration (advskew 50): what every profile sends passes A1-A5. */
  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void theObservationCasesWithAdvskew50(String name) throws Exception {
    List<CaseResult> results = run(new ConformancePlan(Profiles.byName(name), 1, "secret", VIPS, 1, 50, false,
        List.of("A1", "A2", "A3", "A4", "A5")));
    for (CaseResult r : results) {
      assertEquals(Verdict.PASS, r.verdict(), name + " " + ConformanceRunner.line(r));
    }
    assertTrue(results.get(2).expected().startsWith("1.1953 s"), ConformanceRunner.line(results.get(2)));
  }
}
