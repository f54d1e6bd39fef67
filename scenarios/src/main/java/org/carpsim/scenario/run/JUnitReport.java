package org.carpsim.scenario.run;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.sim.report.JUnitXmlWriter.Outcome;
import org.carpsim.sim.report.JUnitXmlWriter.Suite;
import org.carpsim.sim.report.JUnitXmlWriter.TestCase;
import org.carpsim.sim.report.JUnitXmlWriter;
import org.carpsim.sim.time.Durations;

/**
 * Runs as JUnit XML, the format CI servers display: one test suite per scenario, one test case per
 * expectation, a failure element with what was seen when an expectation did not hold.
 */
public final class JUnitReport {

  private JUnitReport() {}

  public static void write(List<RunResult> runs, Writer out) throws IOException {
    int tests = 0;
    int failures = 0;
    for (RunResult r : runs) {
      tests += r.verdicts().size();
      failures += failedIn(r);
    }
    try (JUnitXmlWriter xml = new JUnitXmlWriter(out)) {
      xml.startSuites("carpsim", tests, failures);
      for (RunResult r : runs) {
        xml.startSuite(new Suite(r.scenario().name(), r.verdicts().size(), failedIn(r), 0, 0,
            Durations.formatSecondsRounded(r.engine().wallNanos(), 3)));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("file", r.scenario().file());
        properties.put("seed", Long.toString(r.seed()));
        xml.properties(properties);
        for (Verdict v : r.verdicts()) {
          Outcome outcome = v.passed() ? Outcome.PASSED
              : Outcome.failure(v.detail(), "expectation", v.expectation().origin().where() + ": " + v.detail());
          xml.testcase(new TestCase(r.scenario().file(), "line " + v.expectation().line() + ": " + v.expectation().text(),
              "0", outcome, null));
        }
        xml.end();
      }
    }
  }

  private static int failedIn(RunResult r) {
    return (int) r.verdicts().stream().filter(v -> !v.passed()).count();
  }
}
