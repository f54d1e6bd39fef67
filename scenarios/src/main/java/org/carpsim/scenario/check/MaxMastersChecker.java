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
    int most = 0;
    long over = 0;
    MasterStretches.Stretch first = null;
    for (MasterStretches.Stretch s : MasterStretches.of(run, new MasterStretches.Key(e.segment(), e.vhid()),
        e.from(), e.to())) {
      most = Math.max(most, s.masters().size());
      if (s.masters().size() > e.max()) {
        over += s.length();
        first = first == null ? s : first;
      }
    }
    if (first != null) {
      return Judgement.fails(first.masters().size() + " masters (" + String.join(", ", first.masters()) + ") from "
          + Durations.format(first.from()) + " to " + Durations.format(first.to()) + "; "
          + Durations.format(over) + " with more than " + e.max() + " in all");
    }
    return Judgement.holds("at most " + most + " master" + (most == 1 ? "" : "s") + " at once");
  }
}
