package org.carpsim.scenario.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Comparison;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/**
 * {@code expect convergence SEG VIP <=|>= D}: after each takeover of the address, the time until every
 * client's traffic reaches the new master.
 *
 * <p>A takeover is a change of who is MASTER of the address on the segment after which exactly one
 * vhost is, once the run has had a master: a backup taking over from a dead master, the loser of a
 * split brain stepping down (the winner sends nothing then, which is why caches stay stale), a
 * preempting host. A client has converged once a master takes its packets again; clients that lost
 * nothing count as converged at once. So the lagging clients are those with an outage going on at the
 * takeover, or one that began with their first packet after it (within one send interval), and the
 * takeover's convergence time runs to the end of the last of those outages. An outage still going on
 * at the next change of master, or at the end of the run, never converged.
 */
public final class ConvergenceChecker implements Checker {

  private final Expectation.Convergence e;

  public ConvergenceChecker(Expectation.Convergence e) {
    this.e = e;
  }

  /** One takeover and how it converged: {@code until} is when the last lagging client was served again. */
  record Takeover(long at, long until, boolean converged, Outage slowest) {
    long time() {
      return until - at;
    }
  }

  @Override
  public Judgement check(RunView run) {
    List<Takeover> takeovers = takeovers(run);
    String where = e.address() + " on " + e.segment();
    if (takeovers.isEmpty()) {
      return new Judgement(e.comparison() == Comparison.LE, "no takeover of " + where + " during the run");
    }
    Takeover worst = takeovers.get(0);
    for (Takeover t : takeovers) {
      boolean slower = !t.converged() && worst.converged() || t.converged() == worst.converged() && t.time() > worst.time();
      worst = slower ? t : worst;
    }
    boolean holds = e.comparison() == Comparison.LE
        ? worst.converged() && worst.time() <= e.bound()
        : !worst.converged() || worst.time() >= e.bound();
    return new Judgement(holds, describe(worst) + "; " + takeovers.size() + " takeover"
        + (takeovers.size() == 1 ? "" : "s") + " of " + where + "; measured by the clients' packets, to within "
        + Durations.format(e.resolution()));
  }

  private static String describe(Takeover t) {
    String at = "the takeover at " + Durations.format(t.at());
    if (t.slowest() == null) {
      return "every client served at once after " + at;
    }
    String client = t.slowest().client().toString();
    if (!t.converged()) {
      return "not converged " + Durations.format(t.time()) + " after " + at + ": " + client + " not served again "
          + (t.slowest().open() ? "by the end of the run" : "before the master changed again at "
          + Durations.format(t.until()));
    }
    return "slowest convergence " + Durations.format(t.time()) + " after " + at + " (" + client + " served again at "
        + Durations.format(t.until()) + ")";
  }

  /** The takeovers of the address, each with the outages that lagged behind it. */
  private List<Takeover> takeovers(RunView run) {
    List<Long> changes = new ArrayList<>(); // every change of the masters' set, for the windows' ends
    List<Long> anchors = new ArrayList<>();
    Set<String> masters = new HashSet<>();
    boolean hadMaster = false;
    for (Timed<StateChanged> tc : run.changes()) {
      StateChanged c = tc.event();
      if (!c.segment().equals(e.segment()) || !c.addresses().contains(e.address())) {
        continue;
      }
      String vhost = c.qualifiedIface() + " " + c.vhid();
      boolean changed = c.to() == CarpState.MASTER ? masters.add(vhost) : masters.remove(vhost);
      if (!changed) {
        continue;
      }
      changes.add(tc.time());
      if (masters.size() == 1 && hadMaster) {
        anchors.add(tc.time());
      }
      hadMaster |= !masters.isEmpty();
    }
    List<Outage> outages = run.outages(e.segment(), e.address());
    List<Takeover> out = new ArrayList<>();
    for (long at : anchors) {
      long next = nextAfter(changes, at, run.end());
      Outage slowest = null;
      for (Outage o : outages) {
        boolean going = o.from() <= at && o.to() > at;
        boolean begunAfter = o.from() > at && o.from() <= at + e.resolution() && o.from() < next;
        if ((going || begunAfter) && (slowest == null || o.to() > slowest.to() || o.open() && !slowest.open())) {
          slowest = o;
        }
      }
      if (slowest == null) {
        out.add(new Takeover(at, at, true, null));
      } else {
        boolean converged = !slowest.open() && slowest.to() <= next;
        out.add(new Takeover(at, converged ? slowest.to() : next, converged, slowest));
      }
    }
    return out;
  }

  /** The first change of master after {@code at}, or the end of the run. */
  private static long nextAfter(List<Long> changes, long at, long end) {
    for (long t : changes) {
      if (t > at) {
        return t;
      }
    }
    return end;
  }
}
