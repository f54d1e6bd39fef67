package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.Timed;
import org.junit.jupiter.api.Test;

/** Runs of a scenario whose faults happen at drawn instants and repeatedly. */
class RandomInstantRunTest {

  /** No loss, no jitter: only the crash's drawn instant differs between seeds. */
  static final String RANDOM_CRASH = "profile openbsd-3.5\n" + pair("lan", "10.0.0", "fw", 1) + pair("dmz", "10.0.1", "d", 2)
      + """
      at 20s..21s crash fw1
      at 10s every 10s link d1.em0 down
      at 12s every 10s link d1.em0 up
      run 40s
      expect within 4s after 21s fw2.carp0 MASTER
      """;

  /** A segment {@code name} with hosts {@code prefix}1 (master) and {@code prefix}2 sharing vhid {@code vhid}. */
  private static String pair(String name, String net, String prefix, int vhid) {
    StringBuilder out = new StringBuilder("segment " + name + " " + net + ".0/24\n");
    for (int i = 1; i <= 2; i++) {
      out.append("host ").append(prefix).append(i).append('\n')
          .append("  nic em0 ").append(name).append(' ').append(net).append('.').append(i).append("/24\n")
          .append("  ifconfig carp0 create\n")
          .append("  ifconfig carp0 vhid ").append(vhid).append(i == 1 ? "" : " advskew 100")
          .append(" pass s3cret carpdev em0 ").append(net).append(".100/24\n");
    }
    return out.toString();
  }

  private static Scenario scenario() {
    return ScenarioParser.parse("random-crash.carp", RANDOM_CRASH);
  }

  private static List<Timed<Fault>> faults(RunResult r) {
    return r.history().timed(Fault.class);
  }

  @Test
  void theHistoryRecordsEachFaultAtItsDrawnInstantAndTheSameSeedGivesTheSameText() {
    Scenario s = scenario().withSeed(11);
    RunResult a = ScenarioRunner.run(s);
    assertEquals(a.history().toText(), ScenarioRunner.run(scenario().withSeed(11)).history().toText());
    long drawn = s.timeline().stream().filter(e -> e.verb().equals("crash")).findFirst().orElseThrow().at();
    assertEquals(List.of(drawn), faults(a).stream().filter(f -> f.event() instanceof Fault.Crash).map(Timed::time)
        .toList());
    assertEquals(List.of(10L, 12L, 20L, 22L, 30L, 32L, 40L), faults(a).stream().filter(f -> f.event() instanceof Fault.Link)
        .map(f -> f.time() / 1_000_000_000L).toList(), "every 10s from 10s and from 12s, up to the end of the run (40s) included");
    RunResult other = ScenarioRunner.run(scenario().withSeed(12));
    assertNotEquals(a.history().toText(), other.history().toText());
    assertNotEquals(drawn, faults(other).stream().filter(f -> f.event() instanceof Fault.Crash).findFirst()
        .orElseThrow().time());
  }

  @Test
  void aPartitionedRunPlaysTheSameDrawnTimeline() {
    Scenario s = scenario().withSeed(5);
    RunResult whole = ScenarioRunner.runAsOneWorld(s);
    RunResult parts = ScenarioRunner.run(s, RunOptions.DEFAULT.withThreads(2));
    List<Long> crashes = faults(parts).stream().filter(f -> f.event() instanceof Fault.Crash).map(Timed::time).toList();
    assertEquals(faults(whole).stream().filter(f -> f.event() instanceof Fault.Crash).map(Timed::time).toList(), crashes);
    assertTrue(s.timeline().stream().map(TimelineEvent::at).toList().contains(crashes.get(0)));
    assertEquals(whole.passed(), parts.passed());
  }
}
