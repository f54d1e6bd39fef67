package org.carpsim.scenario.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.Comparison;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEvent;
import org.carpsim.sim.history.Timed;
import org.junit.jupiter.api.Test;

/** {@code expect convergence}: after each takeover, until every client's traffic reaches the new master. */
class ConvergenceCheckerTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.100");
  private static final Origin HERE = new Origin("t.carp", 1, 1, "expect convergence lan 10.0.0.100 <= 1s");

  private static Expectation.Convergence expect(Comparison c, long bound) {
    return new Expectation.Convergence("lan", VIP, c, bound, 1 * S, HERE);
  }

  private static StateChanged change(String host, CarpState from, CarpState to) {
    return new StateChanged(host, "carp0", 1, "em0", "lan", from, to, "test", List.of(VIP));
  }

  private static Outage outage(int client, long from, long to, boolean open) {
    return new Outage("lan", Ipv4Address.parse("10.0.0." + client), VIP, from, to, (to - from) / S, open);
  }

  /**
   * fw1 master from 3 s; it dies at 20 s (INIT), fw2 takes over at 23.5 s: the takeover. Client .10
   * is served again at 23.9 s, client .11 only at 30 s (a stale entry); client .12's outage began
   * before the failure of fw1 and ended at 21 s, before the takeover: it does not lag behind it.
   */
  private static History failover(Outage... outages) {
    List<Timed<HistoryEvent>> entries = new ArrayList<>();
    entries.add(new Timed<>(0, change("fw1", CarpState.INIT, CarpState.BACKUP)));
    entries.add(new Timed<>(3 * S, change("fw1", CarpState.BACKUP, CarpState.MASTER)));
    entries.add(new Timed<>(3 * S, change("fw2", CarpState.INIT, CarpState.BACKUP)));
    entries.add(new Timed<>(20 * S, change("fw1", CarpState.MASTER, CarpState.INIT)));
    entries.add(new Timed<>(23_500 * MS, change("fw2", CarpState.BACKUP, CarpState.MASTER)));
    for (Outage o : outages) {
      entries.add(new Timed<>(o.to(), o)); // an outage is recorded when it ends
    }
    entries.sort(Comparator.comparingLong(Timed::time));
    History h = new History();
    entries.forEach(t -> h.record(t.time(), t.event()));
    return h;
  }

  @Test
  void theSlowestClientAfterTheTakeoverIsTheConvergenceTime() {
    RunView run = RunView.of(failover(outage(10, 20 * S, 23_900 * MS, false), outage(11, 20 * S, 30 * S, false),
        outage(12, 19 * S, 21 * S, false)), 60 * S);
    Judgement ok = new ConvergenceChecker(expect(Comparison.LE, 6_500 * MS)).check(run);
    assertTrue(ok.holds(), ok.detail());
    assertTrue(ok.detail().startsWith("slowest convergence 6.5s after the takeover at 23.5s (10.0.0.11 served again "
        + "at 30s); 1 takeover of 10.0.0.100 on lan"), ok.detail());
    assertFalse(new ConvergenceChecker(expect(Comparison.LE, 6 * S)).check(run).holds());
    assertTrue(new ConvergenceChecker(expect(Comparison.GE, 6 * S)).check(run).holds());
  }

  /** The run's first master is no takeover, and a client that lost nothing converges at once. */
  @Test
  void theFirstMasterIsNoTakeoverAndUnhurtClientsConvergeAtOnce() {
    History h = new History();
    h.record(0, change("fw1", CarpState.INIT, CarpState.BACKUP));
    h.record(3 * S, change("fw1", CarpState.BACKUP, CarpState.MASTER));
    Judgement none = new ConvergenceChecker(expect(Comparison.LE, 0)).check(RunView.of(h, 60 * S));
    assertTrue(none.holds(), none.detail());
    assertEquals("no takeover of 10.0.0.100 on lan during the run", none.detail());
    assertFalse(new ConvergenceChecker(expect(Comparison.GE, 1)).check(RunView.of(h, 60 * S)).holds());

    Judgement atOnce = new ConvergenceChecker(expect(Comparison.LE, 0)).check(RunView.of(failover(), 60 * S));
    assertTrue(atOnce.holds(), atOnce.detail());
    assertTrue(atOnce.detail().startsWith("every client served at once after the takeover at 23.5s"), atOnce.detail());
  }

  /** A client whose first packet after the takeover is lost lags behind it, though it was fine before. */
  @Test
  void anOutageBegunWithTheFirstPacketAfterTheTakeoverLags() {
    RunView run = RunView.of(failover(outage(10, 23_600 * MS, 25 * S, false), outage(11, 40 * S, 41 * S, false)),
        60 * S);
    Judgement j = new ConvergenceChecker(expect(Comparison.LE, 1_500 * MS)).check(run);
    assertTrue(j.holds(), j.detail());
    assertTrue(j.detail().startsWith("slowest convergence 1.5s after the takeover at 23.5s (10.0.0.10 "), j.detail());
  }

  /** A stale cache that outlives the run never converged: `<=` fails whatever the bound, `>=` holds. */
  @Test
  void anOutageOpenAtTheEndNeverConverged() {
    RunView run = RunView.of(failover(outage(11, 20 * S, 60 * S, true)), 60 * S);
    Judgement le = new ConvergenceChecker(expect(Comparison.LE, 3600 * S)).check(run);
    assertFalse(le.holds());
    assertTrue(le.detail().startsWith("not converged 36.5s after the takeover at 23.5s: 10.0.0.11 not served again by "
        + "the end of the run"), le.detail());
    assertTrue(new ConvergenceChecker(expect(Comparison.GE, 30 * S)).check(run).holds());
  }

  /** The split brain heals: the loser steps down and the winner, still MASTER, sends no gratuitous ARP. */
  @Test
  void theLoserSteppingDownIsATakeoverTooAndTheNextChangeEndsItsWindow() {
    History h = new History();
    h.record(3 * S, change("fw1", CarpState.BACKUP, CarpState.MASTER));
    h.record(24 * S, change("fw2", CarpState.BACKUP, CarpState.MASTER)); // two masters: no takeover
    h.record(41 * S, change("fw2", CarpState.MASTER, CarpState.BACKUP)); // fw1 alone again: a takeover
    h.record(50 * S, change("fw1", CarpState.MASTER, CarpState.INIT)); // the next change
    Outage stale = outage(11, 41_200 * MS, 52 * S, false);
    h.record(stale.to(), stale);
    Judgement j = new ConvergenceChecker(expect(Comparison.LE, 20 * S)).check(RunView.of(h, 60 * S));
    assertFalse(j.holds());
    assertTrue(j.detail().startsWith("not converged 9s after the takeover at 41s: 10.0.0.11 not served again before "
        + "the master changed again at 50s"), j.detail());
  }

  /** A crashed OpenBSD master: fw2's advertisement moves the virtual MAC, every client's next packet is served. */
  @Test
  void aCarpFailoverConvergesWithinOneSendInterval() {
    String text = """
        scenario "converge"
        profile openbsd
        switch lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
        clients lan 20 from 10.0.0.0/25 send 10.0.0.100 every 100ms
        at 20s crash fw1
        run 40s
        expect convergence lan 10.0.0.100 <= 100ms
        expect convergence lan 10.0.0.100 <= 50ms
        """;
    RunResult r = ScenarioRunner.run(ScenarioParser.parse("converge.carp", text));
    assertTrue(r.verdicts().get(0).passed(), r.verdicts().get(0).detail());
    assertFalse(r.verdicts().get(1).passed(), "20 clients staggered over 100 ms: the last is served ~95 ms after");
    assertTrue(r.verdicts().get(0).detail().startsWith("slowest convergence 98125us after the takeover at 23.171875s"), r.verdicts().get(0).detail());
    assertTrue(r.verdicts().get(0).detail().endsWith("to within 0.1s"), r.verdicts().get(0).detail());
  }
}
