package org.carpsim.carp.wire;

import org.carpsim.carp.net.Ipv4Address;

/**
 * An IPv4 packet.
 *
 * @param header the header; its total length covers payload and surplus
 * @param payload the upper-layer message ({@link OpaquePayload} for fragments and unknown protocols)
 * @param surplus bytes inside the IP packet after the upper-layer message; CARP accepts and
 *     ignores them (its length check is "at least 36 bytes")
 */
public record Ipv4Packet(Ipv4Header header, IpPayload payload, Octets surplus) implements EthernetPayload {

  public Ipv4Packet {
    Check.notNull("header", header);
    Check.notNull("payload", payload);
    Check.notNull("surplus", surplus);
    int expected = header.headerLength() + payload.encodedLength() + surplus.length();
    if (header.totalLength() != expected) {
      throw new IllegalArgumentException("IPv4 total length " + header.totalLength() + " does not match header + payload = " + expected);
    }
    if (payload.protocol() >= 0 && payload.protocol() != header.protocol()) {
      throw new IllegalArgumentException("IP protocol " + header.protocol() + " does not match the payload's " + payload.protocol());
    }
  }

  public Ipv4Packet(Ipv4Header header, IpPayload payload) {
    this(header, payload, Octets.EMPTY);
  }

  /**
   * A packet without options or fragmentation, with the total length and header checksum computed
   * (and a VRRPv3 checksum, which covers a pseudo-header, made right for these addresses).
   *
   * @param flags usually {@link Ipv4Header#DONT_FRAGMENT}
   */
  public static Ipv4Packet of(int tos, int identification, int flags, int ttl, Ipv4Address source, Ipv4Address destination, IpPayload payload) {
    if (payload.protocol() < 0) {
      throw new IllegalArgumentException("an opaque payload has no protocol: build the Ipv4Header yourself");
    }
    IpPayload p = payload instanceof Vrrp3Advertisement v ? v.withCorrectChecksum(source, destination) : payload;
    return new Ipv4Packet(
        Ipv4Header.create(tos, identification, flags, ttl, p.protocol(), source, destination, p.encodedLength()), p);
  }

  @Override
  public int etherType() {
    return EtherType.IPV4;
  }

  @Override
  public int encodedLength() {
    return header.totalLength();
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    int p = header.writeTo(out, offset);
    p = payload.writeTo(out, p);
    return surplus.copyTo(out, p);
  }

  /**
   * True when the payload's own checksum verifies: CARP (36 bytes), VRRPv2, VRRPv3 (with the
   * pseudo-header); true for payloads without one that carpsim checks.
   */
  public boolean payloadChecksumOk() {
    if (payload instanceof CarpAdvertisement ad) {
      return ad.checksumOk();
    }
    if (payload instanceof Vrrp2Advertisement v) {
      return v.checksumOk();
    }
    if (payload instanceof Vrrp3Advertisement v) {
      return v.checksumOk(header.source(), header.destination());
    }
    return true;
  }
}
