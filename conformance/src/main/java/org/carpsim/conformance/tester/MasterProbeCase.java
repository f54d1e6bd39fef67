package org.carpsim.conformance.tester;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.ReceiveRules;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * B1–B3 and C1–C10: the IUT as MASTER is sent, once a second for the profile's receive tick + 2
 * intervals + 0.5 s, a better (B1), worse (B2), equal (B3) or better-but-faulty (C, {@link Fault})
 * advertisement; whether it stops advertising is compared with what its profile does with it.
 */
final class MasterProbeCase extends NamedCase {

  /** What a probe expects when the profile makes the master yield. */
  private static final String YIELDS = "stops advertising (yields)";

  MasterProbeCase(String id, String title) {
    super(id, title);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    Optional<Fault> fault = Fault.ofCase(id);
    if (fault.isPresent()) {
      return probeFault(c, id, fault.get());
    }
    return switch (id) {
      case "B1" -> b1(c);
      case "B2" -> b2(c);
      default -> b3(c);
    };
  }

  @Override
  public long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    // a yield must come within tick + jitter; a master that keeps advertising may leave no gap
    // above 1.5 intervals
    return result.expected().equals(YIELDS) ? plan.profile().timing().receiveTickNs() + REACTION_JITTER_NS
        : plan.profile().advertisementIntervalNs(plan.advbase(), plan.advskew(), 0) / 2;
  }

  @Override
  public String dryRun(DryRunFrames f) {
    Optional<Fault> fault = Fault.ofCase(id);
    if (fault.isPresent()) {
      return "1/s to the master [" + f.ad(TESTER_ADVBASE, TESTER_ADVSKEW, 0, fault.get()) + "] ("
          + (f.ipv6() && fault.get() == Fault.VRRP2 ? "a VRRPv3 packet, VRRPv2's IPv6 successor"
          : fault.get().description()) + ")";
    }
    int[] slow = f.slower();
    return switch (id) {
      case "B1" -> "1/s to the master [" + f.better() + "]";
      case "B2" -> "1/s to the master [" + f.ad(slow[0], slow[1], 0, Fault.NONE) + "]";
      default -> "1/s to the master [" + f.ad(f.plan().advbase(), f.plan().advskew(), 0, Fault.NONE) + "]";
    };
  }

  private static CaseResult b1(CaseContext c) throws InterruptedException {
    if (!c.testerCanBeBetter()) {
      return c.skip("B1", CANNOT_BE_BETTER);
    }
    return probe(c, "B1", TESTER_ADVBASE, TESTER_ADVSKEW, Fault.NONE, c.masterYields(TESTER_ADVBASE, TESTER_ADVSKEW),
        "advbase 1 advskew 0 is better than " + c.plan.advbase() + "/" + c.plan.advskew());
  }

  private static CaseResult b2(CaseContext c) throws InterruptedException {
    int[] w = c.slower();
    ReceiveRules.MasterReaction r = c.plan.profile().onAdvertisementAsMaster(c.iutLocal(),
        c.testerAdvert(w[0], w[1], 0));
    String why = "advbase " + w[0] + " advskew " + w[1] + " is worse; profile " + c.plan.profile().name() + ": " + r
        + (r == ReceiveRules.MasterReaction.STAY_AND_REASSERT ? " (a gratuitous ARP per slower advertisement)" : "");
    return probe(c, "B2", w[0], w[1], Fault.NONE, c.masterYields(w[0], w[1]), why);
  }

  private static CaseResult b3(CaseContext c) throws InterruptedException {
    if (!c.ensureIutMaster()) {
      return new CaseResult("B3", ConformanceRunner.title("B3"), Verdict.FAIL, "the IUT is not advertising",
          "MASTER before the case",
          "exact", "precondition failed");
    }
    ReceiveRules.TieBreak tie = c.plan.profile().receive().tieBreak();
    boolean yields = c.masterYields(c.plan.advbase(), c.plan.advskew());
    String why = "tie rule " + tie + (tie == ReceiveRules.TieBreak.LOWER_RAW_SOURCE_WINS
        ? ": tester " + c.self() + " vs IUT " + c.iutSource + " as raw little-endian s_addr, the lower wins" : "");
    return probe(c, "B3", c.plan.advbase(), c.plan.advskew(), Fault.NONE, yields, why);
  }

  private static CaseResult probeFault(CaseContext c, String id, Fault fault) throws InterruptedException {
    if (!c.testerCanBeBetter()) {
      return c.skip(id, CANNOT_BE_BETTER);
    }
    FaultAcceptance acc = FaultAcceptance.of(c.plan.profile(), fault);
    boolean vrrp3 = c.plan.ipv6Only() && fault == Fault.VRRP2;
    String what = vrrp3 ? "a VRRPv3 packet over IPv6 (VRRPv2 has no IPv6 form)" : fault.description();
    String because = vrrp3 ? "a one-address VRRPv3 packet over IPv6 is 24 bytes, shorter than the 36-byte CARP header "
        + "(carps_badlen)" : acc.because();
    return probe(c, id, TESTER_ADVBASE, TESTER_ADVSKEW, fault, acc.accepted(),
        "better (advbase 1 advskew 0) but " + what + "; " + (acc.accepted() ? "accepted: " : "ignored: ") + because);
  }

  /**
   * Sends {@code (advbase, advskew)} advertisements with {@code fault} to the IUT as MASTER once a
   * second for tick + 2 intervals + 0.5 s and judges whether it stopped advertising.
   */
  private static CaseResult probe(CaseContext c, String id, int advbase, int advskew, Fault fault,
        boolean expectYield, String why)
      throws InterruptedException {
    String title = ConformanceRunner.title(id);
    if (!c.ensureIutMaster()) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT is not advertising", "MASTER before the case", "exact",
          "precondition failed");
    }
    long window = c.tick() + 2 * c.interval() + 500_000_000L;
    String what = c.plan.ipv6Only() && fault == Fault.VRRP2 ? "VRRPv3 packet" : fault.description();
    c.progress.accept(id + ": sending " + what + " advbase " + advbase + " advskew " + advskew
        + " advertisements to the master for " + c.seconds(window));
    long t0 = c.nowNanos();
    long end = t0 + window;
    int probes = 0;
    while (c.nowNanos() < end) {
      c.sendAd(advbase, advskew, 0, fault);
      probes++;
      c.clock.sleepUntil(Math.min(end, c.nowNanos() + TESTER_INTERVAL_MS * 1_000_000L));
    }
    long firstProbe = firstProbeOnWire(c, t0);
    List<ObservedAdvertisement> seen = c.iutAds(t0, end);
    long last = seen.isEmpty() ? t0 : seen.get(seen.size() - 1).epochNanos();
    long silentAtEnd = end - last;
    boolean yielded = silentAtEnd > c.interval() * 3 / 2;
    long longestGap = 0;
    long prev = t0;
    for (ObservedAdvertisement a : seen) {
      longestGap = Math.max(longestGap, a.epochNanos() - prev);
      prev = a.epochNanos();
    }
    longestGap = Math.max(longestGap, end - prev);
    if (yielded) {
      c.testerMaster = true; // it treats the tester as master now: bow out before the next case
    }
    long reaction = last - firstProbe;
    long allowed = c.tick() + REACTION_JITTER_NS;
    String measured = yielded
        ? String.format("stopped: last advertisement %.3f s after the first probe, then silent %.1f s", reaction / 1e9,
            silentAtEnd / 1e9)
        : String.format("kept advertising: %d advertisements in %.1f s, longest gap %.3f s", seen.size(), window / 1e9,
            longestGap / 1e9);
    int garps = c.iutGarps(t0, end).size();
    if (garps > 0) {
      measured += ", " + garps + " gratuitous ARP" + (garps == 1 ? "" : "s");
    }
    String expected = expectYield ? YIELDS : "keeps advertising every " + c.seconds(c.interval());
    String tol = expectYield ? String.format("last advertisement <= %.0f ms after the first probe", allowed / 1e6)
        : String.format("no gap > %.3f s", c.interval() * 1.5 / 1e9);
    boolean ok = expectYield ? yielded && reaction <= allowed : !yielded;
    String note = why + "; " + probes + " probes";
    if (expectYield && yielded && reaction > allowed) {
      note = "yielded late; " + note;
    }
    return new CaseResult(id, title, ok ? Verdict.PASS : Verdict.FAIL, measured, expected, tol, note);
  }

  private static long firstProbeOnWire(CaseContext c, long t0) {
    for (TesterPort.Injection i : c.port.injections()) {
      if (i.epochNanos() >= t0) {
        for (var f : c.port.frames()) {
          if (f.epochNanos() >= i.epochNanos() && java.util.Arrays.equals(f.bytes(), i.bytes())) {
            return f.epochNanos();
          }
        }
        return i.epochNanos();
      }
    }
    return t0;
  }
}
