package org.carpsim.scenario.run;

import java.util.List;
import java.util.Map;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.check.RunView;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.Timed;

/**
 * One run of a scenario: what ran, its history and the engine's figures. The history is the run;
 * everything else here is read from it (state changes, counters, the clients' ARP answers, the
 * verdicts recorded at the end), indexed once.
 */
public final class RunResult {

  private final Scenario scenario;
  private final History history;
  private final EngineStats engine;
  private final RunView view;
  private final List<Verdict> verdicts;

  /** The result of a run whose history {@code view} indexes and whose verdicts are recorded in it. */
  RunResult(Scenario scenario, History history, EngineStats engine, RunView view, List<Verdict> verdicts) {
    this.scenario = scenario;
    this.history = history;
    this.engine = engine;
    this.view = view;
    this.verdicts = List.copyOf(verdicts);
  }

  /** What ran. */
  public Scenario scenario() {
    return scenario;
  }

  /** The run's history: faults, commands, state changes, log lines, counters, answers, verdicts, frames as recorded. */
  public History history() {
    return history;
  }

  /** The engine's figures for the run. */
  public EngineStats engine() {
    return engine;
  }

  /** The history as checkers read it. */
  public RunView view() {
    return view;
  }

  /** One verdict per expectation, in file order. */
  public List<Verdict> verdicts() {
    return verdicts;
  }

  /** Every state change, in time order. */
  public List<Timed<StateChanged>> transitions() {
    return view.changes();
  }

  /** host → interface → carpstats counters of the host's current (or last) life. */
  public Map<String, Map<String, Map<CarpStat, Long>>> statistics() {
    return view.counters();
  }

  /** Every simulated client's ARP request and who answered it. */
  public List<Timed<ArpAnswered>> arpAnswers() {
    return view.arpAnswers();
  }

  /** True when every expectation held. */
  public boolean passed() {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  public long seed() {
    return scenario.seed();
  }
}
