package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.Comparison;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Target;
import org.carpsim.sim.time.Durations;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

  private static final String FREEBSD = String.join("\n",
      "profile freebsd",
      "segment lan 10.0.0.0/24",
      "host a",
      "  nic em0 lan 10.0.0.2/24",
      "  ifconfig em0 vhid 1 advskew 0 pass x alias 10.0.0.1/32",
      "host b",
      "  nic em0 lan 10.0.0.3/24",
      "  ifconfig em0 vhid 1 advskew 100 pass x alias 10.0.0.1/32",
      "run 20s",
      "");

  @Test
  void freebsdVhidsLiveOnTheParentNic() {
    Scenario s = ScenarioParser.parse("f.carp", FREEBSD + "expect at 5s a.em0 MASTER\nexpect at 5s b vhid 1 BACKUP\n");
    assertEquals(List.of(), s.host("a").orElseThrow().carpInterfaces());
    assertEquals(List.of(1), s.host("a").orElseThrow().vhids());
    assertEquals(new Target.Interface("a", "em0"), ((Expectation.StateAt) s.expectations().get(0)).target());
    assertEquals(CarpState.BACKUP, ((Expectation.StateAt) s.expectations().get(1)).state());
  }

  @Test
  void oneMasterDefaultsToTheWholeRun() {
    Scenario s = ScenarioParser.parse("f.carp", FREEBSD + "expect always one-master lan vhid 1\n"
        + "expect always one-master lan vhid 1 to 10s from 2s\n");
    assertEquals(new Expectation.OneMaster("lan", 1, 0, Durations.parse("20s"), s.expectations().get(0).origin()),
        s.expectations().get(0));
    Expectation.OneMaster m = assertInstanceOf(Expectation.OneMaster.class, s.expectations().get(1));
    assertEquals(Durations.parse("2s"), m.from());
    assertEquals(Durations.parse("10s"), m.to());
  }

  @Test
  void maxMastersTakesItsBoundAndTheSameWindowAsOneMaster() {
    Scenario s = ScenarioParser.parse("f.carp", FREEBSD + "expect max-masters lan vhid 1 <= 2\n"
        + "expect max-masters lan vhid 1 <= 1 from 2s to 10s\n");
    assertEquals(new Expectation.MaxMasters("lan", 1, 2, 0, Durations.parse("20s"), s.expectations().get(0).origin()),
        s.expectations().get(0));
    assertEquals(new Expectation.MaxMasters("lan", 1, 1, Durations.parse("2s"), Durations.parse("10s"),
        s.expectations().get(1).origin()), s.expectations().get(1));
  }

  @Test
  void statOfAWholeHost() {
    Scenario s = ScenarioParser.parse("f.carp", FREEBSD + "expect stat b opackets = 0\n");
    assertEquals(new Expectation.Stat("b", Optional.empty(), CarpStat.OPACKETS, Comparison.EQ, 0,
        s.expectations().get(0).origin()), s.expectations().get(0));
  }

  @Test
  void mixedGroupOfOpenbsdAndUcarp() {
    String text = String.join("\n",
        "segment lan 10.0.0.0/24",
        "host obsd",
        "  nic em0 lan 10.0.0.2/24",
        "  ifconfig carp0 create",
        "  ifconfig carp0 vhid 1 pass s3cr3t carpdev em0 10.0.0.100/24",
        "host linux profile ucarp",
        "  nic eth0 lan 10.0.0.3/24",
        "  ucarp --interface=eth0 --srcip=10.0.0.3 --vhid=1 --pass=s3cr3t --addr=10.0.0.100 &",
        "run 10s",
        "expect at 5s linux vhid 1 BACKUP",
        "expect at 5s linux.eth0 BACKUP",
        "");
    Scenario s = ScenarioParser.parse("u.carp", text);
    assertEquals(List.of(1), s.host("linux").orElseThrow().vhids());
    assertEquals("ucarp --interface=eth0 --srcip=10.0.0.3 --vhid=1 --pass=******** --addr=10.0.0.100 &",
        s.host("linux").orElseThrow().configuration().get(0).origin().text());
    assertEquals("u.carp:8:21: ucarp --interface eth1: host linux has no NIC eth1 (its NICs: eth0); did you mean eth0?",
        ScenarioErrorsTest.error(text.replace("--interface=eth0", "--interface=eth1")).replace("t.carp", "u.carp"));
  }

  @Test
  void fromAfterToIsRefused() {
    assertEquals("t.carp:10:42: from 15s is after to 10s",
        ScenarioErrorsTest.error(FREEBSD + "expect always one-master lan vhid 1 from 15s to 10s\n"));
  }
}
