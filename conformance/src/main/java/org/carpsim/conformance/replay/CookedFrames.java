package org.carpsim.conformance.replay;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.Frames;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapFormat;

/**
 * Turns a captured record into the Ethernet frame to inject, or says why it cannot be.
 *
 * <p>Ethernet records are sent as they are. Linux cooked captures (SLL, SLL2: {@code tcpdump -i
 * any}) replace the Ethernet header by a pseudo header that keeps the source MAC and the
 * EtherType but not the destination MAC; the frame is rebuilt only when the destination follows
 * from the packet itself: broadcast (the cooked packet type says so, or it is an ARP request),
 * IPv4 multicast (01:00:5e + the low 23 bits of the group, e.g. CARP's 224.0.0.18) or IPv6
 * multicast (33:33 + the low 32 bits). A unicast frame's destination is unknowable, so such a
 * record is refused rather than sent to a made-up address.
 */
public final class CookedFrames {

  private static final int PACKET_BROADCAST = 1;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86dd;
  private static final int ETHERTYPE_ARP = 0x0806;

  private CookedFrames() {}

  /** The frame to inject, or the reason this record cannot be injected. */
  public sealed interface Conversion permits Ready, Refused {}

  /** An injectable Ethernet frame. */
  public record Ready(byte[] frame) implements Conversion {}

  /** A record that is not sent, with the reason in words. */
  public record Refused(String reason) implements Conversion {}

  /** Converts {@code r} (see the class comment for the rules). */
  public static Conversion toEthernet(CaptureRecord r) {
    if (r.isTruncated()) {
      return new Refused("cut to " + r.capturedLength() + " of " + r.originalLength()
          + " bytes by the capture's snap length; sending a partial frame would be a different frame");
    }
    switch (r.linkType()) {
      case PcapFormat.LINKTYPE_ETHERNET:
        if (r.capturedLength() < 14) {
          return new Refused("only " + r.capturedLength() + " bytes: shorter than an Ethernet header");
        }
        return new Ready(r.data());
      case PcapFormat.LINKTYPE_LINUX_SLL:
      case PcapFormat.LINKTYPE_LINUX_SLL2:
        return cooked(r);
      default:
        return new Refused("link type " + r.linkType() + " cannot be injected on Ethernet (only Ethernet, "
            + "Linux cooked SLL and SLL2 captures can)");
    }
  }

  private static Conversion cooked(CaptureRecord r) {
    byte[] frame = r.ethernetView();
    if (frame.length == 0) {
      return new Refused("Linux cooked header cut short");
    }
    byte[] raw = r.data();
    boolean sll2 = r.linkType() == PcapFormat.LINKTYPE_LINUX_SLL2;
    int packetType = sll2 ? raw[10] & 0xff : u16(raw, 0);
    int arphrd = sll2 ? u16(raw, 8) : u16(raw, 2);
    int addrLen = sll2 ? raw[11] & 0xff : u16(raw, 4);
    if (arphrd != 1 || addrLen != 6) {
      return new Refused("Linux cooked record without an Ethernet source address (ARPHRD " + arphrd
          + ", address length " + addrLen + "): not captured on an Ethernet NIC");
    }
    MacAddress destination = destination(frame, packetType);
    if (destination == null) {
      return new Refused("Linux cooked capture does not record the destination MAC of a unicast frame "
          + "(capture on the NIC, not 'any', to replay it)");
    }
    destination.write(frame, 0);
    return new Ready(frame);
  }

  /** The destination MAC implied by the packet, or null when it cannot be known. */
  private static MacAddress destination(byte[] frame, int packetType) {
    if (packetType == PACKET_BROADCAST) {
      return MacAddress.BROADCAST;
    }
    int etherType = u16(frame, 12);
    if (etherType == ETHERTYPE_ARP && frame.length >= 14 + 8 && u16(frame, 20) == 1) {
      return MacAddress.BROADCAST; // ARP requests, gratuitous ones included, are broadcast
    }
    if (etherType == ETHERTYPE_IPV4 && frame.length >= 14 + 20) {
      Ipv4Address dst = Ipv4Address.read(frame, 14 + 16);
      return dst.isMulticast() ? Frames.multicastMac(dst) : dst.equals(Ipv4Address.of(255, 255, 255, 255)) ? MacAddress.BROADCAST : null;
    }
    if (etherType == ETHERTYPE_IPV6 && frame.length >= 14 + 40 && (frame[14 + 24] & 0xff) == 0xff) {
      long low = (frame[14 + 36] & 0xffL) << 24 | (frame[14 + 37] & 0xffL) << 16 | (frame[14 + 38] & 0xffL) << 8
          | (frame[14 + 39] & 0xffL);
      return new MacAddress(0x3333_0000_0000L | low);
    }
    return null;
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }
}
