package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Emission;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * D1: the gratuitous ARPs of two takeovers of the IUT, after the tester's master fell silent and
 * after its bow-out: count, sender MAC and IP, timing, and the profile's delayed second round.
 */
final class GratuitousArpCase extends NamedCase {

  GratuitousArpCase(String id, String title) {
    super(id, title);
  }

  @Override
  public Optional<String> unmet(ConformancePlan plan) {
    return needsIpv4Vip(plan);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    return d1(c);
  }

  @Override
  public long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    return GARP_JITTER_NS;
  }

  @Override
  public String dryRun(DryRunFrames f) {
    return "watches the gratuitous ARPs of two takeovers: " + f.master() + "nothing; again, then a bow-out";
  }

  private static long garpWindowEnd(CaseContext c, long takeover) {
    return takeover + (c.plan.profile().emission().delayedGarpAfterAds() + 1) * c.interval() + QUIET_MARGIN_NS;
  }

  /**
   * D1 judges two takeovers of its own: after the master fell silent (master-down) and after its
   * bow-out (a received advertisement). Each is preceded by an undisturbed master period of the
   * IUT long enough to send its pending delayed ARP round: ucarp keeps {@code sc_delayed_arp}
   * across a yield, so a takeover soon after an earlier one (or after "reasserting control")
   * adds one gratuitous ARP right after its first advertisement, as the profile models.
   */
  private static CaseResult d1(CaseContext c) throws InterruptedException {
    String id = "D1";
    Emission e = c.plan.profile().emission();
    int rounds = e.delayedGarpAfterAds() > 0 ? 2 : 1;
    String expected = "per takeover (after silence, after a bow-out) " + rounds + " per VIP from " + c.arpMacText()
        + ": one " + (e.garpBeforeFirstAd() ? "just before" : "just after") + " the first advertisement"
        + (rounds == 2 ? ", one with advertisement #" + e.delayedGarpAfterAds() + " after it" : "");
    String tol = String.format("±%.0f ms of the advertisement", GARP_JITTER_NS / 1e6);
    if (!c.testerCanBeBetter()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", expected, tol, CANNOT_BE_BETTER);
    }
    List<String> problems = new ArrayList<>();
    StringBuilder measured = new StringBuilder();
    for (boolean silence : new boolean[] {true, false}) {
      String kind = silence ? "after silence" : "after a bow-out";
      if (!c.ensureIutMaster()) {
        problems.add(kind + ": the IUT is not advertising");
        continue;
      }
      List<TesterPort.Injection> sent = c.port.injections();
      long calm = Math.max(c.lastTakeoverNanos, sent.isEmpty() ? 0 : sent.get(sent.size() - 1).epochNanos());
      c.progress.accept(id + ": letting the IUT finish its delayed ARP round");
      c.sleepUntil(garpWindowEnd(c, calm));
      String failed = c.makeBackup(id);
      if (failed != null) {
        problems.add(kind + ": " + failed);
        continue;
      }
      long since;
      if (silence) {
        c.progress.accept(id + ": falling silent and watching the IUT's takeover");
        since = c.lastOwn(TESTER_ADVSKEW, 0);
      } else {
        c.progress.accept(id + ": bowing out and watching the IUT's takeover");
        since = c.bowOut();
      }
      long limit = since;
      c.port.await(all -> !c.iutAds(all, limit).isEmpty(), (c.masterDown() + c.tick() + c.interval()) / 1_000_000L
          + 3000);
      List<ObservedAdvertisement> after = c.iutAds(c.port.ads(), since);
      if (after.isEmpty()) {
        problems.add(kind + ": no takeover");
        continue;
      }
      c.testerMaster = false;
      long t = after.get(0).epochNanos();
      c.lastTakeoverNanos = t;
      c.sleepUntil(garpWindowEnd(c, t));
      measured.append(measured.length() == 0 ? "" : "; ").append(kind).append(": ");
      judgeGarps(c, kind, t, measured, problems);
    }
    return new CaseResult(id, ConformanceRunner.title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL,
        measured.toString(),
        expected, tol, String.join("; ", problems));
  }

  private static void judgeGarps(CaseContext c, String kind, long takeover, StringBuilder measured,
        List<String> problems) {
    Emission e = c.plan.profile().emission();
    int rounds = e.delayedGarpAfterAds() > 0 ? 2 : 1;
    long windowEnd = garpWindowEnd(c, takeover);
    List<ObservedAdvertisement> ads = c.iutAds(takeover - 1, windowEnd);
    for (Ipv4Address vip : c.plan.vips()) {
      List<TesterPort.ObservedArp> g = new ArrayList<>();
      for (TesterPort.ObservedArp a : c.iutGarps(takeover - 500_000_000L, windowEnd)) {
        if (a.arp().senderIp().equals(vip)) {
          g.add(a);
        }
      }
      measured.append(vip).append(" ").append(g.size());
      if (g.size() != rounds) {
        StringBuilder at = new StringBuilder();
        for (TesterPort.ObservedArp a : g) {
          at.append(String.format(" %+.3f ms", (a.epochNanos() - takeover) / 1e6));
        }
        problems.add(kind + ": " + vip + " " + g.size() + " gratuitous ARPs, expected " + rounds + "; at" + at
            + " from the first advertisement");
      }
      if (!g.isEmpty()) {
        TesterPort.ObservedArp first = g.get(0);
        long d = first.epochNanos() - takeover;
        measured.append(" from ").append(first.sourceMac()).append(String.format(", first %+.3f ms", d / 1e6));
        String mac = c.arpMacProblem(first.sourceMac(), first.arp().senderMac());
        if (mac != null) {
          problems.add(kind + ": " + vip + " " + mac);
        }
        boolean sideOk = e.garpBeforeFirstAd() ? d <= 0 && d >= -GARP_JITTER_NS : d >= 0 && d <= GARP_JITTER_NS;
        if (!sideOk) {
          problems.add(String.format("%s: %s first gratuitous ARP %+.3f ms from the first advertisement", kind, vip,
              d / 1e6));
        }
      }
      if (rounds == 2 && ads.size() > e.delayedGarpAfterAds()) {
        long adAt = ads.get(e.delayedGarpAfterAds()).epochNanos();
        TesterPort.ObservedArp second = null;
        for (TesterPort.ObservedArp a : g) {
          if (Math.abs(a.epochNanos() - adAt) <= GARP_JITTER_NS) {
            second = a;
          }
        }
        if (second == null) {
          problems.add(String.format("%s: %s no gratuitous ARP with advertisement #%d", kind, vip,
              e.delayedGarpAfterAds()));
        } else {
          measured.append(String.format(", second %+.3f ms from advertisement #%d", (second.epochNanos() - adAt) / 1e6,
              e.delayedGarpAfterAds()));
        }
      }
    }
  }
}
