package org.carpsim.conformance.tester;

import java.util.List;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;

/** Conformance results as a JUnit XML report: one testcase per case, skipped/failure elements. */
public final class JUnitXml {

  private JUnitXml() {}

  /** The report for {@code results}; {@code suite} names the testsuite (e.g. the profile). */
  public static String of(String suite, List<CaseResult> results) {
    long failures = results.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
    long skipped = results.stream().filter(r -> r.verdict() == Verdict.SKIP).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(results.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n");
    for (CaseResult r : results) {
      b.append("  <testcase classname=\"").append(esc(suite)).append("\" name=\"").append(esc(r.id() + " " + r.title()))
          .append("\">\n");
      if (r.verdict() == Verdict.FAIL) {
        b.append("    <failure message=\"").append(esc(r.line())).append("\"/>\n");
      } else if (r.verdict() == Verdict.SKIP) {
        b.append("    <skipped message=\"").append(esc(r.note())).append("\"/>\n");
      }
      b.append("    <system-out>").append(esc(r.line())).append("</system-out>\n");
      b.append("  </testcase>\n");
    }
    return b.append("</testsuite>\n").toString();
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          if (ch >= 0x20 || ch == '\n' || ch == '\t') {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
