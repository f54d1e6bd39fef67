package org.carpsim.sim.frame;

/**
 * 48-bit Ethernet MAC addresses held in the low bits of a {@code long}, so that hot paths compare
 * and hash them without objects. {@code 00:00:5e:00:01:01} is {@code 0x00005e000101L}.
 */
public final class Macs {

  /** ff:ff:ff:ff:ff:ff. */
  public static final long BROADCAST = 0xffff_ffff_ffffL;
  /** The largest 48-bit value; MACs are in {@code [0, MAX]}. */
  public static final long MAX = 0xffff_ffff_ffffL;

  private Macs() {}

  /**
   * Reads {@code aa:bb:cc:dd:ee:ff} (colons or dashes, one or two hex digits per byte).
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static long parse(String text) {
    String[] parts = text.split("[:-]", -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException(
          "bad MAC address '" + text + "': expected six hex bytes separated by ':', e.g. 02:00:00:00:00:01");
    }
    long mac = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 2) {
        throw new IllegalArgumentException(
            "bad MAC address '" + text + "': '" + part + "' is not one byte in hex (00 to ff)");
      }
      int value = 0;
      for (int i = 0; i < part.length(); i++) {
        int digit = Character.digit(part.charAt(i), 16);
        if (digit < 0) {
          throw new IllegalArgumentException(
              "bad MAC address '" + text + "': '" + part + "' is not one byte in hex (00 to ff)");
        }
        value = value * 16 + digit;
      }
      mac = (mac << 8) | value;
    }
    return mac;
  }

  /** {@code aa:bb:cc:dd:ee:ff}, lower case. */
  public static String format(long mac) {
    StringBuilder out = new StringBuilder(17);
    append(out, mac);
    return out.toString();
  }

  /** Appends {@link #format(long)} to {@code out}. */
  public static void append(StringBuilder out, long mac) {
    for (int shift = 40; shift >= 0; shift -= 8) {
      int b = (int) (mac >>> shift) & 0xff;
      out.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
      if (shift > 0) {
        out.append(':');
      }
    }
  }

  /** True for broadcast and multicast addresses (the I/G bit, the lowest bit of the first byte). */
  public static boolean isGroup(long mac) {
    return (mac & 0x0100_0000_0000L) != 0;
  }

  /** True if {@code mac} fits in 48 bits. */
  public static boolean isValid(long mac) {
    return mac >= 0 && mac <= MAX;
  }

  /** The six bytes of a MAC at {@code offset} in {@code bytes}, big-endian, as a long. */
  public static long read(byte[] bytes, int offset) {
    return ((long) (bytes[offset] & 0xff) << 40)
        | ((long) (bytes[offset + 1] & 0xff) << 32)
        | ((long) (bytes[offset + 2] & 0xff) << 24)
        | ((long) (bytes[offset + 3] & 0xff) << 16)
        | ((long) (bytes[offset + 4] & 0xff) << 8)
        | (bytes[offset + 5] & 0xff);
  }

  /** Writes the six bytes of {@code mac} at {@code offset}, big-endian. */
  public static void write(long mac, byte[] bytes, int offset) {
    for (int i = 0; i < 6; i++) {
      bytes[offset + i] = (byte) (mac >>> (40 - 8 * i));
    }
  }
}
