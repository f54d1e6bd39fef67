package org.carpsim.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** What a user's test factory gets from {@link ScenarioTests}: a test per parse and per expectation, named by file. */
class ScenarioTestsTest {

  private static final String PAIR = """
      scenario "pair"
      profile openbsd
      segment lan 10.0.0.0/24
      host fw1
        nic em0 lan 10.0.0.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
      host fw2
        nic em0 lan 10.0.0.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
      at 10s crash fw1
      run 20s
      expect at 5s fw1.carp0 MASTER
      expect within 4s after 10s fw2.carp0 MASTER
      expect at 15s fw1.carp0 MASTER
      """;

  @TempDir
  Path dir;

  /** Display name → executable, every test of the nodes, depth first. */
  private static Map<String, Executable> tests(Stream<DynamicNode> nodes) {
    Map<String, Executable> out = new LinkedHashMap<>();
    nodes.forEach(n -> collect(n, out));
    return out;
  }

  private static void collect(DynamicNode n, Map<String, Executable> out) {
    if (n instanceof DynamicTest t) {
      out.put(t.getDisplayName(), t.getExecutable());
    } else {
      ((DynamicContainer) n).getChildren().forEach(c -> collect(c, out));
    }
  }

  @Test
  void eachFileParsesThenEachExpectationIsATestThatFailsWithWhatTheRunSaw() throws Throwable {
    Files.writeString(dir.resolve("pair.carp"), PAIR);
    Files.writeString(dir.resolve("bad.carp"), "scenario \"bad\"\nsegment lan 10.0.0.0/33\nrun 5s\n");
    Map<String, Executable> tests = tests(ScenarioTests.directory(dir));
    assertEquals(List.of("bad.carp parses", "pair.carp parses", "pair.carp:14: expect at 5s fw1.carp0 MASTER",
        "pair.carp:15: expect within 4s after 10s fw2.carp0 MASTER", "pair.carp:16: expect at 15s fw1.carp0 MASTER"),
        new ArrayList<>(tests.keySet()));
    AssertionError refused = assertThrows(AssertionError.class, tests.get("bad.carp parses")::execute);
    assertTrue(refused.getMessage().contains("bad.carp:2:22: bad prefix length '/33'"), refused.getMessage());
    tests.get("pair.carp parses").execute();
    tests.get("pair.carp:14: expect at 5s fw1.carp0 MASTER").execute();
    tests.get("pair.carp:15: expect within 4s after 10s fw2.carp0 MASTER").execute();
    AssertionError failed = assertThrows(AssertionError.class,
        tests.get("pair.carp:16: expect at 15s fw1.carp0 MASTER")::execute);
    assertTrue(failed.getMessage().startsWith(dir.resolve("pair.carp") + ":16:1: "), failed.getMessage());
  }

  @Test
  void aMissingOrEmptyDirectoryIsAFailingTestNotSilence() throws Exception {
    Map<String, Executable> missing = tests(ScenarioTests.directory(dir.resolve("nope")));
    assertEquals(1, missing.size());
    assertThrows(AssertionError.class, missing.values().iterator().next()::execute);
    Map<String, Executable> empty = tests(ScenarioTests.directory(dir));
    assertEquals(List.of(dir + ": no *.carp files"), new ArrayList<>(empty.keySet()));
    assertThrows(AssertionError.class, empty.values().iterator().next()::execute);
  }
}
