package org.carpsim.scenario.check;

import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.time.Durations;

/** {@code expect always one-master}: two masters for any positive time is split brain. */
public final class OneMasterChecker implements Checker {

  private final Expectation.OneMaster e;

  public OneMasterChecker(Expectation.OneMaster e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    long none = 0;
    long many = 0;
    MasterStretches.Stretch first = null;
    for (MasterStretches.Stretch s : MasterStretches.of(run, new MasterStretches.Key(e.segment(), e.vhid()),
        e.from(), e.to())) {
      if (s.masters().isEmpty()) {
        none += s.length();
      } else if (s.masters().size() > 1) {
        many += s.length();
        first = first == null ? s : first;
      }
    }
    if (first != null) {
      return Judgement.fails("two masters (" + String.join(", ", first.masters()) + ") from "
          + Durations.format(first.from()) + " to " + Durations.format(first.to()) + "; "
          + Durations.format(many) + " with several masters in all");
    }
    return Judgement.holds("never two masters; " + Durations.format(none) + " without a master");
  }
}
