package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Emission;
import org.carpsim.carp.wire.Frames;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * D3: the unsolicited neighbour advertisements of a takeover for each IPv6 VIP, then a neighbour
 * solicitation per IPv6 VIP to the master (answered) and to a backup (not answered).
 */
final class NeighborAdvertisementCase extends NamedCase {

  NeighborAdvertisementCase(String id, String title) {
    super(id, title);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    return d3(c);
  }

  @Override
  public long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    return NA_JITTER_NS;
  }

  @Override
  public String dryRun(DryRunFrames f) {
    return f.plan().vips6().isEmpty() ? "nothing (the IUT has no IPv6 VIP)"
        : "watches the unsolicited NAs of a takeover: " + f.master() + "nothing; then to the master, and after "
        + "playing master again to the backup, an NS per IPv6 VIP " + f.plan().vips6() + " [" + f.neighborSolicitation()
        + "] (from the NIC's link-local address)";
  }

  /**
   * D3: the tester plays master until the IUT is BACKUP, falls silent, and judges the unsolicited
   * neighbour advertisements of the IUT's takeover (§6: one per IPv6 VIP, to ff02::1, Override set,
   * Solicited clear, target link-layer option = the profile's announce MAC, right after the first
   * advertisement); then it solicits every IPv6 VIP from its link-local address (to the
   * solicited-node group): the master must answer (Solicited and Override set, the same MAC), and
   * once the tester has made it BACKUP again, it must not.
   */
  private static CaseResult d3(CaseContext c) throws InterruptedException {
    String id = "D3";
    Emission e = c.plan.profile().emission();
    if (e.neighborAdvertisement() == Emission.NeighborAdvertisement.NONE
        || !c.plan.profile().supportsIpv6()) {
      return c.skip(id, "profile " + c.plan.profile().name()
          + " is IPv4-only: ucarp has no IPv6 (no IPv6 advertisements, "
          + "no neighbour advertisements)");
    }
    if (c.plan.vips6().isEmpty()) {
      return c.skip(id, "the IUT has no IPv6 VIP (give --vip an IPv6 address)");
    }
    if (c.port.linkLocal().isEmpty()) {
      return c.skip(id, c.port.name() + " has no IPv6 link-local address (IPv6 disabled?): the tester cannot solicit");
    }
    if (!c.plan.ipv6Only() && c.port.address().isEmpty()) {
      return c.skip(id, c.port.name() + " has no IPv4 address to send the group's advertisements from");
    }
    String mac = c.arpMacText();
    boolean apart = e.neighborAdvertisement() == Emission.NeighborAdvertisement.IMMEDIATE_1MS_APART;
    String expected = "on takeover 1 unsolicited NA per IPv6 VIP from " + mac + " to ff02::1, hop limit 255, target = "
        + "the VIP, Override set, Solicited clear, TLLA " + mac + ", just after the first advertisement"
        + (apart ? " (1 ms apart)" : "") + "; an NS is answered by the master (Solicited + Override, TLLA " + mac
        + "), not by a backup";
    String tol = String.format("first NA 0..%.0f ms after the first advertisement%s; reply within %d ms",
        NA_JITTER_NS / 1e6, apart ? " (+1 ms per further VIP)" : "", ARP_REPLY_WAIT_MS);
    if (!c.testerCanBeBetter()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.SKIP, "-", expected, tol, CANNOT_BE_BETTER);
    }
    if (!c.ensureIutMaster()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, "the IUT is not advertising", expected, tol,
          "precondition failed");
    }
    List<String> problems = new ArrayList<>();
    StringBuilder measured = new StringBuilder();
    String failed = c.makeBackup(id);
    if (failed != null) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, "-", expected, tol, failed);
    }
    c.progress.accept(id + ": falling silent and watching the IUT's takeover");
    long since = c.lastOwn(TESTER_ADVSKEW, 0);
    c.port.await(all -> !c.iutAds(all, since).isEmpty(), (c.masterDown() + c.tick() + c.interval()) / 1_000_000L
        + 3000);
    List<ObservedAdvertisement> after = c.iutAds(c.port.ads(), since);
    if (after.isEmpty()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, "no takeover", expected, tol,
          "the IUT did not take over after the tester fell silent");
    }
    c.testerMaster = false;
    long t = after.get(0).epochNanos();
    c.lastTakeoverNanos = t;
    c.sleepUntil(t + c.interval() / 2 + QUIET_MARGIN_NS);
    measured.append("takeover: ");
    judgeUnsolicitedNas(c, t, apart, measured, problems);
    measured.append("; master: ");
    for (Ipv6Address vip : c.plan.vips6()) {
      Optional<TesterPort.ObservedNeighborAdvertisement> reply = solicit(c, vip);
      if (reply.isEmpty()) {
        measured.append(vip).append(" no reply; ");
        problems.add("master did not answer an NS for " + vip);
        continue;
      }
      TesterPort.ObservedNeighborAdvertisement r = reply.get();
      String tlla = r.na().targetLinkLayerAddress().map(Object::toString).orElse("none");
      measured.append(vip).append(" NA from ").append(r.sourceMac()).append(" TLLA ").append(tlla)
          .append(flags(r)).append("; ");
      String macProblem = naMacProblem(c, r.na().targetLinkLayerAddress().orElse(null));
      if (macProblem != null) {
        problems.add("master's NA for " + vip + ": " + macProblem);
      }
      if (!r.na().solicited() || !r.na().override()) {
        problems.add("master's NA for " + vip + " has" + flags(r) + ", expected Solicited and Override");
      }
      if (!r.ip().destination().equals(c.port.linkLocal().get())) {
        problems.add("master's NA for " + vip + " went to " + r.ip().destination() + ", not the soliciting "
            + c.port.linkLocal().get());
      }
      if (!r.checksumOk() || r.ip().hopLimit() != 255) {
        problems.add("master's NA for " + vip + ": " + (r.checksumOk() ? "" : "bad ICMPv6 checksum ") + "hop limit "
            + r.ip().hopLimit());
      }
    }
    String backup = c.makeBackup(id);
    if (backup != null) {
      problems.add(backup);
    } else {
      measured.append("backup: ");
      for (Ipv6Address vip : c.plan.vips6()) {
        Optional<TesterPort.ObservedNeighborAdvertisement> reply = solicit(c, vip);
        measured.append(vip).append(reply.isEmpty() ? " no reply; " : " NA from " + reply.get().sourceMac() + "; ");
        if (reply.isPresent()) {
          problems.add("backup answered an NS for " + vip);
        }
      }
    }
    return new CaseResult(id, ConformanceRunner.title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL,
        measured.toString().trim(), expected, tol, String.join("; ", problems));
  }

  private static void judgeUnsolicitedNas(CaseContext c, long takeover, boolean apart, StringBuilder measured,
        List<String> problems) {
    long windowEnd = takeover + c.interval() / 2 + QUIET_MARGIN_NS;
    MacAddress allNodes = Frames.multicastMac(Ipv6Address.ALL_NODES);
    int index = 0;
    for (Ipv6Address vip : c.plan.vips6()) {
      List<TesterPort.ObservedNeighborAdvertisement> g = new ArrayList<>();
      for (TesterPort.ObservedNeighborAdvertisement a : c.port.neighborAdvertisements()) {
        if (a.epochNanos() >= takeover - 500_000_000L && a.epochNanos() <= windowEnd
            && !a.sourceMac().equals(c.port.mac()) && !a.na().solicited() && a.na().target().equals(vip)) {
          g.add(a);
        }
      }
      measured.append(vip).append(" ").append(g.size()).append(" NA");
      if (g.size() != 1) {
        StringBuilder at = new StringBuilder();
        for (TesterPort.ObservedNeighborAdvertisement a : g) {
          at.append(String.format(" %+.3f ms", (a.epochNanos() - takeover) / 1e6));
        }
        problems.add(vip + ": " + g.size() + " unsolicited NAs, expected 1; at" + at + " from the first advertisement");
      }
      if (!g.isEmpty()) {
        TesterPort.ObservedNeighborAdvertisement na = g.get(0);
        long d = na.epochNanos() - takeover;
        MacAddress tlla = na.na().targetLinkLayerAddress().orElse(null);
        measured.append(String.format(" %+.3f ms", d / 1e6)).append(" from ").append(na.sourceMac()).append(" TLLA ")
            .append(tlla == null ? "none" : tlla).append(flags(na)).append(" to ").append(na.ip().destination());
        long allowed = NA_JITTER_NS + (apart ? index * 1_000_000L : 0);
        if (d < 0 || d > allowed) {
          problems.add(String.format("%s: NA %+.3f ms from the first advertisement", vip, d / 1e6));
        }
        String macProblem = naMacProblem(c, tlla);
        if (macProblem != null) {
          problems.add(vip + ": " + macProblem);
        }
        String src = naMacProblem(c, na.sourceMac());
        if (src != null) {
          problems.add(vip + ": Ethernet source " + src);
        }
        if (!na.na().override()) {
          problems.add(vip + ": Override flag clear");
        }
        if (!na.ip().destination().equals(Ipv6Address.ALL_NODES) || !na.destinationMac().equals(allNodes)) {
          problems.add(vip + ": sent to " + na.ip().destination() + " (" + na.destinationMac() + "), expected ff02::1 ("
              + allNodes + ")");
        }
        if (na.ip().hopLimit() != 255 || !na.checksumOk()) {
          problems.add(vip + ": hop limit " + na.ip().hopLimit() + (na.checksumOk() ? "" : ", bad ICMPv6 checksum"));
        }
      }
      measured.append(index + 1 < c.plan.vips6().size() ? ", " : "");
      index++;
    }
  }

  private static String flags(TesterPort.ObservedNeighborAdvertisement a) {
    String f = (a.na().router() ? "R" : "") + (a.na().solicited() ? "S" : "") + (a.na().override() ? "O" : "");
    return " flags " + (f.isEmpty() ? "none" : f);
  }

  /** Null when {@code mac} is the MAC the profile announces the VIP with, else what is wrong. */
  private static String naMacProblem(CaseContext c, MacAddress mac) {
    if (mac == null) {
      return "no target link-layer address option";
    }
    MacAddress want = c.expectedArpMac();
    if (want != null) {
      return mac.equals(want) ? null : mac + ", expected " + want;
    }
    return mac.equals(c.port.mac()) ? mac + ", expected the IUT's own NIC MAC" : null;
  }

  /** Sends an NS for {@code vip} and waits for a solicited NA for it from anyone but the tester. */
  private static Optional<TesterPort.ObservedNeighborAdvertisement> solicit(CaseContext c,
        Ipv6Address vip) throws InterruptedException {
    long t0 = c.nowNanos();
    c.port.inject(AdvertisementCrafter.neighborSolicitation(c.port.mac(), c.port.linkLocal().orElseThrow(), vip));
    c.port.awaitNeighborAdvertisements(all -> solicitedNa(c, all, vip, t0).isPresent(), ARP_REPLY_WAIT_MS);
    return solicitedNa(c, c.port.neighborAdvertisements(), vip, t0);
  }

  private static Optional<TesterPort.ObservedNeighborAdvertisement> solicitedNa(CaseContext c, 
      List<TesterPort.ObservedNeighborAdvertisement> all, Ipv6Address vip, long after) {
    for (TesterPort.ObservedNeighborAdvertisement a : all) {
      if (a.epochNanos() > after && a.na().target().equals(vip) && a.na().solicited()
          && !a.sourceMac().equals(c.port.mac())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
