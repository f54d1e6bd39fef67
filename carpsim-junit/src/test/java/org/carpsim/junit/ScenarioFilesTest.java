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
