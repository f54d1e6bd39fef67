package org.carpsim.reports.balance;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profile;

/**
 * What the analysis needs: the profile (its balancing rule), the shared address and each host's side.
 *
 * @param profile the profile whose {@code balancing().arp()} rule applies
 * @param target the shared address the clients ARP for
 * @param hosts the hosts on the clients' segment, in scenario order
 * @param source where the setup came from ({@code scenario.carp at 35s}, {@code command line})
 */
public record BalanceSetup(Profile profile, Ipv4Address target, List<HostSide> hosts, String source) {

  /** Copies the list. */
  public BalanceSetup {
    hosts = List.copyOf(hosts);
  }

  /** True when at least one host turns its {@code arpbalance} sysctl on. */
  public boolean arpbalance() {
    return hosts.stream().anyMatch(HostSide::arpbalance);
  }
}
