package org.carpsim.scenario.history;

import java.util.List;
import java.util.Map;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A host's carpstats at an instant an {@code expect at T netstat …} line names: what {@code netstat -s
 * -p carp} prints then (the host's sum), with the per-interface split the interface form reads.
 */
public record CountersShown(String host, CountersTaken counters) implements HistoryEvent {

  /** Interface → counter → value. */
  public Map<String, Map<CarpStat, Long>> values() {
    return counters.counters();
  }

  @Override
  public String kind() {
    return "netstat";
  }

  @Override
  public List<String> entities() {
    return List.of(host);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    counters.appendDetails(out);
  }
}
