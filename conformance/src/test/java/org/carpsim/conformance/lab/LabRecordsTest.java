package org.carpsim.conformance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.sim.history.Timed;
import org.junit.jupiter.api.Test;

/** What a live run reads back: the node's state lines, the scripts' instants, and the pairing with a simulated run. */
class LabRecordsTest {

  @Test
  void aNodeStateLineGivesItsInstantStatesAndReason() {
    NodeLine l = NodeLine.parse("2026-12-07T23:40:01.123456Z carp0 vhid 1 BACKUP -> MASTER (master timed out)")
        .orElseThrow();
    assertEquals(1_796_686_801_123_456_000L, l.epochNanos());
    assertEquals(CarpState.BACKUP, l.from());
    assertEquals(CarpState.MASTER, l.to());
    assertEquals("master timed out", l.reason());
    assertEquals(Optional.empty(), NodeLine.parse("carpsim node: eth0 02:00:00:00:00:01 10.99.0.11/24, …"));
    assertEquals(Optional.empty(), NodeLine.parse("2026-12-07T23:40:01Z carp0 vhid 1 BACKUP -> SIDEWAYS"));
  }

  @Test
  void aScriptsDateIsReadToTheNanosecond() {
    assertEquals(1_733_612_345_123_456_789L, LabRun.epochNanos("1733612345.123456789"));
    assertEquals(1_733_612_345_100_000_000L, LabRun.epochNanos("1733612345.1"));
    assertEquals(1_733_612_345_000_000_000L, LabRun.epochNanos("1733612345"));
  }

  @Test
  void theNthChangeIntoAStateLivePairsWithTheNthSimulated() {
    List<Timed<StateChanged>> live = List.of(change(100, "fw1", CarpState.BACKUP), change(3_100, "fw1",
        CarpState.MASTER), change(9_000, "fw2", CarpState.MASTER));
    List<Timed<StateChanged>> sim = List.of(change(0, "fw1", CarpState.BACKUP), change(3_000, "fw1",
        CarpState.MASTER), change(5_000, "fw1", CarpState.INIT));
    List<InstantPairs.Pair> p = InstantPairs.of(live, sim);
    assertEquals(4, p.size());
    assertEquals(Optional.of(100L), p.get(0).difference());
    assertEquals(Optional.of(100L), p.get(1).difference());
    assertEquals("fw2.eth0 vhid 1", p.get(2).vhost());
    assertEquals(Optional.empty(), p.get(2).simulated(), "live only");
    assertEquals(Optional.empty(), p.get(3).live(), "simulated only");
    assertEquals("INIT", p.get(3).to());
  }

  @Test
  void aLiveValueIsOutsideBeyondTheRangeAndTheTolerance() {
    Fidelity.Row r = new Fidelity.Row("takeover", List.of(5_000L, 4_200L, 4_700L), List.of(4_100L, 5_200L, 5_400L),
        150, false);
    assertEquals(4_200L, r.min());
    assertEquals(5_000L, r.max());
    assertFalse(r.outside(4_100L), "50 below the range, within 150");
    assertFalse(r.outside(5_150L));
    assertTrue(r.outside(5_151L));
    assertEquals(List.of(5_200L, 5_400L), r.outsiders());
    Fidelity.Row verdict = new Fidelity.Row("line 3: expect …", List.of(1L, 1L), List.of(1L, 0L), 0, true);
    assertEquals(List.of(0L), verdict.outsiders(), "a failure never simulated");
  }

  private static Timed<StateChanged> change(long t, String host, CarpState to) {
    return new Timed<>(t, new StateChanged(host, "eth0", 1, "eth0", "lan", CarpState.INIT, to, "r"));
  }
}
