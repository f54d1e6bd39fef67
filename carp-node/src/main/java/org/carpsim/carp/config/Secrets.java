package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds passphrases in text that the parsers do not read as options: a comment ({@code # was: pass
 * hunter2}), an rc.conf variable that is not modelled ({@code carp_opts="vhid 9 pass hunter2"}), a whole
 * command quoted into one word, a damaged line. Any word after {@code pass}, {@code password},
 * {@code -p}, {@code --pass} or {@code --password} (blanks or {@code =} between) counts, quoted or not,
 * wherever it stands, except in a comment: there a common English word ("mismatched pass on
 * purpose", "pass the test") is prose, masked only when it is a passphrase the text gives outside its
 * comments; any other word ("# was: pass oldsecret") is masked as a passphrase.
 */
public final class Secrets {

  /** What replaces a passphrase everywhere. */
  public static final String MASK = "********";

  private static final Pattern AFTER_PASS = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(?:auth_pass|pass|password|-p|--pass|--password)(?:[ \\t]*=[ \\t]*|[ \\t]+)"
          + "(\"[^\"]*\"?|'[^']*'?|[^\\s\"';&|]+)");

  private Secrets() {}

  /** Words that follow "pass" in a sentence: in a comment, these are prose, not passphrases. */
  private static final Set<String> PROSE = Set.of("a", "an", "the", "on", "in", "into", "to", "it", "its", "of", "for",
      "by", "at", "as", "is", "and", "or", "but", "through", "over", "this", "that", "these", "those", "them", "their",
      "back", "along", "up", "down", "out", "off", "all", "both", "each", "every", "no", "not", "with", "without",
      "here", "there", "then", "when", "if", "so", "via", "from", "between", "across", "around", "again", "too");

  /** Spans {@code [start, end)} of the passphrases of {@code text}, quotes included, in text order. */
  static List<int[]> spans(String text) {
    List<int[]> all = afterPass(text);
    Set<String> given = new HashSet<>();
    boolean anyInComment = false;
    for (int[] s : all) {
      if (inComment(text, s[0])) {
        anyInComment = true;
      } else {
        given.add(unquote(text.substring(s[0], s[1])));
      }
    }
    if (!anyInComment) {
      return all;
    }
    List<int[]> out = new ArrayList<>(all.size());
    for (int[] s : all) {
      if (!inComment(text, s[0])) {
        out.add(s);
        continue;
      }
      int end = s[1];
      while (end > s[0] + 1 && ",.:;!?)".indexOf(text.charAt(end - 1)) >= 0) {
        end--; // prose punctuation ends the word
      }
      String word = unquote(text.substring(s[0], end));
      if (given.contains(word) || !PROSE.contains(word)) {
        out.add(new int[] {s[0], end});
      }
    }
    return out;
  }

  /**
   * Whether {@code at} stands in a comment: after a {@code #} (outside quotes) on its line, or on a
   * line that starts with keepalived's {@code !}.
   */
  static boolean inComment(String text, int at) {
    int start = text.lastIndexOf('\n', at - 1) + 1;
    char quote = 0;
    boolean lead = true;
    for (int i = start; i < at; i++) {
      char c = text.charAt(i);
      if (lead && c == '!') {
        return true;
      }
      lead &= c == ' ' || c == '\t';
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        return true;
      }
    }
    return false;
  }

  /** Every word after a {@code pass}-like keyword, comments included. */
  private static List<int[]> afterPass(String text) {
    List<int[]> out = new ArrayList<>();
    // Matcher.find() would try the pattern at every offset (its look-behind first): a third of the
    // time of parsing a large scenario. A match can only start where "pass" or "-p" or "--p" stands,
    // so the pattern is tried at those offsets only, in order, with the text before them visible to
    // the look-behind: the same matches as find().
    Matcher m = null;
    int from = 0;
    // the next "pass" and "-p" at or after from (-1: none left), each searched for again only once
    // passed, so that a long text is read once
    int pass = text.indexOf("pass");
    int dashP = text.indexOf("-p");
    while (true) {
      if (pass >= 0 && pass < from) {
        pass = text.indexOf("pass", from);
      }
      if (dashP >= 0 && dashP < from) {
        dashP = text.indexOf("-p", from);
      }
      int dash = dashP > from && text.charAt(dashP - 1) == '-' ? dashP - 1 : dashP; // "--pass" starts a dash earlier
      // keepalived's "auth_pass" starts five characters before its "pass"
      int word = pass >= from + 5 && text.startsWith("auth_", pass - 5) ? pass - 5 : pass;
      int at = word < 0 ? dash : dash < 0 ? word : Math.min(word, dash);
      if (at < 0) {
        return out;
      }
      if (m == null) {
        m = AFTER_PASS.matcher(text).useTransparentBounds(true);
      }
      m.region(at, text.length());
      if (m.lookingAt()) {
        if (!m.group(1).equals(MASK)) {
          out.add(new int[] {m.start(1), m.end(1)});
        }
        from = m.end();
      } else {
        from = at + 1;
      }
    }
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
        out = maskWord(out, s);
      }
    }
    return out;
  }

  /**
   * {@code text} with every occurrence of {@code word} that has no ASCII letter or digit right before
   * or after it replaced by the mask, left to right without overlaps: what {@code replaceAll} of
   * {@code (?<![A-Za-z0-9])word(?![A-Za-z0-9])} gives, without compiling a pattern per call.
   */
  static String maskWord(String text, String word) {
    return replaceWord(text, word, MASK);
  }

  /** {@code text} with {@code word} replaced by {@code to} where no ASCII letter or digit stands right before or after it. */
  private static String replaceWord(String text, String word, String to) {
    int at = text.indexOf(word);
    if (at < 0) {
      return text;
    }
    StringBuilder sb = null;
    int copied = 0;
    while (at >= 0) {
      int end = at + word.length();
      if ((at == 0 || !isAsciiAlnum(text.charAt(at - 1))) && (end == text.length() || !isAsciiAlnum(text.charAt(end)))) {
        if (sb == null) {
          sb = new StringBuilder(text.length());
        }
        sb.append(text, copied, at).append(to);
        copied = end;
        at = text.indexOf(word, end);
      } else {
        at = text.indexOf(word, at + 1);
      }
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, copied, text.length()).toString();
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * {@code text} with each passphrase {@code with} maps replaced by its value: where it stands after
   * {@code pass} (quotes kept), and elsewhere as a word of its own when it has three characters or
   * more (the rule of {@link #mask}). What a reproducer written for others carries instead of the
   * user's passphrases: a one-to-one map keeps which hosts share one.
   */
  public static String replace(String text, Map<String, String> with) {
    StringBuilder sb = new StringBuilder(text.length());
    int copied = 0;
    for (int[] s : spans(text)) {
      String raw = text.substring(s[0], s[1]);
      String word = unquote(raw);
      String to = with.get(word);
      if (to == null) {
        continue;
      }
      int open = raw.indexOf(word);
      sb.append(text, copied, s[0] + open).append(to);
      copied = s[0] + open + word.length();
    }
    String out = sb.append(text, copied, text.length()).toString();
    for (Map.Entry<String, String> e : with.entrySet()) {
      if (e.getKey().length() >= MIN_SEARCHED_LENGTH) {
        out = replaceWord(out, e.getKey(), e.getValue());
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
