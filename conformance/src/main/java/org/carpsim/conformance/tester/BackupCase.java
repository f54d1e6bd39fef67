package org.carpsim.conformance.tester;

import java.util.List;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.ReceiveRules;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;

import static org.carpsim.conformance.tester.CaseContext.*;
import static org.carpsim.conformance.tester.ConformanceRunner.*;

/**
 * B4–B8: the tester plays a better master until the IUT is BACKUP, then falls silent (B4), turns
 * into a slower master (B5 with preempt, B6 without), bows out (B7) or sends a demoted
 * advertisement (B8), and judges whether and when the IUT takes over.
 */
final class BackupCase extends NamedCase {

  BackupCase(String id, String title) {
    super(id, title);
  }

  @Override
  public CaseResult run(CaseContext c) throws InterruptedException {
    return switch (id) {
      case "B4" -> b4(c);
      case "B5", "B6" -> b5b6(c, id);
      case "B7" -> b7(c);
      default -> b8(c);
    };
  }

  @Override
  public long measurementToleranceNs(ConformancePlan plan, CaseResult result) {
    long tick = plan.profile().timing().receiveTickNs();
    return tick + (id.equals("B4") ? TAKEOVER_JITTER_NS : REACTION_JITTER_NS);
  }

  @Override
  public String dryRun(DryRunFrames f) {
    int[] slow = f.slower();
    return switch (id) {
      case "B4" -> f.master() + "nothing";
      case "B5", "B6" -> f.master() + "1/s [" + f.ad(slow[0], slow[1], 0, Fault.NONE) + "]";
      case "B7" -> f.master() + "once [" + f.bowOut() + "]";
      default -> f.master() + "1/s [" + f.ad(TESTER_ADVBASE, TESTER_ADVSKEW, 1, Fault.NONE) + "]";
    };
  }

  private static CaseResult b4(CaseContext c) throws InterruptedException {
    String id = "B4";
    String title = ConformanceRunner.title(id);
    long expected = c.masterDown();
    // A receive tick only ever delays the IUT's processing of our last advertisement: one-sided.
    long below = TAKEOVER_JITTER_NS;
    long above = c.tick() + TAKEOVER_JITTER_NS;
    String exp = c.seconds(expected) + " (profile " + c.plan.profile().name() + " master-down)";
    String tol = String.format("-%.0f ms/+%.0f ms", below / 1e6, above / 1e6)
        + (c.tick() > 0 ? " (incl. the profile's " + c.seconds(c.tick()) + " receive tick)" : "");
    if (!c.testerCanBeBetter()) {
      return new CaseResult(id, title, Verdict.SKIP, "-", exp, tol, CANNOT_BE_BETTER);
    }
    String failed = c.makeBackup(id);
    if (failed != null) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT kept advertising", "BACKUP while the tester is master",
          tol, failed);
    }
    long lastValid = c.lastOwn(TESTER_ADVSKEW, 0);
    long deadlineMs = (expected + above) / 1_000_000L + 3000;
    c.progress.accept(id + ": falling silent");
    c.port.await(all -> !c.iutAds(all, lastValid).isEmpty(), deadlineMs);
    List<ObservedAdvertisement> after = c.iutAds(c.port.ads(), lastValid);
    if (after.isEmpty()) {
      return new CaseResult(id, title, Verdict.FAIL, "no takeover within " + deadlineMs / 1000 + " s", exp, tol, "");
    }
    c.testerMaster = false;
    c.lastTakeoverNanos = after.get(0).epochNanos();
    long measured = after.get(0).epochNanos() - lastValid;
    boolean ok = measured >= expected - below && measured <= expected + above;
    return new CaseResult(id, title, ok ? Verdict.PASS : Verdict.FAIL,
        c.seconds(measured) + " from the last valid advertisement", exp, tol, "");
  }

  /** B5/B6: the IUT as BACKUP under a master that turns slower. */
  private static CaseResult b5b6(CaseContext c, String id) throws InterruptedException {
    boolean wantPreempt = id.equals("B5");
    if (wantPreempt != c.plan.preempt()) {
      return c.skip(id, "the IUT is configured " + (c.plan.preempt() ? "with" : "without") + " preempt (--preempt "
          + (c.plan.preempt() ? "given" : "not given") + "): " + id + " needs a backup "
          + (wantPreempt ? "with" : "without") + " it; " + (wantPreempt ? "B6" : "B5") + " runs instead");
    }
    if (!c.testerCanBeBetter()) {
      return c.skip(id, CANNOT_BE_BETTER);
    }
    int[] w = c.slower();
    ReceiveRules.BackupReaction r = c.plan.profile().onAdvertisementAsBackup(c.iutLocal(),
        c.testerAdvert(w[0], w[1], 0));
    return asBackup(c, id, w[0], w[1], 0, r.takesOver(), "slower master advbase " + w[0] + " advskew " + w[1]
        + "; profile " + c.plan.profile().name() + (c.plan.preempt() ? " with" : " without") + " preempt: " + r);
  }

  private static CaseResult b7(CaseContext c) throws InterruptedException {
    if (!c.testerCanBeBetter()) {
      return c.skip("B7", CANNOT_BE_BETTER);
    }
    ReceiveRules.BackupReaction r = c.plan.profile().onAdvertisementAsBackup(c.iutLocal(),
        c.testerAdvert(CarpAdvertisement.BOW_OUT, CarpAdvertisement.BOW_OUT, 0));
    return asBackup(c, "B7", CarpAdvertisement.BOW_OUT, CarpAdvertisement.BOW_OUT, 0, r.takesOver(),
        "bow-out advbase 255 advskew 255; profile " + c.plan.profile().name() + ": " + r);
  }

  private static CaseResult b8(CaseContext c) throws InterruptedException {
    Profile p = c.plan.profile();
    if (!p.comparesDemote()) {
      return c.skip("B8", "profile " + p.name()
          + " has no demote byte (byte 4 is pad1: sent as 0, ignored on receive)");
    }
    if (!c.testerCanBeBetter()) {
      return c.skip("B8", CANNOT_BE_BETTER);
    }
    ReceiveRules.BackupReaction r = p.onAdvertisementAsBackup(c.iutLocal(),
        c.testerAdvert(TESTER_ADVBASE, TESTER_ADVSKEW, 1));
    return asBackup(c, "B8", TESTER_ADVBASE, TESTER_ADVSKEW, 1, r.takesOver(), "master advbase 1 advskew 0 demote 1, "
        + "IUT demote 0" + (c.plan.preempt() ? " with" : " without") + " preempt; profile " + p.name() + ": " + r);
  }

  /**
   * Makes the IUT BACKUP, then sends {@code (advbase, advskew, demote)} advertisements (a bow-out
   * once) and judges whether it takes over at once ({@code expectTakeover}) or stays BACKUP for
   * master-down + tick + 1 s.
   */
  private static CaseResult asBackup(CaseContext c, String id, int advbase, int advskew, int demote,
        boolean expectTakeover, String why)
      throws InterruptedException {
    String title = ConformanceRunner.title(id);
    long allowed = c.tick() + REACTION_JITTER_NS;
    long window = c.masterDown() + c.tick() + S;
    String expected = expectTakeover ? "takes over at once" : "stays BACKUP";
    String tol = expectTakeover ? String.format("first advertisement <= %.0f ms after ours", allowed / 1e6)
        : String.format("silent for %.3f s (master-down + tick + 1 s)", window / 1e9);
    String failed = c.makeBackup(id);
    if (failed != null) {
      return new CaseResult(id, title, Verdict.FAIL, "the IUT kept advertising", "BACKUP before the case", tol, failed);
    }
    boolean bowOut = advbase == CarpAdvertisement.BOW_OUT;
    c.progress.accept(id + ": sending advbase " + advbase + " advskew " + advskew + " demote " + demote
        + (bowOut ? " (once)" : " once a second"));
    long t0 = c.nowNanos();
    long end = t0 + (expectTakeover ? allowed + 2 * S : window);
    boolean sent = false;
    while (c.nowNanos() < end && c.iutAds(c.port.ads(), t0).isEmpty()) {
      if (!bowOut || !sent) {
        c.sendAd(advbase, advskew, demote, Fault.NONE);
        sent = true;
        if (bowOut) {
          c.testerMaster = false;
        }
      }
      long left = Math.max(1, (end - c.nowNanos()) / 1_000_000L);
      c.port.await(all -> !c.iutAds(all, t0).isEmpty(), Math.min(TESTER_INTERVAL_MS, left));
    }
    long sentAt = c.firstOwn(advskew, t0 - 1);
    List<ObservedAdvertisement> after = c.iutAds(c.port.ads(), t0);
    if (expectTakeover) {
      if (after.isEmpty()) {
        return new CaseResult(id, title, Verdict.FAIL, "no takeover within " + c.seconds(end - t0), expected, tol, why);
      }
      c.testerMaster = false;
      c.lastTakeoverNanos = after.get(0).epochNanos();
      long delay = after.get(0).epochNanos() - sentAt;
      return new CaseResult(id, title, delay <= allowed ? Verdict.PASS : Verdict.FAIL,
          "took over " + c.seconds(delay) + " after our first advertisement", expected, tol, why);
    }
    c.testerMaster = true;
    if (!after.isEmpty()) {
      long delay = after.get(0).epochNanos() - sentAt;
      c.testerMaster = false;
      c.lastTakeoverNanos = after.get(0).epochNanos();
      return new CaseResult(id, title, Verdict.FAIL, "took over " + c.seconds(delay) + " after our first advertisement",
          expected, tol, why);
    }
    return new CaseResult(id, title, Verdict.PASS, "silent for " + c.seconds(c.nowNanos() - t0), expected, tol, why);
  }
}
