package org.carpsim.junit;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's scenario files as tests, through the library users get ({@link ScenarioTests}):
 * every {@code *.carp} of the scenarios module's {@code examples/} and {@code field/} folders and of
 * every directory named by the system property {@code carpsim.scenarios} (a {@link File#pathSeparator}
 * separated list; {@code mvn test -pl carpsim-junit -am -Dcarpsim.scenarios=/path/to/mine}).
 */
class ScenarioFilesTest {

  /** The seeds' examples, relative to this module's directory (surefire's working directory). */
  static final Path EXAMPLES = Path.of("../scenarios/examples");

  /** The field guide: a scenario per field failure mode and its fix. */
  static final Path FIELD = Path.of("../scenarios/field");

  @TestFactory
  Stream<DynamicNode> examples() {
    return ScenarioTests.directory(EXAMPLES);
  }

  @TestFactory
  Stream<DynamicNode> fieldGuide() {
    return ScenarioTests.directory(FIELD);
  }

  /** The real systems' own CARP test suites, case by case (docs/suites.md). */
  static final Path SUITES = Path.of("../scenarios/suites");

  /**
   * Every suite case: each *.carp runs as a scenario, except those {@code refused.txt} lists, which must
   * be refused with exactly the error it gives (a case that cannot run says why, and cannot go quiet).
   */
  @TestFactory
  Stream<DynamicNode> suites() throws java.io.IOException {
    java.util.Map<Path, String> refused = new java.util.TreeMap<>();
    for (String line : java.nio.file.Files.readAllLines(SUITES.resolve("refused.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String file = line.substring(0, line.indexOf(".carp:") + ".carp".length());
        refused.put(SUITES.resolve(file).normalize(), line.substring(file.length() + 1));
      }
    }
    List<Path> files;
    try (Stream<Path> walk = java.nio.file.Files.walk(SUITES)) {
      files = walk.filter(p -> p.toString().endsWith(".carp")).map(Path::normalize).sorted().toList();
    }
    List<DynamicNode> out = new ArrayList<>();
    for (Path f : files) {
      String expected = refused.remove(f);
      out.add(expected == null ? ScenarioTests.file(f) : org.junit.jupiter.api.DynamicContainer.dynamicContainer(
          f.toString(), Stream.of(org.junit.jupiter.api.DynamicTest.dynamicTest(f.getFileName() + " is refused: "
              + expected, () -> refusedWith(f, expected)))));
    }
    refused.keySet().forEach(missing -> out.add(org.junit.jupiter.api.DynamicTest.dynamicTest(missing
        + " (refused.txt)", () -> org.junit.jupiter.api.Assertions.fail("refused.txt lists " + missing
        + ", which is not a scenario file"))));
    return out.stream();
  }

  private static void refusedWith(Path file, String expected) {
    try {
      org.carpsim.scenario.parse.ScenarioParser.read(file);
      org.junit.jupiter.api.Assertions.fail(file + " parses now: take it out of refused.txt");
    } catch (org.carpsim.scenario.parse.ScenarioException e) {
      List<String> errors = e.errors().stream().map(d -> d.line() + ":" + d.column() + ": " + d.message()).toList();
      org.junit.jupiter.api.Assertions.assertEquals(List.of(expected), errors);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicNode> yourScenarios() {
    return userDirectories().stream().flatMap(ScenarioTests::directory);
  }

  /**
   * The directories of {@code -Dcarpsim.scenarios}; relative ones are taken from Maven's execution root
   * (the directory of the top-level pom of the build), which the pom passes as {@code carpsim.scenarios.base}.
   */
  static List<Path> userDirectories() {
    String list = System.getProperty("carpsim.scenarios", "");
    String base = System.getProperty("carpsim.scenarios.base", "");
    List<Path> out = new ArrayList<>();
    for (String d : list.split(File.pathSeparator)) {
      if (d.isBlank()) {
        continue;
      }
      Path p = Path.of(d.strip());
      out.add((p.isAbsolute() || base.isBlank() ? p : Path.of(base).resolve(p)).normalize());
    }
    return out;
  }
}
