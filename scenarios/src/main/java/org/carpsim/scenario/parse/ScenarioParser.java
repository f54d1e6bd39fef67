package org.carpsim.scenario.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;

/**
 * Reads scenario files ({@code *.carp}, see docs/scenario-language.md) into validated
 * {@link Scenario}s. Every mistake of a file is reported at once as {@code file:line:col: message};
 * a file with any error is refused as a whole ({@link ScenarioException}). Thread-safe (no state).
 *
 * <pre>{@code
 * Scenario s = ScenarioParser.parse("two-firewalls.carp", text);
 * s.hosts().get(0).profile();          // resolved
 * s.timeline();                         // sorted by time
 * }</pre>
 */
public final class ScenarioParser {

  private ScenarioParser() {}

  /**
   * Parses and validates the text of a scenario file.
   *
   * @param file the name used in diagnostics and {@link Scenario#file()}
   * @throws ScenarioException listing every error (and the warnings)
   */
  public static Scenario parse(String file, String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return new FileParser(file, t).parse();
  }

  /**
   * Reads and parses a file, named in diagnostics as {@code path.toString()}. The file must be UTF-8.
   *
   * @throws IOException if it cannot be read
   * @throws ScenarioException if it is not UTF-8 text or not a valid scenario
   */
  public static Scenario read(Path path) throws IOException {
    String name = path.toString();
    long size = Files.size(path);
    if (size > MAX_FILE_BYTES) {
      throw new ScenarioException(List.of(Diagnostic.error(name, 1, 1, String.format(java.util.Locale.ROOT,
          "file too large: %,d bytes (at most %,d); it is not read", size, MAX_FILE_BYTES))), List.of());
    }
    return parse(name, decode(name, Files.readAllBytes(path)));
  }

  /** The largest scenario file read: a 3,000-host campus is 2 MB, a 100,000-host one about 60 MB. */
  static final long MAX_FILE_BYTES = 128L * 1024 * 1024;

  /** UTF-8 text, or a {@link ScenarioException} placed at the first byte that is not. */
  static String decode(String name, byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
      throw new ScenarioException(List.of(Diagnostic.error(name, line, column, String.format(
          "not UTF-8 text (byte 0x%02x); save the file as UTF-8", bytes[bad] & 0xff))), List.of());
    }
    d.flush(out);
    out.flip();
    return out.toString();
  }
}
