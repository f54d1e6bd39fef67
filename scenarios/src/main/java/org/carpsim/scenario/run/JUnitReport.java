package org.carpsim.scenario.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.sim.report.JUnitXmlWriter.Outcome;
import org.carpsim.sim.report.JUnitXmlWriter.Suite;
import org.carpsim.sim.report.JUnitXmlWriter.TestCase;
import org.carpsim.sim.report.JUnitXmlWriter;
import org.carpsim.sim.time.Durations;

/**
 * Runs as JUnit XML, the format CI servers display: one test suite per scenario, one test case per
 * expectation (with the file and line it is written on), a failure element with what was seen when
 * an expectation did not hold. Files refused before anything ran are there too: a suite per file, an
 * error per problem, so that CI shows why nothing ran.
 */
public final class JUnitReport {

  private JUnitReport() {}

  /**
   * The runs, then the refused files' errors ({@code refused}, in file order; a problem with the file
   * itself has line 0).
   */
  public static void write(List<RunResult> runs, List<Diagnostic> refused, Writer out) throws IOException {
    int tests = refused.size();
    int failures = 0;
    for (RunResult r : runs) {
      tests += r.verdicts().size();
      failures += failedIn(r);
    }
    try (JUnitXmlWriter xml = new JUnitXmlWriter(out)) {
      xml.startSuites("carpsim", tests, failures, refused.size());
      for (RunResult r : runs) {
        xml.startSuite(new Suite(r.scenario().name(), r.verdicts().size(), failedIn(r), 0, 0,
            Durations.formatSecondsRounded(r.engine().wallNanos(), 3)));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("file", r.scenario().file());
        properties.put("seed", Long.toString(r.seed()));
        xml.properties(properties);
        String file = r.scenario().file();
        for (Verdict v : r.verdicts()) {
          Outcome outcome = v.passed() ? Outcome.PASSED
              : Outcome.failure(v.detail(), "expectation", v.expectation().origin().where() + ": " + v.detail());
          xml.testcase(new TestCase(className(file), "line " + v.expectation().line() + ": " + v.expectation().text(),
              file, v.expectation().line(), "0", outcome, null));
        }
        xml.end();
      }
      String open = null;
      for (int i = 0; i < refused.size(); i++) {
        Diagnostic d = refused.get(i);
        if (!d.file().equals(open)) {
          if (open != null) {
            xml.end();
          }
          open = d.file();
          String file = open;
          long errors = refused.stream().filter(x -> x.file().equals(file)).count();
          xml.startSuite(new Suite(file, errors, 0, errors, 0, "0"));
        }
        String where = d.line() > 0 ? d.file() + ":" + d.line() + ":" + d.column() : d.file();
        xml.testcase(new TestCase(className(d.file()), d.line() > 0 ? "line " + d.line() + ":" + d.column() : "file",
            d.file(), d.line(), "0", Outcome.error(d.message(), "refused", where + ": " + d.message()), null));
      }
      if (open != null) {
        xml.end();
      }
    }
  }

  /** The file's name without {@code .carp}: CI servers read a dot in a class name as a package separator. */
  static String className(String file) {
    String name = Path.of(file).getFileName().toString();
    return name.endsWith(".carp") ? name.substring(0, name.length() - 5) : name.replace('.', '_');
  }

  private static int failedIn(RunResult r) {
    return (int) r.verdicts().stream().filter(v -> !v.passed()).count();
  }
}
