package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Range;

/** State of one line's parse: the profile, the warnings so far, and where the passphrases are. */
final class ParseContext {

  static final String MASK = Secrets.MASK;

  final Profile profile;
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private final List<int[]> secrets = new ArrayList<>();
  private final Set<String> secretValues = new LinkedHashSet<>();

  ParseContext(Profile profile) {
    this.profile = profile;
  }

  void warn(int offset, String message) {
    warnings.add(new ConfigWarning(offset, message));
  }

  /**
   * Marks {@code [start, end)} of the line as a passphrase whose value is {@code value}, to be masked
   * in the redacted text, in warnings and in error messages.
   */
  void secret(int start, int end, String value) {
    secrets.add(new int[] {start, end});
    if (!value.isEmpty()) {
      secretValues.add(value);
    }
  }

  /** The warnings so far, their messages without any passphrase of {@code line}. */
  List<ConfigWarning> warnings(String line) {
    if (warnings.isEmpty()) {
      return warnings;
    }
    Set<String> all = secretsOf(line);
    return warnings.stream().map(w -> new ConfigWarning(w.offset(), Secrets.mask(w.message(), all))).toList();
  }

  /** {@code message} without any passphrase of {@code line}: those parsed as such, and any word after pass. */
  String scrub(String message, String line) {
    return Secrets.mask(message, secretsOf(line));
  }

  /** An error of {@code line} with its message scrubbed. */
  ConfigException scrub(ConfigException e, String line) {
    String clean = scrub(e.detail(), line);
    return clean.equals(e.detail()) ? e : e.withDetail(clean);
  }

  private Set<String> secretsOf(String line) {
    Set<String> all = new LinkedHashSet<>(secretValues);
    all.addAll(Secrets.find(line));
    return all;
  }

  /**
   * {@code line} with every passphrase replaced by the mask: those the parsers read as passphrases,
   * and, in what they do not read as options (comments, unmodelled rc.conf variables, damaged words),
   * every word after pass; then any other occurrence of one of them as a word of its own.
   */
  String redact(String line) {
    List<int[]> spans = new ArrayList<>(secrets);
    spans.addAll(Secrets.spans(line));
    if (spans.isEmpty()) {
      return line;
    }
    spans.sort(Comparator.comparingInt(a -> a[0]));
    StringBuilder sb = new StringBuilder();
    int at = 0;
    int i = 0;
    while (i < spans.size()) {
      int start = Math.max(spans.get(i)[0], at);
      int end = spans.get(i)[1];
      // overlapping spans (a parsed passphrase also found after "pass") are masked once, as their union
      while (i + 1 < spans.size() && spans.get(i + 1)[0] < end) {
        end = Math.max(end, spans.get(++i)[1]);
      }
      i++;
      if (end <= at) {
        continue;
      }
      sb.append(line, at, start).append(MASK);
      at = Math.min(end, line.length());
    }
    sb.append(line.substring(at));
    return Secrets.mask(sb.toString(), secretsOf(line));
  }

  /**
   * Parses a decimal integer the way strtonum(3) judges it, refusing with
   * {@code <prefix>: <label> <text>: too large (range a..b)} (or too small / invalid).
   */
  static long number(Token tok, String prefix, String label, Range range) {
    String t = tok.text();
    String why = null;
    long v = 0;
    if (!isSignedDecimal(t)) {
      why = "invalid";
    } else {
      try {
        v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        if (v < range.min()) {
          why = "too small";
        } else if (v > range.max()) {
          why = "too large";
        }
      } catch (NumberFormatException e) {
        why = t.startsWith("-") ? "too small" : "too large";
      }
    }
    if (why != null) {
      throw new ConfigException(tok.start(), prefix + ": " + label + " " + t + ": " + why + " (range " + range + ")");
    }
    return v;
  }

  /** Whether {@code t} is {@code [+-]?[0-9]+} (ASCII digits), without a regex compiled per number. */
  static boolean isSignedDecimal(String t) {
    int i = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
    if (i == t.length()) {
      return false;
    }
    for (; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
