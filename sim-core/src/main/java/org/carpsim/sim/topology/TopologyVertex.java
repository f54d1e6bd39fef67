package org.carpsim.sim.topology;

/** A vertex of the topology graph: a host or a segment. NICs are the edges between them. */
public sealed interface TopologyVertex permits HostSpec, SegmentSpec {

  /** The vertex's unique name. */
  String name();
}
