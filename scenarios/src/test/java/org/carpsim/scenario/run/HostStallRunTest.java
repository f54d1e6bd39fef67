package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.Timed;
import org.junit.jupiter.api.Test;

/** Host stalls in whole runs: a paused master, timer jitter, clock steps per profile. */
class HostStallRunTest {

  /** fw1 (advskew 0) masters vhid 1, fw2 (advskew 100) backs it up, on one LAN. */
  static String pair(String profile, String timeline) {
    return "profile " + profile + "\nsegment lan 10.0.0.0/24\n" + host(profile, 1, 0) + host(profile, 2, 100) + timeline;
  }

  private static String host(String profile, int i, int advskew) {
    String config = profile.equals("ucarp")
        ? "  ucarp -i em0 -s 10.0.0." + i + " -v 1 -p s3cret -a 10.0.0.100 -k " + advskew + " -u /bin/up -d /bin/down\n"
        : "  ifconfig carp0 create\n  ifconfig carp0 vhid 1 advskew " + advskew + " pass s3cret carpdev em0 10.0.0.100/24\n";
    return "host fw" + i + "\n  nic em0 lan 10.0.0." + i + "/24\n" + config;
  }

  static RunResult run(String text) {
    return ScenarioRunner.run(ScenarioParser.parse("stall.carp", text));
  }

  static List<String> transitions(RunResult r) {
    return r.transitions().stream().map(HostStallRunTest::show).toList();
  }

  private static String show(Timed<StateChanged> t) {
    return String.format("%.6f %s %s->%s %s", t.time() / 1e9, t.event().host(), t.event().from(), t.event().to(),
        t.event().reason());
  }

  private static final long S = org.carpsim.sim.time.Durations.SECOND;

  private static final String BOOTED = "0.000000 fw1 INIT->BACKUP initialization complete";

  @Test
  void aPausedMasterResumesMasterAndAdvertisesStaleUntilTheBackupThatTookOverYields() {
    RunResult r = run(pair("openbsd", """
        at 20s pause fw1 5s
        run 40s
        expect at 24s fw2.carp0 MASTER
        expect at 24s fw1.carp0 MASTER
        expect at 30s fw1.carp0 MASTER
        expect at 30s fw2.carp0 BACKUP
        expect always one-master lan vhid 1 from 26s
        expect max-masters lan vhid 1 <= 1 from 20s to 25s
        """));
    // fw2 takes over 3 x (1 + 100/256) s after fw1's last advertisement (20s); fw1 resumes at 25s still
    // MASTER, its overdue advertisement goes out first, and fw2 (the slower one) yields as it arrives
    assertEquals(List.of(BOOTED, "0.000000 fw2 INIT->BACKUP initialization complete",
        "3.000000 fw1 BACKUP->MASTER master timed out", "23.171875 fw2 BACKUP->MASTER master timed out",
        "25.000000 fw2 MASTER->BACKUP more frequent advertisement received"), transitions(r));
    List<Boolean> held = r.verdicts().stream().map(v -> v.passed()).toList();
    assertEquals(List.of(true, true, true, true, true, false), held, "two masters from 23.171875s to 25s");
    assertTrue(r.verdicts().get(5).detail().contains("23.171875"), r.verdicts().get(5).detail());
  }

  /** The first instant {@code host} changed {@code from} → {@code to}, or -1. */
  private static long when(RunResult r, String host, CarpState from, CarpState to) {
    return r.transitions().stream().filter(t -> t.event().host().equals(host) && t.event().from() == from
        && t.event().to() == to).mapToLong(Timed::time).findFirst().orElse(-1);
  }

  /**
   * ucarp reads packets on its 1 s receive tick, which runs from the daemon's (drawn) start: fw2
   * takes over while fw1 is paused and yields only on its first tick after fw1 resumes at 25 s.
   */
  @Test
  void underUcarpTheStaleAdvertisementIsReadOnTheNextReceiveTickSoTwoMastersLastUpToASecondLonger() {
    RunResult r = run(pair("ucarp", "at 20s pause fw1 5s\nrun 40s\n"));
    long takeover = when(r, "fw2", CarpState.BACKUP, CarpState.MASTER);
    long yield = when(r, "fw2", CarpState.MASTER, CarpState.BACKUP);
    long started = when(r, "fw2", CarpState.INIT, CarpState.BACKUP);
    assertTrue(takeover > 20 * S && takeover < 25 * S, "while fw1 is paused: " + transitions(r));
    assertTrue(yield > 25 * S && yield <= 26 * S, "after the resume, within a tick: " + transitions(r));
    assertEquals(0, (yield - started) % S, "on fw2's receive tick, which runs from its start");
  }

  @Test
  void aPausedBackupsOverdueMasterDownFiresBeforeItReadsTheHeldAdvertisementsThenItYieldsAtOnce() {
    assertEquals(List.of("25.000000 fw2 BACKUP->MASTER master timed out",
        "25.000000 fw2 MASTER->BACKUP more frequent advertisement received"),
        transitions(run(pair("openbsd", "at 20s pause fw2 5s\nrun 40s\n"))).subList(3, 5));
  }

  @Test
  void aRunInPartsGivesTheSameVerdictsWithPauses() {
    String text = pair("openbsd", "") .replace("segment lan 10.0.0.0/24\n", "segment lan 10.0.0.0/24\nsegment dmz 10.0.1.0/24\n")
        + """
        host d1
          nic em0 dmz 10.0.1.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 2 pass s3cret carpdev em0 10.0.1.100/24
        host d2
          nic em0 dmz 10.0.1.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 2 advskew 100 pass s3cret carpdev em0 10.0.1.100/24
        at 20s every 10s pause fw1 5s
        at 22s pause d1 1s
        at 0s timer-jitter d2 10ms
        at 5s clock d1 -3s
        run 60s
        expect at 24s fw2.carp0 MASTER
        expect at 24s d1.carp0 MASTER
        expect always one-master dmz vhid 2
        expect always one-master lan vhid 1
        """;
    Scenario s = ScenarioParser.parse("parts.carp", text);
    RunResult whole = ScenarioRunner.runAsOneWorld(s);
    RunResult parts = ScenarioRunner.run(s, RunOptions.DEFAULT.withThreads(2));
    assertEquals(List.of(true, true, true, false), whole.verdicts().stream().map(v -> v.passed()).toList());
    assertEquals(whole.verdicts(), parts.verdicts());
    assertEquals(whole.transitions().stream().map(HostStallRunTest::show).sorted().toList(),
        parts.transitions().stream().map(HostStallRunTest::show).sorted().toList());
    assertEquals(6, whole.history().events(Fault.Pause.class).size(), "fw1 at 20s, 30s, ... 60s, d1 at 22s");
  }

  @Test
  void aClockStepBackDelaysUcarpsNextAdvertisementEnoughForATakeoverAndKernelsDoNotNotice() {
    String back = "at 20s clock fw1 -4s\nrun 40s\n";
    RunResult ucarp = run(pair("ucarp", back));
    long takeover = when(ucarp, "fw2", CarpState.BACKUP, CarpState.MASTER);
    assertTrue(takeover > 23 * S && takeover < 25 * S, "fw1's timeval deadline moved 4s later: a 5s silence: "
        + transitions(ucarp));
    assertTrue(when(ucarp, "fw2", CarpState.MASTER, CarpState.BACKUP) > takeover, "fw2 yields when fw1 speaks again");
    assertEquals(-1, when(run(pair("ucarp", "run 40s\n")), "fw2", CarpState.BACKUP, CarpState.MASTER),
        "without the step fw2 never takes over");
    RunResult openbsd = run(pair("openbsd", back));
    assertEquals(3, openbsd.transitions().size(), "monotonic ticks: nothing changes");
    assertEquals(List.of(new Fault.ClockStep("fw1", -4_000_000_000L)), openbsd.history().events(Fault.ClockStep.class));
    RunResult stepless = run(pair("openbsd", "run 40s\n"));
    assertEquals(transitions(stepless), transitions(openbsd), "a kernel's run is the same with and without the step");
    assertEquals(stepless.statistics(), openbsd.statistics(), "the same advertisements, counted");
  }

  @Test
  void timerJitterMakesTakeoverLateByADrawThatDependsOnTheSeedOnly() {
    Scenario s = ScenarioParser.parse("jitter.carp", pair("openbsd", """
        at 0s timer-jitter fw2 50ms
        at 10s crash fw1
        run 20s
        """));
    long plain = takeover(ScenarioRunner.run(ScenarioParser.parse("plain.carp", pair("openbsd", "at 10s crash fw1\nrun 20s\n"))));
    long one = takeover(ScenarioRunner.run(s.withSeed(1)));
    assertEquals(one, takeover(ScenarioRunner.run(s.withSeed(1))), "the same seed, the same run");
    java.util.Set<Long> seen = new java.util.TreeSet<>();
    for (long seed = 1; seed <= 8; seed++) {
      long t = takeover(ScenarioRunner.run(s.withSeed(seed)));
      assertTrue(t > plain && t <= plain + 50_000_000L, t + " within 50ms after " + plain);
      seen.add(t);
    }
    assertTrue(seen.size() > 4, "seeds draw different lateness: " + seen);
  }

  private static long takeover(RunResult r) {
    return r.transitions().stream().filter(t -> t.event().host().equals("fw2") && t.event().to().name().equals("MASTER"))
        .findFirst().orElseThrow().time();
  }

  @Test
  void theFieldScenarioOfAStunnedMasterHoldsItsExpectations() throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Path.of("field/vm-stun.carp");
    if (!java.nio.file.Files.exists(file)) {
      file = java.nio.file.Path.of("scenarios/field/vm-stun.carp");
    }
    RunResult r = ScenarioRunner.run(ScenarioParser.parse(file.toString(), java.nio.file.Files.readString(file)));
    assertEquals(List.of(), r.verdicts().stream().filter(v -> !v.passed()).map(v -> v.detail()).toList());
    assertEquals(8, r.verdicts().size(), "the stun and, beside it, the mitigation");
    assertEquals(List.of("34.171875 fw2 BACKUP->MASTER master timed out",
        "36.000000 fw2 MASTER->BACKUP more frequent advertisement received"),
        transitions(r).stream().filter(t -> t.contains(" fw2 ") && !t.contains("INIT")).toList());
    assertEquals(-1, when(r, "fw4", CarpState.BACKUP, CarpState.MASTER), "advbase 3 outlasts the stun");
  }

  @Test
  void aCommandTypedAtAPausedHostRunsWhenItResumesAndTheSameSeedGivesTheSameHistory() {
    String text = pair("openbsd", """
        at 0s timer-jitter fw2 20ms
        at 20s..21s pause fw1 5s
        at 21.5s fw1: ifconfig carp0 advskew 50
        run 40s
        """);
    RunResult r = run(text);
    List<Timed<org.carpsim.scenario.history.CommandTyped>> typed =
        r.history().timed(org.carpsim.scenario.history.CommandTyped.class);
    long resumed = r.history().timed(Fault.Pause.class).get(0).time() + 5_000_000_000L;
    assertEquals(List.of(resumed), typed.stream().map(Timed::time).toList(), "typed at 21.5s, run on resume");
    assertEquals(r.history().toText(), run(text).history().toText(), "byte for byte per seed");
    Scenario other = ScenarioParser.parse("stall.carp", text).withSeed(2);
    assertNotEquals(r.history().toText(), ScenarioRunner.run(other).history().toText());
  }
}
