package org.carpsim.carp.node;

/**
 * The world as a CARP node sees it: the seam that lets one node run on a virtual clock in the
 * simulator, on a real clock over pcap4j, or in a unit test with no world at all.
 *
 * <p>The node never reads a wall clock, never sleeps and never opens a socket; everything it
 * needs from outside comes through here, and everything it does leaves through here or through its
 * {@link NodeListener}.
 */
public interface NodeEnvironment {

  /** The current time in nanoseconds (virtual or real; only differences matter to the node). */
  long now();

  /**
   * The wall clock (gettimeofday) in nanoseconds: {@link #now()} until someone steps it. Kernels
   * arm their CARP timers in monotonic ticks and never read it; ucarp keeps its deadlines as
   * timevals from gettimeofday, so a clock step moves them.
   */
  default long wallClock() {
    return now();
  }

  /** A new disarmed timer that runs {@code action} when it fires. */
  NodeTimer newTimer(Runnable action);

  /**
   * Hands a complete Ethernet frame to the NIC named {@code nic} for transmission. The node gives
   * up the array (it never touches it again). Deliver it to receivers as a later event, never by
   * calling back into the sending host from inside this call.
   */
  void transmit(String nic, byte[] frame);

  /**
   * A 64-bit random value from the node's own stream (replay cookies, counters, IP ids), so that
   * the same seed gives the same bytes.
   */
  long randomLong();

  /**
   * Draws for the delays of the kernel's IGMP/MLD membership reports, or null where the node does not
   * send them: a live host's real kernel sends its own. A stream of its own, so that modelling the
   * reports changes no draw of the CARP code.
   */
  default java.util.random.RandomGenerator membershipRandom() {
    return null;
  }
}
