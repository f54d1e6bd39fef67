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
 * The scenarios built into carpsim, bundled as resources from two folders of the scenarios module:
 * {@code examples/}, every configuration example of the seed documents ({@link #all()}), and {@code
 * field/}, the field guide: a scenario per way CARP deployments fail in the field, with its fix
 * ({@link #fieldGuide()}). Each folder's {@code index.txt} lists its files in order, so nothing has to
 * scan the classpath.
 *
 * <pre>{@code
 * for (BuiltInExamples.Example e : BuiltInExamples.all()) {
 *   RunResult r = ScenarioRunner.run(e.parse());
 * }
 * }</pre>
 */
public final class BuiltInExamples {

  private static final String ROOT = "org/carpsim/scenario/";
  private static final String INDEX = "index.txt";
  /** The seed documents' examples. */
  public static final String EXAMPLES = "examples";
  /** The field guide. */
  public static final String FIELD = "field";

  private BuiltInExamples() {}

  /**
   * One built-in scenario file.
   *
   * @param folder {@link #EXAMPLES} or {@link #FIELD}
   * @param name the file name, e.g. {@code carp.4-examples-preempt.carp}
   * @param text its content
   */
  public record Example(String folder, String name, String text) {

    /** One of the seed documents' examples. */
    public Example(String name, String text) {
      this(EXAMPLES, name, text);
    }

    /** The name scenarios and reports show: {@code examples/NAME.carp}, {@code field/NAME.carp}. */
    public String file() {
      return folder + "/" + name;
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

  /** The examples' names listed in their index, in order. */
  public static List<String> names() {
    return names(EXAMPLES);
  }

  /** The names listed in a folder's index, in order (blank lines and {@code #} comments skipped). */
  public static List<String> names(String folder) {
    List<String> out = new ArrayList<>();
    for (String line : resource(folder, INDEX).split("\r?\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  /** Every built-in example, in index order. */
  public static List<Example> all() {
    return of(EXAMPLES);
  }

  /** Every field-guide scenario, in index order. */
  public static List<Example> fieldGuide() {
    return of(FIELD);
  }

  private static List<Example> of(String folder) {
    return names(folder).stream().map(n -> new Example(folder, n, resource(folder, n))).toList();
  }

  private static String resource(String folder, String name) {
    String path = ROOT + folder + "/" + name;
    try (InputStream in = BuiltInExamples.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("built-in scenario " + path + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
