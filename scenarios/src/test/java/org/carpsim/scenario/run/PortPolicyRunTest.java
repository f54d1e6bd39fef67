package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

/**
 * CARP on VMs behind a vSwitch that rejects forged transmits and promiscuous mode (field failure 5):
 * the advertisements leave from the virtual MAC, so they never leave; every host becomes MASTER,
 * and the ARP replies from the virtual MAC never reach the clients: nobody is served.
 */
class PortPolicyRunTest {

  private static RunResult run(String policy) {
    String text = """
        scenario "vSwitch"
        profile openbsd
        segment lan 10.0.0.0/24
        host fw1
          nic em0 lan 10.0.0.1/24 POLICY
          ifconfig carp0 create
          ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.0.100/24
        host fw2
          nic em0 lan 10.0.0.2/24 POLICY
          ifconfig carp0 create
          ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.0.100/24
        clients lan 10 from 10.0.0.0/25 send 10.0.0.100 every 100ms
        run 30s
        expect always one-master lan vhid 1
        expect outage-share lan 10.0.0.100 <= 0%
        """.replace("POLICY", policy);
    return ScenarioRunner.run(ScenarioParser.parse("vswitch.carp", text));
  }

  @Test
  void rejectingPortsGiveTwoMastersAndABlackhole() {
    RunResult strict = run("forged-transmits reject promiscuous reject");
    assertFalse(strict.verdicts().get(0).passed(), "both MASTER: " + strict.verdicts().get(0).detail());
    assertEquals(0, strict.view().traffic("lan", Ipv4Address.parse("10.0.0.100")).served());
    assertFalse(strict.verdicts().get(1).passed());
  }

  @Test
  void acceptingPortsAreAPlainSegment() {
    RunResult open = run("forged-transmits accept promiscuous accept");
    assertTrue(open.passed(), open.verdicts().toString());
    RunResult plain = run("");
    assertEquals(plain.history().toText(), open.history().toText(), "accept is what a plain port does");
  }

  @Test
  void promiscuousRejectAloneBlackholesTheTrafficButKeepsOneMaster() {
    RunResult r = run("promiscuous reject");
    assertTrue(r.verdicts().get(0).passed(), "the advertisements pass: " + r.verdicts().get(0).detail());
    assertEquals(0, r.view().traffic("lan", Ipv4Address.parse("10.0.0.100")).served(),
        "traffic to the virtual MAC never reaches the master's port");
  }

  /** Two masters on a switch advertise from one virtual MAC: the switch sees it move; one master, none. */
  @Test
  void twoMastersOnASwitchMoveTheVirtualMacOnEveryAdvertisement() throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Path.of("field/multicast-dropped-one-way.carp");
    RunResult r = ScenarioRunner.run(ScenarioParser.parse(file.toString(), java.nio.file.Files.readString(file)));
    var moves = r.history().events(org.carpsim.scenario.history.MacMoves.class);
    assertEquals(java.util.List.of("lan", "obsd"), moves.stream().map(m -> m.segment()).toList(),
        "only the switches with two masters: " + moves);
    assertTrue(moves.get(0).moves() > 20, "about two per second of the two-master stretch: " + moves);
  }
}
