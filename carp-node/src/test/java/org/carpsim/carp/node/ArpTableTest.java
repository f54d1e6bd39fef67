package org.carpsim.carp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArpTableTest {

  /** Against a HashMap, over addresses that collide in the low and the high bits, MACs of 0 and of all ones. */
  @Test
  void answersAsAMapDoesWhileItGrows() {
    answersAsABoundedMapDoes(1_000_000, 7);
  }

  /** Past its limit the oldest entry goes, as a LinkedHashMap in insertion order drops its eldest. */
  @Test
  void pushesTheOldestOutPastItsLimit() {
    for (int limit : new int[] {1, 5, 100, 4096}) {
      answersAsABoundedMapDoes(limit, limit);
    }
  }

  private static void answersAsABoundedMapDoes(int limit, long seed) {
    ArpTable table = new ArpTable(limit);
    Map<Integer, Long> reference = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
        return size() > limit;
      }
    };
    SplittableRandom random = new SplittableRandom(seed);
    for (int step = 0; step < 200_000; step++) {
      int address = switch (random.nextInt(3)) {
        case 0 -> random.nextInt(64) << 26; // only high bits differ
        case 1 -> random.nextInt(5_000); // only low bits differ
        default -> random.nextInt();
      };
      if (random.nextBoolean()) {
        long mac = switch (random.nextInt(4)) {
          case 0 -> 0L;
          case 1 -> 0xffff_ffff_ffffL;
          default -> random.nextLong() & 0xffff_ffff_ffffL;
        };
        table.put(address, mac);
        reference.put(address, mac);
      }
      assertEquals(reference.getOrDefault(address, -1L), table.get(address), "address " + address);
    }
    assertEquals(reference.size(), table.size());
    reference.forEach((a, m) -> assertEquals(m, table.get(a)));
  }
}
