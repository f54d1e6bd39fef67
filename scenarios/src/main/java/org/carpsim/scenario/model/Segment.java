package org.carpsim.scenario.model;

import java.util.Optional;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.MoveLimit;
import org.carpsim.sim.topology.SegmentKind;
import org.carpsim.sim.topology.SegmentSpec;
import org.carpsim.sim.topology.Snooping;

/**
 * An Ethernet broadcast domain: a hub ({@code segment}) or a learning switch ({@code switch}).
 *
 * @param name unique among segments and hosts
 * @param kind hub or learning switch
 * @param ipv4 the IPv4 subnet, if given; NIC addresses and client ranges must lie in it
 * @param ipv6 the IPv6 prefix, if given
 * @param conditions latency, jitter, loss and duplication of every frame crossing the segment at the
 *     start of the run (an impairment on the timeline changes them later)
 * @param macAging a switch's MAC aging in nanoseconds; 0 for a hub
 * @param moveLimit a switch's MAC-move limit ({@code mac-move-limit N/T}), {@link MoveLimit#NONE} by default
 * @param snooping a switch's IGMP/MLD snooping and querier at the start ({@code snooping MODE},
 *     {@code querier on|off}), {@link Snooping#OFF} by default
 * @param origin the {@code segment} / {@code switch} line
 */
public record Segment(String name, SegmentKind kind, Optional<Ipv4Prefix> ipv4, Optional<Ipv6Prefix> ipv6,
    LinkConditions conditions, long macAging, MoveLimit moveLimit, Snooping snooping, Origin origin) {

  /** True for a learning switch. */
  public boolean isSwitch() {
    return kind == SegmentKind.LEARNING_SWITCH;
  }

  /** The simulator's description of this segment. */
  public SegmentSpec toSpec() {
    return new SegmentSpec(name, kind, conditions, macAging, moveLimit, snooping);
  }
}
