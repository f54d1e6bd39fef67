package org.carpsim.carp.profile;

import java.util.Set;

/**
 * ARP and IP load balancing (§7).
 *
 * @param arp how an ARP request for a shared address picks the answering virtual host
 * @param modes the {@code balancing} modes of {@code ifconfig} (only NONE where there is no keyword)
 * @param maxNodesPerInterface {@code carpnodes} limit (OBSD: 32); 1 where there are no carpnodes
 * @param arpReplyRequiresMaster without balancing, whether only a MASTER answers ARP for its address.
 *     False for OBSD-1.54 (the 3.5 code answers from any running carp interface holding the address;
 *     every answer carries the same virtual MAC); FreeBSD 6 is taken to follow 1.94, which requires
 *     MASTER (choice)
 * @param defaultModeForManyNodes OBSD: more than one node with balancing none requested becomes ip
 */
public record Balancing(
    @Source("carp-protocol.md §7.1–§7.4") ArpBalance arp,
    @Source("carp-protocol.md §7.3, §8.2") Set<BalancingMode> modes,
    @Source("carp-protocol.md §7.3, §8.2") int maxNodesPerInterface,
    @Source("carp-protocol.md §7.1; choice for freebsd-6") boolean arpReplyRequiresMaster,
    @Source("carp-protocol.md §7.3") BalancingMode defaultModeForManyNodes) {

  public Balancing {
    modes = Set.copyOf(modes);
  }

  /** How ARP requests are spread over virtual hosts sharing one address. */
  public enum ArpBalance {
    /** No ARP balancing (current FreeBSD, ucarp). */
    NONE,
    /**
     * OBSD 3.5/3.6 {@code net.inet.carp.arpbalance}: index = raw little-endian
     * {@code s_addr} of the ARP <em>sender IP</em> modulo the number of running carp interfaces holding
     * the address (vhid order); only that one answers, and only if MASTER. With two interfaces every
     * sender whose first octet is even (192.x, 10.x, 172.x) maps to index 0.
     */
    SENDER_IP_RAW_MODULO,
    /**
     * FreeBSD 6 {@code net.inet.carp.arpbalance}: the same walk, but its {@code carp_iamatch} takes
     * {@code ntohl(isaddr->s_addr) % count}: the sender IP in host order, so the <em>last</em> octet
     * decides (192.168.1.x alternates between the interfaces by x's parity with two of them).
     */
    SENDER_IP_HOST_ORDER_MODULO,
    /**
     * OBSD-1.137 / NetBSD {@code net.inet.carp.arpbalance}: {@code carp_hash(sender MAC) % count}
     * against the 1-based position in the global address list (§7.2).
     */
    SENDER_MAC_CARP_HASH,
    /** Current OBSD: per carp interface {@code balancing} modes with {@code carpnodes} (§7.3). */
    PER_INTERFACE_MODES
  }

  /** {@code ifconfig carpN balancing MODE} (§7.3). */
  public enum BalancingMode {
    NONE("none"),
    /** 2010–2015 only; still accepted by profile openbsd with a warning (see Knobs). */
    ARP("arp"),
    IP("ip"),
    IP_STEALTH("ip-stealth"),
    IP_UNICAST("ip-unicast");

    private final String keyword;

    BalancingMode(String keyword) {
      this.keyword = keyword;
    }

    /** The ifconfig word ({@code ip-stealth}). */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * OpenBSD 3.5's arpbalance choice: {@code sender.s_addr % count} with the address read as the raw
   * in-memory value on a little-endian host.
   *
   * @param senderNetworkOrder the ARP sender IP, network order (as {@code Ipv4Address.value()})
   * @param count running carp interfaces holding the target address, at least 1
   * @return the 0-based index, in vhid order, of the carp interface that may answer
   */
  public static int senderIpIndex(int senderNetworkOrder, int count) {
    return (int) (ReceiveRules.rawLittleEndian(senderNetworkOrder) % count);
  }

  /**
   * FreeBSD 6's arpbalance choice: {@code ntohl(sender) % count}, the address as a number.
   *
   * @param senderNetworkOrder the ARP sender IP, network order (as {@code Ipv4Address.value()})
   * @param count running carp interfaces holding the target address, at least 1
   * @return the 0-based index, in vhid order, of the carp interface that may answer
   */
  public static int senderIpHostOrderIndex(int senderNetworkOrder, int count) {
    return (int) (Integer.toUnsignedLong(senderNetworkOrder) % count);
  }

  /** The index the sender-IP rules pick ({@link ArpBalance#SENDER_IP_RAW_MODULO} or host order). */
  public int senderIndex(int senderNetworkOrder, int count) {
    return arp == ArpBalance.SENDER_IP_HOST_ORDER_MODULO
        ? senderIpHostOrderIndex(senderNetworkOrder, count)
        : senderIpIndex(senderNetworkOrder, count);
  }
}
