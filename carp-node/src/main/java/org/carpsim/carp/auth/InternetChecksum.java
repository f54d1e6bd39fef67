package org.carpsim.carp.auth;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's-complement sum of
 * 16-bit big-endian words. Used by CARP (over the 36-byte header, §1.3), the IPv4 header, VRRP
 * and ICMPv6 (with its pseudo-header).
 */
public final class InternetChecksum {

  private InternetChecksum() {}

  /**
   * Adds {@code length} bytes as big-endian 16-bit words to a running sum (an odd last byte is
   * padded with a zero byte). The sum is not folded, so partial sums can be chained.
   */
  public static long add(long sum, byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    for (; i + 1 < end; i += 2) {
      sum += (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (bytes[i] & 0xff) << 8;
    }
    return sum;
  }

  /** Folds a running sum into 16 bits with end-around carry. */
  public static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  /** The checksum to put in the field (which must be zero in {@code bytes} while computing). */
  public static int compute(byte[] bytes, int offset, int length) {
    return ~fold(add(0, bytes, offset, length)) & 0xffff;
  }

  /** True when the bytes, checksum field included, sum to 0xffff: the checksum verifies. */
  public static boolean verifies(byte[] bytes, int offset, int length) {
    return fold(add(0, bytes, offset, length)) == 0xffff;
  }
}
