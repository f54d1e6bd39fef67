package org.carpsim.sim.net;

import org.carpsim.sim.frame.Frame;

/**
 * The software of a simulated host: what an upper layer (a CARP node behind an adapter, a client
 * population, a test probe) implements to plug into the world.
 *
 * <p>The world calls these methods on the simulation thread, at the current virtual time; the stack
 * answers by transmitting ({@link Nic#transmit}) and by arming timers of its host ({@link
 * Host#newTimer}), which die with the host on a crash. Every frame that reaches a NIC is handed
 * over, whatever its destination MAC: filtering (own MAC, virtual MACs, multicast groups) is the
 * stack's business, as with a NIC in promiscuous mode.
 */
public interface HostStack {

  /**
   * The host powered on: at {@link Host#install} if the host is up, and at every boot after a
   * crash. The stack starts from nothing here; {@link Nic#hasCarrier()} tells the link states.
   */
  default void onBoot(Host host) {}

  /** A frame arrived on {@code nic}. The frame is shared with other receivers: never modify it. */
  void onFrame(Nic nic, Frame frame);

  /** The link of {@code nic} went down or came up (not called while the host is crashed). */
  default void onCarrier(Nic nic, boolean up) {}

  /**
   * The driver of {@code nic} began or stopped failing every transmit (a {@code tx-error} fault):
   * the stack's sends on it fail from now on, and it decides what a failed send means.
   */
  default void onTransmitErrors(Nic nic, boolean failing) {}

  /**
   * The host crashed: its timers are already dead and it can no longer send or receive. The stack
   * should drop all its state; the next {@link #onBoot} starts afresh.
   */
  default void onCrash(Host host) {}
}
