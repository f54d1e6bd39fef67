package org.carpsim.carp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, so that records holding bytes (an HMAC, an IPv4
 * option, Ethernet padding) compare by content: {@code decode(encode(x)).equals(x)}.
 */
public final class Octets {

  /** The empty byte string (shared: no allocation for the common "nothing here"). */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Octets copyOf(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Octets copyOf(byte[] bytes, int offset, int length) {
    return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** {@code length} zero bytes. */
  public static Octets zeros(int length) {
    return length == 0 ? EMPTY : new Octets(new byte[length]);
  }

  /**
   * Parses hex digits (any case, no separators).
   *
   * @throws IllegalArgumentException when the text is not an even number of hex digits
   */
  public static Octets fromHex(String hex) {
    return copyOf(HEX.parseHex(hex));
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** The byte at {@code index}, 0..255. */
  public int get(int index) {
    return bytes[index] & 0xff;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Copies the bytes into {@code out} at {@code offset}; returns the offset after them. */
  public int copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
    return offset + bytes.length;
  }

  /** Adds the bytes to a running Internet checksum sum. */
  long addToChecksum(long sum) {
    return org.carpsim.carp.auth.InternetChecksum.add(sum, bytes, 0, bytes.length);
  }

  /** Lower-case hex digits, two per byte. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes.length == 0 ? "[]" : "[" + hex() + "]";
  }
}
