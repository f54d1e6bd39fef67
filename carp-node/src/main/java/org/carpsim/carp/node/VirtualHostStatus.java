package org.carpsim.carp.node;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;

/**
 * One virtual host (one vhid) of a node, as it stands now.
 *
 * @param iface where it lives: the carp interface ({@code carp0}), the parent for FreeBSD's vhid on
 *     the parent ({@code em0}), or the ucarp daemon's interface ({@code eth0})
 * @param vhid the virtual host id
 * @param state INIT, BACKUP or MASTER
 * @param advbase configured advbase (seconds)
 * @param advskew configured advskew (1/256 s)
 * @param effectiveAdvskew the advskew sent and compared with: raised to 240 while preemption is
 *     suppressed (OpenBSD 3.5, NetBSD, FreeBSD 6), plus the demotion sysctl clamped to 0..240
 *     (FreeBSD), else the configured one
 * @param demote the demotion in effect: OpenBSD's group demote count (the demote byte sent), the
 *     global suppression counter of the older systems, FreeBSD's {@code net.inet.carp.demotion}; 0 for
 *     ucarp
 * @param carpdev the parent interface, empty when not attached
 * @param lladdr the Ethernet address this virtual host answers ARP with when it does (the carp
 *     interface's lladdr, the virtual MAC 00:00:5e:00:01:vhid, or the NIC's MAC for ucarp)
 * @param ipv4 the IPv4 addresses it holds, in interface order
 * @param ipv6 the IPv6 addresses it holds, in interface order
 * @param leader the first (lowest) vhid of its carp interface: the one owning lladdr and ARP
 */
public record VirtualHostStatus(
    String iface,
    int vhid,
    CarpState state,
    int advbase,
    int advskew,
    int effectiveAdvskew,
    int demote,
    String carpdev,
    MacAddress lladdr,
    List<Ipv4Address> ipv4,
    List<Ipv6Address> ipv6,
    boolean leader) {

  public VirtualHostStatus {
    ipv4 = List.copyOf(ipv4);
    ipv6 = List.copyOf(ipv6);
  }
}
