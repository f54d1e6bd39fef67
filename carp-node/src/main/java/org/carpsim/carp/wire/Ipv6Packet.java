package org.carpsim.carp.wire;

import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv6Address;

/**
 * An IPv6 packet.
 *
 * @param header the fixed header; its payload length covers extension headers, payload and surplus
 * @param extensionHeaders hop-by-hop, routing, fragment, destination-options and AH headers as on
 *     the wire (carried, skipped, not interpreted)
 * @param payload the upper-layer message ({@link OpaquePayload} for fragments and unknown protocols)
 * @param surplus bytes after the upper-layer message within the payload length
 */
public record Ipv6Packet(Ipv6Header header, Octets extensionHeaders, IpPayload payload, Octets surplus)
    implements EthernetPayload {

  public Ipv6Packet {
    Check.notNull("header", header);
    Check.notNull("extensionHeaders", extensionHeaders);
    Check.notNull("payload", payload);
    Check.notNull("surplus", surplus);
    int expected = extensionHeaders.length() + payload.encodedLength() + surplus.length();
    if (header.payloadLength() != expected) {
      throw new IllegalArgumentException("IPv6 payload length " + header.payloadLength()
          + " does not match extension headers + payload = " + expected);
    }
    if (payload.protocol() >= 0) {
      int upper = upperLayerProtocol(header.nextHeader(), extensionHeaders.toByteArray());
      if (upper != payload.protocol()) {
        throw new IllegalArgumentException("IPv6 upper-layer protocol " + upper + " does not match the payload's " + payload.protocol());
      }
    }
  }

  /**
   * A packet without extension headers, with the payload length computed and an ICMPv6 or VRRPv3
   * checksum (which covers a pseudo-header) made right for these addresses.
   */
  public static Ipv6Packet of(int trafficClass, int flowLabel, int hopLimit, Ipv6Address source, Ipv6Address destination, IpPayload payload) {
    if (payload.protocol() < 0) {
      throw new IllegalArgumentException("an opaque payload has no protocol: build the Ipv6Header yourself");
    }
    IpPayload p = payload;
    if (p instanceof NeighborSolicitation ns) {
      p = ns.withCorrectChecksum(source, destination);
    } else if (p instanceof NeighborAdvertisement na) {
      p = na.withCorrectChecksum(source, destination);
    } else if (p instanceof Vrrp3Advertisement v) {
      p = v.withCorrectChecksum(source, destination);
    }
    Ipv6Header h = new Ipv6Header(trafficClass, flowLabel, p.encodedLength(), p.protocol(), hopLimit, source, destination);
    return new Ipv6Packet(h, Octets.EMPTY, p, Octets.EMPTY);
  }

  /** The protocol after the extension headers, or the fragment header's next header. */
  public int upperLayerProtocol() {
    return upperLayerProtocol(header.nextHeader(), extensionHeaders.toByteArray());
  }

  static int upperLayerProtocol(int next, byte[] ext) {
    int q = 0;
    while (q + 2 <= ext.length) {
      int len;
      switch (next) {
        case IpProtocol.HOP_BY_HOP:
        case IpProtocol.ROUTING:
        case IpProtocol.DESTINATION_OPTIONS:
          len = (Bytes.u8(ext, q + 1) + 1) * 8;
          break;
        case IpProtocol.FRAGMENT:
          len = 8;
          break;
        case IpProtocol.AUTHENTICATION:
          len = (Bytes.u8(ext, q + 1) + 2) * 4;
          break;
        default:
          return next;
      }
      next = Bytes.u8(ext, q);
      q += len;
    }
    return next;
  }

  @Override
  public int etherType() {
    return EtherType.IPV6;
  }

  @Override
  public int encodedLength() {
    return Ipv6Header.LENGTH + header.payloadLength();
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    int p = header.writeTo(out, offset);
    p = extensionHeaders.copyTo(out, p);
    p = payload.writeTo(out, p);
    return surplus.copyTo(out, p);
  }

  /**
   * True when the payload's checksum verifies: CARP over its 36 bytes (no pseudo-header),
   * ICMPv6 and VRRPv3 with the IPv6 pseudo-header; true for payloads carpsim does not check.
   */
  public boolean payloadChecksumOk() {
    if (payload instanceof CarpAdvertisement ad) {
      return ad.checksumOk();
    }
    if (payload instanceof NeighborSolicitation ns) {
      return ns.checksumOk(header.source(), header.destination());
    }
    if (payload instanceof NeighborAdvertisement na) {
      return na.checksumOk(header.source(), header.destination());
    }
    if (payload instanceof Vrrp3Advertisement v) {
      return v.checksumOk(header.source(), header.destination());
    }
    return true;
  }

  /** The IPv6 pseudo-header sum (RFC 8200 §8.1) for an upper-layer message. */
  static long pseudoHeaderSum(Ipv6Address source, Ipv6Address destination, int protocol, int length) {
    byte[] b = new byte[32];
    source.write(b, 0);
    destination.write(b, 16);
    return InternetChecksum.add(0, b, 0, 32) + (length >>> 16) + (length & 0xffff) + protocol;
  }
}
