package org.carpsim.scenario.history;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A host's carpstats counters, read when its life ends: at a crash, or at the end of the run. A
 * later snapshot of the same host replaces an earlier one (a booted host counts from zero again).
 *
 * @param host the host
 * @param counters interface → counter → value, interfaces by name, counters in carpstats order
 */
public record CountersTaken(String host, Map<String, Map<CarpStat, Long>> counters) implements HistoryEvent {

  public CountersTaken {
    Map<String, Map<CarpStat, Long>> byIface = new TreeMap<>();
    counters.forEach((iface, values) -> {
      Map<CarpStat, Long> c = new EnumMap<>(CarpStat.class);
      c.putAll(values);
      byIface.put(iface, Collections.unmodifiableMap(c));
    });
    counters = Collections.unmodifiableMap(byIface);
  }

  @Override
  public String kind() {
    return "counters";
  }

  @Override
  public List<String> entities() {
    return List.of(host);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText text = EventText.of(out, entities());
    counters.forEach((iface, values) -> values.forEach((stat, value) -> {
      if (value != 0) {
        text.with(iface + "." + stat.counterName(), value);
      }
    }));
  }
}
