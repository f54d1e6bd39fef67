package org.carpsim.scenario.check;

import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/** {@code expect steady SEG vhid N [from T] [to T]}: no vhost of the vhid changes state within the window. */
public final class SteadyChecker implements Checker {

  private final Expectation.Steady e;

  public SteadyChecker(Expectation.Steady e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    String window = "from " + Durations.format(e.from()) + " to " + Durations.format(Math.min(e.to(), run.end()));
    for (Timed<StateChanged> t : run.changesOf(new MasterStretches.Key(e.segment(), e.vhid()))) {
      StateChanged c = t.event();
      if (t.time() > e.from() && t.time() <= e.to()) {
        return Judgement.fails(c.qualifiedIface() + " vhid " + c.vhid() + " went " + c.from() + " -> " + c.to() + " at "
            + Durations.format(t.time()) + " (" + c.reason() + "), within " + window);
      }
    }
    return Judgement.holds("no state change of " + e.segment() + " vhid " + e.vhid() + " " + window);
  }
}
