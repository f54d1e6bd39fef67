package org.carpsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.conformance.lab.InstantPairs;
import org.carpsim.conformance.lab.LabNetwork;
import org.carpsim.conformance.lab.LabRun;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.reports.TransmissionDigest;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.time.Durations;

/** The command-line side of a live run: the node's launcher, the default lab prefix, the comparison printed. */
final class LiveRun {

  private LiveRun() {}

  /** {@code cl-<pid>}: unique per process, so two runs never share a namespace name. */
  static String defaultPrefix() {
    return "cl-" + ProcessHandle.current().pid();
  }

  /** How this JVM starts {@code carpsim node} in a namespace: the same java, the same class path. */
  static List<String> nodeLauncher() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(java, "-cp", System.getProperty("java.class.path"), Carpsim.class.getName(), "node");
  }

  /** Why {@code prefix} is refused, if it is. */
  static Optional<String> badPrefix(String prefix) {
    return LabNetwork.badPrefix(prefix);
  }

  /**
   * Runs {@code s} live.
   *
   * @throws LiveIoException if the lab cannot be built or run (torn down first)
   */
  static LabRun.Outcome run(Scenario s, String prefix, boolean keepLab, Optional<Path> pcap,
      Optional<TransmissionDigest> digest, Consumer<String> say) {
    List<Consumer<? super HistoryEntry>> listeners = new ArrayList<>();
    digest.ifPresent(listeners::add);
    return LabRun.run(s, new LabRun.Options(prefix, keepLab, listeners, pcap, nodeLauncher(), say));
  }

  /** Each live state change beside the simulated one of the same seed: how far reality was from the prediction. */
  static void printComparison(RunResult live, PrintWriter out) {
    RunResult sim = ScenarioRunner.run(live.scenario());
    out.println("live vs simulated (seed " + live.seed() + "): each state change's instant, live − simulated");
    for (InstantPairs.Pair p : InstantPairs.of(live.transitions(), sim.transitions())) {
      out.printf("  %-22s -> %-6s #%d  live %-10s simulated %-10s %s%n", p.vhost(), p.to(), p.nth(),
          p.live().map(t -> Durations.formatSeconds(t) + "s").orElse("-"),
          p.simulated().map(t -> Durations.formatSeconds(t) + "s").orElse("-"),
          p.difference().map(d -> (d >= 0 ? "+" : "-") + Durations.formatSeconds(Math.abs(d)) + "s")
              .orElse(p.live().isEmpty() ? "(simulated only)" : "(live only)"));
    }
    out.println("simulated verdicts: " + sim.verdicts().stream().filter(v -> v.passed()).count() + " of "
        + sim.verdicts().size() + " held");
  }
}
