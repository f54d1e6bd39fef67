package org.carpsim.sim.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;
import org.carpsim.sim.topology.SegmentKind;
import org.carpsim.sim.topology.SegmentSpec;

/**
 * A simulated Ethernet segment: a hub or a learning switch joining NICs, possibly split into sides.
 *
 * <p>For speed the members of each side are kept in arrays rebuilt only when the partition
 * changes, and a learning switch keeps one MAC table per side (a split switch behaves as separate
 * switches, each learning on its own; healing merges the tables, newest entry first).
 */
public final class Segment {

  final World world;
  final SegmentSpec spec;
  final String name;
  final SegmentKind kind;
  final boolean learning;
  /** MAC moves seen by this switch's tables. */
  long macMoves;
  /** With a move limit: each MAC's recent move instants, oldest first (nothing is kept without one). */
  final java.util.Map<Long, java.util.ArrayDeque<Long>> recentMoves = new java.util.HashMap<>();
  final long macAging;
  Nic[] nics = new Nic[0];
  LinkConditions conditions;
  Partition partition;
  /** The NICs of each side, in port order. */
  Nic[][] sides;
  /** Learning switch only: one table per side. */
  MacTable[] tables;
  /** IGMP/MLD snooping, made when a switch first snoops (at start or by a fault); null before. */
  Snooper snooper;
  /** The switch's own MAC, the source of its querier's queries: locally administered, one per segment. */
  final long switchMac;

  Segment(World world, SegmentSpec spec, int index) {
    this.world = world;
    this.spec = spec;
    this.name = spec.name();
    this.kind = spec.kind();
    this.learning = kind == SegmentKind.LEARNING_SWITCH;
    this.macAging = spec.macAging();
    this.conditions = spec.conditions();
    this.switchMac = 0x0200_5e00_0000L | (index & 0xffffff);
  }

  /** The switch's IGMP/MLD snooping now ({@link Snooping#OFF} on a hub or a switch that does not snoop). */
  public org.carpsim.sim.topology.Snooping snooping() {
    return snooper == null ? org.carpsim.sim.topology.Snooping.OFF : snooper.config();
  }

  /** Frames the switch's snooping kept from a port (a multicast frame counts once per port it did not reach). */
  public long snoopedDrops() {
    return snooper == null ? 0 : snooper.dropped;
  }

  /** General queries the switch's own querier sent. */
  public long queriesSent() {
    return snooper == null ? 0 : snooper.queriesSent;
  }

  /** The NICs whose ports have a live membership of {@code group} (written as an IP address, e.g. 224.0.0.18). */
  public List<String> members(String group) {
    return snooper == null ? List.of() : snooper.membersOf(group, world.now());
  }

  /** How many times a learning switch saw a known MAC arrive on another port (MAC flaps); 0 on a hub. */
  public long macMoves() {
    return macMoves;
  }

  /** The segment's name. */
  public String name() {
    return name;
  }

  /** Hub or learning switch. */
  public SegmentKind kind() {
    return kind;
  }

  /** The segment's own impairments (NIC links add theirs). */
  public LinkConditions conditions() {
    return conditions;
  }

  /** The learning switch's MAC aging in nanoseconds (0 for a hub). */
  public long macAging() {
    return macAging;
  }

  /** The attached NICs in port order (declaration order). */
  public List<Nic> nics() {
    return List.of(nics);
  }

  /** The current partition, if the segment is split. */
  public Optional<Partition> partition() {
    return Optional.ofNullable(partition);
  }

  /** The connected sides: one list holding every NIC when not partitioned. */
  public List<List<Nic>> sides() {
    List<List<Nic>> result = new ArrayList<>(sides.length);
    for (Nic[] side : sides) {
      result.add(List.of(side));
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * Where this learning switch would send a frame for {@code mac} right now, from the table of the
   * side {@code from} is on: the learned port's NIC, or empty if the switch would flood (unknown or
   * aged out), or if this segment is a hub.
   */
  public Optional<Nic> learnedPort(long mac, Nic from) {
    if (!learning) {
      return Optional.empty();
    }
    int port = tables[from.side].lookup(mac, world.now(), macAging);
    return port < 0 ? Optional.empty() : Optional.of(nics[port]);
  }

  void attach(Nic nic) {
    Nic[] grown = java.util.Arrays.copyOf(nics, nics.length + 1);
    grown[nics.length] = nic;
    nics = grown;
  }

  /** Sets the sides (lists of NICs in port order); rebuilds the per-side arrays and tables. */
  void split(List<List<Nic>> newSides, Partition newPartition) {
    Nic[][] arrays = new Nic[newSides.size()][];
    for (int s = 0; s < arrays.length; s++) {
      arrays[s] = newSides.get(s).toArray(new Nic[0]);
      for (Nic nic : arrays[s]) {
        nic.side = s;
      }
    }
    if (learning) {
      MacTable[] newTables = new MacTable[arrays.length];
      for (int s = 0; s < arrays.length; s++) {
        newTables[s] = new MacTable();
        if (tables != null) {
          final int side = s;
          for (MacTable old : tables) {
            old.copyInto(newTables[s], port -> nics[port].side == side);
          }
        }
      }
      tables = newTables;
    }
    sides = arrays;
    partition = newPartition;
  }

  @Override
  public String toString() {
    return "Segment[" + name + ", " + kind + ", " + nics.length + " NICs"
        + (partition == null ? "" : ", partitioned " + partition) + "]";
  }
}
