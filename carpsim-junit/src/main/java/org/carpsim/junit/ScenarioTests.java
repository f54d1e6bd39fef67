package org.carpsim.junit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

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
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Scenario files as JUnit 5 dynamic tests, for a {@code @TestFactory} in a user's own build:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> failovers() {
 *   return ScenarioTests.directory(Path.of("src/test/carp"));
 * }
 * }</pre>
 *
 * <p>Each {@code *.carp} file is a container: a test that it parses ({@code FILE parses}, failing with
 * every {@code file:line:col} error), then one test per expectation ({@code FILE:LINE: expect …},
 * failing with what the run saw). Each test's name says its file, as a CI server's JUnit report
 * flattens the containers. A scenario runs once, when its first expectation is judged. A missing
 * directory, or one without scenarios, is a failing test, never silence.
 */
public final class ScenarioTests {

  private ScenarioTests() {}

  /** A container per {@code *.carp} file under {@code dir} (its subdirectories too), in path order. */
  public static Stream<DynamicNode> directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.of(dynamicTest(dir + ": no such directory", () -> fail(dir.toAbsolutePath()
          + " is not a directory of scenario files")));
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
    return files.stream().map(ScenarioTests::file);
  }

  /** One scenario file: "FILE parses", then a test per expectation. */
  public static DynamicNode file(Path path) {
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
      throw new AssertionError(path + ": cannot read (" + org.carpsim.sim.report.OutputPaths.describe(e) + ")");
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
