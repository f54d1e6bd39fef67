package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioException;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenario files as tests: every {@code *.carp} of the module's {@code examples/} and {@code field/}
 * folders and of every directory named by the system property {@code carpsim.scenarios} (a {@link File#pathSeparator}
 * separated list; {@code mvn test -pl scenarios -am -Dcarpsim.scenarios=/path/to/mine}). Each file
 * is a container holding a test that it parses (failing with its {@code file:line:col} errors) and,
 * once it does, one test per expectation, named {@code line N: expect …}, failing with what the run
 * saw. The scenario runs once, when its first expectation is checked.
 */
class ScenarioFilesTest {

  /** The module's own examples, relative to the module directory (surefire's working directory). */
  static final Path EXAMPLES = Path.of("examples");

  /** The field guide: a scenario per field failure mode and its fix. */
  static final Path FIELD = Path.of("field");

  @TestFactory
  Stream<DynamicNode> examples() {
    return directory(EXAMPLES);
  }

  @TestFactory
  Stream<DynamicNode> fieldGuide() {
    return directory(FIELD);
  }

  @TestFactory
  Stream<DynamicNode> yourScenarios() {
    return userDirectories().stream().flatMap(ScenarioFilesTest::directory);
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

  /** A container per scenario file under {@code dir}; a failing test when there is none. */
  static Stream<DynamicNode> directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.of(dynamicTest(dir + ": no such directory", () -> fail("carpsim.scenarios names " + dir.toAbsolutePath()
          + ", which is not a directory")));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".carp") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      return Stream.of(dynamicTest(dir + ": no *.carp files", () -> fail("no scenario file (*.carp) under "
          + dir.toAbsolutePath())));
    }
    return files.stream().map(ScenarioFilesTest::file);
  }

  /**
   * One file: "FILE parses", then a test per expectation. Each test's name says its file: a JUnit
   * report flattens the containers, and twenty tests all called "parses" tell CI nothing.
   */
  static DynamicNode file(Path path) {
    String name = path.toString();
    URI source = path.toUri();
    DynamicTest parses = dynamicTest(path.getFileName() + " parses", source, () -> parse(path));
    Scenario scenario;
    try {
      scenario = parse(path);
    } catch (AssertionError refused) {
      return dynamicContainer(name, source, Stream.of(parses)); // the test says why
    }
    OnceRun run = new OnceRun(scenario);
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(parses);
    for (int i = 0; i < scenario.expectations().size(); i++) {
      Expectation e = scenario.expectations().get(i);
      int index = i;
      tests.add(dynamicTest(path.getFileName() + ":" + e.line() + ": " + e.text(), URI.create(source + "?line="
          + e.line()), () -> {
        Verdict v = run.get().verdicts().get(index);
        if (!v.passed()) {
          fail(e.origin().where() + ": " + v.detail());
        }
      }));
    }
    return dynamicContainer(name, source, tests.stream());
  }

  /** The scenario in {@code path}, or an assertion failure listing every error as {@code file:line:col}. */
  static Scenario parse(Path path) {
    try {
      return ScenarioParser.read(path);
    } catch (ScenarioException e) {
      throw new AssertionError(path + " is refused:\n" + Stream.concat(e.errors().stream(), e.warnings().stream())
          .map(Diagnostic::toString).collect(Collectors.joining("\n")));
    } catch (IOException e) {
      throw new AssertionError(path + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Runs a scenario the first time its result is asked for. */
  private static final class OnceRun {
    private final Scenario scenario;
    private RunResult result;

    OnceRun(Scenario scenario) {
      this.scenario = scenario;
    }

    synchronized RunResult get() {
      if (result == null) {
        result = ScenarioRunner.run(scenario);
      }
      return result;
    }
  }
}
