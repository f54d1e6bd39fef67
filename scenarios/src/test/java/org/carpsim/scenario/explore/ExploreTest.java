package org.carpsim.scenario.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Lifecycle;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.scenario.check.RunView;
import org.carpsim.scenario.generate.ScenarioGenerator;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.Timed;
import org.junit.jupiter.api.Test;

class ExploreTest {

  private static final long S = 1_000_000_000L;

  /**
   * 40 cases per profile with a fixed seed: no invariant is violated, and every invariant was really
   * judged (the bow-out one only where the profile sends a bow-out ad and has carp interfaces).
   */
  @Test
  void everyProfileKeepsTheInvariants() {
    // the generator writes CARP configurations: every profile it knows, which is every CARP profile
    assertEquals(Profiles.names().stream().filter(n -> !n.equals("keepalived")).toList(), ScenarioGenerator.PROFILES);
    for (String p : ScenarioGenerator.PROFILES) {
      Explorer.Summary s = ExploreProbe.explorer(p).explore(40, 42);
      s.failure().ifPresent(f -> {
        throw new AssertionError(p + ": " + f.invariant() + ": " + f.detail() + "\n" + f.scenarioText());
      });
      assertEquals(40, s.cases());
      Map<String, Long> judged = s.checksByInvariant();
      assertEquals(40L, judged.get(Invariants.ONE_MASTER), p);
      assertEquals(40L, judged.get(Invariants.QUIET), p);
      assertTrue(judged.getOrDefault(Invariants.TAKEOVER, 0L) > 0, () -> p + ": " + judged);
      boolean bowOut = Profiles.byName(p).lifecycle().bowOut() != Lifecycle.BowOut.NEVER && !p.equals("ucarp");
      assertEquals(bowOut, judged.getOrDefault(Invariants.BOW_OUT, 0L) > 0, () -> p + ": " + judged);
    }
  }

  @Test
  void sameSeedSameCases() {
    Explorer a = ExploreProbe.explorer("openbsd");
    Explorer b = ExploreProbe.explorer("openbsd");
    List<List<ExploreFault>> drawn = a.schedules(50, 5);
    assertEquals(drawn, b.schedules(50, 5));
    assertNotEquals(drawn, a.schedules(50, 6), "another seed, other schedules");
    // The generators cover every kind of fault the trio allows, and both schedule lengths.
    assertEquals(Set.of("Crash", "LinkFlap", "Demote", "BowOut", "AdvskewChange", "LossBurst", "Partition"),
        drawn.stream().flatMap(List::stream).map(f -> f.getClass().getSimpleName()).collect(Collectors.toSet()));
    assertTrue(drawn.stream().anyMatch(l -> l.size() == 1) && drawn.stream().anyMatch(l -> l.size() > 1));
    assertTrue(drawn.stream().allMatch(l -> l.size() >= 1 && l.size() <= 4));
    // Each fault starts after the convergence window, within the next 30 s, and lasts 0.2 to 12.2 s.
    for (ExploreFault f : drawn.stream().flatMap(List::stream).toList()) {
      assertTrue(f.at() >= a.window() && f.at() < a.window() + 30 * S, f::toString);
      assertTrue(f.duration() == 0 || f.duration() >= S / 5 && f.duration() < 12_200_000_000L, f::toString);
    }
    assertEquals(a.explore(8, 5), b.explore(8, 5));
  }

  /** A planted invariant ("fw1 is never down longer than 5 s") drives the failure path: shrink and write. */
  @Test
  void aViolationIsShrunkToAMinimalRunnableScenario() {
    Explorer e = ExploreProbe.explorer("openbsd");
    e.extraInvariant = (r, schedule) -> schedule.stream()
        .filter(f -> f instanceof ExploreFault.Crash c && c.host().equals("fw1") && c.duration() > 5 * S)
        .findFirst().map(f -> new Invariants.Violation("fw1 down at most 5s", "fw1 down for " + f.duration()));
    Explorer.Summary s = e.explore(200, 1);
    Explorer.Failure f = s.failure().orElseThrow();
    assertEquals("fw1 down at most 5s", f.invariant());
    assertEquals(1, f.shrunk().size(), () -> f.shrunk().toString());
    ExploreFault.Crash c = (ExploreFault.Crash) f.shrunk().get(0);
    // Shortened to whole seconds and halved while it still failed; moved to a whole second.
    assertTrue(c.duration() > 5 * S && c.duration() <= 10 * S, () -> c.toString());
    assertEquals(0, c.at() % S, () -> c.toString());
    assertTrue(f.scenarioText().startsWith("# carpsim explore: invariant violated: fw1 down at most 5s\n"));
    Scenario written = ScenarioParser.parse("found.carp", f.scenarioText());
    assertEquals(2, written.timeline().size());
    assertTrue(written.expectations().isEmpty());
    assertTrue(f.scenarioText().contains("# explore: expect at 10s fw1 vhid 1 MASTER"));
  }

  @Test
  void invariantsCatchWhatTheyPromise() {
    Scenario base = ScenarioParser.parse("t.carp", ExploreProbe.trio("openbsd"));
    VhostTimers timers = new VhostTimers(base);
    Invariants inv = new Invariants(base, timers, 6 * S);
    List<Timed<StateChanged>> calm = new ArrayList<>(List.of(
        change(1, "fw1", CarpState.INIT, CarpState.MASTER), change(1, "fw2", CarpState.INIT, CarpState.BACKUP),
        change(1, "fw3", CarpState.INIT, CarpState.BACKUP)));
    assertEquals(Optional.empty(), inv.check(view(calm, 60 * S), List.of(), 0));

    List<Timed<StateChanged>> twoMasters = new ArrayList<>(calm);
    twoMasters.add(change(30, "fw2", CarpState.BACKUP, CarpState.MASTER));
    Invariants.Violation v = inv.check(view(twoMasters, 60 * S), List.of(), 10 * S).orElseThrow();
    assertEquals(Invariants.ONE_MASTER, v.invariant());
    assertEquals(Optional.of("expect always one-master lan vhid 1 from 16s"), v.expectation());
    assertFalse(judged(base, v, view(twoMasters, 60 * S)), "the reproducer's expectation fails as the invariant did");
    assertTrue(judged(base, v, view(calm, 60 * S)));

    List<Timed<StateChanged>> flap = new ArrayList<>(calm);
    flap.add(change(30, "fw3", CarpState.BACKUP, CarpState.INIT));
    Invariants.Violation quiet = inv.check(view(flap, 60 * S), List.of(), 10 * S).orElseThrow();
    assertEquals(Invariants.QUIET, quiet.invariant());
    assertEquals(Optional.of("expect steady lan vhid 1 from 16s"), quiet.expectation());
    assertFalse(judged(base, quiet, view(flap, 60 * S)));
    assertTrue(judged(base, quiet, view(calm, 60 * S)));

    // fw1 crashes at 20 s; fw2 (advskew 50; openbsd: master-down 3 x (1 s + 50/256 s), in whole us)
    // must be master by 20 s + 3.585936 s + 50 ms slack.
    ExploreFault crash = new ExploreFault.Crash("fw1", 20 * S, 40 * S);
    List<Timed<StateChanged>> late = new ArrayList<>(calm);
    late.add(change(20, "fw1", CarpState.MASTER, CarpState.INIT));
    late.add(new Timed<>(24 * S, new StateChanged("fw2", "carp0", 1, "em0", "lan", CarpState.BACKUP, CarpState.MASTER, "late")));
    late.add(new Timed<>(40 * S, new StateChanged("fw1", "carp0", 1, "em0", "lan", CarpState.INIT, CarpState.BACKUP, "boot")));
    Invariants.Violation t = inv.check(view(late, 80 * S), List.of(crash), 40 * S).orElseThrow();
    assertEquals(Invariants.TAKEOVER, t.invariant());
    assertTrue(t.detail().contains("bound 3.635936s"), t.detail());
    assertEquals(Optional.of("expect failover lan vhid 1 <= 3.635936s from 20s to 21s"), t.expectation());
    assertFalse(judged(base, t, view(late, 80 * S)));
    List<Timed<StateChanged>> onTime = new ArrayList<>(late);
    onTime.set(4, new Timed<>(23_585_936_000L, new StateChanged("fw2", "carp0", 1, "em0", "lan", CarpState.BACKUP,
        CarpState.MASTER, "ok")));
    assertEquals(Optional.empty(), inv.check(view(onTime, 80 * S), List.of(crash), 40 * S));
    assertTrue(judged(base, t, view(onTime, 80 * S)), "a takeover in time holds the expectation too");
  }

  /**
   * The verdict of a violation's expectation line on {@code run}, parsed as a reproducer has it: after
   * the base scenario with a run as long as the synthetic history's.
   */
  private static boolean judged(Scenario base, Invariants.Violation v, RunView run) {
    String text = ExploreProbe.trio("openbsd").replace("run 30s", "run " + run.end() / S + "s") + "\n"
        + v.expectation().orElseThrow() + "\n";
    List<Expectation> e = ScenarioParser.parse("t.carp", text).expectations();
    return e.get(e.size() - 1).checker().check(run).holds();
  }

  /**
   * The Handbook's example has mismatched passphrases for vhid 1: hosta never hears provider, so
   * provider's bow-out cannot make hosta take over at once (explore used to call this a violation).
   */
  @Test
  void aBackupThatCannotHearTheMasterIsPromisedNoBowOutTakeover() throws Exception {
    String text = java.nio.file.Files.readString(java.nio.file.Path.of(
        "examples/freebsd-handbook-server-availability.carp"));
    Explorer e = new Explorer("handbook.carp", text, ScenarioParser.parse("handbook.carp", text));
    Scenario base = ScenarioParser.parse("handbook.carp", text);
    Invariants inv = new Invariants(base, new VhostTimers(base), e.window());
    List<ExploreFault> schedule = List.of(new ExploreFault.Crash("hosta", 14 * S, 17 * S),
        new ExploreFault.BowOut("provider", "carp0", 19 * S, 20 * S));
    assertEquals(Optional.empty(), e.violation(schedule, inv));
  }

  /**
   * KNOWN FAILURE, excluded on purpose: "node bug found by explore" (reported to the lead). Under
   * ucarp, a master whose link flaps goes BACKUP; when the new master then loses its link, the first
   * backup takes over 6.0 s later, where ucarp's bound is 3 s master-down + 1 s capture tick + 1 s poll
   * (without the earlier flap the same backup takes 3.0 s). The seeded 20-case runs above do not draw
   * this schedule; this test pins the reproduction so that a fix in the node makes it fail and the
   * exclusion is removed (then assert {@code Optional.empty()} here).
   */
  @Test
  void aUcarpBackupAsleepAfterItsOwnLinkLossIsNotExpectedToTakeOver() {
    String text = """
        scenario "ucarp: late takeover after a link flap"
        profile ucarp
        segment lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ucarp --interface=em0 --srcip=10.0.0.1 --vhid=1 --advskew=0 --pass=s3cret --addr=10.0.0.100 &
        host fw3
          nic em0 lan 10.0.0.3/24
          ucarp --interface=em0 --srcip=10.0.0.3 --vhid=1 --advskew=100 --pass=s3cret --addr=10.0.0.100 &
        run 30s
        """;
    Explorer e = new Explorer("late.carp", text, ScenarioParser.parse("late.carp", text));
    List<ExploreFault> schedule = List.of(new ExploreFault.LinkFlap("fw1", "em0", 26_625_000_000L, 27_625_000_000L),
        new ExploreFault.LinkFlap("fw3", "em0", 34 * S, 43 * S));
    Invariants inv = new Invariants(ScenarioParser.parse("late.carp", text), new VhostTimers(
        ScenarioParser.parse("late.carp", text)), e.window());
    // fw1 lost its link at 26.625 s: ucarp goes BACKUP and sleeps 10 s before it looks at the link
    // again (carp-protocol.md §5.7), so when fw3 loses its link at 34 s fw1 is still asleep and takes
    // over only at 40.0015 s (recheck at ~37 s + 3 s master-down). That is ucarp's code, not a bug.
    assertEquals(Optional.empty(), e.violation(schedule, inv));
    RunResult run = ScenarioRunner.run(ScenarioParser.parse("late.carp", e.scenarioText(schedule)));
    long takeover = run.transitions().stream()
        .filter(c -> c.event().host().equals("fw1") && c.event().to() == CarpState.MASTER && c.time() > 34 * S)
        .findFirst().orElseThrow().time();
    assertTrue(takeover > 37 * S && takeover < 41 * S, "fw1 takes over after its recheck: " + takeover);
    // Without fw1's flap the same loss of fw3's link is taken over in time.
    assertEquals(Optional.empty(), e.violation(List.of(schedule.get(1)), inv));
  }

  private static Timed<StateChanged> change(long seconds, String host, CarpState from, CarpState to) {
    return new Timed<>(seconds * S, new StateChanged(host, "carp0", 1, "em0", "lan", from, to, "test"));
  }

  /** A run that recorded these state changes (in time order) and ended at {@code end}. */
  private static RunView view(List<Timed<StateChanged>> changes, long end) {
    History history = new History();
    changes.forEach(c -> history.record(c.time(), c.event()));
    return RunView.of(history, end);
  }
}
