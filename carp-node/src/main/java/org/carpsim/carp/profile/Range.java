package org.carpsim.carp.profile;

/** An inclusive integer range of a knob, printed the way error messages show it: {@code 1..255}. */
public record Range(long min, long max) {

  /** Any value a C {@code int} can hold: sysctls that the kernel does not range-check. */
  public static final Range ANY_INT = new Range(Integer.MIN_VALUE, Integer.MAX_VALUE);

  public Range {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
  }

  /** The range {@code min..max}, both included. */
  public static Range of(long min, long max) {
    return new Range(min, max);
  }

  /** True if {@code min <= value <= max}. */
  public boolean contains(long value) {
    return value >= min && value <= max;
  }

  @Override
  public String toString() {
    return min + ".." + max;
  }
}
