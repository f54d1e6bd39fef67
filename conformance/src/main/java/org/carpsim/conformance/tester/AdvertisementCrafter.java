package org.carpsim.conformance.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.IpPayload;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Header;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.carp.wire.Octets;
import org.carpsim.carp.wire.OpaquePayload;
import org.carpsim.carp.wire.Vrrp2Advertisement;
import org.carpsim.carp.wire.Vrrp3Advertisement;

/**
 * Crafts the frames the tester injects: CARP advertisements over IPv4 (to 224.0.0.18) or IPv6 (to
 * ff02::12, hop limit 255) for the IUT's vhid, pass and VIPs in the IUT's HMAC scheme — valid ones,
 * bow-outs, or ones with exactly one {@link Fault} — ARP requests and neighbour solicitations for a
 * VIP. The HMAC covers the IPv4 and the IPv6 VIPs, as the IUT's does (§2), whichever family carries
 * the advertisement.
 */
public final class AdvertisementCrafter {

  /** IP protocol number of CARP (and VRRP). */
  static final int PROTO_CARP = 112;
  /** Bytes C7's truncated CARP header keeps. */
  static final int SHORT_LENGTH = 28;
  /** Bytes C9 appends inside the IP packet. */
  static final int TRAILING = 8;

  private final HmacScheme scheme;
  private final int vhid;
  private final List<Ipv4Address> vips;
  private final List<Ipv6Address> vips6;
  private final CarpHmac hmac;
  private final CarpHmac wrongPass;
  private final CarpHmac wrongVips;

  /**
   * @param scheme the IUT's HMAC scheme (its profile's)
   * @param vhid the only vhid this crafter makes advertisements for
   * @param pass the IUT's passphrase (kept only as a derived key)
   * @param vips the IUT's IPv4 VIPs in its configuration order
   */
  public AdvertisementCrafter(HmacScheme scheme, int vhid, String pass, List<Ipv4Address> vips) {
    this(scheme, vhid, pass, vips, List.of());
  }

  /**
   * @param vips6 the IUT's IPv6 VIPs in its configuration order
   * @throws IllegalArgumentException if the scheme cannot hash these addresses (ucarp: one IPv4 VIP)
   */
  public AdvertisementCrafter(HmacScheme scheme, int vhid, String pass, List<Ipv4Address> vips,
      List<Ipv6Address> vips6) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.vhid = vhid;
    this.vips = List.copyOf(vips);
    this.vips6 = List.copyOf(vips6);
    this.hmac = CarpHmac.prepare(scheme, CarpKey.derive(scheme, pass), vhid, vips, vips6, null);
    String other = "wrongpass".equals(pass) ? "otherpass" : "wrongpass";
    this.wrongPass = CarpHmac.prepare(scheme, CarpKey.derive(scheme, other), vhid, vips, vips6, null);
    List<Ipv4Address> flipped = new ArrayList<>();
    for (Ipv4Address v : vips) {
      flipped.add(new Ipv4Address(v.value() ^ 1));
    }
    List<Ipv6Address> flipped6 = new ArrayList<>();
    for (Ipv6Address v : vips6) {
      flipped6.add(new Ipv6Address(v.hi(), v.lo() ^ 1));
    }
    this.wrongVips = CarpHmac.prepare(scheme, CarpKey.derive(scheme, pass), vhid, flipped, flipped6, null);
  }

  /** The vhid of every advertisement this crafter makes. */
  public int vhid() {
    return vhid;
  }

  /** The HMAC scheme used. */
  public HmacScheme scheme() {
    return scheme;
  }

  /** The vhid C4 sends: the next one, 1..255, never the IUT's. */
  public int otherVhid() {
    return vhid % 255 + 1;
  }

  /**
   * One complete Ethernet frame (padded to 60 bytes) carrying an advertisement from {@code source}
   * with {@code mac} as Ethernet source to 224.0.0.18, demote byte 0, with {@code fault} (NONE:
   * valid).
   */
  public byte[] advertisement(MacAddress mac, Ipv4Address source, int advbase, int advskew, long counter, int ipId,
      Fault fault) {
    return advertisement(mac, source, advbase, advskew, 0, counter, ipId, fault);
  }

  /** {@link #advertisement(MacAddress, Ipv4Address, int, int, long, int, Fault)} with a demote byte. */
  public byte[] advertisement(MacAddress mac, Ipv4Address source, int advbase, int advskew, int demote, long counter,
      int ipId, Fault fault) {
    Octets[] surplusOut = new Octets[1];
    IpPayload payload = payload(advbase, advskew, demote, counter, fault, surplusOut);
    Octets surplus = surplusOut[0];
    int ttl = fault == Fault.TTL_64 ? 64 : 255;
    Ipv4Header header = Ipv4Header.create(0x10, ipId & 0xffff, Ipv4Header.DONT_FRAGMENT, ttl, PROTO_CARP, source,
        Ipv4Address.CARP_GROUP, payload.encodedLength() + surplus.length());
    Ipv4Packet ip = new Ipv4Packet(header, payload, surplus);
    return Frames.padToMinimum(EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), mac, ip).toBytes());
  }

  /**
   * An advertisement over IPv6: from {@code source} (the tester's link-local address) to ff02::12,
   * hop limit 255 (64 for {@link Fault#TTL_64}), next header 112, with {@code fault} (NONE: valid).
   * {@link Fault#VRRP2} becomes a VRRPv3 advertisement (VRID = vhid, priority 0, the first IPv6
   * VIP): VRRPv2 has no IPv6 form, and VRRPv3 is what shares ff02::12 and protocol 112 with CARP.
   */
  public byte[] advertisement6(MacAddress mac, Ipv6Address source, int advbase, int advskew, int demote, long counter,
      Fault fault) {
    if (fault == Fault.VRRP2) {
      // over IPv6 the VRRP that shares protocol 112 and ff02::12 is VRRPv3 (RFC 5798): 24 bytes with one address
      Ipv6Address address = vips6.isEmpty() ? source : vips6.get(0);
      Vrrp3Advertisement v = new Vrrp3Advertisement(1, vhid, 0, 0, Math.min(advbase * 100, 0xfff), 0, List.of(),
          List.of(address)).withCorrectChecksum(source, Ipv6Address.CARP_GROUP);
      Ipv6Packet ip = Ipv6Packet.of(0, 0, 255, source, Ipv6Address.CARP_GROUP, v);
      return Frames.padToMinimum(EthernetFrame.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), mac, ip).toBytes());
    }
    Octets[] surplusOut = new Octets[1];
    IpPayload payload = payload(advbase, advskew, demote, counter, fault, surplusOut);
    Octets surplus = surplusOut[0];
    int hopLimit = fault == Fault.TTL_64 ? 64 : 255;
    Ipv6Header header = new Ipv6Header(0, 0, payload.encodedLength() + surplus.length(), PROTO_CARP, hopLimit, source,
        Ipv6Address.CARP_GROUP);
    Ipv6Packet ip = new Ipv6Packet(header, Octets.EMPTY, payload, surplus);
    return Frames.padToMinimum(EthernetFrame.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), mac, ip).toBytes());
  }

  /** A bow-out over IPv6 (advbase 255, advskew 255). */
  public byte[] bowOut6(MacAddress mac, Ipv6Address source, long counter) {
    return advertisement6(mac, source, CarpAdvertisement.BOW_OUT, CarpAdvertisement.BOW_OUT, 0, counter, Fault.NONE);
  }

  /**
   * A neighbour solicitation "who has {@code target}" from {@code source} (the tester's link-local
   * address) and {@code mac} to the target's solicited-node group, hop limit 255, with the source
   * link-layer address option (RFC 4861 §7.2.2).
   */
  public static byte[] neighborSolicitation(MacAddress mac, Ipv6Address source, Ipv6Address target) {
    Ipv6Address group = solicitedNode(target);
    Ipv6Packet ip = Ipv6Packet.of(0, 0, 255, source, group, NeighborSolicitation.of(target, mac));
    return Frames.padToMinimum(EthernetFrame.of(Frames.multicastMac(group), mac, ip).toBytes());
  }

  /** ff02::1:ffXX:XXXX, the solicited-node group of {@code a} (RFC 4291 §2.7.1). */
  public static Ipv6Address solicitedNode(Ipv6Address a) {
    return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (a.lo() & 0xff_ffffL));
  }

  private IpPayload payload(int advbase, int advskew, int demote, long counter, Fault fault, Octets[] surplusOut) {
    CarpHmac h = fault == Fault.WRONG_PASS ? wrongPass : fault == Fault.WRONG_VIPS ? wrongVips : hmac;
    int adVhid = fault == Fault.OTHER_VHID ? otherVhid() : vhid;
    CarpAdvertisement ad = CarpAdvertisement.create(adVhid, advskew, demote, advbase, counter, h.compute(counter));
    IpPayload payload = ad;
    Octets surplus = Octets.EMPTY;
    switch (fault) {
      case BAD_CHECKSUM -> payload = new CarpAdvertisement(ad.version(), ad.type(), ad.vhid(), ad.advskew(),
          ad.authLength(), ad.demote(), ad.advbase(), ad.checksum() ^ 0x0101, ad.counter(), ad.hmac());
      case BAD_VERSION -> payload = new CarpAdvertisement(3, ad.type(), ad.vhid(), ad.advskew(), ad.authLength(),
          ad.demote(), ad.advbase(), 0, ad.counter(), ad.hmac()).withCorrectChecksum();
      case ODD_TYPE_AUTHLEN -> payload = new CarpAdvertisement(ad.version(), 2, ad.vhid(), ad.advskew(), 0,
          ad.demote(), ad.advbase(), 0, ad.counter(), ad.hmac()).withCorrectChecksum();
      case SHORT -> payload = new OpaquePayload(Octets.copyOf(ad.toBytes(), 0, SHORT_LENGTH));
      case VRRP2 -> payload = new Vrrp2Advertisement(1, vhid, advskew, 0, advbase, 0, vips.subList(0, 1),
          Octets.zeros(8)).withCorrectChecksum();
      case TRAILING_BYTES -> surplus = Octets.fromHex("dec0ade5c0ffee00");
      default -> {
        // the valid advertisement, or a fault outside the CARP header (TTL, vhid, HMAC)
      }
    }
    surplusOut[0] = surplus;
    return payload;
  }

  /** A bow-out advertisement (advbase 255, advskew 255, §4.3): a backup IUT takes over at once. */
  public byte[] bowOut(MacAddress mac, Ipv4Address source, long counter, int ipId) {
    return advertisement(mac, source, CarpAdvertisement.BOW_OUT, CarpAdvertisement.BOW_OUT, 0, counter, ipId,
        Fault.NONE);
  }

  /** A broadcast ARP request "who has {@code target}? tell {@code source}" from {@code mac}. */
  public static byte[] arpRequest(MacAddress mac, Ipv4Address source, Ipv4Address target) {
    ArpPacket arp = new ArpPacket(ArpPacket.REQUEST, mac, source, MacAddress.ZERO, target);
    return Frames.padToMinimum(EthernetFrame.of(MacAddress.BROADCAST, mac, arp).toBytes());
  }
}
