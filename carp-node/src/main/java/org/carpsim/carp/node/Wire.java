package org.carpsim.carp.node;

/** Big-endian reads and writes on frame bytes, without allocation (the receive path's helpers). */
final class Wire {

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int PROTO_CARP = 112;
  static final int PROTO_ICMPV6 = 58;
  static final long BROADCAST_MAC = 0xffff_ffff_ffffL;

  private Wire() {}

  static int u8(byte[] b, int off) {
    return b[off] & 0xff;
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static int i32(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  static long i64(byte[] b, int off) {
    return (long) i32(b, off) << 32 | (i32(b, off + 4) & 0xffffffffL);
  }

  static long mac(byte[] b, int off) {
    return (long) u16(b, off) << 32 | (i32(b, off + 2) & 0xffffffffL);
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  static void put32(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static void put64(byte[] b, int off, long v) {
    put32(b, off, (int) (v >>> 32));
    put32(b, off + 4, (int) v);
  }

  static void putMac(byte[] b, int off, long mac) {
    put16(b, off, (int) (mac >>> 32));
    put32(b, off + 2, (int) mac);
  }

  /** Unfolded one's-complement sum of {@code len} bytes (an odd last byte padded with zero). */
  static long sum(byte[] b, int off, int len) {
    long s = 0;
    int end = off + len;
    int i = off;
    for (; i + 1 < end; i += 2) {
      s += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    if (i < end) {
      s += (b[i] & 0xff) << 8;
    }
    return s;
  }

  static int fold(long s) {
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) s;
  }

  /** The Internet checksum of {@code len} bytes whose checksum field is zero. */
  static int checksum(byte[] b, int off, int len) {
    return ~fold(sum(b, off, len)) & 0xffff;
  }

  /** True when the bytes, checksum included, verify. */
  static boolean verifies(byte[] b, int off, int len) {
    return fold(sum(b, off, len)) == 0xffff;
  }
}
