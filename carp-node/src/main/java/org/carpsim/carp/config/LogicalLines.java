package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins {@code \}-continued physical lines into logical lines, as a shell reads them: a backslash at
 * the end of a line (trailing blanks after it are forgiven, pasted text often has them) is removed
 * together with the line break, and the next line follows directly.
 */
public final class LogicalLines {

  private LogicalLines() {}

  /** Splits {@code text} into physical lines (LF or CRLF) numbered from 1 and joins continuations. */
  public static List<LogicalLine> join(String text) {
    return join(List.of(text.split("\r?\n", -1)), 1);
  }

  /**
   * Joins continuations in {@code physical}, whose first element is physical line
   * {@code firstLineNumber}. A continuation on the last line simply ends the logical line.
   */
  public static List<LogicalLine> join(List<String> physical, int firstLineNumber) {
    List<LogicalLine> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    IntList lines = new IntList();
    IntList columns = new IntList();
    for (int i = 0; i < physical.size(); i++) {
      String p = physical.get(i);
      int lineNo = firstLineNumber + i;
      int contentEnd = continuationAt(p);
      int end = contentEnd >= 0 ? contentEnd : p.length();
      for (int c = 0; c < end; c++) {
        text.append(p.charAt(c));
        lines.add(lineNo);
        columns.add(c + 1);
      }
      boolean continues = contentEnd >= 0 && i + 1 < physical.size();
      if (!continues && lines.size() == end) {
        // one physical line on its own (nearly every line): its positions need no map
        out.add(LogicalLine.of(text.toString(), lineNo));
        text.setLength(0);
        lines.clear();
        columns.clear();
      } else if (!continues) {
        lines.add(lineNo);
        columns.add(end + 1);
        out.add(new LogicalLine(text.toString(), lines.toArray(), columns.toArray()));
        text.setLength(0);
        lines.clear();
        columns.clear();
      }
    }
    return out;
  }

  /** Offset of the continuation backslash, or -1 when the line does not continue. */
  private static int continuationAt(String line) {
    int e = line.length();
    while (e > 0 && (line.charAt(e - 1) == ' ' || line.charAt(e - 1) == '\t')) {
      e--;
    }
    if (e == 0 || line.charAt(e - 1) != '\\') {
      return -1;
    }
    // An even run of backslashes is escaped backslashes, not a continuation.
    int run = 0;
    for (int k = e - 1; k >= 0 && line.charAt(k) == '\\'; k--) {
      run++;
    }
    return run % 2 == 1 ? e - 1 : -1;
  }

  private static final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    void clear() {
      n = 0;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
