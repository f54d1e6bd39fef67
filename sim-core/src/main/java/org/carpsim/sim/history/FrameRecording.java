package org.carpsim.sim.history;

/**
 * How much of the frame-level traffic a history records. Non-frame entries (faults, link changes,
 * upper-layer events) are recorded the same at every level, with the same sequence numbers.
 */
public enum FrameRecording {
  /** Transmissions, deliveries and drops: for small runs, tests and debugging. */
  ALL,
  /** One entry per transmission (enough for a pcap), no deliveries or drops. */
  TRANSMISSIONS,
  /** No frame entries at all: for long, large runs. */
  NONE
}
