package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

/** The complete example of the README's scenario section parses without a warning and holds. */
class ReadmeExampleTest {

  private static String example() throws IOException {
    Path readme = Path.of("").toAbsolutePath();
    while (readme != null && !Files.isRegularFile(readme.resolve("README.md"))) {
      readme = readme.getParent();
    }
    assertTrue(readme != null, "no README.md above " + Path.of("").toAbsolutePath());
    String text = Files.readString(readme.resolve("README.md"));
    int from = text.indexOf("<!-- scenario-language");
    int to = text.indexOf("<!-- /scenario-language -->");
    assertTrue(from >= 0 && to > from, "the README has no scenario-language section");
    String section = text.substring(from, to);
    int open = section.indexOf("```\n");
    int close = section.indexOf("```", open + 4);
    return section.substring(open + 4, close);
  }

  @Test
  void theReadmeExampleHolds() throws IOException {
    Scenario s = ScenarioParser.parse("README.md", example());
    assertEquals(List.of(), s.warnings());
    RunResult r = ScenarioRunner.run(s);
    assertEquals(5, r.verdicts().size());
    for (Verdict v : r.verdicts()) {
      assertTrue(v.passed(), () -> v.expectation().text() + ": " + v.detail());
    }
  }
}
