package org.carpsim.scenario.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test scenario files: resources, and the design document's example when it is at hand. */
final class Resources {

  static final String EXAMPLE = "scenarios/language-example.carp";

  private Resources() {}

  static String text(String resource) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code shared/design/scenario-language.md}, looked for above the working directory. */
  static Optional<Path> designDocument() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/design/scenario-language.md");
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first fenced block after the "## Constructs" heading. */
  static String constructsExample(String markdown) {
    int at = markdown.indexOf("## Constructs");
    if (at < 0) {
      throw new IllegalStateException("no '## Constructs' section");
    }
    Matcher m = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    if (!m.find(at)) {
      throw new IllegalStateException("no fenced example after '## Constructs'");
    }
    return m.group(1);
  }
}
