package org.carpsim.scenario.parse;

import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.SourcePosition;
import org.carpsim.scenario.model.Origin;

/**
 * One logical scenario line read word by word, on demand: blanks separate words, {@code "…"} quotes
 * a word ({@code \"} and {@code \\} inside), {@code #} at the start of a word begins a comment, and
 * {@code |} is a word of its own. Reading on demand lets a line hand its rest, untouched, to the
 * configuration parser ({@code at 10s fw1: ifconfig …}).
 */
final class Line {

  private final String file;
  private final LogicalLine logical;
  private final String text;
  private int cursor;
  private Word first;
  private Word last;

  Line(String file, LogicalLine logical) {
    this.file = file;
    this.logical = logical;
    this.text = logical.text();
  }

  String file() {
    return file;
  }

  LogicalLine logical() {
    return logical;
  }

  String text() {
    return text;
  }

  /** The physical position of an offset of the logical line. */
  SourcePosition position(int offset) {
    return logical.position(offset);
  }

  /** The first word read from the line (the statement's keyword); null before one is read. */
  Word firstWord() {
    return first;
  }

  /** The next word without consuming it, or null at the end of the line. */
  Word peek() {
    int save = cursor;
    Word w = scan();
    cursor = save;
    return w;
  }

  /** True when no word is left. */
  boolean atEnd() {
    return peek() == null;
  }

  /** The next word, or null at the end. */
  Word nextOrNull() {
    Word w = scan();
    if (w != null) {
      if (first == null) {
        first = w;
      }
      last = w;
    }
    return w;
  }

  /**
   * The next word.
   *
   * @param what what is expected, for the error: {@code "a duration"}
   * @throws LineError at the end of the line: {@code missing a duration after 'run'}
   */
  Word next(String what) {
    Word w = nextOrNull();
    if (w == null) {
      String after = last == null ? "" : " after '" + last.text() + "'";
      throw new LineError(endOffset(), "missing " + what + after);
    }
    return w;
  }

  /**
   * Refuses anything left on the line.
   *
   * @param expected what could have followed, or null
   */
  void end(String expected) {
    Word w = peek();
    if (w != null) {
      throw new LineError(w.start(), "unexpected '" + w.text() + "'"
          + (expected == null ? "" : " (expected " + expected + ")"));
    }
  }

  /** The offset just after the last word read (or where the text ends, trailing blanks excluded). */
  int endOffset() {
    if (last != null) {
      return last.end();
    }
    int e = text.length();
    while (e > 0 && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** Offset where the unread rest of the line starts (after the last word read). */
  int restOffset() {
    return last == null ? 0 : last.end();
  }

  /** Where the statement was written and its text, from its first word to the last word read. */
  Origin origin() {
    Word f = firstWord();
    int start = f == null ? 0 : f.start();
    int end = Math.max(start, endOffset());
    return originOf(start, text.substring(start, end));
  }

  /** An origin at {@code offset} with the given text. */
  Origin originOf(int offset, String shownText) {
    SourcePosition p = position(offset);
    return new Origin(file, p.line(), p.column(), shownText);
  }

  private Word scan() {
    int n = text.length();
    int i = cursor;
    while (i < n && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i >= n || text.charAt(i) == '#') {
      cursor = n;
      return null;
    }
    char c = text.charAt(i);
    if (c == '|') {
      cursor = i + 1;
      return new Word("|", i, i + 1, false);
    }
    if (c == '"') {
      StringBuilder w = new StringBuilder();
      int j = i + 1;
      while (j < n && text.charAt(j) != '"') {
        char d = text.charAt(j);
        if (d == '\\' && j + 1 < n && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
          w.append(text.charAt(j + 1));
          j += 2;
        } else {
          w.append(d);
          j++;
        }
      }
      if (j >= n) {
        throw new LineError(i, "unterminated quote: a closing \" is missing");
      }
      cursor = j + 1;
      return new Word(w.toString(), i, j + 1, true);
    }
    int j = i;
    while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '|') {
      j++;
    }
    cursor = j;
    return new Word(text.substring(i, j), i, j, false);
  }
}
