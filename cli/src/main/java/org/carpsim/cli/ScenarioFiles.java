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
    String name = file.toString();
    try {
      if (Files.isDirectory(file)) {
        err.println("carpsim " + command + ": " + name + ": is a directory, not a scenario file");
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
    } catch (NoSuchFileException e) {
      err.println("carpsim " + command + ": " + name + ": no such file");
    } catch (AccessDeniedException e) {
      err.println("carpsim " + command + ": " + name + ": permission denied");
    } catch (IOException e) {
      err.println("carpsim " + command + ": " + name + ": cannot read (" + OutputPaths.describe(e) + ")");
    } finally {
      err.flush();
    }
    return Optional.empty();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
