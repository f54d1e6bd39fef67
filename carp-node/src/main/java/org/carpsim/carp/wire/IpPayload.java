package org.carpsim.carp.wire;

/** What an IPv4 or IPv6 packet carries (after any IPv6 extension headers). */
public sealed interface IpPayload
    permits CarpAdvertisement, Vrrp2Advertisement, Vrrp3Advertisement, NeighborSolicitation,
        NeighborAdvertisement, OpaquePayload {

  /** The IP protocol number of this payload, or -1 for an {@link OpaquePayload}. */
  int protocol();

  /** Number of bytes {@link #writeTo} writes. */
  int encodedLength();

  /** Writes the payload at {@code offset}; returns the offset after it. */
  int writeTo(byte[] out, int offset);
}
