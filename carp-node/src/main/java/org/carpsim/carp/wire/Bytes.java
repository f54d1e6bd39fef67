package org.carpsim.carp.wire;

/** Big-endian reads and writes on byte arrays, without allocation: the codecs' and the node's. */
public final class Bytes {

  private Bytes() {}

  public static int u8(byte[] b, int off) {
    return b[off] & 0xff;
  }

  public static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  public static int i32(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  public static long i64(byte[] b, int off) {
    return (long) i32(b, off) << 32 | (i32(b, off + 4) & 0xffffffffL);
  }

  public static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  public static void put32(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  public static void put64(byte[] b, int off, long v) {
    put32(b, off, (int) (v >>> 32));
    put32(b, off + 4, (int) v);
  }

  /** Six bytes as the low 48 bits of a long. */
  public static long mac(byte[] b, int off) {
    return (long) u16(b, off) << 32 | (i32(b, off + 2) & 0xffffffffL);
  }

  /** The low 48 bits of {@code mac} as six bytes. */
  public static void putMac(byte[] b, int off, long mac) {
    put16(b, off, (int) (mac >>> 32));
    put32(b, off + 2, (int) mac);
  }
}
