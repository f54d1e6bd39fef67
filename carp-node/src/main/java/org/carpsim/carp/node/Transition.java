package org.carpsim.carp.node;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.CarpState;

/**
 * A virtual host changed state.
 *
 * @param timeNanos when, on the environment's clock
 * @param iface the carp interface (or, FreeBSD style, the parent interface) holding the vhid
 * @param vhid the virtual host id
 * @param carpdev the parent interface the vhost sends and listens on at the transition, empty when
 *     it has none (a carp interface not yet attached)
 * @param reason why, in the words the profile's system logs it ("master timed out", …)
 * @param ipv4 the IPv4 addresses the vhost holds at the transition (ucarp: its {@code --addr}): whose
 *     traffic changes hands
 */
public record Transition(long timeNanos, String iface, int vhid, String carpdev, CarpState from, CarpState to,
    String reason, List<Ipv4Address> ipv4) {

  public Transition {
    ipv4 = List.copyOf(ipv4);
  }
}
