package org.carpsim.sim.topology;

import java.util.Set;

/**
 * What a NIC's port lets through. A hypervisor's virtual switch (VMware's port security: "forged
 * transmits", "promiscuous mode"): CARP needs both accepted, as it sends from the virtual MAC
 * 00:00:5e:00:01:vhid, not the vNIC's own, and is sent traffic for that MAC; a rejecting port drops
 * the master's advertisements (every host becomes MASTER) or the clients' traffic (a blackhole). And
 * destinations dropped in one direction, as an ACL, an eBPF dataplane or a snooping switch that does
 * not flood 224.0.0.18 drops CARP's multicast (often one way only: the common split brain).
 *
 * @param forgedTransmits whether frames whose source MAC is not the port's own leave it
 * @param promiscuous whether unicast frames to a MAC other than the port's own reach it (group
 *     addresses always do)
 * @param dropIn destination MACs of frames the port never delivers to the NIC
 * @param dropOut destination MACs of frames the port never lets the NIC send
 */
public record PortPolicy(boolean forgedTransmits, boolean promiscuous, Set<Long> dropIn, Set<Long> dropOut) {

  /** A plain switch or hub port: everything passes. */
  public static final PortPolicy OPEN = new PortPolicy(true, true, Set.of(), Set.of());

  public PortPolicy {
    dropIn = Set.copyOf(dropIn);
    dropOut = Set.copyOf(dropOut);
  }

  /** A vSwitch policy that drops no destination. */
  public PortPolicy(boolean forgedTransmits, boolean promiscuous) {
    this(forgedTransmits, promiscuous, Set.of(), Set.of());
  }

  /** Whether the port filters anything. */
  public boolean filters() {
    return !forgedTransmits || !promiscuous || !dropIn.isEmpty() || !dropOut.isEmpty();
  }
}
