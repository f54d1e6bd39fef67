package org.carpsim.scenario.run;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
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
      failures += (int) r.verdicts().stream().filter(v -> !v.passed()).count();
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites name=\"carpsim\" tests=\"" + tests + "\" failures=\"" + failures + "\">\n");
    for (RunResult r : runs) {
      long failed = r.verdicts().stream().filter(v -> !v.passed()).count();
      out.write("  <testsuite name=\"" + xml(r.scenario().name()) + "\" tests=\"" + r.verdicts().size()
          + "\" failures=\"" + failed + "\" errors=\"0\" skipped=\"0\" time=\""
          + Durations.formatSecondsRounded(r.engine().wallNanos(), 3) + "\">\n");
      out.write("    <properties>\n");
      out.write("      <property name=\"file\" value=\"" + xml(r.scenario().file()) + "\"/>\n");
      out.write("      <property name=\"seed\" value=\"" + r.seed() + "\"/>\n");
      out.write("    </properties>\n");
      for (Verdict v : r.verdicts()) {
        out.write("    <testcase classname=\"" + xml(r.scenario().file()) + "\" name=\""
            + xml("line " + v.expectation().line() + ": " + v.expectation().text()) + "\" time=\"0\"");
        if (v.passed()) {
          out.write("/>\n");
        } else {
          out.write(">\n      <failure message=\"" + xml(v.detail()) + "\" type=\"expectation\">"
              + xml(v.expectation().origin().where() + ": " + v.detail()) + "</failure>\n    </testcase>\n");
        }
      }
      out.write("  </testsuite>\n");
    }
    out.write("</testsuites>\n");
  }

  /** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\n' -> b.append("&#10;");
        default -> {
          if (c >= 0x20 || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
