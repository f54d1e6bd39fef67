package org.carpsim.scenario.parse;

import static org.carpsim.scenario.parse.ScenarioErrorsTest.BASE;
import static org.carpsim.scenario.parse.ScenarioErrorsTest.error;
import static org.carpsim.scenario.parse.ScenarioErrorsTest.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.api.Test;

/** {@code pause HOST D}, {@code timer-jitter HOST D} and {@code clock HOST ±D} on the timeline. */
class HostStallsTest {

  private static Scenario parse(String timeline) {
    return ScenarioParser.parse("t.carp", BASE + timeline);
  }

  private static List<Fault> faults(Scenario s) {
    return s.timeline().stream().map(e -> ((TimelineEvent.FaultAt) e).fault()).toList();
  }

  @Test
  void eachLineSchedulesItsFaultWithItsVerb() {
    Scenario s = parse("""
        at 20s pause fw1 5s
        at 30s..31s pause fw2 200ms
        at 0s timer-jitter fw1 5ms
        at 30s clock fw1 +2s
        at 40s clock fw2 -1.5s
        at 10s every 20s until 50s pause fw2 1s
        """);
    long second = Durations.SECOND;
    List<Fault> fs = faults(s);
    assertEquals(List.of(new Fault.TimerJitter("fw1", 5_000_000), new Fault.Pause("fw2", second),
        new Fault.Pause("fw1", 5 * second), new Fault.ClockStep("fw1", 2 * second), new Fault.Pause("fw2", second)),
        fs.subList(0, 5));
    assertEquals(new Fault.Pause("fw2", 200_000_000), fs.get(5), "equal instants in file order, then the one drawn in [30s, 31s]");
    assertEquals(List.of(new Fault.ClockStep("fw2", -1_500_000_000), new Fault.Pause("fw2", second)), fs.subList(6, 8));
    assertEquals(List.of("timer-jitter", "pause", "pause", "clock", "pause", "pause", "clock", "pause"),
        s.timeline().stream().map(TimelineEvent::verb).toList());
  }

  @Test
  void badValuesAreRefusedAtTheirColumnWithTheAllowedRange() {
    assertEquals("t.carp:11:18: pause 0s: out of range (1ns..24h)", error(BASE + "at 20s pause fw1 0s\n"));
    assertEquals("t.carp:11:18: pause 25h: out of range (1ns..24h)", error(BASE + "at 20s pause fw1 25h\n"));
    assertEquals("t.carp:11:17: missing how long the host stays paused (e.g. 5s) after 'fw1'", error(BASE + "at 20s pause fw1\n"));
    assertEquals("t.carp:11:24: timer-jitter 2s: out of range (0s..1s)", error(BASE + "at 0s timer-jitter fw1 2s\n"));
    assertEquals("t.carp:11:18: clock 2s: the step needs its sign, +D (forward) or -D (back), e.g. +2s",
        error(BASE + "at 30s clock fw1 2s\n"));
    assertEquals("t.carp:11:19: clock step 0s: out of range (1ns..24h)", error(BASE + "at 30s clock fw1 +0s\n"));
    assertEquals("t.carp:11:20: bad duration '2x': unknown unit 'x'; allowed units: ns, us, ms, s, m, h",
        error(BASE + "at 30s clock fw1 -2x\n"));
    assertEquals("t.carp:11:27: pause 10s: each pause must end before the next one begins (below 10s: the period)",
        error(BASE + "at 0s every 10s pause fw1 10s\n"));
    assertEquals("t.carp:11:8: a pause ends by itself: its length is the duration after the host (at T pause HOST D), "
        + "not 'for D'", error(BASE + "at 20s for 2s pause fw1 5s\n"));
    assertEquals("t.carp:11:7: 'for D' undoes link, crash, partition, tx-error after D (link back, boot, heal, tx-ok); 'clock' has no "
        + "undo: write the line that undoes it on a line of its own", error(BASE + "at 0s for 2s clock fw1 +1s\n"));
    assertEquals("t.carp:11:14: unknown host 'fw9' (hosts: fw1, fw2); did you mean fw1?",
        error(BASE + "at 20s pause fw9 5s\n"));
  }

  @Test
  void pausingACrashedHostIsAWarning() {
    assertEquals(List.of("t.carp:12:1: warning: pause fw1 at 20s: it is crashed (since 10s); a crashed host cannot "
        + "be paused"), warnings(BASE + "at 10s crash fw1\nat 20s pause fw1 5s\n"));
  }
}
