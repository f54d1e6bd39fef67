package org.carpsim.carp.wire;

/** Range checks for record fields, with messages naming the field and the allowed range. */
final class Check {

  private Check() {}

  static int range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " " + value + " is out of range " + min + ".." + max);
    }
    return value;
  }

  static int u8(String field, int value) {
    return range(field, value, 0, 0xff);
  }

  static int u16(String field, int value) {
    return range(field, value, 0, 0xffff);
  }

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new NullPointerException(field + " is required");
    }
    return value;
  }
}
