package org.carpsim.conformance.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.sweep.AdvertisementGaps;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.history.Timed;

/**
 * Simulation beside reality: a scenario's simulated runs (one per seed) and its live runs, compared
 * quantity by quantity. Each quantity is a row: the takeovers as the capture shows them (last
 * advertisement → first of the new master, per segment and vhid, in order), each vhost's n-th
 * change into a state (its instant from the start), each expectation (held or not). A live value
 * is <em>outside</em> when it lies beyond the simulated range by more than the tolerance of the
 * hosts involved ({@link LiveTolerance}); an expectation is outside when its live verdict never
 * came up simulated.
 */
public final class Fidelity {

  /**
   * One compared quantity.
   *
   * @param what what is measured, e.g. {@code takeover lan vhid 1 #1 (last ad -> first ad)}
   * @param simulated the simulated values, sorted (ns; for an expectation 1 held, 0 failed)
   * @param live the live values in run order
   * @param tolerance how far beyond the simulated range a live value may lie (ns)
   * @param verdict true for an expectation's row
   */
  public record Row(String what, List<Long> simulated, List<Long> live, long tolerance, boolean verdict) {

    public Row {
      List<Long> s = new ArrayList<>(simulated);
      Collections.sort(s);
      simulated = List.copyOf(s);
      live = List.copyOf(live);
    }

    public long min() {
      return simulated.isEmpty() ? 0 : simulated.get(0);
    }

    public long max() {
      return simulated.isEmpty() ? 0 : simulated.get(simulated.size() - 1);
    }

    /** The simulated value at quantile {@code q} (0..1), nearest rank. */
    public long quantile(double q) {
      int i = (int) Math.ceil(q * simulated.size()) - 1;
      return simulated.get(Math.max(0, Math.min(simulated.size() - 1, i)));
    }

    /** Whether live value {@code v} falls outside the simulated range (± the tolerance; for a verdict, never simulated). */
    public boolean outside(long v) {
      if (simulated.isEmpty()) {
        return true;
      }
      if (verdict) {
        return !simulated.contains(v);
      }
      return v < min() - tolerance || v > max() + tolerance;
    }

    /** The live values outside. */
    public List<Long> outsiders() {
      return live.stream().filter(this::outside).toList();
    }
  }

  private final List<Row> rows;

  private Fidelity(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** True when no live value is outside. */
  public boolean inside() {
    return rows.stream().allMatch(r -> r.outsiders().isEmpty());
  }

  /**
   * Compares {@code simulated} runs with {@code live} runs of {@code scenario}. Only quantities the
   * live runs measured are rows (a change that happened only simulated is listed with no live values).
   */
  public static Fidelity of(Scenario scenario, List<RunResult> simulated, List<RunResult> live) {
    Map<String, Row> rows = new LinkedHashMap<>();
    Map<String, List<Long>> simValues = new LinkedHashMap<>();
    Map<String, List<Long>> liveValues = new LinkedHashMap<>();
    Map<String, Long> tolerance = new LinkedHashMap<>();
    for (RunResult r : live) {
      measure(scenario, r, liveValues, tolerance);
    }
    for (RunResult r : simulated) {
      measure(scenario, r, simValues, new LinkedHashMap<>());
    }
    for (Map.Entry<String, List<Long>> e : liveValues.entrySet()) {
      boolean verdict = e.getKey().startsWith("line ");
      rows.put(e.getKey(), new Row(e.getKey(), simValues.getOrDefault(e.getKey(), List.of()), e.getValue(),
          tolerance.getOrDefault(e.getKey(), 0L), verdict));
    }
    return new Fidelity(new ArrayList<>(rows.values()));
  }

  private static void measure(Scenario scenario, RunResult r, Map<String, List<Long>> values,
      Map<String, Long> tolerance) {
    Map<String, AdvertisementGaps> gaps = new LinkedHashMap<>();
    for (HistoryEntry e : r.history().entries()) {
      if (e.event() instanceof org.carpsim.sim.history.FrameTransmitted tx) {
        gaps.computeIfAbsent(tx.segment(), s -> new AdvertisementGaps()).accept(e);
      }
    }
    long segmentTolerance = scenario.hosts().stream().mapToLong(h -> LiveTolerance.of(LiveHostKind.of(h)))
        .max().orElse(0);
    for (Map.Entry<String, AdvertisementGaps> g : gaps.entrySet()) {
      List<Long> t = g.getValue().takeovers();
      for (int i = 0; i < t.size(); i++) {
        String key = "takeover on " + g.getKey() + " #" + (i + 1) + " (last ad -> first ad of the new master)";
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(t.get(i));
        tolerance.put(key, segmentTolerance);
      }
    }
    Map<String, Integer> nth = new LinkedHashMap<>();
    for (Timed<StateChanged> c : r.transitions()) {
      String vhost = c.event().qualifiedIface() + " vhid " + c.event().vhid() + " -> " + c.event().to();
      int n = nth.merge(vhost, 1, Integer::sum);
      String key = vhost + " #" + n;
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(c.time());
      Host h = scenario.host(c.event().host()).orElse(null);
      tolerance.put(key, h == null ? 0 : LiveTolerance.of(LiveHostKind.of(h),
          c.event().from() == org.carpsim.carp.profile.CarpState.INIT));
    }
    for (Verdict v : r.verdicts()) {
      String key = "line " + v.expectation().line() + ": " + v.expectation().text();
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(v.passed() ? 1L : 0L);
    }
  }
}
