package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.config.ConfigWarning;
import org.carpsim.carp.config.ParsedLine;

/**
 * Defence in depth for messages about configuration lines: any word that follows {@code pass},
 * {@code -p} or {@code --pass} in the line is masked in the message, should the configuration parser
 * quote it (as it may when a damaged line makes the passphrase part of an unknown word).
 */
final class SecretMask {

  private static final Pattern AFTER_PASS =
      Pattern.compile("(?:^|[\\s\"'])(?:pass|-p|--pass)(?:=|\\s+)(\"[^\"]*\"?|'[^']*'?|[^\\s\"']+)");
  private static final String MASK = "********";

  private SecretMask() {}

  /**
   * A parsed line whose shown text and warnings mask every word that follows {@code pass}: the
   * configuration parser masks the passphrases it reads, but not those in text it does not read as
   * ifconfig options (a comment, an rc.conf variable it does not model).
   */
  static ParsedLine apply(ParsedLine p, String line) {
    String text = apply(p.redactedText(), p.redactedText());
    List<ConfigWarning> warnings = p.warnings().stream()
        .map(w -> new ConfigWarning(w.offset(), apply(w.message(), line))).toList();
    return new ParsedLine(text, p.steps(), warnings);
  }

  /** {@code message} with every passphrase of {@code line} masked. */
  static String apply(String message, String line) {
    String out = message;
    for (String secret : secrets(line)) {
      out = out.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])",
          Matcher.quoteReplacement(MASK));
    }
    return out;
  }

  private static List<String> secrets(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = AFTER_PASS.matcher(line);
    while (m.find()) {
      String s = m.group(1).replaceAll("^[\"']|[\"']$", "");
      if (!s.isEmpty() && !s.equals(MASK)) {
        out.add(s);
      }
    }
    return out;
  }
}
