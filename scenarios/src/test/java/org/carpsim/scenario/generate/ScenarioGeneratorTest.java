package org.carpsim.scenario.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {

  private static ScenarioGenerator.Spec small(String profile, long seed) {
    return new ScenarioGenerator.Spec(2, 4, 3, profile, 2 * Durations.MINUTE, seed, 12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void aSmallGeneratedScenarioParsesWithoutWarningsAndEveryExpectationHolds(String profile) {
    String text = ScenarioGenerator.generate(small(profile, 7));
    Scenario s = ScenarioParser.parse("gen.carp", text);
    assertEquals(12, s.hosts().size());
    assertEquals(List.of(), s.warnings().stream().map(Object::toString).toList());
    assertTrue(text.contains("crash ") || text.contains("link ") || text.contains("partition "), text);
    RunResult r = ScenarioRunner.run(s);
    List<String> failed = r.verdicts().stream().filter(v -> !v.passed()).map(Verdict::detail).toList();
    assertEquals(List.of(), failed, text);
    assertTrue(r.verdicts().size() >= 4, "at least one expectation per group");
    assertEquals(List.of(), r.history().select(e -> e.event().kind().equals("command-error")).stream()
        .map(Object::toString).toList(), "every configuration line was accepted");
  }

  @Test
  void withoutExpectationsTheTextIsTheSameWorldAndTimelineAndNothingElse() {
    String full = ScenarioGenerator.generate(small("netbsd", 4));
    String bare = ScenarioGenerator.generate(small("netbsd", 4), false);
    assertTrue(full.startsWith(bare), bare);
    assertTrue(full.substring(bare.length()).strip().lines().allMatch(l -> l.startsWith("expect ")), full);
    assertEquals(List.of(), ScenarioParser.parse("bare.carp", bare).expectations());
  }

  @Test
  void theSameSeedGivesTheSameTextAndAnotherSeedAnotherSchedule() {
    assertEquals(ScenarioGenerator.generate(small("openbsd", 3)), ScenarioGenerator.generate(small("openbsd", 3)));
    assertNotEquals(ScenarioGenerator.generate(small("openbsd", 3)), ScenarioGenerator.generate(small("openbsd", 4)));
  }

  @Test
  void everyFaultIsUndoneBeforeTheQuietEnd() {
    ScenarioGenerator.Spec spec = new ScenarioGenerator.Spec(3, 30, 3, "ucarp", 10 * Durations.MINUTE, 11, 200);
    String text = ScenarioGenerator.generate(spec);
    long crashes = text.lines().filter(l -> l.matches("at \\S+ crash .*")).count();
    long boots = text.lines().filter(l -> l.matches("at \\S+ boot .*")).count();
    long downs = text.lines().filter(l -> l.endsWith(".em0 down")).count();
    long ups = text.lines().filter(l -> l.endsWith(".em0 up")).count();
    long partitions = text.lines().filter(l -> l.matches("at \\S+ partition .*")).count();
    long heals = text.lines().filter(l -> l.matches("at \\S+ heal .*")).count();
    assertEquals(crashes, boots);
    assertEquals(downs, ups);
    assertEquals(partitions, heals);
    assertTrue(crashes > 0 && downs > 0 && partitions > 0, text);
    long last = text.lines().filter(l -> l.startsWith("at ")).mapToLong(l -> Durations.parse(l.split(" ")[1]))
        .max().orElseThrow();
    assertTrue(last <= 10 * Durations.MINUTE - 30 * Durations.SECOND, "last fault line at " + last);
    Scenario s = ScenarioParser.parse("gen.carp", text);
    assertEquals(List.of(), s.warnings().stream().map(Object::toString).toList());
  }

  @Test
  void parametersOutOfRangeAreNamedWithTheirRange() {
    List<String> p = ScenarioGenerator.problems(
        new ScenarioGenerator.Spec(1, 256, 0, "vxworks", Durations.SECOND, -1, 5));
    assertEquals(5, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("--hosts-per-group 0: expected 1..32"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("--groups 256: at most 255 groups per segment")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("--profile vxworks: expected one of openbsd")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("--duration 1s: expected 1m..24h")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("--seed -1")), p.toString());
  }
}
