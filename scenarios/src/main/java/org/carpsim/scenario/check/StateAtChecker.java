package org.carpsim.scenario.check;

import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.time.Durations;

/** {@code expect at T TARGET STATE}. */
public final class StateAtChecker implements Checker {

  private final Expectation.StateAt e;

  public StateAtChecker(Expectation.StateAt e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    CarpState seen = TargetStates.at(run, e.target(), e.at());
    return new Judgement(seen == e.state(), e.target() + " was " + seen + " at " + Durations.format(e.at()));
  }
}
