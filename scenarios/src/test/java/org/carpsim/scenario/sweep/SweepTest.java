package org.carpsim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.sweep.SweepPlan.Shard;
import org.junit.jupiter.api.Test;

class SweepTest {

  /** Master fw1 (advskew 0) crashes at 20 s; fw2 (advskew 100) waits 3 x 1 s + 100/256 s after fw1's last ad. */
  static final String PAIR = """
      scenario "crash of the master"
      profile openbsd-3.5

      segment lan 10.0.0.0/24
      host fw1
        nic em0 lan 10.0.0.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
      host fw2
        nic em0 lan 10.0.0.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advbase 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
      clients lan 10 from 10.0.0.0/24 arp 10.0.0.100 every 2s
      at 20s crash fw1
      at 30s loss lan 1%
      run 40s
      expect at 10s fw1.carp0 MASTER
      expect within 3.390625s after 20s fw2.carp0 MASTER
      expect failover lan vhid 1 <= 3s
      """;

  static final long S = 1_000_000_000L;

  static Scenario pair() {
    return ScenarioParser.parse("pair.carp", PAIR);
  }

  static SweepPlan plan(long a, long b, List<String> sets, Shard shard) {
    List<KnobValues> knobs = new ArrayList<>();
    sets.forEach(s -> knobs.add(KnobValues.parse(s)));
    return new SweepPlan(PAIR, pair(), a, b, knobs, shard);
  }

  @Test
  void failoverTimeLiesBetweenMasterDownMinusOneAdvertisementAndMasterDown() {
    SweepResult r = Sweep.run(plan(1, 8, List.of(), Shard.ALL), 2);
    assertEquals(8, r.cases().size());
    for (CaseResult c : r.cases()) {
      // One takeover: fw1's last ad came at most 1 s before the crash, so the gap is 3.390625 s minus that.
      assertEquals(1, c.failovers().size(), () -> "seed " + c.seed() + ": " + c.failovers());
      long gap = c.failovers().get(0);
      assertTrue(gap >= 2_390_625_000L && gap <= 3_390_625_000L + 1_000_000, () -> "gap " + gap);
      assertEquals(0, c.unrecovered());
      assertEquals(0, c.splitBrainNanos(), () -> "seed " + c.seed());
      // ARP: fw1 answers until 20 s, fw2 afterwards; nobody else.
      assertTrue(c.arpAnswers().keySet().stream().allMatch(h -> h.equals("fw1") || h.equals("fw2")));
      assertTrue(c.arpAnswers().get("fw1") > 0 && c.arpAnswers().get("fw2") > 0, () -> c.arpAnswers().toString());
    }
    CombinationSummary s = r.summaries().get(0);
    assertEquals(8, s.runs());
    Distribution d = s.failover();
    assertEquals(8, d.count());
    List<Long> gaps = r.cases().stream().map(c -> c.failovers().get(0)).sorted().toList();
    assertEquals(gaps.get(0), d.min());
    assertEquals(gaps.get(7), d.max());
    assertEquals(gaps.get(3), d.p50()); // nearest rank: ceil(0.5 * 8) = 4th
    assertEquals(gaps.get(7), d.p90());
    assertEquals(gaps.stream().mapToLong(Long::longValue).sum() / 8, d.mean());
    // "failover <= 3s" fails exactly in the runs whose gap exceeded 3 s.
    long over = gaps.stream().filter(g -> g > 3 * S).count();
    assertEquals(8 - over, s.passedRuns());
    if (over > 0) {
      assertEquals(new CombinationSummary.Failure("line 20: expect failover lan vhid 1 <= 3s", (int) over),
          s.failures().get(0));
    }
    double fw1 = s.arpShares().get("fw1").meanPercent();
    double fw2 = s.arpShares().get("fw2").meanPercent();
    assertTrue(fw1 > 30 && fw1 < 60 && fw2 > 30 && fw2 < 60, fw1 + " / " + fw2);
  }

  @Test
  void sameSweepGivesTheSameResultOnOneThreadOrMany() {
    List<String> sets = List.of("fw2.carp0.advskew=50,200", "lan.latency=0ms,2ms");
    SweepResult one = Sweep.run(plan(3, 5, sets, Shard.ALL), 1);
    SweepResult many = Sweep.run(plan(3, 5, sets, Shard.ALL), 4);
    SweepResult again = Sweep.run(plan(3, 5, sets, Shard.ALL), 4);
    assertEquals(12, one.cases().size());
    assertEquals(one, many);
    assertEquals(many, again);
    assertEquals(one.summaries(), many.summaries());
    assertEquals(Map.of("fw2.carp0.advskew", "200", "lan.latency", "0ms"), one.settings(2));
  }

  @Test
  void knobsChangeTheRuns() {
    SweepResult r = Sweep.run(plan(1, 4, List.of("fw2.carp0.advskew=0,200"), Shard.ALL), 2);
    // advskew 200: master down 3 + 200/256 s; advskew 0 ties with fw1 (the lower address wins).
    for (CaseResult c : r.cases()) {
      if (c.combination() == 1) {
        long gap = c.failovers().get(0);
        assertTrue(gap > 2_781_250_000L - 1 && gap <= 3_781_250_000L + 1_000_000, () -> "gap " + gap);
      }
    }
    // Under advskew 100 no gap exceeds 3.390625 s - the time since fw1's last ad (>= 0 s on a clean hub),
    // and fw1 advertises on whole seconds: 200 shows in every run.
    long minSkew200 = r.summaries().get(1).failover().min();
    assertTrue(minSkew200 > 2_390_625_000L, () -> "advskew 200 waits longer than 100: " + minSkew200);
    SweepResult base = Sweep.run(plan(1, 4, List.of(), Shard.ALL), 2);
    assertTrue(base.summaries().get(0).failover().max() < minSkew200);
  }

  @Test
  void shardsMergeIntoTheUnshardedResult() {
    List<String> sets = List.of("lan.loss=0%,5%");
    SweepResult whole = Sweep.run(plan(1, 5, sets, Shard.ALL), 2);
    List<SweepResult> shards = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      shards.add(Sweep.run(plan(1, 5, sets, new Shard(i, 3)), 2));
    }
    assertEquals(10, shards.stream().mapToInt(s -> s.cases().size()).sum());
    assertEquals(4, shards.get(0).cases().size()); // cases 0, 3, 6, 9
    SweepResult merged = SweepResult.merge(List.of(shards.get(2), shards.get(0), shards.get(1)), List.of("c", "a", "b"));
    assertEquals(whole, merged);

    SweepException missing = assertThrows(SweepException.class,
        () -> SweepResult.merge(List.of(shards.get(0), shards.get(2)), List.of("a", "c")));
    assertEquals("--merge: missing shard 2/3", missing.getMessage());
    SweepException twice = assertThrows(SweepException.class,
        () -> SweepResult.merge(List.of(shards.get(0), shards.get(0), shards.get(1)), List.of("a", "a2", "b")));
    assertTrue(twice.getMessage().startsWith("--merge: shard 1/3 is given twice"), twice.getMessage());
    SweepResult otherSeeds = Sweep.run(plan(1, 6, sets, new Shard(2, 3)), 2);
    SweepException other = assertThrows(SweepException.class,
        () -> SweepResult.merge(List.of(shards.get(0), otherSeeds, shards.get(2)), List.of("a", "x", "c")));
    assertTrue(other.getMessage().startsWith("--merge: x is a shard of another sweep: seeds 1..6"), other.getMessage());
  }

  @Test
  void badKnobsAreRefusedWithClearErrors() {
    assertEquals("--set fw2.carp0.skew: unknown knob; expected " + Knob.SYNTAX,
        assertThrows(SweepException.class, () -> KnobValues.parse("fw2.carp0.skew=1")).getMessage());
    assertEquals("fw2.carp0.advskew=x: expected a whole number (e.g. fw2.carp0.advskew=0,100,200)",
        assertThrows(SweepException.class, () -> KnobValues.parse("fw2.carp0.advskew=1,x")).getMessage());
    assertEquals("lan.loss=5: expected a percentage from 0% to 100% (e.g. 0.5%)",
        assertThrows(SweepException.class, () -> KnobValues.parse("lan.loss=5")).getMessage());
    assertEquals("lan.loss=150%: a loss is at most 100%",
        assertThrows(SweepException.class, () -> KnobValues.parse("lan.loss=150%")).getMessage());
    assertTrue(assertThrows(SweepException.class, () -> KnobValues.parse("lan.latency=5"))
        .getMessage().startsWith("lan.latency=5: expected a duration (ns, us, ms, s, m, h)"));
    assertTrue(assertThrows(SweepException.class, () -> KnobValues.parse("profile=solaris"))
        .getMessage().startsWith("profile=solaris: unknown profile (known: openbsd"));
    assertEquals("--set lan.loss=1%,,2%: empty value (values are separated by single commas)",
        assertThrows(SweepException.class, () -> KnobValues.parse("lan.loss=1%,,2%")).getMessage());
    assertEquals("--set lan.loss=1%,1%: value 1% is given twice",
        assertThrows(SweepException.class, () -> KnobValues.parse("lan.loss=1%,1%")).getMessage());
    assertTrue(assertThrows(SweepException.class, () -> KnobValues.parse("advskew"))
        .getMessage().startsWith("--set advskew: expected KNOB=VALUE"));
    assertEquals("fw3.carp0.advskew: no host fw3 in the scenario (hosts: fw1, fw2)",
        assertThrows(SweepException.class, () -> plan(1, 1, List.of("fw3.carp0.advskew=1"), Shard.ALL)).getMessage());
    assertEquals("fw2.carp0.advskew=300: out of range for profile openbsd-3.5 (allowed 0..254)",
        assertThrows(SweepException.class, () -> plan(1, 1, List.of("fw2.carp0.advskew=300"), Shard.ALL)).getMessage());
    assertEquals("fw2.carp7.advbase: host fw2's configuration never configures carp7 (with ifconfig or ucarp)",
        assertThrows(SweepException.class, () -> plan(1, 1, List.of("fw2.carp7.advbase=2"), Shard.ALL)).getMessage());
    assertEquals("wan.loss: no segment wan in the scenario (segments: lan)",
        assertThrows(SweepException.class, () -> plan(1, 1, List.of("wan.loss=1%"), Shard.ALL)).getMessage());
    assertTrue(assertThrows(SweepException.class, () -> plan(1, 1, List.of("profile=ucarp"), Shard.ALL))
        .getMessage().startsWith("profile=ucarp: the scenario is not valid under this profile:\n  pair.carp:"));
    assertEquals("--set lan.loss is given twice; list every value in one --set",
        assertThrows(SweepException.class, () -> plan(1, 1, List.of("lan.loss=1%", "lan.loss=2%"), Shard.ALL)).getMessage());
    assertEquals("--seeds 5..2: the last seed is below the first",
        assertThrows(SweepException.class, () -> plan(5, 2, List.of(), Shard.ALL)).getMessage());
    assertEquals("--seeds 1-5: expected A..B with whole numbers, e.g. 1..100",
        assertThrows(SweepException.class, () -> SweepPlan.seeds("1-5")).getMessage());
    assertEquals("--shard 4/3: I must be between 1 and N, and N at least 1",
        assertThrows(SweepException.class, () -> Shard.parse("4/3")).getMessage());
  }

  @Test
  void overridesRebuildTheScenario() {
    SweepPlan p = plan(1, 1, List.of("fw1.carp0.advbase=2", "lan.loss=5%", "profile=openbsd"), Shard.ALL);
    Scenario s = p.scenario(0);
    assertEquals("openbsd", s.defaultProfile().name());
    assertEquals("openbsd", s.host("fw1").orElseThrow().profile().name());
    assertEquals(0.05, s.segment("lan").orElseThrow().conditions().loss(), 1e-12);
    // fw1 had no advbase: its last ifconfig of carp0 gets one; fw2's stays untouched.
    HostCommand.IfconfigSet set = s.host("fw1").orElseThrow().commands().stream()
        .filter(c -> c instanceof HostCommand.IfconfigSet x && x.ifname().equals("carp0"))
        .map(c -> (HostCommand.IfconfigSet) c).reduce((a, b) -> b).orElseThrow();
    assertEquals(2, set.lastSetting(IfSetting.Advbase.class).orElseThrow().seconds());
    // The profile line replaced the blank line: expectations keep their line numbers.
    assertEquals(pair().expectations().get(0).line(), s.expectations().get(0).line());
    // The timeline's later loss change still says 1%; a latency knob would survive it.
    SweepPlan q = plan(1, 1, List.of("lan.latency=3ms"), Shard.ALL);
    Fault.SegmentConditions i = q.scenario(0).timeline().stream()
        .filter(e -> e instanceof TimelineEvent.FaultAt f && f.fault() instanceof Fault.SegmentConditions)
        .map(e -> (Fault.SegmentConditions) ((TimelineEvent.FaultAt) e).fault()).findFirst().orElseThrow();
    assertEquals(3_000_000L, i.conditions().latency());
    assertEquals(0.01, i.conditions().loss(), 1e-12);
    assertFalse(p.scenario(0).equals(pair()));
  }
}
