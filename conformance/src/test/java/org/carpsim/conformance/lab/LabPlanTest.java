package org.carpsim.conformance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which scenarios a namespace lab takes, and the refusals, each at its line and column with its reason. */
class LabPlanTest {

  private static final String TWO_UCARP = """
      scenario "t"
      profile ucarp
      segment lan 10.99.0.0/24
      host fw1
        nic eth0 lan 10.99.0.11/24
        ucarp --interface=eth0 --srcip=10.99.0.11 --vhid=1 --pass=secret --addr=10.99.0.100 --upscript=/u --downscript=/d &
      host fw2
        nic eth0 lan 10.99.0.12/24
        ucarp --interface=eth0 --srcip=10.99.0.12 --vhid=1 --advskew=100 --pass=secret --addr=10.99.0.100 &
      """;

  @ParameterizedTest
  @ValueSource(strings = {"ucarp-crash-master.carp", "ucarp-kill-daemon.carp", "partition-heal.carp",
      "mixed-openbsd-ucarp.carp", "keepalived-kill-and-stop.carp"})
  void theLiveScenariosAreRunnableAndHoldSimulated(String name) throws IOException {
    Path file = liveScenarios().resolve(name);
    LabPlan plan = LabPlan.of(ScenarioParser.parse(file.toString(), Files.readString(file)));
    assertEquals(List.of(), plan.refusals());
    assertTrue(plan.runnable());
    RunResult simulated = ScenarioRunner.run(plan.scenario());
    assertTrue(simulated.passed(), "simulated, the live scenario's expectations hold: " + simulated.verdicts());
  }

  @Test
  void aPublicAddressIsRefusedAtItsLine() {
    LabPlan plan = plan(TWO_UCARP.replace("segment lan 10.99.0.0/24", "segment lan 8.8.8.0/24")
        .replace("10.99.0.", "8.8.8.") + "run 10s\n");
    assertTrue(plan.refusals().contains("t.carp:3:1: live: segment lan 8.8.8.0/24 is not a private network (10/8,"
        + " 172.16/12, 192.168/16, 169.254/16): its addresses could leave the lab"), plan.refusals().toString());
    assertTrue(plan.refusals().stream().anyMatch(r -> r.startsWith("t.carp:5:") && r.contains("8.8.8.11/24 is not"
        + " private")), plan.refusals().toString());
    assertTrue(plan.refusals().stream().anyMatch(r -> r.startsWith("t.carp:6:") && r.contains("--addr 8.8.8.100")),
        plan.refusals().toString());
  }

  @Test
  void faultsWithoutALiveActionAreRefusedWithTheActionsThereAre() {
    LabPlan plan = plan(TWO_UCARP + "at 5s pause fw1 2s\nat 6s clock fw2 +1s\nrun 10s\n");
    assertEquals(List.of(
        "t.carp:10:1: live: 'pause' has no live action (live: crash, boot, link, partition, heal, loss, latency,"
            + " jitter, duplicate)",
        "t.carp:11:1: live: 'clock' has no live action (live: crash, boot, link, partition, heal, loss, latency,"
            + " jitter, duplicate)"), plan.refusals());
  }

  @Test
  void crashLinkPartitionHealAndLossAreMapped() {
    LabPlan plan = plan(TWO_UCARP + "at 2s link fw1.eth0 down\nat 3s link fw1.eth0 up\nat 4s partition lan fw1 | fw2\n"
        + "at 5s heal lan\nat 6s loss lan 5%\nat 7s crash fw1\nat 8s boot fw1\nrun 10s\n");
    assertEquals(List.of(), plan.refusals());
  }

  @Test
  void aPassfileTrafficClientsAndALongRunAreRefused() {
    LabPlan plan = plan(TWO_UCARP.replace("--pass=secret --addr=10.99.0.100 --upscript", "--passfile=/etc/p"
        + " --addr=10.99.0.100 --upscript")
        + "clients lan 5 from 10.99.0.128/25 send 10.99.0.100 every 1s\nrun 20m\n");
    List<String> r = plan.refusals();
    assertTrue(r.stream().anyMatch(x -> x.startsWith("t.carp:6:") && x.contains("--passfile")), r.toString());
    assertTrue(r.stream().anyMatch(x -> x.startsWith("t.carp:10:") && x.contains("clients that send traffic")),
        r.toString());
    assertTrue(r.stream().anyMatch(x -> x.startsWith("t.carp:1:1: live: the run lasts 1200 s")), r.toString());
  }

  @Test
  void aLiveNodeTakesOneVhidAndOnlyUpOrDownOnTheTimeline() {
    String text = """
        segment lan 10.99.0.0/24
        host fw1 profile openbsd
          nic em0 lan 10.99.0.11/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass secret 10.99.0.100/24
          ifconfig carp1 create
          ifconfig carp1 vhid 2 pass secret 10.99.0.101/24
        host fw2 profile netbsd
          nic em0 lan 10.99.0.12/24
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass secret 10.99.0.100/24
        at 5s fw2: ifconfig carp0 down
        at 6s fw2: ifconfig carp0 advskew 50
        run 10s
        """;
    List<String> r = plan(text).refusals();
    assertEquals(List.of(
        "t.carp:2:1: live: carpsim's live node stands in for this host, but it configures vhids 1 and 2; a live node"
            + " runs one vhid per host",
        "t.carp:13:1: live: on fw2 (carpsim's live node) only 'ifconfig carp0 down' (a bow-out: the node stops) and"
            + " 'ifconfig carp0 up' (it starts again) are mapped"), r);
  }

  @Test
  void aLiveNodesArgumentsComeFromItsIfconfigLinesAndNeverPrintThePassphrase() {
    Scenario s = ScenarioParser.parse("t.carp", """
        segment lan 10.99.0.0/24
        host fw1 profile openbsd
          nic em0 lan 10.99.0.11/24
          sysctl net.inet.carp.preempt=1
          ifconfig carp0 create
          ifconfig carp0 vhid 7 pass hunter2 advbase 2 advskew 30 10.99.0.100 netmask 255.255.255.0
        run 10s
        """);
    LiveNodePlan p = LiveNodePlan.of(s.host("fw1").orElseThrow());
    assertEquals(List.of("--iface", "em0", "--vhid", "7", "--vip", "10.99.0.100/24", "--profile", "openbsd",
        "--advbase", "2", "--advskew", "30", "--pass", "hunter2", "--preempt"), p.arguments("openbsd"));
    assertEquals("carp0", p.carpIface());
    assertTrue(!p.toString().contains("hunter2") && p.toString().contains("--pass ********"), p.toString());
  }

  @Test
  void ifconfigOfAUcarpHostsNicIsMappedWithinLimits() {
    LabPlan plan = plan(TWO_UCARP + "at 5s fw1: ifconfig eth0 down\nat 6s fw1: ifconfig eth0 inet 10.99.0.50/24 alias\n"
        + "at 7s fw1: ifconfig eth0 inet 8.8.8.8/24 alias\nat 8s fw1: ifconfig eth0 mtu 1400\nrun 10s\n");
    assertEquals(List.of("t.carp:12:1: live: ifconfig eth0: live, only private IPv4 addresses are mapped",
        "t.carp:13:1: live: ifconfig eth0: live, only up, down and IPv4 addresses are mapped (ip link, ip addr)"),
        plan.refusals());
  }

  @Test
  void aHostCalledSwAndAPortPolicyAreRefused() {
    List<String> r = plan(TWO_UCARP.replace("host fw2", "host sw").replace("nic eth0 lan 10.99.0.11/24",
        "nic eth0 lan 10.99.0.11/24 forged-transmits reject") + "run 10s\n").refusals();
    assertEquals(List.of("t.carp:5:3: live: a vSwitch port policy (forged-transmits, promiscuous) is not built live",
        "t.carp:7:1: live: host name 'sw' is the lab's switch namespace (PREFIX-sw); rename the host"), r);
  }

  @Test
  void withoutRootALiveRunSaysWhatItNeeds() {
    assertEquals(java.util.Optional.of("root (network namespaces, veth pairs and raw capture need it); run as root,"
        + " e.g. sudo"), LabPrerequisites.missing(ScenarioParser.parse("t.carp", TWO_UCARP + "run 10s\n"), false));
  }

  private static LabPlan plan(String text) {
    return LabPlan.of(ScenarioParser.parse("t.carp", text));
  }

  static Path liveScenarios() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("scenarios/live"))) {
        return d.resolve("scenarios/live");
      }
    }
    throw new IllegalStateException("scenarios/live not found above " + Path.of("").toAbsolutePath());
  }
}
