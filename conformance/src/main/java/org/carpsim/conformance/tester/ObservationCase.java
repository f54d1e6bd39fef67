package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.catalogue.ObservationCases;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * A1–A5: what the IUT sends as MASTER, judged from one observation of {@value ConformanceRunner#OBSERVED_ADS}
 * advertisements that the first A case of a run makes and the others share.
 */
final class ObservationCase extends NamedCase {

  ObservationCase(String id, String title) {
    super(id, title);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    return c.observation(ObservationCase::observeAll).get(id);
  }

  @Override
  public long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    return id.equals("A3") ? A3_TOLERANCE_NS : 0; // A1, A2, A4, A5 measure no time
  }

  @Override
  public String dryRun(DryRunFrames f) {
    return "observe only, sends nothing";
  }

  private static List<CaseResult> observe(CaseContext c, List<String> ids) throws InterruptedException {
    long start = c.nowNanos();
    long timeoutMs = (c.masterDown() + c.tick() + OBSERVED_ADS * c.interval()) / 1_000_000L + 3000;
    c.progress.accept("observing " + OBSERVED_ADS + " advertisements of vhid " + c.plan.vhid() + " (up to "
        + timeoutMs / 1000 + " s)");
    c.port.await(all -> c.iutAds(all, start).size() >= OBSERVED_ADS, timeoutMs);
    List<ObservedAdvertisement> ads = c.iutAds(c.port.ads(), start);
    List<CaseResult> out = new ArrayList<>();
    if (ads.size() < OBSERVED_ADS) {
      for (String id : ids) {
        out.add(new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, ads.size() + " advertisements in "
            + timeoutMs / 1000 + " s",
            "at least " + OBSERVED_ADS, "exact", "the IUT did not advertise as MASTER (is it up, on this link, vhid "
            + c.plan.vhid() + "?)"));
      }
      return out;
    }
    c.noteIutSource(ads.get(0));
    IutConfig iut = new IutConfig(c.plan.profile(), c.iutSource == null ? Ipv4Address.ANY : c.iutSource, c.plan.vhid(),
        c.plan.pass(), c.plan.vips(), c.plan.advbase(), c.plan.advskew(), c.plan.vips6());
    ObservationCases cases = new ObservationCases(iut, A3_TOLERANCE_NS);
    for (CaseResult r : c.plan.ipv6Only() ? cases.judge6(c.iutSource6, ads) : cases.judge(ads)) {
      if (ids.contains(r.id())) {
        out.add(r);
      }
    }
    if (ids.contains("A5")) {
      out.add(a5(c, ads));
    }
    return out;
  }

  /** Names the counter scheme a run of counters shows. */
  static String counterBehaviour(List<Long> counters) {
    boolean fixed = true;
    boolean incrementing = true;
    for (int i = 1; i < counters.size(); i++) {
      fixed &= counters.get(i).equals(counters.get(0));
      incrementing &= counters.get(i) == counters.get(i - 1) + 1;
    }
    return fixed ? "fixed cookie" : incrementing ? "incrementing" : "random";
  }

  static String expectedCounterBehaviour(CounterScheme scheme) {
    return switch (scheme) {
      case REPLAY_COOKIE -> "fixed cookie";
      case INCREMENT_ADOPT -> "incrementing";
      case UCARP -> "random (incrementing once it received an authenticated advertisement)";
    };
  }

  private static CaseResult a5(CaseContext c, List<ObservedAdvertisement> ads) {
    List<Long> counters = ads.stream().map(a -> a.carp().counter()).toList();
    String seen = counterBehaviour(counters);
    CounterScheme scheme = c.plan.profile().authentication().counter();
    String expected = expectedCounterBehaviour(scheme);
    boolean matches = expected.startsWith(seen) || (scheme == CounterScheme.UCARP && seen.equals("incrementing"));
    return new CaseResult("A5", ConformanceRunner.title("A5"), Verdict.PASS, seen + " over " + counters.size()
        + " advertisements",
        expected + " (" + scheme + ")", "exact", "informational" + (matches ? "" : "; differs from the profile"));
  }

  /** Observes once for every A case of the run and judges them all. */
  private static Map<String, CaseResult> observeAll(CaseContext c) throws InterruptedException {
    List<String> ids = c.plan.cases().stream().filter(id -> id.startsWith("A")).toList();
    Map<String, CaseResult> out = new HashMap<>();
    for (CaseResult r : observe(c, ids)) {
      out.put(r.id(), r);
    }
    return out;
  }
}
