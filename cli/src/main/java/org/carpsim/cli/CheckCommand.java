package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioException;
import org.carpsim.scenario.parse.ScenarioParser;
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
    mixinStandardHelpOptions = true,
    description = {"Parse and validate scenario files (*.carp) without running them; every mistake of a file",
        "is reported as file:line:col: message."},
    exitCodeListHeading = "%nExit status:%n",
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
    String name = file.toString();
    if (Files.isDirectory(file)) {
      err.println("carpsim check: " + name + ": is a directory, not a scenario file");
      return false;
    }
    try {
      Scenario s = ScenarioParser.read(file);
      s.warnings().forEach(err::println);
      err.flush();
      out.println(name + ": ok (" + count(s.hosts().size(), "host") + ", " + count(s.segments().size(), "segment")
          + ", " + count(s.expectations().size(), "expectation") + ")");
      out.flush();
      return true;
    } catch (ScenarioException e) {
      List<Diagnostic> all = new ArrayList<>(e.errors());
      all.addAll(e.warnings());
      all.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
      all.forEach(err::println);
      err.println(name + ": refused (" + count(e.errors().size(), "error")
          + (e.warnings().isEmpty() ? "" : ", " + count(e.warnings().size(), "warning")) + ")");
    } catch (NoSuchFileException e) {
      err.println("carpsim check: " + name + ": no such file");
    } catch (AccessDeniedException e) {
      err.println("carpsim check: " + name + ": permission denied");
    } catch (IOException e) {
      err.println("carpsim check: " + name + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    err.flush();
    return false;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
