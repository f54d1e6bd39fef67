package org.carpsim.scenario.model;

import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv6Address;

/**
 * An IPv6 prefix, {@code 2001:db8::/64}: the network (host bits zero) and the prefix length.
 *
 * @param network the first address, its host bits all zero
 * @param length 0..128
 */
public record Ipv6Prefix(Ipv6Address network, int length) implements IpPrefix {

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

  /**
   * The host addresses: every address but the first, the Subnet-Router anycast address (RFC 4291
   * §2.6.1), except in a /127 or /128 (RFC 6164); at most 2^62 of them.
   */
  @Override
  public long hostCount() {
    int bits = 128 - length;
    long all = bits >= 62 ? 1L << 62 : 1L << bits;
    return bits >= 62 ? all : length >= 127 ? all : all - 1;
  }

  @Override
  public Ipv6Address hostAddress(long index) {
    if (index < 0 || index >= hostCount()) {
      throw new IndexOutOfBoundsException("host address " + index + " of " + this);
    }
    long offset = index + firstHost();
    long lo = network.lo() + offset;
    long carry = Long.compareUnsigned(lo, network.lo()) < 0 ? 1 : 0;
    return new Ipv6Address(network.hi() + carry, lo);
  }

  @Override
  public long hostIndexOf(IpAddress address) {
    if (!(address instanceof Ipv6Address a) || !contains(a)) {
      return -1;
    }
    long hiDiff = a.hi() - network.hi();
    long loDiff = a.lo() - network.lo();
    if (Long.compareUnsigned(a.lo(), network.lo()) < 0) {
      hiDiff--;
    }
    if (hiDiff != 0 || loDiff < firstHost()) {
      return -1;
    }
    long index = loDiff - firstHost();
    return index < hostCount() ? index : -1;
  }

  @Override
  public boolean includes(IpAddress address) {
    return address instanceof Ipv6Address a && contains(a);
  }

  @Override
  public String familyName() {
    return "IPv6";
  }

  private long firstHost() {
    return length >= 127 ? 0 : 1;
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
