package org.carpsim.reports.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Balancing.ArpBalance;
import org.carpsim.scenario.examples.BuiltInExamples;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The analysis against the simulator: for every scenario with clients (the seeds' examples and one
 * per balancing rule written here), the shares the analysis computes for the first round of requests
 * equal, host by host and client by client, who answered first in the simulated run.
 */
class BalanceAgreementTest {

  /** Two hosts, vhids 1 and 2 on 192.168.1.10, skews swapped: the carp(4) example, for any carp-interface profile. */
  static String twoVhids(String profile, String passA, String passB, String extra) {
    StringBuilder s = new StringBuilder("profile " + profile + "\nsegment lan 192.168.1.0/24\n");
    String[][] hosts = {{"A", "2", "", " advskew 100"}, {"B", "3", " advskew 100", ""}};
    for (String[] h : hosts) {
      s.append("host ").append(h[0]).append("\n  nic em0 lan 192.168.1.").append(h[1]).append("/24\n")
          .append("  ifconfig carp0 create\n")
          .append("  ifconfig carp0 vhid 1").append(h[2]).append(" pass ").append(passA).append(" 192.168.1.10/24\n")
          .append("  ifconfig carp1 create\n")
          .append("  ifconfig carp1 vhid 2").append(h[3]).append(" pass ").append(passB).append(" 192.168.1.10/24\n")
          .append("  sysctl -w net.inet.carp.arpbalance=1\n");
    }
    s.append(extra);
    return s.toString();
  }

  static final String CLIENTS = "clients lan 200 from 192.168.1.0/24 arp 192.168.1.10 every 10s start 5s\nrun 30s\n";

  /** Scenarios written for a rule the seeds' examples do not cover. */
  static List<Scenario> extra() {
    List<Scenario> out = new ArrayList<>();
    out.add(ScenarioParser.parse("freebsd-6.carp", twoVhids("freebsd-6", "mekmitasdigoat", "mekmitasdigoat", CLIENTS)));
    out.add(ScenarioParser.parse("netbsd-two-keys.carp", twoVhids("netbsd", "one", "two", CLIENTS)));
    out.add(ScenarioParser.parse("openbsd-3.5-no-arpbalance.carp",
        twoVhids("openbsd-3.5", "x", "x", CLIENTS).replace("  sysctl -w net.inet.carp.arpbalance=1\n", "")));
    // senders off the hosts' subnet (a segment without a subnet lets them in): 11 is odd
    out.add(ScenarioParser.parse("openbsd-3.5-odd-octet.carp", twoVhids("openbsd-3.5", "x", "x",
        "clients lan 60 from 11.0.0.0/24 arp 192.168.1.10 every 10s start 5s\nrun 30s\n")
        .replace("segment lan 192.168.1.0/24", "segment lan")));
    out.add(ScenarioParser.parse("openbsd-balancing-arp.carp", """
        profile openbsd
        segment lan 10.0.0.0/24
        host A
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 carpnodes 1:0,2:100,3:0 balancing arp pass p carpdev em0 10.0.0.10/24
        host B
          nic em0 lan 10.0.0.3/24
          ifconfig carp0 create
          ifconfig carp0 carpnodes 1:100,2:0,3:100 balancing arp pass p carpdev em0 10.0.0.10/24
        clients lan 150 from 10.0.0.0/24 arp 10.0.0.10 every 10s start 5s
        run 30s
        """));
    out.add(ScenarioParser.parse("openbsd-balancing-ip.carp", """
        profile openbsd
        segment lan 10.0.0.0/24
        host A
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 carpnodes 1:0,2:100 pass p carpdev em0 10.0.0.10/24
        host B
          nic em0 lan 10.0.0.3/24
          ifconfig carp0 create
          ifconfig carp0 carpnodes 1:100,2:0 pass p carpdev em0 10.0.0.10/24
        clients lan 50 from 10.0.0.0/24 arp 10.0.0.10 every 10s start 5s
        run 30s
        """));
    out.add(ScenarioParser.parse("freebsd.carp", """
        profile freebsd
        segment lan 10.0.0.0/24
        host A
          nic em0 lan 10.0.0.2/24
          ifconfig em0 vhid 1 pass p 10.0.0.10/24
        host B
          nic em0 lan 10.0.0.3/24
          ifconfig em0 vhid 1 advskew 100 pass p 10.0.0.10/24
        clients lan 50 from 10.0.0.0/24 arp 10.0.0.10 every 10s start 5s
        run 30s
        """));
    // ucarp adds the address only through --upscript: without one nobody answers ARP for it
    out.add(ScenarioParser.parse("ucarp.carp", """
        profile ucarp
        segment lan 10.0.0.0/24
        host A
          nic em0 lan 10.0.0.2/24
          ucarp --interface=em0 --srcip=10.0.0.2 --vhid=1 --advskew=0 --pass=s3cret --addr=10.0.0.100 &
        host B
          nic em0 lan 10.0.0.3/24
          ucarp --interface=em0 --srcip=10.0.0.3 --vhid=1 --advskew=100 --pass=s3cret --addr=10.0.0.100 &
        clients lan 40 from 10.0.0.0/24 arp 10.0.0.100 every 10s start 8s
        run 30s
        """));
    out.add(ScenarioParser.parse("ucarp-upscript.carp", """
        profile ucarp
        segment lan 10.0.0.0/24
        host A
          nic em0 lan 10.0.0.2/24
          ucarp --interface=em0 --srcip=10.0.0.2 --vhid=1 --advskew=0 --pass=s3cret --addr=10.0.0.100 --upscript=/usr/local/sbin/vip-up &
        host B
          nic em0 lan 10.0.0.3/24
          ucarp --interface=em0 --srcip=10.0.0.3 --vhid=1 --advskew=100 --pass=s3cret --addr=10.0.0.100 --upscript=/usr/local/sbin/vip-up &
        clients lan 40 from 10.0.0.0/24 arp 10.0.0.100 every 10s start 8s
        run 30s
        """));
    return out;
  }

  static Stream<Scenario> scenarios() {
    Stream<Scenario> examples = BuiltInExamples.all().stream().map(BuiltInExamples.Example::parse)
        .filter(s -> !s.clients().isEmpty());
    return Stream.concat(examples, extra().stream());
  }

  @TestFactory
  Stream<DynamicTest> analysisEqualsSimulationClientByClient() {
    return scenarios().flatMap(s -> {
      RunResult run = ScenarioRunner.run(s);
      List<DynamicTest> tests = new ArrayList<>();
      for (ClientPopulation p : s.clients()) {
        tests.add(DynamicTest.dynamicTest(s.file() + " " + p.origin().where(), () -> agree(s, run, p)));
      }
      return tests.stream();
    });
  }

  private static void agree(Scenario s, RunResult run, ClientPopulation p) {
    BalanceSetup setup = ScenarioBalance.setup(s, run, p.segment(), (Ipv4Address) p.target(), p.start());
    BalanceReport r = BalanceAnalysis.analyze(setup, ScenarioBalance.clients(p));
    SimulatedRound sim = SimulatedRound.of(run, p, p.start());
    assertEquals(p.count(), sim.requests(), "one request per client in the round");
    assertEquals(p.count(), r.clients());
    int several = 0;
    for (BalanceReport.Outcome o : r.outcomes()) {
      String simulated = sim.byClient().get(o.client().address().orElseThrow());
      if (o.answeredBy().size() > 1) {
        several++;
        assertTrue(o.answeredBy().contains(simulated), o.client().label() + ": simulated " + simulated
            + " is one of " + o.answeredBy());
      } else {
        assertEquals(o.answeredBy().isEmpty() ? "" : o.answeredBy().get(0), simulated, o.client().label());
      }
    }
    if (several == 0) {
      for (BalanceReport.HostShare h : r.shares()) {
        assertEquals(sim.countOf(h.host()), h.count(), h.host() + "'s share");
      }
      assertEquals(sim.unanswered(), r.unanswered(), "unanswered");
    }
    assertEquals(several, r.several());
  }

  @TestFactory
  Stream<DynamicTest> laterInstantsAgreeToo() {
    // after a crash and a takeover, and in the middle of a run: any round of requests, not just the first
    return Stream.of(new Object[] {"carp.4-manual-arpbalance.carp", 70L}, new Object[] {"carp.4-manual-arpbalance.carp", 25L},
        new Object[] {"carp.4-examples-arpbalance.carp", 45L}).map(x -> DynamicTest.dynamicTest(x[0] + " at " + x[1] + "s", () -> {
          Scenario s = BuiltInExamples.all().stream().filter(e -> e.name().equals(x[0])).findFirst().orElseThrow().parse();
          RunResult run = ScenarioRunner.run(s);
          ClientPopulation p = s.clients().get(0);
          long at = (Long) x[1] * 1_000_000_000L;
          BalanceReport r = BalanceAnalysis.analyze(ScenarioBalance.setup(s, run, p.segment(), (Ipv4Address) p.target(), at),
              ScenarioBalance.clients(p));
          SimulatedRound sim = SimulatedRound.of(run, p, at);
          assertEquals(p.count(), sim.requests());
          for (BalanceReport.HostShare h : r.shares()) {
            assertEquals(sim.countOf(h.host()), h.count(), h.host());
          }
          assertEquals(sim.unanswered(), r.unanswered());
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyBalancingRuleIsCovered() {
    List<String> rules = scenarios().flatMap(s -> {
      RunResult run = ScenarioRunner.run(s);
      return s.clients().stream().map(p -> BalanceAnalysis.analyze(
          ScenarioBalance.setup(s, run, p.segment(), (Ipv4Address) p.target(), p.start()), ScenarioBalance.clients(p)).rule());
    }).distinct().toList();
    return Stream.of(ArpBalance.values()).filter(a -> a != ArpBalance.PER_INTERFACE_MODES)
        .map(a -> DynamicTest.dynamicTest(a.name(), () -> assertTrue(rules.contains(a.name()), rules.toString())));
  }

  @TestFactory
  Stream<DynamicTest> theSplitsAreNotTrivial() {
    // guards the agreement test against agreeing on nothing: each rule gives the split it is known for
    return Stream.of(
        DynamicTest.dynamicTest("openbsd-3.5 without arpbalance: both answer, BACKUP too", () -> {
          BalanceReport r = analyse("openbsd-3.5-no-arpbalance.carp", 0);
          assertEquals(List.of(200, 200, 200), List.of(r.countOf("A"), r.countOf("B"), r.several()));
        }),
        DynamicTest.dynamicTest("openbsd-3.5: 11.x all go to vhid 2", () -> assertShares(
            "openbsd-3.5-odd-octet.carp", 0, 0, 60)),
        DynamicTest.dynamicTest("freebsd-6: by parity of the last octet", () -> {
          ClientPopulation p = extra().get(0).clients().get(0);
          int even = (int) p.clients().stream().filter(c -> (((Ipv4Address) c.address()).value() & 1) == 0).count();
          assertTrue(even > 0 && even < p.count());
          assertShares("freebsd-6.carp", 0, even, p.count() - even);
        }),
        DynamicTest.dynamicTest("netbsd two keys: some nobody, some both", () -> {
          BalanceReport r = analyse("netbsd-two-keys.carp", 0);
          assertTrue(r.unanswered() > 0 && r.several() > 0, r.explanation().toString());
        }),
        DynamicTest.dynamicTest("ucarp: nobody without an up-script", () -> assertShares("ucarp.carp", 0, 0, 0)),
        DynamicTest.dynamicTest("ucarp: the master with one", () -> assertShares("ucarp-upscript.carp", 0, 40, 0)),
        DynamicTest.dynamicTest("openbsd balancing ip: the leader's master only", () -> assertShares(
            "openbsd-balancing-ip.carp", 0, 50, 0)));
  }

  private static BalanceReport analyse(String file, int population) {
    Scenario s = extra().stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
    ClientPopulation p = s.clients().get(population);
    RunResult run = ScenarioRunner.run(s);
    return BalanceAnalysis.analyze(ScenarioBalance.setup(s, run, p.segment(), (Ipv4Address) p.target(), p.start()),
        ScenarioBalance.clients(p));
  }

  private static void assertShares(String file, int population, int a, int b) {
    BalanceReport r = analyse(file, population);
    assertEquals(a, r.countOf("A"), r.explanation().toString());
    assertEquals(b, r.countOf("B"), r.explanation().toString());
    assertFalse(r.explanation().isEmpty());
  }
}
