package org.carpsim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.sweep.SweepPlan.Shard;
import org.junit.jupiter.api.Test;

/** Whether seeds can differ, and the spread a random instant gives a sweep. */
class SeedVariationTest {

  /** SweepTest's pair without its loss line: nothing is drawn from the seed. */
  static final String FIXED = SweepTest.PAIR.replace("at 30s loss lan 1%\n", "");

  private static SweepPlan plan(String text, long seeds, String... sets) {
    List<KnobValues> knobs = new ArrayList<>();
    for (String s : sets) {
      knobs.add(KnobValues.parse(s));
    }
    return new SweepPlan(text, ScenarioParser.parse("pair.carp", text), 1, seeds, knobs, Shard.ALL);
  }

  @Test
  void aScenarioWithoutDrawsHasNoSourcesAndItsSweepAllRunsAlike() {
    SweepPlan p = plan(FIXED, 4);
    assertEquals(List.of(), p.randomSources());
    Optional<String> note = SeedVariation.note(p.randomSources(), p.seedCount());
    assertTrue(note.orElseThrow().startsWith("every seed gives the same run"), note.get());
    assertTrue(note.get().endsWith("the 4 runs of each combination repeat one result"), note.get());
    SweepResult r = Sweep.run(p, 2);
    assertEquals(1, r.cases().stream().map(c -> c.failovers().toString() + c.arpAnswers()).distinct().count(),
        "the note is true: every seed gave the same figures");
    assertEquals(Optional.empty(), SeedVariation.note(List.of(), 1), "one seed: nothing to say");
  }

  @Test
  void everySourceOfRandomnessIsNamed() {
    assertEquals(List.of("line 15: at 30s loss lan 1% (then loss)"), plan(SweepTest.PAIR, 2).randomSources());
    assertEquals(List.of("segment lan: loss"), plan(FIXED, 2, "lan.loss=0%,1%").randomSources(),
        "a knob value that draws counts");
    assertEquals(List.of(), plan(FIXED, 2, "lan.latency=1ms,2ms").randomSources(), "latency is fixed");
    Scenario s = ScenarioParser.parse("x.carp", FIXED
        .replace("profile openbsd-3.5", "profile openbsd")
        .replace("at 20s crash fw1", "at 20s..21s crash fw1\nat 25s fw1: ifconfig carp0 lladdr random")
        .replace("segment lan 10.0.0.0/24", "segment lan 10.0.0.0/24 duplicate 1%")
        .replace("  nic em0 lan 10.0.0.2/24", "  nic em0 lan 10.0.0.2/24 jitter 10us"));
    assertEquals(List.of("line 14: at 20s..21s crash fw1 (a random instant)", "segment lan: duplicate",
        "NIC fw2.em0: jitter", "line 15: at 25s fw1: ifconfig carp0 lladdr random (lladdr random)"),
        SeedVariation.sources(s));
  }

  @Test
  void aRandomInstantCrashSpreadsTheFailoverTimesOverFiftySeeds() {
    String random = FIXED.replace("at 20s crash fw1", "at 20s..21s crash fw1");
    SweepPlan p = plan(random, 50);
    assertEquals(List.of("line 14: at 20s..21s crash fw1 (a random instant)"), p.randomSources());
    SweepResult r = Sweep.run(p, 2);
    Set<Long> failovers = new TreeSet<>();
    r.cases().forEach(c -> failovers.addAll(c.failovers()));
    // The backup takes over 3 x 1 s + 100/256 s after the master's last advertisement, which falls
    // anywhere in the last second before the crash: the gap without a master spreads over [2.39, 3.39] s.
    assertTrue(failovers.size() >= 40, "50 seeds, " + failovers.size() + " distinct failover times: " + failovers);
    long min = failovers.iterator().next();
    long max = ((TreeSet<Long>) failovers).last();
    assertTrue(min >= 2_390_625_000L && max <= 3_390_625_000L && max - min > 500_000_000L, min + " .. " + max);
    SweepResult fixed = Sweep.run(plan(FIXED, 50), 2);
    assertEquals(1, fixed.cases().stream().map(CaseResult::failovers).distinct().count());
  }
}
