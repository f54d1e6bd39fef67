package org.carpsim.scenario.model;

import java.util.List;
import org.carpsim.carp.wire.IpFamily;
import org.carpsim.sim.time.Durations;

/**
 * How a client's or router's neighbour cache (its ARP cache for IPv4, its neighbour discovery cache
 * for IPv6) keeps the MAC of the virtual address: how long an entry stays usable, what happens when
 * it ages, and whether an announcement (a gratuitous ARP, sender address = target address; an
 * unsolicited neighbour advertisement to ff02::1) updates or creates an entry. Defaults as shipped.
 *
 * <p>IPv4 (ARP):
 * <ul>
 *   <li>{@code linux}: Linux's neighbour table (Documentation/networking/ip-sysctl.rst:
 *       {@code base_reachable_time_ms} 30000, an entry REACHABLE for a random 15–45 s, then STALE
 *       and still used; {@code delay_first_probe_time} 5 s, then {@code ucast_solicit} 3 unicast
 *       probes {@code retrans_time_ms} 1000 apart; {@code mcast_solicit} 3 broadcast requests for a
 *       missing entry). {@code arp_accept} 0: a gratuitous ARP updates an entry that exists and
 *       creates none.
 *   <li>{@code linux-arp-accept}: the same with {@code arp_accept} 1: a gratuitous ARP also creates
 *       the entry.
 *   <li>{@code router}: a Cisco-like router (IOS {@code arp timeout} default 14400 s = 4 h): an
 *       entry is used until it times out, then asked for again; a gratuitous ARP updates an entry
 *       that exists.
 *   <li>{@code bsd}: FreeBSD's ARP table (arp(4): {@code net.link.ether.inet.max_age} 1200 s,
 *       {@code maxtries} 5 requests 1 s apart); a gratuitous ARP updates an entry that exists
 *       ("arp: … moved from … to …").
 * </ul>
 *
 * <p>IPv6 (neighbour discovery, RFC 4861 §7.3: REACHABLE, then STALE and still used, DELAY 5 s,
 * PROBE by unicast solicitations; a missing entry is solicited at the target's solicited-node group).
 * A neighbour advertisement is taken by RFC 4861 §7.2.5 in all four: without an entry an unsolicited
 * one is dropped (unless the model creates entries); with the Override flag it replaces the cached
 * MAC (solicited: REACHABLE; unsolicited: STALE); without it a different MAC only turns a REACHABLE
 * entry STALE.
 * <ul>
 *   <li>{@code linux}: net/ipv6/ndisc.c {@code ndisc_recv_na} with net/core/neighbour.c: the same
 *       table parameters as for ARP (REACHABLE 15–45 s, {@code delay_first_probe_time} 5 s,
 *       {@code ucast_solicit} 3, {@code mcast_solicit} 3, 1 s apart); {@code accept_untracked_na} 0:
 *       an unsolicited NA for a missing entry is ignored.
 *   <li>{@code linux-accept-untracked-na}: the same with {@code accept_untracked_na} 1 (Linux 5.18,
 *       RFC 9131): an unsolicited NA creates the entry, STALE.
 *   <li>{@code router}: a router as RFC 4861 §10's defaults have it (IOS: {@code ipv6 nd
 *       reachable-time} 30 s, NUD with 3 unicast and 3 multicast solicitations 1 s apart): unlike its
 *       ARP cache, a stale entry is probed, so no 4-hour stale entry.
 *   <li>{@code bsd}: FreeBSD sys/netinet6/nd6.c and nd6_nbr.c: REACHABLE_TIME 30 s × a random 0.5–1.5
 *       ({@code ND_COMPUTE_RTIME}), {@code nd6_delay} 5 s, {@code nd6_umaxtries} 3,
 *       {@code nd6_mmaxtries} 3, RETRANS_TIMER 1 s; {@code nd6_na_input} drops an NA for which it has
 *       no entry.
 * </ul>
 *
 * @param keyword the word a {@code clients} line names it by
 * @param family the clients' address family: ARP or neighbour discovery
 * @param reachableMin the shortest time an answered entry stays fresh
 * @param reachableMax the longest (the time is drawn per entry between the two)
 * @param staleUsable whether an aged entry is still used (and probed) rather than dropped
 * @param delayFirstProbe how long a stale entry is used before its first unicast probe
 * @param unicastProbes how many unicast probes a stale entry gets before it fails
 * @param requestTries how many broadcast requests (multicast solicitations) a missing entry gets
 *     before queued packets are dropped
 * @param retransmit the time between two probes or requests
 * @param announcementCreates whether a gratuitous ARP or unsolicited NA creates an entry that does not exist
 */
public record NeighbourCacheModel(String keyword, IpFamily family, long reachableMin, long reachableMax,
    boolean staleUsable, long delayFirstProbe, int unicastProbes, int requestTries, long retransmit,
    boolean announcementCreates) {

  private static final long S = Durations.SECOND;

  public static final NeighbourCacheModel LINUX =
      new NeighbourCacheModel("linux", IpFamily.IPV4, 15 * S, 45 * S, true, 5 * S, 3, 3, S, false);
  public static final NeighbourCacheModel LINUX_ARP_ACCEPT =
      new NeighbourCacheModel("linux-arp-accept", IpFamily.IPV4, 15 * S, 45 * S, true, 5 * S, 3, 3, S, true);
  public static final NeighbourCacheModel ROUTER =
      new NeighbourCacheModel("router", IpFamily.IPV4, 14_400 * S, 14_400 * S, false, 0, 0, 3, 2 * S, false);
  public static final NeighbourCacheModel BSD =
      new NeighbourCacheModel("bsd", IpFamily.IPV4, 1_200 * S, 1_200 * S, false, 0, 0, 5, S, false);

  public static final NeighbourCacheModel ND_LINUX =
      new NeighbourCacheModel("linux", IpFamily.IPV6, 15 * S, 45 * S, true, 5 * S, 3, 3, S, false);
  public static final NeighbourCacheModel ND_LINUX_ACCEPT_UNTRACKED_NA =
      new NeighbourCacheModel("linux-accept-untracked-na", IpFamily.IPV6, 15 * S, 45 * S, true, 5 * S, 3, 3, S, true);
  public static final NeighbourCacheModel ND_ROUTER =
      new NeighbourCacheModel("router", IpFamily.IPV6, 15 * S, 45 * S, true, 5 * S, 3, 3, S, false);
  public static final NeighbourCacheModel ND_BSD =
      new NeighbourCacheModel("bsd", IpFamily.IPV6, 15 * S, 45 * S, true, 5 * S, 3, 3, S, false);

  /** Every model, in the order help lists them: IPv4's, then IPv6's. */
  public static final List<NeighbourCacheModel> ALL = List.of(LINUX, LINUX_ARP_ACCEPT, ROUTER, BSD, ND_LINUX,
      ND_LINUX_ACCEPT_UNTRACKED_NA, ND_ROUTER, ND_BSD);

  /** The keywords of one family, for messages. */
  public static List<String> keywords(IpFamily family) {
    return ALL.stream().filter(m -> m.family == family).map(NeighbourCacheModel::keyword).toList();
  }

  /** The model of that family a keyword names, or null. */
  public static NeighbourCacheModel byKeyword(String keyword, IpFamily family) {
    return ALL.stream().filter(m -> m.family == family && m.keyword.equals(keyword)).findFirst().orElse(null);
  }

  /** The default: Linux's. */
  public static NeighbourCacheModel linux(IpFamily family) {
    return family == IpFamily.IPV4 ? LINUX : ND_LINUX;
  }

  @Override
  public String toString() {
    return keyword;
  }
}
