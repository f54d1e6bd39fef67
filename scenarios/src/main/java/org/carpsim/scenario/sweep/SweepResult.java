package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.sweep.SweepPlan.Shard;

/**
 * The result of a sweep (or of one shard of it): its identity (scenario, seeds, knobs, shard), every
 * case's figures ordered by (combination, seed), and a summary per combination.
 *
 * @param scenario the scenario's name
 * @param file the scenario file
 * @param digest SHA-256 of the scenario text
 * @param firstSeed first seed
 * @param lastSeed last seed
 * @param knobs the knobs and their values
 * @param shard which shard this is ({@code 1/1}: the whole sweep)
 * @param cases every case run, by (combination, seed)
 */
public record SweepResult(String scenario, String file, String digest, long firstSeed, long lastSeed,
    List<KnobValues> knobs, Shard shard, List<CaseResult> cases) {

  public SweepResult {
    knobs = List.copyOf(knobs);
    cases = cases.stream().sorted(Comparator.comparingInt(CaseResult::combination)
        .thenComparingLong(CaseResult::seed)).toList();
  }

  /** How many knob combinations the whole sweep has. */
  public int combinationCount() {
    int n = 1;
    for (KnobValues k : knobs) {
      n *= k.values().size();
    }
    return n;
  }

  /** Knob name → value of combination {@code index} (the last knob varies fastest). */
  public Map<String, String> settings(int index) {
    Map<String, String> out = new LinkedHashMap<>();
    int rest = index;
    for (int i = knobs.size() - 1; i >= 0; i--) {
      KnobValues k = knobs.get(i);
      out.put(k.knob().name(), k.values().get(rest % k.values().size()));
      rest /= k.values().size();
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    knobs.forEach(k -> ordered.put(k.knob().name(), out.get(k.knob().name())));
    return ordered;
  }

  /** One summary per combination, in order. */
  public List<CombinationSummary> summaries() {
    List<CombinationSummary> out = new ArrayList<>();
    for (int c = 0; c < combinationCount(); c++) {
      int index = c;
      out.add(CombinationSummary.of(c, settings(c), cases.stream().filter(x -> x.combination() == index).toList()));
    }
    return out;
  }

  /** How many cases the sweep's shard has, run or not: combinations × seeds, this shard's share. */
  public long expectedCases() {
    long total = (long) combinationCount() * (lastSeed - firstSeed + 1);
    long n = 0;
    for (long i = 0; i < total; i++) {
      n += shard.runs(i) ? 1 : 0;
    }
    return n;
  }

  /** Whether every case of the shard ran (an interrupted sweep's result is partial). */
  public boolean complete() {
    return cases.size() == expectedCases();
  }

  /**
   * This partial result continued: the same sweep with {@code more} cases added.
   *
   * @throws SweepException when {@code more} is of another sweep, or repeats a case
   */
  public SweepResult resumedWith(SweepResult more) {
    if (!more.digest().equals(digest) || more.firstSeed() != firstSeed || more.lastSeed() != lastSeed
        || !more.knobs().toString().equals(knobs.toString()) || !more.shard().equals(shard)) {
      throw new SweepException("--resume: the partial result is of another sweep (" + identity(this)
          + "), where this one has " + identity(more));
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<CaseResult> all = new ArrayList<>(cases);
    all.addAll(more.cases());
    for (CaseResult c : all) {
      if (!seen.add(c.key())) {
        throw new SweepException("--resume: case " + c.combination() + " seed " + c.seed() + " was run twice");
      }
    }
    return new SweepResult(scenario, file, digest, firstSeed, lastSeed, knobs, shard, all);
  }

  /** True when every expectation held in every run. */
  public boolean passed() {
    return cases.stream().allMatch(CaseResult::passed);
  }

  /**
   * Merges the shard results of one sweep into the whole.
   *
   * @throws SweepException when they belong to different sweeps, or a shard is missing or repeated
   */
  public static SweepResult merge(List<SweepResult> shards, List<String> names) {
    if (shards.isEmpty()) {
      throw new SweepException("--merge: no shard files given");
    }
    SweepResult first = shards.get(0);
    int count = first.shard().count();
    SweepResult[] byIndex = new SweepResult[count];
    for (int i = 0; i < shards.size(); i++) {
      SweepResult s = shards.get(i);
      String name = names.get(i);
      String other = !s.digest().equals(first.digest()) ? "another scenario text (" + s.file() + ")"
          : s.firstSeed() != first.firstSeed() || s.lastSeed() != first.lastSeed()
              ? "seeds " + s.firstSeed() + ".." + s.lastSeed()
          : !s.knobs().toString().equals(first.knobs().toString()) ? "knobs " + s.knobs()
          : s.shard().count() != count ? count(s.shard().count()) : null;
      if (other != null) {
        throw new SweepException("--merge: " + name + " is a shard of another sweep: " + other + ", where "
            + names.get(0) + " has " + describe(first));
      }
      if (!s.complete()) {
        throw new SweepException("--merge: " + name + " is partial (" + s.cases().size() + " of " + s.expectedCases()
            + " runs): finish it with --resume first");
      }
      int idx = s.shard().index() - 1;
      if (byIndex[idx] != null) {
        throw new SweepException("--merge: shard " + s.shard() + " is given twice (" + names.get(shards.indexOf(byIndex[idx]))
            + " and " + name + ")");
      }
      byIndex[idx] = s;
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (byIndex[i] == null) {
        missing.add((i + 1) + "/" + count);
      }
    }
    if (!missing.isEmpty()) {
      throw new SweepException("--merge: missing shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
    }
    List<CaseResult> cases = new ArrayList<>();
    shards.forEach(s -> cases.addAll(s.cases()));
    return new SweepResult(first.scenario(), first.file(), first.digest(), first.firstSeed(), first.lastSeed(),
        first.knobs(), Shard.ALL, cases);
  }

  private static String count(int n) {
    return n + " shards in all";
  }

  private static String describe(SweepResult s) {
    return "seeds " + s.firstSeed() + ".." + s.lastSeed() + ", knobs " + s.knobs() + ", " + count(s.shard().count());
  }

  /** Everything that makes two results parts of one sweep, in words. */
  private static String identity(SweepResult s) {
    return "seeds " + s.firstSeed() + ".." + s.lastSeed() + ", knobs " + s.knobs() + ", shard " + s.shard()
        + ", scenario text sha256 " + s.digest().substring(0, Math.min(12, s.digest().length()));
  }
}
