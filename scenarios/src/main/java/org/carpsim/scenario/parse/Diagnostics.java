package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.Secrets;
import org.carpsim.carp.config.SourcePosition;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Origin;

/**
 * The errors and warnings of one file, collected as parsing goes on. The configuration parser masks
 * the passphrases of the line (or inline file) it reads; what it cannot know is a passphrase given on
 * another line of the scenario and repeated in this one, so every message is masked once more with
 * every passphrase of the whole file.
 */
final class Diagnostics {

  private final String file;
  private final Set<String> secrets;
  private final List<Diagnostic> all = new ArrayList<>();

  /**
   * @param secrets every passphrase written anywhere in the file ({@link Secrets#find})
   */
  Diagnostics(String file, Set<String> secrets) {
    this.file = file;
    this.secrets = Set.copyOf(secrets);
  }

  private void add(Diagnostic d) {
    String masked = cutLongWords(Secrets.mask(d.message(), secrets));
    all.add(masked.equals(d.message()) ? d : new Diagnostic(d.severity(), d.file(), d.line(), d.column(), masked));
  }

  /** Words echoed in a message longer than this are cut: a 5 MB word is not read back to its writer. */
  static final int MAX_ECHOED_WORD = 80;

  /** {@code message} with every run of more than {@link #MAX_ECHOED_WORD} non-blank characters cut, its length said. */
  static String cutLongWords(String message) {
    if (message.length() <= MAX_ECHOED_WORD) {
      return message;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < message.length()) {
      int end = i;
      while (end < message.length() && !Character.isWhitespace(message.charAt(end))) {
        end++;
      }
      if (end - i > MAX_ECHOED_WORD) {
        int word = end;
        while (word > i && ":,;.'\")".indexOf(message.charAt(word - 1)) >= 0) {
          word--; // the sentence's punctuation is not the word's
        }
        out.append(message, i, i + 60).append("… (").append(String.format(java.util.Locale.ROOT, "%,d", word - i))
            .append(" characters)").append(message, word, end);
      } else {
        out.append(message, i, end);
      }
      i = end;
      while (i < message.length() && Character.isWhitespace(message.charAt(i))) {
        out.append(message.charAt(i++));
      }
    }
    return out.toString();
  }

  void error(LogicalLine line, int offset, String message) {
    SourcePosition p = line.position(offset);
    add(Diagnostic.error(file, p.line(), p.column(), message));
  }

  void warn(LogicalLine line, int offset, String message) {
    SourcePosition p = line.position(offset);
    add(Diagnostic.warning(file, p.line(), p.column(), message));
  }

  void error(Line line, LineError e) {
    error(line.logical(), e.offset(), e.getMessage());
  }

  void error(Line line, int offset, String message) {
    error(line.logical(), offset, message);
  }

  void warn(Line line, int offset, String message) {
    warn(line.logical(), offset, message);
  }

  void error(Origin at, String message) {
    add(Diagnostic.error(file, at.line(), at.column(), message));
  }

  void warn(Origin at, String message) {
    add(Diagnostic.warning(file, at.line(), at.column(), message));
  }

  void error(int line, int column, String message) {
    add(Diagnostic.error(file, line, column, message));
  }

  boolean hasErrors() {
    return all.stream().anyMatch(Diagnostic::isError);
  }

  /** Errors in file order (stable for equal positions). */
  List<Diagnostic> errors() {
    return sorted(true);
  }

  /** Warnings in file order (stable for equal positions). */
  List<Diagnostic> warnings() {
    return sorted(false);
  }

  private List<Diagnostic> sorted(boolean errors) {
    return all.stream().filter(d -> d.isError() == errors)
        .sorted(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column))
        .toList();
  }
}
