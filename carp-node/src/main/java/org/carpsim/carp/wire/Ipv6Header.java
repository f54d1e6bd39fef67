package org.carpsim.carp.wire;

import org.carpsim.carp.net.Ipv6Address;

/**
 * The fixed 40-byte IPv6 header.
 *
 * @param trafficClass 0..255 (FreeBSD puts its CARP DSCP here; OpenBSD sends 0)
 * @param flowLabel 0..0xfffff
 * @param payloadLength bytes after this header: extension headers, payload and surplus
 * @param nextHeader the first extension header or the upper-layer protocol
 * @param hopLimit CARP and neighbour discovery: 255
 * @param source source address
 * @param destination destination address
 */
public record Ipv6Header(
    int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit, Ipv6Address source, Ipv6Address destination) {

  public static final int LENGTH = 40;

  public Ipv6Header {
    Check.u8("IPv6 traffic class", trafficClass);
    Check.range("IPv6 flow label", flowLabel, 0, 0xfffff);
    Check.u16("IPv6 payload length", payloadLength);
    Check.u8("IPv6 next header", nextHeader);
    Check.u8("hop limit", hopLimit);
    Check.notNull("source", source);
    Check.notNull("destination", destination);
  }

  /** Writes the header; returns the offset after it. */
  public int writeTo(byte[] out, int offset) {
    Bytes.put32(out, offset, 6 << 28 | trafficClass << 20 | flowLabel);
    Bytes.put16(out, offset + 4, payloadLength);
    out[offset + 6] = (byte) nextHeader;
    out[offset + 7] = (byte) hopLimit;
    source.write(out, offset + 8);
    destination.write(out, offset + 24);
    return offset + LENGTH;
  }
}
