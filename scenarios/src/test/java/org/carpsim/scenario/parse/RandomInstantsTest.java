package org.carpsim.scenario.parse;

import static org.carpsim.scenario.parse.ScenarioErrorsTest.BASE;
import static org.carpsim.scenario.parse.ScenarioErrorsTest.error;
import static org.carpsim.scenario.parse.ScenarioErrorsTest.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.junit.jupiter.api.Test;

/** {@code at A..B} (an instant drawn per seed) and {@code at T every P [until U]} (repetitions). */
class RandomInstantsTest {

  private static final String WINDOW = " (at A..B: a random instant from A to B, e.g. at 20s..21s)";
  private static final String EMPTY = ": its end must be after its start (at A..B with A < B; for a fixed instant "
      + "write at ";
  private static final String MISPLACED = " comes right after the time: at T [every P [until U]] [for D] ... (e.g. at "
      + "10s every 30s until 5m for 2s link fw1.em0 down)";
  private static final String UNDOES = "'for D' undoes link, crash, partition, tx-error after D (link back, boot, heal, tx-ok); ";
  private static final String NO_UNDO = " has no undo: write the line that undoes it on a line of its own";
  private static final String OVERLAP = ": each occurrence must be undone before the next one begins (below ";

  private static Scenario parse(String timeline) {
    return ScenarioParser.parse("t.carp", BASE + timeline);
  }

  private static long t(String d) {
    return Durations.parse(d);
  }

  private static List<String> instants(Scenario s) {
    return s.timeline().stream().map(e -> Durations.format(e.at()) + " " + e.verb()).toList();
  }

  @Test
  void aWindowDrawsOneInstantInsideItPerSeedAndTheSameForTheSameSeed() {
    Scenario s = parse("at 20s..21s crash fw1\n");
    Set<Long> seen = new HashSet<>();
    for (long seed = 1; seed <= 50; seed++) {
      long at = s.withSeed(seed).timeline().get(0).at();
      assertTrue(at >= t("20s") && at <= t("21s"), () -> "drawn " + at);
      assertEquals(at, s.withSeed(seed).timeline().get(0).at(), "same seed, same instant");
      seen.add(at);
    }
    assertEquals(50, seen.size(), "50 seeds give 50 instants (whole nanoseconds in a 1 s window)");
    assertEquals(s.timeline(), s.withSeed(s.seed()).timeline(), "withSeed of the file's seed draws the same");
    assertEquals("at 20s..21s crash fw1", s.timeline().get(0).origin().text(), "the line as written");
    assertTrue(s.hasRandomInstants());
    assertTrue(!parse("at 20s crash fw1\n").hasRandomInstants());
  }

  @Test
  void aLinesDrawsDoNotDependOnOtherLines() {
    String line = "at 20s..21s crash fw1\n";
    long alone = parse(line).withSeed(7).timeline().get(0).at();
    Scenario more = parse("at 1s..2s link fw2.em0 down\n" + "at 3s..4s link fw2.em0 up\n" + line);
    assertEquals(alone, more.withSeed(7).timeline().stream().filter(e -> e.verb().equals("crash")).findFirst()
        .orElseThrow().at());
    // two lines with the same text draw from different streams
    Scenario twice = parse("at 20s..40s fw2: ifconfig carp0 down\nat 20s..40s fw2: ifconfig carp0 down\n");
    assertNotEquals(twice.timeline().get(0).at(), twice.timeline().get(1).at());
  }

  @Test
  void theTimelineIsSortedByTheDrawnInstantsAndImpairmentsResolvedInThatOrder() {
    Scenario base = parse("at 10s..30s loss lan 10%\nat 20s latency lan 5ms\n");
    for (long seed = 1; seed <= 20; seed++) {
      List<TimelineEvent> tl = base.withSeed(seed).timeline();
      assertTrue(tl.get(0).at() <= tl.get(1).at());
      Fault.SegmentConditions last = (Fault.SegmentConditions) ((TimelineEvent.FaultAt) tl.get(1)).fault();
      assertEquals(new LinkConditions(t("5ms"), 0, 0.1, 0), last.conditions(), "seed " + seed);
    }
  }

  @Test
  void everyRepeatsFromTheFirstInstantToTheEndOfTheRunOrUntil() {
    assertEquals(List.of("10s link", "12s link", "40s link", "42s link"),
        instants(parse("at 10s every 30s link fw1.em0 down\nat 12s every 30s link fw1.em0 up\n")));
    assertEquals(List.of("0s crash", "20s crash", "40s crash", "1m crash"),
        instants(parse("at 0s every 20s crash fw2\nat 1s..2s boot fw1\n").withSeed(3)).stream()
            .filter(x -> x.endsWith("crash")).toList());
    assertEquals(List.of("5s loss", "15s loss", "25s loss"), instants(parse("at 5s every 10s until 25s loss lan 1%\n")));
  }

  @Test
  void aRandomRepetitionDrawsEachOccurrenceInItsOwnWindow() {
    List<TimelineEvent> tl = parse("at 10s..11s every 20s crash fw1\n").withSeed(5).timeline();
    assertEquals(3, tl.size());
    for (int k = 0; k < 3; k++) {
      long at = tl.get(k).at();
      long from = t("10s") + k * t("20s");
      assertTrue(at >= from && at <= from + t("1s"), "occurrence " + k + " at " + at);
    }
  }

  @Test
  void forUndoesALinkChangeACrashOrAPartitionAfterItsDuration() {
    List<TimelineEvent> flap = parse("at 10s every 30s for 2s link fw1.em0 down\n").timeline();
    assertEquals(List.of("10s false", "12s true", "40s false", "42s true"), flap.stream().map(e -> Durations.format(e.at())
        + " " + ((Fault.Link) ((TimelineEvent.FaultAt) e).fault()).up()).toList());
    assertEquals("at 10s every 30s for 2s link fw1.em0 down", flap.get(1).origin().text(), "the undo quotes its line");
    for (long seed = 1; seed <= 5; seed++) {
      List<TimelineEvent> tl = parse("at 20s..21s for 5s crash fw1\n").withSeed(seed).timeline();
      assertEquals(List.of("crash", "boot"), tl.stream().map(TimelineEvent::verb).toList());
      assertEquals(tl.get(0).at() + t("5s"), tl.get(1).at(), "the boot follows the drawn crash by exactly 5 s");
    }
    assertEquals(List.of("5s partition", "8s heal"), instants(parse("at 5s for 3s partition lan fw1 | fw2\n")));
    assertEquals(List.of(), warnings(BASE + "at 10s every 20s for 5s crash fw1\n"), "each crash is booted again");
  }

  @Test
  void forIsRefusedWhereNothingUndoesTheLineOrTheFlapsWouldOverlap() {
    assertEquals("t.carp:11:8: " + UNDOES + "a host command" + NO_UNDO, error(BASE + "at 10s for 2s fw1: ifconfig carp0 down\n"));
    assertEquals("t.carp:11:8: " + UNDOES + "'loss'" + NO_UNDO, error(BASE + "at 10s for 2s loss lan 5%\n"));
    assertEquals("t.carp:11:12: for 0s: at least 1ns", error(BASE + "at 10s for 0s crash fw1\n"));
    assertEquals("t.carp:11:21: for 3s" + OVERLAP + "3s: the period)", error(BASE + "at 10s every 3s for 3s link fw1.em0 down\n"));
    assertEquals("t.carp:11:26: for 2s" + OVERLAP + "2s: the period minus the window's width)", error(BASE + "at 10s..11s every 3s for 2s link fw1.em0 down\n"));
    assertEquals("t.carp:11:26: 'for'" + MISPLACED, error(BASE + "at 10s link fw1.em0 down for 2s\n"));
    assertEquals("t.carp:11:18: 'every'" + MISPLACED, error(BASE + "at 10s crash fw1 every 30s\n"));
  }

  @Test
  void badWindowsAndRepetitionsAreRefusedWithTheirColumnAndRange() {
    assertEquals("t.carp:11:9: empty window '21s..20s'" + EMPTY + "21s)", error(BASE + "at 21s..20s crash fw1\n"));
    assertEquals("t.carp:11:9: empty window '20s..20s'" + EMPTY + "20s)", error(BASE + "at 20s..20s crash fw1\n"));
    assertEquals("t.carp:11:9: missing the end of the window '20s..'" + WINDOW, error(BASE + "at 20s.. crash fw1\n"));
    assertEquals("t.carp:11:4: missing the start of the window '..20s'" + WINDOW, error(BASE + "at ..20s crash fw1\n"));
    assertEquals("t.carp:11:11: bad duration '21x': unknown unit 'x'; allowed units: ns, us, ms, s, m, h",
        error(BASE + "at 20s..21x crash fw1\n"));
    assertEquals("t.carp:11:14: every 0s: the period must be at least 1ns", error(BASE + "at 10s every 0s crash fw1\n"));
    assertEquals("t.carp:11:13: missing a period (e.g. every 30s) after 'every'", error(BASE + "at 10s every\n"));
    assertEquals("t.carp:11:23: until 5s is before the first instant 10s (until must be from 10s on)",
        error(BASE + "at 10s every 1s until 5s crash fw1\n"));
    assertEquals("t.carp:11:8: 'until'" + MISPLACED, error(BASE + "at 10s until 20s crash fw1\n"));
    assertEquals("t.carp:11:13: every 1ns from 0s to 1m would happen 60000000001 times; at most 100000 times per "
        + "line (a period of at least 600001ns here, or an earlier until)", error(BASE + "at 0s every 1ns crash fw1\n"));
  }

  @Test
  void theBoundIsExactAndAlsoHoldsForTheWholeFile() {
    // 60 s / 600us = 100000 intervals, 100001 occurrences: one too many; 600.001us gives 99999 and 100000
    assertTrue(error(BASE + "at 0s every 600us link fw1.em0 down\n").contains("would happen 100001 times"));
    assertEquals(100_000, parse("at 0s every 600.001us link fw1.em0 down\n").timeline().size());
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      many.append("at 0s every 600.001us link fw1.em0 down\n");
    }
    assertEquals("t.carp:21:1: the at lines up to here happen 1100000 times; at most 1000000 in a file (fewer "
        + "repetitions, or longer periods)", error(BASE + many));
  }

  @Test
  void lateWindowsAndOrderWarningsSayWhatTheyAreAbout() {
    assertEquals(List.of("t.carp:11:4: warning: the end of the window 50s..70s (a draw after it never happens) is "
        + "after the end of the run (run 60s)"), warnings(BASE + "at 50s..70s crash fw1\n"));
    assertEquals(List.of("t.carp:11:1: warning: crash fw1 at 30s: it is already crashed (since 10s)"),
        warnings(BASE + "at 10s every 20s crash fw1\n"), "one warning for a repeated line, at its first repetition");
    List<String> drawn = warnings(BASE + "at 10s..11s crash fw1\nat 12s crash fw1\n");
    assertEquals(1, drawn.size());
    assertTrue(drawn.get(0).startsWith("t.carp:12:1: warning: crash fw1 at 12s: it is already crashed (since 10.")
        && drawn.get(0).endsWith("(instants drawn with seed 1)"), drawn.get(0));
  }
}
