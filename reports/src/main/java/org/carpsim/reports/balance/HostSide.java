package org.carpsim.reports.balance;

import java.util.Comparator;
import java.util.List;

/**
 * One host on the clients' segment: the running carp interfaces of its NIC there that hold the
 * shared address. Every host receives every (broadcast) ARP request and decides on its own.
 *
 * @param host the host's name
 * @param holders the holders in the parent's carp list order: ascending leader vhid
 * @param arpbalance the host's {@code net.inet.carp.arpbalance} (ignored by profiles without it)
 */
public record HostSide(String host, List<CarpIface> holders, boolean arpbalance) {

  /** Sorts the holders by leader vhid, as the node keeps its carp list. */
  public HostSide {
    holders = holders.stream().sorted(Comparator.comparingInt(c -> c.leader().vhid())).toList();
  }

  /** The holders in global address-list order (the MAC-hash walk of NetBSD / OpenBSD 1.137). */
  public List<CarpIface> inAddressOrder() {
    return holders.stream().sorted(Comparator.comparingLong(CarpIface::addressOrder)).toList();
  }
}
