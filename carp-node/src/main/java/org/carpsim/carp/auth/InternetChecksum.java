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
    return ~fold(addWide(bytes, offset, length)) & 0xffff;
  }

  /** True when the bytes, checksum field included, sum to 0xffff: the checksum verifies. */
  public static boolean verifies(byte[] bytes, int offset, int length) {
    return fold(addWide(bytes, offset, length)) == 0xffff;
  }

  private static final java.lang.invoke.VarHandle INT_BE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

  /**
   * The same one's-complement sum as {@link #add} once folded, read four bytes at a time (2^16 is 1
   * modulo 0xffff, so a 32-bit word adds what its two 16-bit halves add, and the sum is zero only
   * when every byte is). Received packets are checked with it on every receiving host.
   */
  private static long addWide(byte[] bytes, int offset, int length) {
    int end = offset + length;
    if (offset < 0 || end > bytes.length || length < 0) {
      return add(0, bytes, offset, length); // let the plain loop fail as it always did
    }
    long sum = 0;
    int i = offset;
    for (; i + 3 < end; i += 4) {
      sum += (int) INT_BE.get(bytes, i) & 0xffff_ffffL;
    }
    return add(sum, bytes, i, end - i);
  }
}
