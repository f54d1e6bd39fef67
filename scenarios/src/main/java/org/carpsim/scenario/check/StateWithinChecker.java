package org.carpsim.scenario.check;

import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/** {@code expect within D after T TARGET STATE}: the first instant in the window the target is in the state. */
public final class StateWithinChecker implements Checker {

  private final Expectation.StateWithin e;

  public StateWithinChecker(Expectation.StateWithin e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    if (TargetStates.at(run, e.target(), e.after()) == e.state()) {
      return Judgement.holds(e.target() + " was already " + e.state() + " at " + Durations.format(e.after()));
    }
    for (Timed<StateChanged> c : run.changesOf(e.target().host())) {
      long t = c.time();
      if (t > e.deadline()) {
        break;
      }
      if (t > e.after() && TargetStates.matches(e.target(), c.event())
          && TargetStates.at(run, e.target(), t) == e.state()) {
        return Judgement.holds(e.target() + " became " + e.state() + " at " + Durations.format(t) + ", "
            + Durations.format(t - e.after()) + " after " + Durations.format(e.after()) + " (" + c.event().reason()
            + ")");
      }
    }
    return Judgement.fails(e.target() + " was not " + e.state() + " by " + Durations.format(e.deadline())
        + " (it was " + TargetStates.at(run, e.target(), e.deadline()) + ")");
  }
}
