package org.carpsim.sim.topology;

/**
 * A learning switch's IGMP/MLD snooping: which ports get a multicast frame, from the membership
 * reports the switch has heard on each port.
 *
 * <ul>
 *   <li>{@link Mode#LINUX_BRIDGE}: a Linux bridge with {@code multicast_snooping=1}
 *       (net/bridge/br_multicast.c): groups in 224.0.0.0/24 and ff02::1 are never recorded and
 *       always flooded (RFC 4541); other groups go to the ports with a live membership; while no
 *       querier exists (neither its own, {@code multicast_querier}, nor one heard) it floods all
 *       multicast.
 *   <li>{@link Mode#MANAGED}: a typical managed switch that does not follow RFC 4541: it snoops
 *       224.0.0.x and ff02::x too (all but 224.0.0.1 and ff02::1) and drops unregistered multicast,
 *       querier or not.
 * </ul>
 *
 * Both age a membership out {@link #MEMBERSHIP_INTERVAL} after the last report on its port (the
 * bridge's {@code multicast_membership_interval}, RFC 2236's robustness 2 × query interval 125 s +
 * query response 10 s). With {@code querier} on, the switch sends general queries (IGMPv2, MLDv1,
 * as the bridge's default {@code multicast_igmp_version 2}, {@code multicast_mld_version 1}): two
 * at start-up {@link #STARTUP_QUERY_INTERVAL} apart, then every {@link #QUERY_INTERVAL}.
 *
 * @param mode off, or which device's rules
 * @param querier whether the switch sends general queries itself (as a Linux bridge's {@code
 *     multicast_querier} does even with snooping off)
 */
public record Snooping(Mode mode, boolean querier) {

  /** Which snooping rules a switch follows. */
  public enum Mode {
    /** No snooping: multicast is flooded. */
    OFF,
    /** A Linux bridge's (br_multicast.c). */
    LINUX_BRIDGE,
    /** A typical managed switch's that snoops link-local groups and drops unregistered multicast. */
    MANAGED
  }

  /** No snooping. */
  public static final Snooping OFF = new Snooping(Mode.OFF, false);

  /** How long a membership lasts after its last report: 260 s. */
  public static final long MEMBERSHIP_INTERVAL = 260_000_000_000L;
  /** How long a querier heard on a port keeps it the querier (and a router port): 255 s. */
  public static final long OTHER_QUERIER_INTERVAL = 255_000_000_000L;
  /** Between general queries: 125 s. */
  public static final long QUERY_INTERVAL = 125_000_000_000L;
  /** Between the start-up queries: a quarter of the query interval, 31.25 s. */
  public static final long STARTUP_QUERY_INTERVAL = QUERY_INTERVAL / 4;
  /** The Max Resp Time of a general query: 10 s. */
  public static final long QUERY_RESPONSE_INTERVAL = 10_000_000_000L;
  /** After a leave, a membership lasts last-member-count (2) × last-member-interval (1 s). */
  public static final long LEAVE_INTERVAL = 2_000_000_000L;

  public Snooping {
    if (mode == null) {
      throw new IllegalArgumentException("snooping mode must not be null");
    }
  }

  /** Whether the switch snoops at all. */
  public boolean snoops() {
    return mode != Mode.OFF;
  }

  /** The scenario word of a mode: off, linux-bridge, managed. */
  public static String word(Mode mode) {
    return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The same querier with other rules. */
  public Snooping withMode(Mode newMode) {
    return new Snooping(newMode, querier);
  }

  /** The same rules with the querier on or off. */
  public Snooping withQuerier(boolean on) {
    return new Snooping(mode, on);
  }

  @Override
  public String toString() {
    return word(mode) + " querier " + (querier ? "on" : "off");
  }
}
