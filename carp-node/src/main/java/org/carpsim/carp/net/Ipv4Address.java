package org.carpsim.carp.net;

/** An IPv4 address as its 32 bits in network order (the first octet is the most significant). */
public record Ipv4Address(int value) implements IpAddress, Comparable<Ipv4Address> {

  public static final Ipv4Address ANY = new Ipv4Address(0);
  /** 224.0.0.18, where CARP (and VRRP) advertisements go. */
  public static final Ipv4Address CARP_GROUP = new Ipv4Address(0xe0000012);

  public static Ipv4Address of(int a, int b, int c, int d) {
    return new Ipv4Address((a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff));
  }

  /** Reads four bytes in network order. */
  public static Ipv4Address read(byte[] bytes, int offset) {
    return new Ipv4Address(
        (bytes[offset] & 0xff) << 24
            | (bytes[offset + 1] & 0xff) << 16
            | (bytes[offset + 2] & 0xff) << 8
            | (bytes[offset + 3] & 0xff));
  }

  /**
   * Parses dotted-quad notation, four decimal octets 0..255.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Ipv4Address parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("bad IPv4 address '" + text + "': expected four octets like 192.0.2.1");
    }
    int v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad IPv4 address '" + text + "': '" + p + "' is not an octet");
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        throw new IllegalArgumentException("bad IPv4 address '" + text + "': octet " + octet + " is above 255");
      }
      v = v << 8 | octet;
    }
    return new Ipv4Address(v);
  }

  public void write(byte[] bytes, int offset) {
    bytes[offset] = (byte) (value >>> 24);
    bytes[offset + 1] = (byte) (value >>> 16);
    bytes[offset + 2] = (byte) (value >>> 8);
    bytes[offset + 3] = (byte) value;
  }

  public byte[] toBytes() {
    byte[] b = new byte[4];
    write(b, 0);
    return b;
  }

  public boolean isMulticast() {
    return (value >>> 28) == 0xe;
  }

  /** True when this and {@code other} share the first {@code prefixLength} bits. */
  public boolean sameSubnet(Ipv4Address other, int prefixLength) {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("IPv4 prefix length " + prefixLength + " is out of range 0..32");
    }
    if (prefixLength == 0) {
      return true;
    }
    int mask = -1 << (32 - prefixLength);
    return (value & mask) == (other.value & mask);
  }

  /** Unsigned order, the order in which current CARP sorts addresses for the HMAC. */
  @Override
  public int compareTo(Ipv4Address o) {
    return Integer.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
  }
}
