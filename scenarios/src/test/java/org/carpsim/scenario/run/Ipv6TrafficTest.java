package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 clients that send traffic to a virtual address through a neighbour discovery cache: the
 * same outages as IPv4's, measured through solicitations and advertisements (RFC 4861).
 */
class Ipv6TrafficTest {

  private static final Ipv6Address VIP = Ipv6Address.parse("2001:db8::100");

  /** An OpenBSD pair holding 2001:db8::100 on a segment (a hub or a switch with its options), the clients, the rest. */
  private static RunResult run(String segment, String clients, String rest) {
    return ScenarioRunner.run(ScenarioParser.parse("v6.carp", "scenario \"v6\"\nprofile openbsd\n" + segment + "\n"
        + """
        host fw1
          nic em0 lan 2001:db8::1/64
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        host fw2
          nic em0 lan 2001:db8::2/64
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        """ + clients + "\n" + rest + "\n"));
  }

  /**
   * fw1 crashes at 20 s, fw2 becomes master at 23.171875 s (3 × (1 s + 100/256 s) after the last
   * advertisement): every client's packets go nowhere from its first one after 20 s to its first one
   * after the takeover, as for IPv4; the unsolicited NA (Override) keeps the entries, and the virtual
   * MAC is the same, so no client waits longer.
   */
  @Test
  void aCrashedMasterIsAnOutageOfTheMasterDownIntervalForEveryClient() {
    RunResult r = run("switch lan 2001:db8::/64", "clients lan 20 from 2001:db8::1000/120 send 2001:db8::100 every 100ms",
        "at 20s crash fw1\nrun 40s\nexpect outage lan 2001:db8::100 <= 3.3s\nexpect convergence lan 2001:db8::100 <= 200ms");
    assertTrue(r.passed(), r.verdicts().toString());
    List<Outage> outages = r.view().outages("lan", VIP);
    assertEquals(20, outages.size(), "one outage per client: " + outages);
    for (Outage o : outages) {
      assertTrue(o.client() instanceof Ipv6Address, o.toString());
      assertTrue(o.from() >= 20_000_000_000L && o.from() < 20_100_000_000L, o.toString());
      assertTrue(o.to() >= 23_171_875_000L && o.to() < 23_271_875_000L, o.toString());
      assertFalse(o.open());
    }
    TrafficCounted t = r.view().traffic("lan", VIP);
    assertEquals(20, t.clients());
    assertEquals(t.sent(), t.served() + t.twice() + t.lost());
    assertEquals(0, t.twice());
    assertEquals(0, t.lostPerBucket().get(10), "none while fw1 was master");
    assertEquals(200, t.lostPerBucket().get(21), "every packet of every client lost between 21 s and 22 s");
    List<IpAddress> addresses = r.view().changes().stream().filter(c -> c.event().to().name().equals("MASTER"))
        .map(c -> c.event().addresses()).findFirst().orElseThrow();
    assertEquals(List.of(VIP), addresses, "a transition carries the vhost's IPv6 addresses");
  }

  /**
   * A BACKUP never answers a solicitation and takes no packet: with fw1 crashed before the first
   * master and fw2 powered off, the clients' solicitations go unanswered and nothing is served.
   */
  @Test
  void withoutAMasterNothingIsServed() {
    RunResult r = run("segment lan 2001:db8::/64",
        "clients lan 4 from 2001:db8::1000/120 send 2001:db8::100 every 100ms",
        "at 1s crash fw1\nat 1s crash fw2\nrun 20s");
    TrafficCounted t = r.view().traffic("lan", VIP);
    assertEquals(0, t.served());
    assertTrue(t.lost() > 0, t.toString());
  }

  /**
   * Field failure 9's mechanism, and the unsolicited-NA rule per cache model: on a managed MLD-snooping
   * switch without a querier, OpenBSD's BACKUP never reports the solicited-node group of its carp
   * address, so after fw2 takes over (23.17 s) no solicitation for 2001:db8::100 reaches it. Clients
   * that start at 30 s have no entry: Linux ignored fw2's unsolicited NA for the address it had no
   * entry for (accept_untracked_na 0) and its solicitations are dropped: never served, an outage to the
   * end; with accept_untracked_na 1 the NA created the entry (STALE) and they are served at once.
   */
  @Test
  void anUnsolicitedNaCreatesAnEntryOnlyWhereTheModelAcceptsUntrackedNas() {
    String timeline = "at 20s crash fw1\nrun 60s";
    RunResult linux = run("switch lan 2001:db8::/64 snooping managed querier off",
        "clients lan 3 from 2001:db8::1000/120 send 2001:db8::100 every 100ms cache linux start 30s", timeline);
    RunResult untracked = run("switch lan 2001:db8::/64 snooping managed querier off",
        "clients lan 3 from 2001:db8::1000/120 send 2001:db8::100 every 100ms cache linux-accept-untracked-na start 30s",
        timeline);
    TrafficCounted dropped = linux.view().traffic("lan", VIP);
    assertEquals(0, dropped.served(), "every solicitation dropped by the switch: " + dropped);
    List<Outage> open = linux.view().outages("lan", VIP);
    assertEquals(3, open.size());
    open.forEach(o -> assertTrue(o.open() && o.from() >= 30_000_000_000L, o.toString()));
    TrafficCounted created = untracked.view().traffic("lan", VIP);
    assertEquals(created.sent(), created.served(), "the NA's entry serves every packet: " + created);
    assertTrue(untracked.view().outages("lan", VIP).isEmpty());
  }

  /** IPv4 and IPv6 clients of one dual-stack pair are counted apart, each by its own address. */
  @Test
  void ipv4AndIpv6ClientsAreCountedApart() {
    RunResult r = ScenarioRunner.run(ScenarioParser.parse("ds.carp", """
        scenario "dual stack"
        profile openbsd
        switch lan 10.0.0.0/24 2001:db8::/64
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        clients lan 5 from 10.0.0.0/25 send 10.0.0.100 every 100ms
        clients lan 5 from 2001:db8::1000/120 send 2001:db8::100 every 100ms cache bsd
        at 20s crash fw1
        run 40s
        expect outage lan 10.0.0.100 <= 3.3s
        expect outage lan 2001:db8::100 <= 3.3s
        """));
    assertTrue(r.passed(), r.verdicts().toString());
    TrafficCounted v4 = r.view().traffic("lan", Ipv4Address.parse("10.0.0.100"));
    TrafficCounted v6 = r.view().traffic("lan", VIP);
    assertEquals(5, v4.clients());
    assertEquals(5, v6.clients());
    assertTrue(v4.served() > 0 && v6.served() > 0);
    assertEquals(5, r.view().outages("lan", VIP).size());
    r.view().outages("lan", VIP).forEach(o -> assertTrue(o.client() instanceof Ipv6Address, o.toString()));
  }

  /**
   * The clients' frames as Wireshark reads them (the reference decoder, not our own): a solicitation to
   * the solicited-node group with the client's MAC as source link-layer option, the master's solicited
   * advertisement, then UDP to the discard port, every ICMPv6 and UDP checksum good. Skipped without
   * tshark, failed when CI=true.
   */
  @Test
  void wiresharkReadsTheClientsSolicitationsAndPackets(@TempDir Path tmp) throws Exception {
    String tshark = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "tshark"))) {
        tshark = Path.of(dir, "tshark").toString();
      }
    }
    if (tshark == null && "true".equals(System.getenv("CI"))) {
      fail("tshark is not installed (CI=true)");
    }
    assumeTrue(tshark != null, "tshark is not installed");
    Path pcap = tmp.resolve("v6.pcap");
    ScenarioRunner.run(ScenarioParser.parse("v6.carp", """
        scenario "v6"
        profile openbsd
        switch lan 2001:db8::/64
        host fw1
          nic em0 lan 2001:db8::1/64
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0
          ifconfig carp0 inet6 2001:db8::100 prefixlen 64
        clients lan 1 from 2001:db8::1000/120 send 2001:db8::100 every 1s start 5s
        run 7s
        """), RunOptions.DEFAULT.withPcap(pcap));
    ProcessBuilder pb = new ProcessBuilder(tshark, "-n", "-o", "udp.check_checksum:TRUE", "-r", pcap.toString(),
        "-Y", "ipv6.src == 2001:db8::1001 || ipv6.dst == 2001:db8::1001", "-T", "fields", "-E", "separator=|",
        "-e", "eth.src", "-e", "eth.dst", "-e", "ipv6.dst", "-e", "icmpv6.type", "-e", "icmpv6.nd.ns.target_address",
        "-e", "icmpv6.opt.linkaddr", "-e", "icmpv6.nd.na.flag.s", "-e", "icmpv6.checksum.status", "-e", "udp.dstport",
        "-e", "udp.checksum.status").redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    List<String> lines = out.lines().toList();
    assertEquals(List.of(
        "0a:00:01:00:00:01|33:33:ff:00:01:00|ff02::1:ff00:100|135|2001:db8::100|0a:00:01:00:00:01||1||",
        "00:00:5e:00:01:01|0a:00:01:00:00:01|2001:db8::1001|136||00:00:5e:00:01:01|1|1||",
        "0a:00:01:00:00:01|00:00:5e:00:01:01|2001:db8::100||||||9|1",
        "0a:00:01:00:00:01|00:00:5e:00:01:01|2001:db8::100||||||9|1",
        "0a:00:01:00:00:01|00:00:5e:00:01:01|2001:db8::100||||||9|1"), lines, "at 5 s (the packet that waited), 6 s, 7 s");
  }
}
