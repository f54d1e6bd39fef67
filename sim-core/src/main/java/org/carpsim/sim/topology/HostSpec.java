package org.carpsim.sim.topology;

/**
 * A host of the topology.
 *
 * @param name unique among hosts and segments; no whitespace, '.', '|' or '#'
 */
public record HostSpec(String name) implements TopologyVertex {}
