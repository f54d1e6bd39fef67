package org.carpsim.scenario.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carpsim.carp.config.Passphrase;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Lifecycle;
import org.carpsim.carp.profile.Timing;
import org.carpsim.scenario.check.Checker;
import org.carpsim.scenario.check.Judgement;
import org.carpsim.scenario.check.MasterStretches;
import org.carpsim.scenario.check.RunView;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Segment;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/**
 * The protocol invariants explore checks over one run, each a {@link Checker} over the run's
 * history like an expectation's, with the conditions under which each really holds:
 * <ol>
 *   <li>{@link #ONE_MASTER}: once the last fault is undone and the convergence window has passed, at
 *       most one master per vhid on each segment (every fault heals, so each segment is one side again);
 *       only on segments that lose no frames on their own, and for vhids whose hosts have distinct
 *       (advbase, advskew) and one passphrase: the protocol has no tie-break, and hosts that fail
 *       each other's HMAC never hear each other.</li>
 *   <li>{@link #TAKEOVER}: when the master of a vhid crashes or loses its link (or bows out where the
 *       profile sends no bow-out ad) and a backup in BACKUP remains, some other host is MASTER within the
 *       smallest master-down interval of those backups (with the highest advskew they may have had) plus
 *       the profile's receive tick (ucarp handles ads up to 1 s late) and, for ucarp, one poll period (it
 *       checks the deadline only when poll returns), and a slack for latency, jitter and kernel ticks. Not judged when the segment loses frames, is
 *       partitioned, or another fault happens around it.</li>
 *   <li>{@link #QUIET}: after the convergence window, no state changes at all (same segments as 1).</li>
 *   <li>{@link #BOW_OUT}: where the profile sends the 255/255 bow-out ad, {@code ifconfig carpN down}
 *       on the master lets a backup (advbase 1..84, so rule B3 applies) take over within a few ms.</li>
 * </ol>
 */
final class Invariants {

  static final String ONE_MASTER = "one master per vhid and segment after convergence";
  static final String TAKEOVER = "a backup takes over within the master-down interval";
  static final String QUIET = "no state changes while nothing changes";
  static final String BOW_OUT = "bow-out takeover is immediate";

  /**
   * What was violated, and how; with the {@code expect} line that states the invariant for the run,
   * which a reproducer carries so that running it fails as explore saw it.
   */
  record Violation(String invariant, String detail, Optional<String> expectation) {
    Violation(String invariant, String detail) {
      this(invariant, detail, Optional.empty());
    }
  }

  private static final long SLACK = 50 * Durations.MILLISECOND;
  private static final long BOW_OUT_SLACK = 10 * Durations.MILLISECOND;

  private final Scenario base;
  private final VhostTimers timers;
  private final long window;
  private final Map<String, Boolean> lossless = new HashMap<>();
  private final Map<String, Long> delay = new HashMap<>();
  long checks;
  /** Invariant name → how many times it was judged. */
  final Map<String, Long> judged = new java.util.TreeMap<>();

  Invariants(Scenario base, VhostTimers timers, long window) {
    this.base = base;
    this.timers = timers;
    this.window = window;
    for (Segment s : base.segments()) {
      boolean clean = s.conditions().loss() == 0;
      long d = s.conditions().latency() + s.conditions().jitter();
      for (Nic n : base.nicsOn(s.name())) {
        clean &= n.conditions().loss() == 0;
        d = Math.max(d, s.conditions().latency() + s.conditions().jitter() + n.conditions().latency()
            + n.conditions().jitter());
      }
      lossless.put(s.name(), clean);
      delay.put(s.name(), d);
    }
  }

  /** An invariant by name, its checker for one run of a schedule, and the same as an {@code expect} line. */
  record Invariant(String name, Checker checker, String expectation) {}

  /** The first violation in {@code run}, a run of {@code faults}, if any. */
  Optional<Violation> check(RunView run, List<ExploreFault> faults, long lastEvent) {
    for (Invariant invariant : invariants(run, faults, lastEvent)) {
      Judgement j = invariant.checker().check(run);
      if (!j.holds()) {
        return Optional.of(new Violation(invariant.name(), j.detail(), Optional.of(invariant.expectation())));
      }
    }
    return Optional.empty();
  }

  /**
   * The invariants that apply to a run of {@code faults}, in the order they are judged: for each
   * lossless, untied (segment, vhid) one master and quiet after convergence, then a takeover (or
   * bow-out) per fault that can cause one.
   */
  List<Invariant> invariants(RunView run, List<ExploreFault> faults, long lastEvent) {
    long settled = lastEvent + window;
    List<Invariant> out = new ArrayList<>();
    for (MasterStretches.Key key : run.keys()) {
      if (!lossless.getOrDefault(key.segment(), false) || tied(run, key)) {
        continue;
      }
      String vhid = key.segment() + " vhid " + key.vhid() + " from " + Durations.format(settled);
      out.add(new Invariant(ONE_MASTER, r -> oneMasterAfter(r, key, settled, lastEvent),
          "expect always one-master " + vhid));
      out.add(new Invariant(QUIET, r -> quietAfter(r, key, settled, lastEvent), "expect steady " + vhid));
    }
    for (ExploreFault f : faults) {
      for (MasterStretches.Key key : run.keys()) {
        promise(run, faults, f, key).ifPresent(p -> out.add(new Invariant(p.bowOut() ? BOW_OUT : TAKEOVER,
            r -> takeover(r, f, key, p), "expect failover " + key.segment() + " vhid " + key.vhid() + " <= "
                + Durations.format(p.bound()) + " from " + Durations.format(f.at()) + " to "
                + Durations.format(f.at() + Durations.SECOND))));
      }
    }
    return out;
  }

  private Judgement oneMasterAfter(RunView run, MasterStretches.Key key, long settled, long lastEvent) {
    count(ONE_MASTER);
    for (MasterStretches.Stretch s : MasterStretches.of(run, key)) {
      if (s.to() > settled && s.masters().size() > 1) {
        return Judgement.fails(key + ": masters " + String.join(", ", s.masters()) + " from "
            + Durations.format(Math.max(s.from(), settled)) + " to " + Durations.format(s.to()) + " (faults over at "
            + Durations.format(lastEvent) + ", window " + Durations.format(window) + ")");
      }
    }
    return Judgement.holds("at most one master after " + Durations.format(settled));
  }

  private Judgement quietAfter(RunView run, MasterStretches.Key key, long settled, long lastEvent) {
    count(QUIET);
    for (Timed<StateChanged> t : run.changesOf(key)) {
      StateChanged c = t.event();
      if (t.time() > settled) {
        return Judgement.fails(c.qualifiedIface() + " vhid " + c.vhid() + " went " + c.from() + " -> " + c.to()
            + " at " + Durations.format(t.time()) + " (" + c.reason() + "), after the last fault at "
            + Durations.format(lastEvent) + " and the window of " + Durations.format(window));
      }
    }
    return Judgement.holds("no state change after " + Durations.format(settled));
  }

  private void count(String invariant) {
    checks++;
    judged.merge(invariant, 1L, Long::sum);
  }

  /** Whether {@code f} takes a master away with a bow-out advertisement (its profile sends one). */
  private boolean bowsOut(ExploreFault f) {
    return f instanceof ExploreFault.BowOut b
        && base.host(b.host()).orElseThrow().profile().lifecycle().bowOut() != Lifecycle.BowOut.NEVER;
  }

  /**
   * The takeover promised after {@code f} on {@code key} (see the class comment): the master it takes
   * away, the backups that remain, the bound, and whether another host was already MASTER; empty
   * where none is promised.
   */
  record Promise(String master, List<String> backups, long bound, boolean bowOut, boolean otherMaster) {}

  private Optional<Promise> promise(RunView run, List<ExploreFault> faults, ExploreFault f, MasterStretches.Key key) {
    boolean bowOutAd = bowsOut(f);
    String onlyIface = null;
    String onlySegment = null;
    if (f instanceof ExploreFault.BowOut b) {
      onlyIface = b.iface();
    } else if (f instanceof ExploreFault.LinkFlap l) {
      onlySegment = base.nic(l.host() + "." + l.nic()).orElseThrow().segment();
    } else if (!(f instanceof ExploreFault.Crash)) {
      return Optional.empty();
    }
    long t = f.at();
    if (!lossless.getOrDefault(key.segment(), false) || (onlySegment != null && !onlySegment.equals(key.segment()))) {
      return Optional.empty();
    }
    Map<String, CarpState> before = MasterStretches.statesBefore(run, key, t);
    String master = null;
    for (Map.Entry<String, CarpState> e : before.entrySet()) {
      if (e.getValue() == CarpState.MASTER && e.getKey().startsWith(f.host() + ".")
          && (onlyIface == null || e.getKey().equals(f.host() + "." + onlyIface))) {
        master = e.getKey();
      }
    }
    if (master == null) {
      return Optional.empty();
    }
    Passphrase masterPass = timers.of(f.host(), master.substring(master.indexOf('.') + 1), key.vhid()).pass();
    long slack = 2 * delay.getOrDefault(key.segment(), 0L);
    long bound = Long.MAX_VALUE;
    List<String> backups = new ArrayList<>();
    for (Map.Entry<String, CarpState> e : before.entrySet()) {
      String host = e.getKey().substring(0, e.getKey().indexOf('.'));
      String iface = e.getKey().substring(e.getKey().indexOf('.') + 1);
      if (host.equals(f.host()) || e.getValue() != CarpState.BACKUP || asleepAfterLinkLoss(faults, host, t)) {
        continue;
      }
      VhostTimers.Timers tm = timers.of(host, iface, key.vhid());
      // ucarp sees received ads only on its capture tick (ucarp-lab.md): its clock starts up to a tick late.
      // ucarp checks its master-down deadline only when poll(2) returns: up to one poll period late.
      Timing timing = base.host(host).orElseThrow().profile().timing();
      long tick = timing.receiveTickNs() + (timing.masterDown() == Timing.MasterDown.UCARP_POLL
          ? Timing.ucarpPollPeriodNs(tm.advbase(), skewAt(faults, host, iface, tm, t)) : 0);
      if (bowOutAd) {
        // only a backup that hears the master (the same passphrase: its HMAC passes) hears its bow-out
        if (tm.advbase() == 0 || 3 * tm.advbase() >= 255 || !tm.pass().equals(masterPass)) {
          continue;
        }
        bound = Math.min(bound, slack + tick + BOW_OUT_SLACK);
      } else {
        bound = Math.min(bound, timers.masterDown(host, iface, key.vhid(), skewAt(faults, host, iface, tm, t)) + slack
            + tick + SLACK);
      }
      backups.add(e.getKey());
    }
    if (backups.isEmpty() || interfered(faults, f, key.segment(), t, t + bound)) {
      return Optional.empty();
    }
    boolean otherMaster = before.entrySet().stream()
        .anyMatch(e -> e.getValue() == CarpState.MASTER && !e.getKey().startsWith(f.host() + "."));
    return Optional.of(new Promise(master, backups, bound, bowOutAd, otherMaster));
  }

  /** Whether the promised takeover came: some other host MASTER of the key by the bound. */
  private Judgement takeover(RunView run, ExploreFault f, MasterStretches.Key key, Promise p) {
    count(p.bowOut() ? BOW_OUT : TAKEOVER);
    long t = f.at();
    long deadline = t + p.bound();
    boolean other = p.otherMaster();
    String first = "none";
    for (Timed<StateChanged> tc : run.changesOf(key)) {
      StateChanged c = tc.event();
      if (c.to() == CarpState.MASTER && !c.host().equals(f.host()) && tc.time() >= t) {
        other |= tc.time() <= deadline;
        first = c.qualifiedIface() + " at " + Durations.format(tc.time());
        break;
      }
    }
    if (!other) {
      return Judgement.fails(p.master() + " (MASTER of " + key.segment() + " vhid " + key.vhid() + ") " + describe(f)
          + " at " + Durations.format(t) + "; backups " + String.join(", ", p.backups()) + "; no takeover by "
          + Durations.format(deadline) + " (bound " + Durations.format(p.bound()) + "); first takeover: " + first);
    }
    return Judgement.holds("a backup took over in time");
  }

  /**
   * Two vhosts of the key with the same advbase and advskew (the protocol has no tie-break, §5.3: both
   * masters yield and the timers race), or with different passphrases (they cannot hear each other):
   * neither convergence invariant is promised.
   */
  private boolean tied(RunView run, MasterStretches.Key key) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Set<String> vhosts = new java.util.TreeSet<>();
    run.changesOf(key).forEach(c -> vhosts.add(c.event().host() + "\u0000" + c.event().iface()));
    VhostTimers.Timers first = null;
    for (String v : vhosts) {
      String[] p = v.split("\u0000");
      VhostTimers.Timers t = timers.of(p[0], p[1], key.vhid());
      first = first == null ? t : first;
      if (!seen.add(t.advbase() + "/" + t.advskew()) || !t.pass().equals(first.pass())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(ExploreFault f) {
    if (f instanceof ExploreFault.Crash) {
      return "crashed";
    } else if (f instanceof ExploreFault.LinkFlap l) {
      return "lost the link of " + l.nic();
    }
    return "was set down";
  }

  /** The highest advskew the vhost may have at {@code t}: its configured one or any injected before. */
  private static int skewAt(List<ExploreFault> faults, String host, String iface, VhostTimers.Timers tm, long t) {
    int skew = tm.advskew();
    for (ExploreFault f : faults) {
      if (f instanceof ExploreFault.AdvskewChange a && a.host().equals(host) && a.iface().equals(iface) && a.at() <= t) {
        skew = Math.max(skew, a.advskew());
      }
    }
    return skew;
  }

  /** Another fault (or f's own undoing) near the window, or a partition or loss on the segment around it. */
  /**
   * ucarp, having seen its interface lose RUNNING, sleeps {@code linkRecheckNs} (10 s) before it
   * looks again (carp-protocol.md §5.7): until then it cannot take over, whatever its link does. The
   * loss is noticed on its next capture tick, so the sleep may end up to a tick after down + 10 s.
   */
  private boolean asleepAfterLinkLoss(List<ExploreFault> faults, String host, long t) {
    Lifecycle life = base.host(host).orElseThrow().profile().lifecycle();
    if (life.linkLoss() != Lifecycle.LinkLoss.BACKUP_AND_RECHECK) {
      return false;
    }
    long tick = base.host(host).orElseThrow().profile().timing().receiveTickNs();
    for (ExploreFault other : faults) {
      if (other instanceof ExploreFault.LinkFlap l && l.host().equals(host) && l.at() <= t
          && t < l.at() + tick + life.linkRecheckNs() + SLACK) {
        return true;
      }
    }
    return false;
  }

  private boolean interfered(List<ExploreFault> faults, ExploreFault f, String segment, long from, long to) {
    if (f.end() != f.at() && f.end() <= to) {
      return true;
    }
    for (ExploreFault g : faults) {
      if (g == f) {
        continue;
      }
      boolean segmentWide = g instanceof ExploreFault.Partition || g instanceof ExploreFault.LossBurst;
      long margin = segmentWide ? window : Durations.SECOND;
      if (g.end() >= from - margin && g.at() <= to) {
        return true;
      }
    }
    return base.timeline().stream().anyMatch(e -> e.at() >= from - window && e.at() <= to);
  }

}
