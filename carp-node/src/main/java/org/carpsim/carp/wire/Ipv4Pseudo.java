package org.carpsim.carp.wire;

import org.carpsim.carp.net.Ipv4Address;

/** The IPv4 pseudo-header sum (RFC 768 style) used by VRRPv3's checksum. */
final class Ipv4Pseudo {

  private Ipv4Pseudo() {}

  static long sum(Ipv4Address source, Ipv4Address destination, int protocol, int length) {
    return (source.value() >>> 16) + (source.value() & 0xffff)
        + (destination.value() >>> 16) + (destination.value() & 0xffff)
        + protocol + length;
  }
}
