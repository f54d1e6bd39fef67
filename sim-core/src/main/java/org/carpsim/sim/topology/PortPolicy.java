package org.carpsim.sim.topology;

/**
 * What a hypervisor's virtual switch lets through a VM's port (VMware's port security: "forged
 * transmits", "promiscuous mode"). CARP needs both accepted: it sends from the virtual MAC
 * 00:00:5e:00:01:vhid, not the vNIC's own, and is sent traffic for that MAC. A rejecting port drops
 * the master's advertisements (every host becomes MASTER) or the clients' traffic (a blackhole).
 *
 * @param forgedTransmits whether frames whose source MAC is not the port's own leave it
 * @param promiscuous whether unicast frames to a MAC other than the port's own reach it (group
 *     addresses always do)
 */
public record PortPolicy(boolean forgedTransmits, boolean promiscuous) {

  /** A plain switch or hub port: everything passes. */
  public static final PortPolicy OPEN = new PortPolicy(true, true);

  /** Whether the port filters anything. */
  public boolean filters() {
    return !forgedTransmits || !promiscuous;
  }

  @Override
  public String toString() {
    return "forged-transmits " + (forgedTransmits ? "accept" : "reject") + " promiscuous "
        + (promiscuous ? "accept" : "reject");
  }
}
