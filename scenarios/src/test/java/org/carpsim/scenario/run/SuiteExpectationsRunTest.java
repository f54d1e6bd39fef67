package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

/**
 * The expectations the real systems' suites assert (ping, advertisements' source MAC, ifconfig and
 * netstat at an instant), each seen both holding and failing on one run, so that none can pass by
 * asserting nothing.
 */
class SuiteExpectationsRunTest {

  /** fw1 is MASTER from 3 s (advskew 0), fw2 BACKUP; fw1 crashes at 10 s, fw2 takes over about 3.4 s later. */
  private static final String BASE = """
      profile openbsd
      segment lan 10.0.0.0/24
      segment lan6 2001:db8::/64
      host fw1
        nic em0 lan 10.0.0.1/24
        nic em1 lan6 2001:db8::11/64
        ifconfig carp0 vhid 1 pass x carpdev em0 10.0.0.100/24
        ifconfig carp1 inet6 vhid 2 pass x carpdev em1 2001:db8::100/64
      host fw2
        nic em0 lan 10.0.0.2/24
        nic em1 lan6 2001:db8::12/64
        ifconfig carp0 vhid 1 advskew 100 pass x carpdev em0 10.0.0.100/24
        ifconfig carp1 inet6 vhid 2 advskew 100 pass x carpdev em1 2001:db8::100/64
      host client
        nic em0 lan 10.0.0.50/24
        nic em1 lan6 2001:db8::50/64
      host bare
        nic em0 lan
      at 10s crash fw1
      run 20s
      """;

  private static List<String> verdicts(String expectations) {
    RunResult r = ScenarioRunner.run(ScenarioParser.parse("s.carp", BASE + expectations));
    return r.verdicts().stream().map(v -> (v.passed() ? "PASS " : "FAIL ") + v.detail()).toList();
  }

  @Test
  void pingAnsweredByTheMasterOnlyOverBothFamilies() {
    assertEquals(List.of(
        "FAIL 10.0.0.100 did not answer client: the ping at 2s got no reply",
        "PASS 10.0.0.100 answered client at 4s (from fw1.em0) of the ping at 4s",
        "PASS 2001:db8::100 answered client at 4s (from fw1.em1) of the ping at 4s",
        "PASS 10.0.0.100 did not answer client: the ping at 11s got no reply",
        "PASS 10.0.0.100 answered client at 14s (from fw2.em0) of 5 pings from 11s to 15s",
        "FAIL 10.0.0.1 did not answer client: the ping at 12s got no reply",
        "FAIL 10.0.0.2 did not answer bare: the ping at 4s got no reply",
        "PASS 10.0.0.1 answered fw2 at 4s (from fw1.em0) of the ping at 4s",
        "FAIL 10.0.0.1 did not answer fw2: the ping at 4s got no reply"),
        verdicts("""
            expect ping client 10.0.0.100 answered at 2s
            expect ping client 10.0.0.100 answered at 4s
            expect ping client 2001:db8::100 answered at 4s
            expect ping client 10.0.0.100 unanswered at 11s
            expect ping client 10.0.0.100 answered within 4s after 11s
            expect ping client 10.0.0.1 answered at 12s
            expect ping bare 10.0.0.2 answered at 4s
            expect ping fw2 10.0.0.1 source 10.0.0.2 answered at 4s
            expect ping fw2 10.0.0.1 source 10.0.0.100 answered at 4s
            """));
  }

  @Test
  void advertisementsLeaveFromTheVirtualMac() {
    assertEquals(List.of(
        "PASS all 5 advertisements of vhid 1 on lan left from 00:00:5e:00:01:01",
        "FAIL of 5 advertisements of vhid 1 on lan, not from 02:00:00:00:00:01: 5 from 00:00:5e:00:01:01 (fw1.em0), 5 from 00:00:5e:00:01:01 "
            + "(fw2.em0)"),
        verdicts("""
            expect advert-source lan vhid 1 00:00:5e:00:01:01
            expect advert-source lan vhid 1 02:00:00:00:00:01
            """).stream().map(v -> v.replaceAll("all [0-9]+ advertisements", "all 5 advertisements")
            .replaceAll("of [0-9]+ advertisements", "of 5 advertisements")
            .replaceAll("(: |, )[0-9]+ from", "$15 from")).toList());
  }

  @Test
  void ifconfigAndNetstatAtAnInstant() {
    assertEquals(List.of(true, false, true, true, false, true), verdictsPassed("""
        expect at 4s ifconfig fw1.carp0 shows "status: master"
        expect at 4s ifconfig fw2.carp0 shows "status: master"
        expect at 4s ifconfig fw2.carp0 lacks "status: master"
        expect at 4s netstat fw2 ipackets >= 1
        expect at 1s netstat fw2.carp0 ipackets >= 1
        expect at 15s ifconfig fw2.carp0 shows "carp: MASTER carpdev em0 vhid 1"
        """));
  }

  private static List<Boolean> verdictsPassed(String expectations) {
    RunResult r = ScenarioRunner.run(ScenarioParser.parse("s.carp", BASE + expectations));
    return r.verdicts().stream().map(Verdict::passed).toList();
  }
}
