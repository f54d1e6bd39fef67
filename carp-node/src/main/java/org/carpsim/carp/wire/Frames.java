package org.carpsim.carp.wire;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/**
 * The single entry point from bytes to records: {@link #decode(byte[])} turns any byte array into a
 * {@link Decoded} without ever throwing, and {@link EthernetFrame#toBytes()} turns records back into
 * the exact bytes.
 *
 * <p>Protocol 112 is shared by CARP and VRRP. A payload is VRRPv3 when its version nibble is 3 and
 * it is long enough for its address count; VRRPv2 when its version is 2, its byte 3 (VRRP's count,
 * CARP's authlen) is not 7 and it is long enough — Wireshark's rule (§1.3, §2.7). One case
 * Wireshark gets wrong: a VRRPv2 packet with seven addresses has byte 3 = 7 and is 44 bytes long;
 * it is taken as VRRP when VRRP's checksum over the 44 bytes verifies and either CARP's over 36
 * does not or the last 8 bytes (VRRP's authentication data, which a CARP sender never adds) are
 * zero. Anything else of 36 bytes or more is CARP, whatever its version (a receiver counts a wrong
 * one as badver).
 */
public final class Frames {

  private Frames() {}

  /** Decodes a whole array as one Ethernet frame. Never throws. */
  public static Decoded decode(byte[] frame) {
    return decode(frame, 0, frame.length);
  }

  /**
   * Decodes {@code length} bytes at {@code offset} as one Ethernet frame. Never throws for any
   * content; offsets in a {@link DecodeError} count from {@code offset}.
   *
   * @throws IndexOutOfBoundsException only when offset and length do not lie within the array
   */
  public static Decoded decode(byte[] bytes, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    return new Decoder(bytes, offset, length).frame();
  }

  /** The Ethernet multicast MAC of an IPv4 group: 01:00:5e and the low 23 bits (224.0.0.18 → 01:00:5e:00:00:12). */
  public static MacAddress multicastMac(Ipv4Address group) {
    return new MacAddress(0x01005e000000L | (group.value() & 0x7fffff));
  }

  /** The Ethernet multicast MAC of an IPv6 group: 33:33 and the low 32 bits (ff02::12 → 33:33:00:00:00:12). */
  public static MacAddress multicastMac(Ipv6Address group) {
    return new MacAddress(0x333300000000L | (group.lo() & 0xffffffffL));
  }

  /** The frame padded with zeros to the 60-byte Ethernet minimum, as a NIC sends it. */
  public static byte[] padToMinimum(byte[] frame) {
    return frame.length >= EthernetFrame.MIN_LENGTH ? frame : java.util.Arrays.copyOf(frame, EthernetFrame.MIN_LENGTH);
  }

  /** One decoding pass over one frame; offsets are absolute in {@link #b}. */
  private static final class Decoder {
    private final byte[] b;
    private final int start;
    private final int end;

    Decoder(byte[] b, int start, int length) {
      this.b = b;
      this.start = start;
      this.end = start + length;
    }

    private DecodeError error(DecodeError.Kind kind, int at, String detail) {
      return DecodeError.of(kind, at - start, detail);
    }

    Decoded frame() {
      int len = end - start;
      if (len < EthernetHeader.LENGTH) {
        return error(DecodeError.Kind.ETHERNET_TRUNCATED, start,
            "frame has " + len + " bytes, an Ethernet header needs " + EthernetHeader.LENGTH);
      }
      MacAddress dst = MacAddress.read(b, start);
      MacAddress src = MacAddress.read(b, start + 6);
      int type = Bytes.u16(b, start + 12);
      VlanTag vlan = null;
      int p = start + EthernetHeader.LENGTH;
      if (type == EtherType.VLAN) {
        if (len < EthernetHeader.TAGGED_LENGTH) {
          return error(DecodeError.Kind.VLAN_TRUNCATED, start + 12,
              "frame has " + len + " bytes, an 802.1Q-tagged header needs " + EthernetHeader.TAGGED_LENGTH);
        }
        vlan = VlanTag.fromTci(Bytes.u16(b, start + 14));
        type = Bytes.u16(b, start + 16);
        p = start + EthernetHeader.TAGGED_LENGTH;
      }
      EthernetHeader header = new EthernetHeader(dst, src, vlan, type);
      switch (type) {
        case EtherType.ARP:
          return arp(header, p);
        case EtherType.IPV4:
          return ipv4(header, p);
        case EtherType.IPV6:
          return ipv6(header, p);
        default:
          return new EthernetFrame(header, new OpaquePayload(Octets.copyOf(b, p, end - p)));
      }
    }

    private Decoded arp(EthernetHeader header, int p) {
      int avail = end - p;
      if (avail < 8) {
        return error(DecodeError.Kind.ARP_TRUNCATED, p, "ARP packet has " + avail + " bytes, its fixed part needs 8");
      }
      boolean ethernetIpv4 = Bytes.u16(b, p) == 1 && Bytes.u16(b, p + 2) == EtherType.IPV4
          && Bytes.u8(b, p + 4) == 6 && Bytes.u8(b, p + 5) == 4;
      if (!ethernetIpv4) {
        return new EthernetFrame(header, new OpaquePayload(Octets.copyOf(b, p, avail)));
      }
      if (avail < ArpPacket.LENGTH) {
        return error(DecodeError.Kind.ARP_TRUNCATED, p,
            "Ethernet/IPv4 ARP packet has " + avail + " bytes, needs " + ArpPacket.LENGTH);
      }
      ArpPacket arp = new ArpPacket(Bytes.u16(b, p + 6), MacAddress.read(b, p + 8), Ipv4Address.read(b, p + 14),
          MacAddress.read(b, p + 18), Ipv4Address.read(b, p + 24));
      return new EthernetFrame(header, arp, trailer(p + ArpPacket.LENGTH));
    }

    private Octets trailer(int from) {
      return from >= end ? Octets.EMPTY : Octets.copyOf(b, from, end - from);
    }

    private Decoded ipv4(EthernetHeader eth, int p) {
      int avail = end - p;
      if (avail < Ipv4Header.MIN_LENGTH) {
        return error(DecodeError.Kind.IPV4_TRUNCATED, p, "IPv4 header has " + avail + " bytes, needs 20");
      }
      int version = Bytes.u8(b, p) >>> 4;
      if (version != 4) {
        return error(DecodeError.Kind.IPV4_BAD_VERSION, p, "IP version " + version + " under EtherType 0x0800, expected 4");
      }
      int ihl = (Bytes.u8(b, p) & 0xf) * 4;
      int total = Bytes.u16(b, p + 2);
      if (ihl < Ipv4Header.MIN_LENGTH) {
        return error(DecodeError.Kind.IPV4_BAD_HEADER_LENGTH, p, "IPv4 header length " + ihl + " is below 20");
      }
      if (total < ihl) {
        return error(DecodeError.Kind.IPV4_BAD_HEADER_LENGTH, p + 2,
            "IPv4 total length " + total + " is shorter than its header length " + ihl);
      }
      if (total > avail) {
        return error(DecodeError.Kind.IPV4_TOTAL_LENGTH_EXCEEDS_FRAME, p + 2,
            "IPv4 total length " + total + " runs past the frame, which holds " + avail + " bytes from the IP header on");
      }
      int flagsFrag = Bytes.u16(b, p + 6);
      int ttl = Bytes.u8(b, p + 8);
      int protocol = Bytes.u8(b, p + 9);
      Ipv4Address src = Ipv4Address.read(b, p + 12);
      Ipv4Address dst = Ipv4Address.read(b, p + 16);
      Ipv4Header h = new Ipv4Header(Bytes.u8(b, p + 1), total, Bytes.u16(b, p + 4), flagsFrag >>> 13, flagsFrag & 0x1fff,
          ttl, protocol, Bytes.u16(b, p + 10), src, dst, Octets.copyOf(b, p + Ipv4Header.MIN_LENGTH, ihl - Ipv4Header.MIN_LENGTH));
      int s = p + ihl;
      int n = total - ihl;
      Octets trailer = trailer(p + total);
      if (h.isFragment() || protocol != IpProtocol.CARP) {
        return new EthernetFrame(eth, new Ipv4Packet(h, new OpaquePayload(Octets.copyOf(b, s, n))), trailer);
      }
      // Protocol 112: VRRP or CARP.
      int version112 = n >= 1 ? Bytes.u8(b, s) >>> 4 : -1;
      if (n >= 8 && version112 == 3) {
        int count = Bytes.u8(b, s + 3);
        if (n >= 8 + 4 * count) {
          return withSurplus4(eth, h, vrrp3(s, count, 4), s, n, trailer);
        }
      }
      if (n >= 8 && version112 == 2 && Bytes.u8(b, s + 3) != CarpAdvertisement.AUTH_LENGTH) {
        int count = Bytes.u8(b, s + 3);
        if (n >= 16 + 4 * count) {
          return withSurplus4(eth, h, vrrp2(s, count), s, n, trailer);
        }
      }
      if (n >= CarpAdvertisement.LENGTH) {
        if (looksLikeVrrp2WithSevenAddresses(s, n)) {
          return withSurplus4(eth, h, vrrp2(s, 7), s, n, trailer);
        }
        return withSurplus4(eth, h, CarpAdvertisement.read(b, s), s, n, trailer);
      }
      return carpTooShort(DecodeError.Kind.CARP_TOO_SHORT_IPV4, s, n, ttl);
    }

    private DecodeError carpTooShort(DecodeError.Kind kind, int s, int n, int ttl) {
      // OpenBSD checks the TTL before the length (§5.6), so a short packet with a bad TTL is badttl.
      String detail = "IP protocol 112 payload has " + n + " bytes: a CARP advertisement needs 36, and it is no complete VRRP packet"
          + (ttl != 255 ? " (and its TTL is " + ttl + ", not 255)" : "");
      return new DecodeError(kind, s - start, detail, ttl != 255 ? CarpStat.BADTTL : CarpStat.BADLEN);
    }

    /**
     * A VRRPv2 packet with seven addresses has byte 3 = 7 like CARP; it is 44 bytes long. Zero
     * authentication data add nothing to a checksum, so then both checksums verify: the zeros decide.
     */
    private boolean looksLikeVrrp2WithSevenAddresses(int s, int n) {
      if (n != 44 || Bytes.u8(b, s) != 0x21 || Bytes.u8(b, s + 3) != 7 || Bytes.u8(b, s + 4) > 2
          || !InternetChecksum.verifies(b, s, 44)) {
        return false;
      }
      return !InternetChecksum.verifies(b, s, CarpAdvertisement.LENGTH) || Bytes.i64(b, s + 36) == 0;
    }

    private EthernetFrame withSurplus4(EthernetHeader eth, Ipv4Header h, IpPayload payload, int s, int n, Octets trailer) {
      int used = payload.encodedLength();
      return new EthernetFrame(eth, new Ipv4Packet(h, payload, surplus(s + used, n - used)), trailer);
    }

    private Octets surplus(int from, int length) {
      return length == 0 ? Octets.EMPTY : Octets.copyOf(b, from, length);
    }

    private Vrrp2Advertisement vrrp2(int s, int count) {
      List<Ipv4Address> addresses = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        addresses.add(Ipv4Address.read(b, s + 8 + 4 * i));
      }
      return new Vrrp2Advertisement(Bytes.u8(b, s) & 0xf, Bytes.u8(b, s + 1), Bytes.u8(b, s + 2), Bytes.u8(b, s + 4),
          Bytes.u8(b, s + 5), Bytes.u16(b, s + 6), addresses, Octets.copyOf(b, s + 8 + 4 * count, 8));
    }

    private Vrrp3Advertisement vrrp3(int s, int count, int addressLength) {
      List<Ipv4Address> v4 = new ArrayList<>();
      List<Ipv6Address> v6 = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int at = s + 8 + addressLength * i;
        if (addressLength == 4) {
          v4.add(Ipv4Address.read(b, at));
        } else {
          v6.add(Ipv6Address.read(b, at));
        }
      }
      int word = Bytes.u16(b, s + 4);
      return new Vrrp3Advertisement(Bytes.u8(b, s) & 0xf, Bytes.u8(b, s + 1), Bytes.u8(b, s + 2), word >>> 12, word & 0xfff,
          Bytes.u16(b, s + 6), v4, v6);
    }

    private Decoded ipv6(EthernetHeader eth, int p) {
      int avail = end - p;
      if (avail < Ipv6Header.LENGTH) {
        return error(DecodeError.Kind.IPV6_TRUNCATED, p, "IPv6 header has " + avail + " bytes, needs 40");
      }
      int first = Bytes.i32(b, p);
      int version = first >>> 28;
      if (version != 6) {
        return error(DecodeError.Kind.IPV6_BAD_VERSION, p, "IP version " + version + " under EtherType 0x86dd, expected 6");
      }
      int payloadLength = Bytes.u16(b, p + 4);
      if (Ipv6Header.LENGTH + payloadLength > avail) {
        return error(DecodeError.Kind.IPV6_PAYLOAD_LENGTH_EXCEEDS_FRAME, p + 4,
            "IPv6 payload length " + payloadLength + " runs past the frame, which holds " + (avail - Ipv6Header.LENGTH)
                + " bytes after the IPv6 header");
      }
      int nextHeader = Bytes.u8(b, p + 6);
      int hopLimit = Bytes.u8(b, p + 7);
      Ipv6Header h = new Ipv6Header((first >>> 20) & 0xff, first & 0xfffff, payloadLength, nextHeader, hopLimit,
          Ipv6Address.read(b, p + 8), Ipv6Address.read(b, p + 24));
      int payloadEnd = p + Ipv6Header.LENGTH + payloadLength;
      Octets trailer = trailer(payloadEnd);
      int q = p + Ipv6Header.LENGTH;
      int next = nextHeader;
      boolean fragment = false;
      walk:
      while (true) {
        int len;
        switch (next) {
          case IpProtocol.HOP_BY_HOP:
          case IpProtocol.ROUTING:
          case IpProtocol.DESTINATION_OPTIONS:
            if (payloadEnd - q < 2) {
              return extensionTruncated(q, next);
            }
            len = (Bytes.u8(b, q + 1) + 1) * 8;
            break;
          case IpProtocol.FRAGMENT:
            len = 8;
            break;
          case IpProtocol.AUTHENTICATION:
            if (payloadEnd - q < 2) {
              return extensionTruncated(q, next);
            }
            len = (Bytes.u8(b, q + 1) + 2) * 4;
            break;
          default:
            break walk;
        }
        if (payloadEnd - q < len) {
          return extensionTruncated(q, next);
        }
        int following = Bytes.u8(b, q);
        if (next == IpProtocol.FRAGMENT) {
          int offsetAndFlags = Bytes.u16(b, q + 2);
          fragment = (offsetAndFlags >>> 3) != 0 || (offsetAndFlags & 1) != 0;
        }
        next = following;
        q += len;
        if (fragment) {
          break;
        }
      }
      Octets ext = surplus(p + Ipv6Header.LENGTH, q - (p + Ipv6Header.LENGTH));
      int n = payloadEnd - q;
      if (fragment || (next != IpProtocol.CARP && next != IpProtocol.ICMPV6)) {
        return new EthernetFrame(eth, new Ipv6Packet(h, ext, new OpaquePayload(Octets.copyOf(b, q, n)), Octets.EMPTY), trailer);
      }
      if (next == IpProtocol.ICMPV6) {
        return icmpv6(eth, h, ext, q, n, trailer);
      }
      int version112 = n >= 1 ? Bytes.u8(b, q) >>> 4 : -1;
      if (n >= 8 && version112 == 3) {
        int count = Bytes.u8(b, q + 3);
        if (n >= 8 + 16 * count) {
          Vrrp3Advertisement v = vrrp3(q, count, 16);
          return new EthernetFrame(eth, new Ipv6Packet(h, ext, v, surplus(q + v.encodedLength(), n - v.encodedLength())), trailer);
        }
      }
      if (n >= CarpAdvertisement.LENGTH) {
        return new EthernetFrame(eth,
            new Ipv6Packet(h, ext, CarpAdvertisement.read(b, q), surplus(q + CarpAdvertisement.LENGTH, n - CarpAdvertisement.LENGTH)),
            trailer);
      }
      return carpTooShort(DecodeError.Kind.CARP_TOO_SHORT_IPV6, q, n, hopLimit);
    }

    private DecodeError extensionTruncated(int q, int type) {
      return error(DecodeError.Kind.IPV6_EXTENSION_HEADER_TRUNCATED, q,
          "IPv6 extension header " + type + " runs past the IPv6 payload");
    }

    private Decoded icmpv6(EthernetHeader eth, Ipv6Header h, Octets ext, int q, int n, Octets trailer) {
      if (n < 4) {
        return error(DecodeError.Kind.ICMPV6_TRUNCATED, q, "ICMPv6 message has " + n + " bytes, its header needs 4");
      }
      int type = Bytes.u8(b, q);
      if (type != NeighborSolicitation.ICMPV6_TYPE && type != NeighborAdvertisement.ICMPV6_TYPE) {
        return new EthernetFrame(eth, new Ipv6Packet(h, ext, new OpaquePayload(Octets.copyOf(b, q, n)), Octets.EMPTY), trailer);
      }
      String name = type == NeighborSolicitation.ICMPV6_TYPE ? "neighbour solicitation" : "neighbour advertisement";
      if (n < 24) {
        return error(DecodeError.Kind.ND_TRUNCATED, q, name + " has " + n + " bytes, needs 24");
      }
      List<NdOption> options = new ArrayList<>(1);
      int o = q + 24;
      int stop = q + n;
      while (o < stop) {
        if (stop - o < 2) {
          return error(DecodeError.Kind.ND_BAD_OPTION, o, name + ": " + (stop - o) + " byte(s) left, too few for an option");
        }
        int units = Bytes.u8(b, o + 1);
        if (units == 0) {
          return error(DecodeError.Kind.ND_BAD_OPTION, o + 1, name + ": option " + Bytes.u8(b, o) + " has length 0");
        }
        if (o + units * 8 > stop) {
          return error(DecodeError.Kind.ND_BAD_OPTION, o + 1, name + ": option " + Bytes.u8(b, o) + " of " + units * 8
              + " bytes runs past the message (" + (stop - o) + " left)");
        }
        options.add(new NdOption(Bytes.u8(b, o), Octets.copyOf(b, o + 2, units * 8 - 2)));
        o += units * 8;
      }
      int code = Bytes.u8(b, q + 1);
      int checksum = Bytes.u16(b, q + 2);
      int word = Bytes.i32(b, q + 4);
      Ipv6Address target = Ipv6Address.read(b, q + 8);
      IpPayload message = type == NeighborSolicitation.ICMPV6_TYPE
          ? new NeighborSolicitation(code, checksum, word, target, options)
          : new NeighborAdvertisement(code, checksum, word < 0, (word & 1 << 30) != 0, (word & 1 << 29) != 0, word & 0x1fff_ffff,
              target, options);
      return new EthernetFrame(eth, new Ipv6Packet(h, ext, message, Octets.EMPTY), trailer);
    }
  }
}
