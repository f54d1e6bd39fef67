package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Range;

/** State of one line's parse: the profile, the warnings so far, and where the passphrases are. */
final class ParseContext {

  static final String MASK = "********";

  final Profile profile;
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private final List<int[]> secrets = new ArrayList<>();

  ParseContext(Profile profile) {
    this.profile = profile;
  }

  void warn(int offset, String message) {
    warnings.add(new ConfigWarning(offset, message));
  }

  /** Marks {@code [start, end)} of the line as a passphrase, to be masked in the redacted text. */
  void secret(int start, int end) {
    secrets.add(new int[] {start, end});
  }

  List<ConfigWarning> warnings() {
    return warnings;
  }

  /** {@code line} with every passphrase span replaced by the mask. */
  String redact(String line) {
    if (secrets.isEmpty()) {
      return line;
    }
    List<int[]> spans = new ArrayList<>(secrets);
    spans.sort(Comparator.comparingInt(a -> a[0]));
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int[] s : spans) {
      if (s[0] < at) {
        continue;
      }
      sb.append(line, at, s[0]).append(MASK);
      at = s[1];
    }
    sb.append(line.substring(Math.min(at, line.length())));
    return sb.toString();
  }

  /**
   * Parses a decimal integer the way strtonum(3) judges it, refusing with
   * {@code <prefix>: <label> <text>: too large (range a..b)} (or too small / invalid).
   */
  static long number(Token tok, String prefix, String label, Range range) {
    String t = tok.text();
    String why = null;
    long v = 0;
    if (!t.matches("[+-]?[0-9]+")) {
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
}
