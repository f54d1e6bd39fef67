package org.carpsim.carp.profile;

/**
 * How CARP is configured on this system (§7.4, §8.2, §8.3, §8.4).
 *
 * @param interfaces where a virtual host lives
 * @param carpdev how a carp interface finds its parent
 * @param secondAddress what a second bare address after the first means to this system's ifconfig
 * @param carpOptionsNeedVhid FreeBSD: {@code advskew}, {@code advbase}, {@code pass}, {@code state},
 *     {@code peer} must follow {@code vhid} on the same command ("advskew requires vhid")
 * @param clonesOnAnyVerb current OpenBSD: {@code ifconfig carp0 vhid 1 …} creates a missing carp0 first
 *     (any verb but {@code destroy}); elsewhere the interface must be created
 */
public record ConfigStyle(
    @Source("carp-protocol.md §7.4, §8.2–§8.4") InterfaceModel interfaces,
    @Source("carp-protocol.md §8.2 (carpdev row)") CarpdevPolicy carpdev,
    @Source("choice (ifconfig argument grammar, see SecondAddress)") SecondAddress secondAddress,
    @Source("carp-protocol.md §8.3 (vhid required first)") boolean carpOptionsNeedVhid,
    @Source("OpenBSD sbin/ifconfig/ifconfig.c main(): getinfo(&ifr, create), create for any verb but destroy")
    boolean clonesOnAnyVerb) {

  /** Where a virtual host lives. */
  public enum InterfaceModel {
    /** {@code ifconfig carpN create}; one carp interface per vhid (or per carpnodes set). */
    CARP_INTERFACES,
    /** FreeBSD ≥10: {@code ifconfig em0 vhid N …} on the parent; no carp interfaces. */
    VHID_ON_PARENT,
    /** ucarp: one daemon process per vhid, configured on its command line. */
    UCARP_DAEMON,
    /** keepalived: one process with vrrp_instance blocks from keepalived.conf; VRRP, not CARP. */
    KEEPALIVED_DAEMON
  }

  /** How the parent (carpdev) of a carp interface is chosen. */
  public enum CarpdevPolicy {
    /**
     * OpenBSD 3.5/3.6, FreeBSD 6: no {@code carpdev} keyword; the kernel attaches the carp interface to
     * the first multicast-capable interface holding an address in the VIP's subnet.
     */
    BY_SUBNET,
    /** NetBSD (and OpenBSD 3.7–5.6): {@code carpdev} if given, else by subnet. */
    KEYWORD_ELSE_SUBNET,
    /** OpenBSD ≥5.7: {@code carpdev} is required; without it the carp interface never runs. */
    REQUIRED,
    /** FreeBSD ≥10 and ucarp name the interface directly. */
    NOT_APPLICABLE
  }

  /**
   * {@code ifconfig carp0 10.0.0.1 255.255.255.0}: NetBSD's ifconfig reads the second address as the
   * netmask on a non-point-to-point interface ({@code dstormask}); OpenBSD's and FreeBSD's read it as
   * the destination address, which on a broadcast interface lands in the broadcast field and leaves
   * the classful mask. The parser takes it as the netmask everywhere — that is what the NetBSD guide
   * and the scenario language mean — and warns where the real ifconfig would differ.
   */
  public enum SecondAddress {
    NETMASK,
    DESTINATION
  }

  /** This style with another way of finding the parent. */
  public ConfigStyle withCarpdev(CarpdevPolicy policy) {
    return new ConfigStyle(interfaces, policy, secondAddress, carpOptionsNeedVhid, clonesOnAnyVerb);
  }

  /** This style with another reading of a second bare address. */
  public ConfigStyle withSecondAddress(SecondAddress meaning) {
    return new ConfigStyle(interfaces, carpdev, meaning, carpOptionsNeedVhid, clonesOnAnyVerb);
  }

  /** This style with or without creating a missing clone on any verb. */
  public ConfigStyle withClonesOnAnyVerb(boolean creates) {
    return new ConfigStyle(interfaces, carpdev, secondAddress, carpOptionsNeedVhid, creates);
  }
}
