package org.carpsim.scenario.parse;

/**
 * Display form of a configuration line for {@link org.carpsim.scenario.model.Origin#text()}: the
 * (already redacted) line without its trailing shell comment, a {@code #} that starts a word outside
 * quotes, as sh(1) reads it. Only for showing the line; the configuration parser reads the line itself.
 */
final class ShellText {

  private ShellText() {}

  static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i).strip();
      }
    }
    return line.strip();
  }
}
