package org.carpsim.scenario.check;

import java.util.Map;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.Expectation;

/** {@code expect stat HOST[.IFACE] COUNTER OP N}: a counter of the host's last life, of one interface or summed. */
public final class StatChecker implements Checker {

  private final Expectation.Stat e;

  public StatChecker(Expectation.Stat e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    Map<String, Map<CarpStat, Long>> host = run.counters().getOrDefault(e.host(), Map.of());
    long value = e.iface().isPresent()
        ? host.getOrDefault(e.iface().get(), Map.of()).getOrDefault(e.counter(), 0L)
        : host.values().stream().mapToLong(m -> m.getOrDefault(e.counter(), 0L)).sum();
    String where = e.host() + e.iface().map(i -> "." + i).orElse("");
    return new Judgement(e.comparison().holds(value, e.value()), where + " " + e.counter().counterName() + " = " + value);
  }
}
