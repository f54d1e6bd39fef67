package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carpsim.reports.ReportException;
import org.carpsim.reports.RunRecord;
import org.carpsim.reports.RunRecordJson;
import org.carpsim.reports.RunRecords;
import org.carpsim.reports.RunReport;
import org.carpsim.reports.TransmissionDigest;
import org.carpsim.scenario.history.CommandTyped;
import org.carpsim.scenario.history.Logged;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.history.WorldText;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.run.JUnitReport;
import org.carpsim.scenario.run.RunEstimate;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.scenario.sweep.Knob;
import org.carpsim.scenario.sweep.KnobValues;
import org.carpsim.scenario.sweep.Overrides;
import org.carpsim.scenario.sweep.SweepException;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.report.OutputPaths;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code carpsim run FILE... [--seed N] [--json] [--junit FILE] [--pcap FILE] [--report DIR]}: runs
 * scenarios in the simulator. Every file is parsed first; if any is refused, nothing runs.
 */
@Command(
    name = "run",
    header = "Run scenario files (*.carp) in the simulator and check their expectations.",
    mixinStandardHelpOptions = true,
    description = {"Run scenario files (*.carp) in the simulator and check their expectations.",
        "Prints a timeline of every state change and a verdict per expectation, then the engine's figures."},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim run scenarios/examples/netbsd-guide-two-firewalls.carp", "  ./carpsim run scenarios/field/vm-stun.carp --log --report report --junit vm-stun.xml", "  ./carpsim run scenarios/field/vm-stun.carp --seed 7 --set fw1.carp0.advskew=50 --json", "  sudo ./carpsim run --live scenarios/live/ucarp-kill-daemon.carp --pcap kill.pcap"},
    exitCodeList = {"0:every expectation held", "1:an expectation failed",
        "2:bad input (nothing was run), or the report could not be written"})
public final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files.")
  List<Path> files;

  @Option(names = "--seed", paramLabel = "N", description = "Run with this seed instead of the file's.")
  Long seed;

  @Option(names = "--set", paramLabel = "KNOB=V",
      description = "Run with a sweep knob set to one value (carpsim sweep --help lists the knobs), as a sweep case"
          + " ran: sweep prints this command for its failing runs. Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object per scenario on standard output, nothing else.")
  boolean json;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML (a test per expectation).")
  Path junit;

  @Option(names = "--pcap", paramLabel = "FILE",
      description = "Write the simulated traffic as a pcap (with several scenarios: FILE-<scenario>.pcap).")
  Path pcap;

  @Option(names = "--threads", paramLabel = "N",
      description = "How many of the scenario's independent parts (hosts that share no segment, directly or through"
          + " other hosts) run at once, each a world of its own, merged by time, then by part: the same result,"
          + " byte for byte, whatever N. Default: the machine's cores.")
  Integer threads;

  @Option(names = "--log",
      description = "Show in the timeline every line the hosts log, in their systems' words, as far as each host's"
          + " log setting (net.inet.carp.log, ucarp's syslog) lets it through.")
  boolean log;

  @Option(names = "--force",
      description = "Run even what the estimate says takes more than about 10^10 events or more heap than the JVM has.")
  boolean force;

  @Option(names = "--quiet",
      description = "No timeline: only the verdicts, what the network did and the engine's figures (a campus of"
          + " 3,000 hosts has tens of thousands of state changes). Overrides --log.")
  boolean quiet;

  @Option(names = "--live",
      description = "Run the scenario against real processes in a network-namespace lab instead of the simulator:"
          + " a namespace per host, a bridge per segment, the real ucarp for hosts of profile ucarp, carpsim's live"
          + " node for the kernel profiles (no BSD kernel runs here); the timeline's faults as real actions, every"
          + " frame captured on the bridges; the same history, checkers and outputs, and each state change beside"
          + " the simulated one. Needs root.")
  boolean live;

  @Option(names = "--lab-prefix", paramLabel = "P",
      description = "With --live: the lab's namespaces are P-sw and P-HOST (default cl-<pid>).")
  String labPrefix;

  @Option(names = "--keep-lab", description = "With --live: leave the namespaces (not the processes) for inspection.")
  boolean keepLab;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write a report: DIR/index.html (self-contained, charts embedded) and the charts as PNG.")
  Path report;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Scenario> scenarios = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<Diagnostic> refused = new ArrayList<>();
    boolean bad = false;
    for (Path file : files) {
      Optional<Scenario> s = ScenarioFiles.load("run", file, err, refused::add);
      bad |= s.isEmpty();
      if (s.isPresent()) {
        String text = textOf(file);
        Optional<Scenario> set = withKnobs(s.get(), text, err);
        bad |= set.isEmpty();
        set.ifPresent(x -> scenarios.add(seed == null ? x : x.withSeed(seed)));
        texts.add(text);
      }
    }
    if (bad) {
      // CI shows why nothing ran: the refusals as JUnit errors, where the XML can be written
      if (junit != null && new Preflight().file("--junit", junit).usable("run", err, "no JUnit XML written")) {
        writeJUnit(List.of(), refused, err);
      }
      err.println("carpsim run: nothing was run");
      err.flush();
      return 2;
    }
    if (threads != null && threads < 1) {
      err.println("carpsim run: --threads " + threads + ": expected 1 or more");
      err.flush();
      return 2;
    }
    if (!live && (labPrefix != null || keepLab)) {
      err.println("carpsim run: --lab-prefix and --keep-lab go with --live (nothing was run)");
      err.flush();
      return 2;
    }
    if (live && (threads != null || files.size() != 1)) {
      err.println("carpsim run: --live runs one scenario file as one lab: " + (threads != null ? "leave out --threads"
          : "give one FILE") + " (nothing was run)");
      err.flush();
      return 2;
    }
    String prefix = labPrefix == null ? LiveRun.defaultPrefix() : labPrefix;
    if (live && LiveRun.badPrefix(prefix).isPresent()) {
      err.println("carpsim run: " + LiveRun.badPrefix(prefix).get() + " (nothing was run)");
      err.flush();
      return 2;
    }
    if (live) {
      List<String> refusals = org.carpsim.conformance.lab.LabPlan.of(scenarios.get(0)).refusals();
      if (!refusals.isEmpty()) {
        refusals.forEach(err::println);
        err.println("carpsim run: " + scenarios.get(0).file() + ": cannot run live (" + refusals.size()
            + " lines refused); nothing was run");
        err.flush();
        return 2;
      }
    }
    Preflight preflight = new Preflight().seed("--seed", seed).file("--junit", junit).directory("--report", report);
    if (pcap != null) {
      scenarios.stream().map(this::pcapFor).distinct().forEach(p -> preflight.file("--pcap", p));
    }
    if (!preflight.usable("run", err, "nothing was run")) {
      return 2;
    }
    List<RunEstimate> estimates = scenarios.stream().map(RunEstimate::of).toList();
    if (!force && !withinLimits(scenarios, estimates, err)) {
      return 2;
    }
    List<RunResult> results = new ArrayList<>();
    List<RunRecord> records = new ArrayList<>();
    boolean recordNeeded = json || report != null;
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      RunResult r;
      Optional<TransmissionDigest> digest = Optional.empty();
      if (live) {
        PrintWriter say = json ? err : out;
        digest = recordNeeded ? Optional.of(RunRecords.digest(s)) : Optional.empty();
        try {
          org.carpsim.conformance.lab.LabRun.Outcome o = LiveRun.run(s, prefix, keepLab,
              Optional.ofNullable(pcap == null ? null : pcapFor(s)), digest, line -> {
                say.println("live: " + line);
                say.flush();
              });
          r = o.result();
          o.notes().forEach(n -> say.println("live: " + n));
        } catch (org.carpsim.conformance.live.LiveIoException e) {
          err.println("carpsim run: " + s.file() + ": " + e.getMessage() + " (nothing of the lab is left)");
          err.flush();
          return 2;
        }
      } else {
        RunOptions options = RunOptions.DEFAULT.withThreads(threads != null ? threads
            : Runtime.getRuntime().availableProcessors());
        if (pcap != null) {
          options = options.withPcap(pcapFor(s));
        }
        if (recordNeeded) {
          // A report and the JSON show each host's advertisements: digested as they are sent, never kept.
          TransmissionDigest d = RunRecords.digest(s);
          options = options.withListener(d);
          digest = Optional.of(d);
        }
        ProgressLine.Mode mode = estimates.get(i).wallSeconds() < PROGRESS_AFTER_SECONDS ? ProgressLine.Mode.OFF
            : ProgressLine.mode(quiet);
        ProgressLine line = new ProgressLine("run " + Path.of(s.file()).getFileName(), "virtual s", err, mode,
            System::nanoTime);
        r = ScenarioRunner.run(s, options, mode == ProgressLine.Mode.OFF ? ScenarioRunner.Progress.NONE
            : (now, end) -> line.update(now / 1_000_000_000L, end / 1_000_000_000L));
        line.finish();
      }
      results.add(r);
      RunRecord record = recordNeeded ? RunRecords.of(r, texts.get(i), digest) : null;
      records.add(record);
      if (json) {
        out.println(RunRecordJson.line(record));
      } else {
        printTimeline(r, log, quiet, out);
        if (live) {
          LiveRun.printComparison(r, out);
        }
      }
      out.flush();
    }
    if (report != null) {
      try {
        Path page = RunReport.of(records).writeTo(report);
        if (!json) {
          out.println("report: " + page);
          out.flush();
        }
      } catch (ReportException e) {
        err.println("carpsim run: " + e.getMessage());
        err.flush();
        return 2;
      }
    }
    if (junit != null && !writeJUnit(results, List.of(), err)) {
      return 2;
    }
    return results.stream().allMatch(RunResult::passed) ? 0 : 1;
  }

  private boolean writeJUnit(List<RunResult> results, List<Diagnostic> refused, PrintWriter err) {
    try (Writer w = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
      JUnitReport.write(results, refused, w);
      return true;
    } catch (IOException e) {
      err.println("carpsim run: " + junit + ": cannot write (" + OutputPaths.describe(e) + ")");
      err.flush();
      return false;
    }
  }

  /** Runs estimated shorter than this show no progress: it would flash and vanish. */
  private static final double PROGRESS_AFTER_SECONDS = 3;

  /**
   * Whether every scenario can finish: a run estimated above {@link RunEstimate#MAX_EVENTS} events
   * (hours at the least), or a world larger than the JVM's heap, is refused before it starts.
   */
  private static boolean withinLimits(List<Scenario> scenarios, List<RunEstimate> estimates, PrintWriter err) {
    long heap = Runtime.getRuntime().maxMemory();
    boolean ok = true;
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      RunEstimate e = estimates.get(i);
      if (e.refused(heap)) {
        err.println("carpsim run: " + s.file() + ": this run needs " + e.describe() + ": "
            + (e.tooLong() ? "more than " + String.format(Locale.ROOT, "%.0e", RunEstimate.MAX_EVENTS) + " events"
            : "more heap than the JVM's " + String.format(Locale.ROOT, "%.1f GB", heap / 1e9)
                + " (CARPSIM_JAVA_OPTS=-Xmx… gives it more)")
            + "; shorten the run or the clients, or give --force");
        ok = false;
      }
    }
    if (!ok) {
      err.println("carpsim run: nothing was run");
      err.flush();
    }
    return ok;
  }

  /** The scenario with the {@code --set} knobs applied, as a sweep case applies them; empty (said on err) if refused. */
  private Optional<Scenario> withKnobs(Scenario s, String text, PrintWriter err) {
    if (sets.isEmpty()) {
      return Optional.of(s);
    }
    try {
      Map<Knob, String> settings = new LinkedHashMap<>();
      for (String set : sets) {
        KnobValues k = KnobValues.parse(set);
        if (k.values().size() != 1) {
          throw new SweepException("--set " + set + ": run takes one value per knob (a sweep takes several)");
        }
        if (settings.put(k.knob(), k.values().get(0)) != null) {
          throw new SweepException("--set " + k.knob().name() + " is given twice");
        }
      }
      return Optional.of(Overrides.apply(s.file(), text, s, settings));
    } catch (SweepException e) {
      err.println("carpsim run: " + s.file() + ": " + e.getMessage());
      err.flush();
      return Optional.empty();
    }
  }

  /** The file's text for the report (masked there); empty if it cannot be read again. */
  static String textOf(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private Path pcapFor(Scenario s) {
    if (files.size() == 1) {
      return pcap;
    }
    String name = pcap.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = Path.of(s.file()).getFileName().toString().replaceFirst("\\.carp$", "");
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : ".pcap";
    return pcap.resolveSibling(stem + "-" + base + ext);
  }

  /**
   * The readable form: who became what, when and why (with {@code logs}, what each host logged, in
   * the history's order); then the verdicts and the engine's figures.
   */
  static void printTimeline(RunResult r, boolean logs, boolean quiet, PrintWriter out) {
    out.println("== " + r.scenario().name() + "  (" + r.scenario().file() + ", seed " + r.seed() + ", "
        + Durations.format(r.scenario().duration()) + ")");
    // what printf("%14s  %-16s vhid %-3d %-6s -> %-6s  %s%n", …) and ("%s  line %d: %s%n        %s%n", …)
    // wrote, built by hand: a run of 3,000 hosts has tens of thousands of lines, and parsing the
    // format for each was a tenth of a second
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder(128);
    for (HistoryEntry entry : quiet ? List.<HistoryEntry>of() : r.history().entries()) {
      sb.setLength(0);
      if (entry.event() instanceof StateChanged c) {
        padLeft(sb, Durations.formatSeconds(entry.time()) + "s", 14).append("  ");
        padRight(sb, c.qualifiedIface(), 16).append(" vhid ");
        padRight(sb, Integer.toString(c.vhid()), 3).append(' ');
        padRight(sb, String.valueOf(c.from()), 6).append(" -> ");
        padRight(sb, String.valueOf(c.to()), 6).append("  ").append(c.reason()).append(nl);
      } else if (entry.event() instanceof CommandTyped c && !c.ok()) {
        // a line that fails when it runs is said, at boot or on the timeline: never silence
        padLeft(sb, Durations.formatSeconds(entry.time()) + "s", 14).append("  ");
        padRight(sb, c.host(), 16).append(" failed: ").append(c.text()).append(" (").append(c.where()).append("): ")
            .append(c.output()).append(nl);
      } else if (logs && entry.event() instanceof Logged l) {
        padLeft(sb, Durations.formatSeconds(entry.time()) + "s", 14).append("  ");
        padRight(sb, l.host(), 16).append(" log  ").append(l.levelName()).append(": ").append(l.text()).append(nl);
      } else {
        continue;
      }
      out.append(sb);
    }
    for (Verdict v : r.verdicts()) {
      sb.setLength(0);
      sb.append(v.passed() ? "PASS" : "FAIL").append("  line ").append(v.expectation().line()).append(": ")
          .append(v.expectation().text()).append(nl).append("        ").append(v.detail()).append(nl);
      out.append(sb);
    }
    printWorld(r, "", out);
    long failed = r.verdicts().stream().filter(v -> !v.passed()).count();
    out.println((failed == 0 ? "passed" : "FAILED") + ": " + (r.verdicts().size() - failed) + " of "
        + r.verdicts().size() + " expectations held");
    out.println(engineLine(r.engine()));
  }

  /** What the world around CARP saw: each address's traffic and each filtering port's drops, a line each. */
  static void printWorld(RunResult r, String indent, PrintWriter out) {
    for (TrafficCounted t : r.view().trafficByAddress()) {
      long longest = r.view().outages(t.segment(), t.target()).stream().mapToLong(Outage::duration).max().orElse(0);
      out.println(indent + "traffic to " + t.target() + " on " + t.segment() + ": " + t.clients() + " clients, "
          + t.sent() + " packets: " + t.served() + " served, " + t.lost() + " lost" + (t.twice() > 0 ? ", "
          + t.twice() + " taken by two hosts" : "") + "; longest outage " + Durations.format(longest));
    }
    for (WorldText.Line line : WorldText.of(r.history())) {
      out.println(indent + WorldText.prefix(line, r.scenario().duration()) + line.text());
    }
  }

  static String engineLine(EngineStats e) {
    return String.format(Locale.ROOT, "engine: %,d events in %.1f ms (%,.0f events/s, %,.0f simulated s per wall s)",
        e.eventsExecuted(), e.wallMillis(), e.eventsPerSecond(), e.simulatedSecondsPerWallSecond());
  }

  /** {@code %Ns}: {@code text} right-aligned in {@code width} columns (never cut). */
  private static StringBuilder padLeft(StringBuilder sb, String text, int width) {
    for (int i = text.length(); i < width; i++) {
      sb.append(' ');
    }
    return sb.append(text);
  }

  /** {@code %-Ns}: {@code text} left-aligned in {@code width} columns (never cut). */
  private static StringBuilder padRight(StringBuilder sb, String text, int width) {
    sb.append(text);
    for (int i = text.length(); i < width; i++) {
      sb.append(' ');
    }
    return sb;
  }
}
