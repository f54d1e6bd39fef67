package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.carpsim.scenario.generate.ScenarioGenerator;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.api.Test;

/**
 * A scenario run as independent parts gives the same bytes on one thread as on several, and the
 * same verdicts, state changes, counters and client answers as a run as one world.
 */
class PartitionedRunTest {

  /** Two segments nobody shares (two parts) with impairments, clients, commands and every kind of fault. */
  private static final String TWO_SITES = """
      scenario "two sites"
      profile openbsd
      segment east 10.0.1.0/24 jitter 40us loss 2%
      segment west 10.0.2.0/24 latency 200us
      host e1
        nic em0 east 10.0.1.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.1.100/24
      host w1
        nic em0 west 10.0.2.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.2.100/24
      host e2
        nic em0 east 10.0.1.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.1.100/24
      host w2
        nic em0 west 10.0.2.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.2.100/24
      clients east 10 from 10.0.1.0/24 arp 10.0.1.100 every 3s
      clients west 10 from 10.0.2.0/24 arp 10.0.2.100 every 3s
      at 10s crash e1
      at 10s crash w1
      at 20s boot e1
      at 20s w1: ifconfig carp0 down
      at 25s boot w1
      at 30s partition west w1 | w2
      at 35s heal west
      at 40s link e2.em0 down
      at 45s link e2.em0 up
      at 50s jitter west 100us
      run 70s
      expect always one-master east vhid 1 from 5s to 10s
      expect within 4.2s after 10s e2.carp0 MASTER
      expect within 4.2s after 10s w2.carp0 MASTER
      expect always one-master west vhid 1 from 60s
      expect stat e2.carp0 badauth == 0
      """;

  private static String text(RunResult r) {
    StringBuilder out = new StringBuilder(r.history().toText());
    r.transitions().forEach(t -> out.append(t).append('\n'));
    out.append(r.statistics()).append('\n').append(r.arpAnswers()).append('\n').append(r.verdicts());
    return out.toString();
  }

  private static void sameAsOneWorld(Scenario s) {
    RunResult oneWorld = ScenarioRunner.run(s);
    RunResult oneThread = ScenarioRunner.runInParts(s, 1);
    RunResult twoThreads = ScenarioRunner.runInParts(s, 2);
    RunResult manyThreads = ScenarioRunner.runInParts(s, 7);
    assertEquals(text(oneThread), text(twoThreads));
    assertEquals(text(oneThread), text(manyThreads));
    assertEquals(oneWorld.verdicts(), twoThreads.verdicts());
    assertEquals(new HashSet<>(oneWorld.transitions()), new HashSet<>(twoThreads.transitions()));
    assertEquals(oneWorld.transitions().size(), twoThreads.transitions().size());
    assertEquals(oneWorld.statistics(), twoThreads.statistics());
    assertEquals(new HashSet<>(oneWorld.arpAnswers()), new HashSet<>(twoThreads.arpAnswers()));
    assertEquals(oneWorld.history().entries().stream().map(e -> e.time() + " " + e.event()).sorted().toList(),
        twoThreads.history().entries().stream().map(e -> e.time() + " " + e.event()).sorted().toList(),
        "the same entries, in an order that may differ only between parts at the same instant");
    assertEquals(oneWorld.engine().virtualNanos(), twoThreads.engine().virtualNanos());
  }

  @Test
  void twoSitesWithClientsCommandsAndFaultsGiveTheSameBytesOnAnyNumberOfThreads() {
    Scenario s = ScenarioParser.parse("two-sites.carp", TWO_SITES);
    sameAsOneWorld(s);
    RunResult r = ScenarioRunner.runInParts(s, 2);
    assertTrue(r.passed(), r.verdicts().toString());
    assertTrue(r.arpAnswers().stream().anyMatch(a -> a.event().segment().equals("east"))
        && r.arpAnswers().stream().anyMatch(a -> a.event().segment().equals("west")), "both parts' clients asked");
    assertTrue(r.history().toText().contains("command"), "the command ran in its part");
  }

  @Test
  void aGeneratedScenarioOfManySegmentsGivesTheSameBytesOnAnyNumberOfThreads() {
    for (String profile : List.of("openbsd", "ucarp")) {
      ScenarioGenerator.Spec spec = new ScenarioGenerator.Spec(6, 18, 3, profile, 3 * Durations.MINUTE, 9, 30);
      Scenario s = ScenarioParser.parse("gen.carp", ScenarioGenerator.generate(spec));
      sameAsOneWorld(s);
      assertTrue(ScenarioRunner.runInParts(s, 2).passed());
    }
  }

  @Test
  void aScenarioOfOnePartRunsAsOneWorldWouldAndThreadsMustBePositive() {
    Scenario s = ScenarioParser.parse("one.carp", """
        scenario "one"
        profile netbsd
        segment lan 10.0.0.0/24
        host a
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 3 pass x carpdev em0 10.0.0.100/24
        host b
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 3 advskew 50 pass x carpdev em0 10.0.0.100/24
        at 5s crash a
        run 20s
        expect within 4s after 5s b.carp0 MASTER
        """);
    RunResult one = ScenarioRunner.run(s);
    RunResult parts = ScenarioRunner.runInParts(s, 2);
    assertEquals(one.transitions(), parts.transitions());
    assertEquals(one.verdicts(), parts.verdicts());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioRunner.runInParts(s, 0));
    assertEquals("threads 0: expected at least 1", e.getMessage());
  }
}
