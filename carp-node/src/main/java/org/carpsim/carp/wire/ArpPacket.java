package org.carpsim.carp.wire;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;

/**
 * An ARP packet for IPv4 over Ethernet (hardware type 1, protocol 0x0800, lengths 6 and 4). Other
 * ARP flavours decode as {@link OpaquePayload}.
 *
 * @param operation 1 request, 2 reply (others are kept as they are)
 * @param senderMac sha
 * @param senderIp spa
 * @param targetMac tha
 * @param targetIp tpa
 */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp)
    implements EthernetPayload {

  public static final int REQUEST = 1;
  public static final int REPLY = 2;
  /** Bytes of an Ethernet/IPv4 ARP packet. */
  public static final int LENGTH = 28;

  public ArpPacket {
    Check.u16("ARP operation", operation);
    Check.notNull("senderMac", senderMac);
    Check.notNull("senderIp", senderIp);
    Check.notNull("targetMac", targetMac);
    Check.notNull("targetIp", targetIp);
  }

  /**
   * A gratuitous ARP request announcing {@code ip} at {@code mac}: spa = tpa = ip, as OpenBSD's
   * {@code arprequest} sends it with tha 00:00:00:00:00:00, ucarp with tha = its own MAC.
   */
  public static ArpPacket gratuitousRequest(MacAddress mac, Ipv4Address ip, MacAddress targetMac) {
    return new ArpPacket(REQUEST, mac, ip, targetMac, ip);
  }

  /** Sender IP equals target IP: an announcement rather than a question. */
  public boolean isGratuitous() {
    return senderIp.equals(targetIp);
  }

  @Override
  public int etherType() {
    return EtherType.ARP;
  }

  @Override
  public int encodedLength() {
    return LENGTH;
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    Bytes.put16(out, offset, 1);
    Bytes.put16(out, offset + 2, EtherType.IPV4);
    out[offset + 4] = 6;
    out[offset + 5] = 4;
    Bytes.put16(out, offset + 6, operation);
    senderMac.write(out, offset + 8);
    senderIp.write(out, offset + 14);
    targetMac.write(out, offset + 18);
    targetIp.write(out, offset + 24);
    return offset + LENGTH;
  }
}
