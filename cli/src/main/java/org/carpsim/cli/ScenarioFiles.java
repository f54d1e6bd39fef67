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
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioException;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.report.OutputPaths;

/** Reads scenario files for the commands, reporting every problem as {@code file:line:col: message}. */
final class ScenarioFiles {

  private ScenarioFiles() {}

  /**
   * The scenario in {@code file}, with its warnings printed on {@code err}; or empty, with every error
   * and warning printed on {@code err} in file order and a closing {@code FILE: refused (…)} line.
   */
  static Optional<Scenario> load(String command, Path file, PrintWriter err) {
    return load(command, file, err, d -> { });
  }

  /**
   * As {@link #load(String, Path, PrintWriter)}, also handing every error of a refused file to {@code
   * refused} (a problem with the file itself as line 0), for a JUnit report of why nothing ran.
   */
  static Optional<Scenario> load(String command, Path file, PrintWriter err, Consumer<Diagnostic> refused) {
    String name = file.toString();
    try {
      if (Files.isDirectory(file)) {
        fileError(command, name, "is a directory, not a scenario file", err, refused);
        return Optional.empty();
      }
      Scenario s = ScenarioParser.read(file);
      s.warnings().forEach(err::println);
      return Optional.of(s);
    } catch (ScenarioException e) {
      List<Diagnostic> all = new ArrayList<>(e.errors());
      all.addAll(e.warnings());
      all.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
      all.forEach(err::println);
      err.println(name + ": refused (" + count(e.errors().size(), "error")
          + (e.warnings().isEmpty() ? "" : ", " + count(e.warnings().size(), "warning")) + ")");
      e.errors().stream().sorted(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column))
          .forEach(refused);
    } catch (NoSuchFileException e) {
      fileError(command, name, "no such file", err, refused);
    } catch (AccessDeniedException e) {
      fileError(command, name, "permission denied", err, refused);
    } catch (IOException e) {
      fileError(command, name, "cannot read (" + OutputPaths.describe(e) + ")", err, refused);
    } finally {
      err.flush();
    }
    return Optional.empty();
  }

  private static void fileError(String command, String name, String problem, PrintWriter err,
      Consumer<Diagnostic> refused) {
    err.println("carpsim " + command + ": " + name + ": " + problem);
    refused.accept(new Diagnostic(Diagnostic.Severity.ERROR, name, 0, 0, problem));
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
