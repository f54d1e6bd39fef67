package org.carpsim.sim.topology;

/** How a segment forwards frames. */
public enum SegmentKind {
  /** Every frame reaches every other attached NIC (a hub, or a switch that floods everything). */
  HUB,
  /**
   * A learning switch: it learns source MACs per port (with aging) and sends a frame to a known
   * unicast destination only through that port; broadcast, multicast and unknown destinations are
   * flooded.
   */
  LEARNING_SWITCH
}
