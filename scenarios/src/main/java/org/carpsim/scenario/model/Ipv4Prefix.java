package org.carpsim.scenario.model;

import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;

/**
 * An IPv4 subnet, {@code 172.16.0.0/24}: the network address (host bits zero) and the prefix length.
 *
 * @param network the first address, its host bits all zero
 * @param length 0..32
 */
public record Ipv4Prefix(Ipv4Address network, int length) implements IpPrefix {

  /** Validates the length and that the host bits are zero. */
  public Ipv4Prefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("IPv4 prefix length " + length + " is out of range 0..32");
    }
    if ((network.value() & ~mask(length)) != 0) {
      throw new IllegalArgumentException(network + "/" + length + " has host bits set; the network is "
          + new Ipv4Address(network.value() & mask(length)) + "/" + length);
    }
  }

  /** The prefix of {@code address} with {@code length} bits (host bits cleared). */
  public static Ipv4Prefix containing(Ipv4Address address, int length) {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("IPv4 prefix length " + length + " is out of range 0..32");
    }
    return new Ipv4Prefix(new Ipv4Address(address.value() & mask(length)), length);
  }

  /** The netmask as 32 bits, e.g. {@code 0xffffff00} for /24. */
  public static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** True when {@code address} lies in this subnet. */
  public boolean contains(Ipv4Address address) {
    return (address.value() & mask(length)) == network.value();
  }

  /** Number of addresses, network and broadcast included ({@code 2^(32-length)}). */
  public long size() {
    return 1L << (32 - length);
  }

  /** The all-ones broadcast address of the subnet. */
  public Ipv4Address broadcast() {
    return new Ipv4Address(network.value() | ~mask(length));
  }

  /**
   * Whether {@code address} can be a host's address here: not the network or broadcast address
   * (which /31 and /32 do not have, RFC 3021).
   */
  public boolean isHostAddress(Ipv4Address address) {
    if (!contains(address)) {
      return false;
    }
    return length >= 31 || (!address.equals(network) && !address.equals(broadcast()));
  }

  /** The addresses a host may take, network and broadcast excluded (all of them for /31 and /32). */
  @Override
  public long hostCount() {
    return length >= 31 ? size() : size() - 2;
  }

  /** The {@code index}-th host address (0-based), in ascending order. */
  @Override
  public Ipv4Address hostAddress(long index) {
    if (index < 0 || index >= hostCount()) {
      throw new IndexOutOfBoundsException("host address " + index + " of " + this);
    }
    long first = Integer.toUnsignedLong(network.value()) + (length >= 31 ? 0 : 1);
    return new Ipv4Address((int) (first + index));
  }

  /** The 0-based index of a host address in {@link #hostAddress(long)} order, or -1 if it is none. */
  public long hostIndex(Ipv4Address address) {
    if (!isHostAddress(address)) {
      return -1;
    }
    long first = Integer.toUnsignedLong(network.value()) + (length >= 31 ? 0 : 1);
    return Integer.toUnsignedLong(address.value()) - first;
  }

  @Override
  public long hostIndexOf(IpAddress address) {
    return address instanceof Ipv4Address a ? hostIndex(a) : -1;
  }

  @Override
  public boolean includes(IpAddress address) {
    return address instanceof Ipv4Address a && contains(a);
  }

  @Override
  public String familyName() {
    return "IPv4";
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
