package org.carpsim.reports;

import java.util.Locale;
import org.carpsim.sim.time.Durations;

/** How reports write numbers: exact virtual times, percentages with one decimal. */
final class Format {

  private Format() {}

  /** {@code 60.203125s}, {@code 3s}, {@code 0s}: exact, without trailing zeros. */
  static String seconds(long nanos) {
    return Durations.formatExactSeconds(nanos);
  }

  static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f%%", p);
  }

  /** A file-name-safe stem of a scenario file: {@code examples/a b.carp} → {@code a_b}. */
  static String slug(String file) {
    String name = file.isEmpty() ? "run" : file;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1).replaceFirst("\\.carp$", "");
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "run" + s : s;
  }
}
