package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.scenario.history.PortPolicyDrops;
import org.carpsim.scenario.history.SnoopingDrops;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.GroupNotForwarded;
import org.junit.jupiter.api.Test;

/** Switch and port features switched at instants: filters, one-way loss, snooping and the querier. */
class SwitchFeaturesRunTest {

  private static final String PAIR = String.join("\n",
      "profile openbsd",
      "switch lan 10.0.0.0/24",
      "host fw1",
      "  nic em0 lan 10.0.0.1/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 pass s carpdev em0 10.0.0.100/24",
      "host fw2",
      "  nic em0 lan 10.0.0.2/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 advskew 100 pass s carpdev em0 10.0.0.100/24",
      "");

  private static RunResult run(String text) {
    RunResult r = ScenarioRunner.run(ScenarioParser.parse("t.carp", PAIR + text));
    r.verdicts().forEach(v -> assertTrue(v.passed(), v.expectation() + ": " + v.detail()));
    return r;
  }

  @Test
  void aFilterAndAOneWayLossOnTheBackupsPortMakeItMasterUntilTheyAreLifted() {
    RunResult r = run(String.join("\n",
        "run 60s",
        "at 10s nic fw2.em0 drop-in carp",
        "at 20s nic fw2.em0 drop-in none",
        "at 30s loss fw2.em0 in 100%",
        "at 40s loss fw2.em0 in 0%",
        "at 45s loss fw2.em0 out 100%",
        "expect at 9s fw2.carp0 BACKUP",
        "expect within 4.2s after 10s fw2.carp0 MASTER",
        "expect at 19s fw2.carp0 MASTER",
        "expect at 22s fw2.carp0 BACKUP",
        "expect within 4.2s after 30s fw2.carp0 MASTER",
        "expect at 42s fw2.carp0 BACKUP",
        "expect at 59s fw2.carp0 BACKUP",
        ""));
    assertEquals(List.of(new Fault.PortFilter("fw2.em0", true, java.util.Set.of(0x01005e000012L, 0x333300000012L)),
        new Fault.PortFilter("fw2.em0", true, java.util.Set.of())), r.history().events(Fault.PortFilter.class));
    assertEquals(List.of(new Fault.PortLoss("fw2.em0", true, 1.0), new Fault.PortLoss("fw2.em0", true, 0.0),
        new Fault.PortLoss("fw2.em0", false, 1.0)), r.history().events(Fault.PortLoss.class));
    PortPolicyDrops drops = r.history().events(PortPolicyDrops.class).get(0);
    assertEquals("fw2.em0", drops.nic());
    assertTrue(drops.destination() >= 9, "about one advertisement a second for 10 s: " + drops);
  }

  @Test
  void snoopingSwitchedOnAtAnInstantDropsOpenbsdsUnreportedGroupAndOffAgainHealsIt() {
    RunResult r = run(String.join("\n",
        "run 60s",
        "at 10s switch lan snooping managed",
        "at 30s switch lan snooping off",
        "at 40s switch lan querier on",
        "expect at 9s fw2.carp0 BACKUP",
        "expect within 4.2s after 10s fw2.carp0 MASTER",
        "expect at 29s fw1.carp0 MASTER",
        "expect at 33s fw2.carp0 BACKUP",
        ""));
    assertEquals(List.of(new Fault.SwitchSnooping("lan", org.carpsim.sim.topology.Snooping.Mode.MANAGED),
        new Fault.SwitchSnooping("lan", org.carpsim.sim.topology.Snooping.Mode.OFF)),
        r.history().events(Fault.SwitchSnooping.class));
    assertEquals(List.of(new Fault.SwitchQuerier("lan", true)), r.history().events(Fault.SwitchQuerier.class));
    assertEquals(List.of("fw2.em0", "fw1.em0"), r.history().events(GroupNotForwarded.class).stream()
        .map(GroupNotForwarded::nic).toList(), "OpenBSD never reported 224.0.0.18: both ports lose it");
    SnoopingDrops d = r.history().events(SnoopingDrops.class).get(0);
    assertEquals("off querier on", d.snooping());
    assertEquals(1, d.queries(), "the querier's first round at 40 s; its start-up repeat, 71.25 s, is past the end");
  }
}
