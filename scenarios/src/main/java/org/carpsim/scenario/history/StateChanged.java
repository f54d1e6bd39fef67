package org.carpsim.scenario.history;

import java.util.List;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.sim.history.HistoryEvent;

/**
 * A virtual host changed state: a node's own transition, or the runner's note that a host's power
 * went off (reason {@code host crashed}), which silences every vhost it had.
 *
 * @param host the host
 * @param iface the carp interface, FreeBSD parent, or ucarp interface holding the vhid
 * @param vhid the virtual host id
 * @param carpdev the parent NIC the vhost sends on, empty when it has none
 * @param segment the segment of that NIC, empty when it has none
 * @param reason in the words of the host's system ("master timed out", …)
 * @param addresses the addresses the vhost holds, IPv4 then IPv6: whose traffic changes hands (not in the
 *     history's text, which stays as it was)
 */
public record StateChanged(String host, String iface, int vhid, String carpdev, String segment, CarpState from,
    CarpState to, String reason, List<IpAddress> addresses) implements HistoryEvent {

  public StateChanged {
    addresses = List.copyOf(addresses);
  }

  /** A change of a vhost whose addresses do not matter to the reader (tests, JSON read back). */
  public StateChanged(String host, String iface, int vhid, String carpdev, String segment, CarpState from,
      CarpState to, String reason) {
    this(host, iface, vhid, carpdev, segment, from, to, reason, List.of());
  }

  /** {@code host.iface}, as scenarios name interfaces. */
  public String qualifiedIface() {
    return host + "." + iface;
  }

  @Override
  public String kind() {
    return "transition";
  }

  @Override
  public List<String> entities() {
    return List.of(host, qualifiedIface());
  }

  @Override
  public void appendDetails(StringBuilder out) {
    EventText.of(out, entities()).with("vhid", vhid).with("carpdev", carpdev).with("segment", segment)
        .with("from", from).with("to", to).with("reason", reason);
  }
}
