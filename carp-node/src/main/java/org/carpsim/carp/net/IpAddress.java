package org.carpsim.carp.net;

/**
 * An IPv4 or IPv6 address, for what holds either (a virtual address clients send to, a client's
 * address). Its text is the family's own ({@link Ipv4Address} dotted quad, {@link Ipv6Address} RFC 5952).
 */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {

  /**
   * Parses either family: IPv6 when the text has a ':', else IPv4.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static IpAddress parse(String text) {
    return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
  }
}
