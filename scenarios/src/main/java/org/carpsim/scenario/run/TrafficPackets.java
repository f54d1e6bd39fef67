package org.carpsim.scenario.run;

import java.util.IdentityHashMap;
import java.util.Map;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.sim.frame.Frame;

/**
 * The clients' packets in flight in one world, by identity of their frame: a host that receives
 * one says whether it takes it, and the client settles the packet (served, twice, lost) when it
 * sends its next. Bookkeeping of one world, not a record: outages and totals go into the history.
 */
final class TrafficPackets {

  /** One packet: where it was sent, and how many hosts have taken it so far. */
  static final class Packet {
    final MacAddress destination;
    final Ipv4Address target;
    final long sentAt;
    int takers;

    Packet(MacAddress destination, Ipv4Address target, long sentAt) {
      this.destination = destination;
      this.target = target;
      this.sentAt = sentAt;
    }
  }

  private final Map<Frame, Packet> inFlight = new IdentityHashMap<>();

  void sent(Frame frame, Packet packet) {
    inFlight.put(frame, packet);
  }

  /** The packet {@code frame} carries, or null if it is no client's traffic (or is settled). */
  Packet packet(Frame frame) {
    return inFlight.isEmpty() ? null : inFlight.get(frame);
  }

  void settled(Frame frame) {
    inFlight.remove(frame);
  }
}
