package org.carpsim.sim.net;

import java.util.ArrayDeque;
import org.carpsim.sim.engine.Timer;

/**
 * A paused host's pause: when it resumes, and what reached it meanwhile (frames in its NICs'
 * receive rings, carrier changes, commands typed), to be handed over in arrival order on resume.
 */
final class Stall {

  /**
   * Frames one NIC holds while its host is paused: the receive ring of virtio-net and of e1000/igb
   * on Linux (256 descriptors by default). A frame beyond it is dropped ({@code ring-full}).
   */
  static final int RING_SLOTS = 256;

  long until;
  final Timer resume;
  final ArrayDeque<Held> held = new ArrayDeque<>();

  /** What reached the host while paused: a frame on a NIC, or something else to do on resume. */
  record Held(Nic nic, org.carpsim.sim.frame.Frame frame, long frameId, Runnable action) {}

  Stall(long until, Timer resume) {
    this.until = until;
    this.resume = resume;
  }
}
