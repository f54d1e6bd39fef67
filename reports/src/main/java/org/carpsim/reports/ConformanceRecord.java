package org.carpsim.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.config.Secrets;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.IutConfig;
import org.carpsim.conformance.tester.ConformancePlan;

/**
 * What a conformance report is drawn from: the implementation under test as configured (never its
 * passphrase) and every case's result. {@link ConformanceJson} writes and reads it.
 *
 * @param profile the profile the IUT was judged against
 * @param vhid its vhid
 * @param vips its virtual addresses, in its configuration order
 * @param advbase its advbase
 * @param advskew its advskew
 * @param preempt whether it preempts (false when unknown)
 * @param iface the tester's interface, empty when unknown
 * @param source the IUT's source address, empty when unknown
 * @param pcap the capture file written beside the run, empty when none
 * @param cases the results, in catalogue order
 */
public record ConformanceRecord(String profile, int vhid, List<String> vips, int advbase, int advskew,
    boolean preempt, String iface, String source, String pcap, List<CaseResult> cases) {

  public ConformanceRecord {
    vips = List.copyOf(vips);
    cases = List.copyOf(cases);
  }

  /**
   * The record of a {@code carpsim conformance} run.
   *
   * @param iface the interface the tester used
   * @param pcap the {@code --pcap} file name, if one was written
   */
  public static ConformanceRecord of(ConformancePlan plan, String iface, List<CaseResult> results,
      Optional<String> pcap) {
    return new ConformanceRecord(plan.profile().name(), plan.vhid(),
        plan.vipTexts(), plan.advbase(), plan.advskew(), plan.preempt(), iface, "",
        pcap.orElse(""), masked(results, plan.pass()));
  }

  /** The record of results judged against {@code iut} (its source address known, its preempt setting not). */
  public static ConformanceRecord of(IutConfig iut, List<CaseResult> results, Optional<String> pcap) {
    return new ConformanceRecord(iut.profile().name(), iut.vhid(), iut.vips().stream().map(Object::toString).toList(),
        iut.advbase(), iut.advskew(), false, "", iut.source().toString(), pcap.orElse(""),
        masked(results, iut.pass()));
  }

  /** Results with the passphrase masked wherever a case's text might quote it. */
  static List<CaseResult> masked(List<CaseResult> results, String pass) {
    if (pass.isEmpty()) {
      return results;
    }
    Collection<String> secret = Set.of(pass);
    List<CaseResult> out = new ArrayList<>();
    for (CaseResult r : results) {
      out.add(new CaseResult(r.id(), Secrets.mask(r.title(), secret), r.verdict(), Secrets.mask(r.measured(), secret),
          Secrets.mask(r.expected(), secret), r.tolerance(), Secrets.mask(r.note(), secret)));
    }
    return out;
  }

  /** True when no case failed (SKIP does not fail, as in {@code carpsim conformance}). */
  public boolean passed() {
    return cases.stream().noneMatch(c -> c.verdict() == org.carpsim.conformance.catalogue.Verdict.FAIL);
  }
}
