package org.carpsim.carp.config;

import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;

/** The address part of an {@code ifconfig} command. */
public sealed interface AddressChange {

  /** What happens to the address. */
  enum Op {
    /**
     * No {@code alias}: ifconfig first deletes the interface's first address of that family, then adds
     * this one (on FreeBSD too, even with {@code vhid}, so the parent's own address goes).
     */
    REPLACE_PRIMARY,
    /** {@code alias}: added beside the existing ones. */
    ADD_ALIAS,
    /** {@code -alias} / {@code delete} / {@code remove}. */
    DELETE
  }

  Op op();

  /**
   * An IPv4 address.
   *
   * @param address the address
   * @param prefixLength from {@code /len}, {@code netmask} or the second bare address; the classful
   *     default when none was given
   * @param prefixGiven false when {@link #prefixLength} is the classful default
   * @param broadcast {@code broadcast A}, if given
   * @param op add / replace / delete
   */
  record Inet(Ipv4Address address, int prefixLength, boolean prefixGiven, Optional<Ipv4Address> broadcast, Op op)
      implements AddressChange {}

  /**
   * An IPv6 address.
   *
   * @param address the address (a zone suffix such as {@code %carp0} is dropped)
   * @param prefixLength from {@code /len} or {@code prefixlen}, default 64
   * @param op add / replace / delete
   */
  record Inet6(Ipv6Address address, int prefixLength, Op op) implements AddressChange {}
}
