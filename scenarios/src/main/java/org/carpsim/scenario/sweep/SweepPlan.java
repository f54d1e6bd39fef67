package org.carpsim.scenario.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carpsim.scenario.model.Scenario;

/**
 * A sweep to run: a scenario, a seed range, the knobs with their values, and which shard of the cases
 * this process runs. Every combination's scenario is built (and so validated) when the plan is made,
 * so bad input is refused before anything runs.
 *
 * <p>Cases are numbered combination-major: case {@code c * seeds + (seed - firstSeed)}; combinations
 * vary the last {@code --set} fastest. Shard {@code I/N} runs the cases whose number is {@code I-1}
 * modulo {@code N}.
 */
public final class SweepPlan {

  private final Scenario base;
  private final String digest;
  private final long firstSeed;
  private final long lastSeed;
  private final List<KnobValues> knobs;
  private final Shard shard;
  private final List<Map<Knob, String>> combinations;
  private final List<Scenario> scenarios;

  /** Shard {@code index} (1-based) of {@code count}. */
  public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    /** Reads {@code I/N}. */
    public static Shard parse(String text) {
      String[] p = text.split("/", -1);
      if (p.length != 2 || !p[0].matches("[0-9]{1,6}") || !p[1].matches("[0-9]{1,6}")) {
        throw new SweepException("--shard " + text + ": expected I/N, e.g. 2/4 (the second of four shards)");
      }
      int i = Integer.parseInt(p[0]);
      int n = Integer.parseInt(p[1]);
      if (n < 1 || i < 1 || i > n) {
        throw new SweepException("--shard " + text + ": I must be between 1 and N, and N at least 1");
      }
      return new Shard(i, n);
    }

    public boolean runs(long caseIndex) {
      return caseIndex % count == index - 1;
    }

    @Override
    public String toString() {
      return index + "/" + count;
    }
  }

  /**
   * Plans a sweep.
   *
   * @param text the scenario's text (a {@code profile} knob parses it again)
   * @param base the scenario parsed from {@code text}
   * @throws SweepException for an empty seed range, a knob set twice, or a combination the scenario
   *     cannot take
   */
  public SweepPlan(String text, Scenario base, long firstSeed, long lastSeed, List<KnobValues> knobs, Shard shard) {
    if (lastSeed < firstSeed) {
      throw new SweepException("--seeds " + firstSeed + ".." + lastSeed + ": the last seed is below the first");
    }
    if (lastSeed - firstSeed >= 10_000_000) {
      throw new SweepException("--seeds " + firstSeed + ".." + lastSeed + ": at most 10000000 seeds per sweep");
    }
    Set<String> names = new HashSet<>();
    for (KnobValues k : knobs) {
      if (!names.add(k.knob().name())) {
        throw new SweepException("--set " + k.knob().name() + " is given twice; list every value in one --set");
      }
    }
    this.base = base;
    this.digest = sha256(text);
    this.firstSeed = firstSeed;
    this.lastSeed = lastSeed;
    this.knobs = List.copyOf(knobs);
    this.shard = shard;
    this.combinations = combine(this.knobs);
    List<Scenario> built = new ArrayList<>();
    for (Map<Knob, String> c : combinations) {
      built.add(Overrides.apply(base.file(), text, base, c));
    }
    this.scenarios = List.copyOf(built);
  }

  /** Parses {@code A..B}. */
  public static long[] seeds(String text) {
    String[] p = text.split("\\.\\.", -1);
    if (p.length != 2 || !p[0].matches("[0-9]{1,18}") || !p[1].matches("[0-9]{1,18}")) {
      throw new SweepException("--seeds " + text + ": expected A..B with whole numbers, e.g. 1..100");
    }
    return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])};
  }

  private static List<Map<Knob, String>> combine(List<KnobValues> knobs) {
    List<Map<Knob, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (KnobValues k : knobs) {
      List<Map<Knob, String>> next = new ArrayList<>();
      for (Map<Knob, String> prefix : out) {
        for (String v : k.values()) {
          Map<Knob, String> m = new LinkedHashMap<>(prefix);
          m.put(k.knob(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out.stream().map(m -> java.util.Collections.unmodifiableMap(m)).map(m -> (Map<Knob, String>) m).toList();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Scenario base() {
    return base;
  }

  /** SHA-256 of the scenario text: shards of different files refuse to merge. */
  public String digest() {
    return digest;
  }

  public long firstSeed() {
    return firstSeed;
  }

  public long lastSeed() {
    return lastSeed;
  }

  public long seedCount() {
    return lastSeed - firstSeed + 1;
  }

  public List<KnobValues> knobs() {
    return knobs;
  }

  public Shard shard() {
    return shard;
  }

  /** Every combination of knob values, knob → value as written. */
  public List<Map<Knob, String>> combinations() {
    return combinations;
  }

  /** The scenario of combination {@code index}, with its seed still the file's. */
  public Scenario scenario(int index) {
    return scenarios.get(index);
  }

  /**
   * What any combination's scenario draws from the seed ({@link SeedVariation#sources}), each source
   * once; empty when every seed gives the same run.
   */
  public List<String> randomSources() {
    Set<String> out = new LinkedHashSet<>();
    scenarios.forEach(s -> out.addAll(SeedVariation.sources(s)));
    return List.copyOf(out);
  }

  /** Every case number of the whole sweep. */
  public long caseCount() {
    return combinations.size() * seedCount();
  }
}
