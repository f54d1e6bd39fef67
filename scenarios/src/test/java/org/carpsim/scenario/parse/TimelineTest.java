package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final String HOSTS = String.join("\n",
      "segment lan 172.16.0.0/24 latency 1ms",
      "segment wan 192.0.2.0/24",
      "host fw1",
      "  nic em0 lan 172.16.0.1/24 loss 1%",
      "  nic em1 wan 192.0.2.1/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 pass x carpdev em0 172.16.0.100/24",
      "host fw2",
      "  nic em0 lan 172.16.0.2/24",
      "  nic em1 wan 192.0.2.2/24",
      "host fw3",
      "  nic em0 lan 172.16.0.3/24",
      "run 100s",
      "");

  private static Scenario parse(String timeline) {
    return ScenarioParser.parse("t.carp", HOSTS + timeline);
  }

  private static long t(String d) {
    return Durations.parse(d);
  }

  @Test
  void sortedByTimeAndEqualTimesKeepFileOrder() {
    Scenario s = parse("at 30s crash fw2\nat 10s fw1: ifconfig carp0 down\nat 10s link fw1.em1 down\n"
        + "at 5s heal lan\nat 10s crash fw3\n");
    List<String> order = s.timeline().stream().map(e -> Durations.format(e.at()) + " line " + e.origin().line()).toList();
    assertEquals(List.of("5s line 17", "10s line 15", "10s line 16", "10s line 18", "30s line 14"), order);
  }

  @Test
  void impairmentsAccumulateInTimeOrderNotFileOrder() {
    Scenario s = parse("at 20s latency lan 2ms\nat 10s loss lan 5%\nat 30s duplicate lan 0.5%\n");
    List<TimelineEvent> tl = s.timeline();
    LinkConditions at10 = new LinkConditions(t("1ms"), 0, 0.05, 0);
    assertEquals(new Fault.SegmentConditions("lan", at10), fault(tl.get(0)));
    assertEquals(new Fault.SegmentConditions("lan", at10.withLatency(t("2ms"))), fault(tl.get(1)));
    assertEquals(new Fault.SegmentConditions("lan", at10.withLatency(t("2ms")).withDuplicate(0.005)),
        fault(tl.get(2)));
    assertEquals(List.of("loss", "latency", "duplicate"), tl.stream().map(TimelineEvent::verb).toList());
    assertEquals("at 10s loss lan 5%", tl.get(0).origin().text());
  }

  @Test
  void aNicsCableStartsFromItsOwnConditions() {
    Scenario s = parse("at 5s jitter fw1.em0 1ms\n");
    assertEquals(0.01, s.nic("fw1.em0").orElseThrow().conditions().loss());
    assertEquals(new Fault.NicConditions("fw1.em0", new LinkConditions(0, t("1ms"), 0.01, 0)),
        fault(s.timeline().get(0)));
  }

  @Test
  void hostCommandColonForms() {
    Scenario s = parse("at 1s fw1:ifconfig carp0 down\nat 2s fw1 : ifconfig carp0 up\n"
        + "at 3s fw1: ifconfig carp0 down && ifconfig carp0 up   # nudge\n");
    TimelineEvent.CommandAt a = assertInstanceOf(TimelineEvent.CommandAt.class, s.timeline().get(0));
    assertEquals(new HostCommand.IfconfigSet("carp0", List.of(new IfSetting.Down()), Optional.empty()),
        a.command().commands().get(0));
    TimelineEvent.CommandAt b = assertInstanceOf(TimelineEvent.CommandAt.class, s.timeline().get(1));
    assertEquals(List.of(new IfSetting.Up()), ((HostCommand.IfconfigSet) b.command().commands().get(0)).settings());
    TimelineEvent.CommandAt c = assertInstanceOf(TimelineEvent.CommandAt.class, s.timeline().get(2));
    assertEquals(2, c.command().commands().size());
    assertEquals("at 3s fw1: ifconfig carp0 down && ifconfig carp0 up", c.origin().text());
  }

  @Test
  void partitionSidesTakeHostsNicsAndCommas() {
    Scenario s = parse("at 5s partition lan fw1,fw2 | fw3.em0\nat 6s partition wan fw2\n");
    Fault.Split split = assertInstanceOf(Fault.Split.class, fault(s.timeline().get(0)));
    assertEquals(List.of(Set.of("fw1", "fw2"), Set.of("fw3.em0")), split.partition().sides());
    Fault.Split one = assertInstanceOf(Fault.Split.class, fault(s.timeline().get(1)));
    assertEquals(List.of(Set.of("fw2")), one.partition().sides(), "one side: the rest form the other");
  }

  @Test
  void theTimelineMayComeBeforeTheHostsItNames() {
    Scenario s = ScenarioParser.parse("t.carp", "at 5s crash fw1\nexpect at 1s fw1.carp0 MASTER\n" + HOSTS);
    assertEquals(new Fault.Crash("fw1"), fault(s.timeline().get(0)));
  }

  /** The fault an {@code at} line schedules. */
  private static Fault fault(TimelineEvent e) {
    return assertInstanceOf(TimelineEvent.FaultAt.class, e).fault();
  }
}
