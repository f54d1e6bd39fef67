package org.carpsim.scenario.model;

import java.util.Optional;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;

/** An address given on a {@code nic} line: {@code 172.16.0.1/24} or {@code 2001:db8::1/64}. */
public sealed interface NicAddress {

  /** The prefix length. */
  int prefixLength();

  /**
   * The address as an ifconfig address change: the first address of a family replaces the primary
   * one, later ones are aliases, as {@code ifconfig em0 inet A/len} then {@code … alias} would add them.
   */
  AddressChange asChange(boolean alias);

  /** An IPv4 address and prefix length. */
  record Inet4(Ipv4Address address, int prefixLength) implements NicAddress {
    @Override
    public AddressChange asChange(boolean alias) {
      return new AddressChange.Inet(address, prefixLength, true, Optional.empty(),
          alias ? AddressChange.Op.ADD_ALIAS : AddressChange.Op.REPLACE_PRIMARY);
    }

    /** The subnet the address is on. */
    public Ipv4Prefix subnet() {
      return Ipv4Prefix.containing(address, prefixLength);
    }

    @Override
    public String toString() {
      return address + "/" + prefixLength;
    }
  }

  /** An IPv6 address and prefix length. */
  record Inet6(Ipv6Address address, int prefixLength) implements NicAddress {
    @Override
    public AddressChange asChange(boolean alias) {
      return new AddressChange.Inet6(address, prefixLength,
          alias ? AddressChange.Op.ADD_ALIAS : AddressChange.Op.REPLACE_PRIMARY);
    }

    @Override
    public String toString() {
      return address + "/" + prefixLength;
    }
  }
}
