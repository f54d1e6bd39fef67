package org.carpsim.carp.config;

/**
 * One logical line: physical lines joined where they end in {@code \}, with a map from every offset
 * of the joined text back to its physical (line, column), so that errors can name {@code file:line:col}.
 */
public final class LogicalLine {

  private final String text;
  /**
   * The position of every offset, or null when the line is one unbroken piece of a physical line
   * (nearly every line): then offset {@code i} is at ({@code line}, {@code column + i}), and no two
   * arrays of the text's length are kept for it.
   */
  private final int[] lines;
  private final int[] columns;
  private final int line;
  private final int column;

  LogicalLine(String text, int[] lines, int[] columns) {
    if (lines.length != text.length() + 1 || columns.length != text.length() + 1) {
      throw new IllegalArgumentException("position map must cover the text and its end");
    }
    this.text = text;
    this.lines = lines;
    this.columns = columns;
    this.line = lines[0];
    this.column = columns[0];
  }

  /** A piece of physical line {@code line} whose first character is at {@code column}. */
  private LogicalLine(String text, int line, int column) {
    this.text = text;
    this.lines = null;
    this.columns = null;
    this.line = line;
    this.column = column;
  }

  /** A single physical line, numbered {@code lineNumber}. */
  public static LogicalLine of(String text, int lineNumber) {
    return new LogicalLine(text, lineNumber, 1);
  }

  /** The joined text (backslash-newlines removed, as the shell removes them). */
  public String text() {
    return text;
  }

  /** The physical line the logical line starts on (1-based). */
  public int firstLine() {
    return line;
  }

  /** The physical position of an offset in {@link #text()} (clamped to the text). */
  public SourcePosition position(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    return lines == null ? new SourcePosition(line, column + o) : new SourcePosition(lines[o], columns[o]);
  }

  private int lineAt(int offset) {
    return lines == null ? line : lines[offset];
  }

  private int columnAt(int offset) {
    return columns == null ? column + offset : columns[offset];
  }

  /** The part from {@code begin} on, keeping the positions (e.g. after a prompt is stripped). */
  public LogicalLine from(int begin) {
    if (lines == null) {
      return new LogicalLine(text.substring(begin), line, column + begin);
    }
    int[] l = java.util.Arrays.copyOfRange(lines, begin, lines.length);
    int[] c = java.util.Arrays.copyOfRange(columns, begin, columns.length);
    return new LogicalLine(text.substring(begin), l, c);
  }

  /** The part {@code [begin, end)}, keeping the positions. */
  public LogicalLine slice(int begin, int end) {
    if (begin < 0 || end > text.length() || begin > end) {
      throw new IndexOutOfBoundsException("slice " + begin + ".." + end + " of " + text.length());
    }
    if (lines == null) {
      return new LogicalLine(text.substring(begin, end), line, column + begin);
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
    for (int k = 0; k < n; k++) {
      l[k] = lineAt(k);
      c[k] = columnAt(k);
    }
    for (int k = 0; k < separator.length(); k++) {
      l[n + k] = lineAt(n);
      c[n + k] = columnAt(n);
    }
    int at = n + separator.length();
    for (int k = 0; k <= next.text.length(); k++) {
      l[at + k] = next.lineAt(k);
      c[at + k] = next.columnAt(k);
    }
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
