package org.carpsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.reports.ReportException;
import org.carpsim.reports.RunRecord;
import org.carpsim.reports.RunRecords;
import org.carpsim.reports.RunReport;
import org.carpsim.reports.TransmissionDigest;
import org.carpsim.scenario.examples.BuiltInExamples;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioException;
import org.carpsim.scenario.run.RunOptions;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code carpsim demo}: runs the built-in example scenarios (the seed documents' configuration
 * examples, {@code scenarios/examples} bundled in the jar) and prints, per scenario, its title, its
 * warnings, the transitions into and out of MASTER, who answered the clients' ARP requests, the
 * expectations that failed and how many held; then a summary table. Exit status 0 when every expectation of every example held, 1 otherwise.
 */
@Command(
    name = "demo",
    header = "Run the built-in examples and the field guide, with their verdicts.",
    mixinStandardHelpOptions = true,
    description = {"Run the built-in example scenarios: every configuration example of the seed documents",
        "(carp(4), the FreeBSD Handbook, the NetBSD guide, a 2004 article), as written. Prints the key",
        "transitions of each, its verdicts and a summary table, and writes a self-contained HTML report",
        "(target/carpsim-demo/index.html unless --report DIR or --no-report)."},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim demo", "  ./carpsim demo --report demo-report"},
    exitCodeList = {"0:every expectation of every example held", "1:an expectation failed",
        "2:the report could not be written"})
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where the report goes unless {@code --report} says otherwise: beside the build output, ignored by git. */
  static final Path DEFAULT_REPORT = Path.of("target", "carpsim-demo");

  @Option(names = "--report", paramLabel = "DIR",
      description = "Where to write the report of every example: DIR/index.html (self-contained) and the charts"
          + " as PNG (default: ${DEFAULT-VALUE}).")
  Path report = DEFAULT_REPORT;

  @Option(names = "--no-report", description = "Only print; write no report.")
  boolean noReport;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<BuiltInExamples.Example> all = new ArrayList<>(BuiltInExamples.all());
      all.addAll(BuiltInExamples.fieldGuide());
      int status = demo(all, out, noReport ? Optional.empty() : Optional.of(report));
      out.flush();
      return status;
    } catch (ReportException e) {
      out.flush();
      err.println("carpsim demo: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /** What one example came to. */
  private record Outcome(String file, int held, int total, String result) {}

  /** Runs {@code examples} in order, printing as it goes; 0 when all held, 1 otherwise. */
  static int demo(List<BuiltInExamples.Example> examples, PrintWriter out) {
    return demo(examples, out, Optional.empty());
  }

  /**
   * Runs {@code examples} in order, printing as it goes, and writes the report into {@code report} if
   * given; 0 when all held, 1 otherwise.
   *
   * @throws ReportException when the report cannot be written
   */
  static int demo(List<BuiltInExamples.Example> examples, PrintWriter out, Optional<Path> report) {
    List<RunRecord> records = new ArrayList<>();
    List<RunReport.Refused> refusedExamples = new ArrayList<>();
    long field = examples.stream().filter(e -> e.folder().equals(BuiltInExamples.FIELD)).count();
    out.println("carpsim demo: " + ScenarioFiles.count(examples.size(), "built-in scenario")
        + ", the seed documents' configuration examples run as written"
        + (field == 0 ? "" : ", then the field guide: " + ScenarioFiles.count((int) field, "way")
            + " CARP deployments fail in the field, each with its fix"));
    List<Outcome> outcomes = new ArrayList<>();
    long events = 0;
    long wall = 0;
    for (BuiltInExamples.Example e : examples) {
      out.println();
      Scenario s;
      try {
        s = e.parse();
      } catch (ScenarioException refused) {
        out.println("== " + e.file() + ": refused");
        refused.errors().forEach(d -> out.println("   " + d));
        outcomes.add(new Outcome(e.file(), 0, 0, "refused"));
        refusedExamples.add(new RunReport.Refused(e.file(), refused.errors().stream().map(Object::toString).toList()));
        out.flush();
        continue;
      }
      // A report shows each host's advertisements: digested as they are sent, never kept.
      Optional<TransmissionDigest> digest = report.map(dir -> RunRecords.digest(s));
      RunResult r = ScenarioRunner.run(s, digest.map(RunOptions.DEFAULT::withListener).orElse(RunOptions.DEFAULT));
      if (digest.isPresent()) {
        records.add(RunRecords.of(r, e.text(), digest));
      }
      events += r.engine().eventsExecuted();
      wall += r.engine().wallNanos();
      int held = (int) r.verdicts().stream().filter(Verdict::passed).count();
      printScenario(s, r, out);
      outcomes.add(new Outcome(e.file(), held, r.verdicts().size(), r.passed() ? "held" : "FAILED"));
      out.flush();
    }
    printSummary(outcomes, events, wall, out);
    if (report.isPresent()) {
      Path page = RunReport.demo(records, refusedExamples).writeTo(report.get());
      out.println("report: " + page);
    }
    return outcomes.stream().allMatch(o -> o.result().equals("held")) ? 0 : 1;
  }

  private static void printScenario(Scenario s, RunResult r, PrintWriter out) {
    out.println("== " + s.name());
    out.println("   " + s.file() + ", profile " + s.defaultProfile().name() + ", "
        + Durations.format(s.duration()) + " simulated, seed " + s.seed());
    for (Diagnostic w : s.warnings()) {
      out.println("   warning: line " + w.line() + ":" + w.column() + ": " + w.message());
    }
    List<Timed<StateChanged>> key = r.transitions().stream()
        .filter(t -> t.event().from() == CarpState.MASTER || t.event().to() == CarpState.MASTER).toList();
    int timeWidth = 1;
    int ifaceWidth = 1;
    for (Timed<StateChanged> t : key) {
      timeWidth = Math.max(timeWidth, seconds(t.time()).length());
      ifaceWidth = Math.max(ifaceWidth, t.event().qualifiedIface().length());
    }
    String row = "   %" + timeWidth + "s  %-" + ifaceWidth + "s  vhid %-3d  %-6s -> %-6s  %s%n";
    for (Timed<StateChanged> t : key) {
      StateChanged c = t.event();
      out.printf(Locale.ROOT, row, seconds(t.time()), c.qualifiedIface(), c.vhid(), c.from(), c.to(), c.reason());
    }
    int hidden = r.transitions().size() - key.size();
    if (hidden > 0) {
      out.println("   (and " + ScenarioFiles.count(hidden, "transition") + " between INIT and BACKUP)");
    }
    // who answered the clients' ARP requests is the point of the balancing examples: show it once
    r.verdicts().stream().filter(v -> v.passed() && v.expectation() instanceof Expectation.ArpShare).findFirst()
        .ifPresent(v -> out.println("   ARP: " + v.detail()));
    RunCommand.printWorld(r, "   ", out);
    for (Verdict v : r.verdicts()) {
      if (!v.passed()) {
        out.println("   FAIL line " + v.expectation().line() + ": " + v.expectation().text());
        out.println("        " + v.detail());
      }
    }
    long held = r.verdicts().stream().filter(Verdict::passed).count();
    out.println("   " + held + " of " + ScenarioFiles.count(r.verdicts().size(), "expectation") + " held");
  }

  private static void printSummary(List<Outcome> outcomes, long events, long wallNanos, PrintWriter out) {
    int width = "scenario".length();
    for (Outcome o : outcomes) {
      width = Math.max(width, o.file().length());
    }
    out.println();
    out.printf(Locale.ROOT, "%-" + width + "s  %-12s  %s%n", "scenario", "expectations", "result");
    int held = 0;
    int total = 0;
    int bad = 0;
    for (Outcome o : outcomes) {
      out.printf(Locale.ROOT, "%-" + width + "s  %-12s  %s%n", o.file(), o.held() + "/" + o.total(), o.result());
      held += o.held();
      total += o.total();
      bad += o.result().equals("held") ? 0 : 1;
    }
    String figures = String.format(Locale.ROOT, "%,d events in %.1f ms", events, wallNanos / 1e6);
    if (bad == 0) {
      out.println("all " + ScenarioFiles.count(outcomes.size(), "scenario") + " held: " + held + " of "
          + ScenarioFiles.count(total, "expectation") + " (" + figures + ")");
    } else {
      out.println(bad + " of " + ScenarioFiles.count(outcomes.size(), "scenario") + " did not hold: " + held + " of "
          + ScenarioFiles.count(total, "expectation") + " held (" + figures + ")");
    }
  }

  /** {@code 60.203125s}, {@code 3s}, {@code 0s}: exact, without trailing zeros. */
  static String seconds(long nanos) {
    return Durations.formatExactSeconds(nanos);
  }
}
