package org.carpsim.carp.config;

/**
 * One logical line: physical lines joined where they end in {@code \}, with a map from every offset
 * of the joined text back to its physical (line, column), so that errors can name {@code file:line:col}.
 */
public final class LogicalLine {

  private final String text;
  private final int[] lines;
  private final int[] columns;

  LogicalLine(String text, int[] lines, int[] columns) {
    if (lines.length != text.length() + 1 || columns.length != text.length() + 1) {
      throw new IllegalArgumentException("position map must cover the text and its end");
    }
    this.text = text;
    this.lines = lines;
    this.columns = columns;
  }

  /** A single physical line, numbered {@code lineNumber}. */
  public static LogicalLine of(String text, int lineNumber) {
    int[] l = new int[text.length() + 1];
    int[] c = new int[text.length() + 1];
    for (int i = 0; i <= text.length(); i++) {
      l[i] = lineNumber;
      c[i] = i + 1;
    }
    return new LogicalLine(text, l, c);
  }

  /** The joined text (backslash-newlines removed, as the shell removes them). */
  public String text() {
    return text;
  }

  /** The physical line the logical line starts on (1-based). */
  public int firstLine() {
    return lines[0];
  }

  /** The physical position of an offset in {@link #text()} (clamped to the text). */
  public SourcePosition position(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    return new SourcePosition(lines[o], columns[o]);
  }

  /** The part from {@code begin} on, keeping the positions (e.g. after a prompt is stripped). */
  public LogicalLine from(int begin) {
    int[] l = java.util.Arrays.copyOfRange(lines, begin, lines.length);
    int[] c = java.util.Arrays.copyOfRange(columns, begin, columns.length);
    return new LogicalLine(text.substring(begin), l, c);
  }

  @Override
  public String toString() {
    return firstLine() + ": " + text;
  }
}
