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
    MasterStretches.Count c = MasterStretches.count(run, new MasterStretches.Key(e.segment(), e.vhid()), e.from(),
        e.to(), 1);
    if (c.first() != null) {
      return Judgement.fails("two masters (" + String.join(", ", c.first().masters()) + ") from "
          + Durations.format(c.first().from()) + " to " + Durations.format(c.first().to()) + "; "
          + Durations.format(c.overNanos()) + " with several masters in all");
    }
    return Judgement.holds("never two masters; " + Durations.format(c.noneNanos()) + " without a master");
  }
}
