package org.carpsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.report.OutputPaths;

/**
 * A command's arguments checked before it does any work: its output paths (a sweep of an hour must
 * not end in "cannot write") and what the scenario language would refuse too (a negative seed).
 * Every problem is named with its option; then the command stops with exit 2.
 */
final class Preflight {

  private final List<String> problems = new ArrayList<>();

  /** {@code path} (if given) must be a file that can be created or replaced. */
  Preflight file(String option, Path path) {
    if (path != null) {
      OutputPaths.fileProblem(path).ifPresent(p -> problems.add(option + " " + path + ": " + p));
    }
    return this;
  }

  /** {@code path} (if given) must be a directory that exists or can be created, and written to. */
  Preflight directory(String option, Path path) {
    if (path != null) {
      OutputPaths.directoryProblem(path).ifPresent(p -> problems.add(option + " " + path + ": " + p));
    }
    return this;
  }

  /** {@code seed} (if given) must be one a scenario's {@code seed} line takes: 0 or more. */
  Preflight seed(String option, Long seed) {
    if (seed != null && seed < 0) {
      problems.add(option + " " + seed + ": expected 0.." + Long.MAX_VALUE + " (as a scenario's seed line)");
    }
    return this;
  }

  /** Prints every problem as {@code carpsim COMMAND: …} and what was not done; true when there was none. */
  boolean usable(String command, PrintWriter err, String notDone) {
    for (String p : problems) {
      err.println("carpsim " + command + ": " + p);
    }
    if (!problems.isEmpty()) {
      err.println("carpsim " + command + ": " + notDone);
      err.flush();
    }
    return problems.isEmpty();
  }
}
