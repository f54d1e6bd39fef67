package org.carpsim.carp.profile;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid word nearest to a mistyped one (Damerau–Levenshtein distance, case-insensitive),
 * for error messages such as "did you mean advskew?". Only close matches are offered: at most two
 * edits and fewer than half the word's length, or a keyword that the word starts with (or that
 * starts with the word), such as {@code pass} for {@code password}.
 */
public final class NearestWord {

  private NearestWord() {}

  /** The candidate nearest to {@code word}, if one is close enough to be a plausible typo. */
  public static Optional<String> among(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.min(2, Math.max(1, (w.length() - 1) / 2));
    if (best != null && bestDistance <= allowed) {
      return Optional.of(best);
    }
    // "password" for "pass": a longer spelling of a keyword people half-remember.
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      if (lc.length() >= 3 && w.length() >= 3 && (w.startsWith(lc) || lc.startsWith(w))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
