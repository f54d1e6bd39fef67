package org.carpsim.carp.node;

import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;

/**
 * Builds the frames a node sends. Advertisements and ARP packets are written byte by byte into one
 * fresh array (they are sent every second by every master); the rare neighbour advertisements go
 * through the wire codecs. Frames are not padded to 60 bytes: padding is the NIC's business.
 */
final class Emitter {

  /** Ethernet + IPv4 + CARP. */
  static final int AD4_LENGTH = 14 + 20 + 36;
  /** Ethernet + IPv6 + CARP. */
  static final int AD6_LENGTH = 14 + 40 + 36;
  /** Ethernet + ARP. */
  static final int ARP_LENGTH = 14 + 28;

  private Emitter() {}

  /** The 36-byte CARP header with its checksum at {@code off}. */
  static void carpHeader(byte[] b, int off, int vhid, int advskew, int demote, int advbase, long counter, byte[] md) {
    b[off] = 0x21;
    b[off + 1] = (byte) vhid;
    b[off + 2] = (byte) advskew;
    b[off + 3] = 7;
    b[off + 4] = (byte) demote;
    b[off + 5] = (byte) advbase;
    b[off + 6] = 0;
    b[off + 7] = 0;
    Bytes.put64(b, off + 8, counter);
    System.arraycopy(md, 0, b, off + 16, 20);
    Bytes.put16(b, off + 6, InternetChecksum.compute(b, off, 36));
  }

  /** An IPv4 advertisement frame (70 bytes): DF, protocol 112, the given TOS, ID and TTL. */
  static byte[] ad4(long dstMac, long srcMac, int tos, int id, int ttl, int srcIp, int dstIp, int vhid, int advskew,
      int demote, int advbase, long counter, byte[] md) {
    byte[] b = new byte[AD4_LENGTH];
    Bytes.putMac(b, 0, dstMac);
    Bytes.putMac(b, 6, srcMac);
    Bytes.put16(b, 12, Wire.ETHERTYPE_IPV4);
    int ip = 14;
    b[ip] = 0x45;
    b[ip + 1] = (byte) tos;
    Bytes.put16(b, ip + 2, 56);
    Bytes.put16(b, ip + 4, id);
    Bytes.put16(b, ip + 6, 0x4000);
    b[ip + 8] = (byte) ttl;
    b[ip + 9] = (byte) Wire.PROTO_CARP;
    Bytes.put32(b, ip + 12, srcIp);
    Bytes.put32(b, ip + 16, dstIp);
    Bytes.put16(b, ip + 10, InternetChecksum.compute(b, ip, 20));
    carpHeader(b, ip + 20, vhid, advskew, demote, advbase, counter, md);
    return b;
  }

  /** An IPv6 advertisement frame (90 bytes): hop limit 255, next header 112. */
  static byte[] ad6(long dstMac, long srcMac, int trafficClass, Ipv6Address src, Ipv6Address dst, int vhid,
      int advskew, int demote, int advbase, long counter, byte[] md) {
    byte[] b = new byte[AD6_LENGTH];
    Bytes.putMac(b, 0, dstMac);
    Bytes.putMac(b, 6, srcMac);
    Bytes.put16(b, 12, Wire.ETHERTYPE_IPV6);
    int ip = 14;
    Bytes.put32(b, ip, 6 << 28 | (trafficClass & 0xff) << 20);
    Bytes.put16(b, ip + 4, 36);
    b[ip + 6] = (byte) Wire.PROTO_CARP;
    b[ip + 7] = (byte) 255;
    src.write(b, ip + 8);
    dst.write(b, ip + 24);
    carpHeader(b, ip + 40, vhid, advskew, demote, advbase, counter, md);
    return b;
  }

  /** An Ethernet/IPv4 ARP packet (42 bytes). */
  static byte[] arp(long ethDst, long ethSrc, int op, long sha, int spa, long tha, int tpa) {
    byte[] b = new byte[ARP_LENGTH];
    Bytes.putMac(b, 0, ethDst);
    Bytes.putMac(b, 6, ethSrc);
    Bytes.put16(b, 12, Wire.ETHERTYPE_ARP);
    int a = 14;
    Bytes.put16(b, a, 1);
    Bytes.put16(b, a + 2, Wire.ETHERTYPE_IPV4);
    b[a + 4] = 6;
    b[a + 5] = 4;
    Bytes.put16(b, a + 6, op);
    Bytes.putMac(b, a + 8, sha);
    Bytes.put32(b, a + 14, spa);
    Bytes.putMac(b, a + 18, tha);
    Bytes.put32(b, a + 24, tpa);
    return b;
  }

  /** An ICMPv6 neighbour advertisement with a target link-layer option, hop limit 255. */
  static byte[] na(MacAddress ethDst, MacAddress ethSrc, Ipv6Address src, Ipv6Address dst, boolean router,
      boolean solicited, Ipv6Address target, MacAddress targetLinkLayer) {
    NeighborAdvertisement na = NeighborAdvertisement.of(router, solicited, true, target, targetLinkLayer);
    return EthernetFrame.of(ethDst, ethSrc, Ipv6Packet.of(0, 0, 255, src, dst, na)).toBytes();
  }
}
