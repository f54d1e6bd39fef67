package org.carpsim.sim.time;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Virtual time and durations: a {@code long} count of nanoseconds everywhere, read and printed here.
 *
 * <p>Text form: a non-negative decimal number immediately followed by one unit, {@code ns}, {@code
 * us}, {@code ms}, {@code s}, {@code m} or {@code h}: {@code 1.5s}, {@code 200us}, {@code 3906250ns},
 * {@code 2m}, {@code 1h}. Decimals are read exactly (no floating point) and must come out to a whole
 * number of nanoseconds, so {@code 0.00390625s} is exactly 1/256 s = 3906250 ns.
 *
 * <pre>{@code
 * long advbase = Durations.parse("1s");                  // 1_000_000_000
 * long skew = Durations.parse("3.90625ms");              // 3_906_250
 * Durations.format(3_390_625_000L);                      // "3.390625s"
 * Durations.formatSeconds(3_906_250L);                   // "0.003906250"
 * }</pre>
 */
public final class Durations {

  /** One nanosecond. */
  public static final long NANOSECOND = 1L;
  /** One microsecond in nanoseconds. */
  public static final long MICROSECOND = 1_000L;
  /** One millisecond in nanoseconds. */
  public static final long MILLISECOND = 1_000_000L;
  /** One second in nanoseconds. */
  public static final long SECOND = 1_000_000_000L;
  /** One minute in nanoseconds. */
  public static final long MINUTE = 60 * SECOND;
  /** One hour in nanoseconds. */
  public static final long HOUR = 60 * MINUTE;

  /** The units accepted by {@link #parse}, as error messages list them. */
  public static final String ALLOWED_UNITS = "ns, us, ms, s, m, h";

  private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us", "ns"};
  private static final long[] UNIT_NANOS = {HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, 1};
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Durations() {}

  /**
   * Reads a duration such as {@code 1.5s} or {@code 3906250ns}.
   *
   * @param text the duration, with no spaces
   * @return the duration in nanoseconds, never negative
   * @throws DurationFormatException naming the column and what was expected: for a negative
   *     number, a missing or unknown unit, a value that is not a whole number of nanoseconds, or one
   *     larger than {@link Long#MAX_VALUE} nanoseconds (about 292 years)
   */
  public static long parse(String text) {
    int n = text.length();
    if (n == 0) {
      throw new DurationFormatException(
          text, 1, "empty; expected a number followed by a unit (" + ALLOWED_UNITS + "), e.g. 1.5s");
    }
    char first = text.charAt(0);
    if (first == '-') {
      throw new DurationFormatException(text, 1, "a duration cannot be negative");
    }
    int i = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new DurationFormatException(
          text, 1, "expected a digit, found '" + first + "'; a duration looks like 1.5s or 200us");
    }
    int fractionStart = -1;
    if (i < n && text.charAt(i) == '.') {
      fractionStart = ++i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == fractionStart) {
        throw new DurationFormatException(text, i + 1, "expected a digit after '.'");
      }
    }
    int numberEnd = i;
    if (i == n) {
      throw new DurationFormatException(
          text,
          n + 1,
          "missing unit after '" + text + "'; allowed units: " + ALLOWED_UNITS);
    }
    if (Character.isWhitespace(text.charAt(i))) {
      throw new DurationFormatException(
          text,
          i + 1,
          "unexpected space; write the unit right after the number, e.g. "
              + text.substring(0, numberEnd)
              + "s");
    }
    String unit = text.substring(numberEnd);
    long unitNanos = unitNanos(unit);
    if (unitNanos == 0) {
      throw new DurationFormatException(
          text, numberEnd + 1, "unknown unit '" + unit + "'; allowed units: " + ALLOWED_UNITS);
    }
    BigDecimal value = new BigDecimal(text.substring(0, numberEnd)).multiply(BigDecimal.valueOf(unitNanos));
    if (value.compareTo(MAX) > 0) {
      throw new DurationFormatException(
          text, 1, "too large; the longest duration is 9223372036.854775807s (about 292 years)");
    }
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      int column = fractionStart < 0 ? 1 : firstExcessDigit(text, fractionStart, numberEnd, unitNanos) + 1;
      throw new DurationFormatException(
          text,
          column,
          text.substring(0, numberEnd) + unit + " is not a whole number of nanoseconds (the resolution is 1ns)");
    }
    return value.longValueExact();
  }

  /**
   * Prints a duration in its shortest exact form; among equally short forms, one without a leading
   * {@code 0.} and then the larger unit: {@code 3s}, {@code 3.90625ms}, {@code 3.390625s}, {@code
   * 200us}, {@code 1m}, {@code 90s}. A
   * zero prints as {@code 0s}; a negative value prints with a leading {@code -} (which {@link
   * #parse} refuses, since durations in input are never negative). For every {@code x >= 0}, {@code
   * parse(format(x)) == x}.
   */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 0) {
      // -Long.MIN_VALUE does not exist; its shortest form is computed by hand.
      return nanos == Long.MIN_VALUE ? "-9223372036.854775808s" : "-" + format(-nanos);
    }
    String best = null;
    for (int u = 0; u < UNIT_NAMES.length; u++) {
      String candidate = exactIn(nanos, u);
      if (candidate != null && (best == null || candidate.length() < best.length()
          || (candidate.length() == best.length() && best.startsWith("0.") && !candidate.startsWith("0.")))) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * Prints an instant or duration as seconds with exactly nine decimals, {@code 3.003906250}: the
   * fixed-width, sortable form used in histories and logs.
   */
  public static String formatSeconds(long nanos) {
    StringBuilder out = new StringBuilder(24);
    appendSeconds(out, nanos);
    return out.toString();
  }

  /** Appends {@link #formatSeconds(long)} to {@code out} without an intermediate string. */
  public static void appendSeconds(StringBuilder out, long nanos) {
    if (nanos < 0) {
      out.append('-');
      if (nanos == Long.MIN_VALUE) {
        out.append("9223372036.854775808");
        return;
      }
      nanos = -nanos;
    }
    out.append(nanos / SECOND).append('.');
    long fraction = nanos % SECOND;
    for (long scale = SECOND / 10; scale > 0; scale /= 10) {
      out.append((char) ('0' + (fraction / scale) % 10));
    }
  }

  /**
   * Seconds with {@code decimals} decimals (0..9), the rest cut off toward zero:
   * {@code formatSeconds(1_234_567_890L, 6)} is {@code "1.234567"}; a negative value keeps its
   * {@code -} even when the kept digits are all zero. {@code formatSeconds(x, 9)} is
   * {@link #formatSeconds(long)}.
   */
  public static String formatSeconds(long nanos, int decimals) {
    if (decimals < 0 || decimals > 9) {
      throw new IllegalArgumentException("decimals must be 0..9, not " + decimals);
    }
    StringBuilder out = new StringBuilder(24);
    appendSeconds(out, nanos);
    // appendSeconds always writes nine decimals after the point
    return out.substring(0, out.length() - 9 + decimals - (decimals == 0 ? 1 : 0));
  }

  /**
   * Seconds rounded half up (away from zero) to {@code decimals} decimals (0..9), as
   * {@code String.format("%.3f", nanos / 1e9)} prints the durations of a run: {@code 1_234_500_000L}
   * with 3 is {@code "1.235"}.
   */
  public static String formatSecondsRounded(long nanos, int decimals) {
    return BigDecimal.valueOf(nanos, 9).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * Seconds, exact and without trailing zeros, with the unit: {@code 60.203125s}, {@code 3s},
   * {@code 0s}, {@code 0.000000001s}. Unlike {@link #format} it never changes unit, so a column of
   * times reads in one unit.
   */
  public static String formatExactSeconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
  }

  /** {@code micros} microseconds in nanoseconds; throws {@link ArithmeticException} on overflow. */
  public static long ofMicros(long micros) {
    return Math.multiplyExact(micros, MICROSECOND);
  }

  /** {@code millis} milliseconds in nanoseconds; throws {@link ArithmeticException} on overflow. */
  public static long ofMillis(long millis) {
    return Math.multiplyExact(millis, MILLISECOND);
  }

  /** {@code seconds} seconds in nanoseconds; throws {@link ArithmeticException} on overflow. */
  public static long ofSeconds(long seconds) {
    return Math.multiplyExact(seconds, SECOND);
  }

  /** A duration or instant in seconds, for rates and charts only (never for scheduling). */
  public static double toSeconds(long nanos) {
    return nanos / (double) SECOND;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long unitNanos(String unit) {
    for (int u = 0; u < UNIT_NAMES.length; u++) {
      if (UNIT_NAMES[u].equals(unit)) {
        return UNIT_NANOS[u];
      }
    }
    return 0;
  }

  /** For decimal units, the index of the first non-zero digit finer than 1ns; else the '.'. */
  private static int firstExcessDigit(String text, int fractionStart, int numberEnd, long unitNanos) {
    int allowed = 0;
    for (long u = unitNanos; u >= 10 && u % 10 == 0; u /= 10) {
      allowed++;
    }
    if (unitNanos != pow10(allowed)) {
      return fractionStart - 1; // minutes and hours: no single digit is to blame
    }
    for (int i = fractionStart + allowed; i < numberEnd; i++) {
      if (text.charAt(i) != '0') {
        return i;
      }
    }
    return fractionStart - 1;
  }

  private static long pow10(int exponent) {
    long p = 1;
    for (int i = 0; i < exponent; i++) {
      p *= 10;
    }
    return p;
  }

  /** {@code nanos} in unit {@code u} as an exact decimal, or null if it does not terminate. */
  private static String exactIn(long nanos, int u) {
    long unit = UNIT_NANOS[u];
    long whole = nanos / unit;
    long rest = nanos % unit;
    String name = UNIT_NAMES[u];
    if (rest == 0) {
      return whole + name;
    }
    long digits;
    int width;
    if (unit == HOUR) {
      // 1h = 2^13 * 3^2 * 5^11 ns: the decimal terminates only if 9 divides the rest.
      if (rest % 9 != 0) {
        return null;
      }
      digits = (rest / 9) * 25;
      width = 13;
    } else if (unit == MINUTE) {
      // 1m = 2^11 * 3 * 5^10 ns: the decimal terminates only if 3 divides the rest.
      if (rest % 3 != 0) {
        return null;
      }
      digits = (rest / 3) * 5;
      width = 11;
    } else {
      digits = rest;
      width = decimalExponent(unit);
    }
    StringBuilder out = new StringBuilder(32).append(whole).append('.');
    String fraction = Long.toString(digits);
    for (int pad = width - fraction.length(); pad > 0; pad--) {
      out.append('0');
    }
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return out.append(fraction, 0, end).append(name).toString();
  }

  private static int decimalExponent(long powerOfTen) {
    int e = 0;
    for (long p = powerOfTen; p > 1; p /= 10) {
      e++;
    }
    return e;
  }

  /** The smallest of 1, 2, 5 × 10^k ns that is at least {@code nanos}: a round width for chart buckets. */
  public static long roundUp125(long nanos) {
    long unit = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * unit >= nanos) {
          return m * unit;
        }
      }
      unit *= 10;
    }
  }
}
