package org.carpsim.carp.wire;

import java.util.Optional;
import org.carpsim.carp.net.MacAddress;

/**
 * A decoded or to-be-sent Ethernet frame.
 *
 * @param header the Ethernet header
 * @param payload what the frame carries
 * @param trailer bytes after the payload: Ethernet padding up to 60 bytes, an FCS, or anything else
 *     a capture holds past the network-layer packet. Kept so that encoding a decoded frame gives
 *     back every byte; frames we build have none ({@link Octets#EMPTY}).
 */
public record EthernetFrame(EthernetHeader header, EthernetPayload payload, Octets trailer) implements Decoded {

  /** Shortest Ethernet frame on the wire without the FCS; shorter frames get padded. */
  public static final int MIN_LENGTH = 60;

  public EthernetFrame {
    Check.notNull("header", header);
    Check.notNull("payload", payload);
    Check.notNull("trailer", trailer);
    if (payload.etherType() >= 0 && payload.etherType() != header.etherType()) {
      throw new IllegalArgumentException(String.format(
          "EtherType 0x%04x in the header does not match the payload's 0x%04x", header.etherType(), payload.etherType()));
    }
  }

  /** A frame without trailer. */
  public EthernetFrame(EthernetHeader header, EthernetPayload payload) {
    this(header, payload, Octets.EMPTY);
  }

  /** An untagged frame whose EtherType is the payload's. */
  public static EthernetFrame of(MacAddress destination, MacAddress source, EthernetPayload payload) {
    return new EthernetFrame(EthernetHeader.of(destination, source, requireType(payload)), payload);
  }

  /** A frame with an 802.1Q tag whose inner EtherType is the payload's. */
  public static EthernetFrame tagged(MacAddress destination, MacAddress source, VlanTag vlan, EthernetPayload payload) {
    return new EthernetFrame(new EthernetHeader(destination, source, Check.notNull("vlan", vlan), requireType(payload)), payload);
  }

  private static int requireType(EthernetPayload payload) {
    if (payload.etherType() < 0) {
      throw new IllegalArgumentException("an opaque payload has no EtherType: build the EthernetHeader yourself");
    }
    return payload.etherType();
  }

  /** Number of bytes {@link #toBytes()} returns. */
  public int encodedLength() {
    return header.length() + payload.encodedLength() + trailer.length();
  }

  /** The frame's bytes (no FCS, no padding beyond the trailer). */
  public byte[] toBytes() {
    byte[] out = new byte[encodedLength()];
    writeTo(out, 0);
    return out;
  }

  /** Writes the frame at {@code offset}; returns the offset after it. */
  public int writeTo(byte[] out, int offset) {
    int p = header.writeTo(out, offset);
    p = payload.writeTo(out, p);
    return trailer.copyTo(out, p);
  }

  /** The same frame with a different trailer. */
  public EthernetFrame withTrailer(Octets newTrailer) {
    return new EthernetFrame(header, payload, newTrailer);
  }

  /** The CARP advertisement this frame carries over IPv4 or IPv6, if it carries one. */
  public Optional<CarpAdvertisement> carpAdvertisement() {
    if (payload instanceof Ipv4Packet p && p.payload() instanceof CarpAdvertisement ad) {
      return Optional.of(ad);
    }
    if (payload instanceof Ipv6Packet p && p.payload() instanceof CarpAdvertisement ad) {
      return Optional.of(ad);
    }
    return Optional.empty();
  }
}
