package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carpsim.reports.ReportException;
import org.carpsim.reports.SweepReport;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.sweep.CombinationSummary;
import org.carpsim.scenario.sweep.Distribution;
import org.carpsim.scenario.sweep.KnobValues;
import org.carpsim.scenario.sweep.SeedVariation;
import org.carpsim.scenario.sweep.Sweep;
import org.carpsim.scenario.sweep.SweepException;
import org.carpsim.scenario.sweep.SweepPlan;
import org.carpsim.scenario.sweep.SweepResult;
import org.carpsim.sim.report.OutputPaths;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carpsim sweep FILE --seeds A..B [--set KNOB=v1,v2]... [--shard I/N] [--json] [--out FILE]}, and
 * {@code carpsim sweep --merge SHARD.json... [--json] [--out FILE]}.
 */
@Command(
    name = "sweep",
    header = "Run a scenario over many seeds and knob values, and summarise the spread.",
    mixinStandardHelpOptions = true,
    description = {"Run a scenario for every seed in A..B and every combination of --set values, on all cores,",
        "and summarise: runs passed, failover times, time with two masters, ARP shares, failing expectations.",
        "",
        "Knobs (--set KNOB=v1,v2,...; repeat --set to combine knobs, the last one varies fastest):",
        "  HOST.IFACE.advskew=N   HOST.IFACE.advbase=N   the host's configured setting of IFACE (a carp",
        "                         interface, a FreeBSD parent NIC or a ucarp interface); checked against",
        "                         the host profile's range. With no such setting, the last ifconfig of IFACE",
        "                         gets one. Commands of the timeline are not changed.",
        "  SEGMENT.loss=P%%        SEGMENT.latency=D   SEGMENT.jitter=D   the segment's conditions at the",
        "                         start (a timeline change of the same impairment still applies)",
        "  profile=NAME           the default profile (hosts naming their own keep it); the file is",
        "                         validated again for it",
        "",
        "Sharding: --shard I/N runs the cases whose number is I-1 modulo N (cases are numbered by",
        "combination, then seed); write each shard with --out, then merge them with",
        "  carpsim sweep --merge S1.json S2.json ... [--json]",
        "which refuses shards of different sweeps and missing or repeated shards. Without --shard, a CI's",
        "own variables pick the shard: GitLab's parallel jobs (CI_NODE_INDEX/CI_NODE_TOTAL) and Kubernetes",
        "Indexed Jobs (JOB_COMPLETION_INDEX, with JOB_COMPLETIONS set to the Job's completions).",
        "",
        "Seeds differ only through what the scenario draws from them: instants 'at A..B', loss, jitter,",
        "duplicate, 'lladdr random'. With none of these every seed gives the same run, and sweep says so",
        "on standard error (and in --json: random_sources is empty and seed_note explains).",
        "",
        "Progress goes to standard error: a line redrawn in place on a terminal, a line every 5 s in a",
        "log (CI); --quiet turns it off. Ctrl-C or SIGTERM stops the sweep: the runs in flight are",
        "dropped, the result so far is written (--out, --json, --report, the table) marked partial, and",
        "sweep exits 130 or 143. Give the same command with --resume OUT to run the rest.",
        "",
        "--json prints one object: the sweep, a summary per combination and every run's figures",
        "(durations in ns). Failover: every stretch without a master of a vhid on a segment after it had",
        "had one; stretches lasting to the end of a run are counted as unrecovered, not in the figures.",
        ""},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim sweep scenarios/field/vm-stun.carp --seeds 1..100", "  ./carpsim sweep scenarios/field/vm-stun.carp --seeds 1..500 --set lan.loss=0%%,1%% --out s.json --report sweep", "  ./carpsim sweep scenarios/field/vm-stun.carp --seeds 1..500 --resume s.json --out s.json"},
    exitCodeList = {"0:every expectation held in every run", "1:an expectation failed in some run",
        "2:bad input (nothing was run)", "130:stopped by Ctrl-C (SIGINT), the partial result written",
        "143:stopped by SIGTERM, the partial result written"})
public final class SweepCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The scenario file.")
  Path file;

  @Option(names = "--seeds", paramLabel = "A..B", description = "Seeds to run, inclusive, e.g. 1..100.")
  String seeds;

  @Option(names = "--set", paramLabel = "KNOB=V1,V2", description = "Values of a knob (see above); repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--shard", paramLabel = "I/N",
      description = "Run only shard I of N (1-based); default: from CI_NODE_INDEX/CI_NODE_TOTAL or "
          + "JOB_COMPLETION_INDEX/JOB_COMPLETIONS when set.")
  String shard;

  @Option(names = "--json", description = "Print the result as one JSON object instead of a table.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON result to FILE (for --merge).")
  Path out;

  @Option(names = "--merge", arity = "1..*", paramLabel = "SHARD", description = "Merge shard result files.")
  List<Path> merge;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write a report: DIR/index.html (self-contained, charts embedded) and the charts as PNG.")
  Path report;

  /** The swept scenario's text (from the file, or a shard's JSON), for the report and the JSON. */
  private String scenarioText = "";

  /** What the swept scenarios draw from the seed (from the plan, or a shard's JSON); empty if unknown. */
  private Optional<List<String>> randomSources = Optional.empty();

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Continue the partial result FILE (written with --out by an interrupted sweep): run only the"
          + " cases it lacks; the result is the one an uninterrupted sweep gives.")
  Path resume;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  /** Set while a sweep runs: a signal stops it and makes its result partial. */
  private Interruption interruption;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads to run on (default: the number of processors); the result does not depend on it.")
  Integer threads;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!new Preflight().file("--out", out).directory("--report", report).usable("sweep", err, "nothing was run")) {
      return 2;
    }
    try (Interruption signals = Interruption.install()) {
      interruption = signals;
      Optional<SweepResult> r = merge != null ? merge(err) : sweep(err);
      if (r.isEmpty()) {
        err.flush();
        return 2;
      }
      int exit = report(r.get(), err);
      if (!r.get().complete() && signals.requested()) {
        err.println("carpsim sweep: stopped by " + signals.signalName() + " after " + r.get().cases().size() + " of "
            + r.get().expectedCases() + " runs; " + (out == null ? "the partial result was not saved (no --out)"
            : "the partial result is in " + out + "; to run the rest: carpsim sweep ... --resume " + out));
        err.flush();
        return signals.exitCode();
      }
      return exit;
    } catch (SweepException e) {
      err.println("carpsim sweep: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private Optional<SweepResult> sweep(PrintWriter err) {
    if (file == null) {
      throw new SweepException("missing FILE (or --merge SHARD...)");
    }
    if (seeds == null) {
      throw new SweepException("missing --seeds A..B");
    }
    if (threads != null && threads < 1) {
      throw new SweepException("--threads " + threads + ": at least 1");
    }
    long[] range = SweepPlan.seeds(seeds);
    List<KnobValues> knobs = new ArrayList<>();
    for (String s : sets) {
      knobs.add(KnobValues.parse(s));
    }
    SweepPlan.Shard part = shard != null ? SweepPlan.Shard.parse(shard) : fromEnvironment(System.getenv(), err);
    Optional<SweepResult> earlier = Optional.empty();
    if (resume != null) {
      SweepResult partial = SweepJson.read(resume.toString(), readText(resume));
      if (partial.complete()) {
        throw new SweepException("--resume " + resume + ": that sweep is complete (" + partial.cases().size()
            + " runs): nothing to resume");
      }
      earlier = Optional.of(partial);
    }
    Optional<Scenario> base = ScenarioFiles.load("sweep", file, err);
    if (base.isEmpty()) {
      err.println("carpsim sweep: nothing was run");
      return Optional.empty();
    }
    String text = readText(file);
    scenarioText = text;
    SweepPlan plan = new SweepPlan(text, base.get(), range[0], range[1], knobs, part);
    randomSources = Optional.of(plan.randomSources());
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    ProgressLine progress = new ProgressLine("sweep", "runs", err, ProgressLine.mode(quiet), System::nanoTime);
    long before = earlier.map(r -> (long) r.cases().size()).orElse(0L);
    SweepResult fresh = Sweep.run(plan, n, earlier.map(Sweep::doneIn).orElse(java.util.Set.of()),
        (done, total) -> progress.update(before + done, before + total), interruption::requested);
    progress.finish();
    return Optional.of(earlier.isPresent() ? earlier.get().resumedWith(fresh) : fresh);
  }

  /**
   * The shard a CI's own variables give, said on {@code err}; the whole sweep when none are set.
   * GitLab's {@code parallel} numbers its jobs from 1, a Kubernetes Indexed Job from 0; the Job's
   * completions are not in its pods' environment, so its manifest sets {@code JOB_COMPLETIONS}.
   */
  static SweepPlan.Shard fromEnvironment(Map<String, String> env, PrintWriter err) {
    String gitlab = env.get("CI_NODE_INDEX");
    String job = env.get("JOB_COMPLETION_INDEX");
    SweepPlan.Shard part;
    String source;
    if (gitlab != null && env.get("CI_NODE_TOTAL") != null) {
      part = SweepPlan.Shard.parse(gitlab.trim() + "/" + env.get("CI_NODE_TOTAL").trim());
      source = "CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel)";
    } else if (job != null) {
      String completions = env.get("JOB_COMPLETIONS");
      if (completions == null) {
        throw new SweepException("JOB_COMPLETION_INDEX=" + job + " is set but not JOB_COMPLETIONS: set it in the Job's "
            + "pod template to the Job's completions (or give --shard I/N)");
      }
      if (!job.trim().matches("[0-9]{1,6}")) {
        throw new SweepException("JOB_COMPLETION_INDEX=" + job + ": expected a whole number from 0");
      }
      part = SweepPlan.Shard.parse((Integer.parseInt(job.trim()) + 1) + "/" + completions.trim());
      source = "JOB_COMPLETION_INDEX/JOB_COMPLETIONS (Kubernetes Indexed Job)";
    } else {
      return SweepPlan.Shard.ALL;
    }
    err.println("carpsim sweep: shard " + part + " from " + source);
    return part;
  }

  private static String readText(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SweepException(p + ": cannot read (" + OutputPaths.describe(e) + ")");
    }
  }

  private Optional<SweepResult> merge(PrintWriter err) {
    if (file != null || seeds != null || !sets.isEmpty() || shard != null || resume != null) {
      throw new SweepException("--merge takes only shard files (and --json, --out): the sweep is read from them");
    }
    List<SweepResult> shards = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path p : merge) {
      String text = readText(p);
      shards.add(SweepJson.read(p.toString(), text));
      if (scenarioText.isEmpty()) {
        scenarioText = SweepJson.scenarioText(text);
        randomSources = SweepJson.randomSources(text);
      }
      names.add(p.toString());
    }
    return Optional.of(SweepResult.merge(shards, names));
  }

  private int report(SweepResult r, PrintWriter err) {
    PrintWriter o = spec.commandLine().getOut();
    String jsonText = SweepJson.write(r, scenarioText, randomSources);
    randomSources.flatMap(sources -> SeedVariation.note(sources, SweepJson.seedCount(r)))
        .ifPresent(note -> err.println("carpsim sweep: note: " + note));
    if (out != null) {
      try {
        Files.writeString(out, jsonText + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("carpsim sweep: " + out + ": cannot write (" + OutputPaths.describe(e) + ")");
        err.flush();
        return 2;
      }
    }
    if (json) {
      o.println(jsonText);
    } else {
      printTable(r, o);
    }
    if (report != null) {
      try {
        Path page = SweepReport.of(r, scenarioText).writeTo(report);
        if (!json) {
          o.println("report: " + page);
        }
      } catch (ReportException e) {
        o.flush();
        err.println("carpsim sweep: " + e.getMessage());
        err.flush();
        return 2;
      }
    }
    o.flush();
    return r.passed() ? 0 : 1;
  }

  static void printTable(SweepResult r, PrintWriter o) {
    o.println("== " + r.scenario() + "  (" + r.file() + ", seeds " + r.firstSeed() + ".." + r.lastSeed()
        + ", " + r.combinationCount() + " combination" + (r.combinationCount() == 1 ? "" : "s") + ", "
        + r.cases().size() + " runs" + (r.complete() ? "" : " of " + r.expectedCases() + ": PARTIAL")
        + (r.shard().count() > 1 ? ", shard " + r.shard() : "") + ")");
    for (CombinationSummary s : r.summaries()) {
      o.println();
      o.println(s.settings().isEmpty() ? "as written" : String.join(" ", s.settings().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
      o.printf(Locale.ROOT, "  runs %d, all expectations held in %d%n", s.runs(), s.passedRuns());
      o.printf(Locale.ROOT, "  %-22s %6s %12s %12s %12s %12s %12s %12s%n", "", "n", "min", "p50", "p90", "p99",
          "max", "mean");
      row(o, "failover", s.failover());
      if (s.adTakeover().count() > 0) {
        row(o, "last ad -> first ad", s.adTakeover()); // what a capture shows, as ucarp-lab.md measures it
      }
      row(o, "two masters per run", s.splitBrain());
      if (s.multipleReplies().max() > 0) {
        row(o, "two ARP replies/run", s.multipleReplies());
      }
      if (s.outage().count() > 0) {
        row(o, "longest outage/run", s.outage()); // what the traffic clients felt
      }
      if (s.unrecovered() > 0) {
        o.printf(Locale.ROOT, "  %d stretch%s without a master lasted to the end of the run%n", s.unrecovered(),
            s.unrecovered() == 1 ? "" : "es");
      }
      s.arpShares().forEach((h, sh) -> o.printf(Locale.ROOT, "  ARP share %-12s %6.2f%% (spread %.2f%%)%n", h,
          sh.meanPercent(), sh.stddevPercent()));
      s.failures().stream().limit(5).forEach(f -> o.printf(Locale.ROOT, "  failed in %d run%s: %s%n", f.runs(),
          f.runs() == 1 ? "" : "s", f.expectation()));
      replay(r, s).ifPresent(command -> o.println("  replay the first failing run: " + command));
    }
    long passed = r.cases().stream().filter(c -> c.passed()).count();
    o.println();
    o.println((r.passed() ? "passed" : "FAILED") + ": every expectation held in " + passed + " of " + r.cases().size()
        + " runs");
  }

  /**
   * The command that runs the combination's first failing case again, knobs and seed as the sweep set
   * them; empty when every run of it passed.
   */
  static Optional<String> replay(SweepResult r, CombinationSummary s) {
    return r.cases().stream().filter(c -> c.combination() == s.combination() && !c.passed()).findFirst()
        .map(c -> {
          List<String> argv = new ArrayList<>(List.of("carpsim", "run", r.file(), "--seed", Long.toString(c.seed())));
          s.settings().forEach((knob, value) -> argv.addAll(List.of("--set", knob + "=" + value)));
          return String.join(" ", argv.stream().map(SweepCommand::shellWord).toList());
        });
  }

  /** {@code word} as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private static void row(PrintWriter o, String name, Distribution d) {
    o.printf(Locale.ROOT, "  %-22s %6d %12s %12s %12s %12s %12s %12s%n", name, d.count(), Durations.format(d.min()),
        Durations.format(d.p50()), Durations.format(d.p90()), Durations.format(d.p99()), Durations.format(d.max()),
        Durations.format(d.mean()));
  }
}
