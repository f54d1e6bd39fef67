package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * D2: the tester asks the IUT for each IPv4 VIP while it is MASTER (it must answer with the
 * profile's MAC) and after making it BACKUP (it must not, unless its profile has no MASTER check).
 */
final class ArpReplyCase extends NamedCase {

  ArpReplyCase(String id, String title) {
    super(id, title);
  }

  @Override
  public Optional<String> unmet(ConformancePlan plan) {
    return needsIpv4Vip(plan);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    return d2(c);
  }

  @Override
  public String dryRun(DryRunFrames f) {
    return "ARP requests for " + f.plan().vips() + " to the master, then " + f.master() + "the same requests";
  }

  private static CaseResult d2(CaseContext c) throws InterruptedException {
    String id = "D2";
    // OpenBSD 3.5's carp_iamatch (1.54) answers from any running carp interface holding the address
    boolean backupReplies = !c.plan.profile().balancing().arpReplyRequiresMaster();
    String expected = "master replies from " + c.arpMacText() + "; backup "
        + (backupReplies ? "replies too (profile " + c.plan.profile().name() + ": no MASTER check)" : "does not reply");
    String tol = "reply within " + ARP_REPLY_WAIT_MS + " ms";
    if (!c.ensureIutMaster()) {
      return new CaseResult(id, ConformanceRunner.title(id), Verdict.FAIL, "the IUT is not advertising", expected, tol,
          "precondition failed");
    }
    List<String> problems = new ArrayList<>();
    StringBuilder measured = new StringBuilder("master: ");
    for (Ipv4Address vip : c.plan.vips()) {
      Optional<TesterPort.ObservedArp> reply = askFor(c, vip);
      if (reply.isEmpty()) {
        measured.append(vip).append(" no reply; ");
        problems.add("master did not answer for " + vip);
      } else {
        measured.append(vip).append(" from ").append(reply.get().arp().senderMac()).append("; ");
        String mac = c.arpMacProblem(reply.get().sourceMac(), reply.get().arp().senderMac());
        if (mac != null) {
          problems.add("master " + vip + ": " + mac);
        }
      }
    }
    if (c.testerCanBeBetter()) {
      String failed = c.makeBackup(id);
      if (failed != null) {
        problems.add(failed);
      } else {
        measured.append("backup: ");
        for (Ipv4Address vip : c.plan.vips()) {
          Optional<TesterPort.ObservedArp> reply = askFor(c, vip);
          measured.append(vip).append(reply.isEmpty() ? " no reply; " : " reply from " + reply.get().sourceMac()
              + "; ");
          if (reply.isPresent() && !backupReplies) {
            problems.add("backup answered for " + vip);
          } else if (reply.isEmpty() && backupReplies) {
            problems.add("backup did not answer for " + vip);
          }
        }
      }
    } else {
      measured.append("backup: not tested (" + CANNOT_BE_BETTER + ")");
    }
    return new CaseResult(id, ConformanceRunner.title(id), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL,
        measured.toString().trim(), expected, tol, String.join("; ", problems));
  }

  /** Sends "who has {@code vip}" and waits for a reply from anyone but the tester. */
  private static Optional<TesterPort.ObservedArp> askFor(CaseContext c, Ipv4Address vip) throws InterruptedException {
    long t0 = c.nowNanos();
    c.port.inject(AdvertisementCrafter.arpRequest(c.port.mac(), c.self(), vip));
    c.port.awaitArp(all -> reply(c, all, vip, t0).isPresent(), ARP_REPLY_WAIT_MS);
    return reply(c, c.port.arps(), vip, t0);
  }

  private static Optional<TesterPort.ObservedArp> reply(CaseContext c, List<TesterPort.ObservedArp> all,
        Ipv4Address vip, long after) {
    for (TesterPort.ObservedArp a : all) {
      if (a.epochNanos() > after && a.arp().operation() == ArpPacket.REPLY && a.arp().senderIp().equals(vip)
          && !a.sourceMac().equals(c.port.mac())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
