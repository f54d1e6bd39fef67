package org.carpsim.scenario.parse;

/**
 * A word of a scenario line.
 *
 * @param text the word, quotes removed
 * @param start offset of its first character in the logical line (an opening quote included)
 * @param end offset just after its last character
 * @param quoted true for a {@code "double-quoted"} word
 */
record Word(String text, int start, int end, boolean quoted) {

  /** True for the unquoted word {@code w}. */
  boolean is(String w) {
    return !quoted && text.equals(w);
  }
}
