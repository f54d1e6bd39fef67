package org.carpsim.conformance.tester;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.sim.report.JUnitXmlWriter;
import org.carpsim.sim.report.JUnitXmlWriter.Outcome;
import org.carpsim.sim.report.JUnitXmlWriter.Suite;
import org.carpsim.sim.report.JUnitXmlWriter.TestCase;

/** Conformance results as a JUnit XML report: one testcase per case, skipped/failure elements. */
public final class JUnitXml {

  private JUnitXml() {}

  /** The report for {@code results}; {@code suite} names the testsuite (e.g. the profile). */
  public static String of(String suite, List<CaseResult> results) {
    long failures = results.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
    long skipped = results.stream().filter(r -> r.verdict() == Verdict.SKIP).count();
    StringWriter out = new StringWriter();
    try (JUnitXmlWriter xml = new JUnitXmlWriter(out)) {
      xml.startSuite(new Suite(suite, results.size(), failures, 0, skipped, null));
      for (CaseResult r : results) {
        Outcome outcome = r.verdict() == Verdict.FAIL ? Outcome.failure(r.line(), null, null)
            : r.verdict() == Verdict.SKIP ? Outcome.skipped(r.note())
            : Outcome.PASSED;
        xml.testcase(new TestCase(suite, r.id() + " " + r.title(), null, outcome, r.line()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
