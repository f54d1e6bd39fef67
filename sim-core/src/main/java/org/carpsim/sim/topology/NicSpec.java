package org.carpsim.sim.topology;

import org.carpsim.sim.frame.Macs;

/**
 * A NIC of a host, attached to one segment; the edge between a host and a segment in the topology
 * graph.
 *
 * @param host the host's name
 * @param name the NIC's name on its host, e.g. {@code em0}
 * @param segment the segment's name
 * @param mac the NIC's own 48-bit unicast MAC
 * @param conditions impairments of this attachment (its cable), for frames in both directions
 * @param policy what a hypervisor's virtual switch lets through this port ({@link PortPolicy#OPEN}: all)
 */
public record NicSpec(String host, String name, String segment, long mac, LinkConditions conditions,
    PortPolicy policy) {

  /** A NIC on a plain port. */
  public NicSpec(String host, String name, String segment, long mac, LinkConditions conditions) {
    this(host, name, segment, mac, conditions, PortPolicy.OPEN);
  }

  /** {@code host.name}, e.g. {@code fw1.em0}: how histories and errors name a NIC. */
  public String qualifiedName() {
    return host + "." + name;
  }

  @Override
  public String toString() {
    return qualifiedName() + " on " + segment + " (" + Macs.format(mac) + ")";
  }
}
