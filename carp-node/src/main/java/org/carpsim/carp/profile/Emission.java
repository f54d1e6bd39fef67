package org.carpsim.carp.profile;

/**
 * What a host puts on the wire besides the CARP header (§1.2, §6, §6.1).
 *
 * @param advertisementSourceMac Ethernet source of advertisements
 * @param garpSenderMac Ethernet source and ARP sender hardware address of gratuitous ARPs
 * @param delayedGarpAfterAds the second gratuitous ARP round goes out with this many periodic ads
 *     after the transition (2; 0 = none, FreeBSD)
 * @param garpSpacingNs pause between the gratuitous ARPs of several addresses (OBSD ≤1.270: 1 ms)
 * @param garpBeforeFirstAd ucarp sends its GARP 20–50 µs before the first ad; kernels send the ad first
 * @param neighborAdvertisement unsolicited IPv6 NA on becoming MASTER
 * @param ipv6Advertisements whether CARP runs over IPv6 at all: advertisements sent and the IPv6 master-down
 *     timer run (NetBSD of 2016-17 compiled both out, INET6_notyet)
 * @param ipv4Header the IPv4 header of advertisements
 * @param advertisementSourceAddress which IPv4 source address advertisements carry
 */
public record Emission(
    @Source("carp-protocol.md §6.1; ucarp-lab") AdSourceMac advertisementSourceMac,
    @Source("carp-protocol.md §6, §6.1; ucarp-lab") GarpSenderMac garpSenderMac,
    @Source("carp-protocol.md §6; ucarp-lab") int delayedGarpAfterAds,
    @Source("carp-protocol.md §6") long garpSpacingNs,
    @Source("carp-protocol.md §6; ucarp-lab") boolean garpBeforeFirstAd,
    @Source("carp-protocol.md §6") NeighborAdvertisement neighborAdvertisement,
    @Source("carp-protocol.md §1.2, §6") boolean ipv6Advertisements,
    @Source("carp-protocol.md §1.2") Ipv4Header ipv4Header,
    @Source("carp-protocol.md §1.2") AdSourceAddress advertisementSourceAddress) {

  /** Ethernet source of advertisements (§6.1). */
  public enum AdSourceMac {
    /** Current OBSD: the carp interface's lladdr (the virtual MAC unless {@code lladdr} was set). */
    CARP_LLADDR,
    /** OBSD 3.5, NetBSD, FreeBSD 6: the virtual MAC 00:00:5e:00:01:vhid. */
    VIRTUAL_MAC,
    /** Current FreeBSD: the virtual MAC for multicast ads, the parent's MAC for unicast ({@code peer}) ads. */
    VIRTUAL_MAC_MULTICAST_ONLY,
    /** ucarp's quirk: 00:00:5e:00:00:vhid (byte 4 is 0x00, not 0x01). */
    UCARP_00_00_5E_00_00_VHID
  }

  /** Ethernet source and ARP sha of gratuitous ARPs. */
  public enum GarpSenderMac {
    /** OBSD: the carp lladdr (virtual MAC unless set). */
    CARP_LLADDR,
    /** FreeBSD (arp_announce_ifaddr with the vhid's MAC), NetBSD, OBSD 3.5. */
    VIRTUAL_MAC,
    /** ucarp: the host's real NIC MAC, as Ethernet source, sha and tha. */
    PHYSICAL_MAC
  }

  /** Unsolicited neighbour advertisements on becoming MASTER (§6). */
  public enum NeighborAdvertisement {
    /** ucarp: none (its IPv6 paths are stubs). */
    NONE,
    /** OBSD ≤1.270, NetBSD, FreeBSD 6: at once. */
    IMMEDIATE,
    /** OBSD-1.370: when the carp interface's link-state hook reports UP, right after the transition. */
    ON_LINK_UP,
    /** Current FreeBSD: Override only, 1 ms apart. */
    IMMEDIATE_1MS_APART
  }

  /** IPv4 ID of advertisements (§1.2). */
  public enum IpId {
    /** OBSD ({@code ip_randomid}), ucarp: random 16 bits. */
    RANDOM,
    /**
     * NetBSD: 0. Current FreeBSD: {@code ip_fillid} gives 0 for DF datagrams under the RFC 6864 default
     * (choice for open question §12.4).
     */
    ZERO,
    /** FreeBSD 6 {@code ip_newid} with {@code net.inet.ip.random_id=0}: a per-host counter (choice). */
    SEQUENTIAL
  }

  /** Where the TOS byte comes from. */
  public enum TosSource {
    /** A fixed value ({@code IPTOS_LOWDELAY} 0x10). */
    FIXED,
    /** Current FreeBSD: {@code net.inet.carp.dscp << 2} (default 56 → 0xE0). */
    DSCP_SYSCTL
  }

  /**
   * The IPv4 header of advertisements.
   *
   * @param tosSource fixed or from the dscp sysctl
   * @param tos the fixed TOS, or the TOS for the sysctl's default
   * @param ipId how the ID field is filled
   * @param dontFragment DF set (all: 0x4000)
   * @param ttl 255 everywhere ({@code CARP_DFLTTL})
   */
  public record Ipv4Header(
      @Source("carp-protocol.md §1.2, §8.1 (dscp)") TosSource tosSource,
      @Source("carp-protocol.md §1.2") int tos,
      @Source("carp-protocol.md §1.2; §12.4 choice for FreeBSD") IpId ipId,
      @Source("carp-protocol.md §1.2") boolean dontFragment,
      @Source("carp-protocol.md §1.1, §1.2") int ttl) {

    /** The TOS byte for a given {@code net.inet.carp.dscp} value (ignored unless from the sysctl). */
    public int tos(int dscp) {
      return tosSource == TosSource.DSCP_SYSCTL ? (dscp & 0x3f) << 2 : tos;
    }

    /** This header with another way of filling the ID. */
    public Ipv4Header withIpId(IpId id) {
      return new Ipv4Header(tosSource, tos, id, dontFragment, ttl);
    }
  }

  /** The IPv4 source address of advertisements (§1.2). */
  public enum AdSourceAddress {
    /** OBSD ≥1.270: an IPv4 address of the parent (the first), else the carp interface's own. */
    PARENT_FIRST_ELSE_CARP,
    /** OBSD ≤1.137, NetBSD, FreeBSD 6: the parent's first IPv4 address, else 0.0.0.0. */
    PARENT_FIRST_ELSE_ZERO,
    /** Current FreeBSD: the "preferred" address on the parent ({@code carp_best_ifa}), else 0.0.0.0. */
    PARENT_BEST_ELSE_ZERO,
    /** ucarp: {@code --srcip}. */
    SRCIP_OPTION
  }

  /** These emissions with the delayed second gratuitous ARP after {@code ads} periodic ads (0: none). */
  public Emission withDelayedGarpAfterAds(int ads) {
    return new Emission(advertisementSourceMac, garpSenderMac, ads, garpSpacingNs, garpBeforeFirstAd,
        neighborAdvertisement, ipv6Advertisements, ipv4Header, advertisementSourceAddress);
  }

  /** These emissions with advertisements over IPv6 switched on or off. */
  public Emission withIpv6Advertisements(boolean sent) {
    return new Emission(advertisementSourceMac, garpSenderMac, delayedGarpAfterAds, garpSpacingNs, garpBeforeFirstAd,
        neighborAdvertisement, sent, ipv4Header, advertisementSourceAddress);
  }

  /** These emissions with another IPv4 header. */
  public Emission withIpv4Header(Ipv4Header header) {
    return new Emission(advertisementSourceMac, garpSenderMac, delayedGarpAfterAds, garpSpacingNs, garpBeforeFirstAd,
        neighborAdvertisement, ipv6Advertisements, header, advertisementSourceAddress);
  }
}
