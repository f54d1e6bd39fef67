package org.carpsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carpsim.conformance.lab.Fidelity;
import org.carpsim.conformance.lab.LabPlan;
import org.carpsim.conformance.lab.LabRun;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.reports.FidelityPage;
import org.carpsim.reports.ReportException;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.scenario.sweep.SweepException;
import org.carpsim.scenario.sweep.SweepPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carpsim compare FILE [--seeds A..B] [--repeat N] [--lab-prefix P] [--report DIR]}: the
 * scenario simulated over seeds beside N live runs in a namespace lab, quantity by quantity.
 */
@Command(
    name = "compare",
    header = "Compare a scenario's simulated runs with its live runs in a namespace lab.",
    mixinStandardHelpOptions = true,
    description = {"Runs FILE simulated once per seed, and live (carpsim run --live) --repeat times with seeds A, A+1, …"
        + " (so random instants are drawn as the simulation draws them). Per takeover as the capture shows it (last"
        + " advertisement -> first of the new master), per state change and per expectation it prints the simulated"
        + " distribution beside the live values, and flags each live value outside the simulated range by more than"
        + " the tolerance of the hosts involved (ucarp 150 ms; keepalived 200 ms; carpsim's live node 300 ms, its JVM"
        + " start-up for its first change). Needs root."},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  sudo ./carpsim compare scenarios/live/ucarp-crash-master.carp",
        "  sudo ./carpsim compare scenarios/live/mixed-openbsd-ucarp.carp --seeds 1..100 --repeat 2 --report compare"},
    exitCodeList = {"0:every live value inside the simulated range", "1:a live value outside it",
        "2:bad input, or the lab could not be built (nothing compared)"})
public final class CompareCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A scenario file that can run live (see carpsim run --live).")
  Path file;

  @Option(names = "--seeds", paramLabel = "A..B", defaultValue = "1..200",
      description = "Seeds of the simulated runs, inclusive (default 1..200).")
  String seeds;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Live runs, 1..50 (default 3).")
  int repeat;

  @Option(names = "--lab-prefix", paramLabel = "P", description = "The lab's namespaces are P-sw and P-HOST (default cl-<pid>).")
  String labPrefix;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/index.html: each quantity drawn.")
  Path report;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Scenario> loaded = ScenarioFiles.load("compare", file, err);
    if (loaded.isEmpty()) {
      return 2;
    }
    Scenario scenario = loaded.get();
    long[] range;
    try {
      range = SweepPlan.seeds(seeds);
    } catch (SweepException e) {
      return bad(err, e.getMessage());
    }
    if (range[1] < range[0] || range[1] - range[0] >= 100_000) {
      return bad(err, "--seeds " + seeds + ": A..B with A <= B, at most 100000 seeds");
    }
    if (repeat < 1 || repeat > 50) {
      return bad(err, "--repeat " + repeat + ": out of range 1..50");
    }
    String prefix = labPrefix == null ? LiveRun.defaultPrefix() : labPrefix;
    if (LiveRun.badPrefix(prefix).isPresent()) {
      return bad(err, LiveRun.badPrefix(prefix).get());
    }
    List<String> refusals = LabPlan.of(scenario).refusals();
    if (!refusals.isEmpty()) {
      refusals.forEach(err::println);
      return bad(err, file + ": cannot run live (" + refusals.size() + " lines refused)");
    }
    if (!new Preflight().directory("--report", report).usable("compare", err, "nothing was run")) {
      return 2;
    }
    List<RunResult> simulated = simulate(scenario, range[0], range[1]);
    out.println("simulated: " + simulated.size() + " runs (seeds " + range[0] + ".." + range[1] + ")");
    out.flush();
    List<RunResult> live = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      Scenario s = scenario.withSeed(range[0] + i);
      try {
        boolean first = i == 0;
        LabRun.Outcome o = LiveRun.run(s, prefix, false, Optional.empty(), Optional.empty(), line -> {
          if (first || !line.startsWith("host ")) { // what runs where is said once
            out.println("live: " + line);
            out.flush();
          }
        });
        live.add(o.result());
        out.println("live run " + (i + 1) + " of " + repeat + " (seed " + s.seed() + "): "
            + (o.result().passed() ? "every expectation held" : "an expectation failed"));
        out.flush();
      } catch (LiveIoException e) {
        return bad(err, file + ": " + e.getMessage() + " (nothing of the lab is left)");
      }
    }
    Fidelity f = Fidelity.of(scenario, simulated, live);
    List<FidelityPage.Row> rows = new ArrayList<>();
    for (Fidelity.Row r : f.rows()) {
      rows.add(new FidelityPage.Row(r.what(), r.simulated(), r.live(), r.live().stream().map(r::outside).toList(),
          r.tolerance(), r.verdict()));
    }
    out.println("== " + scenario.name() + "  (" + scenario.file() + "): simulated beside live");
    for (FidelityPage.Row r : rows) {
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < r.live().size(); i++) {
        values.append(i == 0 ? "" : ", ").append(FidelityPage.value(r, r.live().get(i)))
            .append(r.outside().get(i) ? " OUTSIDE" : "");
      }
      out.println((r.outside().contains(true) ? "OUT   " : "in    ") + r.what());
      out.println("        simulated " + FidelityPage.simulated(r) + (r.verdict() ? "" : ", tolerance "
          + String.format(java.util.Locale.ROOT, "%.3f s", r.tolerance() / 1e9)) + "; live " + values);
    }
    long outside = rows.stream().filter(r -> r.outside().contains(true)).count();
    out.println(outside == 0 ? "every live value inside the simulated range" : outside + " of " + rows.size()
        + " quantities have a live value outside the simulated range");
    if (report != null) {
      try {
        Path page = FidelityPage.write(report, scenario.name() + ": simulated beside live", scenario.file() + ", "
            + simulated.size() + " simulated runs (seeds " + range[0] + ".." + range[1] + "), " + live.size()
            + " live runs", rows);
        out.println("report: " + page);
      } catch (ReportException e) {
        return bad(err, e.getMessage());
      }
    }
    out.flush();
    return outside == 0 ? 0 : 1;
  }

  /** One run per seed on all cores, frames recorded so takeovers read as the live capture reads them. */
  private static List<RunResult> simulate(Scenario scenario, long first, long last) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (long seed = first; seed <= last; seed++) {
        Scenario s = scenario.withSeed(seed);
        futures.add(pool.submit(() -> ScenarioRunner.run(s, new RunOptions(
            org.carpsim.sim.history.FrameRecording.TRANSMISSIONS, Optional.empty()))));
      }
      List<RunResult> out = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static int bad(PrintWriter err, String message) {
    err.println("carpsim compare: " + message + " (nothing compared)");
    err.flush();
    return 2;
  }
}
