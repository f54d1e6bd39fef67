package org.carpsim.carp.node;

/**
 * {@code carp_hash} of OpenBSD 1.137…1.270 and NetBSD (carp-protocol.md §7.2): Bob Jenkins' 96-bit
 * mix as in {@code bridge_hash}, over a sender MAC, seeded with the interface's balancing hash key
 * ({@code sc_hashkey}) and the first four bytes of its CARP key. All arithmetic is unsigned 32-bit.
 */
final class CarpHash {

  private CarpHash() {}

  /**
   * The hash of a 6-byte MAC.
   *
   * @param hashKey {@code {sc_hashkey[0], sc_hashkey[1]}} ({@code CarpHmac.balancingHashKey})
   * @param key the 20-byte CARP key (only bytes 0..3 are used)
   * @param mac the sender MAC in its low 48 bits
   * @return {@code c} after the mix, as an unsigned value in an int
   */
  static int hash(int[] hashKey, byte[] key, long mac) {
    int a = 0x9e3779b9;
    int b = hashKey[0];
    int c = hashKey[1];
    c += (key[3] & 0xff) << 24;
    c += (key[2] & 0xff) << 16;
    c += (key[1] & 0xff) << 8;
    c += key[0] & 0xff;
    int s0 = (int) (mac >>> 40) & 0xff;
    int s1 = (int) (mac >>> 32) & 0xff;
    int s2 = (int) (mac >>> 24) & 0xff;
    int s3 = (int) (mac >>> 16) & 0xff;
    int s4 = (int) (mac >>> 8) & 0xff;
    int s5 = (int) mac & 0xff;
    b += s5 << 8;
    b += s4;
    a += s3 << 24;
    a += s2 << 16;
    a += s1 << 8;
    a += s0;
    // mix(a, b, c)
    a -= b; a -= c; a ^= c >>> 13;
    b -= c; b -= a; b ^= a << 8;
    c -= a; c -= b; c ^= b >>> 13;
    a -= b; a -= c; a ^= c >>> 12;
    b -= c; b -= a; b ^= a << 16;
    c -= a; c -= b; c ^= b >>> 5;
    a -= b; a -= c; a ^= c >>> 3;
    b -= c; b -= a; b ^= a << 10;
    c -= a; c -= b; c ^= b >>> 15;
    return c;
  }

  /** {@code hash % count} as the kernels compute it (unsigned). */
  static int index(int hash, int count) {
    return Integer.remainderUnsigned(hash, count);
  }
}
