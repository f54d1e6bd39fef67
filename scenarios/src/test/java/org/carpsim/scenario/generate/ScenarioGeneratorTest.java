package org.carpsim.scenario.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.scenario.history.TrafficCounted;
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

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void clientsAreSpreadOverEverySegmentsGroupsWithTheirOwnAddressesAndMacsAndAreServed(boolean switches) {
    // 2 segments, 5 groups: segment s0 holds 3 groups, s1 holds 2; 7 clients per segment
    ScenarioGenerator.Spec spec = new ScenarioGenerator.Spec(2, 5, 3, "openbsd", 2 * Durations.MINUTE, 7, 4)
        .withClients(7, 500 * Durations.MILLISECOND, "bsd").withSwitches(switches);
    String text = ScenarioGenerator.generate(spec);
    Scenario s = ScenarioParser.parse("gen.carp", text);
    assertEquals(List.of(), s.warnings().stream().map(Object::toString).toList());
    assertEquals(5, s.clients().size(), "one population per group");
    for (String seg : List.of("s0", "s1")) {
      assertEquals(7, s.clients().stream().filter(p -> p.segment().equals(seg)).mapToInt(p -> p.count()).sum(), seg);
    }
    assertEquals(5, s.clients().stream().map(p -> p.target()).distinct().count(), "each group's VIP once");
    assertTrue(s.clients().stream().allMatch(p -> p.interval() == 500 * Durations.MILLISECOND && p.sendsTraffic()
        && p.cache().orElseThrow().keyword().equals("bsd")));
    List<Object> addresses = s.clients().stream().flatMap(p -> p.clients().stream()).map(c -> (Object) c.address())
        .toList();
    assertEquals(addresses.size(), addresses.stream().distinct().count(), "no two clients share an address");
    List<Object> macs = s.clients().stream().flatMap(p -> p.clients().stream()).map(c -> (Object) c.mac()).toList();
    assertEquals(14, macs.stream().distinct().count(), "no two clients share a MAC");
    assertEquals(switches, s.segments().stream().allMatch(g -> g.isSwitch()));
    RunResult r = ScenarioRunner.run(s);
    assertEquals(List.of(), r.verdicts().stream().filter(v -> !v.passed()).map(Verdict::detail).toList(), text);
    List<TrafficCounted> counted = r.history().events(TrafficCounted.class);
    assertEquals(5, counted.size());
    for (TrafficCounted c : counted) {
      assertTrue(c.served() > c.sent() / 2, "most packets are served: " + c);
    }
    assertEquals(text, ScenarioGenerator.generate(spec), "the same parameters, the same text");
  }

  @Test
  void clientParametersOutOfRangeAreNamedWithTheirRange() {
    ScenarioGenerator.Spec base = small("openbsd", 1);
    List<String> p = ScenarioGenerator.problems(base.withClients(-1, 0, "windows"));
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("--clients-per-segment -1: expected 0..1000000"), p.toString());
    assertTrue(p.get(1).startsWith("--client-interval 0s: expected 1ms..1h"), p.toString());
    assertTrue(p.get(2).startsWith("--client-cache windows: expected one of linux, linux-arp-accept, router, bsd"),
        p.toString());
    assertEquals(List.of(), ScenarioGenerator.problems(base.withClients(1_000_000, Durations.HOUR, "router")));
    // 255 groups of 32 hosts per segment fill the /20: no room left for clients
    List<String> full = ScenarioGenerator.problems(new ScenarioGenerator.Spec(1, 100, 32, "openbsd", Durations.HOUR, 1, 1)
        .withClients(10, Durations.SECOND, "linux"));
    assertEquals(1, full.size(), full.toString());
    assertTrue(full.get(0).startsWith("--clients-per-segment 10: the clients take the upper half"), full.toString());
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
