package org.carpsim.scenario.run;

import org.carpsim.carp.profile.CarpState;

/**
 * A virtual host changed state during a run: a node's own transition, or the runner's note that a
 * host's power went off (reason {@code host crashed}), which silences every vhost it had.
 *
 * @param timeNanos virtual time
 * @param host the simulated host
 * @param iface the carp interface, FreeBSD parent, or ucarp interface holding the vhid
 * @param vhid the virtual host id
 * @param segment the segment of the vhost's parent NIC, empty when it has none
 * @param reason in the words of the host's system ("master timed out", …)
 */
public record StateChange(
    long timeNanos, String host, String iface, int vhid, String segment, CarpState from, CarpState to, String reason) {

  /** {@code host.iface}, as scenarios name interfaces. */
  public String qualifiedIface() {
    return host + "." + iface;
  }
}
