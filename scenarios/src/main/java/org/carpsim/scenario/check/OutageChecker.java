package org.carpsim.scenario.check;

import java.util.List;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.time.Durations;

/** {@code expect outage SEG VIP <=|>= D}: the longest time any client's traffic went nowhere. */
public final class OutageChecker implements Checker {

  private final Expectation.Outage e;

  public OutageChecker(Expectation.Outage e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    List<Outage> outages = run.outages(e.segment(), e.address());
    TrafficCounted total = run.traffic(e.segment(), e.address());
    if (outages.isEmpty()) {
      return new Judgement(e.comparison().holds(0, e.bound()), "no client lost a packet (" + Traffic.summary(total)
          + ")");
    }
    Outage longest = outages.get(0);
    for (Outage o : outages) {
      longest = o.duration() > longest.duration() ? o : longest;
    }
    String detail = "longest outage " + Durations.format(longest.duration()) + " (" + longest.client() + " from "
        + Durations.format(longest.from()) + (longest.open() ? " to the end" : " to " + Durations.format(longest.to()))
        + ", " + longest.lost() + " packets lost); " + Traffic.clientsHit(outages, total) + "; "
        + Traffic.summary(total);
    return new Judgement(e.comparison().holds(longest.duration(), e.bound()), detail);
  }
}
