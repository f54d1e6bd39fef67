package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code run --json} of every built-in example against the output saved before the run's history
 * became typed events (src/test/resources/saved-before-history, written by the commit before that
 * change): every field saved then is still there with the same value — transitions, verdicts,
 * counters, timeline, traffic digests — except the engine's timing and the file path as given.
 * New fields may be added, at any depth (a transition now also names its carpdev); none may be
 * renamed, dropped or changed, and arrays keep their length and order.
 */
class RunJsonCompatibilityTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path SAVED = Path.of("src/test/resources/saved-before-history");
  private static final Path EXAMPLES = Path.of("../scenarios/examples");
  /** Fields that may differ between two runs of one scenario: wall time, and the path as typed. */
  private static final List<String> VARYING = List.of("engine", "file");

  @TestFactory
  Stream<DynamicTest> everyExampleKeepsEverySavedField() throws Exception {
    List<Path> saved;
    try (Stream<Path> files = Files.list(SAVED)) {
      saved = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertEquals(9, saved.size(), "one saved result per built-in example");
    return saved.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      String name = file.getFileName().toString().replace(".json", ".carp");
      CliResult r = carpsim("run", "--json", EXAMPLES.resolve(name).toString());
      assertEquals(0, r.exit(), r.err());
      JsonNode now = MAPPER.readTree(r.out());
      JsonNode before = MAPPER.readTree(Files.readString(file));
      for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (VARYING.contains(field)) {
          assertTrue(now.has(field), field);
          continue;
        }
        assertContains(before.get(field), now.get(field), name + ": " + field);
      }
    }));
  }

  /** {@code now} has everything {@code saved} has, with the same values; objects may have more fields. */
  private static void assertContains(JsonNode saved, JsonNode now, String where) {
    assertTrue(now != null, where + ": missing");
    if (saved.isObject()) {
      assertTrue(now.isObject(), where + ": no longer an object");
      saved.fieldNames().forEachRemaining(f -> assertContains(saved.get(f), now.get(f), where + "." + f));
    } else if (saved.isArray()) {
      assertTrue(now.isArray(), where + ": no longer an array");
      assertEquals(saved.size(), now.size(), where + ": length");
      for (int i = 0; i < saved.size(); i++) {
        assertContains(saved.get(i), now.get(i), where + "[" + i + "]");
      }
    } else {
      assertEquals(saved, now, where);
    }
  }
}
