package org.carpsim.scenario.check;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.time.Durations;

/**
 * {@code expect failover SEG vhid N <= D [from T] [to T]}: every stretch without a master, once there
 * had been one, that begins within the window lasts at most D.
 */
public final class FailoverChecker implements Checker {

  private final Expectation.Failover e;

  public FailoverChecker(Expectation.Failover e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    List<String> takeovers = new ArrayList<>();
    String worst = null;
    boolean hadMaster = false;
    for (MasterStretches.Stretch s : MasterStretches.of(run, new MasterStretches.Key(e.segment(), e.vhid()))) {
      if (!s.masters().isEmpty()) {
        hadMaster = true;
        continue;
      }
      if (!hadMaster || s.from() < e.from() || s.from() > e.to()) {
        continue;
      }
      String text = s.to() == run.end() ? "no master from " + Durations.format(s.from()) + " to the end"
          : Durations.format(s.length()) + " at " + Durations.format(s.from());
      takeovers.add(text);
      if (s.length() > e.max() && worst == null) {
        worst = text;
      }
    }
    if (worst != null) {
      return Judgement.fails("longer than " + Durations.format(e.max()) + ": " + worst + " (all: "
          + String.join(", ", takeovers) + ")");
    }
    return Judgement.holds(takeovers.isEmpty() ? "no master was lost" : "takeovers: " + String.join(", ", takeovers));
  }
}
