package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

/** Clients that send traffic to a virtual address: what reaches a master, and the outage per client. */
class TrafficTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.100");

  private static String pair(String profile, String segment, String clients, String timeline) {
    String hosts = profile.startsWith("ucarp") ? """
        host fw1
          nic em0 lan 10.0.0.1/24
          ucarp --interface=em0 --srcip=10.0.0.1 --vhid=1 --advskew=0 --pass=s3cret --addr=10.0.0.100 %1$s&
        host fw2
          nic em0 lan 10.0.0.2/24
          ucarp --interface=em0 --srcip=10.0.0.2 --vhid=1 --advskew=100 --pass=s3cret --addr=10.0.0.100 %1$s&
        """ : """
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
        """;
    return "scenario \"traffic\"\nprofile " + (profile.startsWith("ucarp") ? "ucarp" : profile) + "\n" + segment
        + " lan 10.0.0.0/24\n"
        + String.format(hosts, profile.equals("ucarp") ? "--upscript=/etc/vip-up.sh --downscript=/etc/vip-down.sh "
            : "")
        + clients + "\n" + timeline + "\n";
  }

  private static RunResult run(String text) {
    return ScenarioRunner.run(ScenarioParser.parse("traffic.carp", text));
  }

  private static TrafficCounted total(RunResult r) {
    return r.view().traffic("lan", VIP);
  }

  /**
   * openbsd: fw1 crashes at 20 s; fw2 becomes master 3 x (1 s + 100/256 s) after fw1's last
   * advertisement at 20 s (the crash comes after the one sent at that instant), 23.171875 s. Every
   * client's packets go nowhere from its first one after 20 s to its first one after the takeover:
   * about 3.2 s for everybody, and the three seconds before the first master are no outage.
   */
  @Test
  void aCrashedMasterIsAnOutageOfTheMasterDownIntervalForEveryClient() {
    RunResult r = run(pair("openbsd", "segment", "clients lan 20 from 10.0.0.0/25 send 10.0.0.100 every 100ms",
        "at 20s crash fw1\nrun 40s\nexpect outage lan 10.0.0.100 <= 3.3s\nexpect outage lan 10.0.0.100 <= 3s\n"
            + "expect outage-share lan 10.0.0.100 <= 99%"));
    List<Outage> outages = r.view().outages("lan", VIP);
    assertEquals(20, outages.size(), "one outage per client: " + outages);
    for (Outage o : outages) {
      assertTrue(o.from() >= 20_000_000_000L && o.from() < 20_100_000_000L, o.toString());
      assertTrue(o.to() >= 23_171_875_000L && o.to() < 23_271_875_000L, o.toString());
      assertEquals(o.duration() / 100_000_000L, o.lost(), "one packet every 100 ms lost: " + o);
      assertFalse(o.open());
    }
    TrafficCounted t = total(r);
    assertEquals(20, t.clients());
    assertEquals(t.sent(), t.served() + t.twice() + t.lost());
    assertEquals(0, t.twice());
    assertTrue(t.lost() > 20 * 30, "the failover's packets and those before the first master: " + t);
    assertEquals(t.lost(), t.lostPerBucket().stream().mapToLong(Long::longValue).sum(), "every lost packet bucketed");
    assertEquals(1_000_000_000L, t.bucketNanos(), "40 s in at most 60 buckets, no shorter than 100 ms: 1 s");
    assertEquals(200, t.lostPerBucket().get(21), "every packet of every client lost between 21 s and 22 s");
    assertEquals(0, t.lostPerBucket().get(10), "none while fw1 was master");
    List<Verdict> v = r.verdicts();
    assertTrue(v.get(0).passed(), v.get(0).detail());
    assertFalse(v.get(1).passed());
    assertTrue(v.get(1).detail().startsWith("longest outage 3.2s ("), v.get(1).detail());
    assertFalse(v.get(2).passed(), "every client saw it: " + v.get(2).detail());
    assertTrue(v.get(2).detail().startsWith("100.0%: 20 of 20 clients saw an outage"), v.get(2).detail());
  }

  /** A learning switch: the virtual MAC moves to fw2's port with its first advertisement, and traffic follows. */
  @Test
  void aLearningSwitchFollowsTheVirtualMacToTheNewMaster() {
    RunResult hub = run(pair("openbsd", "segment", "clients lan 20 from 10.0.0.0/25 send 10.0.0.100 every 100ms",
        "at 20s crash fw1\nrun 40s"));
    RunResult sw = run(pair("openbsd", "switch", "clients lan 20 from 10.0.0.0/25 send 10.0.0.100 every 100ms",
        "at 20s crash fw1\nrun 40s"));
    assertEquals(total(hub).served(), total(sw).served());
    assertEquals(hub.view().outages("lan", VIP), sw.view().outages("lan", VIP));
  }

  /** ucarp leaves the address to its up-script: without one, nobody ever serves the clients. */
  @Test
  void ucarpWithoutAnUpScriptServesNobody() {
    RunResult r = run(pair("ucarp-no-script", "segment",
        "clients lan 5 from 10.0.0.0/25 send 10.0.0.100 every 1s cache router",
        "run 20s\nexpect outage-share lan 10.0.0.100 <= 0%"));
    TrafficCounted t = total(r);
    assertEquals(0, t.served());
    assertEquals(t.sent(), t.lost());
    List<Outage> outages = r.view().outages("lan", VIP);
    assertEquals(5, outages.size());
    assertTrue(outages.stream().allMatch(Outage::open), "never served: open from the first packet to the end");
    assertFalse(r.verdicts().get(0).passed());
  }

  /**
   * ucarp with scripts: the new master's gratuitous ARP (from its own MAC) updates the entry that
   * the routers (4 h timeout) and Linux clients hold for fw1's MAC, so the outage is the failover.
   */
  @Test
  void theNewMastersGratuitousArpMovesEveryCacheToItsMac() {
    RunResult r = run(pair("ucarp", "segment",
        "clients lan 4 from 10.0.0.0/25 send 10.0.0.100 every 100ms cache router\n"
            + "clients lan 4 from 10.0.0.128/25 send 10.0.0.100 every 100ms cache linux",
        "at 20s crash fw1\nrun 60s\nexpect outage lan 10.0.0.100 <= 4.5s"));
    assertTrue(r.passed(), r.verdicts().toString());
    assertEquals(8, r.view().outages("lan", VIP).size());
    assertEquals(8, total(r).clients());
  }

  @Test
  void sameSeedSameHistory() {
    String text = pair("openbsd", "segment", "clients lan 10 from 10.0.0.0/25 send 10.0.0.100 every 50ms",
        "at 20s crash fw1\nrun 40s");
    assertEquals(run(text).history().toText(), run(text).history().toText());
  }

  /** A run told about its progress (in steps of half a percent) is the same run, entry for entry. */
  @Test
  void progressChangesNothing() {
    String text = pair("openbsd", "switch", "clients lan 10 from 10.0.0.0/25 send 10.0.0.100 every 50ms",
        "at 20s crash fw1\nat 30s boot fw1\nrun 40s");
    java.util.List<Long> steps = new java.util.ArrayList<>();
    RunResult told = ScenarioRunner.run(ScenarioParser.parse("traffic.carp", text), RunOptions.DEFAULT,
        (now, end) -> steps.add(now));
    assertEquals(run(text).history().toText(), told.history().toText());
    assertEquals(200, steps.size());
    assertEquals(40_000_000_000L, steps.get(steps.size() - 1));
    assertEquals(200_000_000L, steps.get(0));
  }

  /**
   * A partition places a client population on a side by its from subnet: the clients on fw2's side
   * lose their traffic until fw2 takes over and announces itself (ucarp, up-script's address); the
   * clients on fw1's side never notice. After the heal ucarp's master reasserts itself with a
   * gratuitous ARP, so no router is left pointing at the host that yielded.
   */
  @Test
  void aPartitionPlacesClientsOnASideByTheirSubnet() {
    RunResult r = run(pair("ucarp", "switch",
        "clients lan 2 from 10.0.0.0/25 send 10.0.0.100 every 1s cache router\n"
            + "clients lan 2 from 10.0.0.128/25 send 10.0.0.100 every 1s cache router",
        "at 20s partition lan fw1 10.0.0.0/25 | fw2 10.0.0.128/25\nat 40s heal lan\nrun 120s"));
    List<Outage> outages = r.view().outages("lan", VIP);
    assertEquals(2, outages.size(), "only fw2's side: " + outages);
    for (Outage o : outages) {
      assertTrue((((Ipv4Address) o.client()).value() & 0xff) >= 128, o.toString());
      assertTrue(o.from() >= 20_000_000_000L && o.to() < 26_000_000_000L, "until fw2's takeover: " + o);
    }
  }

  /** A sweep summarises the outage like the failover: the longest client outage per run with traffic. */
  @Test
  void aSweepCaseKeepsTheLongestOutageOfItsRun() {
    RunResult traffic = run(pair("openbsd", "segment", "clients lan 5 from 10.0.0.0/25 send 10.0.0.100 every 100ms",
        "at 20s crash fw1\nrun 40s"));
    RunResult none = run(pair("openbsd", "segment", "", "at 20s crash fw1\nrun 40s"));
    org.carpsim.scenario.sweep.CaseResult withTraffic = org.carpsim.scenario.sweep.CaseResult.of(0, traffic);
    org.carpsim.scenario.sweep.CaseResult without = org.carpsim.scenario.sweep.CaseResult.of(0, none);
    long longest = outagesOf(traffic).stream().mapToLong(Outage::duration).max().orElseThrow();
    assertEquals(longest, withTraffic.longestOutageNanos());
    assertTrue(longest > 3_000_000_000L && longest < 3_300_000_000L, "the failover: " + longest);
    assertEquals(org.carpsim.scenario.sweep.CaseResult.NO_TRAFFIC, without.longestOutageNanos());
    var summary = org.carpsim.scenario.sweep.CombinationSummary.of(0, java.util.Map.of(), List.of(withTraffic, without));
    assertEquals(1, summary.outage().count(), "only the run with traffic counts");
    assertEquals(longest, summary.outage().max());
  }

  private static List<Outage> outagesOf(RunResult run) {
    return run.view().outages("lan", VIP);
  }
}
