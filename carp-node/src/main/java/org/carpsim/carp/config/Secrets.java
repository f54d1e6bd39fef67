package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds passphrases in text that the parsers do not read as options: a comment ({@code # was: pass
 * hunter2}), an rc.conf variable that is not modelled ({@code carp_opts="vhid 9 pass hunter2"}), a whole
 * command quoted into one word, a damaged line. Any word after {@code pass}, {@code password},
 * {@code -p}, {@code --pass} or {@code --password} (blanks or {@code =} between) counts, quoted or not,
 * wherever it stands. It errs on the side of masking: in a comment, "pass the test" masks "the".
 */
public final class Secrets {

  /** What replaces a passphrase everywhere. */
  public static final String MASK = "********";

  private static final Pattern AFTER_PASS = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(?:pass|password|-p|--pass|--password)(?:[ \\t]*=[ \\t]*|[ \\t]+)"
          + "(\"[^\"]*\"?|'[^']*'?|[^\\s\"';&|]+)");

  private Secrets() {}

  /** Spans {@code [start, end)} of the passphrases of {@code text}, quotes included, in text order. */
  static List<int[]> spans(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = AFTER_PASS.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals(MASK)) {
        out.add(new int[] {m.start(1), m.end(1)});
      }
    }
    return out;
  }

  /** The passphrases of {@code text} (quotes removed, masks and empty words skipped), in text order. */
  public static Set<String> find(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (int[] s : spans(text)) {
      String v = unquote(text.substring(s[0], s[1]));
      if (!v.isEmpty() && !v.equals(MASK)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Passphrases shorter than this are masked where they stand after {@code pass} (spans), but not
   * searched for elsewhere in a message: a one-letter passphrase would mask every "s" of "host's".
   */
  static final int MIN_SEARCHED_LENGTH = 3;

  /**
   * {@code message} with every occurrence of a secret that stands as a word of its own (no letter or
   * digit right before or after) replaced by {@link #MASK}; longer secrets first, so that one secret
   * inside another cannot leave the rest of the longer one behind. Secrets shorter than three
   * characters are not searched for.
   */
  public static String mask(String message, Collection<String> secrets) {
    if (secrets.isEmpty()) {
      return message;
    }
    List<String> bySize = new ArrayList<>(secrets);
    bySize.sort((a, b) -> Integer.compare(b.length(), a.length()));
    String out = message;
    for (String s : bySize) {
      if (s.length() >= MIN_SEARCHED_LENGTH) {
        out = out.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(s) + "(?![A-Za-z0-9])", Matcher.quoteReplacement(MASK));
      }
    }
    return out;
  }

  /** {@code message} with the passphrases of {@code source} masked. */
  public static String mask(String message, String source) {
    return mask(message, find(source));
  }

  static String unquote(String word) {
    String w = word;
    if (!w.isEmpty() && (w.charAt(0) == '"' || w.charAt(0) == '\'')) {
      char q = w.charAt(0);
      w = w.substring(1);
      if (!w.isEmpty() && w.charAt(w.length() - 1) == q) {
        w = w.substring(0, w.length() - 1);
      }
    }
    return w;
  }
}
