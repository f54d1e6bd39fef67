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

  /** The part {@code [begin, end)}, keeping the positions. */
  public LogicalLine slice(int begin, int end) {
    if (begin < 0 || end > text.length() || begin > end) {
      throw new IndexOutOfBoundsException("slice " + begin + ".." + end + " of " + text.length());
    }
    int[] l = java.util.Arrays.copyOfRange(lines, begin, end + 1);
    int[] c = java.util.Arrays.copyOfRange(columns, begin, end + 1);
    return new LogicalLine(text.substring(begin, end), l, c);
  }

  /**
   * This line followed by {@code separator} and {@code next}, as if they had been typed as one; the
   * separator takes the position where this line ends, every other character keeps its own.
   */
  public LogicalLine append(String separator, LogicalLine next) {
    int n = text.length();
    int total = n + separator.length() + next.text.length();
    int[] l = new int[total + 1];
    int[] c = new int[total + 1];
    System.arraycopy(lines, 0, l, 0, n);
    System.arraycopy(columns, 0, c, 0, n);
    for (int k = 0; k < separator.length(); k++) {
      l[n + k] = lines[n];
      c[n + k] = columns[n];
    }
    System.arraycopy(next.lines, 0, l, n + separator.length(), next.lines.length);
    System.arraycopy(next.columns, 0, c, n + separator.length(), next.columns.length);
    return new LogicalLine(text + separator + next.text, l, c);
  }

  /** This line without the character at {@code offset}; the others keep their positions. */
  LogicalLine without(int offset) {
    return slice(0, offset).append("", slice(offset + 1, text.length()));
  }

  @Override
  public String toString() {
    return firstLine() + ": " + text;
  }
}
