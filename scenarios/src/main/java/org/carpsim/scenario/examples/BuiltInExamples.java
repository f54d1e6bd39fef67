package org.carpsim.scenario.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;

/**
 * The example scenarios built into carpsim: every configuration example of the seed documents as a
 * scenario file, from the scenarios module's {@code examples/} folder, bundled as resources. The
 * folder's {@code index.txt} lists them in order, so nothing has to scan the classpath.
 *
 * <pre>{@code
 * for (BuiltInExamples.Example e : BuiltInExamples.all()) {
 *   RunResult r = ScenarioRunner.run(e.parse());
 * }
 * }</pre>
 */
public final class BuiltInExamples {

  private static final String DIRECTORY = "org/carpsim/scenario/examples/";
  private static final String INDEX = "index.txt";

  private BuiltInExamples() {}

  /**
   * One built-in scenario file.
   *
   * @param name the file name, e.g. {@code carp.4-examples-preempt.carp}
   * @param text its content
   */
  public record Example(String name, String text) {

    /** The name scenarios and reports show: {@code examples/NAME.carp}. */
    public String file() {
      return "examples/" + name;
    }

    /**
     * The scenario, named {@link #file()} in diagnostics.
     *
     * @throws org.carpsim.scenario.parse.ScenarioException if it is not a valid scenario
     */
    public Scenario parse() {
      return ScenarioParser.parse(file(), text);
    }
  }

  /** The names listed in the index, in order (blank lines and {@code #} comments skipped). */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (String line : resource(INDEX).split("\r?\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  /** Every built-in example, in index order. */
  public static List<Example> all() {
    return names().stream().map(n -> new Example(n, resource(n))).toList();
  }

  private static String resource(String name) {
    try (InputStream in = BuiltInExamples.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
      if (in == null) {
        throw new IllegalStateException("built-in example " + DIRECTORY + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
