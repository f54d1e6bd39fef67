package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carpsim.carp.config.Secrets;
import org.carpsim.scenario.explore.ExploreFault;
import org.carpsim.scenario.explore.Explorer;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.sim.report.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carpsim explore FILE --cases N [--out DIR] [--seed S]}. */
@Command(
    name = "explore",
    header = "Look for protocol invariant violations under random fault schedules.",
    mixinStandardHelpOptions = true,
    description = {"Draw random fault schedules for a scenario's hosts and segments (crashes and boots, link",
        "flaps, partitions and heals, loss bursts, advskew changes, bow-outs, 'ifconfig -g carp carpdemote'",
        "where the profile has it), run each, and check:",
        "  1. after the last fault and a convergence window, at most one master per vhid and segment;",
        "  2. when a master crashes or loses its link and a backup remains, a backup takes over within",
        "     its profile's master-down interval (plus receive tick and a small slack);",
        "  3. after the convergence window, no state changes at all;",
        "  4. where the profile sends a bow-out ad, 'ifconfig carpN down' on the master hands over at once.",
        "Invariants 1-3 are judged only where they really hold (lossless segments, no ties, no other fault",
        "nearby). The scenario's own expectations and run line are ignored. A violation is shrunk to a",
        "minimal fault schedule and written as a runnable scenario file into DIR, with the violated",
        "invariant as an expectation that fails when it runs. Its passphrases are replaced by generated",
        "ones (hosts that shared one still share one), so the file can be shared; --keep-secrets keeps them.",
        "Same file and --seed, same cases.", ""},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim explore scenarios/examples/netbsd-guide-two-firewalls.carp --cases 200", "  ./carpsim explore scenarios/field/vm-stun.carp --cases 50 --seed 7 --out failures"},
    exitCodeList = {"0:no invariant violated", "1:a violation was found (and written)", "2:bad input"})
public final class ExploreCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The scenario file (its hosts, segments and configuration).")
  Path file;

  @Option(names = "--cases", required = true, paramLabel = "N", description = "How many fault schedules to try.")
  int cases;

  @Option(names = "--out", paramLabel = "DIR", description = "Where a failing case is written (default: ${DEFAULT-VALUE}).",
      defaultValue = "explore-failures")
  Path out;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the schedules (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  long seed;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Option(names = "--keep-secrets", description = "Write the reproducer with the scenario's own passphrases.")
  boolean keepSecrets;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (cases < 1 || cases > 10_000_000) {
      err.println("carpsim explore: --cases " + cases + ": expected 1..10000000");
      err.flush();
      return 2;
    }
    if (!new Preflight().seed("--seed", seed).directory("--out", out).usable("explore", err, "nothing was run")) {
      return 2;
    }
    Optional<Scenario> s = ScenarioFiles.load("explore", file, err);
    if (s.isEmpty()) {
      err.println("carpsim explore: nothing was run");
      err.flush();
      return 2;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("carpsim explore: " + file + ": cannot read (" + OutputPaths.describe(e) + ")");
      err.flush();
      return 2;
    }
    Explorer explorer = new Explorer(s.get().file(), text, s.get());
    ProgressLine progress = new ProgressLine("explore", "cases", err, ProgressLine.mode(quiet), System::nanoTime);
    Explorer.Summary summary = explorer.explore(cases, seed, done -> progress.update(done, cases));
    progress.finish();
    o.printf(Locale.ROOT, "explored %d case%s of %s (seed %d): %d faults injected, %d invariant checks%n",
        summary.cases(), summary.cases() == 1 ? "" : "s", file, seed, summary.faults(), summary.invariantChecks());
    summary.checksByInvariant().forEach((k, v) -> o.printf(Locale.ROOT, "  %6d  %s%n", v, k));
    if (summary.failure().isEmpty()) {
      o.println("no invariant violated");
      o.flush();
      return 0;
    }
    Explorer.Failure f = summary.failure().get();
    o.println("VIOLATED: " + f.invariant());
    o.println("  " + f.detail());
    o.println("  case " + f.caseIndex() + ", shrunk from " + f.original().size() + " to " + f.shrunk().size()
        + " fault(s):");
    for (ExploreFault x : f.shrunk()) {
      x.lines().forEach(l -> o.println("    " + l));
    }
    try {
      Path written = write(f, out, file, seed, keepSecrets);
      o.println("  written to " + written);
    } catch (IOException e) {
      err.println("carpsim explore: " + out + ": cannot write (" + OutputPaths.describe(e) + ")");
      err.flush();
    }
    o.flush();
    return 1;
  }

  /**
   * Writes the failing scenario as {@code DIR/NAME-seedS-caseI.carp}, its passphrases replaced by
   * {@code explore1}, {@code explore2}, … (one per distinct passphrase, eight characters at most, as
   * keepalived's auth_pass takes) unless {@code keepSecrets}.
   */
  static Path write(Explorer.Failure f, Path dir, Path scenario, long seed, boolean keepSecrets) throws IOException {
    Files.createDirectories(dir);
    String base = scenario.getFileName().toString().replaceFirst("\\.carp$", "");
    Path target = dir.resolve(base + "-seed" + seed + "-case" + f.caseIndex() + ".carp");
    String text = f.scenarioText();
    if (!keepSecrets) {
      Map<String, String> generated = new LinkedHashMap<>();
      for (String secret : Secrets.find(text)) {
        generated.put(secret, "explore" + (generated.size() + 1));
      }
      text = Secrets.replace(text, generated);
    }
    Files.writeString(target, text, StandardCharsets.UTF_8);
    return target;
  }
}
