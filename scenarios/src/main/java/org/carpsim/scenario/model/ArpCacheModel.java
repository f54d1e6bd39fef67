package org.carpsim.scenario.model;

import java.util.List;
import org.carpsim.sim.time.Durations;

/**
 * How a client's or router's ARP cache keeps the MAC of the virtual address: how long an entry
 * stays usable, what happens when it ages, and whether a gratuitous ARP (sender address = target
 * address, as a new master announces itself) updates or creates an entry. Defaults as shipped:
 *
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
 * @param keyword the word a {@code clients} line names it by
 * @param reachableMin the shortest time an answered entry stays fresh
 * @param reachableMax the longest (the time is drawn per entry between the two)
 * @param staleUsable whether an aged entry is still used (and probed) rather than dropped
 * @param delayFirstProbe how long a stale entry is used before its first unicast probe
 * @param unicastProbes how many unicast probes a stale entry gets before it fails
 * @param requestTries how many broadcast requests a missing entry gets before queued packets are dropped
 * @param retransmit the time between two probes or requests
 * @param garpCreates whether a gratuitous ARP creates an entry that does not exist
 */
public record ArpCacheModel(String keyword, long reachableMin, long reachableMax, boolean staleUsable,
    long delayFirstProbe, int unicastProbes, int requestTries, long retransmit, boolean garpCreates) {

  private static final long S = Durations.SECOND;

  public static final ArpCacheModel LINUX = new ArpCacheModel("linux", 15 * S, 45 * S, true, 5 * S, 3, 3, S, false);
  public static final ArpCacheModel LINUX_ARP_ACCEPT =
      new ArpCacheModel("linux-arp-accept", 15 * S, 45 * S, true, 5 * S, 3, 3, S, true);
  public static final ArpCacheModel ROUTER = new ArpCacheModel("router", 14_400 * S, 14_400 * S, false, 0, 0, 3, 2 * S,
      false);
  public static final ArpCacheModel BSD = new ArpCacheModel("bsd", 1_200 * S, 1_200 * S, false, 0, 0, 5, S, false);

  /** Every model, in the order help lists them. */
  public static final List<ArpCacheModel> ALL = List.of(LINUX, LINUX_ARP_ACCEPT, ROUTER, BSD);

  /** The keywords, for messages. */
  public static List<String> keywords() {
    return ALL.stream().map(ArpCacheModel::keyword).toList();
  }

  /** The model a keyword names, or null. */
  public static ArpCacheModel byKeyword(String keyword) {
    return ALL.stream().filter(m -> m.keyword.equals(keyword)).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return keyword;
  }
}
