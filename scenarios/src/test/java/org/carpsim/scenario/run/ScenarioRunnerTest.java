package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.history.Timed;
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
    Timed<StateChanged> takeover = r.transitions().stream()
        .filter(c -> c.event().host().equals("fw2") && c.event().to() == CarpState.MASTER).findFirst().orElseThrow();
    assertTrue(takeover.time() > 20_000_000_000L && takeover.time() <= 24_171_875_000L + 100_000,
        () -> "takeover at " + takeover.time());
    assertEquals("lan", takeover.event().segment());
    assertEquals("em0", takeover.event().carpdev(), "the node says which parent the vhost runs on");
    Timed<StateChanged> crash = r.transitions().stream()
        .filter(c -> c.event().host().equals("fw1") && c.event().reason().equals("host crashed")).findFirst()
        .orElseThrow();
    assertEquals(20_000_000_000L, crash.time());
    assertEquals(CarpState.MASTER, crash.event().from());
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
    assertTrue(r.arpAnswers().stream().map(Timed::event)
        .filter(a -> a.requestedAt() < 20_000_000_000L && a.requestedAt() > 4_000_000_000L)
        .allMatch(a -> a.answeredBy().equals("fw1")));
    assertTrue(r.arpAnswers().stream().map(Timed::event).filter(a -> a.requestedAt() > 25_000_000_000L)
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
    List<ArpAnswered> early = r.arpAnswers().stream().map(Timed::event)
        .filter(a -> a.requestedAt() > 4_000_000_000L && a.requestedAt() < 20_000_000_000L).toList();
    assertTrue(early.stream().anyMatch(a -> (a.client().value() & 0xff) >= 128), "the second population asked");
    assertTrue(early.size() >= 40, () -> "both populations asked: " + early.size());
    assertTrue(early.stream().allMatch(a -> a.answeredBy().equals("fw1")), () -> early.toString());
  }

  /**
   * Three hosts split two ways: fw1 alone keeps its side, fw2 takes over the other; two masters, never
   * three. max-masters says what the partition may promise, where one-master can only fail.
   */
  @Test
  void maxMastersBoundsTheMastersOfAPartitionedGroup() {
    RunResult r = run("""
        scenario "trio"
        profile openbsd
        segment lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 50 pass s3cret carpdev em0 10.0.0.100/24
        host fw3
          nic em0 lan 10.0.0.3/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
        at 10s partition lan fw1 | fw2 fw3
        at 20s heal lan
        run 30s
        expect max-masters lan vhid 1 <= 2
        expect max-masters lan vhid 1 <= 1
        expect max-masters lan vhid 1 <= 1 from 20s
        expect always one-master lan vhid 1
        """);
    List<Verdict> v = r.verdicts();
    assertTrue(v.get(0).passed(), v.get(0).detail());
    assertEquals("at most 2 masters at once", v.get(0).detail());
    assertFalse(v.get(1).passed());
    // openbsd: fw2's master-down is 3 x (1 s + 50/256 s) = 3.585936 s after fw1's last ad before 10 s (at 9 s)
    assertEquals("2 masters (fw1.carp0, fw2.carp0) from 12.585936s to 20s; 7.414064s with more than 1 in all",
        v.get(1).detail());
    assertTrue(v.get(2).passed(), "healed at 20 s: fw2 yields at once to fw1's better advertisement");
    assertFalse(v.get(3).passed(), "the same stretch is split brain for one-master");
    // the verdicts are the history's last entries
    List<Verdict> recorded = r.history().events(Verdict.class);
    assertEquals(v, recorded);
    assertTrue(r.history().toText().endsWith("expect=\"expect always one-master lan vhid 1\" detail=\"two masters "
        + "(fw1.carp0, fw2.carp0) from 12.585936s to 20s; 7.414064s with several masters in all\"\n"),
        r.history().toText());
  }
}
