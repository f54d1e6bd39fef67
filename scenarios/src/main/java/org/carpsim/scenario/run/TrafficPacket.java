package org.carpsim.scenario.run;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.frame.Frame;

/**
 * A client's packet on the wire: its frame (for its addressee only: a hub carries it to every NIC,
 * but only a host listening on its destination MAC looks at it), when it was sent, and how many
 * hosts have taken it so far. The host that takes it counts itself here; the client settles it
 * (served, taken twice, lost) when it sends its next. Its target is one of {@code ipv4} and {@code
 * ipv6}, the other null: the taker asks the node of that family without looking inside the frame.
 */
final class TrafficPacket extends Frame {

  final MacAddress destinationMac;
  final Ipv4Address ipv4;
  final Ipv6Address ipv6;
  final long sentAt;
  int takers;

  TrafficPacket(byte[] bytes, MacAddress destinationMac, Ipv4Address ipv4, Ipv6Address ipv6, long sentAt) {
    super(bytes, true);
    this.destinationMac = destinationMac;
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.sentAt = sentAt;
  }
}
