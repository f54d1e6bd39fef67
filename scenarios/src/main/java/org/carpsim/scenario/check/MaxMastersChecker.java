package org.carpsim.scenario.check;

import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.time.Durations;

/**
 * {@code expect max-masters SEG vhid N <= K}: never more than K masters at once, e.g. at most two
 * while a three-host group is partitioned in two.
 */
public final class MaxMastersChecker implements Checker {

  private final Expectation.MaxMasters e;

  public MaxMastersChecker(Expectation.MaxMasters e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    MasterStretches.Count c = MasterStretches.count(run, new MasterStretches.Key(e.segment(), e.vhid()), e.from(),
        e.to(), e.max());
    if (c.first() != null) {
      return Judgement.fails(c.first().masters().size() + " masters (" + String.join(", ", c.first().masters())
          + ") from " + Durations.format(c.first().from()) + " to " + Durations.format(c.first().to()) + "; "
          + Durations.format(c.overNanos()) + " with more than " + e.max() + " in all");
    }
    return Judgement.holds("at most " + c.most() + " master" + (c.most() == 1 ? "" : "s") + " at once");
  }
}
