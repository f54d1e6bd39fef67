package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

/** What a configuration does at boot, said before the run: failing lines, address-less vhosts, odd addresses. */
class BootCheckTest {

  private static List<String> findings(String hosts) {
    String text = "scenario \"boot\"\nprofile openbsd\nsegment lan 10.0.0.0/24\n" + hosts + "run 10s\n";
    return BootCheck.of(ScenarioParser.parse("b.carp", text)).stream().map(BootCheck.Finding::toString).toList();
  }

  @Test
  void aLineThatFailsWhenItRunsIsSaidWithItsPlaceAndTheSystemsMessage() {
    assertEquals(List.of("b.carp:7:3: warning: this line fails when it runs: ifconfig: SIOCIFCREATE: File exists"),
        findings("""
            host fw1
              nic em0 lan 10.0.0.1/24
              ifconfig carp0 create
              ifconfig carp0 create
              ifconfig carp0 vhid 1 pass x carpdev em0 10.0.0.100/24
            """));
  }

  /** Current OpenBSD's ifconfig creates a missing carp interface for any verb but destroy: no failure. */
  @Test
  void openbsdCreatesTheCloneItIsToldToConfigure() {
    assertEquals(List.of(), findings("""
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 vhid 1 pass x carpdev em0 10.0.0.100/24
        """));
  }

  @Test
  void aVhostWithoutAnAddressOrWithItsNicsAddressOrAMappedOneIsSaid() {
    assertEquals(List.of(
        "b.carp:4:1: warning: fw1.carp0 vhid 1 has no address after boot: it stays INIT until one is given",
        "b.carp:7:1: warning: fw2.carp0 vhid 2 shares 10.0.0.2 with fw2.em0's own address: the NIC answers for it "
            + "whatever the CARP state",
        "b.carp:10:1: warning: fw3.carp0 vhid 3 holds ::ffff:10.0.0.5, an IPv4-mapped address: no IPv6 neighbour "
            + "asks for it and IPv4 clients never see it; give the IPv4 address itself"), findings("""
        host fw1
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 vhid 1 pass x carpdev em0
        host fw2
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 vhid 2 pass x carpdev em0 10.0.0.2/24
        host fw3
          nic em0 lan 10.0.0.3/24
          ifconfig carp0 vhid 3 pass x carpdev em0 10.0.0.103/24
          ifconfig carp0 inet6 ::ffff:10.0.0.5
        """));
  }

  /** A timeline line that will fail is said before the run too, with its instant; a crash and boot start over. */
  @Test
  void aTimelineLineThatFailsWhenItRunsIsSaidWithItsPlace() {
    assertEquals(List.of(
        "b.carp:10:1: warning: this line fails when it runs at 2s: ifconfig: SIOCIFCREATE: File exists",
        "b.carp:12:1: warning: this line fails when it runs at 3s: ifconfig: SIOCIFDESTROY: Device not configured",
        "b.carp:14:1: warning: this line fails when it runs at 4.5s: host is powered off"),
        findings("""
            host fw1
              nic em0 lan 10.0.0.1/24
              ifconfig carp0 create
              ifconfig carp0 vhid 1 pass x carpdev em0 10.0.0.100/24
            at 1s fw1: ifconfig carp0 destroy
            at 2s fw1: ifconfig carp0 create
            at 2s fw1: ifconfig carp0 create
            at 3s fw1: ifconfig carp0 destroy
            at 3s fw1: ifconfig carp0 destroy
            at 4s crash fw1
            at 4.5s fw1: ifconfig carp0 destroy
            at 5s boot fw1
            at 6s fw1: ifconfig carp0 destroy
            """));
  }
}
