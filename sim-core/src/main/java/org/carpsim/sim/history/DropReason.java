package org.carpsim.sim.history;

/** Why a frame did not reach a NIC. */
public enum DropReason {
  /** Lost on the wire (a segment's or a link's loss probability). */
  LOSS,
  /** The receiver is on another side of a partitioned segment. */
  PARTITION,
  /** The sender's or the receiver's link (carrier) is down. */
  CARRIER_DOWN,
  /** The sending or receiving host is crashed (powered off). */
  HOST_DOWN,
  /** The receiving host was paused and this NIC's receive ring was full (see {@code World.pause}). */
  RING_FULL,
  /** A learning switch did not forward the frame to this port (it sent it to the learned port only). */
  NOT_FORWARDED,
  /** A snooping switch kept a multicast frame from a port without a membership of its group. */
  SNOOPED,
  /** A virtual switch's port policy: a forged source MAC on the way out, or another MAC's frame on the way in. */
  PORT_POLICY
}
