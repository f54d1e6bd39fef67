package org.carpsim.sim.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A split of one segment into sides, as data (a Jepsen grudge for one broadcast domain): frames
 * cross only between NICs on the same side.
 *
 * <p>Members are host names (all of that host's NICs on the segment) or qualified NIC names ({@code
 * fw1.em0}). NICs of the segment that no side names form one more side, "the rest", so {@code
 * partition lan fw1} isolates fw1 from everybody else.
 *
 * @param sides the named sides, in order; each non-empty, no member on two sides
 */
public record Partition(List<Set<String>> sides) {

  /** Copies and validates the sides. */
  public Partition {
    if (sides.isEmpty()) {
      throw new IllegalArgumentException("a partition needs at least one side");
    }
    List<Set<String>> copy = new ArrayList<>(sides.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < sides.size(); i++) {
      Set<String> side = sides.get(i);
      if (side.isEmpty()) {
        throw new IllegalArgumentException("side " + (i + 1) + " of the partition is empty");
      }
      for (String member : side) {
        Integer other = seen.putIfAbsent(member, i);
        if (other != null) {
          throw new IllegalArgumentException(
              member + " is on two sides of the partition (sides " + (other + 1) + " and " + (i + 1) + ")");
        }
      }
      copy.add(Collections.unmodifiableSet(new LinkedHashSet<>(side)));
    }
    sides = List.copyOf(copy);
  }

  /** A partition from sides given as arrays of names. */
  @SafeVarargs
  public static Partition of(List<String> firstSide, List<String>... otherSides) {
    List<Set<String>> sides = new ArrayList<>();
    sides.add(new LinkedHashSet<>(firstSide));
    for (List<String> side : otherSides) {
      sides.add(new LinkedHashSet<>(side));
    }
    return new Partition(sides);
  }

  /**
   * Reads the scenario form: sides separated by {@code |}, members by spaces or commas, e.g. {@code
   * "fw1 | fw2 fw3"}.
   */
  public static Partition parse(String text) {
    List<Set<String>> sides = new ArrayList<>();
    for (String sideText : text.split("\\|", -1)) {
      Set<String> side = new LinkedHashSet<>();
      for (String member : sideText.trim().split("[\\s,]+")) {
        if (!member.isEmpty()) {
          side.add(member);
        }
      }
      sides.add(side);
    }
    return new Partition(sides);
  }

  /** The scenario form, {@code fw1 | fw2 fw3}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Set<String> side : sides) {
      if (out.length() > 0) {
        out.append(" | ");
      }
      out.append(String.join(" ", side));
    }
    return out.toString();
  }
}
