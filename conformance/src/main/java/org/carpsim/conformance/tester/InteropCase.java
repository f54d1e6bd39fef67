package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.live.LiveNodeConfig;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * E1: carpsim's node (profile openbsd, advbase 1, advskew 0, preempt) joins on the tester's link:
 * it must preempt the IUT and be the only master, bow out on stop, and the IUT must take over and
 * be the only master again.
 */
final class InteropCase extends NamedCase {

  InteropCase(String id, String title) {
    super(id, title);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    return e1(c);
  }

  @Override
  public long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    return plan.profile().timing().receiveTickNs() + REACTION_JITTER_NS;
  }

  @Override
  public String dryRun(DryRunFrames f) {
    return "starts carpsim's live node (openbsd, advbase 1 advskew 0, preempt) on the NIC, stops it (it bows out)";
  }

  /**
   * carpsim's live node (profile openbsd, advbase 1, advskew 0, preempt) joins on the tester's NIC:
   * it must preempt the IUT, be the only master, bow out on stop, and the IUT must take over and
   * be the only master again.
   */
  private static CaseResult e1(CaseContext c) throws InterruptedException {
    String id = "E1";
    String expected = "our node preempts the IUT; then, after its bow-out, the IUT takes over; one master at a time";
    long allowed = c.tick() + REACTION_JITTER_NS;
    String tol = String.format("each handover <= %.0f ms; windows of %.1f s after convergence", allowed / 1e6,
        e1Window(c) / 1e9);
    if (c.nodeStarter == null) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", expected, tol,
          "no live node can be started here");
    }
    if (c.plan.vips().size() > 1 || c.plan.vips6().size() > 1) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", expected, tol,
          "carpsim's live node serves one VIP per family; the IUT has " + c.plan.vipTexts());
    }
    if (!c.testerCanBeBetter()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", expected, tol,
          "the IUT has advbase 1 advskew 0: our node cannot be preferred");
    }
    if (!c.ensureIutMaster()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, "the IUT is not advertising", expected, tol,
          "precondition failed");
    }
    int prefix = c.port.interfaceAddress().map(a -> a.prefixLength()).orElse(24);
    LiveNodeConfig config = new LiveNodeConfig(c.port.name(), Profiles.OPENBSD, c.plan.vhid(), c.plan.pass(),
        c.plan.vips().stream().findFirst(), prefix, c.plan.vips6().stream().findFirst(), 64, TESTER_ADVBASE,
            TESTER_ADVSKEW,
        true, Optional.empty(), Optional.empty());
    c.progress.accept(id + ": starting carpsim's live node (openbsd, advbase 1 advskew 0, preempt) on "
        + c.port.name());
    long started = c.nowNanos();
    PeerNode n;
    try {
      n = c.nodeStarter.start(config, line -> c.progress.accept(id + " node: " + line));
    } catch (RuntimeException e) { // LiveIoException: no handle, no address, a refused command
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", expected, tol,
          "could not start carpsim's live node: " + e.getMessage());
    }
    c.node = n;
    List<String> problems = new ArrayList<>();
    long nodeFirst;
    long iutLast;
    try {
      long timeoutMs = (c.masterDown() + c.interval() + c.quietNs()) / 1_000_000L + 4000;
      boolean ours = c.port.await(all -> !nodeAds(c, all, started).isEmpty(), timeoutMs);
      if (!ours) {
        return new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, "our node never advertised", expected, tol,
            "transitions " + n.transitions());
      }
      nodeFirst = nodeAds(c, c.port.ads(), started).get(0).epochNanos();
      c.clock.sleep(c.quietNs());
      List<ObservedAdvertisement> iutAfter = c.iutAds(c.port.ads(), nodeFirst - 1);
      iutLast = iutAfter.isEmpty() ? nodeFirst : iutAfter.get(iutAfter.size() - 1).epochNanos();
      if (iutLast - nodeFirst > allowed) {
        problems.add(String.format("the IUT went on advertising %.3f s after our node's first advertisement",
            (iutLast - nodeFirst) / 1e9));
      }
      long w1 = c.nowNanos();
      c.clock.sleep(e1Window(c));
      String one = oneMaster(c, w1, c.nowNanos(), true);
      if (one != null) {
        problems.add("window 1 (our node master): " + one);
      }
      if (n.state() != CarpState.MASTER) {
        problems.add("our node is " + n.state() + ", not MASTER");
      }
    } finally {
      n.stop();
      c.node = null;
    }
    c.port.await(all -> nodeAds(c, all,
        started).stream().anyMatch(a -> a.carp().advskew() == CarpAdvertisement.BOW_OUT),
        1000);
    List<ObservedAdvertisement> nodeAll = nodeAds(c, c.port.ads(), started);
    ObservedAdvertisement bow = nodeAll.get(nodeAll.size() - 1);
    if (bow.carp().advbase() != CarpAdvertisement.BOW_OUT || bow.carp().advskew() != CarpAdvertisement.BOW_OUT) {
      problems.add("our node's last advertisement is not a bow-out");
    }
    long bowAt = bow.epochNanos();
    c.port.await(all -> !c.iutAds(all, bowAt).isEmpty(), (c.masterDown() + c.tick()) / 1_000_000L + 3000);
    List<ObservedAdvertisement> back = c.iutAds(c.port.ads(), bowAt);
    long handBack = back.isEmpty() ? -1 : back.get(0).epochNanos() - bowAt;
    if (back.isEmpty()) {
      problems.add("the IUT did not take over after our node's bow-out");
    } else {
      c.lastTakeoverNanos = back.get(0).epochNanos();
      if (handBack > allowed) {
        problems.add(String.format("the IUT took over %.3f s after the bow-out", handBack / 1e9));
      }
      long w2 = back.get(0).epochNanos() + 200_000_000L;
      c.clock.sleepUntil(w2 + e1Window(c));
      String one = oneMaster(c, w2, c.nowNanos(), false);
      if (one != null) {
        problems.add("window 2 (IUT master): " + one);
      }
    }
    String measured = String.format("IUT -> node: IUT's last advertisement %.3f s after the node's first; "
        + "node -> IUT: %s after the bow-out", (iutLast - nodeFirst) / 1e9, handBack < 0 ? "none"
            : c.seconds(handBack));
    return new CaseResult(id, ConformanceRunner.title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, measured,
        expected, tol,
        String.join("; ", problems));
  }

  private static long e1Window(CaseContext c) {
    return 2 * c.interval() + S;
  }

  /**
   * Advertisements of carpsim's node on the tester's NIC: the tester's IP source (its IPv4 address,
   * or its link-local one in an IPv6-only group), not the tester's MAC.
   */
  private static List<ObservedAdvertisement> nodeAds(CaseContext c, List<ObservedAdvertisement> all, long after) {
    List<ObservedAdvertisement> out = new ArrayList<>();
    Object self = c.plan.ipv6Only() ? c.port.linkLocal().orElseThrow() : c.self();
    for (ObservedAdvertisement a : all) {
      if (a.epochNanos() > after && a.carp().vhid() == c.plan.vhid() && a.source().equals(self)
          && !a.sourceMac().equals(c.port.mac())) {
        out.add(a);
      }
    }
    return out;
  }

  /** Null when exactly the expected side advertised in [from, to], else what went wrong. */
  private static String oneMaster(CaseContext c, long from, long to, boolean nodeExpected) {
    int node = 0;
    for (ObservedAdvertisement a : nodeAds(c, c.port.ads(), from)) {
      if (a.epochNanos() <= to) {
        node++;
      }
    }
    int iut = c.iutAds(from, to).size();
    if (nodeExpected && (iut > 0 || node == 0)) {
      return "node " + node + ", IUT " + iut + " advertisements";
    }
    if (!nodeExpected && (node > 0 || iut == 0)) {
      return "node " + node + ", IUT " + iut + " advertisements";
    }
    return null;
  }
}
