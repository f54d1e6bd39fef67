package org.carpsim.scenario.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.Timed;

/** {@code expect arp-share SEG VIP HOST A%..B%}: the host's share of the clients' requests for the address. */
public final class ArpShareChecker implements Checker {

  private final Expectation.ArpShare e;

  public ArpShareChecker(Expectation.ArpShare e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    Map<String, Integer> byHost = new TreeMap<>();
    int total = 0;
    int unanswered = 0;
    for (Timed<ArpAnswered> t : run.arpAnswers()) {
      ArpAnswered a = t.event();
      if (a.segment().equals(e.segment()) && a.target().equals(e.address())) {
        total++;
        if (a.answered()) {
          byHost.merge(a.answeredBy(), 1, Integer::sum);
        } else {
          unanswered++;
        }
      }
    }
    if (total == 0) {
      return Judgement.fails("no client asked for " + e.address() + " on " + e.segment());
    }
    double share = 100.0 * byHost.getOrDefault(e.host(), 0) / total;
    List<String> each = new ArrayList<>();
    final int all = total;
    byHost.forEach((h, n) -> each.add(String.format(Locale.ROOT, "%s %.1f%%", h, 100.0 * n / all)));
    if (unanswered > 0) {
      each.add(String.format(Locale.ROOT, "unanswered %.1f%%", 100.0 * unanswered / all));
    }
    String detail = String.format(Locale.ROOT, "%s answered %.1f%% of %d requests (%s)", e.host(), share, total,
        String.join(", ", each));
    return new Judgement(share >= e.minPercent() && share <= e.maxPercent(), detail);
  }
}
