package org.carpsim.scenario.run;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.history.History;

/**
 * Everything one run of a scenario produced.
 *
 * @param scenario what ran
 * @param verdicts one per expectation, in file order
 * @param transitions every state change, in time order
 * @param statistics host → interface → carpstats counters of the host's current (or last) life
 * @param arpAnswers every simulated client's ARP request and who answered it
 * @param engine the engine's figures for the run
 * @param history the run's full history (faults, frames as recorded, transitions, logs)
 */
public record RunResult(
    Scenario scenario,
    List<Verdict> verdicts,
    List<StateChange> transitions,
    Map<String, Map<String, Map<CarpStat, Long>>> statistics,
    List<ArpAnswer> arpAnswers,
    EngineStats engine,
    History history) {

  public RunResult {
    verdicts = List.copyOf(verdicts);
    transitions = List.copyOf(transitions);
    statistics = ordered(statistics);
    arpAnswers = List.copyOf(arpAnswers);
  }

  /** Hosts as given, interfaces by name, counters in carpstats order: output stays byte-stable. */
  private static Map<String, Map<String, Map<CarpStat, Long>>> ordered(
      Map<String, Map<String, Map<CarpStat, Long>>> in) {
    Map<String, Map<String, Map<CarpStat, Long>>> out = new LinkedHashMap<>();
    in.forEach((host, ifaces) -> {
      Map<String, Map<CarpStat, Long>> byIface = new TreeMap<>();
      ifaces.forEach((iface, counters) -> {
        Map<CarpStat, Long> c = new EnumMap<>(CarpStat.class);
        c.putAll(counters);
        byIface.put(iface, Collections.unmodifiableMap(c));
      });
      out.put(host, Collections.unmodifiableMap(byIface));
    });
    return Collections.unmodifiableMap(out);
  }

  /** True when every expectation held. */
  public boolean passed() {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  public long seed() {
    return scenario.seed();
  }
}
