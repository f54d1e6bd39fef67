package org.carpsim.scenario.run;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.frame.Frame;

/**
 * A client's packet on the wire: its frame (for its addressee only: a hub carries it to every NIC,
 * but only a host listening on its destination MAC looks at it), when it was sent, and how many
 * hosts have taken it so far. The host that takes it counts itself here; the client settles it
 * (served, taken twice, lost) when it sends its next.
 */
final class TrafficPacket extends Frame {

  final MacAddress destinationMac;
  final Ipv4Address target;
  final long sentAt;
  int takers;

  TrafficPacket(byte[] bytes, MacAddress destinationMac, Ipv4Address target, long sentAt) {
    super(bytes, true);
    this.destinationMac = destinationMac;
    this.target = target;
    this.sentAt = sentAt;
  }
}
