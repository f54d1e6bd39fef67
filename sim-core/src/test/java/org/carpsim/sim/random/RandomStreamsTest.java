package org.carpsim.sim.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  private static long[] draws(SplittableRandom random, int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextLong();
    }
    return values;
  }

  /** Hands out streams in the given order and draws from each in turn, as a run would. */
  private static Map<String, long[]> run(long seed, List<String> entities) {
    RandomStreams streams = new RandomStreams(seed);
    Map<String, SplittableRandom> byName = new LinkedHashMap<>();
    for (String entity : entities) {
      byName.put(entity, streams.forEntity(entity));
    }
    Map<String, long[]> result = new LinkedHashMap<>();
    for (int round = 0; round < 5; round++) {
      for (Map.Entry<String, SplittableRandom> e : byName.entrySet()) {
        long[] previous = result.getOrDefault(e.getKey(), new long[0]);
        long[] next = java.util.Arrays.copyOf(previous, previous.length + 3);
        System.arraycopy(draws(e.getValue(), 3), 0, next, previous.length, 3);
        result.put(e.getKey(), next);
      }
    }
    return result;
  }

  @Test
  void theSameSeedAndNameGiveTheSameDraws() {
    assertArrayEquals(
        draws(new RandomStreams(42).forEntity("host fw1"), 100),
        draws(new RandomStreams(42).forEntity("host fw1"), 100));
  }

  @Test
  void addingAHostDoesNotChangeTheDrawsOfTheOthers() {
    Map<String, long[]> before = run(7, List.of("host fw1", "host fw2"));
    Map<String, long[]> after = run(7, List.of("host fw0", "host fw1", "host new", "host fw2"));
    assertArrayEquals(before.get("host fw1"), after.get("host fw1"));
    assertArrayEquals(before.get("host fw2"), after.get("host fw2"));
  }

  @Test
  void differentSeedsAndNamesGiveDifferentStreams() {
    assertNotEquals(new RandomStreams(1).forEntity("host fw1").nextLong(),
        new RandomStreams(2).forEntity("host fw1").nextLong());
    assertNotEquals(new RandomStreams(1).forEntity("host fw1").nextLong(),
        new RandomStreams(1).forEntity("host fw2").nextLong());
    // Names that String.hashCode confuses ("Aa" and "BB" collide) get different streams.
    assertEquals("Aa".hashCode(), "BB".hashCode());
    assertNotEquals(RandomStreams.hashName("Aa"), RandomStreams.hashName("BB"));
  }

  @Test
  void entitySeedsOfManySimilarNamesDoNotCollide() {
    RandomStreams streams = new RandomStreams(0);
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertFalse(!seeds.add(streams.entitySeed("client " + i)), "collision at client " + i);
    }
    // Trailing zero bytes change the hash (the length is mixed in).
    assertNotEquals(RandomStreams.hashName("a"), RandomStreams.hashName("a\0"));
    assertNotEquals(RandomStreams.hashName(""), RandomStreams.hashName("\0"));
  }

  @Test
  void neighbouringSeedsGiveUnrelatedFirstDraws() {
    // A weak mix would leave the low bits of neighbouring seeds correlated; count equal bits.
    int totalEqualBits = 0;
    for (long seed = 0; seed < 1000; seed++) {
      long a = new RandomStreams(seed).forEntity("host fw1").nextLong();
      long b = new RandomStreams(seed + 1).forEntity("host fw1").nextLong();
      totalEqualBits += 64 - Long.bitCount(a ^ b);
    }
    double mean = totalEqualBits / 1000.0;
    assertEquals(32, mean, 1.5, "about half the bits should agree by chance");
  }
}
