package org.carpsim.cli;

import java.time.Duration;

/** Parsing of {@code carpsim node}'s option values. */
final class NodeDurations {

  private NodeDurations() {}

  /**
   * {@code 90} or {@code 90s} (seconds), {@code 500ms}, {@code 2m}, {@code 1h}; positive.
   *
   * @throws IllegalArgumentException naming the option and the accepted forms
   */
  static Duration parse(String text) {
    String t = text.trim();
    String number = t;
    long unitNanos = 1_000_000_000L;
    if (t.endsWith("ms")) {
      number = t.substring(0, t.length() - 2);
      unitNanos = 1_000_000L;
    } else if (t.endsWith("s")) {
      number = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      number = t.substring(0, t.length() - 1);
      unitNanos = 60_000_000_000L;
    } else if (t.endsWith("h")) {
      number = t.substring(0, t.length() - 1);
      unitNanos = 3_600_000_000_000L;
    }
    long n;
    try {
      n = Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--duration '" + text + "' is not a duration (e.g. 90, 90s, 500ms, 2m, 1h)");
    }
    if (n <= 0 || n > Long.MAX_VALUE / unitNanos) {
      throw new IllegalArgumentException("--duration '" + text + "' must be positive (e.g. 90s)");
    }
    return Duration.ofNanos(n * unitNanos);
  }

  /**
   * A VIP prefix length, 1..32.
   *
   * @throws IllegalArgumentException naming the range
   */
  static int prefixLength(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 32) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException("--vip prefix length '/" + text + "' is out of range /1../32");
  }
}
