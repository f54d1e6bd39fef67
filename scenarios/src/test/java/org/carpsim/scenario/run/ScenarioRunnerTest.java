package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

  private static final String PAIR = """
      scenario "pair"
      profile openbsd
      segment lan 10.0.0.0/24 jitter 50us
      host fw1
        nic em0 lan 10.0.0.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
      host fw2
        nic em0 lan 10.0.0.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
      clients lan 20 from 10.0.0.0/24 arp 10.0.0.100 every 5s
      at 20s crash fw1
      run 40s
      expect at 10s fw1.carp0 MASTER
      expect at 10s fw2 vhid 1 BACKUP
      expect within 4.2s after 20s fw2.carp0 MASTER
      expect always one-master lan vhid 1 from 5s to 40s
      expect failover lan vhid 1 <= 4.2s
      expect arp-share lan 10.0.0.100 fw1 40%..60%
      expect stat fw2.carp0 badauth == 0
      """;

  private static RunResult run(String text) {
    return ScenarioRunner.run(ScenarioParser.parse("pair.carp", text));
  }

  @Test
  void electsTheLowerSkewAndFailsOverOnCrash() {
    RunResult r = run(PAIR);
    List<Verdict> v = r.verdicts();
    assertTrue(v.get(0).passed(), v.get(0).detail());
    assertTrue(v.get(1).passed(), v.get(1).detail());
    assertTrue(v.get(2).passed(), v.get(2).detail());
    assertTrue(v.get(3).passed(), v.get(3).detail());
    assertTrue(v.get(6).passed(), v.get(6).detail());
    // openbsd: master down = 3 x (1 s + 390625 us) after fw2 last heard fw1's advertisement.
    StateChange takeover = r.transitions().stream()
        .filter(c -> c.host().equals("fw2") && c.to() == CarpState.MASTER).findFirst().orElseThrow();
    assertTrue(takeover.timeNanos() > 20_000_000_000L && takeover.timeNanos() <= 24_171_875_000L + 100_000,
        () -> "takeover at " + takeover.timeNanos());
    assertEquals("lan", takeover.segment());
    StateChange crash = r.transitions().stream()
        .filter(c -> c.host().equals("fw1") && c.reason().equals("host crashed")).findFirst().orElseThrow();
    assertEquals(20_000_000_000L, crash.timeNanos());
    assertEquals(CarpState.MASTER, crash.from());
  }

  @Test
  void failoverBoundIsCheckedAgainstTheGapWithoutMaster() {
    RunResult ok = run(PAIR);
    assertTrue(ok.verdicts().get(4).passed(), ok.verdicts().get(4).detail());
    RunResult tight = run(PAIR.replace("expect failover lan vhid 1 <= 4.2s", "expect failover lan vhid 1 <= 1s"));
    assertFalse(tight.verdicts().get(4).passed());
    assertTrue(tight.verdicts().get(4).detail().startsWith("longer than 1s"), tight.verdicts().get(4).detail());
  }

  @Test
  void clientsAreAnsweredByTheMasterOnly() {
    RunResult r = run(PAIR);
    // Before the crash fw1 answers every client; after the takeover fw2 does: fw1 holds about half.
    Verdict share = r.verdicts().get(5);
    assertTrue(share.passed(), share.detail());
    assertTrue(r.arpAnswers().stream().filter(a -> a.timeNanos() < 20_000_000_000L && a.timeNanos() > 4_000_000_000L)
        .allMatch(a -> a.answeredBy().equals("fw1")));
    assertTrue(r.arpAnswers().stream().filter(a -> a.timeNanos() > 25_000_000_000L)
        .allMatch(a -> a.answeredBy().equals("fw2")));
  }

  @Test
  void sameSeedSameHistoryByteForByte() {
    Scenario s = ScenarioParser.parse("pair.carp", PAIR);
    String a = ScenarioRunner.run(s).history().toText();
    String b = ScenarioRunner.run(s).history().toText();
    assertEquals(a, b);
    String c = ScenarioRunner.run(s.withSeed(2)).history().toText();
    assertNotEquals(a, c, "jitter draws from the seed");
  }

  @Test
  void wrongPassphraseGivesTwoMastersAndBadauth() {
    RunResult r = run(PAIR.replace("advskew 100 pass s3cret", "advskew 100 pass other")
        .replace("expect stat fw2.carp0 badauth == 0", "expect stat fw2.carp0 badauth >= 5"));
    assertFalse(r.verdicts().get(3).passed(), "split brain must be caught by one-master");
    assertTrue(r.verdicts().get(6).passed(), r.verdicts().get(6).detail());
    assertTrue(r.statistics().get("fw1").get("carp0").get(CarpStat.BADAUTH) >= 5);
    assertFalse(r.history().toText().contains("s3cret"), "the passphrase never reaches the history");
  }

  /** Two populations asking for the same address on one segment: each answer is credited to its sender. */
  @Test
  void twoPopulationsOnOneSegmentEachSeeWhoAnswered() {
    RunResult r = run(PAIR.replace("clients lan 20 from 10.0.0.0/24 arp 10.0.0.100 every 5s",
        "clients lan 20 from 10.0.0.0/24 arp 10.0.0.100 every 5s\n"
            + "clients lan 20 from 10.0.0.128/25 arp 10.0.0.100 every 5s"));
    List<ArpAnswer> early = r.arpAnswers().stream()
        .filter(a -> a.timeNanos() > 4_000_000_000L && a.timeNanos() < 20_000_000_000L).toList();
    assertTrue(early.stream().anyMatch(a -> (a.client().value() & 0xff) >= 128), "the second population asked");
    assertTrue(early.size() >= 40, () -> "both populations asked: " + early.size());
    assertTrue(early.stream().allMatch(a -> a.answeredBy().equals("fw1")), () -> early.toString());
  }
}
