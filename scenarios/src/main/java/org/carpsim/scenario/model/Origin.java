package org.carpsim.scenario.model;

/**
 * Where an element of a scenario was written, and how: reports quote expectations verbatim
 * ({@code "line": 31, "text": "expect at 5s fw1.carp0 MASTER"}).
 *
 * @param file the file name as it was given to the parser
 * @param line 1-based physical line where the element starts
 * @param column 1-based column of its first character
 * @param text the element as written, without a trailing comment, continuation lines joined; CARP
 *     passphrases are replaced by {@code ********}
 */
public record Origin(String file, int line, int column, String text) {

  /** {@code file:line:column}. */
  public String where() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return where() + ": " + text;
  }
}
