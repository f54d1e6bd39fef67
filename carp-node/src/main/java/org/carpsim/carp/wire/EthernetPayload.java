package org.carpsim.carp.wire;

/** What an Ethernet frame carries. */
public sealed interface EthernetPayload permits ArpPacket, Ipv4Packet, Ipv6Packet, OpaquePayload {

  /** The EtherType this payload belongs under, or -1 for an {@link OpaquePayload}. */
  int etherType();

  /** Number of bytes {@link #writeTo} writes. */
  int encodedLength();

  /** Writes the payload at {@code offset}; returns the offset after it. */
  int writeTo(byte[] out, int offset);
}
