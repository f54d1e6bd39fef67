package org.carpsim.sim.topology;

/**
 * An Ethernet segment (broadcast domain) of the topology.
 *
 * @param name unique among hosts and segments
 * @param kind hub or learning switch
 * @param conditions impairments that apply to every frame crossing the segment
 * @param macAging how long a learning switch keeps an entry after last seeing its source MAC, in
 *     nanoseconds (0 for a hub)
 * @param moveLimit a learning switch's MAC-move limit
 * @param snooping a learning switch's IGMP/MLD snooping at the start of the run
 */
public record SegmentSpec(String name, SegmentKind kind, LinkConditions conditions, long macAging,
    MoveLimit moveLimit, Snooping snooping) implements TopologyVertex {

  /** The usual switch default: 300 s (IEEE 802.1D). */
  public static final long DEFAULT_MAC_AGING = 300_000_000_000L;

  /** Validates the fields. */
  public SegmentSpec {
    if (kind == SegmentKind.LEARNING_SWITCH && macAging <= 0) {
      throw new IllegalArgumentException("segment " + name + ": MAC aging must be positive, got " + macAging + "ns");
    }
    if (snooping == null) {
      snooping = Snooping.OFF;
    }
    if (kind == SegmentKind.HUB && !snooping.equals(Snooping.OFF)) {
      throw new IllegalArgumentException("segment " + name + ": a hub does not snoop");
    }
    if (conditions == null) {
      throw new IllegalArgumentException("segment " + name + ": conditions must not be null");
    }
  }

  /** A segment without a MAC-move limit. */
  public SegmentSpec(String name, SegmentKind kind, LinkConditions conditions, long macAging) {
    this(name, kind, conditions, macAging, MoveLimit.NONE, Snooping.OFF);
  }

  /** A segment without snooping. */
  public SegmentSpec(String name, SegmentKind kind, LinkConditions conditions, long macAging, MoveLimit moveLimit) {
    this(name, kind, conditions, macAging, moveLimit, Snooping.OFF);
  }
}
