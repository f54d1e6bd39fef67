package org.carpsim.reports.balance;

import java.util.Objects;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;

/**
 * One client that ARPs for the shared address: its sender IP, its sender MAC, or both. A rule that
 * needs what a client lacks cannot place it ({@link BalanceAnalysis} says so).
 *
 * @param address the ARP sender IP, if known
 * @param mac the ARP sender MAC, if known
 */
public record BalanceClient(Optional<Ipv4Address> address, Optional<MacAddress> mac) {

  /** Needs at least one of the two. */
  public BalanceClient {
    Objects.requireNonNull(address);
    Objects.requireNonNull(mac);
    if (address.isEmpty() && mac.isEmpty()) {
      throw new IllegalArgumentException("a client needs an IPv4 address or a MAC");
    }
  }

  /** A client with both. */
  public static BalanceClient of(Ipv4Address address, MacAddress mac) {
    return new BalanceClient(Optional.of(address), Optional.of(mac));
  }

  /** How the client is shown: {@code 192.168.1.5}, {@code 0a:00:01:00:00:05} or both. */
  public String label() {
    if (address.isPresent() && mac.isPresent()) {
      return address.get() + " " + mac.get();
    }
    return address.isPresent() ? address.get().toString() : mac.get().toString();
  }
}
