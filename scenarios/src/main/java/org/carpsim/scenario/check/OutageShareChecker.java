package org.carpsim.scenario.check;

import java.util.List;
import java.util.Locale;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.model.Comparison;
import org.carpsim.scenario.model.Expectation;

/** {@code expect outage-share SEG VIP <=|>= P%}: the share of the sending clients that saw an outage at all. */
public final class OutageShareChecker implements Checker {

  private final Expectation.OutageShare e;

  public OutageShareChecker(Expectation.OutageShare e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    List<Outage> outages = run.outages(e.segment(), e.address());
    TrafficCounted total = run.traffic(e.segment(), e.address());
    double share = total.clients() == 0 ? 0 : 100.0 * Traffic.hit(outages) / total.clients();
    boolean holds = e.comparison() == Comparison.GE ? share >= e.percent() : share <= e.percent();
    return new Judgement(holds, String.format(Locale.ROOT, "%.1f%%: ", share)
        + Traffic.clientsHit(outages, total) + "; " + Traffic.summary(total));
  }
}
