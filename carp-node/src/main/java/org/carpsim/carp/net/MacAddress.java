package org.carpsim.carp.net;

import java.util.Locale;

/**
 * A 48-bit Ethernet address, held in the low 48 bits of a long so that it is cheap to compare,
 * hash and store.
 */
public record MacAddress(long value) implements Comparable<MacAddress> {

  public static final MacAddress ZERO = new MacAddress(0L);
  public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

  public MacAddress {
    if ((value & ~0xffff_ffff_ffffL) != 0) {
      throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(value));
    }
  }

  /** The CARP (and VRRP) virtual MAC of a vhid: 00:00:5e:00:01:vhid. */
  public static MacAddress carpVirtual(int vhid) {
    return new MacAddress(0x00005e000100L | (vhid & 0xff));
  }

  /** Reads six bytes in network order from {@code bytes} at {@code offset}. */
  public static MacAddress read(byte[] bytes, int offset) {
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (bytes[offset + i] & 0xff);
    }
    return new MacAddress(v);
  }

  /**
   * Parses {@code 00:00:5e:00:01:01} (also with '-' separators, and single hex digits per byte
   * as ifconfig accepts them).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static MacAddress parse(String text) {
    String[] parts = text.split("[:-]", -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException("bad MAC address '" + text + "': expected six hex bytes like 00:00:5e:00:01:01");
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new IllegalArgumentException("bad MAC address '" + text + "': '" + p + "' is not a hex byte");
      }
      v = (v << 8) | Integer.parseInt(p, 16);
    }
    return new MacAddress(v);
  }

  /** Writes the six bytes in network order into {@code bytes} at {@code offset}. */
  public void write(byte[] bytes, int offset) {
    for (int i = 5; i >= 0; i--) {
      bytes[offset + i] = (byte) (value >>> (8 * (5 - i)));
    }
  }

  public byte[] toBytes() {
    byte[] b = new byte[6];
    write(b, 0);
    return b;
  }

  /** True for group (multicast and broadcast) addresses: the I/G bit of the first byte. */
  public boolean isGroup() {
    return (value & 0x0100_0000_0000L) != 0;
  }

  @Override
  public int compareTo(MacAddress o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(17);
    for (int i = 5; i >= 0; i--) {
      sb.append(String.format(Locale.ROOT, "%02x", (value >>> (8 * i)) & 0xff));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
