package org.carpsim.conformance.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;

/**
 * A live run saved as the lines {@code ConformanceRunner.line} printed, each prefixed by the run's
 * name ({@code ucarp A3  PASS  …}, {@code ucarp with preempt: B5  PASS  …}); {@code #} lines are notes.
 */
final class RecordedRun {

  private static final Pattern LINE = Pattern.compile(
      "(\\S+) (?:(with preempt): )?(\\S+)\\s+(PASS|FAIL|SKIP)  (.*?)  measured (.*?)  expected (.*?)  tolerance (.*?)"
          + "(?:  \\((.*)\\))?");

  private RecordedRun() {}

  /** The results of the run whose lines carry {@code part} ("" for the main run, "with preempt"), in order. */
  static List<CaseResult> load(String resource, String part) throws IOException {
    List<CaseResult> out = new ArrayList<>();
    try (InputStream in = RecordedRun.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
          throw new IOException("not a result line: " + line);
        }
        String lineRun = m.group(2) == null ? "" : m.group(2);
        if (lineRun.equals(part)) {
          out.add(new CaseResult(m.group(3), m.group(5), Verdict.valueOf(m.group(4)), m.group(6), m.group(7),
              m.group(8), m.group(9) == null ? "" : m.group(9)));
        }
      }
    }
    return out;
  }
}
