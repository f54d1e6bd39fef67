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

  /**
   * {@code carp_hash} of OpenBSD 1.137…1.270 and NetBSD (carp-protocol.md §7.2): Bob Jenkins' 96-bit
   * mix as in {@code bridge_hash}, over a sender MAC, seeded with the interface's balancing hash key
   * ({@code sc_hashkey}) and the first four bytes of its CARP key. All arithmetic is unsigned 32-bit.
   * The node's ARP code and {@code carpsim balance} both call this one function.
   *
   * @param hashKey {@code {sc_hashkey[0], sc_hashkey[1]}} ({@code CarpHmac.balancingHashKey})
   * @param key the 20-byte CARP key (only bytes 0..3 are used)
   * @param mac the sender MAC in its low 48 bits
   * @return {@code c} after the mix, as an unsigned value in an int
   */
  public static int carpHash(int[] hashKey, byte[] key, long mac) {
    int a = 0x9e3779b9;
    int b = hashKey[0];
    int c = hashKey[1];
    c += (key[3] & 0xff) << 24;
    c += (key[2] & 0xff) << 16;
    c += (key[1] & 0xff) << 8;
    c += key[0] & 0xff;
    int s0 = (int) (mac >>> 40) & 0xff;
    int s1 = (int) (mac >>> 32) & 0xff;
    int s2 = (int) (mac >>> 24) & 0xff;
    int s3 = (int) (mac >>> 16) & 0xff;
    int s4 = (int) (mac >>> 8) & 0xff;
    int s5 = (int) mac & 0xff;
    b += s5 << 8;
    b += s4;
    a += s3 << 24;
    a += s2 << 16;
    a += s1 << 8;
    a += s0;
    // mix(a, b, c)
    a -= b; a -= c; a ^= c >>> 13;
    b -= c; b -= a; b ^= a << 8;
    c -= a; c -= b; c ^= b >>> 13;
    a -= b; a -= c; a ^= c >>> 12;
    b -= c; b -= a; b ^= a << 16;
    c -= a; c -= b; c ^= b >>> 5;
    a -= b; a -= c; a ^= c >>> 3;
    b -= c; b -= a; b ^= a << 10;
    c -= a; c -= b; c ^= b >>> 15;
    return c;
  }

  /** {@code hash % count} as the kernels compute it (unsigned). */
  public static int carpHashIndex(int hash, int count) {
    return Integer.remainderUnsigned(hash, count);
  }

  /**
   * The sender-MAC choice ({@link ArpBalance#SENDER_MAC_CARP_HASH}, OpenBSD {@code balancing arp}):
   * {@code carp_hash(sender MAC) % count}.
   *
   * @param hashKey the carp interface's balancing hash key
   * @param key its 20-byte CARP key
   * @param senderMac the ARP sender MAC (or the NS source link-layer address) in its low 48 bits
   * @param count NetBSD: running carp interfaces holding the address; OpenBSD: the interface's vhosts
   * @return the 0-based index
   */
  public static int senderMacIndex(int[] hashKey, byte[] key, long senderMac, int count) {
    return carpHashIndex(carpHash(hashKey, key, senderMac), count);
  }

  /**
   * OpenBSD's {@code carp_lsdrop} for IPv4 (§7.3, balancing ip / ip-stealth / ip-unicast): the vhost
   * (0-based, vhid order) that keeps a unicast packet, {@code ntohl(src ^ dst) % count}. The node has
   * no data plane yet; {@code carpsim balance} shows with it how the ip modes share traffic.
   *
   * @param srcNetworkOrder the packet's source address, network order
   * @param dstNetworkOrder its destination address, network order
   * @param count the carp interface's vhosts ({@code lscount}), at least 1
   * @return the index of the vhost that accepts the packet (where that vhost is MASTER)
   */
  public static int ipBalanceIndex(int srcNetworkOrder, int dstNetworkOrder, int count) {
    return (int) (Integer.toUnsignedLong(srcNetworkOrder ^ dstNetworkOrder) % count);
  }

  /** The index the sender-IP rules pick ({@link ArpBalance#SENDER_IP_RAW_MODULO} or host order). */
  public int senderIndex(int senderNetworkOrder, int count) {
    return arp == ArpBalance.SENDER_IP_HOST_ORDER_MODULO
        ? senderIpHostOrderIndex(senderNetworkOrder, count)
        : senderIpIndex(senderNetworkOrder, count);
  }

  /** This balancing with another ARP rule. */
  public Balancing withArp(ArpBalance rule) {
    return new Balancing(rule, modes, maxNodesPerInterface, arpReplyRequiresMaster, defaultModeForManyNodes);
  }

  /** This balancing where, without a balancing rule, only a MASTER (or any running vhost) answers ARP. */
  public Balancing withArpReplyRequiresMaster(boolean requires) {
    return new Balancing(arp, modes, maxNodesPerInterface, requires, defaultModeForManyNodes);
  }
}
