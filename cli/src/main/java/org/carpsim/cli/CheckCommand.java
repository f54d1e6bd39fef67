package org.carpsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.run.BootCheck;
import org.carpsim.scenario.run.RunEstimate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code carpsim check FILE...}: parses and validates scenario files without running them. For each
 * valid file, its warnings ({@code file:line:col: warning: …}) on standard error and {@code FILE: ok
 * (N hosts, M segments, K expectations)} on standard output; for each refused file, every error and
 * warning in file order and {@code FILE: refused (…)} on standard error. Exit status 0 when every file
 * is valid, 2 otherwise. Passphrases are never printed.
 */
@Command(
    name = "check",
    header = "Check scenario files without running them: every mistake as file:line:col.",
    mixinStandardHelpOptions = true,
    description = {"Parse and validate scenario files (*.carp) without running them; every mistake of a file",
        "is reported as file:line:col: message."},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim check scenarios/examples/*.carp", "  ./carpsim check scenarios/field/vm-stun.carp"},
    exitCodeList = {"0:every file is a valid scenario", "2:a file was refused or could not be read"})
public final class CheckCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allValid = true;
    for (Path file : files) {
      allValid &= check(file, out, err);
    }
    out.flush();
    err.flush();
    return allValid ? 0 : 2;
  }

  private static boolean check(Path file, PrintWriter out, PrintWriter err) {
    Optional<Scenario> loaded = ScenarioFiles.load("check", file, err);
    loaded.ifPresent(s -> {
      BootCheck.of(s).forEach(err::println);
      RunEstimate estimate = RunEstimate.of(s);
      if (estimate.refused(Runtime.getRuntime().maxMemory())) {
        err.println(file + ": warning: a run needs " + estimate.describe() + "; carpsim run refuses it without --force");
        err.flush();
      }
      out.println(file + ": ok (" + ScenarioFiles.count(s.hosts().size(), "host") + ", "
          + ScenarioFiles.count(s.segments().size(), "segment") + ", "
          + ScenarioFiles.count(s.expectations().size(), "expectation") + ")");
      out.flush();
    });
    return loaded.isPresent();
  }
}
