package org.carpsim.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carpsim.carp.config.Secrets;

/** A scenario file made safe to print: every CARP passphrase replaced by {@link Secrets#MASK}. */
public final class ScenarioText {

  /** As {@code Secrets.mask}: shorter passphrases are masked only on the line that gives them. */
  static final int MIN_SEARCHED_LENGTH = 3;

  private ScenarioText() {}

  /**
   * {@code text} with its passphrases masked. A passphrase is whatever {@link Secrets#find} finds
   * after {@code pass}, {@code -p} and the like. On the line that gives it, every word equal to it is
   * masked, however short (a one-letter {@code pass x} too); elsewhere in the file it is masked where
   * it stands as a word of its own (no letter or digit either side) and has three characters or more,
   * the rule of {@link Secrets#mask}, done here in one pass over the text so that a campus file with a
   * thousand passphrases takes milliseconds.
   */
  public static String redact(String text) {
    Set<String> all = Secrets.find(text);
    if (all.isEmpty()) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    List<String> out = new ArrayList<>(lines.length);
    for (String line : lines) {
      Set<String> here = Secrets.find(line);
      out.add(here.isEmpty() ? line : maskWords(line, here, 1));
    }
    return maskWords(String.join("\n", out), all, MIN_SEARCHED_LENGTH);
  }

  /**
   * {@code text} with every occurrence of a secret of at least {@code minLength} characters that has
   * no letter or digit right before or after it replaced by the mask, the longest secret first where
   * several start at the same place.
   */
  static String maskWords(String text, Collection<String> secrets, int minLength) {
    Map<Character, List<String>> byFirst = new HashMap<>();
    for (String s : secrets) {
      if (s.length() >= minLength && !s.isEmpty()) {
        byFirst.computeIfAbsent(s.charAt(0), c -> new ArrayList<>()).add(s);
      }
    }
    byFirst.values().forEach(l -> l.sort((a, b) -> Integer.compare(b.length(), a.length())));
    if (byFirst.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      List<String> candidates = i > 0 && alnum(text.charAt(i - 1)) ? null : byFirst.get(text.charAt(i));
      String hit = null;
      if (candidates != null) {
        for (String s : candidates) {
          int end = i + s.length();
          if (text.startsWith(s, i) && (end == text.length() || !alnum(text.charAt(end)))) {
            hit = s;
            break;
          }
        }
      }
      if (hit != null) {
        b.append(Secrets.MASK);
        i += hit.length();
      } else {
        b.append(text.charAt(i));
        i++;
      }
    }
    return b.toString();
  }

  private static boolean alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
