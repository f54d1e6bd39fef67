package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.scenario.model.Scenario;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The examples of the project's own docs/scenario-language.md pass as written. */
class DocsExamplesTest {

  /** Declares what the documentation's fragments refer to without declaring themselves. */
  private static final String GLUE = String.join("\n",
      "host fw1",
      "  nic em0 lan 172.16.0.1/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 172.16.0.100/24",
      "host fw3",
      "  nic em0 lan 172.16.0.3/24",
      "run 120s",
      "");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\b(NAME|SEGMENT|HOST|TARGET|FILE|DURATION)\\b");

  private static List<String> blocks() throws IOException {
    Optional<Path> doc = Optional.empty();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null && doc.isEmpty(); dir = dir.getParent()) {
      Path p = dir.resolve("docs/scenario-language.md");
      if (Files.isRegularFile(p)) {
        doc = Optional.of(p);
      }
    }
    Assumptions.assumeTrue(doc.isPresent(), "docs/scenario-language.md is not above " + Path.of("").toAbsolutePath());
    Matcher m = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc.get()));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theOpeningExampleIsACompleteScenario() throws IOException {
    Scenario s = ScenarioParser.parse("docs", blocks().get(0));
    assertEquals(2, s.hosts().size());
    assertEquals(3, s.expectations().size());
  }

  @Test
  void theFragmentsTogetherFormAScenario() throws IOException {
    StringBuilder text = new StringBuilder(GLUE);
    int used = 0;
    for (String b : blocks().subList(1, blocks().size())) {
      String first = b.strip();
      boolean fragment = first.matches("(?s)(segment|switch|host|file|clients|at|expect) .*");
      if (fragment && !PLACEHOLDER.matcher(b).find()) {
        text.append(b);
        used++;
      }
    }
    assertTrue(used >= 6, "the fragments were found: " + used);
    Scenario s = ScenarioParser.parse("docs", text.toString());
    assertTrue(s.timeline().size() >= 9);
    assertTrue(s.timeline().stream().map(e -> e.verb()).toList().containsAll(List.of("pause", "timer-jitter", "clock")),
        "the host stalls' examples are among them");
    assertTrue(s.expectations().size() >= 8);
    assertEquals(5, s.clients().size());
    assertEquals(3, s.clients().stream().filter(c -> c.sendsTraffic()).count(), "the traffic clients");
    assertEquals(List.of("linux", "router", "linux"), s.clients().stream().flatMap(c -> c.cache().stream())
        .map(Object::toString).toList());
    assertEquals(org.carpsim.carp.wire.IpFamily.IPV6, s.clients().get(4).family(), "the IPv6 clients' example");
  }
}
