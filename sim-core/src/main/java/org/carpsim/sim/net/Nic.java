package org.carpsim.sim.net;

import java.util.SplittableRandom;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.NicSpec;

/**
 * A NIC of a simulated host, attached to one segment through a link (its cable) with a carrier.
 *
 * <p>The NIC's MAC is its identity in the topology; frames may carry any source MAC (a CARP
 * master sends from the virtual MAC), and a learning switch learns whatever source it sees.
 */
public final class Nic {

  final World world;
  final Host host;
  final Segment segment;
  final NicSpec spec;
  final String qualifiedName;
  final long mac;
  /** Index among the segment's NICs: its switch port. */
  final int port;
  /** Draws for frames through this NIC's link: its own stream, "nic host.name". */
  final SplittableRandom random;
  boolean carrier = true;
  /** The driver fails every transmit (a {@code tx-error} fault); the host's stack is told. */
  boolean transmitFails;
  /** Frames waiting in the receive ring while the host is paused. */
  int heldFrames;
  LinkConditions conditions;
  /** Index of the side of a partitioned segment this NIC is on (0 when not partitioned). */
  int side;

  // Precomputed for the frame path; refreshed when this link's or the segment's conditions change.
  long outLatency;
  long outJitter;
  double outLoss;
  double outDuplicate;
  long inLatency;
  long inJitter;
  double inLoss;
  double inDuplicate;

  /** The virtual switch's port policy, read on the frame path. */
  final boolean forgedTransmits;
  final boolean promiscuous;
  /** Destinations the port drops each way (a {@code PortFilter} fault replaces them). */
  long[] dropIn;
  long[] dropOut;
  /** Whether the port filters anything on the way in or out: one test on the frame path of a plain port. */
  boolean filtersIn;
  boolean filtersOut;
  /** One-way loss of the port (a {@code PortLoss} fault), folded into inLoss and outLoss. */
  double portLossIn;
  double portLossOut;
  /** Unicast MACs besides its own that the host's stack listens on ({@link #listen}). */
  private long[] listened = new long[0];
  /** Frames the port policy dropped: sent with a forged source, to another MAC, to a dropped destination. */
  long forgedDropped;
  long otherMacDropped;
  long destinationDropped;

  Nic(World world, Host host, Segment segment, NicSpec spec, int port, SplittableRandom random) {
    this.world = world;
    this.host = host;
    this.segment = segment;
    this.spec = spec;
    this.qualifiedName = spec.qualifiedName();
    this.mac = spec.mac();
    this.port = port;
    this.random = random;
    this.conditions = spec.conditions();
    this.forgedTransmits = spec.policy().forgedTransmits();
    this.promiscuous = spec.policy().promiscuous();
    this.dropIn = spec.policy().dropIn().stream().mapToLong(Long::longValue).sorted().toArray();
    this.dropOut = spec.policy().dropOut().stream().mapToLong(Long::longValue).sorted().toArray();
    refreshFilters();
  }

  void setDropped(boolean in, java.util.Set<Long> destinations) {
    long[] sorted = destinations.stream().mapToLong(Long::longValue).sorted().toArray();
    if (in) {
      dropIn = sorted;
    } else {
      dropOut = sorted;
    }
    refreshFilters();
  }

  private void refreshFilters() {
    filtersIn = !promiscuous || dropIn.length > 0;
    filtersOut = !forgedTransmits || dropOut.length > 0;
  }

  /** Whether {@code destinations} holds {@code mac} (a handful of entries at most). */
  static boolean holds(long[] destinations, long mac) {
    for (long d : destinations) {
      if (d == mac) {
        return true;
      }
    }
    return false;
  }

  /** Frames this NIC sent that its port policy dropped because their source MAC was not the NIC's. */
  public long forgedDropped() {
    return forgedDropped;
  }

  /** Unicast frames to another MAC that its port policy kept from this NIC. */
  public long otherMacDropped() {
    return otherMacDropped;
  }

  /** Frames to a destination its port drops (in either direction). */
  public long destinationDropped() {
    return destinationDropped;
  }

  /** The port policy of the NIC's spec. */
  public org.carpsim.sim.topology.PortPolicy policy() {
    return spec.policy();
  }

  /** The NIC's name on its host, e.g. {@code em0}. */
  public String name() {
    return spec.name();
  }

  /** {@code host.nic}, e.g. {@code fw1.em0}. */
  public String qualifiedName() {
    return qualifiedName;
  }

  /** The host this NIC belongs to. */
  public Host host() {
    return host;
  }

  /** The segment this NIC is attached to. */
  public Segment segment() {
    return segment;
  }

  /** The NIC's own MAC (48 bits in a long). */
  public long mac() {
    return mac;
  }

  /** True while the driver fails every transmit (a {@code tx-error} fault). */
  public boolean transmitFails() {
    return transmitFails;
  }

  /** True while the link is up. */
  public boolean hasCarrier() {
    return carrier;
  }

  /** The impairments of this NIC's link (cable), in both directions. */
  public LinkConditions conditions() {
    return conditions;
  }

  /** The topology declaration of this NIC. */
  public NicSpec spec() {
    return spec;
  }

  /**
   * Sends a frame from this NIC now. If the host is crashed or the link is down, the frame is
   * dropped (and recorded as such); the call never fails for network reasons.
   */
  public void transmit(Frame frame) {
    world.transmit(this, frame);
  }

  /**
   * The unicast MACs besides its own that the host's stack wants frames {@linkplain
   * Frame#forAddresseeOnly() for their addressee only} to (a CARP host: its virtual MACs), as a
   * NIC's unicast filter; replaces the earlier list. Other frames are handed to the stack whatever
   * their destination.
   */
  public void listen(long[] macs) {
    listened = macs.clone();
  }

  /**
   * Whether the stack is handed a frame to {@code destination} that is for its addressee only: a
   * group address, the NIC's own MAC or one it {@linkplain #listen listens} on (the NIC's own filter,
   * not the switch port's {@link org.carpsim.sim.topology.PortPolicy}).
   */
  public boolean accepts(long destination) {
    return destination == mac || Macs.isGroup(destination) || holds(listened, destination);
  }

  void refreshConditions() {
    LinkConditions s = segment.conditions;
    LinkConditions l = conditions;
    outLatency = s.latency() + l.latency();
    outJitter = l.jitter();
    outLoss = either(l.loss(), portLossOut);
    outDuplicate = l.duplicate();
    inLatency = l.latency();
    inJitter = s.jitter() + l.jitter();
    inLoss = either(either(s.loss(), l.loss()), portLossIn);
    inDuplicate = either(s.duplicate(), l.duplicate());
  }

  /** The probability that at least one of two independent events happens. */
  private static double either(double p, double q) {
    return p == 0 ? q : q == 0 ? p : 1 - (1 - p) * (1 - q);
  }

  @Override
  public String toString() {
    return qualifiedName + " (" + Macs.format(mac) + " on " + segment.name() + (carrier ? "" : ", link down") + ")";
  }
}
