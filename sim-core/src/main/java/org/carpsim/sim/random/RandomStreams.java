package org.carpsim.sim.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The randomness of one run: one seed, and from it an independent stream per entity.
 *
 * <p>Each entity (a host, a NIC, a segment, a client population) draws only from its own stream,
 * derived from the run seed and the entity's stable name with a 64-bit mix (never {@code
 * String.hashCode}). Adding or removing an entity therefore does not change what any other entity
 * draws, and the same seed gives the same draws on every machine and every run.
 *
 * <pre>{@code
 * RandomStreams streams = new RandomStreams(42);
 * SplittableRandom fw1 = streams.forEntity("host fw1");   // same values for seed 42, always
 * }</pre>
 *
 * <p>The derivation below is part of the determinism contract: changing it changes every run.
 */
public final class RandomStreams {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final long seed;

  /** The streams of a run with the given seed. */
  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** The run seed. */
  public long seed() {
    return seed;
  }

  /**
   * A fresh generator for the entity named {@code name}, e.g. {@code "host fw1"} or {@code "nic
   * fw1.em0"}. Every call with the same name returns a generator in the same initial state, so an
   * entity should ask once and keep it.
   */
  public SplittableRandom forEntity(String name) {
    return new SplittableRandom(entitySeed(name));
  }

  /** The 64-bit seed of an entity's stream: a mix of the run seed and the name's hash. */
  public long entitySeed(String name) {
    return mix64(hashName(name) ^ mix64(seed * GOLDEN_GAMMA + GOLDEN_GAMMA));
  }

  /**
   * A 64-bit hash of a name's UTF-8 bytes, eight bytes at a time, each step avalanched with {@link
   * #mix64}; stable across JVMs and platforms.
   */
  public static long hashName(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    long h = GOLDEN_GAMMA ^ bytes.length;
    for (int i = 0; i < bytes.length; i += 8) {
      long word = 0;
      for (int j = Math.min(bytes.length, i + 8) - 1; j >= i; j--) {
        word = (word << 8) | (bytes[j] & 0xff);
      }
      h = mix64(h + word * GOLDEN_GAMMA) + GOLDEN_GAMMA;
    }
    return mix64(h);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser (the mix SplittableRandom itself uses). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "RandomStreams[seed " + seed + "]";
  }
}
