package org.carpsim.scenario.model;

import org.carpsim.carp.net.IpAddress;

/**
 * An IPv4 subnet or an IPv6 prefix, where clients of either family take their addresses: its host
 * addresses in ascending order, indexed from 0.
 */
public sealed interface IpPrefix permits Ipv4Prefix, Ipv6Prefix {

  /** How many host addresses it has (capped for IPv6 prefixes, far beyond any client count). */
  long hostCount();

  /** The {@code index}-th host address (0-based), in ascending order. */
  IpAddress hostAddress(long index);

  /** The 0-based index of {@code address} among the host addresses, or -1 (another family, outside, or no host address). */
  long hostIndexOf(IpAddress address);

  /** Whether {@code address} is of this prefix's family and lies in it. */
  boolean includes(IpAddress address);

  /** "IPv4" or "IPv6", for messages. */
  String familyName();
}
