package org.carpsim.carp.config;

/**
 * A shell word or operator of a logical line.
 *
 * @param text the word after quote removal
 * @param start offset of its first character (an opening quote included)
 * @param end offset just after its last character
 * @param kind word or operator
 */
record Token(String text, int start, int end, Kind kind) {

  enum Kind {
    WORD,
    /** {@code &&}. */
    AND,
    /** {@code ;}. */
    SEMICOLON,
    /** A trailing {@code &}: run in the background (ucarp is often started so). */
    BACKGROUND
  }

  static Token word(String text, int start, int end) {
    return new Token(text, start, end, Kind.WORD);
  }

  boolean is(String word) {
    return kind == Kind.WORD && text.equals(word);
  }
}
