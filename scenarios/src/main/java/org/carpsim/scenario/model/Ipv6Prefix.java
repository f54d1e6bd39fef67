package org.carpsim.scenario.model;

import org.carpsim.carp.net.Ipv6Address;

/**
 * An IPv6 prefix, {@code 2001:db8::/64}: the network (host bits zero) and the prefix length.
 *
 * @param network the first address, its host bits all zero
 * @param length 0..128
 */
public record Ipv6Prefix(Ipv6Address network, int length) {

  /** Validates the length and that the host bits are zero. */
  public Ipv6Prefix {
    if (length < 0 || length > 128) {
      throw new IllegalArgumentException("IPv6 prefix length " + length + " is out of range 0..128");
    }
    Ipv6Address cleared = clear(network, length);
    if (!cleared.equals(network)) {
      throw new IllegalArgumentException(network + "/" + length + " has host bits set; the network is "
          + cleared + "/" + length);
    }
  }

  /** The prefix of {@code address} with {@code length} bits (host bits cleared). */
  public static Ipv6Prefix containing(Ipv6Address address, int length) {
    if (length < 0 || length > 128) {
      throw new IllegalArgumentException("IPv6 prefix length " + length + " is out of range 0..128");
    }
    return new Ipv6Prefix(clear(address, length), length);
  }

  /** True when {@code address} lies in this prefix. */
  public boolean contains(Ipv6Address address) {
    return clear(address, length).equals(network);
  }

  private static Ipv6Address clear(Ipv6Address a, int length) {
    long hiMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    long loMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    return new Ipv6Address(a.hi() & hiMask, a.lo() & loMask);
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
